#include "app/gui/WorkspaceDocument.h"

#include <QFileInfo>

#include "app/core/WorkspaceInput.h"
#include "model/io/ScenarioJson.h"

namespace breakeven::gui {

WorkspaceDocument::WorkspaceDocument(Workspace workspace, QObject* parent)
    : QObject(parent), workspace_(std::move(workspace)) {
    connect(&undo_, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

WorkspaceDocument* WorkspaceDocument::open(const QString& path, QObject* parent) {
    return new WorkspaceDocument(appcore::openWorkspaceOrScenario(path.toStdString()), parent);
}

void WorkspaceDocument::markRecovered() { undo_.resetClean(); }

QString WorkspaceDocument::displayName() const {
    if (workspace_.path.empty()) return tr("Untitled");
    return QFileInfo(filePath()).fileName();
}

std::string WorkspaceDocument::source() const {
    return workspace_.path.empty() ? std::string("untitled workspace") : workspace_.path;
}

void WorkspaceDocument::save(const QString& path) {
    const bool moved = path.toStdString() != workspace_.path;
    saveWorkspace(workspace_, path.toStdString());
    undo_.setClean();
    discardAutosave(workspace_.path);  // nothing left to recover
    if (moved) emit filePathChanged(filePath());
}

const nlohmann::json& WorkspaceDocument::scenarioJson(int index) const {
    return workspace_.scenarios.at(static_cast<std::size_t>(index)).json;
}

nlohmann::json WorkspaceDocument::editedScenarioJson(int index, const std::string& pointer,
                                                     const nlohmann::json& value) const {
    nlohmann::json edited = scenarioJson(index);
    edited[nlohmann::json::json_pointer(pointer)] = value;
    (void)scenarioFromJson(edited, source());  // throws with the JSON path when invalid
    return edited;
}

void WorkspaceDocument::setScenarioJson(int index, const nlohmann::json& json) {
    WorkspaceScenario& entry = workspace_.scenarios.at(static_cast<std::size_t>(index));
    Scenario parsed = scenarioFromJson(json, source());
    if (parsed.name != entry.scenario.name)
        for (auto& r : workspace_.results)
            if (r.scenario == entry.scenario.name) r.scenario = parsed.name;
    entry.scenario = std::move(parsed);
    entry.json = json;
    emit scenarioChanged(index);
}

void WorkspaceDocument::setTraces(std::vector<WorkspaceTrace> traces, nlohmann::json view) {
    workspace_.traces = std::move(traces);
    workspace_.view = std::move(view);
    emit tracesChanged();
}

}  // namespace breakeven::gui
