#include "app/gui/AnalysisController.h"

#include "app/gui/WorkspaceDocument.h"
#include "views/ColdStartViewData.h"
#include "views/ResultRows.h"
#include "views/ResultsTableModel.h"
#include "views/TimelineViewData.h"
#include "views/charts/ColdStartCharts.h"
#include "views/charts/CostCurvesChart.h"
#include "views/charts/TimelineChart.h"

namespace breakeven::gui {

AnalysisController::AnalysisController(views::ResultsTableModel* results, views::CostCurvesChart* chart,
                                       QObject* parent)
    : QObject(parent), results_(results), chart_(chart) {
    connect(&runner_, &SimulationRunner::simulated, this, &AnalysisController::onSimulated);
    connect(&runner_, &SimulationRunner::pointFinished, this, &AnalysisController::onPoint);
    connect(&runner_, &SimulationRunner::sweepFinished, this, &AnalysisController::onSweep);
    connect(&runner_, &SimulationRunner::coldStartStarted, this, &AnalysisController::onColdStartStarted);
    connect(&runner_, &SimulationRunner::coldStartDeployment, this, &AnalysisController::onColdStartDeployment);
    connect(&runner_, &SimulationRunner::coldStartFinished, this, &AnalysisController::onColdStartFinished);
    connect(&runner_, &SimulationRunner::failed, this, [this](const QString& message) { error_ = message; });
    connect(&runner_, &SimulationRunner::finished, this, &AnalysisController::onFinished);
}

void AnalysisController::clear() {
    runner_.cancel();
    simulation_.reset();
    sweep_.reset();
    coldStart_.reset();
    results_->clear();
    chart_->reset({});
    chart_->setStatus({});
    if (coldStartView_ != nullptr) coldStartView_->setData({});
    if (timelineView_ != nullptr) timelineView_->setData({});
    setSecondaryStatus({});
}

void AnalysisController::run(const WorkspaceDocument& document, int index) {
    if (index < 0 || index >= document.scenarioCount()) {
        clear();
        return;
    }
    const Scenario& scenario = document.workspace().scenarios[static_cast<std::size_t>(index)].scenario;
    RunRequest request;
    request.scenario = scenario;
    request.source = document.source();
    request.cataloguePath = cataloguePath_;
    request.range.points = sweepPoints_;
    error_.clear();
    simulation_.reset();
    sweep_.reset();
    std::vector<std::string> names;
    for (const auto& d : scenario.deployments) names.push_back(d.name);
    chart_->reset(names);
    chart_->setStatus(tr("Simulating “%1”…").arg(QString::fromStdString(scenario.name)));
    results_->clear();
    coldStart_.reset();
    setSecondaryStatus(tr("Simulating “%1”…").arg(QString::fromStdString(scenario.name)));
    runner_.start(std::move(request));
    emit runningChanged(true);
    emit progressChanged(0, 0);
    emit statusMessage(tr("Simulating “%1”…").arg(QString::fromStdString(scenario.name)));
}

void AnalysisController::onSimulated(const SimulationPtr& simulation) {
    simulation_ = simulation;
    results_->setRows(views::resultRows(simulation->scenario, simulation->result, simulation->costs));
    const auto& r = simulation->result;
    if (timelineView_ != nullptr) timelineView_->setData(views::timelineViewData(r));
    if (coldStartView_ != nullptr) {
        coldStartView_->setData(views::coldStartViewData(simulation->scenario, r, simulation->costs));
        coldStartView_->setStatus(tr("Simulated; the keep-alive and min-instances sweeps follow the traffic sweep…"));
    }
    if (r.windowSeconds > 0.0) chart_->setCurrentRate(static_cast<double>(r.arrivals) / r.windowSeconds);
    chart_->setStatus(tr("Sweeping traffic (workload.rateScale 0.1–20, %1 points)…").arg(sweepPoints_));
    emit statusMessage(tr("Simulated “%1”; sweeping traffic for the cost curves…")
                           .arg(QString::fromStdString(simulation->scenario.name)));
    emit progressChanged(0, sweepPoints_);
}

void AnalysisController::onPoint(const analysis::SweepPoint& point, int done, int total) {
    chart_->addPoint(point);
    chart_->setStatus(tr("Sweeping traffic: %1 of %2 points").arg(done).arg(total));
    emit progressChanged(done, total);
    if (done == total) {
        chart_->setStatus(tr("Refining crossovers by re-simulation…"));
        emit progressChanged(0, 0);
    }
}

void AnalysisController::onSweep(const SweepPtr& sweep) {
    sweep_ = sweep;
    chart_->setCrossovers(sweep->crossovers);
    int refined = 0;
    for (const auto& c : sweep->crossovers) refined += c.crossover.refined ? 1 : 0;
    chart_->setStatus(tr("workload.rateScale 0.1–20: %1 points, %2 crossovers (%3 refined), %4 simulations. "
                         "$/month scales the simulated usage to a 730-hour month.")
                          .arg(sweep->points.size())
                          .arg(sweep->crossovers.size())
                          .arg(refined)
                          .arg(sweep->simulations));
}

void AnalysisController::onColdStartStarted(int total) {
    if (total == 0) {
        if (coldStartView_ != nullptr)
            coldStartView_->setStatus(tr("No serverless deployment in this scenario: keep-alive and min instances "
                                         "do not apply (dedicated and composite deployments have neither)."));
        return;
    }
    if (coldStartView_ != nullptr)
        coldStartView_->setStatus(tr("Re-simulating keep-alive and min instances: 0 of %1 deployments…").arg(total));
    emit statusMessage(tr("Cold-start sweeps: 0 of %1 serverless deployments…").arg(total));
    emit progressChanged(0, total);
}

void AnalysisController::onColdStartDeployment(const ColdStartImpactPtr& impact, int done, int total) {
    if (coldStartView_ != nullptr) {
        coldStartView_->addImpact(views::impactSeries(*impact));
        coldStartView_->setStatus(
            tr("Re-simulating keep-alive and min instances: %1 of %2 deployments…").arg(done).arg(total));
    }
    emit statusMessage(tr("Cold-start sweeps: %1 of %2 serverless deployments…").arg(done).arg(total));
    emit progressChanged(done, total);
}

void AnalysisController::onColdStartFinished(const ColdStartPtr& result) {
    coldStart_ = result;
    if (coldStartView_ == nullptr || result->deployments.empty()) return;
    coldStartView_->setStatus(tr("“%1”: keep-alive 0 s–1 h and min instances 0–8 (up to maxInstances) re-simulated "
                                 "for %2 serverless deployments, %3 simulations. $/month scales the simulated usage "
                                 "to a 730-hour month; p99 is TTFT p99 for LLM deployments.")
                                  .arg(QString::fromStdString(simulation_ ? simulation_->scenario.name : ""))
                                  .arg(result->deployments.size())
                                  .arg(result->simulations));
}

void AnalysisController::setSecondaryStatus(const QString& text) {
    if (coldStartView_ != nullptr) coldStartView_->setStatus(text);
    if (timelineView_ != nullptr) timelineView_->setStatus(text);
}

void AnalysisController::onFinished(bool cancelled) {
    emit runningChanged(false);
    emit progressChanged(1, 1);
    if (!error_.isEmpty()) {
        chart_->setStatus(tr("Run failed: %1").arg(error_));
        setSecondaryStatus(tr("Run failed: %1").arg(error_));
        emit statusMessage(tr("Run failed: %1").arg(error_));
    } else if (cancelled) {
        chart_->setStatus(tr("Cancelled."));
        if (!coldStart_ && coldStartView_ != nullptr) coldStartView_->setStatus(tr("Cancelled."));
        emit statusMessage(tr("Cancelled."));
    } else {
        emit statusMessage(tr("Done."));
    }
    emit runFinished(!cancelled && error_.isEmpty());
}

}  // namespace breakeven::gui
