#include "app/core/PricedRun.h"

#include "model/analysis/ParameterPath.h"
#include "model/sim/Simulator.h"
#include "pricing/GpuResolve.h"

namespace breakeven::appcore {

PricedSimulation simulateAndPrice(Scenario scenario, const std::string& source,
                                  const pricing::PriceSet& prices, const pricing::PricingOptions& options,
                                  const std::atomic<bool>* cancel, int threads, bool timeline) {
    PricedSimulation out;
    pricing::resolveLlmGpus(scenario, prices, source);
    SimulationOptions simOptions;
    simOptions.threads = threads;
    simOptions.cancel = cancel;
    simOptions.timeline = timeline;
    out.result = simulate(scenario, simOptions);
    out.costs = pricing::priceResult(scenario, out.result, prices, options);
    out.scenario = std::move(scenario);
    return out;
}

analysis::SweepResult sweepRateScale(const Scenario& scenario, const std::string& source,
                                     std::shared_ptr<const pricing::PriceSet> prices,
                                     const pricing::PricingOptions& options, const RateSweepRequest& request) {
    Scenario base = scenario;
    auto prepare = [prices, source](Scenario& s) { pricing::resolveLlmGpus(s, *prices, source); };
    prepare(base);  // an unknown GPU is reported once, before the sweep
    const analysis::ParameterPath parameter(base, std::string(analysis::kRateScalePath), source, prepare);
    analysis::SweepOptions sweep;
    sweep.threads = request.threads;
    sweep.onPoint = request.onPoint;
    sweep.cancel = request.cancel;
    return analysis::runSweep(parameter, request.range, monthCost(std::move(prices), options), sweep);
}

}  // namespace breakeven::appcore
