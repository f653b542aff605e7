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

// Rows of cells as an aligned text table: the first row is the header
// (underlined), the first column left-aligned, the others right-aligned.
std::string formatTable(const std::vector<std::vector<std::string>>& rows);
// "$12.34", or whole dollars from $1000 up.
std::string formatUsd(double usd);

}  // namespace breakeven::cli
