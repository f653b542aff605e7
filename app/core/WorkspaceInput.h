#pragma once
// What the app opens: a workspace (*.breakeven.json, or any JSON file with a
// top-level "scenarios" list) or a single scenario file, which becomes an
// unsaved one-scenario workspace (the demo's fallback before a bundled
// workspace exists). Moved traces found next to a workspace are relinked,
// as the CLI does.
#include <string>

#include "model/io/Workspace.h"

namespace breakeven::appcore {

// Throws WorkspaceError / ScenarioError naming the file.
Workspace openWorkspaceOrScenario(const std::string& path);

// Index of the scenario named `name`; throws WorkspaceError listing the names.
std::size_t scenarioIndex(const Workspace& workspace, const std::string& name);

}  // namespace breakeven::appcore
