#pragma once
// Internal to the scenario reader/writer: strict field access that reports
// every problem as a ScenarioError with the JSON path of the value.
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/core/Distribution.h"
#include "model/io/ScenarioJson.h"

namespace breakeven::scenario_json {

using nlohmann::json;

// Larger times are typos (≈ 32 years), and keep microsecond SimTime in range.
inline constexpr double kMaxSeconds = 1e9;
inline constexpr double kMaxTokens = 1e9;
inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Allowed interval of a number; `minExclusive` makes the lower bound strict.
struct Range {
    double min = -kInfinity;
    bool minExclusive = false;
    double max = kInfinity;
};
inline constexpr Range kNonNegative{0.0, false, kInfinity};
inline constexpr Range kPositive{0.0, true, kInfinity};
inline constexpr Range kNonNegativeSeconds{0.0, false, kMaxSeconds};
inline constexpr Range kPositiveSeconds{0.0, true, kMaxSeconds};

inline constexpr int kMaxInt = std::numeric_limits<int>::max();

// `deployments[0].service`, `seed`; keys that are not identifiers are quoted.
std::string memberPath(std::string_view parent, std::string_view key);
std::string elementPath(std::string_view parent, std::size_t index);

// The closest candidate within a small edit distance (case-insensitive).
std::optional<std::string_view> suggest(std::string_view word,
                                        std::span<const std::string_view> candidates);

// Shortest decimal that round-trips, so messages quote the user's own value.
std::string formatNumber(double value);

[[noreturn]] void fail(std::string_view source, std::string path, std::string reason);

// JSON text parsed strictly: duplicate keys refused with their path, syntax
// errors reported as ScenarioError::syntax with line and column (for
// scenarios, workspaces and every other document Breakeven reads).
json parseStrictJson(std::string_view text, std::string_view source);

double readNumber(const json& value, const std::string& path, std::string_view source,
                  Range range);
std::int64_t readInteger(const json& value, const std::string& path, std::string_view source,
                         std::int64_t min, std::int64_t max);

class ObjectReader {
public:
    // Fails unless `value` is an object.
    ObjectReader(const json& value, std::string path, std::string_view source);

    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] std::string_view source() const { return source_; }
    [[nodiscard]] std::string pathOf(std::string_view key) const { return memberPath(path_, key); }
    // nullptr when the key is absent (a JSON null is present).
    [[nodiscard]] const json* find(std::string_view key) const;
    [[nodiscard]] const json& require(std::string_view key) const;
    [[noreturn]] void fail(std::string_view key, std::string reason) const;

    // Rejects every key outside `allowed`; keys in `foreign` (valid for
    // another kind of this object) get `foreignReason` instead of "unknown key".
    void checkKeys(std::span<const std::string_view> allowed,
                   std::span<const std::string_view> foreign = {},
                   std::string_view foreignReason = {}) const;

    [[nodiscard]] double number(std::string_view key, Range range) const;
    [[nodiscard]] double number(std::string_view key, Range range, double fallback) const;
    // Absent or null -> nullopt.
    [[nodiscard]] std::optional<double> nullableNumber(std::string_view key, Range range) const;
    [[nodiscard]] int integer(std::string_view key, int min) const;
    [[nodiscard]] int integer(std::string_view key, int min, int fallback) const;
    [[nodiscard]] bool boolean(std::string_view key, bool fallback) const;
    // Strings must be non-empty.
    [[nodiscard]] std::string string(std::string_view key) const;
    [[nodiscard]] std::string string(std::string_view key, std::string fallback) const;
    [[nodiscard]] std::optional<std::string> nullableString(std::string_view key) const;
    // Index of the value in `names`; nullopt when absent and not required.
    [[nodiscard]] std::optional<std::size_t> choice(std::string_view key,
                                                    std::span<const std::string_view> names,
                                                    bool required) const;

private:
    [[nodiscard]] std::string stringValue(std::string_view key, const json& value) const;

    const json& object_;
    std::string path_;
    std::string_view source_;
};

// One enumerator and its JSON spelling.
template <typename E>
struct Choice {
    std::string_view name;
    E value;
};

template <typename E, std::size_t N>
std::optional<E> readChoice(const ObjectReader& r, std::string_view key,
                            const std::array<Choice<E>, N>& choices, bool required) {
    std::array<std::string_view, N> names;
    for (std::size_t i = 0; i < N; ++i) names[i] = choices[i].name;
    const auto index = r.choice(key, names, required);
    if (!index) return std::nullopt;
    return choices[*index].value;
}

enum class Quantity { Seconds, Tokens };

Distribution readDistribution(const json& value, const std::string& path,
                              std::string_view source, Quantity quantity);
json distributionToJson(const Distribution& d, Quantity quantity);

}  // namespace breakeven::scenario_json
