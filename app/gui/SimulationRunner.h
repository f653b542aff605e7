#pragma once
// Runs a scenario off the UI thread (PATTERNS.md §8): open the catalogue,
// simulate and price (the results table), then sweep the traffic
// (workload.rateScale) for the cost curves. Every result is posted back to
// the UI thread as a queued call; each sweep point arrives as soon as it is
// done. cancel() sets the model's plain atomic flag: the running simulation
// or sweep stops at its next check. A new start() cancels the previous run;
// results of a superseded run are dropped. Then the cold-start sweeps run
// (keep-alive and min instances per serverless deployment, each deployment
// posted when done): they cost about one rate sweep's worth of simulations
// (0.9 s for the demo's LLM scenario on 2 cores), so every run includes them
// and switching to the Cold starts tab never waits.
#include <atomic>
#include <memory>
#include <string>

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include "app/core/PricedRun.h"
#include "model/analysis/ColdStartImpact.h"
#include "model/analysis/Sweep.h"

namespace breakeven::gui {

struct RunRequest {
    Scenario scenario;
    std::string source;         // the workspace file (messages, relative paths)
    std::string cataloguePath;  // "" = the default catalogue
    bool sweep = true;
    analysis::SweepRange range{0.1, 20.0, 24, analysis::SweepScale::Log};
    int threads = 0;            // 0 = hardware concurrency
    bool timeline = true;       // per-minute series (the Timeline view); ~10 % more simulation time
    bool coldStart = true;      // the cold-start sweeps after the rate sweep
};

using SimulationPtr = std::shared_ptr<const appcore::PricedSimulation>;
using SweepPtr = std::shared_ptr<const analysis::SweepResult>;
using ColdStartImpactPtr = std::shared_ptr<const analysis::ColdStartImpact>;
using ColdStartPtr = std::shared_ptr<const analysis::ColdStartResult>;

class SimulationRunner : public QObject {
    Q_OBJECT
public:
    explicit SimulationRunner(QObject* parent = nullptr);
    ~SimulationRunner() override;  // cancels and waits for the worker

    void start(RunRequest request);
    void cancel();
    [[nodiscard]] bool isRunning() const { return running_; }
    // Worker threads of this runner still busy (0 once a run has finished).
    [[nodiscard]] int activeWorkers() const { return pool_.activeThreadCount(); }

signals:
    void started(int sweepPoints);
    void simulated(breakeven::gui::SimulationPtr simulation);
    void pointFinished(const breakeven::analysis::SweepPoint& point, int done, int total);
    void sweepFinished(breakeven::gui::SweepPtr sweep);
    // Cold-start sweeps: `total` serverless deployments (0: none), one by one.
    void coldStartStarted(int total);
    void coldStartDeployment(breakeven::gui::ColdStartImpactPtr impact, int done, int total);
    void coldStartFinished(breakeven::gui::ColdStartPtr result);
    void failed(const QString& message);
    void finished(bool cancelled);  // last signal of every run

private:
    void work(const RunRequest& request, const std::shared_ptr<std::atomic<bool>>& cancel, quint64 generation);
    void coldStart(const RunRequest& request, const std::shared_ptr<const pricing::PriceSet>& prices,
                   const std::shared_ptr<std::atomic<bool>>& cancel, quint64 generation);
    template <typename F>
    void post(quint64 generation, F&& f);

    QThreadPool pool_;
    QFutureWatcher<void> watcher_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    quint64 generation_ = 0;
    bool running_ = false;
};

}  // namespace breakeven::gui
