// Workspace files on disk: load, atomic save (rebasing relative trace paths
// when the folder changes) and the autosave/recovery file.
#include <filesystem>
#include <system_error>

#include "model/io/AtomicFile.h"
#include "model/io/Workspace.h"
#include "model/io/WorkspaceInternal.h"

namespace breakeven {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path folderOf(const std::string& path) {
    return fs::absolute(fs::path(path)).lexically_normal().parent_path();
}

// The same file, named relative to `to` instead of `from`; absolute paths stay.
std::string rebase(const std::string& path, const fs::path& from, const fs::path& to) {
    const fs::path p(path);
    if (p.is_absolute()) return path;
    return (from / p).lexically_normal().lexically_relative(to).generic_string();
}

// A copy of `ws` whose relative paths are valid from `target`'s folder.
Workspace rebased(const Workspace& ws, const std::string& target) {
    if (ws.path.empty()) return ws;  // new: paths were written for the target already
    const fs::path from = folderOf(ws.path);
    const fs::path to = folderOf(target);
    if (from == to) return ws;
    Workspace copy = ws;
    for (auto& t : copy.traces) t.path = rebase(t.path, from, to);
    for (auto& s : copy.scenarios) {
        const auto workload = s.json.find("workload");
        if (workload == s.json.end() || !workload->is_object() || workload->value("kind", "") != "trace") continue;
        const auto tracePath = workload->find("path");
        if (tracePath == workload->end() || !tracePath->is_string()) continue;
        *tracePath = rebase(tracePath->get<std::string>(), from, to);
        s.scenario = scenarioFromJson(s.json, target);
    }
    return copy;
}

}  // namespace

Workspace loadWorkspace(const std::string& path) {
    std::string text;
    try {
        text = readWholeFile(path);
    } catch (const std::system_error& e) {
        throw ScenarioError(path, {}, "cannot open: " + e.code().message());
    }
    return parseWorkspaceText(text, path);
}

void saveWorkspace(Workspace& ws, const std::string& path) {
    Workspace out = rebased(ws, path);
    writeFileAtomically(path, workspaceToText(out));
    out.path = path;
    ws = std::move(out);
}

std::string autosavePath(const std::string& workspacePath) {
    const fs::path p(workspacePath);
    // Appended, not `"." + name`: GCC 12 at -O3 warns (-Wrestrict) falsely on that.
    std::string name = ".";
    name += p.filename().string();
    name += ".autosave";
    return (p.parent_path() / name).string();
}

void saveAutosave(const Workspace& ws, const std::string& workspacePath) {
    writeFileAtomically(autosavePath(workspacePath), workspaceToText(rebased(ws, workspacePath)));
}

bool recoveryAvailable(const std::string& workspacePath) {
    std::error_code ec;
    const auto autosaved = fs::last_write_time(autosavePath(workspacePath), ec);
    if (ec) return false;
    const auto saved = fs::last_write_time(workspacePath, ec);
    return ec || autosaved >= saved;
}

Workspace loadAutosave(const std::string& workspacePath) {
    Workspace ws = loadWorkspace(autosavePath(workspacePath));
    ws.path = workspacePath;
    return ws;
}

bool discardAutosave(const std::string& workspacePath) {
    std::error_code ec;
    return fs::remove(autosavePath(workspacePath), ec);
}

}  // namespace breakeven
