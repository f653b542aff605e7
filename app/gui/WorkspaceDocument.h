#pragma once
// An open workspace: the model's Workspace plus its undo stack (PATTERNS.md
// §2). "Modified" is derived from the stack's clean state; saving goes
// through the model's atomic saveWorkspace and marks the stack clean only
// after the file is in place. Edits arrive as QUndoCommands
// (app/gui/commands/) that call the setters here.
#include <string>

#include <QObject>
#include <QString>
#include <QUndoStack>

#include "model/io/Workspace.h"

namespace breakeven::gui {

class WorkspaceDocument : public QObject {
    Q_OBJECT
public:
    explicit WorkspaceDocument(Workspace workspace, QObject* parent = nullptr);

    // A workspace, or a scenario file as an unsaved one-scenario workspace
    // (appcore::openWorkspaceOrScenario). Throws WorkspaceError (file, JSON
    // path or line:column) and leaves the file untouched.
    static WorkspaceDocument* open(const QString& path, QObject* parent = nullptr);

    [[nodiscard]] const Workspace& workspace() const { return workspace_; }
    [[nodiscard]] QString filePath() const { return QString::fromStdString(workspace_.path); }
    [[nodiscard]] QString displayName() const;
    // Where relative paths in scenarios resolve and errors point.
    [[nodiscard]] std::string source() const;
    [[nodiscard]] QUndoStack* undoStack() { return &undo_; }
    [[nodiscard]] bool isModified() const { return !undo_.isClean(); }
    // Recovered from an autosave: unsaved until saved, with nothing to undo.
    void markRecovered();

    // Atomic; throws WorkspaceError / std::exception with the reason.
    void save(const QString& path);

    [[nodiscard]] int scenarioCount() const { return static_cast<int>(workspace_.scenarios.size()); }
    [[nodiscard]] const nlohmann::json& scenarioJson(int index) const;
    // Parses `json` with the strict reader (throws ScenarioError) and only
    // then replaces scenario `index`; a rename also renames its stored results.
    void setScenarioJson(int index, const nlohmann::json& json);
    // The scenario with `pointer` set to `value`, checked by the strict reader.
    [[nodiscard]] nlohmann::json editedScenarioJson(int index, const std::string& pointer,
                                                    const nlohmann::json& value) const;

    // Replaces the trace list and the view settings together (an imported
    // trace's reading options live in view["importedTraces"]).
    void setTraces(std::vector<WorkspaceTrace> traces, nlohmann::json view);

signals:
    void scenarioChanged(int index);
    void tracesChanged();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString& path);

private:
    Workspace workspace_;
    QUndoStack undo_;
};

}  // namespace breakeven::gui
