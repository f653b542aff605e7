#pragma once
// Stored results in a workspace (docs/workspace-format.md "Stored results and
// re-pricing"): `simulate WS --scenario NAME --save` stores a result with the
// prices it was computed with; `workspace reprice WS` prices the stored
// ledgers again with today's catalogue (no re-simulation) and reports which
// price rows changed, every alternative's $/month old -> new and whether the
// cheapest alternative flipped.
#include <iosfwd>
#include <string>
#include <vector>

#include "model/io/ResultJson.h"
#include "pricing/PriceSet.h"

namespace breakeven::cli {

// Loads the workspace afresh, stores `result` (the simulate --json object) as
// the scenario's result with `prices` embedded, and saves atomically.
void saveResultToWorkspace(const std::string& workspacePath, const std::string& scenarioName,
                           const ResultJson& result, const pricing::PriceSet& prices, bool freeTier,
                           std::ostream& err);

// breakeven-cli workspace reprice WS [--scenario NAME] [--catalog PATH]
//                                    [--as-of DATE] [--json] [--save]
int runReprice(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);

}  // namespace breakeven::cli
