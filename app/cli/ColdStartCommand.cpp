#include "app/cli/ColdStartCommand.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <iostream>

#include <fmt/format.h>

#include "app/cli/Args.h"
#include "app/cli/PricingArgs.h"
#include "app/core/CatalogueAccess.h"
#include "app/cli/ScenarioSource.h"
#include "app/cli/SummaryTable.h"
#include "model/analysis/ColdStartImpact.h"
#include "model/analysis/Parallel.h"
#include "model/core/Sha256.h"
#include "model/io/ResultJson.h"
#include "pricing/GpuResolve.h"
#include "pricing/ResultPricing.h"

namespace breakeven::cli {

using appcore::openCatalogue;

namespace {
using analysis::ColdStartCurve;
using analysis::ColdStartResult;
using Json = ResultJson;
using Clock = std::chrono::steady_clock;

constexpr const char* kColdStartUsage = R"(usage: breakeven-cli coldstart SCENARIO.json|- [--deployment NAME]
           [--keep-alive S,S,...] [--min-instances N,N,...] [--json] [--threads N]
           [--seed N] [--catalog PATH] [--as-of DATE] [--free-tier on|off]
           [--scenario NAME]

What does hiding cold starts cost? Re-simulates a serverless deployment (or
every serverless deployment of the scenario) at several keep-alive values and
several min-instance counts, and prints for each: cold starts, the fraction
of requests delayed by one, the p99 (TTFT p99 for LLM deployments), the p99
of the cold requests alone, and $/month split into useful work, idle tax and
cold-start tax (docs/analysis.md "Cold-start impact").

  --deployment NAME     only this deployment (a function, not dedicated or composite)
  --keep-alive LIST     keep-alive seconds (default 0,10,60,300,900,1800,3600)
  --min-instances LIST  min instances (default 0,1,2,4,8; default values above
                        the deployment's maxInstances are left out, given ones
                        must fit)
  --json                the full result as JSON; only `run` depends on the clock
  --threads N           simulate on N threads (default: all cores); the result is
                        the same for any N
  --seed, --catalog, --as-of, --free-tier, --scenario: as for simulate.

Exit codes: 0 success, 1 failure, 2 bad input.
)";


// "0,60,300" -> {0, 60, 300}: non-negative finite numbers, whole for counts.
std::vector<double> listOption(const Args& args, const std::string& name, bool whole) {
    const std::string text = *args.value(name);
    std::vector<double> values;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string item = text.substr(start, comma - start);
        double v = 0.0;
        const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (item.empty() || ec != std::errc() || ptr != item.data() + item.size() || !std::isfinite(v) || v < 0.0)
            throw UsageError(fmt::format("--{}: expected comma-separated numbers ≥ 0, got '{}'", name, item));
        if (whole && v != std::floor(v))
            throw UsageError(fmt::format("--{}: expected whole numbers, got '{}'", name, item));
        values.push_back(v);
        start = comma + 1;
    }
    return values;
}

analysis::ColdStartOptions impactOptions(const Args& args) {
    analysis::ColdStartOptions options;
    if (args.value("keep-alive")) options.keepAliveSeconds = listOption(args, "keep-alive", false);
    if (args.value("min-instances")) options.minInstances = listOption(args, "min-instances", true);
    options.dropAboveMaxInstances = !args.value("min-instances");
    options.threads = analysis::resolveThreads(static_cast<int>(args.unsignedValue("threads").value_or(0)));
    return options;
}

std::string names(const Scenario& s, const std::vector<std::size_t>& indices) {
    std::string out;
    for (std::size_t i : indices) out += (out.empty() ? "" : ", ") + s.deployments[i].name;
    return out.empty() ? "none" : out;
}

// The deployments to analyse: --deployment NAME, else every serverless one.
std::vector<std::size_t> targets(const Scenario& s, const std::optional<std::string>& name) {
    const std::vector<std::size_t> serverless = analysis::serverlessDeployments(s);
    if (!name) {
        if (serverless.empty())
            throw UsageError("the scenario has no serverless deployment (dedicated and composite ones have no "
                             "keep-alive or min instances)");
        return serverless;
    }
    for (std::size_t i = 0; i < s.deployments.size(); ++i) {
        if (s.deployments[i].name != *name) continue;
        if (std::find(serverless.begin(), serverless.end(), i) == serverless.end())
            throw UsageError(fmt::format("--deployment {}: a {} deployment has no keep-alive or min instances "
                                         "(serverless deployments: {})",
                                         *name, s.deployments[i].composite != Composite::None ? "composite" : "dedicated",
                                         names(s, serverless)));
        return {i};
    }
    throw UsageError(fmt::format("--deployment {}: no deployment of that name (serverless deployments: {})", *name,
                                 names(s, serverless)));
}

