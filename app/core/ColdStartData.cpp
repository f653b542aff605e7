#include "app/core/ColdStartData.h"

#include "model/sim/Simulator.h"
#include "pricing/GpuResolve.h"
#include "pricing/ResultPricing.h"

namespace breakeven::appcore {

analysis::SplitCostFunction splitMonthCost(std::shared_ptr<const pricing::PriceSet> prices,
                                           const pricing::PricingOptions& options) {
    return [prices = std::move(prices), options](const Scenario& s, std::size_t i,
                                                 const DeploymentResult& r) -> std::optional<analysis::CostSplit> {
        const pricing::DeploymentCost cost = pricing::priceScenarioDeployment(s, i, r, *prices, options);
        if (!cost.month.errors.empty()) return std::nullopt;
        const pricing::BillSplit& m = cost.monthSplit;
        return analysis::CostSplit{cost.month.totalUsd, m.usefulUsd, m.idleTaxUsd, m.coldStartTaxUsd, m.otherUsd};
    };
}

analysis::ColdStartResult runColdStartSweeps(const Scenario& scenario, const std::string& source,
                                             std::shared_ptr<const pricing::PriceSet> prices,
                                             const pricing::PricingOptions& pricing, const ColdStartRequest& request) {
    Scenario base = scenario;
    auto prepare = [prices, source](Scenario& s) { pricing::resolveLlmGpus(s, *prices, source); };
    prepare(base);
    const analysis::SplitCostFunction cost = splitMonthCost(prices, pricing);
    const std::vector<std::size_t> targets = analysis::serverlessDeployments(base);
    analysis::ColdStartResult out;
    // One deployment per call: its 12 points still run in parallel, and
    // each deployment can be shown as soon as it is done.
    for (std::size_t k = 0; k < targets.size(); ++k) {
        if (request.options.cancel != nullptr && request.options.cancel->load()) throw SimulationCancelled();
        analysis::ColdStartResult one =
            analysis::runColdStartImpact(base, {targets[k]}, source, prepare, cost, request.options);
        out.simulations += one.simulations;
        for (auto& d : one.deployments) {
            if (request.onDeployment) request.onDeployment(d, k + 1, targets.size());
            out.deployments.push_back(std::move(d));
        }
    }
    return out;
}

}  // namespace breakeven::appcore
