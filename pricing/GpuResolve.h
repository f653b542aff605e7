#pragma once
// LLM services need their GPU's datasheet figures; the scenario names the GPU
// by catalogue id (`gpu`) and model/ never reads the catalogue, so the caller
// resolves them here before simulating.
#include <optional>
#include <string>
#include <string_view>

#include "model/domain/Scenario.h"
#include "pricing/PriceSet.h"

namespace breakeven::pricing {

GpuSpec gpuSpecOf(const GpuType& gpu);
// RunPod Serverless prices a worker by GPU memory class ("24gb", "80gb-pro"),
// not by model. An LLM engine needs one GPU's datasheet, so a class stands
// for a representative catalogue GPU of it (24gb -> L4, 48gb-pro -> L40S,
// 80gb -> A100-80GB, 80gb-pro -> H100-PCIe, 141gb -> H200, 180gb -> B200).
// nullopt for other platforms, for GPU names and for classes without one
// (those need service.gpuSpec).
std::optional<std::string> representativeGpu(std::string_view platform, std::string_view gpuOrClass);
// The assumption results state when a class was simulated with its
// representative's figures ("" when `gpuOrClass` is not such a class).
std::string representativeGpuAssumption(std::string_view platform, std::string_view gpuOrClass,
                                        const PriceSet& prices);
// Fills service.gpu of every LLM deployment that did not give a gpuSpec.
// Throws ScenarioError naming `source` and deployments[i].gpu for an id the
// catalogue does not know or a GPU without the figures the roofline needs.
void resolveLlmGpus(Scenario& scenario, const PriceSet& prices, const std::string& source);

}  // namespace breakeven::pricing
