#include "model/io/ScenarioJsonReader.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <fmt/format.h>

namespace breakeven::scenario_json {

namespace {

bool isIdentifier(std::string_view key) {
    const auto letter = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    };
    if (key.empty() || !letter(key.front())) return false;
    return std::all_of(key.begin(), key.end(),
                       [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
}

char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Levenshtein distance, ignoring ASCII case.
std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitution =
                diagonal + (lowerAscii(a[i - 1]) == lowerAscii(b[j - 1]) ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
            diagonal = above;
        }
    }
    return row[b.size()];
}

bool contains(std::span<const std::string_view> list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

std::string quotedList(std::span<const std::string_view> names) {
    std::string out;
    for (const auto name : names) {
        if (!out.empty()) out += ", ";
        out += fmt::format("\"{}\"", name);
    }
    return out;
}

std::string didYouMean(std::string_view word, std::span<const std::string_view> candidates) {
    const auto match = suggest(word, candidates);
    return match ? fmt::format(" (did you mean \"{}\"?)", *match) : std::string();
}

}  // namespace

std::string memberPath(std::string_view parent, std::string_view key) {
    if (!isIdentifier(key)) {
        const std::string quoted =
            json(std::string(key)).dump(-1, ' ', false, json::error_handler_t::replace);
        return fmt::format("{}[{}]", parent, quoted);
    }
    if (parent.empty()) return std::string(key);
    return fmt::format("{}.{}", parent, key);
}

std::string elementPath(std::string_view parent, std::size_t index) {
    return fmt::format("{}[{}]", parent, index);
}

std::optional<std::string_view> suggest(std::string_view word,
                                        std::span<const std::string_view> candidates) {
    // Tolerance grows with length: one slip in a short word, a few in a long one.
    const std::size_t limit = word.size() <= 4 ? 1 : word.size() <= 8 ? 2 : 3;
    std::optional<std::string_view> best;
    std::size_t bestDistance = limit + 1;
    for (const auto candidate : candidates) {
        const std::size_t distance = editDistance(word, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

std::string formatNumber(double value) { return fmt::format("{}", value); }

void fail(std::string_view source, std::string path, std::string reason) {
    throw ScenarioError(std::string(source), std::move(path), std::move(reason));
}

double readNumber(const json& value, const std::string& path, std::string_view source,
                  Range range) {
    if (!value.is_number()) fail(source, path, "must be a number");
    const double x = value.get<double>();
    if (!std::isfinite(x)) fail(source, path, "must be finite");
    if (range.minExclusive ? !(x > range.min) : x < range.min) {
        fail(source, path,
             fmt::format("must be {} {}", range.minExclusive ? ">" : "≥", formatNumber(range.min)));
    }
    if (x > range.max) fail(source, path, "must be ≤ " + formatNumber(range.max));
    return x;
}

std::int64_t readInteger(const json& value, const std::string& path, std::string_view source,
                         std::int64_t min, std::int64_t max) {
    const auto tooSmall = [&] { fail(source, path, fmt::format("must be ≥ {}", min)); };
    const auto tooLarge = [&] { fail(source, path, fmt::format("must be ≤ {}", max)); };
    if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        if (max < 0 || u > static_cast<std::uint64_t>(max)) tooLarge();
        if (static_cast<std::int64_t>(u) < min) tooSmall();
        return static_cast<std::int64_t>(u);
    }
    if (value.is_number_integer()) {
        const auto i = value.get<std::int64_t>();
        if (i < min) tooSmall();
        if (i > max) tooLarge();
        return i;
    }
    // 2.0 is an integer written by a tool that only knows doubles.
    if (!value.is_number_float()) fail(source, path, "must be an integer");
    const double x = value.get<double>();
    if (!std::isfinite(x)) fail(source, path, "must be finite");
    if (std::trunc(x) != x) fail(source, path, "must be an integer");
    if (x < static_cast<double>(min)) tooSmall();
    // max + 1 is exact where max itself may round up (2^63 - 1 -> 2^63).
    if (x >= static_cast<double>(max) + 1.0) tooLarge();
    return static_cast<std::int64_t>(x);
}

ObjectReader::ObjectReader(const json& value, std::string path, std::string_view source)
    : object_(value), path_(std::move(path)), source_(source) {
    if (!value.is_object()) scenario_json::fail(source_, path_, "must be an object");
}

const json* ObjectReader::find(std::string_view key) const {
    const auto it = object_.find(std::string(key));
    return it == object_.end() ? nullptr : &*it;
}

const json& ObjectReader::require(std::string_view key) const {
    const json* value = find(key);
    if (value == nullptr) fail(key, "required key missing");
    return *value;
}

void ObjectReader::fail(std::string_view key, std::string reason) const {
    scenario_json::fail(source_, pathOf(key), std::move(reason));
}

void ObjectReader::checkKeys(std::span<const std::string_view> allowed,
                             std::span<const std::string_view> foreign,
                             std::string_view foreignReason) const {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
        const std::string& key = it.key();
        if (contains(allowed, key)) continue;
        const std::string reason =
            contains(foreign, key) ? std::string(foreignReason) : std::string("unknown key");
        fail(key, reason + didYouMean(key, allowed));
    }
}

double ObjectReader::number(std::string_view key, Range range) const {
    return readNumber(require(key), pathOf(key), source_, range);
}

double ObjectReader::number(std::string_view key, Range range, double fallback) const {
    const json* value = find(key);
    return value == nullptr ? fallback : readNumber(*value, pathOf(key), source_, range);
}

std::optional<double> ObjectReader::nullableNumber(std::string_view key, Range range) const {
    const json* value = find(key);
    if (value == nullptr || value->is_null()) return std::nullopt;
    if (!value->is_number()) fail(key, "must be a number or null");
    return readNumber(*value, pathOf(key), source_, range);
}

int ObjectReader::integer(std::string_view key, int min) const {
    return static_cast<int>(readInteger(require(key), pathOf(key), source_, min, kMaxInt));
}

int ObjectReader::integer(std::string_view key, int min, int fallback) const {
    const json* value = find(key);
    if (value == nullptr) return fallback;
    return static_cast<int>(readInteger(*value, pathOf(key), source_, min, kMaxInt));
}

std::string ObjectReader::stringValue(std::string_view key, const json& value) const {
    if (!value.is_string()) fail(key, "must be a string");
    const auto& text = value.get_ref<const std::string&>();
    if (text.empty()) fail(key, "must not be empty");
    return text;
}

bool ObjectReader::boolean(std::string_view key, bool fallback) const {
    const json* value = find(key);
    if (value == nullptr) return fallback;
    if (!value->is_boolean()) fail(key, "must be true or false");
    return value->get<bool>();
}

std::string ObjectReader::string(std::string_view key) const {
    return stringValue(key, require(key));
}

std::string ObjectReader::string(std::string_view key, std::string fallback) const {
    const json* value = find(key);
    return value == nullptr ? fallback : stringValue(key, *value);
}

std::optional<std::string> ObjectReader::nullableString(std::string_view key) const {
    const json* value = find(key);
    if (value == nullptr || value->is_null()) return std::nullopt;
    if (!value->is_string()) fail(key, "must be a string or null");
    return stringValue(key, *value);
}

std::optional<std::size_t> ObjectReader::choice(std::string_view key,
                                                std::span<const std::string_view> names,
                                                bool required) const {
    const json* value = required ? &require(key) : find(key);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) fail(key, "must be a string");
    const auto& text = value->get_ref<const std::string&>();
    const auto it = std::find(names.begin(), names.end(), text);
    if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
    fail(key, "must be one of " + quotedList(names) + didYouMean(text, names));
}

}  // namespace breakeven::scenario_json
