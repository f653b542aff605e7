#include "app/core/WorkspaceInput.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "model/io/ScenarioJson.h"

namespace breakeven::appcore {

namespace {
std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw WorkspaceError(path, "", std::string("cannot open: ") + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

bool looksLikeWorkspace(const std::string& path, const std::string& text) {
    if (path.size() >= 15 && path.compare(path.size() - 15, 15, ".breakeven.json") == 0) return true;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    return j.is_object() && j.contains("scenarios");
}
}  // namespace

Workspace openWorkspaceOrScenario(const std::string& path) {
    const std::string text = readFile(path);
    if (looksLikeWorkspace(path, text)) {
        Workspace ws = loadWorkspace(path);
        relinkMovedTraces(ws, checkTraces(ws));
        return ws;
    }
    WorkspaceScenario entry;
    entry.scenario = parseScenarioText(text, path);
    entry.json = nlohmann::json::parse(text);
    Workspace ws;
    ws.scenarios.push_back(std::move(entry));
    return ws;
}

std::size_t scenarioIndex(const Workspace& workspace, const std::string& name) {
    const Scenario& found = workspace.scenarioByName(name);  // throws with the names
    for (std::size_t i = 0; i < workspace.scenarios.size(); ++i)
        if (&workspace.scenarios[i].scenario == &found) return i;
    return 0;
}

}  // namespace breakeven::appcore
