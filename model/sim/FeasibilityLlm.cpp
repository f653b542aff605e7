// Findings for LLM services and account quotas (issue 7): what cannot run as
// configured, and what needs a quota raise first. Figures from
// ../shared/data/pricing/pricing-facts.json (collected 2026-11-26), sources
// quoted in the messages' docs (docs/llm.md "Feasibility").
#include <algorithm>

#include <fmt/format.h>

#include "model/sim/Feasibility.h"

namespace breakeven {

namespace {
void add(std::vector<FeasibilityFinding>& out, const char* code, std::string message,
         const char* severity = "limit") {
    out.push_back(FeasibilityFinding{code, std::move(message), severity});
}

constexpr double kGb = 1e9;
constexpr double kLambdaHeadroomMb = 700.0;  // runtime + framework beside the weights (DESIGN.md)

void checkLambda(const DeploymentSpec& s, std::vector<FeasibilityFinding>& out) {
    const double weightsMb = s.llm->model.weightBytes() / 1e6;
    add(out, "llm-needs-gpu", "AWS Lambda has no GPUs: an LLM engine there runs on CPU only, far slower "
                              "than the GPU step times simulated here");
    if (weightsMb + kLambdaHeadroomMb > s.memoryMb)
        add(out, "model-exceeds-memory",
            fmt::format("weights {:.0f} MB + {:.0f} MB headroom exceed memoryMb {:g}", weightsMb,
                        kLambdaHeadroomMb, s.memoryMb));
    if (weightsMb > 10240.0)
        add(out, "model-exceeds-image-limit",
            fmt::format("weights {:.0f} MB exceed Lambda's 10 GB container image limit (250 MB for a zip "
                        "package)", weightsMb));
    if (weightsMb > s.ephemeralStorageMb)
        add(out, "model-exceeds-ephemeral-storage",
            fmt::format("weights {:.0f} MB do not fit ephemeralStorageMb {:g} (max 10,240) when downloaded "
                        "at start", weightsMb, s.ephemeralStorageMb));
}

void checkLlm(const DeploymentSpec& s, const DeploymentResult& r, std::vector<FeasibilityFinding>& out) {
    const LlmServiceSpec& l = *s.llm;
    const double usable = l.gpu.memoryGb * kGb * l.tp * l.gpuMemoryUtilization;
    if (l.model.weightBytes() + l.kvReserveGb * kGb * l.tp >= usable)
        add(out, "weights-exceed-gpu-memory",
            fmt::format("weights {:.1f} GB + reserve leave no KV cache in {} × {:g} GB × {:g} utilisation",
                        l.model.weightBytes() / kGb, l.tp, l.gpu.memoryGb, l.gpuMemoryUtilization));
    if (r.llm && r.llm->tooLarge > 0)
        add(out, "requests-exceed-kv-cache",
            fmt::format("{} requests need more KV cache (prompt + output) than one instance has "
                        "({:.0f} tokens) and were rejected", r.llm->tooLarge, r.llm->kvCapacityTokens),
            "outcome");
    if (s.platform == "aws-lambda") checkLambda(s, out);
}

void checkQuotas(const DeploymentSpec& s, const DeploymentResult& r, std::vector<FeasibilityFinding>& out) {
    if (s.platform == "aws-lambda" && r.maxAlive > 1000)
        add(out, "quota-lambda-concurrency",
            fmt::format("{} concurrent executions exceed Lambda's default account quota of 1,000 per region "
                        "(raise it first)", r.maxAlive), "quota");
    if (s.platform == "gcp-cloud-run" && r.maxAlive > 100)
        add(out, "quota-cloud-run-max-instances",
            fmt::format("{} instances exceed Cloud Run's default of 100 max instances per revision",
                        r.maxAlive), "quota");
    if (s.platform == "runpod-serverless" && r.maxAlive > 3)
        add(out, "quota-runpod-max-workers",
            fmt::format("{} workers exceed RunPod's default of 3 max workers per endpoint", r.maxAlive), "quota");
    const int gpus = r.maxAlive * std::max(0, s.gpuCount);
    if (s.platform == "modal" && gpus > 10)
        add(out, "quota-modal-gpu-concurrency",
            fmt::format("{} GPUs at once exceed Modal's Starter plan cap of 10 concurrent GPUs (Team: 50)",
                        gpus), "quota");
}
}  // namespace

void checkLlmAndQuotas(const DeploymentSpec& spec, const DeploymentResult& result,
                       std::vector<FeasibilityFinding>& out) {
    if (spec.gpuCount > 0 && spec.platform == "gcp-cloud-run" && (spec.vcpu < 4 || spec.memoryMb < 16384))
        add(out, "cloud-run-gpu-needs-4-vcpu-16-gib",
            fmt::format("Cloud Run GPU instances need ≥ 4 vCPU and 16 GiB; this one has {:g} vCPU and {:g} MB",
                        spec.vcpu, spec.memoryMb));
    if (spec.llm) checkLlm(spec, result, out);
    checkQuotas(spec, result, out);
}

}  // namespace breakeven
