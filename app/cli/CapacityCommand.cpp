// breakeven-cli capacity (declared in OptimizeCommand.h): the highest traffic
// one deployment serves within the SLOs (docs/analysis.md "Capacity").
#include <chrono>
#include <ostream>

#include <fmt/format.h>

#include "app/core/MonthCost.h"
#include "app/cli/OptimizeCommand.h"
#include "model/analysis/Capacity.h"
#include "model/core/Sha256.h"
#include "model/io/ResultJson.h"
#include "pricing/ResultPricing.h"

namespace breakeven::cli {

using appcore::monthCost;

namespace {
using Json = ResultJson;

Json nullable(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

std::size_t deploymentIndex(const Scenario& s, const std::string& name) {
    std::string names;
    for (std::size_t i = 0; i < s.deployments.size(); ++i) {
        if (s.deployments[i].name == name) return i;
        names += (names.empty() ? "" : ", ") + s.deployments[i].name;
    }
    throw UsageError(fmt::format("--deployment: no deployment named \"{}\" (the scenario has: {})", name, names));
}

Json capacityToJson(const PlanningSetup& s, const analysis::CapacityResult& c, double wall) {
    const analysis::SloOutcome& o = c.atCapacity;
    Json probes = Json::array();
    for (const auto& p : c.probes)
        probes.push_back({{"rateScale", p.rateScale},
                          {"ratePerSecond", p.outcome.ratePerSecond},
                          {"meetsSlo", p.outcome.eligible()},
                          {"p99Seconds", nullable(p.outcome.p99Seconds)},
                          {"costUsdPerMonth", nullable(p.outcome.costUsdPerMonth)}});
    Json j = resultHeader(s.scenario.name, Sha256::hex(s.input.text), s.scenario.seed);
    j["deployment"] = c.name;
    j["feasible"] = c.feasible;
    j["unbounded"] = c.unbounded;
    j["rateScale"] = c.feasible ? Json(c.rateScale) : Json(nullptr);
    j["failingRateScale"] = nullable(c.failingRateScale);
    j["requestsPerSecond"] = c.feasible ? Json(c.requestsPerSecond) : Json(nullptr);
    j["costUsdPerMonth"] = nullable(o.costUsdPerMonth);
    j["p99Seconds"] = nullable(o.p99Seconds);
    j["ttftP99Seconds"] = nullable(o.ttftP99Seconds);
    j["tpotP99Seconds"] = nullable(o.tpotP99Seconds);
    j["requestsPerUsd"] = nullable(c.requestsPerUsd);
    j["usdPer1MRequests"] = nullable(c.usdPer1MRequests);
    j["usdPer1MTokens"] = nullable(c.usdPer1MTokens);
    j["probes"] = probes;
    j["catalogSnapshot"] = pricing::catalogSnapshotJson(s.prices);
    j["run"] = {{"wallSeconds", wall}, {"threads", 1}};
    return j;
}

void capacityText(const PlanningSetup& s, const analysis::CapacityResult& c, std::ostream& out) {
    out << fmt::format("{} (SLOs: {}):\n", c.name, describeSlos(s.slos));
    if (!c.feasible) {
        out << fmt::format("  meets the SLOs at no traffic tried ({} probes); run `simulate` to see why\n",
                           c.probes.size());
        return;
    }
    const analysis::SloOutcome& o = c.atCapacity;
    out << fmt::format("  capacity: {}rateScale {:.4g} = {:.4g} requests/s{}\n", c.unbounded ? "at least " : "",
                       c.rateScale, c.requestsPerSecond,
                       c.failingRateScale ? fmt::format(" (fails at {:.4g})", *c.failingRateScale)
                                          : " (the search stops there)");
    out << fmt::format("  there: p99 {:.3g} s, ", o.p99Seconds.value_or(0.0));
    if (o.ttftP99Seconds) out << fmt::format("TTFT p99 {:.3g} s, ", *o.ttftP99Seconds);
    out << (o.costUsdPerMonth ? fmt::format("${:.2f}/month", *o.costUsdPerMonth) : std::string("not priced")) << '\n';
    if (c.requestsPerUsd)
        out << fmt::format("  {:.4g} requests per $ (${:.4g} per 1M requests)\n", *c.requestsPerUsd,
                           c.usdPer1MRequests.value_or(0.0));
    if (c.usdPer1MTokens) out << fmt::format("  ${:.4g} per 1M tokens (input + output)\n", *c.usdPer1MTokens);
    out << fmt::format("  {} simulations\n", c.probes.size());
}
}  // namespace

int runCapacity(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (planningHelp(argv, R"(usage: breakeven-cli capacity SCENARIO|WS --deployment NAME [options]
The highest workload.rateScale at which the deployment, as written, still
meets the SLOs (bracketed from an analytic estimate, bisected to 1 %):
requests/s, requests per $ (a 730-hour month's requests / $ per month),
$ per 1M requests and per 1M tokens.
)", out))
        return 0;
    std::set<std::string> options = planningOptions();
    options.insert("deployment");
    const Args args(argv, {"json"}, options);
    const auto name = args.value("deployment");
    if (!name) throw UsageError("--deployment NAME is required");
    PlanningSetup s;
    loadPlanning(args, err, "capacity", s);
    if (s.slos.empty()) throw UsageError("no SLO to meet: give --p99 S, --ttft-p99 S, --max-reject F… or a \"slos\" object");
    const std::size_t index = deploymentIndex(s.scenario, *name);
    const auto start = std::chrono::steady_clock::now();
    analysis::CapacityOptions capacity;
    capacity.slos = s.slos;
    const analysis::ParameterPath scale(s.scenario, std::string(analysis::kRateScalePath), s.input.source,
                                        preparer(s));
    const auto result = analysis::findCapacity(scale, index, monthCost(s.prices, s.priceOptions), capacity);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (args.flag("json")) out << capacityToJson(s, result, wall).dump(2) << '\n';
    else capacityText(s, result, out);
    return 0;
}

}  // namespace breakeven::cli
