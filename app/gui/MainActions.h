#pragma once
// The main window's actions and menus with standard shortcuts. Only creates
// and lays them out; MainWindow connects them.
#include <QObject>

QT_BEGIN_NAMESPACE
class QAction;
class QActionGroup;
class QMainWindow;
class QMenu;
class QUndoGroup;
QT_END_NAMESPACE

namespace breakeven::gui {

struct MainActions {
    QAction* newWorkspace = nullptr;
    QAction* open = nullptr;
    QMenu* openRecent = nullptr;
    QAction* save = nullptr;
    QAction* saveAs = nullptr;
    QAction* quit = nullptr;
    QAction* undo = nullptr;
    QAction* redo = nullptr;
    QAction* run = nullptr;
    QAction* cancel = nullptr;
    QActionGroup* theme = nullptr;  // data(): "system", "light", "dark"
    QAction* about = nullptr;
    QMenu* viewMenu = nullptr;      // dock toggles are added by the window
    // Created disabled; whoever implements one connects and enables it.
    QAction* importTrace = nullptr;     // File ▸ Import Trace… (Ctrl+I)
    QAction* exportReport = nullptr;    // File ▸ Export Report… (Ctrl+Shift+E)
    QAction* exportChart = nullptr;     // File ▸ Export ▸ Chart as PNG/SVG…
    QAction* exportTable = nullptr;     // File ▸ Export ▸ Table as CSV…
    QAction* exportResults = nullptr;   // File ▸ Export ▸ Results as JSON…
    QAction* preferences = nullptr;     // Edit ▸ Preferences…
    QAction* logAxes = nullptr;         // View ▸ Logarithmic Axes (checkable)
    QMenu* exportMenu = nullptr;
};

// Menus File, Edit, Run, View, Help on `window`'s menu bar, plus a toolbar.
MainActions createMainActions(QMainWindow* window, QUndoGroup* undoGroup);

}  // namespace breakeven::gui
