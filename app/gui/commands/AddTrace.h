#pragma once
// Adds an imported trace to the workspace: its identity to traces[] and how
// to read it to view["importedTraces"] (ImportTraceJson.h). Undo puts back
// the exact previous trace list and view settings.
#include <vector>

#include <QUndoCommand>
#include <nlohmann/json.hpp>

#include "model/io/Workspace.h"

namespace breakeven::gui {

class WorkspaceDocument;

class AddTrace : public QUndoCommand {
public:
    // `trace.name` must be unique in the workspace (uniqueTraceName).
    AddTrace(WorkspaceDocument* document, WorkspaceTrace trace, const nlohmann::json& reading, const QString& text);

    void undo() override;
    void redo() override;

private:
    WorkspaceDocument* document_;
    std::vector<WorkspaceTrace> beforeTraces_, afterTraces_;
    nlohmann::json beforeView_, afterView_;
};

// `wanted`, or "stem-2.ext", "stem-3.ext"… when a trace already has that name
// (as `workspace create` names them).
std::string uniqueTraceName(const Workspace& workspace, const std::string& wanted);

}  // namespace breakeven::gui
