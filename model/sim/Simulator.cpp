#include "model/sim/Simulator.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "model/sim/Cache.h"
#include "model/sim/Composite.h"
#include "model/sim/EventQueue.h"
#include "model/sim/Feasibility.h"
#include "model/sim/InstancePool.h"
#include "model/sim/TraceSource.h"
#include "model/sim/WorkloadStream.h"

namespace breakeven {

namespace {
constexpr std::uint64_t kProgressEvery = 1u << 16;

Rng deploymentRng(const Scenario& scenario, std::size_t index) {
    // Named streams: reordering or adding deployments leaves others' draws alone.
    return Rng::stream(scenario.seed, "deployment:" + scenario.deployments[index].name);
}
}  // namespace

namespace {
// The event loop of one alternative over any request source (a generator or
// a trace): arrivals merge with the pools' events in (time, sequence) order.
// Target is one pool, or a composite's router in front of several.
template <class Source, class Target>
void runLoop(EventQueue& events, Source& source, Target& target, std::size_t index,
             const SimulationOptions& options) {
    Request request;
    bool haveArrival = source.next(request);
    // The arrival handler "schedules" the next arrival as it finishes, so the
    // next arrival's sequence number is taken after handling the previous one.
    std::uint64_t arrivalSeq = events.takeSeq();
    std::uint64_t handled = 0;
    // Pools whose autoscaler evaluates on a clock stop once past the window.
    const auto ended = [&] { target.endOfArrivals(secondsToSimTime(source.windowSeconds())); };
    if (!haveArrival) ended();
    while (haveArrival || !events.empty()) {
        if (haveArrival && events.precedesTop(request.arrivalMicros, arrivalSeq)) {
            target.arrive(request);
            haveArrival = source.next(request);
            if (!haveArrival) ended();
            arrivalSeq = events.takeSeq();
            if (++handled % kProgressEvery == 0) {
                if (options.cancel && options.cancel->load(std::memory_order_relaxed))
                    throw SimulationCancelled();
                if (options.progress) options.progress(index, source.progress());
            }
        } else {
            target.handle(events.pop());
        }
    }
}

// A scenario cache sits in front of the whole alternative; its hits never
// reach the target. One cache per alternative, all seeded alike, so every
// alternative gets the same hits.
template <class Source, class Target>
void runCached(EventQueue& events, Source& source, Target& target, std::optional<ResponseCache>& cache,
               std::size_t index, const SimulationOptions& options) {
    if (!cache) {
        runLoop(events, source, target, index, options);
        return;
    }
    CachedTarget<Target> cached(target, *cache);
    runLoop(events, source, cached, index, options);
}

std::optional<ResponseCache> makeCache(const Scenario& scenario) {
    if (!scenario.cache) return std::nullopt;
    return ResponseCache(*scenario.cache, Rng::stream(scenario.seed, "cache"));
}

DeploymentResult finishPool(InstancePool& pool, const DeploymentSpec& spec, SimTime simEnd,
                            double windowSeconds, const ResponseCache* cache = nullptr) {
    pool.finish(simEnd);
    DeploymentResult result = std::move(pool.result());
    result.simulatedSeconds = simTimeToSeconds(simEnd);
    result.windowSeconds = windowSeconds;
    if (cache) cache->addTo(result);  // before the findings: outcome fractions count the hits
    result.feasibility = checkFeasibility(spec, result);
    return result;
}

template <class Source>
DeploymentResult runSingle(const Scenario& scenario, std::size_t index,
                           const SimulationOptions& options, Source& source) {
    const DeploymentSpec& spec = scenario.deployments[index];
    EventQueue events;
    InstancePool pool(spec, deploymentRng(scenario, index), events, 0, options.timeline);
    std::optional<ResponseCache> cache = makeCache(scenario);
    runCached(events, source, pool, cache, index, options);
    const double windowSeconds = source.windowSeconds();
    const SimTime simEnd = std::max(secondsToSimTime(windowSeconds), pool.lastCompletion());
    return finishPool(pool, spec, simEnd, windowSeconds, cache ? &*cache : nullptr);
}

// Members share one event loop (pool ids in the event tags); each draws from
// its own named stream, the router from another.
template <class Source>
DeploymentResult runComposite(const Scenario& scenario, std::size_t index,
                              const SimulationOptions& options, Source& source) {
    const DeploymentSpec& alt = scenario.deployments[index];
    EventQueue events;
    std::vector<std::unique_ptr<InstancePool>> pools;
    for (std::size_t m = 0; m < alt.members.size(); ++m) {
        const Rng rng = Rng::stream(scenario.seed, "deployment:" + alt.name + "/" + alt.members[m].name);
        pools.push_back(std::make_unique<InstancePool>(alt.members[m], rng, events,
                                                       static_cast<std::uint16_t>(m), options.timeline));
    }
    CompositeRouter router(alt, std::move(pools), Rng::stream(scenario.seed, "router:" + alt.name));
    std::optional<ResponseCache> cache = makeCache(scenario);
    runCached(events, source, router, cache, index, options);
    const double windowSeconds = source.windowSeconds();
    const SimTime simEnd = std::max(secondsToSimTime(windowSeconds), router.lastCompletion());
    std::vector<DeploymentResult> members;
    for (std::size_t m = 0; m < alt.members.size(); ++m)
        members.push_back(finishPool(*router.pools()[m], alt.members[m], simEnd, windowSeconds));
    DeploymentResult result = aggregateMembers(alt, std::move(members));
    if (cache) cache->addTo(result);
    return result;
}

template <class Source>
DeploymentResult runDeployment(const Scenario& scenario, std::size_t index,
                               const SimulationOptions& options, Source& source) {
    DeploymentResult result = scenario.deployments[index].composite == Composite::None
                                  ? runSingle(scenario, index, options, source)
                                  : runComposite(scenario, index, options, source);
    if (options.progress) options.progress(index, 1.0);
    return result;
}
}  // namespace

DeploymentResult simulateDeployment(const Scenario& scenario, std::size_t index,
                                    const SimulationOptions& options) {
    if (scenario.workload.kind == WorkloadKind::Trace) {
        TraceSource source(*scenario.workload.trace, Rng::stream(scenario.seed, "trace-scale"));
        return runDeployment(scenario, index, options, source);
    }
    WorkloadStream source(scenario.workload, Rng::stream(scenario.seed, "workload"));
    return runDeployment(scenario, index, options, source);
}

ScenarioResult simulate(const Scenario& scenario, const SimulationOptions& options) {
    ScenarioResult out;
    out.scenarioName = scenario.name;
    out.seed = scenario.seed;
    const std::size_t n = scenario.deployments.size();
    out.deployments.resize(n);

    int threads = options.threads > 0 ? options.threads
                                      : static_cast<int>(std::thread::hardware_concurrency());
    threads = std::clamp(threads, 1, static_cast<int>(std::max<std::size_t>(1, n)));
    out.run.threads = threads;

    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto worker = [&] {
        for (std::size_t i = next++; i < n; i = next++) {
            try {
                out.deployments[i] = simulateDeployment(scenario, i, options);
            } catch (...) {
                std::lock_guard lock(failureMutex);
                if (!failure) failure = std::current_exception();
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);

    for (const auto& d : out.deployments) out.windowSeconds = std::max(out.windowSeconds, d.windowSeconds);
    SimTime end = secondsToSimTime(out.windowSeconds);
    for (const auto& d : out.deployments) {
        end = std::max(end, d.lastCompletionMicros);
        out.arrivals = std::max(out.arrivals, d.requests);
    }
    out.simulatedSeconds = simTimeToSeconds(end);
    return out;
}

}  // namespace breakeven
