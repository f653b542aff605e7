#include "model/sim/Feasibility.h"

#include <array>
#include <string>

#include <fmt/format.h>

namespace breakeven {

namespace {
// From ../shared/data/pricing/pricing-facts.json (collected 2026-11-26).
constexpr std::array<PlatformLimits, 4> kLimits{{
    {"aws-lambda", "AWS Lambda", 900, 128, 10240, 1, false, 0, 0, 600, 10, false, 0, 512, 10240},
    {"gcp-cloud-run", "Google Cloud Run", 3600, 128, 32768, 1000, false, 0, 0, 900, 0, true, 1, 0, 0},
    {"modal", "Modal", 86400, 0, 0, 0, true, 2, 1200, 60, 0, true, 8, 0, 0},
    {"runpod-serverless", "RunPod Serverless", 604800, 0, 0, 0, true, 1, 3600, 5, 0, true, 8, 0, 0},
}};

void add(std::vector<FeasibilityFinding>& out, const char* code, std::string message,
         const char* severity = "limit") {
    out.push_back(FeasibilityFinding{code, std::move(message), severity});
}

void checkPlatform(const DeploymentSpec& s, const PlatformLimits& p,
                   std::vector<FeasibilityFinding>& out) {
    if (p.timeoutSecondsMax > 0 && s.requestTimeoutSeconds > p.timeoutSecondsMax)
        add(out, "timeout-above-platform-max",
            fmt::format("requestTimeoutSeconds {:g} exceeds {}'s maximum of {:g} s",
                        s.requestTimeoutSeconds, p.displayName, p.timeoutSecondsMax));
    if (p.memoryMbMax > 0 && (s.memoryMb < p.memoryMbMin || s.memoryMb > p.memoryMbMax))
        add(out, "memory-outside-platform-range",
            fmt::format("memoryMb {:g} is outside {}'s range {:g}–{:g} MB", s.memoryMb,
                        p.displayName, p.memoryMbMin, p.memoryMbMax));
    if (p.concurrencyMax > 0 && s.concurrencyPerInstance > p.concurrencyMax)
        add(out, "concurrency-above-platform-max",
            fmt::format("concurrencyPerInstance {} exceeds {}'s maximum of {}",
                        s.concurrencyPerInstance, p.displayName, p.concurrencyMax));
    if (!p.keepAliveConfigurable && s.keepAliveSeconds != p.defaultIdleSeconds)
        add(out, "keep-alive-not-configurable",
            fmt::format("{} does not let you set the keep-alive; {:g} s is a what-if "
                        "(the platform's observed idle time is about {:g} s)",
                        p.displayName, s.keepAliveSeconds, p.defaultIdleSeconds));
    if (p.keepAliveConfigurable && p.keepAliveSecondsMax > 0 &&
        (s.keepAliveSeconds < p.keepAliveSecondsMin || s.keepAliveSeconds > p.keepAliveSecondsMax))
        add(out, "keep-alive-outside-platform-range",
            fmt::format("keepAliveSeconds {:g} is outside {}'s range {:g}–{:g} s",
                        s.keepAliveSeconds, p.displayName, p.keepAliveSecondsMin,
                        p.keepAliveSecondsMax));
    if (p.initSecondsMax > 0 && s.coldStart.quantile(0.99) > p.initSecondsMax)
        add(out, "cold-start-above-init-limit",
            fmt::format("cold start p99 {:.3g} s exceeds {}'s {:g} s INIT limit",
                        s.coldStart.quantile(0.99), p.displayName, p.initSecondsMax));
    if (p.ephemeralStorageMbMax > 0 &&
        (s.ephemeralStorageMb < p.ephemeralStorageMbMin || s.ephemeralStorageMb > p.ephemeralStorageMbMax))
        add(out, "ephemeral-storage-outside-platform-range",
            fmt::format("ephemeralStorageMb {:g} is outside {}'s range {:g}–{:g} MB",
                        s.ephemeralStorageMb, p.displayName, p.ephemeralStorageMbMin,
                        p.ephemeralStorageMbMax));
    if (s.gpuCount > 0 && !p.gpuOffered)
        add(out, "gpu-not-offered", fmt::format("{} offers no GPUs", p.displayName));
    else if (s.gpuCount > p.gpuPerInstanceMax && p.gpuOffered)
        add(out, "gpu-count-above-platform-max",
            fmt::format("gpuCount {} exceeds {}'s maximum of {} per instance", s.gpuCount,
                        p.displayName, p.gpuPerInstanceMax));
}
}  // namespace

const PlatformLimits* findPlatformLimits(const std::string& platform) {
    for (const auto& p : kLimits)
        if (platform == p.platform) return &p;
    return nullptr;
}

std::vector<FeasibilityFinding> checkFeasibility(const DeploymentSpec& spec,
                                                 const DeploymentResult& result) {
    std::vector<FeasibilityFinding> out;
    if (const PlatformLimits* limits = findPlatformLimits(spec.platform))
        checkPlatform(spec, *limits, out);
    checkLlmAndQuotas(spec, result, out);
    if (result.requestTimeouts > 0)
        add(out, "requests-timed-out",
            fmt::format("{} requests ran longer than requestTimeoutSeconds {:g} and failed",
                        result.requestTimeouts, spec.requestTimeoutSeconds),
            "outcome");
    if (result.rejected > 0)
        add(out, "requests-rejected",
            fmt::format("{} requests ({:.3g} %) found no free instance and were rejected",
                        result.rejected,
                        100.0 * static_cast<double>(result.rejected) /
                            static_cast<double>(std::max<std::uint64_t>(1, result.requests))),
            "outcome");
    if (result.queueTimeouts > 0)
        add(out, "queue-timeouts",
            fmt::format("{} requests waited longer than queueTimeoutSeconds {:g}",
                        result.queueTimeouts, spec.queueTimeoutSeconds),
            "outcome");
    return out;
}

}  // namespace breakeven
