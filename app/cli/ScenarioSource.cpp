#include "app/cli/ScenarioSource.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>

#include "app/cli/Args.h"
#include "model/io/ScenarioJson.h"
#include "model/io/Workspace.h"

namespace breakeven::cli {

namespace {

std::string readText(const std::string& path) {
    if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), {});
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ScenarioError(path, "", std::string("cannot open: ") + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

bool endsWith(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A workspace by name, or by content: a JSON object with a "scenarios" list
// (cheap to tell apart; a scenario has "deployments" instead).
bool looksLikeWorkspace(const std::string& path, const std::string& text) {
    if (endsWith(path, ".breakeven.json")) return true;
    const auto parsed = nlohmann::json::parse(text, nullptr, false);
    return parsed.is_object() && parsed.contains("scenarios") && !parsed.contains("deployments");
}

void reportTraces(const std::vector<TraceCheck>& checks, std::ostream& err) {
    for (const auto& c : checks) {
        switch (c.status) {
        case TraceStatus::Ok:
        case TraceStatus::Unrecorded: break;
        case TraceStatus::MovedFound:
            err << fmt::format("note: trace \"{}\" is not at {} — using the identical file at {}\n", c.name,
                               c.expectedPath, c.foundPath);
            break;
        case TraceStatus::Missing:
            err << fmt::format("warning: trace \"{}\" is missing: not at {} nor next to the workspace\n", c.name,
                               c.expectedPath);
            break;
        case TraceStatus::Changed:
            err << fmt::format("warning: trace \"{}\" at {} changed since the workspace was saved (size or "
                               "SHA-256 differs); results will differ from the saved ones\n",
                               c.name, c.foundPath);
            break;
        }
    }
}

ScenarioInput fromWorkspace(const std::string& path, const std::optional<std::string>& name, std::ostream& err) {
    Workspace ws = loadWorkspace(path);
    const auto checks = checkTraces(ws);
    reportTraces(checks, err);
    relinkMovedTraces(ws, checks);
    if (ws.scenarios.empty()) throw ScenarioError(path, "scenarios", "the workspace has no scenarios");
    const WorkspaceScenario* chosen = &ws.scenarios.front();
    if (name) {
        const Scenario& byName = ws.scenarioByName(*name);  // throws, listing the names
        for (const auto& s : ws.scenarios)
            if (&s.scenario == &byName) chosen = &s;
    }
    ScenarioInput input;
    input.source = path;
    input.text = chosen->json.dump();
    input.scenario = chosen->scenario;
    input.workspacePath = path;
    input.scenarioName = chosen->scenario.name;
    return input;
}

}  // namespace

ScenarioInput loadScenarioInput(const std::string& path, const std::optional<std::string>& scenarioName,
                                std::ostream& err) {
    if (path != "-" && endsWith(path, ".breakeven.json")) return fromWorkspace(path, scenarioName, err);
    std::string text = readText(path);
    const std::string source = path == "-" ? "<stdin>" : path;
    if (path != "-" && looksLikeWorkspace(path, text)) return fromWorkspace(path, scenarioName, err);
    if (scenarioName)
        throw UsageError(fmt::format("--scenario {}: {} is a scenario file, not a workspace", *scenarioName, source));
    ScenarioInput input;
    input.scenario = parseScenarioText(text, source);
    input.source = source;
    input.text = std::move(text);
    input.scenarioName = input.scenario.name;
    return input;
}

}  // namespace breakeven::cli
