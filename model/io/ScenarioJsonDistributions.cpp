// Distributions in scenario JSON: the same five kinds for times and token
// counts, told apart by the unit in each parameter's name.
#include <vector>

#include <fmt/format.h>

#include "model/io/ScenarioJsonReader.h"

namespace breakeven::scenario_json {

namespace {

struct ParameterKeys {
    std::string_view fixed, mean, min, max, p50, p99, samples;
};

constexpr ParameterKeys kSecondsKeys{"seconds",    "meanSeconds", "minSeconds",    "maxSeconds",
                                     "p50Seconds", "p99Seconds",  "samplesSeconds"};
constexpr ParameterKeys kTokensKeys{"tokens",    "meanTokens", "minTokens",   "maxTokens",
                                    "p50Tokens", "p99Tokens",  "samplesTokens"};

constexpr std::array<Choice<DistributionKind>, 5> kKinds{{
    {"fixed", DistributionKind::Fixed},
    {"exponential", DistributionKind::Exponential},
    {"uniform", DistributionKind::Uniform},
    {"lognormal", DistributionKind::LogNormal},
    {"empirical", DistributionKind::Empirical},
}};

const ParameterKeys& keysFor(Quantity quantity) {
    return quantity == Quantity::Seconds ? kSecondsKeys : kTokensKeys;
}

std::string_view kindName(DistributionKind kind) {
    for (const auto& choice : kKinds) {
        if (choice.value == kind) return choice.name;
    }
    return "?";
}

std::vector<std::string_view> parameterKeys(DistributionKind kind, const ParameterKeys& keys) {
    switch (kind) {
    case DistributionKind::Fixed: return {keys.fixed};
    case DistributionKind::Exponential: return {keys.mean};
    case DistributionKind::Uniform: return {keys.min, keys.max};
    case DistributionKind::LogNormal: return {keys.p50, keys.p99};
    case DistributionKind::Empirical: return {keys.samples};
    }
    return {};
}

void checkKeys(const ObjectReader& r, DistributionKind kind, const ParameterKeys& keys) {
    std::vector<std::string_view> allowed{"kind"};
    std::vector<std::string_view> foreign;
    for (const auto& choice : kKinds) {
        const auto own = parameterKeys(choice.value, keys);
        auto& target = choice.value == kind ? allowed : foreign;
        target.insert(target.end(), own.begin(), own.end());
    }
    r.checkKeys(allowed, foreign, fmt::format("not used by {} distributions", kindName(kind)));
}

Distribution readSamples(const ObjectReader& r, std::string_view key, Range range) {
    const json& list = r.require(key);
    const std::string path = r.pathOf(key);
    if (!list.is_array()) fail(r.source(), path, "must be an array");
    if (list.empty()) fail(r.source(), path, "must not be empty");
    std::vector<double> samples;
    samples.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        samples.push_back(readNumber(list[i], elementPath(path, i), r.source(), range));
    }
    return Distribution::empirical(std::move(samples));
}

// Reads the upper parameter of a pair; it may equal the lower one (a degenerate
// distribution is still a valid what-if).
double readUpper(const ObjectReader& r, std::string_view key, Range range,
                 std::string_view lowerKey, double lower) {
    const double upper = r.number(key, range);
    if (upper < lower) r.fail(key, fmt::format("must be ≥ {} ({})", lowerKey, formatNumber(lower)));
    return upper;
}

}  // namespace

Distribution readDistribution(const json& value, const std::string& path,
                              std::string_view source, Quantity quantity) {
    const ObjectReader r(value, path, source);
    const DistributionKind kind = *readChoice(r, "kind", kKinds, true);
    const ParameterKeys& keys = keysFor(quantity);
    checkKeys(r, kind, keys);
    const double max = quantity == Quantity::Seconds ? kMaxSeconds : kMaxTokens;
    const Range nonNegative{0.0, false, max};
    const Range positive{0.0, true, max};
    switch (kind) {
    case DistributionKind::Fixed: return Distribution::fixed(r.number(keys.fixed, nonNegative));
    case DistributionKind::Exponential:
        return Distribution::exponential(r.number(keys.mean, positive));
    case DistributionKind::Uniform: {
        const double min = r.number(keys.min, nonNegative);
        return Distribution::uniform(min, readUpper(r, keys.max, nonNegative, keys.min, min));
    }
    case DistributionKind::LogNormal: {
        const double p50 = r.number(keys.p50, positive);
        return Distribution::logNormalFromP50P99(p50, readUpper(r, keys.p99, positive, keys.p50, p50));
    }
    case DistributionKind::Empirical: return readSamples(r, keys.samples, nonNegative);
    }
    return {};
}

json distributionToJson(const Distribution& d, Quantity quantity) {
    const ParameterKeys& keys = keysFor(quantity);
    json j = json::object();
    j["kind"] = std::string(kindName(d.kind()));
    const auto put = [&](std::string_view key, json value) { j[std::string(key)] = std::move(value); };
    switch (d.kind()) {
    case DistributionKind::Fixed: put(keys.fixed, d.param(0)); break;
    case DistributionKind::Exponential: put(keys.mean, d.param(0)); break;
    case DistributionKind::Uniform:
        put(keys.min, d.param(0));
        put(keys.max, d.param(1));
        break;
    case DistributionKind::LogNormal:
        put(keys.p50, d.param(0));
        put(keys.p99, d.param(1));
        break;
    case DistributionKind::Empirical: put(keys.samples, d.samples()); break;
    }
    return j;
}

}  // namespace breakeven::scenario_json
