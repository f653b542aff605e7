#include "app/cli/RecommendCommand.h"

#include <ostream>

#include "app/cli/OptimizeCommand.h"
#include "app/core/Recommendation.h"
#include "model/sim/Simulator.h"
#include "pricing/ResultPricing.h"

namespace breakeven::cli {

int runRecommend(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (planningHelp(argv, R"(usage: breakeven-cli recommend SCENARIO|WS [options] [--points N]
A plain-language recommendation: the cheapest alternative meeting the SLOs at
the scenario's traffic, where it stops being cheapest (a workload.rateScale
sweep 0.1x-20x, N log points, default 12, with refined crossovers), what cold
starts cost (cold fraction, cold p99, cold-start and idle tax), and which
alternatives cannot run or miss the SLOs, and why. Without SLOs, any
alternative the platforms can run counts as meeting them. (--json is not
offered: use optimize, sweep and simulate --json.)
)", out))
        return 0;
    std::set<std::string> options = planningOptions();
    options.insert("points");
    const Args args(argv, {}, options);
    const int points = static_cast<int>(args.unsignedValue("points").value_or(12));
    if (points < 2 || points > 200) throw UsageError("--points: expected 2 to 200");
    PlanningSetup s;
    loadPlanning(args, err, "recommend", s);
    SimulationOptions simOptions;
    simOptions.threads = s.threads;
    const ScenarioResult result = simulate(s.scenario, simOptions);
    const auto costs = pricing::priceResult(s.scenario, result, s.prices, s.priceOptions);
    const std::string slos = describeSlos(s.slos);
    appcore::Recommendation r = appcore::recommend(s.scenario.name, s.slos, slos, result, costs, nullptr);
    if (r.winner) {
        // The sweep only matters once there is a winner to follow.
        const auto sweep = appcore::recommendationSweep(s.scenario, s.input.source, preparer(s), s.prices,
                                                        s.priceOptions, points, s.threads);
        r = appcore::recommend(s.scenario.name, s.slos, slos, result, costs, &sweep);
    }
    out << appcore::recommendationText(r);
    return 0;
}

}  // namespace breakeven::cli