// Priced exactly as `simulate` prices the deployment, then split.
analysis::SplitCostFunction splitCost(const pricing::PriceSet& prices, const pricing::PricingOptions& options) {
    return [&prices, options](const Scenario& s, std::size_t i,
                              const DeploymentResult& r) -> std::optional<analysis::CostSplit> {
        const pricing::DeploymentCost cost = pricing::priceScenarioDeployment(s, i, r, prices, options);
        if (!cost.month.errors.empty()) return std::nullopt;
        const pricing::BillSplit& m = cost.monthSplit;
        return analysis::CostSplit{cost.month.totalUsd, m.usefulUsd, m.idleTaxUsd, m.coldStartTaxUsd, m.otherUsd};
    };
}
}  // namespace

namespace {
Json nullable(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json curveToJson(const ColdStartCurve& curve) {
    Json rows = Json::array();
    for (const auto& r : curve.rows) {
        Json split = nullptr;
        if (r.costPerMonth)
            split = {{"usefulUsd", r.costPerMonth->usefulUsd},
                     {"idleTaxUsd", r.costPerMonth->idleTaxUsd},
                     {"coldStartTaxUsd", r.costPerMonth->coldStartTaxUsd},
                     {"otherUsd", r.costPerMonth->otherUsd}};
        rows.push_back({{"value", r.value},
                        {"requests", r.requests},
                        {"coldStarts", r.coldStarts},
                        {"coldStartFraction", r.coldStartFraction},
                        {"p99Seconds", nullable(r.p99Seconds)},
                        {"coldOnlyP99Seconds", nullable(r.coldOnlyP99Seconds)},
                        {"meanAliveInstances", r.meanAliveInstances},
                        {"costUsdPerMonth", r.costPerMonth ? Json(r.costPerMonth->totalUsd) : Json(nullptr)},
                        {"split", split}});
    }
    Json dropped = Json::array();
    for (double v : curve.dropped) dropped.push_back(v);
    return {{"parameter", curve.parameter}, {"baseValue", curve.baseValue}, {"rows", rows}, {"dropped", dropped}};
}

struct RunFacts {
    std::string sha256;
    double wallSeconds = 0.0;
    int threads = 1;
};

Json resultToJson(const Scenario& s, const ColdStartResult& r, const pricing::PriceSet& prices, const RunFacts& run) {
    Json deployments = Json::array();
    for (const auto& d : r.deployments)
        deployments.push_back({{"name", d.deployment},
                               {"index", d.index},
                               {"p99Metric", d.llm ? "ttft" : "latency"},
                               {"keepAlive", curveToJson(d.keepAlive)},
                               {"minInstances", curveToJson(d.minInstances)}});
    Json j = resultHeader(s.name, run.sha256, s.seed);
    j["deployments"] = deployments;
    j["catalogSnapshot"] = pricing::catalogSnapshotJson(prices);
    j["run"] = {{"wallSeconds", run.wallSeconds}, {"simulations", r.simulations}, {"threads", run.threads}};
    return j;
}

std::string seconds(const std::optional<double>& s) {
    if (!s) return "-";
    if (*s < 1.0) return fmt::format("{:.1f} ms", *s * 1e3);
    return fmt::format("{:.2f} s", *s);
}

std::string usd(const std::optional<analysis::CostSplit>& c, double analysis::CostSplit::*part) {
    return c ? formatUsd((*c).*part) : "n/a";
}

std::string curveTable(const ColdStartCurve& curve, const std::string& column, bool llm) {
    std::vector<std::vector<std::string>> rows{{column, "cold starts", "cold req.", llm ? "TTFT p99" : "p99",
                                                "cold p99", "alive", "$/month", "useful", "idle tax", "cold tax",
                                                "other"}};
    for (const auto& r : curve.rows)
        rows.push_back({fmt::format("{:g}", r.value), fmt::format("{}", r.coldStarts),
                        fmt::format("{:.2f} %", 100.0 * r.coldStartFraction), seconds(r.p99Seconds),
                        seconds(r.coldOnlyP99Seconds), fmt::format("{:.2f}", r.meanAliveInstances),
                        usd(r.costPerMonth, &analysis::CostSplit::totalUsd),
                        usd(r.costPerMonth, &analysis::CostSplit::usefulUsd),
                        usd(r.costPerMonth, &analysis::CostSplit::idleTaxUsd),
                        usd(r.costPerMonth, &analysis::CostSplit::coldStartTaxUsd),
                        usd(r.costPerMonth, &analysis::CostSplit::otherUsd)});
    std::string out = formatTable(rows);
    if (!curve.dropped.empty()) {
        std::string values;
        for (double v : curve.dropped) values += fmt::format("{}{:g}", values.empty() ? "" : ", ", v);
        out += fmt::format("(left out: {} — above maxInstances)\n", values);
    }
    return out;
}

std::string resultText(const ColdStartResult& r) {
    std::string out;
    for (const auto& d : r.deployments) {
        out += fmt::format("{} — keep-alive ({}, scenario value {:g}):\n", d.deployment, d.keepAlive.parameter,
                           d.keepAlive.baseValue);
        out += curveTable(d.keepAlive, "keep-alive s", d.llm) + '\n';
        out += fmt::format("{} — min instances ({}, scenario value {:g}):\n", d.deployment,
                           d.minInstances.parameter, d.minInstances.baseValue);
        out += curveTable(d.minInstances, "min inst.", d.llm) + '\n';
    }
    out += "cold req.: requests delayed by an instance start; cold p99: their arrival-to-completion p99;\n"
           "alive: mean instances alive. $/month: useful work + idle tax + cold-start tax + other (docs/pricing.md).\n";
    return out;
}
}  // namespace

int runColdStart(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args(argv, {"json", "help"},
                    {"deployment", "keep-alive", "min-instances", "threads", "seed", "catalog", "as-of",
                     "free-tier", "scenario"});
    if (args.flag("help")) {
        out << kColdStartUsage;
        return 0;
    }
    if (args.positional().size() != 1)
        throw UsageError("coldstart takes exactly one scenario file, workspace (with --scenario NAME) or - for stdin");
    const pricing::PricingOptions priceOptions = pricingOptions(args);
    const analysis::ColdStartOptions options = impactOptions(args);
    const ScenarioInput input = loadScenarioInput(args.positional().front(), args.value("scenario"), err);
    Scenario scenario = input.scenario;
    if (const auto seed = args.unsignedValue("seed")) scenario.seed = *seed;
    const std::vector<std::size_t> deployments = targets(scenario, args.value("deployment"));
    // Prices first: a broken catalogue is reported before a long run, not after.
    const pricing::PriceSet prices = openCatalogue(args.value("catalog"), err, "coldstart").load(args.value("as-of"));
    auto prepare = [&prices, &input](Scenario& s) { pricing::resolveLlmGpus(s, prices, input.source); };
    prepare(scenario);  // an unknown GPU is reported once, before the runs

    const auto start = Clock::now();
    ColdStartResult result;
    try {
        result = analysis::runColdStartImpact(scenario, deployments, input.source, prepare,
                                              splitCost(prices, priceOptions), options);
    } catch (const analysis::ParameterError& e) {
        throw UsageError(e.what());
    }
    const RunFacts run{Sha256::hex(input.text), std::chrono::duration<double>(Clock::now() - start).count(),
                       options.threads};
    if (args.flag("json")) {
        out << resultToJson(scenario, result, prices, run).dump(2) << '\n';
        return 0;
    }
    out << resultText(result);
    out << fmt::format("{} deployment runs in {:.2f} s on {} thread{}. Prices: catalogue snapshot {} as of {}; "
                       "$/month scales the simulated usage to a 730-hour month{}.\n",
                       result.simulations, run.wallSeconds, run.threads, run.threads == 1 ? "" : "s",
                       prices.snapshotId, prices.asOf, priceOptions.freeTier ? ", free tiers applied" : ", no free tiers");
    return 0;
}

}  // namespace breakeven::cli
