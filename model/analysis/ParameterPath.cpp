#include "model/analysis/ParameterPath.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "model/io/ScenarioJson.h"
#include "model/io/ScenarioJsonExtras.h"

namespace breakeven::analysis {

using nlohmann::json;

namespace {

struct Segment {
    std::string key;                   // object member
    std::optional<std::size_t> index;  // or array element
};

[[noreturn]] void malformed(const std::string& path) {
    throw ParameterError(path, "malformed parameter path (expected keys joined by '.' and array "
                               "indices in brackets, e.g. deployments[0].keepAliveSeconds)");
}

// '-' inside a key admits platform ids (pricing.discountPercent.aws-ec2).
bool identifierChar(char c, bool first) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalpha(u) != 0 || c == '_' || (!first && (std::isdigit(u) != 0 || c == '-'));
}

std::vector<Segment> splitPath(const std::string& path) {
    std::vector<Segment> segments;
    std::size_t i = 0;
    bool needKey = true;  // at the start and after '.'
    while (i < path.size() || needKey) {
        if (needKey) {
            const std::size_t start = i;
            while (i < path.size() && identifierChar(path[i], i == start)) ++i;
            if (i == start) malformed(path);
            segments.push_back({path.substr(start, i - start), std::nullopt});
            needKey = false;
        } else if (path[i] == '.') {
            ++i;
            needKey = true;
        } else if (path[i] == '[') {
            const std::size_t start = ++i;
            while (i < path.size() && std::isdigit(static_cast<unsigned char>(path[i])) != 0) ++i;
            if (i == start || i >= path.size() || path[i] != ']' || i - start > 9) malformed(path);
            segments.push_back({"", std::stoul(path.substr(start, i - start))});
            ++i;
        } else {
            malformed(path);
        }
    }
    return segments;
}

std::string describe(const json& j) {
    switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    default: return "a number";
    }
}

std::string numericKeys(const json& object) {
    std::string keys;
    for (const auto& [key, value] : object.items())
        if (value.is_number()) keys += (keys.empty() ? "" : ", ") + key;
    return keys;
}

std::string absolute(const std::string& path) {
    return std::filesystem::absolute(std::filesystem::path(path)).lexically_normal().string();
}

void makeProfilePathAbsolute(const DeploymentSpec& d, json& j) {
    if (!d.llm || d.llm->stepTime.kind != StepTimeKind::Profile) return;
    if (d.llm->stepTime.resolvedProfilePath.starts_with("builtin:")) return;
    j["service"]["stepTime"]["path"] = absolute(d.llm->stepTime.resolvedProfilePath);
}

// Arrival i is emitted ⌊(i+1) r⌋ − ⌊i r⌋ times: the count is ⌊n r⌋ and the
// copies spread evenly, with no random draws to couple to the seed.
json scaleArrivals(const json& arrivals, double factor) {
    json out = json::array();
    for (std::size_t i = 0; i < arrivals.size(); ++i) {
        const auto copies = static_cast<long long>(std::floor(static_cast<double>(i + 1) * factor)) -
                            static_cast<long long>(std::floor(static_cast<double>(i) * factor));
        for (long long c = 0; c < copies; ++c) out.push_back(arrivals[i]);
    }
    return out;
}

}  // namespace

json scenarioJsonWithAbsolutePaths(const Scenario& s) {
    json j = scenarioToJson(s);
    if (s.workload.kind == WorkloadKind::Trace && s.workload.trace)
        j["workload"]["path"] = absolute(s.workload.trace->resolvedPath);
    for (std::size_t i = 0; i < s.deployments.size(); ++i) {
        const DeploymentSpec& d = s.deployments[i];
        json& dj = j["deployments"][i];
        if (d.composite == Composite::Hybrid && d.members.size() == 2) {
            makeProfilePathAbsolute(d.members[0], dj["baseline"]);
            makeProfilePathAbsolute(d.members[1], dj["burst"]);
        } else if (d.composite == Composite::Split) {
            for (std::size_t m = 0; m < d.members.size(); ++m)
                makeProfilePathAbsolute(d.members[m], dj["routes"][m]["deployment"]);
        } else {
            makeProfilePathAbsolute(d, dj);
        }
    }
    return j;
}

ParameterError::ParameterError(std::string path, std::string reason)
    : std::runtime_error(path + ": " + reason), path_(std::move(path)), reason_(std::move(reason)) {}

ParameterPath::ParameterPath(const Scenario& base, std::string path, std::string source, PrepareScenario prepare)
    : path_(std::move(path)), source_(std::move(source)), prepare_(std::move(prepare)),
      base_(scenarioJsonWithAbsolutePaths(base)) {
    addPricingDefaults(base);
    if (path_ == kRateScalePath && base.workload.kind != WorkloadKind::Trace) {
        generatorRateScale_ = true;
        baseValue_ = 1.0;
        return;
    }
    locate();
}

