#pragma once
// The cold-start impact analysis as the desktop app runs it (Qt-free): every
// serverless deployment of a scenario swept over keep-alive and min
// instances (the CLI `coldstart` defaults), each point priced and split
// exactly as `simulate` prices it, one deployment at a time so results can
// be shown as they come.
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "model/analysis/ColdStartImpact.h"
#include "model/domain/Scenario.h"
#include "pricing/PriceSet.h"
#include "pricing/Pricing.h"

namespace breakeven::appcore {

// $/month of one deployment, split into useful work / idle tax / cold-start
// tax / other; nullopt when the bill has errors. Thread-safe.
analysis::SplitCostFunction splitMonthCost(std::shared_ptr<const pricing::PriceSet> prices,
                                           const pricing::PricingOptions& options);

struct ColdStartRequest {
    // Default grids; min-instance values above a deployment's maxInstances are left out.
    analysis::ColdStartOptions options = [] {
        analysis::ColdStartOptions o;
        o.dropAboveMaxInstances = true;
        return o;
    }();
    // Called on the worker after each deployment, with its index among the
    // serverless deployments and their count.
    std::function<void(const analysis::ColdStartImpact&, std::size_t done, std::size_t total)> onDeployment;
};

// `scenario` as written (LLM GPUs unresolved); `source` names it in
// messages. Throws SimulationCancelled when options.cancel is set.
analysis::ColdStartResult runColdStartSweeps(const Scenario& scenario, const std::string& source,
                                             std::shared_ptr<const pricing::PriceSet> prices,
                                             const pricing::PricingOptions& pricing, const ColdStartRequest& request);

}  // namespace breakeven::appcore
