#pragma once
// Trace import and the Trace view's subject, for the main window:
// File ▸ Import Trace… and files dropped on the window are read with the
// auto-detected format, or through the CSV mapping dialog when the header
// is not a known one, then added to the workspace by one undoable AddTrace.
// The tree's trace items get "Use for current scenario" and "Show
// statistics"; the Trace view follows the current scenario's trace, or the
// trace picked in the tree.
#include <QObject>
#include <QStringList>

#include "model/trace/TraceStats.h"

QT_BEGIN_NAMESPACE
class QMimeData;
class QTreeView;
QT_END_NAMESPACE

namespace breakeven::views {
class TraceStatsView;
}

namespace breakeven::gui {

class MainWindow;

class ImportTrace : public QObject {
    Q_OBJECT
public:
    // `interactive` false: no dialogs; a file that needs a mapping is an error.
    ImportTrace(MainWindow* window, QTreeView* tree, views::TraceStatsView* view, bool interactive);

    // Asks for a file, then importFile.
    void chooseAndImport();
    // Reads `path` whole and adds it; returns the error shown to the user
    // ("" when imported or when the mapping dialog was cancelled).
    QString importFile(const QString& path);
    // Adds a file already read with `options` (one AddTrace on the undo stack).
    QString addTrace(const QString& path, const trace::TraceOptions& options, trace::TraceProfile profile);

    // Local files in a drag (not workspaces: those are opened, not imported).
    static QStringList droppedFiles(const QMimeData* mime);
    void importDropped(const QMimeData* mime);

    // Pushes the undoable workload edit; the window re-runs the scenario.
    QString useForCurrentScenario(int traceIndex);
    // The Trace view shows the current scenario's trace (or says it has none).
    void showScenarioTrace();
    void showWorkspaceTrace(int traceIndex);

private:
    void treeMenu(const QPoint& position);
    void treeClicked(const QModelIndex& index);
    void report(const QString& title, const QString& message);

    MainWindow* window_;
    QTreeView* tree_;
    views::TraceStatsView* view_;
    bool interactive_;
    int shownTrace_ = -1;  // index into traces[] shown in the view, or -1
};

}  // namespace breakeven::gui
