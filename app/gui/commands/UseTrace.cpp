#include "app/gui/commands/UseTrace.h"

#include <QObject>

#include "app/gui/ImportTraceJson.h"
#include "app/gui/WorkspaceDocument.h"
#include "app/gui/commands/SetScenarioValue.h"

namespace breakeven::gui {

QString useTraceForScenario(WorkspaceDocument* document, int scenario, int traceIndex) {
    const Workspace& ws = document->workspace();
    if (scenario < 0 || scenario >= document->scenarioCount())
        return QObject::tr("There is no current scenario to use the trace for.");
    if (traceIndex < 0 || static_cast<std::size_t>(traceIndex) >= ws.traces.size())
        return QObject::tr("There is no trace %1 in the workspace.").arg(traceIndex);
    const WorkspaceTrace& t = ws.traces[static_cast<std::size_t>(traceIndex)];
    const nlohmann::json workload = traceWorkloadJson(t, importedReading(ws, t.name));
    return SetScenarioValue::push(document, scenario, "/workload", workload,
                                  QObject::tr("Use trace “%1”").arg(QString::fromStdString(t.name)));
}

}  // namespace breakeven::gui
