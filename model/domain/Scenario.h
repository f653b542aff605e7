#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/domain/Deployment.h"
#include "model/domain/Workload.h"

namespace breakeven {

// Service-level objectives an alternative must meet (optimiser, recommend,
// the "cheapest meeting the SLO" highlight). Every bound is optional.
struct SloSpec {
    std::optional<double> p99Seconds;      // end-to-end p99 of served requests
    std::optional<double> ttftP99Seconds;  // LLM deployments only
    std::optional<double> tpotP99Seconds;  // LLM deployments only
    std::optional<double> minGoodput;      // fraction in [0, 1], LLM deployments only
    std::optional<double> maxColdStartFraction;
    std::optional<double> maxRejectFraction;
    [[nodiscard]] bool empty() const {
        return !p99Seconds && !ttftP99Seconds && !tpotP99Seconds && !minGoodput &&
               !maxColdStartFraction && !maxRejectFraction;
    }
};

// Scenario-wide pricing adjustments, applied by the caller's cost function
// (model/ never prices): every catalogue price × factor, a discount per
// platform id, the free tier switch and extra lines added to the total.
struct ScenarioPricing {
    double factor = 1.0;
    std::map<std::string, double> discountPercentByPlatform;
    std::optional<bool> freeTier;  // nullopt: the command line decides
    std::vector<ExtraCostLine> extraLines;
    [[nodiscard]] bool isDefault() const {
        return factor == 1.0 && discountPercentByPlatform.empty() && !freeTier && extraLines.empty();
    }
};

// A response cache in front of every alternative: a hit is answered at
// cacheLatencySeconds without reaching the deployment (no compute billed).
enum class CacheMode { HitRatio, Dedup };
struct CacheSpec {
    CacheMode mode = CacheMode::HitRatio;
    double hitRatio = 0.0;    // HitRatio: seeded Bernoulli per request
    double ttlSeconds = 0.0;  // Dedup: a key seen within ttlSeconds is a hit
    double cacheLatencySeconds = 0.0;
    double usdPerHour = 0.0;  // optional cache cost, per alternative
};

// A scenario: one workload seen in full by every deployment (the
// alternatives compared side by side).
struct Scenario {
    static constexpr int kSchemaVersion = 1;

    int schemaVersion = kSchemaVersion;
    std::string name;
    std::uint64_t seed = 42;
    WorkloadSpec workload;
    std::vector<DeploymentSpec> deployments;
    SloSpec slos;
    ScenarioPricing pricing;
    std::optional<CacheSpec> cache;
};

}  // namespace breakeven
