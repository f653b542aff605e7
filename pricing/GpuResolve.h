#pragma once
// LLM services need their GPU's datasheet figures; the scenario names the GPU
// by catalogue id (`gpu`) and model/ never reads the catalogue, so the caller
// resolves them here before simulating.
#include "model/domain/Scenario.h"
#include "pricing/PriceSet.h"

namespace breakeven::pricing {

GpuSpec gpuSpecOf(const GpuType& gpu);
// Fills service.gpu of every LLM deployment that did not give a gpuSpec.
// Throws ScenarioError naming `source` and deployments[i].gpu for an id the
// catalogue does not know or a GPU without the figures the roofline needs.
void resolveLlmGpus(Scenario& scenario, const PriceSet& prices, const std::string& source);

}  // namespace breakeven::pricing
