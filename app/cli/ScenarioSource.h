#pragma once
// Where every analysis command gets its scenario: a scenario JSON file, "-"
// (standard input), or a workspace (*.breakeven.json, or any file with a
// top-level "scenarios" list) with --scenario NAME (default: its first).
#include <iosfwd>
#include <optional>
#include <string>

#include "model/domain/Scenario.h"

namespace breakeven::cli {

struct ScenarioInput {
    // Names the scenario's file in messages; relative trace and profile paths
    // resolve against its folder (a workspace's scenarios resolve against the
    // workspace's folder, so this is the workspace path).
    std::string source;
    // What the scenario SHA-256 is computed from: the file's bytes, or the
    // scenario's JSON as stored in the workspace (compact dump).
    std::string text;
    Scenario scenario;
    std::optional<std::string> workspacePath;
    std::string scenarioName;
};

// Throws ScenarioError / WorkspaceError for bad files, UsageError for an
// unknown --scenario NAME (listing the names) or --scenario on a plain
// scenario file. Moved traces found next to a workspace are relinked, with a
// note on `err`; missing or changed ones are reported there too (the run
// then fails or proceeds exactly as the trace reader decides).
ScenarioInput loadScenarioInput(const std::string& path, const std::optional<std::string>& scenarioName,
                                std::ostream& err);

}  // namespace breakeven::cli
