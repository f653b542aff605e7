#pragma once
// Internal to the workspace reader/writer.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace breakeven {
struct Workspace;
}

namespace breakeven::workspace_json {

// Appends a path reported by the scenario reader (which may start with a
// quoted member, `["x y"]`) to the scenario's own path in the workspace.
std::string joinPath(std::string_view prefix, std::string_view inner);

// Migrates then reads strictly; takes the document by value to migrate in place.
Workspace workspaceFromOwnedJson(nlohmann::json j, std::string_view source);

}  // namespace breakeven::workspace_json
