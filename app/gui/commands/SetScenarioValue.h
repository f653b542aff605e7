#pragma once
// One scenario value (a JSON pointer into the scenario, e.g. "/name" or
// "/workload/rateScale") set to a new value. Undo restores the exact
// previous scenario JSON. Consecutive edits of the same value merge into
// one step (typing in a field), and an edit back to the original value
// makes the command obsolete.
#include <string>

#include <QUndoCommand>
#include <nlohmann/json.hpp>

namespace breakeven::gui {

class WorkspaceDocument;

class SetScenarioValue : public QUndoCommand {
public:
    // `after` must already be validated (WorkspaceDocument::editedScenarioJson).
    SetScenarioValue(WorkspaceDocument* document, int scenario, std::string pointer, nlohmann::json after,
                     const QString& text);

    // Validates and pushes; returns the reader's message instead when invalid.
    // `mergeKey` names the field being edited when that is not `pointer`
    // (an editor that rewrites a whole object to keep keys consistent):
    // only edits with the same key merge. "" = the pointer.
    static QString push(WorkspaceDocument* document, int scenario, const std::string& pointer,
                        const nlohmann::json& value, const QString& text, const std::string& mergeKey = {});

    void undo() override;
    void redo() override;
    [[nodiscard]] int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

private:
    WorkspaceDocument* document_;
    int scenario_;
    std::string pointer_;
    nlohmann::json before_;
    nlohmann::json after_;
    std::string mergeKey_;  // pointer_ unless push() was given one
};

}  // namespace breakeven::gui
