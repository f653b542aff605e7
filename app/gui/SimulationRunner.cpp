#include "app/gui/SimulationRunner.h"

#include <exception>

#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

#include "app/core/ColdStartData.h"
#include "model/sim/Simulator.h"

namespace breakeven::gui {

SimulationRunner::SimulationRunner(QObject* parent) : QObject(parent) {
    // One orchestrating thread: a new run queues behind the cancelled one.
    // The simulations themselves use the model's own worker threads.
    pool_.setMaxThreadCount(1);
}

SimulationRunner::~SimulationRunner() {
    cancel();
    pool_.waitForDone();
}

template <typename F>
void SimulationRunner::post(quint64 generation, F&& f) {
    // Queued onto the UI thread; dropped when a newer run has started or
    // this runner is gone (the context object dies with it).
    QMetaObject::invokeMethod(
        this,
        [this, generation, f = std::forward<F>(f)]() {
            if (generation == generation_) f();
        },
        Qt::QueuedConnection);
}

void SimulationRunner::start(RunRequest request) {
    cancel();
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = ++generation_;
    running_ = true;
    emit started(request.sweep ? request.range.points : 0);
    watcher_.setFuture(QtConcurrent::run(&pool_, [this, request = std::move(request), flag = cancel_, generation] {
        work(request, flag, generation);
    }));
}

void SimulationRunner::cancel() {
    if (cancel_) cancel_->store(true);
}

void SimulationRunner::work(const RunRequest& request, const std::shared_ptr<std::atomic<bool>>& cancel,
                            quint64 generation) {
    auto finish = [this](bool cancelled) {
        running_ = false;
        emit finished(cancelled);
    };
    try {
        auto prices = std::make_shared<const pricing::PriceSet>(appcore::openCatalogue(request.cataloguePath).load());
        const pricing::PricingOptions options;
        SimulationPtr simulation = std::make_shared<const appcore::PricedSimulation>(
            appcore::simulateAndPrice(request.scenario, request.source, *prices, options, cancel.get(),
                                      request.threads, request.timeline));
        post(generation, [this, simulation] { emit simulated(simulation); });
        if (request.sweep && !cancel->load()) {
            auto done = std::make_shared<std::atomic<int>>(0);
            appcore::RateSweepRequest sweep;
            sweep.range = request.range;
            sweep.threads = request.threads;
            sweep.cancel = cancel.get();
            sweep.onPoint = [this, generation, done, total = request.range.points](const analysis::SweepPoint& p) {
                const int n = ++*done;
                post(generation, [this, p, n, total] { emit pointFinished(p, n, total); });
            };
            SweepPtr result = std::make_shared<const analysis::SweepResult>(
                appcore::sweepRateScale(request.scenario, request.source, prices, options, sweep));
            post(generation, [this, result] { emit sweepFinished(result); });
        }
        if (request.coldStart && !cancel->load()) coldStart(request, prices, cancel, generation);
        const bool cancelled = cancel->load();
        post(generation, [finish, cancelled] { finish(cancelled); });
    } catch (const SimulationCancelled&) {
        post(generation, [finish] { finish(true); });
    } catch (const std::exception& e) {
        const QString message = QString::fromStdString(e.what());
        post(generation, [this, message, finish] {
            emit failed(message);
            finish(false);
        });
    }
}

void SimulationRunner::coldStart(const RunRequest& request, const std::shared_ptr<const pricing::PriceSet>& prices,
                                 const std::shared_ptr<std::atomic<bool>>& cancel, quint64 generation) {
    const auto total = static_cast<int>(analysis::serverlessDeployments(request.scenario).size());
    post(generation, [this, total] { emit coldStartStarted(total); });
    appcore::ColdStartRequest sweeps;
    sweeps.options.threads = request.threads;
    sweeps.options.cancel = cancel.get();
    sweeps.onDeployment = [this, generation](const analysis::ColdStartImpact& d, std::size_t done, std::size_t n) {
        ColdStartImpactPtr impact = std::make_shared<const analysis::ColdStartImpact>(d);
        post(generation, [this, impact, done, n] {
            emit coldStartDeployment(impact, static_cast<int>(done), static_cast<int>(n));
        });
    };
    ColdStartPtr result = std::make_shared<const analysis::ColdStartResult>(appcore::runColdStartSweeps(
        request.scenario, request.source, prices, pricing::PricingOptions{}, sweeps));
    post(generation, [this, result] { emit coldStartFinished(result); });
}

}  // namespace breakeven::gui
