#pragma once
// Platform limits are findings, never input errors: users explore what-ifs
// beyond today's limits (a longer Lambda timeout, a settable keep-alive).
#include <vector>

#include "model/domain/Deployment.h"
#include "model/sim/Result.h"

namespace breakeven {

// Published limits of a platform (pricing-facts.json `limits`/`keepAlive`);
// a zero or negative bound means "no limit known".
struct PlatformLimits {
    const char* platform;
    const char* displayName;
    double timeoutSecondsMax;
    double memoryMbMin, memoryMbMax;
    int concurrencyMax;
    bool keepAliveConfigurable;
    double keepAliveSecondsMin, keepAliveSecondsMax;
    double defaultIdleSeconds;
    double initSecondsMax;
    bool gpuOffered;
    int gpuPerInstanceMax;
    double ephemeralStorageMbMin, ephemeralStorageMbMax;
};

const PlatformLimits* findPlatformLimits(const std::string& platform);

// LLM services (GPU memory, KV cache, Lambda) and account quotas (FeasibilityLlm.cpp).
void checkLlmAndQuotas(const DeploymentSpec& spec, const DeploymentResult& result,
                       std::vector<FeasibilityFinding>& out);

std::vector<FeasibilityFinding> checkFeasibility(const DeploymentSpec& spec,
                                                 const DeploymentResult& result);

}  // namespace breakeven
