#include "app/core/MonthCost.h"

#include "pricing/ResultPricing.h"

namespace breakeven::appcore {

analysis::CostFunction monthCost(std::shared_ptr<const pricing::PriceSet> prices,
                                 const pricing::PricingOptions& options) {
    return [prices = std::move(prices), options](const Scenario& s, std::size_t i, const DeploymentResult& r) -> std::optional<double> {
        const pricing::DeploymentCost cost = pricing::priceScenarioDeployment(s, i, r, *prices, options);
        if (!cost.month.errors.empty()) return std::nullopt;
        return cost.month.totalUsd;
    };
}

analysis::CostFunction monthCost(const pricing::PriceSet& prices, const pricing::PricingOptions& options) {
    // Non-owning: the aliasing constructor shares no ownership.
    return monthCost(std::shared_ptr<const pricing::PriceSet>(std::shared_ptr<void>(), &prices), options);
}

}  // namespace breakeven::appcore
