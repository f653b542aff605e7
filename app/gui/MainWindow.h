#pragma once
// The main window only wires things together (PATTERNS.md, "God classes"):
// the workspace tree dock, the central views, the results dock and the
// status bar around one WorkspaceDocument, with runs delegated to
// AnalysisController and menus to MainActions.
#include <string>

#include <QHash>
#include <QMainWindow>

#include "app/gui/MainActions.h"

QT_BEGIN_NAMESPACE
class QLabel;
class QProgressBar;
class QTabWidget;
class QToolButton;
class QTreeView;
class QUndoGroup;
QT_END_NAMESPACE

namespace breakeven::views {
class ColdStartCharts;
class CompareView;
class CostCurvesChart;
class TraceStatsView;
class ResultsTableModel;
class TimelineChart;
class WorkspaceTreeModel;
}  // namespace breakeven::views

namespace breakeven::gui {

class AnalysisController;
class CompareController;
class RecommendationDock;
class Autosave;
class ImportTrace;
class CatalogueController;
class PropertiesDock;
class RerunScheduler;
struct Preferences;
class WorkspaceDocument;

struct WindowOptions {
    std::string cataloguePath;  // "" = the default catalogue
    int sweepPoints = 24;
    bool interactive = true;    // false: no dialogs (headless modes, tests); errors go to stderr
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Tabs of the central area; --view KEY picks one (viewFromKey).
    enum class View { Cost, ColdStart, Timeline, Compare, Trace, Catalog };

    explicit MainWindow(WindowOptions options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Replaces the open workspace (asks about unsaved changes first when
    // interactive) and runs its first scenario. False when it did not open.
    bool openWorkspace(const QString& path);
    void setDocument(WorkspaceDocument* document);  // takes ownership
    bool saveTo(const QString& path);
    void run();
    // Brings `view` to the front; false when this window has no such view.
    bool showView(View view);
    // Adds `widget` as the tab for `view` (the window takes ownership).
    void addView(View view, QWidget* widget, const QString& title);
    [[nodiscard]] QWidget* viewWidget(View view) const { return views_.value(view, nullptr); }
    // Makes scenario `index` current and runs it.
    void setCurrentScenario(int index);

    [[nodiscard]] WorkspaceDocument* document() const { return document_; }
    [[nodiscard]] AnalysisController* analysis() const { return analysis_; }
    [[nodiscard]] CompareController* comparison() const { return comparison_; }
    [[nodiscard]] RecommendationDock* recommendation() const { return recommendation_; }
    [[nodiscard]] views::CompareView* compareView() const { return compare_; }
    [[nodiscard]] views::ResultsTableModel* resultsModel() const { return results_; }
    [[nodiscard]] views::CostCurvesChart* costChart() const { return chart_; }
    [[nodiscard]] int currentScenario() const { return scenario_; }
    [[nodiscard]] const MainActions& actions() const { return actions_; }
    [[nodiscard]] ImportTrace* traceImport() const { return traceImport_; }
    [[nodiscard]] PropertiesDock* properties() const { return properties_; }
    [[nodiscard]] RerunScheduler* rerunScheduler() const { return rerun_; }
    [[nodiscard]] CatalogueController* catalogue() const { return catalogue_; }
    // Sweep, catalogue and autosave settings, applied at once.
    void applyPreferences(const Preferences& preferences);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildViews();
    void buildDocks();
    void buildStatusBar();
    void connectActions();
    void restoreSettings();
    void updateTitle();
    void updateRecentMenu();
    void selectScenario(const QModelIndex& index);
    void rebuildTree();
    bool maybeSave();
    bool save();
    bool saveAs();
    void openDialog();
    void newWorkspace();
    void showAbout();
    void reportError(const QString& title, const QString& message);

    WindowOptions options_;
    QString systemStyle_;
    QUndoGroup* undoGroup_;
    MainActions actions_;
    WorkspaceDocument* document_ = nullptr;
    int scenario_ = 0;
    views::ResultsTableModel* results_;
    views::WorkspaceTreeModel* tree_;
    views::CostCurvesChart* chart_ = nullptr;
    views::CompareView* compare_ = nullptr;
    views::ColdStartCharts* coldStart_ = nullptr;
    views::TimelineChart* timeline_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    QHash<View, QWidget*> views_;
    QTreeView* treeView_ = nullptr;
    QLabel* statusLabel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QToolButton* cancelButton_ = nullptr;
    AnalysisController* analysis_ = nullptr;
    Autosave* autosave_ = nullptr;
    CompareController* comparison_ = nullptr;
    RecommendationDock* recommendation_ = nullptr;
    void buildRecommendation();
    views::TraceStatsView* traceView_ = nullptr;
    ImportTrace* traceImport_ = nullptr;
    PropertiesDock* properties_ = nullptr;
    RerunScheduler* rerun_ = nullptr;
    CatalogueController* catalogue_ = nullptr;
    void buildEditors();
    void showPreferences();
};

}  // namespace breakeven::gui
