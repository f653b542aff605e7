#include "app/gui/commands/SetScenarioValue.h"

#include <exception>

#include "app/gui/WorkspaceDocument.h"
#include "app/gui/commands/CommandIds.h"

namespace breakeven::gui {

SetScenarioValue::SetScenarioValue(WorkspaceDocument* document, int scenario, std::string pointer,
                                   nlohmann::json after, const QString& text)
    : QUndoCommand(text), document_(document), scenario_(scenario), pointer_(std::move(pointer)),
      before_(document->scenarioJson(scenario)), after_(std::move(after)), mergeKey_(pointer_) {}

QString SetScenarioValue::push(WorkspaceDocument* document, int scenario, const std::string& pointer,
                               const nlohmann::json& value, const QString& text, const std::string& mergeKey) {
    try {
        nlohmann::json after = document->editedScenarioJson(scenario, pointer, value);
        auto* command = new SetScenarioValue(document, scenario, pointer, std::move(after), text);
        if (!mergeKey.empty()) command->mergeKey_ = mergeKey;
        document->undoStack()->push(command);
        return {};
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
}

void SetScenarioValue::undo() { document_->setScenarioJson(scenario_, before_); }

void SetScenarioValue::redo() { document_->setScenarioJson(scenario_, after_); }

int SetScenarioValue::id() const { return SetScenarioValueId; }

bool SetScenarioValue::mergeWith(const QUndoCommand* other) {
    const auto* next = dynamic_cast<const SetScenarioValue*>(other);
    if (next == nullptr || next->document_ != document_ || next->scenario_ != scenario_ ||
        next->mergeKey_ != mergeKey_)
        return false;
    after_ = next->after_;
    setObsolete(after_ == before_);
    return true;
}

}  // namespace breakeven::gui
