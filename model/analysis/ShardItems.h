#pragma once
// Work items as part lines (Shard.h): a sweep point and an uncertainty run,
// each with its id, inputs, per-alternative metrics and usage ledgers.
// Numbers are written with the shortest text that reads back to the same
// double, so an item that went through a file aggregates to the same bytes
// as one that stayed in memory (non-finite values are written as strings).
#include <string>

#include <nlohmann/json.hpp>

#include "model/analysis/Sweep.h"
#include "model/analysis/Uncertainty.h"

namespace breakeven::analysis {

// `parameter` names the swept path in the item's "inputs".
nlohmann::json sweepPointToJson(const SweepPoint& point, const std::string& parameter);
// Throws ShardError naming the item id and the key.
SweepPoint sweepPointFromJson(const nlohmann::json& json);

// `model` names the varied inputs in the item's "inputs".
nlohmann::json uncertaintyRunToJson(const UncertaintyRun& run, const UncertaintyModel& model);
UncertaintyRun uncertaintyRunFromJson(const nlohmann::json& json);

}  // namespace breakeven::analysis
