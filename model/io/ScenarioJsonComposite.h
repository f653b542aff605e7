#pragma once
// Internal to the scenario reader/writer: composite alternatives,
// `{"kind": "hybrid", "name", "baseline", "burst", "thresholdUtilization"}`
// and `{"kind": "split", "name", "routes": [{"weight"|"minInputTokens", "deployment"}]}`.
#include <functional>
#include <string>
#include <string_view>

#include "model/io/ScenarioJsonReader.h"

namespace breakeven::scenario_json {

using MemberReader = std::function<DeploymentSpec(const json&, std::string, std::string_view)>;
using MemberWriter = std::function<json(const DeploymentSpec&)>;

bool isComposite(const json& deployment);
DeploymentSpec readComposite(const json& value, std::string path, std::string_view source,
                             const MemberReader& readMember);
json compositeToJson(const DeploymentSpec& d, const MemberWriter& writeMember);

}  // namespace breakeven::scenario_json
