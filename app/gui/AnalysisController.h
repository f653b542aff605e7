#pragma once
// Connects a run of the current scenario to the views: the priced
// simulation fills the results table, sweep points stream into the cost
// curves, crossovers follow at the end; the timeline and the bill split /
// latency CDFs of the cold-start view come with the simulation, and its
// keep-alive / min-instances sweeps stream in last. Progress and state for
// the status bar come out as signals.
#include <string>

#include <QObject>

#include "app/gui/SimulationRunner.h"

namespace breakeven::views {
class ColdStartCharts;
class CostCurvesChart;
class TimelineChart;
class ResultsTableModel;
}  // namespace breakeven::views

namespace breakeven::gui {

class WorkspaceDocument;

class AnalysisController : public QObject {
    Q_OBJECT
public:
    AnalysisController(views::ResultsTableModel* results, views::CostCurvesChart* chart, QObject* parent = nullptr);

    void setCataloguePath(std::string path) { cataloguePath_ = std::move(path); }
    void setSweepPoints(int points) { sweepPoints_ = points; }
    // Optional views fed by every run (null: not fed).
    void setColdStartView(views::ColdStartCharts* view) { coldStartView_ = view; }
    void setTimelineView(views::TimelineChart* view) { timelineView_ = view; }
    [[nodiscard]] const ColdStartPtr& lastColdStart() const { return coldStart_; }
    // Runs scenario `index` of `document` (nothing when it has none).
    void run(const WorkspaceDocument& document, int index);
    void cancel() { runner_.cancel(); }
    void clear();
    [[nodiscard]] bool isRunning() const { return runner_.isRunning(); }
    [[nodiscard]] SimulationRunner& runner() { return runner_; }
    [[nodiscard]] const SimulationPtr& lastSimulation() const { return simulation_; }
    [[nodiscard]] const SweepPtr& lastSweep() const { return sweep_; }

signals:
    void progressChanged(int value, int maximum);  // maximum 0: busy, no count
    void statusMessage(const QString& text);
    void runningChanged(bool running);
    void runFinished(bool ok);  // after the simulation and the sweep, or a failure/cancel

private:
    void onSimulated(const SimulationPtr& simulation);
    void onPoint(const analysis::SweepPoint& point, int done, int total);
    void onSweep(const SweepPtr& sweep);
    void onColdStartStarted(int total);
    void onColdStartDeployment(const ColdStartImpactPtr& impact, int done, int total);
    void onColdStartFinished(const ColdStartPtr& result);
    void setSecondaryStatus(const QString& text);
    void onFinished(bool cancelled);

    views::ResultsTableModel* results_;
    views::CostCurvesChart* chart_;
    SimulationRunner runner_;
    std::string cataloguePath_;
    int sweepPoints_ = 24;
    SimulationPtr simulation_;
    SweepPtr sweep_;
    views::ColdStartCharts* coldStartView_ = nullptr;
    views::TimelineChart* timelineView_ = nullptr;
    ColdStartPtr coldStart_;
    QString error_;
};

}  // namespace breakeven::gui
