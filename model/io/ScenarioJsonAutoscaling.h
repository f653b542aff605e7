#pragma once
// Internal to the scenario reader/writer: a deployment's `autoscaling`
// object (docs/scenario-format.md "Autoscaling").
#include <optional>

#include "model/domain/Deployment.h"
#include "model/io/ScenarioJsonReader.h"

namespace breakeven::scenario_json {

// Reads `autoscaling` of the deployment `r` (absent or null: none). `d`
// must already hold its kind, nodes and placement, which the policy is
// checked against.
std::optional<AutoscalingSpec> readAutoscaling(const ObjectReader& r, const DeploymentSpec& d);
json autoscalingToJson(const AutoscalingSpec& a);

}  // namespace breakeven::scenario_json
