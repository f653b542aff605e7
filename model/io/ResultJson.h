#pragma once
// The `simulate --json` schema (docs/scenario-format.md, "Results").
#include <nlohmann/json.hpp>

#include "model/sim/Result.h"

namespace breakeven {

inline constexpr int kResultSchemaVersion = 1;

// Key order is the documented order (ordered_json), for readable output.
using ResultJson = nlohmann::ordered_json;

ResultJson ledgerToJson(const UsageLedger& ledger);
ResultJson deploymentResultToJson(const DeploymentResult& result, bool timeline);
// Everything but `run` is a pure function of scenario and seed.
ResultJson resultToJson(const ScenarioResult& result, bool timeline, bool includeRun = true);

}  // namespace breakeven
