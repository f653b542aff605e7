#include "model/io/ScenarioJsonExtras.h"

#include <array>
#include <limits>

#include "model/io/ScenarioJsonReader.h"

namespace breakeven {

using namespace scenario_json;

namespace scenario_json {

std::vector<ExtraCostLine> readExtraCostLines(const ObjectReader& r, std::string_view key) {
    std::vector<ExtraCostLine> lines;
    const json* list = r.find(key);
    if (list == nullptr || list->is_null()) return lines;
    if (!list->is_array()) r.fail(key, "must be an array");
    constexpr std::array<std::string_view, 5> kKeys{"item", "unit", "usdPerUnit", "quantityPerMonth",
                                                    "quantityPerRequest"};
    for (std::size_t i = 0; i < list->size(); ++i) {
        const ObjectReader line((*list)[i], elementPath(r.pathOf(key), i), r.source());
        line.checkKeys(kKeys);
        ExtraCostLine l;
        l.item = line.string("item");
        l.unit = line.string("unit");
        l.usdPerUnit = line.number("usdPerUnit", kNonNegative);
        l.quantityPerMonth = line.number("quantityPerMonth", kNonNegative, 0.0);
        l.quantityPerRequest = line.number("quantityPerRequest", kNonNegative, 0.0);
        lines.push_back(std::move(l));
    }
    return lines;
}

json extraCostLinesToJson(const std::vector<ExtraCostLine>& lines) {
    json out = json::array();
    for (const auto& l : lines)
        out.push_back({{"item", l.item}, {"unit", l.unit}, {"usdPerUnit", l.usdPerUnit},
                       {"quantityPerMonth", l.quantityPerMonth},
                       {"quantityPerRequest", l.quantityPerRequest}});
    return out;
}

}  // namespace scenario_json

namespace {
constexpr Range kFraction{0.0, false, 1.0};
}

SloSpec readSlos(const json& value, std::string_view path, std::string_view source) {
    const ObjectReader r(value, std::string(path), source);
    constexpr std::array<std::string_view, 6> kKeys{"p99Seconds",     "ttftP99Seconds",
                                                    "tpotP99Seconds", "minGoodput",
                                                    "maxColdStartFraction", "maxRejectFraction"};
    r.checkKeys(kKeys);
    SloSpec s;
    s.p99Seconds = r.nullableNumber("p99Seconds", kPositiveSeconds);
    s.ttftP99Seconds = r.nullableNumber("ttftP99Seconds", kPositiveSeconds);
    s.tpotP99Seconds = r.nullableNumber("tpotP99Seconds", kPositiveSeconds);
    s.minGoodput = r.nullableNumber("minGoodput", kFraction);
    s.maxColdStartFraction = r.nullableNumber("maxColdStartFraction", kFraction);
    s.maxRejectFraction = r.nullableNumber("maxRejectFraction", kFraction);
    return s;
}

json slosToJson(const SloSpec& s) {
    const auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    return {{"p99Seconds", opt(s.p99Seconds)},
            {"ttftP99Seconds", opt(s.ttftP99Seconds)},
            {"tpotP99Seconds", opt(s.tpotP99Seconds)},
            {"minGoodput", opt(s.minGoodput)},
            {"maxColdStartFraction", opt(s.maxColdStartFraction)},
            {"maxRejectFraction", opt(s.maxRejectFraction)}};
}

ScenarioPricing readScenarioPricing(const json& value, std::string_view path, std::string_view source) {
    const ObjectReader r(value, std::string(path), source);
    constexpr std::array<std::string_view, 4> kKeys{"factor", "discountPercent", "freeTier",
                                                    "extraLines"};
    r.checkKeys(kKeys);
    ScenarioPricing p;
    p.factor = r.number("factor", kPositive, 1.0);
    if (const json* discounts = r.find("discountPercent"); discounts && !discounts->is_null()) {
        const ObjectReader d(*discounts, r.pathOf("discountPercent"), source);
        for (const auto& [platform, percent] : discounts->items()) {
            p.discountPercentByPlatform[platform] =
                readNumber(percent, d.pathOf(platform), source, Range{0.0, false, 100.0});
        }
    }
    if (const json* freeTier = r.find("freeTier"); freeTier && !freeTier->is_null())
        p.freeTier = r.boolean("freeTier", false);
    p.extraLines = readExtraCostLines(r, "extraLines");
    return p;
}

json scenarioPricingToJson(const ScenarioPricing& p) {
    json discounts = json::object();
    for (const auto& [platform, percent] : p.discountPercentByPlatform) discounts[platform] = percent;
    return {{"factor", p.factor},
            {"discountPercent", discounts},
            {"freeTier", p.freeTier ? json(*p.freeTier) : json(nullptr)},
            {"extraLines", extraCostLinesToJson(p.extraLines)}};
}

CacheSpec readCache(const json& value, std::string_view path, std::string_view source) {
    const ObjectReader r(value, std::string(path), source);
    constexpr std::array<std::string_view, 5> kKeys{"hitRatio", "ttlSeconds", "cacheLatencySeconds",
                                                    "usdPerHour", "mode"};
    r.checkKeys(kKeys);
    CacheSpec c;
    const bool hasRatio = r.find("hitRatio") != nullptr;
    const bool hasTtl = r.find("ttlSeconds") != nullptr;
    if (hasRatio == hasTtl)
        fail(source, std::string(path), "needs exactly one of hitRatio (a fixed hit ratio) or ttlSeconds (exact dedup by "
                   "request key within the TTL)");
    if (hasRatio) {
        c.mode = CacheMode::HitRatio;
        c.hitRatio = r.number("hitRatio", kFraction);
    } else {
        c.mode = CacheMode::Dedup;
        c.ttlSeconds = r.number("ttlSeconds", kPositiveSeconds);
    }
    if (const json* mode = r.find("mode")) {
        const std::string expected = hasRatio ? "hitRatio" : "dedup";
        if (!mode->is_string() || mode->get<std::string>() != expected)
            r.fail("mode", "must be \"" + expected + "\" (it follows from hitRatio / ttlSeconds)");
    }
    c.cacheLatencySeconds = r.number("cacheLatencySeconds", kNonNegativeSeconds, 0.0);
    c.usdPerHour = r.number("usdPerHour", kNonNegative, 0.0);
    return c;
}

json cacheToJson(const std::optional<CacheSpec>& c) {
    if (!c) return nullptr;
    json j = {{"cacheLatencySeconds", c->cacheLatencySeconds}, {"usdPerHour", c->usdPerHour}};
    if (c->mode == CacheMode::HitRatio) j["hitRatio"] = c->hitRatio;
    else j["ttlSeconds"] = c->ttlSeconds;
    return j;
}

}  // namespace breakeven
