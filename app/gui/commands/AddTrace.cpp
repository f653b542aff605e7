#include "app/gui/commands/AddTrace.h"

#include <algorithm>
#include <filesystem>

#include "app/gui/ImportTraceJson.h"
#include "app/gui/WorkspaceDocument.h"

namespace breakeven::gui {

AddTrace::AddTrace(WorkspaceDocument* document, WorkspaceTrace trace, const nlohmann::json& reading,
                   const QString& text)
    : QUndoCommand(text), document_(document), beforeTraces_(document->workspace().traces),
      afterTraces_(beforeTraces_), beforeView_(document->workspace().view), afterView_(beforeView_) {
    if (!afterView_.is_object()) afterView_ = nlohmann::json::object();
    nlohmann::json& imported = afterView_[kImportedTracesKey];
    if (!imported.is_object()) imported = nlohmann::json::object();
    imported[trace.name] = reading;
    afterTraces_.push_back(std::move(trace));
}

void AddTrace::undo() { document_->setTraces(beforeTraces_, beforeView_); }

void AddTrace::redo() { document_->setTraces(afterTraces_, afterView_); }

std::string uniqueTraceName(const Workspace& workspace, const std::string& wanted) {
    auto taken = [&workspace](const std::string& name) {
        return std::any_of(workspace.traces.begin(), workspace.traces.end(),
                           [&name](const WorkspaceTrace& t) { return t.name == name; });
    };
    if (!taken(wanted)) return wanted;
    const std::filesystem::path p(wanted);
    const std::string stem = p.stem().string(), ext = p.extension().string();
    for (int n = 2;; ++n) {
        std::string candidate = stem;
        candidate.append("-").append(std::to_string(n)).append(ext);
        if (!taken(candidate)) return candidate;
    }
}

}  // namespace breakeven::gui
