#include "model/io/ScenarioJsonAutoscaling.h"

#include <array>
#include <span>
#include <vector>

#include <fmt/format.h>

namespace breakeven::scenario_json {

namespace {
constexpr std::array<Choice<AutoscalingPolicy>, 2> kPolicies{{
    {"targetUtilization", AutoscalingPolicy::TargetUtilization},
    {"nodePool", AutoscalingPolicy::NodePool},
}};
constexpr std::array<std::string_view, 2> kCommonKeys{"policy", "targetUtilization"};
constexpr std::array<std::string_view, 5> kNodePoolKeys{"minNodes", "maxNodes", "spinUpSeconds",
                                                        "cooldownSeconds", "evaluationSeconds"};
constexpr Range kUtilization{0.0, true, 1.0};

void readNodePool(const ObjectReader& a, const DeploymentSpec& d, AutoscalingSpec& s) {
    s.minNodes = a.integer("minNodes", 1, d.nodes);
    s.maxNodes = a.integer("maxNodes", 1);
    if (s.maxNodes > DeploymentSpec::kMaxInstances)
        a.fail("maxNodes", fmt::format("must be ≤ {}", DeploymentSpec::kMaxInstances));
    if (s.minNodes > d.nodes)
        a.fail("minNodes", fmt::format("must be ≤ nodes ({}), the initial node count", d.nodes));
    if (s.maxNodes < d.nodes)
        a.fail("maxNodes", fmt::format("must be ≥ nodes ({}), the initial node count", d.nodes));
    s.spinUpSeconds = a.number("spinUpSeconds", kNonNegativeSeconds, 180.0);
    s.cooldownSeconds = a.number("cooldownSeconds", kNonNegativeSeconds, 600.0);
    s.evaluationSeconds = a.number("evaluationSeconds", kPositiveSeconds, 60.0);
    if (d.placement != Placement::LeastLoaded)
        a.fail("policy", "nodePool needs placement \"leastLoaded\" (the default for dedicated deployments)");
}
}  // namespace

std::optional<AutoscalingSpec> readAutoscaling(const ObjectReader& r, const DeploymentSpec& d) {
    const json* value = r.find("autoscaling");
    if (value == nullptr || value->is_null()) return std::nullopt;
    const ObjectReader a(*value, r.pathOf("autoscaling"), r.source());
    AutoscalingSpec s;
    s.policy = *readChoice(a, "policy", kPolicies, true);
    const bool nodePool = s.policy == AutoscalingPolicy::NodePool;
    std::vector<std::string_view> allowed(kCommonKeys.begin(), kCommonKeys.end());
    if (nodePool) allowed.insert(allowed.end(), kNodePoolKeys.begin(), kNodePoolKeys.end());
    const std::span<const std::string_view> foreign =
        nodePool ? std::span<const std::string_view>{} : std::span<const std::string_view>(kNodePoolKeys);
    a.checkKeys(allowed, foreign, "only used by the nodePool policy");
    const bool dedicated = d.kind == DeploymentKind::Dedicated;
    if (nodePool != dedicated) {
        a.fail("policy", nodePool ? "nodePool is for dedicated deployments (function pools use "
                                    "targetUtilization)"
                                  : "targetUtilization is for function deployments (dedicated ones "
                                    "use nodePool)");
    }
    // Cloud Run's autoscaler targets 60 % (pricing-facts.json); 0.7 is a
    // common node-pool / HPA target.
    s.targetUtilization = a.number("targetUtilization", kUtilization, nodePool ? 0.7 : 0.6);
    if (nodePool) readNodePool(a, d, s);
    return s;
}

json autoscalingToJson(const AutoscalingSpec& s) {
    json j = {{"policy", toString(s.policy)}, {"targetUtilization", s.targetUtilization}};
    if (s.policy == AutoscalingPolicy::NodePool) {
        j["minNodes"] = s.minNodes;
        j["maxNodes"] = s.maxNodes;
        j["spinUpSeconds"] = s.spinUpSeconds;
        j["cooldownSeconds"] = s.cooldownSeconds;
        j["evaluationSeconds"] = s.evaluationSeconds;
    }
    return j;
}

}  // namespace breakeven::scenario_json
