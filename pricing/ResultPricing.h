#pragma once
// Prices a simulation result: every deployment's ledger for the simulated
// period and normalised to a 730-hour month, with $ per 1M requests and per
// 1M tokens. Pure: re-pricing a stored result never re-runs the simulation.
#include <optional>
#include <vector>

#include "model/domain/Scenario.h"
#include "model/io/ResultJson.h"
#include "model/sim/Result.h"
#include "pricing/BillSplit.h"
#include "pricing/Pricing.h"

namespace breakeven::pricing {

struct DeploymentCost {
    CostBreakdown scenario;  // the simulated period as is
    CostBreakdown month;     // usage scaled to 730 h, then tiers and free tiers
    std::optional<double> per1MRequests;  // scenario cost per 1M served requests
    std::optional<double> per1MTokens;    // scenario cost per 1M tokens (LLMs)
    // Useful work / idle tax / cold-start tax / other of `scenario` and of
    // `month` (a composite's are its members' sums).
    BillSplit scenarioSplit;
    BillSplit monthSplit;
};

DeploymentCost priceDeployment(const DeploymentResult& result, const PriceSet& prices,
                               const PricingOptions& options);
// Every catalogue price (items, tiers, instance rates) × factor.
PriceSet scaledPrices(const PriceSet& prices, double factor);

// The scenario's `pricing` object applies too: its factor scales every price,
// its freeTier (when set) overrides options.freeTier, its discount per
// platform applies to deployments without their own, and its extraLines are
// added once to every top-level alternative.
// `options` applies to every deployment; each deployment's own discount and
// extra cost lines (scenario keys) are added to it.
std::vector<DeploymentCost> priceResult(const Scenario& scenario, const ScenarioResult& result,
                                        const PriceSet& prices, const PricingOptions& options);
// Deployment `index` of `scenario` alone, priced exactly as priceResult
// prices it (the analyses price one re-simulated deployment at a time).
DeploymentCost priceScenarioDeployment(const Scenario& scenario, std::size_t index, const DeploymentResult& result,
                                       const PriceSet& prices, const PricingOptions& options);

// `costUsd` of one deployment and of the total (sums over the alternatives).
// Both carry `split` and `perMonthSplit` {usefulUsd, idleTaxUsd,
// coldStartTaxUsd, otherUsd}.
ResultJson costToJson(const DeploymentCost& cost);
ResultJson totalCostToJson(const std::vector<DeploymentCost>& costs);

// {"id", "asOf"}: which prices a result was computed with.
ResultJson catalogSnapshotJson(const PriceSet& prices);

// Adds costUsd to each deployment, the total, and catalogSnapshot to `result`.
void attachCosts(ResultJson& result, const std::vector<DeploymentCost>& costs, const PriceSet& prices);

}  // namespace breakeven::pricing
