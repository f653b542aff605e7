#pragma once
#include <string>

#include "model/sim/Result.h"

namespace breakeven::cli {

// The human-readable summary `simulate` prints without --json.
std::string formatSummaryTable(const ScenarioResult& result);

}  // namespace breakeven::cli
