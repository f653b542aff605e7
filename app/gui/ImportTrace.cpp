#include "app/gui/ImportTrace.h"

#include <filesystem>
#include <iostream>

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QTreeView>
#include <QUrl>

#include "app/gui/AnalysisController.h"
#include "app/gui/CsvMappingDialog.h"
#include "app/gui/ImportTraceJson.h"
#include "app/gui/MainWindow.h"
#include "app/gui/WorkspaceDocument.h"
#include "app/gui/commands/AddTrace.h"
#include "app/gui/commands/UseTrace.h"
#include "views/TraceStatsView.h"
#include "views/WorkspaceTreeModel.h"

namespace breakeven::gui {

namespace {
// openTrace's message for a header of no known format (TraceReader.cpp).
bool needsMapping(const trace::TraceError& e) {
    return e.line() == 1 && e.column() == 1 && std::string(e.what()).find("known trace format") != std::string::npos;
}

QString fileName(const std::string& path) { return QFileInfo(QString::fromStdString(path)).fileName(); }
}  // namespace

ImportTrace::ImportTrace(MainWindow* window, QTreeView* tree, views::TraceStatsView* view, bool interactive)
    : QObject(window), window_(window), tree_(tree), view_(view), interactive_(interactive) {
    connect(window->actions().importTrace, &QAction::triggered, this, &ImportTrace::chooseAndImport);
    window->actions().importTrace->setEnabled(true);
    tree_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(tree_, &QWidget::customContextMenuRequested, this, &ImportTrace::treeMenu);
    connect(tree_, &QTreeView::clicked, this, &ImportTrace::treeClicked);
    connect(tree_, &QTreeView::activated, this, &ImportTrace::treeClicked);
    connect(window->analysis(), &AnalysisController::runningChanged, this, [this](bool running) {
        if (running) showScenarioTrace();
    });
    connect(view_, &views::TraceStatsView::useForScenarioRequested, this, [this] {
        const QString error = useForCurrentScenario(shownTrace_);
        if (!error.isEmpty()) report(tr("Use trace"), error);
    });
}

void ImportTrace::chooseAndImport() {
    const QString path = QFileDialog::getOpenFileName(
        window_, tr("Import trace"), {},
        tr("Request traces (*.csv *.tsv *.txt *.jsonl *.json);;All files (*)"));
    if (path.isEmpty()) return;
    const QString error = importFile(path);
    if (!error.isEmpty()) report(tr("Import trace"), error);
}

QString ImportTrace::importFile(const QString& path) {
    const std::string file = path.toStdString();
    trace::TraceOptions options;
    try {
        auto reader = trace::openTrace(file, options);
        trace::TraceProfile profile = trace::profileTrace(*reader);
        options.format = profile.report.format;  // recorded as detected, not "auto"
        return addTrace(path, options, std::move(profile));
    } catch (const trace::TraceError& e) {
        if (!needsMapping(e)) return QString::fromStdString(e.what());
        if (!interactive_)
            return tr("%1: the header is not a known trace format; it needs a column mapping (Import Trace… in the "
                      "app)").arg(path);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    try {
        CsvMappingDialog dialog(file, window_);
        if (dialog.exec() != QDialog::Accepted || !dialog.profile()) return {};
        return addTrace(path, dialog.options(), *dialog.profile());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
}

QString ImportTrace::addTrace(const QString& path, const trace::TraceOptions& options, trace::TraceProfile profile) {
    WorkspaceDocument* document = window_->document();
    const Workspace& ws = document->workspace();
    const std::string file = std::filesystem::absolute(path.toStdString()).lexically_normal().string();
    WorkspaceTrace t;
    try {
        // An untitled workspace has no folder (describeTraceFile needs one): the file's own stands in.
        t = describeTraceFile(uniqueTraceName(ws, fileName(file).toStdString()), file,
                              ws.path.empty() ? file : ws.path, false);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    if (ws.path.empty()) t.path = file;  // only an absolute path names it until the workspace is saved
    const nlohmann::json reading = readingJson(options);
    for (std::size_t i = 0; i < ws.traces.size(); ++i)
        if (resolvedTracePath(ws, ws.traces[i]) == file && ws.traces[i].sha256 == t.sha256 &&
            importedReading(ws, ws.traces[i].name) == reading) {
            showWorkspaceTrace(static_cast<int>(i));
            window_->statusBar()->showMessage(
                tr("“%1” is already in the workspace").arg(QString::fromStdString(ws.traces[i].name)), 5000);
            return {};
        }
    const QString name = QString::fromStdString(t.name);
    view_->addProfile(file, options, profile);
    document->undoStack()->push(new AddTrace(document, std::move(t), reading, tr("Import trace “%1”").arg(name)));
    showWorkspaceTrace(static_cast<int>(document->workspace().traces.size()) - 1);
    window_->showView(MainWindow::View::Trace);
    window_->statusBar()->showMessage(
        tr("Imported “%1”: %L2 requests (%3)").arg(name).arg(profile.stats.requests).arg(trace::toString(options.format)),
        8000);
    return {};
}

QStringList ImportTrace::droppedFiles(const QMimeData* mime) {
    QStringList files;
    if (mime == nullptr || !mime->hasUrls()) return files;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && !url.toLocalFile().endsWith(QLatin1String(".breakeven.json")))
            files << url.toLocalFile();
    return files;
}

void ImportTrace::importDropped(const QMimeData* mime) {
    for (const QString& file : droppedFiles(mime)) {
        const QString error = importFile(file);
        if (!error.isEmpty()) report(tr("Import trace"), error);
    }
}

QString ImportTrace::useForCurrentScenario(int traceIndex) {
    return useTraceForScenario(window_->document(), window_->currentScenario(), traceIndex);
}

void ImportTrace::showScenarioTrace() {
    const WorkspaceDocument* document = window_->document();
    const int index = window_->currentScenario();
    if (document == nullptr || index < 0 || index >= document->scenarioCount()) {
        if (shownTrace_ < 0) view_->setMessage(tr("The workspace has no scenario. Import a trace with File ▸ Import "
                                                  "Trace… or drop a file on the window."));
        return;
    }
    const Workspace& ws = document->workspace();
    const Scenario& scenario = ws.scenarios[static_cast<std::size_t>(index)].scenario;
    const auto& trace = scenario.workload.trace;
    if (scenario.workload.kind != WorkloadKind::Trace || !trace) {
        shownTrace_ = -1;
        view_->setMessage(tr("Scenario “%1” generates its traffic (no trace). Import a trace with File ▸ Import "
                             "Trace… or drop a file on the window, then use it for the scenario.")
                              .arg(QString::fromStdString(scenario.name)));
        return;
    }
    shownTrace_ = -1;
    QString title = fileName(trace->resolvedPath);
    for (const auto& t : ws.traces)
        if (resolvedTracePath(ws, t) == trace->resolvedPath) title = QString::fromStdString(t.name);
    view_->setTrace({tr("%1 — trace of “%2”").arg(title, QString::fromStdString(scenario.name)), trace->resolvedPath,
                     trace->options, false});
}

void ImportTrace::showWorkspaceTrace(int traceIndex) {
    const Workspace& ws = window_->document()->workspace();
    if (traceIndex < 0 || static_cast<std::size_t>(traceIndex) >= ws.traces.size()) return;
    shownTrace_ = traceIndex;
    const WorkspaceTrace& t = ws.traces[static_cast<std::size_t>(traceIndex)];
    view_->setTrace({QString::fromStdString(t.name), resolvedTracePath(ws, t),
                     readingOptions(importedReading(ws, t.name)), true});
}

void ImportTrace::treeClicked(const QModelIndex& index) {
    if (index.data(views::WorkspaceTreeModel::KindRole).toInt() != views::WorkspaceTreeModel::TraceItem) return;
    showWorkspaceTrace(index.data(views::WorkspaceTreeModel::TraceIndexRole).toInt());
    window_->showView(MainWindow::View::Trace);
}

void ImportTrace::treeMenu(const QPoint& position) {
    const QModelIndex index = tree_->indexAt(position);
    const int kind = index.data(views::WorkspaceTreeModel::KindRole).toInt();
    QMenu menu;
    if (index.isValid() && kind == views::WorkspaceTreeModel::TraceItem) {
        const int trace = index.data(views::WorkspaceTreeModel::TraceIndexRole).toInt();
        menu.addAction(tr("Use for Current Scenario"), this, [this, trace] {
            const QString error = useForCurrentScenario(trace);
            if (!error.isEmpty()) report(tr("Use trace"), error);
        });
        menu.addAction(tr("Show Statistics"), this, [this, index] { treeClicked(index); });
        menu.addSeparator();
    }
    menu.addAction(window_->actions().importTrace);
    menu.exec(tree_->viewport()->mapToGlobal(position));
}

void ImportTrace::report(const QString& title, const QString& message) {
    if (interactive_) QMessageBox::warning(window_, title, message);
    else std::cerr << "breakeven: " << title.toStdString() << ": " << message.toStdString() << '\n';
    window_->statusBar()->showMessage(message, 10000);
}

}  // namespace breakeven::gui
