#include "model/analysis/Sweep.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <mutex>
#include <stdexcept>

#include <fmt/format.h>

#include "model/analysis/Optimizer.h"
#include "model/analysis/Parallel.h"
#include "model/sim/Simulator.h"

namespace breakeven::analysis {

namespace {

double fraction(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> dedicatedUtilization(const DeploymentSpec& spec, const DeploymentResult& r) {
    if (spec.kind != DeploymentKind::Dedicated) return std::nullopt;
    const double slotsPerNode = spec.llm ? spec.llm->maxNumSeqs : spec.concurrencyPerInstance;
    const double slotSeconds = r.ledger.nodeSeconds * slotsPerNode;
    if (!(slotSeconds > 0.0)) return std::nullopt;
    return r.ledger.requestSecondsRaw / slotSeconds;
}

// Simulates an alternative's members and folds them into one outcome.
AlternativeOutcome evaluate(const Scenario& s, const Alternative& alt, const CostFunction& cost,
                            const std::atomic<bool>* cancel, std::vector<DeploymentResult>& results) {
    SimulationOptions options;
    options.threads = 1;
    options.cancel = cancel;
    AlternativeOutcome out;
    out.name = alt.name;
    out.costUsdPerMonth = 0.0;
    LatencyHistogram latency;
    std::uint64_t requests = 0, cold = 0, rejected = 0;
    for (std::size_t d : alt.deployments) {
        if (cancel != nullptr && cancel->load()) throw SimulationCancelled();
        DeploymentResult r = simulateDeployment(s, d, options);
        const auto c = cost(s, d, r);
        out.costUsdPerMonth = c && out.costUsdPerMonth ? std::optional(*out.costUsdPerMonth + *c) : std::nullopt;
        latency.merge(r.latency);
        requests += r.requests;
        cold += r.coldRequests;
        rejected += r.rejected;
        out.meanBusyInstances += r.meanBusy;
        if (alt.dedicated) out.dedicatedUtilization = dedicatedUtilization(s.deployments[d], r);
        out.meetsSlos = out.meetsSlos && assessResult(s.slos, r, c).meetsSlo();
        out.ledgers.push_back(r.ledger);
        results.push_back(std::move(r));
    }
    if (latency.count() > 0) out.p99Seconds = latency.quantileSeconds(0.99);
    // An alternative that served nothing (Lambda asked to run a GPU model)
    // costs $0 but is no option: no cost point, so it never "crosses" another.
    if (requests > 0 && latency.count() == 0) out.costUsdPerMonth = std::nullopt;
    out.coldStartFraction = fraction(cold, requests);
    out.rejectFraction = fraction(rejected, requests);
    return out;
}

SideSample side(const AlternativeOutcome& o) { return {o.costUsdPerMonth, o.p99Seconds, o.dedicatedUtilization}; }

// Every member sees the whole workload, so any result gives the traffic.
void setTraffic(const std::vector<DeploymentResult>& results, double& rate, std::uint64_t& arrivals,
                double& window) {
    if (results.empty()) return;
    arrivals = results.front().requests;
    window = results.front().windowSeconds;
    rate = window > 0.0 ? static_cast<double>(arrivals) / window : 0.0;
}

struct PointRunner {
    const SweepPlan& plan;
    const std::vector<std::size_t>& ids;
    const CostFunction& cost;
    const SweepOptions& options;
    std::vector<SweepPoint> points;      // one per id, in ids order
    std::vector<std::size_t> remaining;  // alternatives still running, per point
    std::mutex mutex;

    void run() {
        const std::size_t n = ids.size(), m = plan.alternatives.size();
        points.resize(n);
        remaining.assign(n, m);
        for (std::size_t i = 0; i < n; ++i) {
            if (ids[i] >= plan.values.size() || (i > 0 && ids[i] <= ids[i - 1]))
                throw std::invalid_argument(fmt::format("sweep point ids must ascend below {}", plan.values.size()));
            points[i].index = ids[i];
            points[i].value = plan.values[ids[i]];
            points[i].alternatives.resize(m);
        }
        // Costly points are usually at the high end of the range (more
        // traffic, more instances): starting there keeps every thread busy
        // until the end instead of leaving one long run for last.
        parallelFor(n * m, options.threads, [&](std::size_t task) {
            const std::size_t point = n - 1 - task / m, alt = task % m;
            runTask(point, alt);
        });
    }

    void runTask(std::size_t point, std::size_t alt) {
        std::vector<DeploymentResult> results;
        AlternativeOutcome outcome =
            evaluate(plan.scenarios[points[point].index], plan.alternatives[alt], cost, options.cancel, results);
        std::lock_guard lock(mutex);
        SweepPoint& p = points[point];
        p.alternatives[alt] = std::move(outcome);
        setTraffic(results, p.ratePerSecond, p.arrivals, p.windowSeconds);
        if (--remaining[point] == 0 && options.onPoint) options.onPoint(p);
    }
};

PairSample samplePair(const SweepPoint& p, std::size_t a, std::size_t b) {
    PairSample s;
    s.value = p.value;
    s.ratePerSecond = p.ratePerSecond;
    s.a = side(p.alternatives[a]);
    s.b = side(p.alternatives[b]);
    return s;
}

struct Job {
    std::size_t a, b;
    Bracket bracket;
};

std::vector<Job> findJobs(const std::vector<SweepPoint>& points, std::size_t alternatives) {
    std::vector<Job> jobs;
    for (std::size_t a = 0; a < alternatives; ++a) {
        for (std::size_t b = a + 1; b < alternatives; ++b) {
            std::vector<std::optional<double>> differences;
            for (const auto& p : points) differences.push_back(samplePair(p, a, b).difference());
            for (const Bracket& br : findBrackets(differences)) jobs.push_back({a, b, br});
        }
    }
    return jobs;
}

}  // namespace

namespace {

struct Refiner {
    const ParameterPath& parameter;
    const std::vector<Alternative>& alternatives;
    const CostFunction& cost;
    const SweepOptions& options;
    int innerThreads = 1;

