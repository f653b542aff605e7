#pragma once
#include <string>

#include <vector>

#include "model/sim/Result.h"
#include "pricing/ResultPricing.h"

namespace breakeven::cli {

// The human-readable summary `simulate` prints without --json.
// `costs` (one per deployment, may be empty) adds the money columns.
std::string formatSummaryTable(const ScenarioResult& result,
                               const std::vector<pricing::DeploymentCost>& costs = {});

}  // namespace breakeven::cli
