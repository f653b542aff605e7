#pragma once
// Sweeps: one scenario parameter over a linear or log range, every point
// simulated in parallel (identical results for any thread count: each run is
// a pure function of scenario and seed, and every point keeps the scenario's
// seed, so neighbouring points share their random draws), then the crossovers
// of every pair of alternatives refined by re-simulating only that pair.
// Model-only: cost comes from the caller (DESIGN.md), pricing/ is not used.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/analysis/Crossover.h"
#include "model/analysis/ParameterPath.h"
#include "model/domain/Scenario.h"
#include "model/sim/Result.h"

namespace breakeven::analysis {

struct SweepRange {
    double from = 0.0;
    double to = 0.0;
    int points = 2;  // ≥ 2, both ends included
    SweepScale scale = SweepScale::Linear;
};

// from, from + step, …, to (log: equal ratios). Throws std::invalid_argument
// for fewer than 2 points, non-finite ends, from == to, or a log range with an
// end ≤ 0.
std::vector<double> sweepValues(const SweepRange& range);

// A top-level alternative. Today each deployment is one; hybrid and split
// composites will list several member deployments, whose costs add up and
// whose latencies merge.
struct Alternative {
    std::string name;
    std::vector<std::size_t> deployments;
    bool dedicated = false;  // a single dedicated deployment
};
std::vector<Alternative> alternativesOf(const Scenario& scenario);

// $/month of one deployment's result at one point; nullopt = not priced.
// Called from worker threads, concurrently: must be thread-safe.
using CostFunction = std::function<std::optional<double>(const Scenario&, std::size_t deploymentIndex,
                                                         const DeploymentResult&)>;

struct AlternativeOutcome {
    std::string name;
    // Sum over members; nullopt if any is unpriced, or when the alternative
    // served no request at all (it is no option at that point).
    std::optional<double> costUsdPerMonth;
    std::optional<double> p99Seconds;       // served requests; nullopt when none was served
    double coldStartFraction = 0.0;         // cold requests / requests
    double rejectFraction = 0.0;            // rejected / requests
    double meanBusyInstances = 0.0;         // mean instances with ≥ 1 request in flight
    // Dedicated only: busy slots / slots = Σ request execution seconds
    // (ledger.requestSecondsRaw) / (nodes × slots per node × simulated
    // seconds, i.e. ledger.nodeSeconds × slots per node); slots per node are
    // concurrencyPerInstance, or maxNumSeqs for an LLM engine.
    std::optional<double> dedicatedUtilization;
    // Meets the scenario's SLOs and the platforms' limits at this point,
    // judged as the results table and the optimiser judge (assessResult):
    // a fixed fleet that looks cheap while it rejects is marked on the curves.
    bool meetsSlos = true;
    // The members' usage ledgers, member order: what the cost was priced
    // from (shard parts carry them, docs/scale-out.md).
    std::vector<UsageLedger> ledgers;
};

struct SweepPoint {
    std::size_t index = 0;  // in the value grid
    double value = 0.0;
    double ratePerSecond = 0.0;  // arrivals / window seconds
    std::uint64_t arrivals = 0;
    double windowSeconds = 0.0;
    std::vector<AlternativeOutcome> alternatives;  // scenario order
};

struct SweepOptions {
    int threads = 0;  // 0 = hardware concurrency
    double tolerance = 0.01;
    bool refine = true;  // false: crossovers are interpolated only
    // Each finished point, from worker threads in no particular order; calls
    // are serialised (never concurrent), so the callback needs no lock of its
    // own but should return quickly.
    std::function<void(const SweepPoint&)> onPoint;
    // Set to stop: the point phase throws SimulationCancelled; during
    // refinement the remaining crossovers come back interpolated.
    const std::atomic<bool>* cancel = nullptr;
};

struct SweepCrossover {
    std::size_t a = 0, b = 0;  // alternative indices, a < b
    std::string aName, bName;
    Crossover crossover;
};

struct SweepResult {
    std::string parameter;
    SweepRange range;
    std::vector<Alternative> alternatives;
    std::vector<SweepPoint> points;  // grid order
    std::vector<SweepCrossover> crossovers;
    std::size_t simulations = 0;  // deployment runs, points and refinement
};

SweepResult runSweep(const ParameterPath& parameter, const SweepRange& range, const CostFunction& cost,
                     const SweepOptions& options = {});

// The same sweep as a list of independent work items, one per point (item id
// = index in the value grid), so points can run anywhere (threads, shards,
// MPI ranks) and come back together: runSweep() is planSweep(), then
// runSweepPoints() on every id, then finishSweep().
struct SweepPlan {
    std::string parameter;
    SweepRange range;
    std::vector<double> values;
    std::vector<Scenario> scenarios;  // one per point, built and validated up front
    std::vector<Alternative> alternatives;
};
SweepPlan planSweep(const ParameterPath& parameter, const SweepRange& range);
// The points `ids` (ascending, each < values.size()), returned in that order.
std::vector<SweepPoint> runSweepPoints(const SweepPlan& plan, const std::vector<std::size_t>& ids,
                                       const CostFunction& cost, const SweepOptions& options = {});
// Every point (grid order, index i at position i: std::invalid_argument
// otherwise), then the crossovers refined by re-simulation.
SweepResult finishSweep(const ParameterPath& parameter, const SweepPlan& plan, std::vector<SweepPoint> points,
                        const CostFunction& cost, const SweepOptions& options = {});

}  // namespace breakeven::analysis