    // Re-simulates only the pair, both members in parallel when threads allow.
    PairSample probe(double value, std::size_t a, std::size_t b) const {
        const Scenario s = parameter.apply(value);
        std::array<AlternativeOutcome, 2> outcomes;
        std::array<std::vector<DeploymentResult>, 2> results;
        const std::array<std::size_t, 2> which{a, b};
        parallelFor(2, innerThreads, [&](std::size_t k) {
            outcomes[k] = evaluate(s, alternatives[which[k]], cost, options.cancel, results[k]);
        });
        PairSample sample;
        sample.value = value;
        std::uint64_t arrivals = 0;
        double window = 0.0;
        setTraffic(results[0], sample.ratePerSecond, arrivals, window);
        sample.a = side(outcomes[0]);
        sample.b = side(outcomes[1]);
        return sample;
    }
};

}  // namespace

std::vector<double> sweepValues(const SweepRange& range) {
    if (range.points < 2) throw std::invalid_argument(fmt::format("points must be ≥ 2, got {}", range.points));
    if (!std::isfinite(range.from) || !std::isfinite(range.to))
        throw std::invalid_argument("from and to must be finite numbers");
    if (range.from == range.to) throw std::invalid_argument("from and to must differ");
    const bool log = range.scale == SweepScale::Log;
    if (log && !(range.from > 0.0 && range.to > 0.0))
        throw std::invalid_argument(fmt::format("a log sweep needs from and to > 0, got {} and {}", range.from, range.to));
    std::vector<double> values;
    const auto last = static_cast<double>(range.points - 1);
    for (int i = 0; i < range.points; ++i) {
        const double t = static_cast<double>(i) / last;
        values.push_back(log ? range.from * std::pow(range.to / range.from, t) : range.from + t * (range.to - range.from));
    }
    values.back() = range.to;  // exact end, whatever the rounding
    return values;
}

std::vector<Alternative> alternativesOf(const Scenario& scenario) {
    std::vector<Alternative> out;
    for (std::size_t i = 0; i < scenario.deployments.size(); ++i) {
        const DeploymentSpec& d = scenario.deployments[i];
        out.push_back({d.name, {i}, d.kind == DeploymentKind::Dedicated});
    }
    return out;
}

SweepPlan planSweep(const ParameterPath& parameter, const SweepRange& range) {
    SweepPlan plan;
    plan.parameter = parameter.path();
    plan.range = range;
    plan.values = sweepValues(range);
    // Every point is built (and validated) before anything runs, so a bad
    // value fails at once rather than after minutes of simulation.
    for (double v : plan.values) plan.scenarios.push_back(parameter.apply(v));
    plan.alternatives = alternativesOf(plan.scenarios.front());
    return plan;
}

std::vector<SweepPoint> runSweepPoints(const SweepPlan& plan, const std::vector<std::size_t>& ids,
                                       const CostFunction& cost, const SweepOptions& options) {
    PointRunner runner{plan, ids, cost, options, {}, {}, {}};
    runner.run();
    return std::move(runner.points);
}

SweepResult finishSweep(const ParameterPath& parameter, const SweepPlan& plan, std::vector<SweepPoint> points,
                        const CostFunction& cost, const SweepOptions& options) {
    if (points.size() != plan.values.size())
        throw std::invalid_argument(fmt::format("{} of {} sweep points", points.size(), plan.values.size()));
    for (std::size_t i = 0; i < points.size(); ++i)
        if (points[i].index != i) throw std::invalid_argument(fmt::format("sweep point {} is missing", i));
    SweepResult result;
    result.parameter = plan.parameter;
    result.range = plan.range;
    result.alternatives = plan.alternatives;
    result.points = std::move(points);
    std::size_t deployments = 0;
    for (const auto& alt : result.alternatives) deployments += alt.deployments.size();
    result.simulations = result.points.size() * deployments;

    const SweepRange& range = plan.range;
    const std::vector<Job> jobs = findJobs(result.points, result.alternatives.size());
    const int threads = resolveThreads(options.threads);
    Refiner refiner{parameter, result.alternatives, cost, options,
                    std::max(1, threads / std::max(1, static_cast<int>(jobs.size())))};
    RefineOptions refine;
    refine.scale = range.scale;
    refine.tolerance = options.tolerance;
    refine.integer = parameter.isInteger();
    refine.cancel = options.cancel;
    result.crossovers.resize(jobs.size());
    parallelFor(jobs.size(), threads, [&](std::size_t k) {
        const Job& job = jobs[k];
        const PairSample lo = samplePair(result.points[job.bracket.lo], job.a, job.b);
        const PairSample hi = samplePair(result.points[job.bracket.hi], job.a, job.b);
        SweepCrossover& c = result.crossovers[k];
        c.a = job.a;
        c.b = job.b;
        c.aName = result.alternatives[job.a].name;
        c.bName = result.alternatives[job.b].name;
        const PairProbe probe = [&](double v) { return refiner.probe(v, job.a, job.b); };
        c.crossover = options.refine ? refineCrossover(lo, hi, probe, refine) : interpolateCrossover(lo, hi, range.scale);
    });
    for (const auto& c : result.crossovers)
        result.simulations += static_cast<std::size_t>(c.crossover.probes) *
                              (result.alternatives[c.a].deployments.size() + result.alternatives[c.b].deployments.size());
    return result;
}

SweepResult runSweep(const ParameterPath& parameter, const SweepRange& range, const CostFunction& cost,
                     const SweepOptions& options) {
    const SweepPlan plan = planSweep(parameter, range);
    std::vector<std::size_t> ids(plan.values.size());
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = i;
    return finishSweep(parameter, plan, runSweepPoints(plan, ids, cost, options), cost, options);
}

}  // namespace breakeven::analysis
