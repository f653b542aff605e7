#pragma once
// QUndoCommand::id() values: commands with the same id may merge.
namespace breakeven::gui {

enum CommandId {
    SetScenarioValueId = 1,
};

}  // namespace breakeven::gui
