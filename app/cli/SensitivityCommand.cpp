#include "app/cli/SensitivityCommand.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <deque>
#include <iostream>
#include <set>

#include <fmt/format.h>

#include "app/cli/Args.h"
#include "app/cli/PricingArgs.h"
#include "app/core/CatalogueAccess.h"
#include "app/core/MonthCost.h"
#include "app/cli/ScenarioSource.h"
#include "model/analysis/Parallel.h"
#include "model/analysis/Sensitivity.h"
#include "model/core/Sha256.h"
#include "model/io/ResultJson.h"
#include "pricing/GpuResolve.h"
#include "pricing/ResultPricing.h"

namespace breakeven::cli {

using appcore::monthCost;
using appcore::openCatalogue;

namespace {
constexpr const char* kHelp = R"(usage: breakeven-cli sensitivity SCENARIO.json|WORKSPACE|- [--scenario NAME] --percent X
         [--json] [--threads N] [--seed N] [--catalog PATH] [--as-of DATE]
         [--free-tier on|off]

Tornado: each input moved -X % and +X % on its own, every alternative's
$/month recomputed. Inputs: every catalogue price the scenario's platforms
and instance types use (re-priced, no re-simulation; prices no alternative
uses are left out), every cold start, every service time, and traffic
(workload.rateScale), each re-simulated on the same seed. Rows are sorted by
swing (the largest change of any alternative's $/month) and say whether the
winner (cheapest, or cheapest meeting the scenario's slos) flips
(docs/analysis.md).
)";

using analysis::SensitivityResult;
using analysis::SensitivityRow;
using Json = ResultJson;
using Clock = std::chrono::steady_clock;

double percentOption(const Args& args) {
    const auto text = args.value("percent");
    if (!text) throw UsageError("--percent X is required (e.g. --percent 10)");
    double value = 0.0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (text->empty() || ec != std::errc() || ptr != end || !(value > 0.0 && value < 100.0))
        throw UsageError("--percent: expected a number above 0 and below 100, got '" + *text + "'");
    return value;
}


void collectPlatforms(const std::vector<DeploymentSpec>& deployments, std::set<std::string>& platforms,
                      std::set<std::string>& instances) {
    for (const auto& d : deployments) {
        platforms.insert(d.platform);
        if (d.instanceType) instances.insert(*d.instanceType);
        collectPlatforms(d.members, platforms, instances);
    }
}

// The prices a scenario can touch: its platforms' items and its instance
// types. Every variant copies this set, not the whole catalogue.
struct PriceInputs {
    pricing::PriceSet used;
    std::vector<std::string> items, instances;
};

PriceInputs priceInputs(const Scenario& s, const pricing::PriceSet& all) {
    std::set<std::string> platforms, instances;
    collectPlatforms(s.deployments, platforms, instances);
    PriceInputs in;
    in.used = all;
    std::erase_if(in.used.items, [&](const auto& kv) { return !platforms.contains(kv.second.platform); });
    for (const auto& [id, item] : in.used.items) in.items.push_back(id);
    // A scenario may name "c7g.xlarge" for the catalogue's "aws-ec2.c7g.xlarge".
    for (const auto& [id, type] : all.instances)
        for (const auto& named : instances)
            if (id == named || id.ends_with("." + named)) in.instances.push_back(id);
    return in;
}

// One price × factor in a copy; the deque keeps every copy where the cost
// functions can reach it.
const pricing::PriceSet& scaledCopy(std::deque<pricing::PriceSet>& store, const pricing::PriceSet& base,
                                    const std::string& id, bool instance, double factor) {
    pricing::PriceSet& p = store.emplace_back(base);
    if (instance) {
        auto& type = p.instances.at(id);
        type.usdPerHourOnDemand *= factor;
        if (type.usdPerHourReserved1y) *type.usdPerHourReserved1y *= factor;
        return p;
    }
    auto& item = p.items.at(id);
    item.usdPerUnit *= factor;
    for (auto& tier : item.tiers) tier.usdPerUnit *= factor;
    return p;
}

std::vector<analysis::PriceVariant> priceVariants(const PriceInputs& in, double percent,
                                                  const pricing::PricingOptions& options,
                                                  std::deque<pricing::PriceSet>& store) {
    const double x = percent / 100.0;
    std::vector<analysis::PriceVariant> variants;
    auto add = [&](const std::string& id, bool instance, double usd, const std::string& unit) {
        analysis::PriceVariant v;
        v.input = "price " + id;
        v.unit = unit;
        v.lowValue = usd * (1.0 - x);
        v.highValue = usd * (1.0 + x);
        v.lowCost = monthCost(scaledCopy(store, in.used, id, instance, 1.0 - x), options);
        v.highCost = monthCost(scaledCopy(store, in.used, id, instance, 1.0 + x), options);
        variants.push_back(std::move(v));
    };
    for (const auto& id : in.items) {
        const auto& item = in.used.items.at(id);
        add(id, false, item.usdPerUnit, "USD per " + item.unit);
    }
    for (const auto& id : in.instances) add(id, true, in.used.instances.at(id).usdPerHourOnDemand, "USD per hour");
    return variants;
}

// Price rows of items no alternative uses move nothing: left out.
std::size_t dropIdlePriceRows(SensitivityResult& r) {
    const auto before = r.rows.size();
    std::erase_if(r.rows, [](const SensitivityRow& row) {
        return row.input.starts_with("price ") && row.swingUsdPerMonth == 0.0 && !row.flipsWinner;
    });
    return before - r.rows.size();
}

Json nullable(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json winnerJson(const SensitivityResult& r, const std::optional<std::size_t>& w) {
    return w ? Json(r.alternatives[*w].name) : Json(nullptr);
}

Json rowJson(const SensitivityResult& r, const SensitivityRow& row) {
    Json alternatives = Json::array();
    for (std::size_t a = 0; a < r.alternatives.size(); ++a) {
        const auto &lo = row.low.alternatives[a], &hi = row.high.alternatives[a];
        alternatives.push_back(
            {{"name", r.alternatives[a].name},
             {"costUsdPerMonth", {{"low", nullable(lo.costUsdPerMonth)}, {"high", nullable(hi.costUsdPerMonth)}}},
             {"p99Seconds", {{"low", nullable(lo.p99Seconds)}, {"high", nullable(hi.p99Seconds)}}}});
    }
    return {{"input", row.input},           {"unit", row.unit},
            {"baseValue", row.baseValue},   {"lowValue", row.low.value},
            {"highValue", row.high.value},  {"swingUsdPerMonth", row.swingUsdPerMonth},
            {"flipsWinner", row.flipsWinner}, {"lowWinner", winnerJson(r, row.low.winner)},
            {"highWinner", winnerJson(r, row.high.winner)}, {"alternatives", alternatives}};
}

Json resultJson(const Scenario& s, const SensitivityResult& r, const pricing::PriceSet& prices,
                const std::string& sha256, double wallSeconds, int threads) {
    Json base = Json::array();
    for (std::size_t a = 0; a < r.alternatives.size(); ++a)
        base.push_back({{"name", r.alternatives[a].name},
                        {"costUsdPerMonth", nullable(r.base[a].costUsdPerMonth)},
                        {"p99Seconds", nullable(r.base[a].p99Seconds)}});
    Json rows = Json::array();
    for (const auto& row : r.rows) rows.push_back(rowJson(r, row));
    Json j = resultHeader(s.name, sha256, s.seed);
    j["percent"] = r.percent;
    j["winnerRule"] = s.slos.empty() ? "cheapest" : "cheapest meeting the scenario's slos";
    j["baseWinner"] = winnerJson(r, r.baseWinner);
    j["alternatives"] = base;
    j["rows"] = rows;
    j["catalogSnapshot"] = pricing::catalogSnapshotJson(prices);
    j["run"] = {{"wallSeconds", wallSeconds}, {"simulations", r.simulations}, {"threads", threads}};
    return j;
}

std::string money(const std::optional<double>& usd) {
    if (!usd) return "—";
    return std::abs(*usd) >= 1000.0 ? fmt::format("${:.0f}", *usd) : fmt::format("${:.2f}", *usd);
}

std::string winnerName(const SensitivityResult& r, const std::optional<std::size_t>& w) {
    return w ? r.alternatives[*w].name : "none";
}

std::string rowText(const SensitivityResult& r, const SensitivityRow& row, double maxSwing) {
    constexpr int kBar = 24;
    const int cells = maxSwing > 0.0 ? static_cast<int>(std::lround(kBar * row.swingUsdPerMonth / maxSwing)) : 0;
    std::string bar;
    for (int i = 0; i < cells; ++i) bar += "█";
    bar.append(static_cast<std::size_t>(kBar - cells), ' ');
    std::string out = fmt::format("{}  {} {:>10}  {} ({:.4g} … {:.4g} {})", bar, row.flipsWinner ? "FLIPS" : "     ",
                                  money(row.swingUsdPerMonth), row.input, row.low.value, row.high.value, row.unit);
    if (row.flipsWinner)
        out += fmt::format(" — winner {} at −{:g} %, {} at +{:g} %", winnerName(r, row.low.winner), r.percent,
                           winnerName(r, row.high.winner), r.percent);
    out += '\n';
    for (std::size_t a = 0; a < r.alternatives.size(); ++a)
        out += fmt::format("{:>34}{}: {} … {}\n", "", r.alternatives[a].name,
                           money(row.low.alternatives[a].costUsdPerMonth),
                           money(row.high.alternatives[a].costUsdPerMonth));
    return out;
}

std::string textReport(const Scenario& s, const SensitivityResult& r, std::size_t idle) {
    std::string out = fmt::format("Sensitivity: each input −{0:g} % and +{0:g} % on its own; $/month per alternative.\n",
                                  r.percent);
    out += "Base: ";
    for (std::size_t a = 0; a < r.alternatives.size(); ++a)
        out += fmt::format("{}{} {}", a == 0 ? "" : ", ", r.alternatives[a].name, money(r.base[a].costUsdPerMonth));
    out += fmt::format(". Winner ({}): {}.\n\n", s.slos.empty() ? "cheapest" : "cheapest meeting the slos",
                       winnerName(r, r.baseWinner));
    out += "swing ($/month, largest change of any alternative)       input (value at −X % … +X %)\n";
    const double maxSwing = r.rows.empty() ? 0.0 : r.rows.front().swingUsdPerMonth;
    for (const auto& row : r.rows) out += rowText(r, row, maxSwing);
    std::size_t flips = 0;
    for (const auto& row : r.rows) flips += row.flipsWinner ? 1 : 0;
    out += flips == 0 ? fmt::format("\nNo input flips the winner at ±{:g} %.\n", r.percent)
                      : fmt::format("\n{} input{} flip the winner at ±{:g} % (FLIPS).\n", flips,
                                    flips == 1 ? "" : "s", r.percent);
    if (idle > 0) out += fmt::format("{} catalogue prices no alternative uses are left out.\n", idle);
    return out;
}

}  // namespace

int runSensitivity(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (std::find(argv.begin(), argv.end(), "--help") != argv.end()) {
        out << kHelp;
        return 0;
    }
    const Args args(argv, {"json"}, {"percent", "seed", "threads", "catalog", "as-of", "free-tier", "scenario"});
    if (args.positional().size() != 1)
        throw UsageError("sensitivity takes exactly one scenario file, workspace (with --scenario NAME) or - for stdin");
    const double percent = percentOption(args);
    const pricing::PricingOptions priceOptions = pricingOptions(args);
    const ScenarioInput input = loadScenarioInput(args.positional().front(), args.value("scenario"), err);
    Scenario scenario = input.scenario;
    if (const auto seed = args.unsignedValue("seed")) scenario.seed = *seed;
    const pricing::PriceSet prices = openCatalogue(args.value("catalog"), err, "sensitivity").load(args.value("as-of"));
    auto prepare = [&prices, &input](Scenario& s) { pricing::resolveLlmGpus(s, prices, input.source); };
    prepare(scenario);

    const PriceInputs inputs = priceInputs(scenario, prices);
    std::deque<pricing::PriceSet> store;
    const auto variants = priceVariants(inputs, percent, priceOptions, store);
    analysis::SensitivityOptions options;
    options.percent = percent;
    options.threads = analysis::resolveThreads(static_cast<int>(args.unsignedValue("threads").value_or(0)));
    const auto start = Clock::now();
    SensitivityResult result =
        analysis::runSensitivity(scenario, input.source, prepare, monthCost(prices, priceOptions), variants, options);
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    const std::size_t idle = dropIdlePriceRows(result);
    if (args.flag("json")) {
        out << resultJson(scenario, result, prices, Sha256::hex(input.text), wall, options.threads).dump(2) << '\n';
        return 0;
    }
    out << textReport(scenario, result, idle);
    out << fmt::format("{} deployment runs in {:.2f} s on {} thread{}. Prices: catalogue snapshot {} as of {}.\n",
                       result.simulations, wall, options.threads, options.threads == 1 ? "" : "s", prices.snapshotId,
                       prices.asOf);
    return 0;
}

}  // namespace breakeven::cli
