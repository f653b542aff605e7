#include "app/gui/MainWindow.h"

#include <iostream>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QUndoGroup>

#include "app/gui/AnalysisController.h"
#include "app/gui/Autosave.h"
#include "app/gui/CompareController.h"
#include "app/gui/ImportTrace.h"
#include "app/gui/CatalogueController.h"
#include "app/gui/PreferencesDialog.h"
#include "app/gui/PropertiesDock.h"
#include "app/gui/RerunScheduler.h"
#include "app/gui/ExportActions.h"
#include "app/gui/RecentFiles.h"
#include "app/gui/RecommendationDock.h"
#include "app/gui/Theme.h"
#include "app/gui/WorkspaceDocument.h"
#include "app/gui/commands/SetScenarioValue.h"
#include "views/CatalogueView.h"
#include "views/CompareView.h"
#include "views/TraceStatsView.h"
#include "views/ResultsTableModel.h"
#include "views/WorkspaceTreeModel.h"
#include "views/charts/ColdStartCharts.h"
#include "views/charts/CostCurvesChart.h"
#include "views/charts/TimelineChart.h"

namespace breakeven::gui {

namespace {
const QString kFileFilter = QObject::tr("Breakeven workspaces (*.breakeven.json);;JSON files (*.json);;All files (*)");
}

MainWindow::MainWindow(WindowOptions options, QWidget* parent)
    : QMainWindow(parent), options_(std::move(options)), systemStyle_(QApplication::style()->name()),
      undoGroup_(new QUndoGroup(this)), results_(new views::ResultsTableModel(this)),
      tree_(new views::WorkspaceTreeModel(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);  // trace files: ImportTrace
    actions_ = createMainActions(this, undoGroup_);
    buildViews();
    buildDocks();
    buildStatusBar();
    analysis_ = new AnalysisController(results_, chart_, this);
    analysis_->setCataloguePath(options_.cataloguePath);
    analysis_->setSweepPoints(options_.sweepPoints);
    comparison_ = new CompareController(compare_, results_, this);
    comparison_->setCataloguePath(options_.cataloguePath);
    analysis_->setColdStartView(coldStart_);
    analysis_->setTimelineView(timeline_);
    autosave_ = new Autosave(options_.interactive ? 3 * 60 * 1000 : 0, this);  // headless: never
    buildEditors();
    buildRecommendation();
    connectActions();
    traceImport_ = new ImportTrace(this, treeView_, traceView_, options_.interactive);
    if (options_.interactive) restoreSettings();
    setDocument(new WorkspaceDocument(Workspace{}));
}

MainWindow::~MainWindow() = default;

void MainWindow::buildViews() {
    tabs_ = new QTabWidget(this);
    tabs_->setDocumentMode(true);
    chart_ = new views::CostCurvesChart(tabs_);
    compare_ = new views::CompareView(results_, tabs_);
    addView(View::Cost, chart_, tr("Cost curves"));
    coldStart_ = new views::ColdStartCharts(tabs_);
    addView(View::ColdStart, coldStart_, tr("Cold starts"));
    timeline_ = new views::TimelineChart(tabs_);
    addView(View::Timeline, timeline_, tr("Timeline"));
    addView(View::Compare, compare_, tr("Compare"));
    traceView_ = new views::TraceStatsView(tabs_);
    addView(View::Trace, traceView_, tr("Trace"));
    setCentralWidget(tabs_);
}

void MainWindow::buildDocks() {
    auto* treeDock = new QDockWidget(tr("Workspace"), this);
    treeDock->setObjectName(QStringLiteral("workspaceDock"));
    treeView_ = new QTreeView(treeDock);
    treeView_->setModel(tree_);
    treeView_->setHeaderHidden(true);
    treeView_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    treeDock->setWidget(treeView_);
    addDockWidget(Qt::LeftDockWidgetArea, treeDock);
    auto* resultsDock = new QDockWidget(tr("Results"), this);
    resultsDock->setObjectName(QStringLiteral("resultsDock"));
    resultsDock->setWidget(views::makeResultsTable(results_, resultsDock));
    addDockWidget(Qt::BottomDockWidgetArea, resultsDock);
    actions_.viewMenu->addActions({treeDock->toggleViewAction(), resultsDock->toggleViewAction()});
    resizeDocks({treeDock}, {320}, Qt::Horizontal);
    resizeDocks({resultsDock}, {200}, Qt::Vertical);
}

void MainWindow::buildStatusBar() {
    statusLabel_ = new QLabel(this);
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(220);
    progress_->setVisible(false);
    cancelButton_ = new QToolButton(this);
    cancelButton_->setDefaultAction(actions_.cancel);
    cancelButton_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    statusBar()->addWidget(statusLabel_, 1);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(cancelButton_);
}

void MainWindow::connectActions() {
    connect(actions_.newWorkspace, &QAction::triggered, this, &MainWindow::newWorkspace);
    connect(actions_.open, &QAction::triggered, this, &MainWindow::openDialog);
    connect(actions_.save, &QAction::triggered, this, &MainWindow::save);
    connect(actions_.saveAs, &QAction::triggered, this, &MainWindow::saveAs);
    connect(actions_.quit, &QAction::triggered, this, &QWidget::close);
    connect(actions_.run, &QAction::triggered, this, &MainWindow::run);
    connect(actions_.cancel, &QAction::triggered, analysis_, &AnalysisController::cancel);
    connect(actions_.about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(actions_.openRecent, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    connectExportActions(*this, {options_.cataloguePath, options_.sweepPoints, options_.interactive});
    connect(actions_.theme, &QActionGroup::triggered, this, [this](QAction* a) {
        applyTheme(themeFromKey(a->data().toString()), systemStyle_);
        QSettings().setValue(QStringLiteral("view/theme"), a->data());
    });
    actions_.logAxes->setEnabled(true);
    connect(actions_.logAxes, &QAction::toggled, this, [this](bool log) {
        chart_->setLogAxes(log);
        if (options_.interactive) QSettings().setValue(QStringLiteral("view/logAxes"), log);
    });
    connect(analysis_, &AnalysisController::statusMessage, statusLabel_, &QLabel::setText);
    connect(analysis_, &AnalysisController::progressChanged, this, [this](int value, int maximum) {
        progress_->setRange(0, maximum);
        progress_->setValue(value);
    });
    connect(analysis_, &AnalysisController::runningChanged, this, [this](bool running) {
        progress_->setVisible(running);
        actions_.cancel->setEnabled(running);
    });
    connect(treeView_, &QTreeView::activated, this, &MainWindow::selectScenario);
    connect(treeView_, &QTreeView::clicked, this, &MainWindow::selectScenario);
    connect(tree_, &views::WorkspaceTreeModel::renameRequested, this, [this](int scenario, const QString& name) {
        const QString error = SetScenarioValue::push(document_, scenario, "/name", name.toStdString(),
                                                     tr("Rename scenario to “%1”").arg(name));
        if (!error.isEmpty()) reportError(tr("Rename scenario"), error);
    });
}

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QString theme = settings.value(QStringLiteral("view/theme"), QStringLiteral("system")).toString();
    for (QAction* a : actions_.theme->actions()) a->setChecked(a->data().toString() == theme);
    actions_.logAxes->setChecked(settings.value(QStringLiteral("view/logAxes"), true).toBool());
    if (themeFromKey(theme) != Theme::System) applyTheme(themeFromKey(theme), systemStyle_);
}

void MainWindow::setDocument(WorkspaceDocument* document) {
    if (document_ != nullptr) {
        undoGroup_->removeStack(document_->undoStack());
        document_->deleteLater();
    }
    document_ = document;
    document_->setParent(this);
    undoGroup_->addStack(document_->undoStack());
    undoGroup_->setActiveStack(document_->undoStack());
    autosave_->setDocument(document_);
    connect(document_, &WorkspaceDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(document_, &WorkspaceDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(document_, &WorkspaceDocument::scenarioChanged, this, [this](int index) {
        rebuildTree();
        if (index == scenario_) rerun_->schedule();
    });
    connect(document_, &WorkspaceDocument::tracesChanged, this, &MainWindow::rebuildTree);
    properties_->setDocument(document_);
    scenario_ = 0;
    rebuildTree();
    updateTitle();
    run();
    if (traceImport_ != nullptr) traceImport_->showScenarioTrace();
}

void MainWindow::rebuildTree() {
    tree_->rebuild(document_->workspace());
    treeView_->expandToDepth(0);
    treeView_->setCurrentIndex(tree_->scenarioIndex(scenario_));
}

void MainWindow::selectScenario(const QModelIndex& index) {
    const QVariant scenario = index.data(views::WorkspaceTreeModel::ScenarioIndexRole);
    if (scenario.isValid() && scenario.toInt() != scenario_) setCurrentScenario(scenario.toInt());
}

void MainWindow::setCurrentScenario(int index) {
    scenario_ = index;
    if (properties_->scenario() != index) properties_->showScenario(index);
    treeView_->setCurrentIndex(tree_->scenarioIndex(scenario_));
    run();
}

void MainWindow::run() {
    comparison_->setDocument(document_, scenario_);
    analysis_->run(*document_, scenario_);
}

void MainWindow::addView(View view, QWidget* widget, const QString& title) {
    views_.insert(view, widget);
    tabs_->addTab(widget, title);
}

bool MainWindow::showView(View view) {
    QWidget* widget = views_.value(view, nullptr);
    if (widget == nullptr) return false;
    tabs_->setCurrentWidget(widget);
    return true;
}

void MainWindow::updateTitle() {
    setWindowTitle(tr("%1[*] — Breakeven").arg(document_->displayName()));
    setWindowModified(document_->isModified());
}

bool MainWindow::openWorkspace(const QString& path) {
    if (!maybeSave()) return false;
    try {
        if (options_.interactive && recoveryAvailable(path.toStdString()) &&
            QMessageBox::question(this, tr("Recover unsaved changes"),
                                  tr("“%1” has unsaved changes from a session that did not end normally. "
                                     "Restore them?").arg(QFileInfo(path).fileName())) == QMessageBox::Yes) {
            auto* recovered = new WorkspaceDocument(loadAutosave(path.toStdString()));
            recovered->markRecovered();
            setDocument(recovered);
            return true;
        }
        setDocument(WorkspaceDocument::open(path));
        addRecentFile(path);
        return true;
    } catch (const std::exception& e) {
        reportError(tr("Open workspace"), QString::fromStdString(e.what()));
        return false;
    }
}

void MainWindow::openDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open workspace"), {}, kFileFilter);
    if (!path.isEmpty()) openWorkspace(path);
}

void MainWindow::newWorkspace() {
    if (maybeSave()) setDocument(new WorkspaceDocument(Workspace{}));
}

bool MainWindow::saveTo(const QString& path) {
    try {
        document_->save(path);
        addRecentFile(path);
        statusLabel_->setText(tr("Saved %1").arg(QFileInfo(path).fileName()));
        return true;
    } catch (const std::exception& e) {
        reportError(tr("Save workspace"), QString::fromStdString(e.what()));
        return false;
    }
}

bool MainWindow::save() {
    if (document_->filePath().isEmpty()) return saveAs();
    return saveTo(document_->filePath());
}

bool MainWindow::saveAs() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save workspace as"), document_->filePath(), kFileFilter);
    if (path.isEmpty()) return false;
    if (!path.endsWith(QLatin1String(".json"))) path += QLatin1String(".breakeven.json");
    return saveTo(path);
}

bool MainWindow::maybeSave() {
    if (document_ == nullptr || !document_->isModified() || !options_.interactive) return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("“%1” has unsaved changes. Save them?").arg(document_->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::updateRecentMenu() {
    actions_.openRecent->clear();
    const QStringList files = recentFiles();
    for (const QString& f : files)
        actions_.openRecent->addAction(QFileInfo(f).fileName(), this, [this, f] { openWorkspace(f); })
            ->setToolTip(f);
    if (files.isEmpty()) actions_.openRecent->addAction(tr("(none)"))->setEnabled(false);
    actions_.openRecent->addSeparator();
    actions_.openRecent->addAction(tr("Clear list"), this, [] { clearRecentFiles(); });
}

void MainWindow::showAbout() {
    QFile attribution(QStringLiteral(":/breakeven/ATTRIBUTION.md"));
    QString traces;
    if (attribution.open(QIODevice::ReadOnly)) traces = QString::fromUtf8(attribution.readAll());
    QMessageBox box(this);
    box.setWindowTitle(tr("About Breakeven"));
    box.setTextFormat(Qt::MarkdownText);
    box.setText(tr("## Breakeven %1\n\nCapacity planner for ML and LLM inference: cost, latency, cold starts "
                   "and crossovers from one simulation core and a local price catalogue.\n\n%2")
                    .arg(QStringLiteral(BREAKEVEN_VERSION), traces));
    box.exec();
}

void MainWindow::reportError(const QString& title, const QString& message) {
    if (options_.interactive) QMessageBox::critical(this, title, message);
    else std::cerr << "breakeven: " << title.toStdString() << ": " << message.toStdString() << '\n';
    statusLabel_->setText(message);
}

void MainWindow::buildRecommendation() {
    recommendation_ = new RecommendationDock(this);
    addDockWidget(Qt::RightDockWidgetArea, recommendation_);
    tabifyDockWidget(properties_, recommendation_);
    recommendation_->raise();  // what a first start should show: the answer
    actions_.viewMenu->addAction(recommendation_->toggleViewAction());
    connect(analysis_, &AnalysisController::runFinished, this, [this](bool ok) {
        if (ok) recommendation_->showRun(analysis_->lastSimulation(), analysis_->lastSweep());
        else recommendation_->clear(tr("The last run did not finish: no recommendation."));
    });
}

void MainWindow::buildEditors() {
    properties_ = new PropertiesDock(this);
    addDockWidget(Qt::RightDockWidgetArea, properties_);
    actions_.viewMenu->addAction(properties_->toggleViewAction());
    resizeDocks({properties_}, {340}, Qt::Horizontal);
    connect(treeView_, &QTreeView::clicked, properties_, &PropertiesDock::showTreeIndex);
    connect(treeView_, &QTreeView::activated, properties_, &PropertiesDock::showTreeIndex);
    rerun_ = new RerunScheduler([this] { analysis_->clear(); }, [this] { run(); }, this);  // stale results go at once
    catalogue_ = new CatalogueController(options_.cataloguePath, this, this);
    addView(View::Catalog, catalogue_->view(), tr("Catalogue"));
    connect(catalogue_, &CatalogueController::pricesChanged, this, [this](const pricing::PriceSet& prices) {
        analysis_->reprice(prices);  // the table at once, from the stored ledgers
        properties_->setPrices(prices);
        rerun_->schedule(false);  // the curves need a new sweep (it keeps only $/month)
    });
    connect(catalogue_, &CatalogueController::failed, this, &MainWindow::reportError);
    connect(catalogue_, &CatalogueController::message, statusLabel_, &QLabel::setText);
    if (catalogue_->reload()) properties_->setPrices(catalogue_->prices());
    connect(actions_.preferences, &QAction::triggered, this, &MainWindow::showPreferences);
    actions_.preferences->setEnabled(true);
    if (!options_.interactive) return;
    Preferences stored = Preferences::load({options_.sweepPoints, 0.1, 20.0, {}, 3});
    if (!options_.cataloguePath.empty()) stored.cataloguePath = QString::fromStdString(options_.cataloguePath);  // --catalog wins
    applyPreferences(stored);
}

void MainWindow::showPreferences() {
    const Preferences current = Preferences::load({options_.sweepPoints, 0.1, 20.0,
                                                   QString::fromStdString(options_.cataloguePath), 3});
    PreferencesDialog dialog(current, this);
    if (dialog.exec() != QDialog::Accepted || dialog.preferences() == current) return;
    dialog.preferences().save();
    applyPreferences(dialog.preferences());
    rerun_->schedule();
}

void MainWindow::applyPreferences(const Preferences& preferences) {
    options_.sweepPoints = preferences.sweepPoints;
    analysis_->setSweepPoints(preferences.sweepPoints);
    analysis_->setSweepRange(preferences.sweepFrom, preferences.sweepTo);
    if (preferences.cataloguePath.toStdString() != options_.cataloguePath) {
        options_.cataloguePath = preferences.cataloguePath.toStdString();
        analysis_->setCataloguePath(options_.cataloguePath);
        catalogue_->setPath(options_.cataloguePath);
    }
    autosave_->deleteLater();
    autosave_ = new Autosave(preferences.autosaveMinutes * 60 * 1000, this);
    if (document_ != nullptr) autosave_->setDocument(document_);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    analysis_->cancel();
    if (!options_.interactive) {
        event->accept();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!ImportTrace::droppedFiles(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    if (ImportTrace::droppedFiles(event->mimeData()).isEmpty()) return;
    event->acceptProposedAction();
    traceImport_->importDropped(event->mimeData());
}

}  // namespace breakeven::gui
