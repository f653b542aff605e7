#include "model/analysis/ShardItems.h"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "model/analysis/Shard.h"
#include "model/io/ResultJson.h"

namespace breakeven::analysis {

namespace {

using nlohmann::json;

// JSON has no infinities: write them (and NaN) as strings, read them back.
json number(double v) {
    if (std::isfinite(v)) return v;
    if (std::isnan(v)) return "NaN";
    return v > 0 ? "Infinity" : "-Infinity";
}

json optionalNumber(const std::optional<double>& v) { return v ? number(*v) : json(nullptr); }

// Reads the item's fields with errors that name the item and the key.
class Reader {
public:
    explicit Reader(const json& item) : item_(item) {
        if (!item.is_object() || !item.contains("id") || !item["id"].is_number_unsigned())
            throw ShardError("a part item has no \"id\"");
        id_ = item["id"].get<std::size_t>();
    }
    [[nodiscard]] std::size_t id() const { return id_; }

    [[nodiscard]] const json& at(const json& j, const char* key) const {
        if (!j.is_object() || !j.contains(key)) fail(key, "is missing");
        return j.at(key);
    }
    [[nodiscard]] double real(const json& j, const char* key) const {
        const json& v = at(j, key);
        if (v.is_number()) return v.get<double>();
        if (v == "Infinity") return std::numeric_limits<double>::infinity();
        if (v == "-Infinity") return -std::numeric_limits<double>::infinity();
        if (v == "NaN") return std::numeric_limits<double>::quiet_NaN();
        fail(key, "must be a number");
    }
    [[nodiscard]] std::optional<double> optionalReal(const json& j, const char* key) const {
        if (at(j, key).is_null()) return std::nullopt;
        return real(j, key);
    }
    [[nodiscard]] std::uint64_t whole(const json& j, const char* key) const {
        const json& v = at(j, key);
        if (!v.is_number_unsigned()) fail(key, "must be a non-negative integer");
        return v.get<std::uint64_t>();
    }
    [[nodiscard]] const json& list(const json& j, const char* key) const {
        const json& v = at(j, key);
        if (!v.is_array()) fail(key, "must be a list");
        return v;
    }
    [[nodiscard]] std::vector<UsageLedger> ledgers(const json& j) const {
        std::vector<UsageLedger> out;
        try {
            for (const json& l : list(j, "ledgers")) out.push_back(ledgerFromJson(l));
        } catch (const std::runtime_error& e) {
            if (dynamic_cast<const ShardError*>(&e) != nullptr) throw;
            fail("ledgers", e.what());
        }
        return out;
    }
    [[noreturn]] void fail(const char* key, const std::string& why) const {
        throw ShardError(fmt::format("item {}: \"{}\" {}", id_, key, why));
    }

private:
    const json& item_;
    std::size_t id_ = 0;
};

json ledgersJson(const std::vector<UsageLedger>& ledgers) {
    json out = json::array();
    for (const auto& l : ledgers) out.push_back(json(ledgerToJson(l)));
    return out;
}

json sweepOutcomeJson(const AlternativeOutcome& a) {
    return {{"name", a.name},
            {"costUsdPerMonth", optionalNumber(a.costUsdPerMonth)},
            {"p99Seconds", optionalNumber(a.p99Seconds)},
            {"coldStartFraction", number(a.coldStartFraction)},
            {"rejectFraction", number(a.rejectFraction)},
            {"meanBusyInstances", number(a.meanBusyInstances)},
            {"dedicatedUtilization", optionalNumber(a.dedicatedUtilization)},
            {"ledgers", ledgersJson(a.ledgers)}};
}

json runOutcomeJson(const RunOutcome& o, const std::string& name) {
    return {{"name", name},
            {"costUsdPerMonth", optionalNumber(o.costUsdPerMonth)},
            {"p99Seconds", optionalNumber(o.p99Seconds)},
            {"ttftP99Seconds", optionalNumber(o.ttftP99Seconds)},
            {"tpotP99Seconds", optionalNumber(o.tpotP99Seconds)},
            {"goodputFraction", optionalNumber(o.goodputFraction)},
            {"coldStartFraction", number(o.coldStartFraction)},
            {"rejectFraction", number(o.rejectFraction)},
            {"ledgers", ledgersJson(o.ledgers)}};
}

}  // namespace

json sweepPointToJson(const SweepPoint& p, const std::string& parameter) {
    json alternatives = json::array();
    for (const auto& a : p.alternatives) alternatives.push_back(sweepOutcomeJson(a));
    return {{"id", p.index},
            {"inputs", {{parameter, number(p.value)}}},
            {"value", number(p.value)},
            {"ratePerSecond", number(p.ratePerSecond)},
            {"arrivals", p.arrivals},
            {"windowSeconds", number(p.windowSeconds)},
            {"alternatives", alternatives}};
}

SweepPoint sweepPointFromJson(const json& item) {
    const Reader r(item);
    SweepPoint p;
    p.index = r.id();
    p.value = r.real(item, "value");
    p.ratePerSecond = r.real(item, "ratePerSecond");
    p.arrivals = r.whole(item, "arrivals");
    p.windowSeconds = r.real(item, "windowSeconds");
    for (const json& a : r.list(item, "alternatives")) {
        AlternativeOutcome o;
        if (!r.at(a, "name").is_string()) r.fail("name", "must be a string");
        o.name = a["name"].get<std::string>();
        o.costUsdPerMonth = r.optionalReal(a, "costUsdPerMonth");
        o.p99Seconds = r.optionalReal(a, "p99Seconds");
        o.coldStartFraction = r.real(a, "coldStartFraction");
        o.rejectFraction = r.real(a, "rejectFraction");
        o.meanBusyInstances = r.real(a, "meanBusyInstances");
        o.dedicatedUtilization = r.optionalReal(a, "dedicatedUtilization");
        o.ledgers = r.ledgers(a);
        p.alternatives.push_back(std::move(o));
    }
    return p;
}

json uncertaintyRunToJson(const UncertaintyRun& run, const UncertaintyModel& model) {
    json inputs = json::array();
    for (std::size_t i = 0; i < run.inputs.size(); ++i)
        inputs.push_back({{"path", model.options().vary.at(i).path}, {"value", number(run.inputs[i])}});
    json alternatives = json::array();
    for (std::size_t a = 0; a < run.alternatives.size(); ++a)
        alternatives.push_back(runOutcomeJson(run.alternatives[a], model.alternatives().at(a).name));
    json crossings = json::array();
    for (const auto& c : run.crossings) {
        json values = json::array();
        for (double v : c.values) values.push_back(number(v));
        crossings.push_back({{"a", c.a}, {"b", c.b}, {"values", values}});
    }
    return {{"id", run.index},
            {"seed", run.seed},
            {"inputs", inputs},
            {"alternatives", alternatives},
            {"winner", run.winner ? json(*run.winner) : json(nullptr)},
            {"crossings", crossings},
            {"simulations", run.simulations}};
}

UncertaintyRun uncertaintyRunFromJson(const json& item) {
    const Reader r(item);
    UncertaintyRun run;
    run.index = r.id();
    run.seed = r.whole(item, "seed");
    for (const json& in : r.list(item, "inputs")) run.inputs.push_back(r.real(in, "value"));
    for (const json& a : r.list(item, "alternatives")) {
        RunOutcome o;
        o.costUsdPerMonth = r.optionalReal(a, "costUsdPerMonth");
        o.p99Seconds = r.optionalReal(a, "p99Seconds");
        o.ttftP99Seconds = r.optionalReal(a, "ttftP99Seconds");
        o.tpotP99Seconds = r.optionalReal(a, "tpotP99Seconds");
        o.goodputFraction = r.optionalReal(a, "goodputFraction");
        o.coldStartFraction = r.real(a, "coldStartFraction");
        o.rejectFraction = r.real(a, "rejectFraction");
        o.ledgers = r.ledgers(a);
        run.alternatives.push_back(std::move(o));
    }
    if (!r.at(item, "winner").is_null()) run.winner = static_cast<std::size_t>(r.whole(item, "winner"));
    for (const json& c : r.list(item, "crossings")) {
        PairCrossings pair;
        pair.a = static_cast<std::size_t>(r.whole(c, "a"));
        pair.b = static_cast<std::size_t>(r.whole(c, "b"));
        for (const json& v : r.list(c, "values")) {
            if (!v.is_number()) r.fail("values", "must be a list of numbers");
            pair.values.push_back(v.get<double>());
        }
        run.crossings.push_back(std::move(pair));
    }
    run.simulations = static_cast<std::size_t>(r.whole(item, "simulations"));
    return run;
}

}  // namespace breakeven::analysis
