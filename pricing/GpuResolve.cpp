#include "pricing/GpuResolve.h"

#include <utility>

#include <fmt/format.h>

#include "model/io/ScenarioJson.h"
#include "pricing/PricingInternal.h"

namespace breakeven::pricing {

GpuSpec gpuSpecOf(const GpuType& gpu) {
    GpuSpec spec;
    spec.id = gpu.id;
    spec.memoryGb = gpu.memoryGb;
    spec.memoryBandwidthGBs = gpu.memoryBandwidthGBs;
    spec.denseTflops = gpu.fp16DenseTflops;
    return spec;
}

namespace {
// A member of each class the catalogue has figures for (RunPod's class lists:
// pricing-facts.json notes of runpod.<class>.flex.second).
constexpr std::pair<const char*, const char*> kRunPodRepresentatives[] = {
    {"24gb", "L4"},        {"48gb-pro", "L40S"}, {"80gb", "A100-80GB"},
    {"80gb-pro", "H100-PCIe"}, {"141gb", "H200"},  {"180gb", "B200"},
};
}  // namespace

std::optional<std::string> representativeGpu(std::string_view platform, std::string_view gpuOrClass) {
    if (platform != "runpod-serverless") return std::nullopt;
    const std::string key = detail::normaliseKey(gpuOrClass);
    for (const auto& [cls, gpu] : kRunPodRepresentatives)
        if (key == cls) return std::string(gpu);
    return std::nullopt;
}

std::string representativeGpuAssumption(std::string_view platform, std::string_view gpuOrClass,
                                        const PriceSet& prices) {
    const auto gpu = representativeGpu(platform, gpuOrClass);
    if (!gpu) return {};
    const auto it = prices.gpus.find(*gpu);
    const std::string figures =
        it == prices.gpus.end()
            ? std::string()
            : fmt::format(" ({:g} GB, {:g} GB/s, {:g} dense TFLOPS)", it->second.memoryGb,
                          it->second.memoryBandwidthGBs, it->second.fp16DenseTflops);
    return fmt::format("RunPod GPU class {} is simulated as its representative catalogue GPU {}{}; the "
                       "worker may get another GPU of the class",
                       gpuOrClass, *gpu, figures);
}

namespace {
void resolveOne(DeploymentSpec& d, const PriceSet& prices, const std::string& source, const std::string& path) {
    if (!d.llm || d.llm->gpuSpecGiven) return;
    const std::string id = representativeGpu(d.platform, *d.gpu).value_or(*d.gpu);
    const auto it = prices.gpus.find(id);
    if (it == prices.gpus.end()) {
        std::string known;
        for (const auto& [id, gpu] : prices.gpus) known += (known.empty() ? "" : ", ") + id;
        throw ScenarioError(source, path, fmt::format("GPU \"{}\" is not in the catalogue (known: {}); "
                                                      "give service.gpuSpec for another GPU", *d.gpu, known));
    }
    const GpuType& gpu = it->second;
    if (gpu.memoryGb <= 0 || gpu.memoryBandwidthGBs <= 0 || gpu.fp16DenseTflops <= 0)
        throw ScenarioError(source, path, fmt::format("the catalogue has no memory, bandwidth or dense "
                                                      "TFLOPS figure for GPU \"{}\"; give service.gpuSpec",
                                                      gpu.id));
    d.llm->gpu = gpuSpecOf(gpu);
}

// The JSON path of a composite's member, as the scenario reader names it.
std::string memberPath(const DeploymentSpec& alt, std::size_t m, std::size_t i) {
    if (alt.composite == Composite::Hybrid)
        return fmt::format("deployments[{}].{}.gpu", i, m == 0 ? "baseline" : "burst");
    return fmt::format("deployments[{}].routes[{}].deployment.gpu", i, m);
}
}  // namespace

void resolveLlmGpus(Scenario& scenario, const PriceSet& prices, const std::string& source) {
    for (std::size_t i = 0; i < scenario.deployments.size(); ++i) {
        DeploymentSpec& d = scenario.deployments[i];
        resolveOne(d, prices, source, fmt::format("deployments[{}].gpu", i));
        for (std::size_t m = 0; m < d.members.size(); ++m)
            resolveOne(d.members[m], prices, source, memberPath(d, m, i));
    }
}

}  // namespace breakeven::pricing
