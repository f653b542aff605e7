#pragma once
// Internal to the scenario reader/writer: the "trace" workload kind.
#include <string_view>

#include "model/io/ScenarioJsonReader.h"

namespace breakeven::scenario_json {

// The keys of a trace workload besides "kind".
std::span<const std::string_view> traceWorkloadKeys();

// Reads a trace workload; a relative path resolves against the folder of
// `source` (the scenario file), or the working directory for stdin.
void readTraceWorkload(const ObjectReader& r, WorkloadSpec& w);
json traceWorkloadToJson(const WorkloadSpec& w);

}  // namespace breakeven::scenario_json
