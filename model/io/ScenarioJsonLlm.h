#pragma once
// Internal to the scenario reader/writer: `"service": {"kind": "llm", ...}`.
#include <string>
#include <string_view>

#include "model/io/ScenarioJsonReader.h"

namespace breakeven::scenario_json {

bool isLlmService(const json& service);
// The deployment's hardware (gpu, gpuCount) is read already; the GPU's figures
// come from service.gpuSpec or later from the catalogue (resolveLlmGpus).
LlmServiceSpec readLlmService(const json& value, const std::string& path, std::string_view source,
                              const DeploymentSpec& deployment);
json llmServiceToJson(const LlmServiceSpec& service);

}  // namespace breakeven::scenario_json
