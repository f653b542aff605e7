#pragma once
// "Use for current scenario": the scenario's workload becomes the
// workspace's trace `traceIndex`, read as it was imported. One undoable
// SetScenarioValue on "/workload" (undo restores the previous workload).
#include <QString>

namespace breakeven::gui {

class WorkspaceDocument;

// Pushes the edit; returns the scenario reader's message instead when the
// scenario would not be valid with that workload (nothing is pushed then).
QString useTraceForScenario(WorkspaceDocument* document, int scenario, int traceIndex);

}  // namespace breakeven::gui
