#pragma once
// One alternative deployment: a pool of instances on a platform.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/core/Distribution.h"
#include "model/domain/LlmService.h"

namespace breakeven {

enum class DeploymentKind { Function, Dedicated };
enum class Overflow { Reject, Queue };
enum class Placement { Packing, LeastLoaded };
// A top-level alternative may be a composite of member deployments with a
// router in front (DESIGN.md "Scenario shape"): hybrid = dedicated baseline
// plus serverless burst; split = routes by weight or by input tokens.
enum class Composite { None, Hybrid, Split };

// Billing scopes: strings as in pricing-facts.json.
enum class BillingScope {
    PerRequestDuration,  // each request's duration rounded up, plus INIT of cold starts
    InstanceActive,      // instance time with >= 1 request in flight, rounded per busy interval
    InstanceLifetime,    // cold-start begin to shutdown, idle included
    Provisioned,         // always-on capacity plus its own duration rate
    NodeHours,           // dedicated nodes, busy or not
};

const char* toString(BillingScope scope);
const char* toString(Overflow overflow);
const char* toString(Placement placement);
const char* toString(DeploymentKind kind);
const char* toString(Composite composite);  // "single", "hybrid", "split"

// One route of a split: a share of the traffic, or the requests with at
// least minInputTokens (the route with the largest such bound wins).
struct SplitRoute {
    double weight = 0.0;
    std::optional<std::uint32_t> minInputTokens;
};

// A cost the catalogue does not model (egress, a load balancer, a plan fee):
// usdPerUnit x (quantityPerMonth scaled to the period + quantityPerRequest x
// served requests).
struct ExtraCostLine {
    std::string item;
    std::string unit;
    double usdPerUnit = 0.0;
    double quantityPerMonth = 0.0;
    double quantityPerRequest = 0.0;
};

// A scaling policy on a pool (DESIGN.md "Instance pool per deployment");
// absent: a function pool starts an instance only when no slot is free, a
// dedicated pool keeps its node count.
enum class AutoscalingPolicy {
    // Function pools (Cloud Run's default target 0.6): start an instance as
    // soon as in-flight / alive slots exceeds the target.
    TargetUtilization,
    // Dedicated pools: a node-pool autoscaler that evaluates the mean slot
    // utilisation every evaluationSeconds and adds nodes after spinUpSeconds
    // or removes them after cooldownSeconds.
    NodePool,
};
inline const char* toString(AutoscalingPolicy policy) {
    return policy == AutoscalingPolicy::NodePool ? "nodePool" : "targetUtilization";
}

struct AutoscalingSpec {
    AutoscalingPolicy policy = AutoscalingPolicy::TargetUtilization;
    double targetUtilization = 0.6;  // busy slots / slots, in (0, 1]
    // NodePool only.
    int minNodes = 1;
    int maxNodes = 1;
    double spinUpSeconds = 180.0;
    double cooldownSeconds = 600.0;
    double evaluationSeconds = 60.0;
};

struct DeploymentSpec {
    // Engine bounds (event tags hold 18-bit instance ids; least-loaded keys
    // hold free slots in 24 bits). Far above any platform's quota.
    static constexpr int kMaxInstances = 262144;
    static constexpr int kMaxConcurrency = 1'000'000;

    std::string name;
    std::string platform = "custom";  // catalogue platform id, e.g. "aws-lambda", "aws-ec2"
    DeploymentKind kind = DeploymentKind::Function;
    int nodes = 0;  // Dedicated: fixed node count (min = max = nodes)

    double memoryMb = 1024.0;
    double vcpu = 1.0;
    std::optional<std::string> gpu;  // catalogue GPU id, e.g. "l4"
    int gpuCount = 0;
    std::optional<std::string> instanceType;  // Dedicated: catalogue instance id
    std::string architecture = "x86";         // "x86" or "arm" (Lambda prices differ)
    double ephemeralStorageMb = 512.0;        // Lambda bills /tmp above 512 MB

    Distribution service = Distribution::fixed(0.1);
    // An LLM engine per instance instead of per-request service times; its
    // maxNumSeqs are the instance's slots.
    std::optional<LlmServiceSpec> llm;
    // A trace's service-time column replaces `service` for its requests
    // unless this is false.
    bool useTraceServiceTimes = true;
    Distribution coldStart = Distribution::fixed(0.0);

    double keepAliveSeconds = 600.0;
    int minInstances = 0;
    int maxInstances = 1000;
    int concurrencyPerInstance = 1;
    Overflow overflow = Overflow::Reject;
    double queueTimeoutSeconds = 60.0;
    double requestTimeoutSeconds = 900.0;
    std::optional<double> scaleUpPerSecond;  // new instances per second; none = unlimited
    std::optional<AutoscalingSpec> autoscaling;  // none: scale only when no slot is free
    Placement placement = Placement::Packing;

    BillingScope billing = BillingScope::PerRequestDuration;
    double discountPercent = 0.0;  // negotiated rate / savings plan, its own cost line
    std::vector<ExtraCostLine> extraCostLines;
    double billingGranularitySeconds = 0.001;  // rounding unit of each billed span
    double billingMinimumSeconds = 0.0;        // minimum per billed span

    // Composite alternatives: `members` are full deployments (Hybrid:
    // baseline then burst; Split: one per route); the fields above are unused.
    Composite composite = Composite::None;
    std::vector<DeploymentSpec> members;
    double thresholdUtilization = 0.8;  // Hybrid: burst when the baseline is this busy
    std::vector<SplitRoute> routes;     // Split

    // Defaults that depend on the billing scope and kind (DESIGN.md).
    static double defaultGranularitySeconds(BillingScope scope);
    static double defaultMinimumSeconds(BillingScope scope);
    static Placement defaultPlacement(DeploymentKind kind);
};

}  // namespace breakeven
