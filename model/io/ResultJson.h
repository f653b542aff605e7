#pragma once
// The `simulate --json` schema (docs/scenario-format.md, "Results").
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "model/sim/Result.h"

namespace breakeven {

inline constexpr int kResultSchemaVersion = 1;

// Key order is the documented order (ordered_json), for readable output.
using ResultJson = nlohmann::ordered_json;

// What every result starts with, in this order: schemaVersion, version,
// scenario, scenarioSha256, seed (analysis commands add their own keys).
ResultJson resultHeader(const std::string& scenarioName, const std::string& scenarioSha256, std::uint64_t seed);

ResultJson ledgerToJson(const UsageLedger& ledger);
// Reads a ledger written by ledgerToJson (a stored result can be re-priced
// without re-simulating). Throws std::runtime_error naming the missing or
// mistyped key.
UsageLedger ledgerFromJson(const nlohmann::json& json);
ResultJson deploymentResultToJson(const DeploymentResult& result, bool timeline);
// Everything but `run` is a pure function of scenario and seed.
ResultJson resultToJson(const ScenarioResult& result, bool timeline, bool includeRun = true);

}  // namespace breakeven
