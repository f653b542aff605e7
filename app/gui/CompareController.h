#pragma once
// Runs the scenario the compare view compares with (a priced simulation, no
// sweep) on its own runner, so it never cancels the main run, and feeds both
// sides to the view's delta model: the current scenario's rows as they
// arrive in the results table, the other's when its run ends.
#include <QObject>
#include <QString>

#include "app/gui/SimulationRunner.h"

namespace breakeven::views {
class CompareView;
class ResultsTableModel;
}  // namespace breakeven::views

namespace breakeven::gui {

class WorkspaceDocument;

class CompareController : public QObject {
    Q_OBJECT
public:
    CompareController(views::CompareView* view, views::ResultsTableModel* current, QObject* parent = nullptr);

    void setCataloguePath(std::string path) { cataloguePath_ = std::move(path); }
    // The document and the scenario shown above; offers the others.
    void setDocument(const WorkspaceDocument* document, int currentScenario);
    // Simulates scenario `index` of the document for the comparison (-1: none).
    void compareWith(int index);
    [[nodiscard]] bool isRunning() const { return runner_.isRunning(); }
    [[nodiscard]] SimulationRunner& runner() { return runner_; }

signals:
    void comparisonReady();

private:
    void refresh();

    views::CompareView* view_;
    views::ResultsTableModel* current_;
    const WorkspaceDocument* document_ = nullptr;
    int currentScenario_ = -1;
    int other_ = -1;
    std::string cataloguePath_;
    SimulationPtr otherRun_;
    QString error_;
    SimulationRunner runner_;
};

}  // namespace breakeven::gui
