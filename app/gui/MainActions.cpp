#include "app/gui/MainActions.h"

#include <QAction>
#include <QActionGroup>
#include <QKeySequence>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>
#include <QUndoGroup>

namespace breakeven::gui {

namespace {
QAction* action(QMainWindow* w, const QString& text, QKeySequence::StandardKey key, QStyle::StandardPixmap icon) {
    auto* a = new QAction(w->style()->standardIcon(icon), text, w);
    a->setShortcut(key);
    return a;
}

QMenu* themeMenu(QMainWindow* window, MainActions& a) {
    QMenu* menu = new QMenu(QObject::tr("&Theme"), window);
    a.theme = new QActionGroup(window);
    for (const auto& [key, label] : {std::pair{"system", QObject::tr("&System")}, {"light", QObject::tr("&Light")},
                                     {"dark", QObject::tr("&Dark")}}) {
        QAction* t = menu->addAction(label);
        t->setCheckable(true);
        t->setData(QString::fromLatin1(key));
        a.theme->addAction(t);
    }
    return menu;
}
}  // namespace

MainActions createMainActions(QMainWindow* window, QUndoGroup* undoGroup) {
    MainActions a;
    a.newWorkspace = action(window, QObject::tr("&New"), QKeySequence::New, QStyle::SP_FileIcon);
    a.open = action(window, QObject::tr("&Open…"), QKeySequence::Open, QStyle::SP_DialogOpenButton);
    a.save = action(window, QObject::tr("&Save"), QKeySequence::Save, QStyle::SP_DialogSaveButton);
    a.saveAs = action(window, QObject::tr("Save &As…"), QKeySequence::SaveAs, QStyle::SP_DialogSaveButton);
    a.quit = action(window, QObject::tr("&Quit"), QKeySequence::Quit, QStyle::SP_DialogCloseButton);
    a.undo = undoGroup->createUndoAction(window, QObject::tr("&Undo"));
    a.undo->setShortcut(QKeySequence::Undo);
    a.redo = undoGroup->createRedoAction(window, QObject::tr("&Redo"));
    a.redo->setShortcut(QKeySequence::Redo);
    a.run = action(window, QObject::tr("&Run"), QKeySequence::Refresh, QStyle::SP_MediaPlay);
    a.run->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5)});
    a.cancel = action(window, QObject::tr("&Cancel"), QKeySequence::Cancel, QStyle::SP_MediaStop);
    a.cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    a.cancel->setEnabled(false);
    a.about = new QAction(QObject::tr("&About Breakeven"), window);
    a.importTrace = new QAction(QObject::tr("&Import Trace…"), window);
    a.importTrace->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    a.exportReport = new QAction(QObject::tr("Export &Report…"), window);
    a.exportReport->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    a.exportChart = new QAction(QObject::tr("&Chart as PNG/SVG…"), window);
    a.exportTable = new QAction(QObject::tr("&Table as CSV…"), window);
    a.exportResults = new QAction(QObject::tr("&Results as JSON…"), window);
    a.preferences = new QAction(QObject::tr("&Preferences…"), window);
    a.preferences->setShortcut(QKeySequence::Preferences);
    a.preferences->setMenuRole(QAction::PreferencesRole);
    a.logAxes = new QAction(QObject::tr("&Logarithmic Axes"), window);
    a.logAxes->setCheckable(true);
    a.logAxes->setChecked(true);
    for (QAction* pending : {a.importTrace, a.exportReport, a.exportChart, a.exportTable, a.exportResults,
                             a.preferences, a.logAxes})
        pending->setEnabled(false);

    QMenuBar* bar = window->menuBar();
    QMenu* file = bar->addMenu(QObject::tr("&File"));
    file->addActions({a.newWorkspace, a.open});
    a.openRecent = file->addMenu(QObject::tr("Open &Recent"));
    file->addSeparator();
    file->addActions({a.save, a.saveAs});
    file->addSeparator();
    file->addAction(a.importTrace);
    file->addAction(a.exportReport);
    a.exportMenu = file->addMenu(QObject::tr("&Export"));
    a.exportMenu->addActions({a.exportChart, a.exportTable, a.exportResults});
    file->addSeparator();
    file->addAction(a.quit);
    QMenu* edit = bar->addMenu(QObject::tr("&Edit"));
    edit->addActions({a.undo, a.redo});
    edit->addSeparator();
    edit->addAction(a.preferences);
    QMenu* run = bar->addMenu(QObject::tr("&Run"));
    run->addActions({a.run, a.cancel});
    a.viewMenu = bar->addMenu(QObject::tr("&View"));
    a.viewMenu->addMenu(themeMenu(window, a));
    a.viewMenu->addAction(a.logAxes);
    a.viewMenu->addSeparator();
    bar->addMenu(QObject::tr("&Help"))->addAction(a.about);

    QToolBar* tools = window->addToolBar(QObject::tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->addActions({a.open, a.save});
    tools->addSeparator();
    tools->addActions({a.undo, a.redo});
    tools->addSeparator();
    tools->addActions({a.run, a.cancel});
    return a;
}

}  // namespace breakeven::gui
