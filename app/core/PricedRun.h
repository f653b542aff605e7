#pragma once
// The CLI's simulate and sweep pipelines without the command line: open the
// catalogue, resolve LLM GPUs, simulate or sweep, price. Qt-free, so the
// desktop app (on its worker thread), its headless modes and tests produce
// exactly the numbers `breakeven-cli simulate` / `sweep` print.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/analysis/Sweep.h"
#include "model/domain/Scenario.h"
#include "model/sim/Result.h"
#include "app/core/CatalogueAccess.h"
#include "app/core/MonthCost.h"
#include "pricing/CatalogueDb.h"
#include "pricing/ResultPricing.h"

namespace breakeven::appcore {

struct PricedSimulation {
    Scenario scenario;  // as simulated: LLM GPUs resolved from the catalogue
    ScenarioResult result;
    std::vector<pricing::DeploymentCost> costs;  // one per top-level deployment
};

// `source` names the scenario in messages (the workspace file). Throws
// ScenarioError for an unknown GPU, SimulationCancelled when cancelled.
// `timeline`: keep the per-minute series (SimulationOptions::timeline).
PricedSimulation simulateAndPrice(Scenario scenario, const std::string& source,
                                  const pricing::PriceSet& prices, const pricing::PricingOptions& options,
                                  const std::atomic<bool>* cancel = nullptr, int threads = 0,
                                  bool timeline = false);

struct RateSweepRequest {
    analysis::SweepRange range{0.1, 20.0, 24, analysis::SweepScale::Log};
    int threads = 0;
    std::function<void(const analysis::SweepPoint&)> onPoint;
    const std::atomic<bool>* cancel = nullptr;
};

// Sweeps workload.rateScale (DESIGN.md "Workload": traffic scaling).
analysis::SweepResult sweepRateScale(const Scenario& scenario, const std::string& source,
                                     std::shared_ptr<const pricing::PriceSet> prices,
                                     const pricing::PricingOptions& options, const RateSweepRequest& request);

}  // namespace breakeven::appcore