// The canonical form leaves out a default `pricing` object, and a platform
// without a discount has no key; both still have a value to vary: factor 1
// and 0 % (which price exactly like their absence).
void ParameterPath::addPricingDefaults(const Scenario& base) {
    constexpr std::string_view kPricing = "pricing.", kDiscount = "pricing.discountPercent.";
    if (!path_.starts_with(kPricing)) return;
    if (!base_.contains("pricing")) base_["pricing"] = scenarioPricingToJson(base.pricing);
    if (!path_.starts_with(kDiscount)) return;
    const std::string platform = path_.substr(kDiscount.size());
    // Anything but one plain key is left to locate() to report.
    const bool plainKey = !platform.empty() && platform.find_first_of(".[]") == std::string::npos;
    json& discounts = base_["pricing"]["discountPercent"];
    if (plainKey && discounts.is_object() && !discounts.contains(platform)) discounts[platform] = 0.0;
}

void ParameterPath::locate() {
    const json* node = &base_;
    std::string where;
    for (const Segment& s : splitPath(path_)) {
        const std::string here = where.empty() ? "the scenario" : where;
        if (s.index) {
            if (!node->is_array()) throw ParameterError(path_, fmt::format("{} is {}, not an array", here, describe(*node)));
            if (*s.index >= node->size())
                throw ParameterError(path_, fmt::format("index {} is out of range: {} has {} element{}", *s.index,
                                                        here, node->size(), node->size() == 1 ? "" : "s"));
            where += fmt::format("[{}]", *s.index);
            node = &(*node)[*s.index];
            pointer_ /= *s.index;
            continue;
        }
        if (!node->is_object()) throw ParameterError(path_, fmt::format("{} is {}, not an object", here, describe(*node)));
        if (!node->contains(s.key)) {
            const std::string keys = numericKeys(*node);
            throw ParameterError(path_, fmt::format("{} has no key \"{}\"{}", here, s.key,
                                                    keys.empty() ? "" : " (numeric keys there: " + keys + ")"));
        }
        where += (where.empty() ? "" : ".") + s.key;
        node = &(*node)[s.key];
        pointer_ /= s.key;
    }
    if (!node->is_number()) throw ParameterError(path_, fmt::format("is {}, not a number", describe(*node)));
    integer_ = node->is_number_integer();
    baseValue_ = node->get<double>();
}

void ParameterPath::scaleGenerator(json& workload, double factor) const {
    const std::string kind = workload.at("kind").get<std::string>();
    auto scale = [&](const char* key) { workload[key] = workload.at(key).get<double>() * factor; };
    if (kind == "poisson") scale("ratePerSecond");
    else if (kind == "diurnal") scale("meanRatePerSecond");
    else if (kind == "mmpp") {
        scale("calmRatePerSecond");
        scale("burstRatePerSecond");
    } else if (kind == "onoff") {
        const double n = workload.at("requestsPerBatch").get<double>();
        workload["requestsPerBatch"] = std::max<long long>(1, std::llround(n * factor));
    } else if (kind == "list") {
        workload["arrivalsSeconds"] = scaleArrivals(workload.at("arrivalsSeconds"), factor);
    } else {
        throw ParameterError(path_, fmt::format("cannot scale the traffic of a {} workload", kind));
    }
}

Scenario ParameterPath::apply(double value) const {
    json j = base_;
    write(j, value);
    return read(j);
}

void ParameterPath::write(json& j, double value) const {
    if (!std::isfinite(value)) throw ParameterError(path_, "must be a finite number");
    if (generatorRateScale_) {
        if (!(value > 0.0)) throw ParameterError(path_, fmt::format("must be > 0, got {}", value));
        scaleGenerator(j["workload"], value);
    } else if (integer_) {
        const double whole = std::round(value);
        // Grid values such as 10 · 3 / 3 may miss a whole number by an ulp.
        if (std::abs(value - whole) > 1e-9 * std::max(1.0, std::abs(whole)))
            throw ParameterError(path_, fmt::format("is an integer; {} is not a whole number", value));
        if (std::abs(whole) > 1e15) throw ParameterError(path_, fmt::format("{} is out of range", value));
        if (j[pointer_].is_number_unsigned() && whole >= 0.0) j[pointer_] = static_cast<std::uint64_t>(whole);
        else j[pointer_] = static_cast<std::int64_t>(whole);
    } else {
        j[pointer_] = value;
    }
}

Scenario ParameterPath::read(const json& j) const {
    Scenario s = scenarioFromJson(j, source_);
    if (prepare_) {
        std::lock_guard lock(prepareMutex_);
        prepare_(s);
    }
    return s;
}

}  // namespace breakeven::analysis
