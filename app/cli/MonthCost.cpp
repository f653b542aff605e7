#include "app/cli/MonthCost.h"

#include "pricing/ResultPricing.h"

namespace breakeven::cli {

analysis::CostFunction monthCost(const pricing::PriceSet& prices, const pricing::PricingOptions& options) {
    return [&prices, options](const Scenario& s, std::size_t i, const DeploymentResult& r) -> std::optional<double> {
        Scenario one;
        one.deployments = {s.deployments[i]};
        one.pricing = s.pricing;
        ScenarioResult result;
        result.deployments = {r};
        const auto costs = pricing::priceResult(one, result, prices, options);
        if (!costs.front().month.errors.empty()) return std::nullopt;
        return costs.front().month.totalUsd;
    };
}

}  // namespace breakeven::cli
