#include "model/analysis/Uncertainty.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <stdexcept>

#include <fmt/format.h>

#include "model/analysis/Parallel.h"
#include "model/core/Rng.h"
#include "model/io/ScenarioJson.h"
#include "model/sim/Simulator.h"

namespace breakeven::analysis {

namespace {

using nlohmann::json;

double fraction(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

// LLM figures of a result: its own, or (composites) its members' merged.
void collectLlm(const DeploymentResult& r, LatencyHistogram& ttft, LatencyHistogram& tpot, std::uint64_t& good,
                bool& any) {
    if (r.llm) {
        ttft.merge(r.llm->ttft);
        tpot.merge(r.llm->tpot);
        good += r.llm->good;
        any = true;
        return;
    }
    for (const auto& m : r.members) collectLlm(m, ttft, tpot, good, any);
}

double quantileAt(const std::vector<double>& sorted, double p) {
    const double rank = p * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(rank));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (rank - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

std::vector<double> logGrid(const UncertaintyOptions& o) {
    if (o.gridPoints == 0) return {};
    if (o.gridPoints < 2) throw std::invalid_argument(fmt::format("grid points must be 0 or ≥ 2, got {}", o.gridPoints));
    if (!(o.gridFrom > 0.0) || !(o.gridTo > o.gridFrom) || !std::isfinite(o.gridTo))
        throw std::invalid_argument(
            fmt::format("the traffic grid needs 0 < from < to, got {} and {}", o.gridFrom, o.gridTo));
    return sweepValues({o.gridFrom, o.gridTo, o.gridPoints, SweepScale::Log});
}

PairSample pairSample(double value, const RunOutcome& a, const RunOutcome& b) {
    PairSample s;
    s.value = value;
    s.a = {a.costUsdPerMonth, a.p99Seconds, std::nullopt};
    s.b = {b.costUsdPerMonth, b.p99Seconds, std::nullopt};
    return s;
}

}  // namespace

bool meetsSlos(const SloSpec& slos, const RunOutcome& o) {
    auto within = [](const std::optional<double>& bound, const std::optional<double>& v) {
        return !bound || (v && *v <= *bound);
    };
    if (!within(slos.p99Seconds, o.p99Seconds)) return false;
    if (!within(slos.maxColdStartFraction, o.coldStartFraction)) return false;
    if (!within(slos.maxRejectFraction, o.rejectFraction)) return false;
    const bool llm = o.ttftP99Seconds || o.tpotP99Seconds || o.goodputFraction;
    if (!llm) return true;
    if (!within(slos.ttftP99Seconds, o.ttftP99Seconds) || !within(slos.tpotP99Seconds, o.tpotP99Seconds))
        return false;
    return !slos.minGoodput || (o.goodputFraction && *o.goodputFraction >= *slos.minGoodput);
}

std::optional<std::size_t> winnerOf(const std::vector<RunOutcome>& alternatives, const SloSpec& slos) {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
        const RunOutcome& o = alternatives[i];
        if (!o.costUsdPerMonth || !meetsSlos(slos, o)) continue;
        if (!best || *o.costUsdPerMonth < *alternatives[*best].costUsdPerMonth) best = i;
    }
    return best;
}

RunOutcome foldAlternative(const Scenario& s, const Alternative& alt, const std::vector<DeploymentResult>& results,
                           const CostFunction& cost) {
    RunOutcome out;
    out.costUsdPerMonth = 0.0;
    LatencyHistogram latency, ttft, tpot;
    std::uint64_t requests = 0, cold = 0, rejected = 0, good = 0;
    bool llm = false;
    for (std::size_t k = 0; k < alt.deployments.size(); ++k) {
        const DeploymentResult& r = results.at(k);
        const auto c = cost(s, alt.deployments[k], r);
        out.costUsdPerMonth = c && out.costUsdPerMonth ? std::optional(*out.costUsdPerMonth + *c) : std::nullopt;
        latency.merge(r.latency);
        requests += r.requests;
        cold += r.coldRequests;
        rejected += r.rejected;
        collectLlm(r, ttft, tpot, good, llm);
        out.ledgers.push_back(r.ledger);
    }
    if (latency.count() > 0) out.p99Seconds = latency.quantileSeconds(0.99);
    if (llm && ttft.count() > 0) out.ttftP99Seconds = ttft.quantileSeconds(0.99);
    if (llm && tpot.count() > 0) out.tpotP99Seconds = tpot.quantileSeconds(0.99);
    if (llm) out.goodputFraction = fraction(good, requests);
    out.coldStartFraction = fraction(cold, requests);
    out.rejectFraction = fraction(rejected, requests);
    return out;
}

std::vector<DeploymentResult> simulateAlternative(const Scenario& s, const Alternative& alt,
                                                  const std::atomic<bool>* cancel) {
    SimulationOptions options;
    options.threads = 1;
    options.cancel = cancel;
    std::vector<DeploymentResult> results;
    for (std::size_t d : alt.deployments) {
        if (cancel != nullptr && cancel->load()) throw SimulationCancelled();
        results.push_back(simulateDeployment(s, d, options));
    }
    return results;
}

RunOutcome evaluateAlternative(const Scenario& s, const Alternative& alt, const CostFunction& cost,
                               const std::atomic<bool>* cancel) {
    return foldAlternative(s, alt, simulateAlternative(s, alt, cancel), cost);
}

std::optional<Band> bandOf(std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    Band band;
    band.count = values.size();
    double sum = 0.0;
    for (double v : values) sum += v;  // in the caller's (run index) order
    band.mean = sum / static_cast<double>(values.size());
    std::sort(values.begin(), values.end());
    band.p5 = quantileAt(values, 0.05);
    band.median = quantileAt(values, 0.5);
    band.p95 = quantileAt(values, 0.95);
    return band;
}

UncertaintyModel::UncertaintyModel(const Scenario& base, const std::string& source, PrepareScenario prepare,
                                   UncertaintyOptions options)
    : options_(std::move(options)), baseSeed_(base.seed), slos_(base.slos) {
    if (options_.runs == 0) throw std::invalid_argument("runs must be ≥ 1");
    if (options_.refineProbes < 0) throw std::invalid_argument("refinement probes must be ≥ 0");
    grid_ = logGrid(options_);
    for (const VariedInput& v : options_.vary) {
        if (!std::isfinite(v.low) || !std::isfinite(v.high) || v.low > v.high)
            throw ParameterError(v.path, fmt::format("range {}:{} must be finite with LOW ≤ HIGH", v.low, v.high));
        auto path = std::make_unique<ParameterPath>(base, v.path, source, prepare);
        // Both ends through the strict reader now, not in run 37 after minutes.
        for (double end : {v.low, v.high}) {
            const double value = path->isInteger() ? std::round(end) : end;
            try {
                (void)path->apply(value);
            } catch (const ScenarioError& e) {
                throw ParameterError(v.path, fmt::format("{} is not a valid value: {}", value, e.what()));
            }
        }
        paths_.push_back(std::move(path));
    }
    rateScale_ = std::make_unique<ParameterPath>(base, std::string(kRateScalePath), source, prepare);
    alternatives_ = alternativesOf(base);
}

std::uint64_t UncertaintyModel::seedOf(std::size_t index) const {
    return Rng::stream(baseSeed_, "uncertainty-seed").split(index).nextU64();
}

std::vector<double> UncertaintyModel::inputsOf(std::size_t index) const {
    Rng rng = Rng::stream(baseSeed_, "uncertainty-inputs").split(index);
    std::vector<double> values;
    for (std::size_t i = 0; i < paths_.size(); ++i) {
        const VariedInput& v = options_.vary[i];
        const double u = rng.uniform01();  // drawn for every input, so adding one never shifts the others' order
        if (paths_[i]->isInteger()) {
            const double lo = std::ceil(v.low - 1e-9), hi = std::floor(v.high + 1e-9);
            values.push_back(std::min(hi, lo + std::floor(u * (hi - lo + 1.0))));
        } else {
            values.push_back(v.low + u * (v.high - v.low));
        }
    }
    return values;
}

// The run's scenario JSON: varied inputs and seed set. Without the rate
// scale when a grid value is about to replace it (generator scales multiply).
json UncertaintyModel::scenarioJson(std::size_t index, bool withRateScale) const {
    json j = rateScale_->canonical();
    const std::vector<double> values = inputsOf(index);
    for (std::size_t i = 0; i < paths_.size(); ++i) {
        if (!withRateScale && paths_[i]->path() == kRateScalePath) continue;
        paths_[i]->write(j, values[i]);
    }
    j["seed"] = seedOf(index);
    return j;
}

PairCrossings UncertaintyModel::crossPair(const json& base, const std::vector<std::vector<RunOutcome>>& grid,
                                          std::size_t a, std::size_t b, const CostFunction& cost,
                                          std::size_t& simulations) const {
    PairCrossings out{a, b, {}};
    std::vector<std::optional<double>> differences;
    for (std::size_t g = 0; g < grid_.size(); ++g)
        differences.push_back(pairSample(grid_[g], grid[g][a], grid[g][b]).difference());
    RefineOptions refine;
    refine.scale = SweepScale::Log;
    refine.tolerance = options_.tolerance;
    refine.maxProbes = options_.refineProbes;
    refine.cancel = options_.cancel;
    const PairProbe probe = [&](double v) {
        json j = base;
        rateScale_->write(j, v);
        const Scenario s = rateScale_->read(j);
        simulations += alternatives_[a].deployments.size() + alternatives_[b].deployments.size();
        return pairSample(v, evaluateAlternative(s, alternatives_[a], cost, options_.cancel),
                          evaluateAlternative(s, alternatives_[b], cost, options_.cancel));
    };
    for (const Bracket& br : findBrackets(differences)) {
        const PairSample lo = pairSample(grid_[br.lo], grid[br.lo][a], grid[br.lo][b]);
        const PairSample hi = pairSample(grid_[br.hi], grid[br.hi][a], grid[br.hi][b]);
        const Crossover c = options_.refineProbes > 0 ? refineCrossover(lo, hi, probe, refine)
                                                      : interpolateCrossover(lo, hi, SweepScale::Log);
        out.values.push_back(c.at.value);
    }
    return out;
}

UncertaintyRun UncertaintyModel::run(std::size_t index, const CostFunction& cost) const {
    UncertaintyRun r;
    r.index = index;
    r.seed = seedOf(index);
    r.inputs = inputsOf(index);
    const Scenario at = rateScale_->read(scenarioJson(index, true));
    for (const Alternative& alt : alternatives_) {
        r.alternatives.push_back(evaluateAlternative(at, alt, cost, options_.cancel));
        r.simulations += alt.deployments.size();
    }
    r.winner = winnerOf(r.alternatives, slos_);
    if (grid_.empty()) return r;
    const json base = scenarioJson(index, false);
    std::vector<std::vector<RunOutcome>> grid;
    for (double value : grid_) {
        json j = base;
        rateScale_->write(j, value);
        const Scenario s = rateScale_->read(j);
        auto& outcomes = grid.emplace_back();
        for (const Alternative& alt : alternatives_) {
            outcomes.push_back(evaluateAlternative(s, alt, cost, options_.cancel));
            r.simulations += alt.deployments.size();
        }
    }
    for (std::size_t a = 0; a < alternatives_.size(); ++a)
        for (std::size_t b = a + 1; b < alternatives_.size(); ++b)
            r.crossings.push_back(crossPair(base, grid, a, b, cost, r.simulations));
    return r;
}

namespace {

AlternativeBands alternativeBands(const std::string& name, std::size_t alt, const std::vector<UncertaintyRun>& runs) {
    std::vector<double> cost, p99, ttft;
    std::size_t wins = 0;
    for (const auto& r : runs) {
        const RunOutcome& o = r.alternatives[alt];
        if (o.costUsdPerMonth) cost.push_back(*o.costUsdPerMonth);
        if (o.p99Seconds) p99.push_back(*o.p99Seconds);
        if (o.ttftP99Seconds) ttft.push_back(*o.ttftP99Seconds);
        if (r.winner == alt) ++wins;
    }
    AlternativeBands out;
    out.name = name;
    out.costUsdPerMonth = bandOf(std::move(cost));
    out.p99Seconds = bandOf(std::move(p99));
    out.ttftP99Seconds = bandOf(std::move(ttft));
    out.winFraction = runs.empty() ? 0.0 : static_cast<double>(wins) / static_cast<double>(runs.size());
    return out;
}

}  // namespace

UncertaintyResult aggregateUncertainty(const UncertaintyModel& model, const std::vector<UncertaintyRun>& runs) {
    UncertaintyResult result;
    result.alternatives = model.alternatives();
    result.inputs = model.options().vary;
    result.grid = model.grid();
    result.runs = runs.size();
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (runs[i].index != i) throw std::invalid_argument(fmt::format("run {} is missing or out of order", i));
        result.simulations += runs[i].simulations;
        if (!runs[i].winner) ++result.runsWithoutWinner;
    }
    for (std::size_t a = 0; a < result.alternatives.size(); ++a)
        result.bands.push_back(alternativeBands(result.alternatives[a].name, a, runs));
    if (runs.empty()) return result;
    for (std::size_t k = 0; k < runs.front().crossings.size(); ++k) {
        CrossoverBand band;
        band.a = runs.front().crossings[k].a;
        band.b = runs.front().crossings[k].b;
        band.aName = result.alternatives[band.a].name;
        band.bName = result.alternatives[band.b].name;
        std::vector<double> first;
        for (const auto& r : runs)
            if (!r.crossings[k].values.empty()) first.push_back(r.crossings[k].values.front());
        band.runsWithCrossover = first.size();
        band.rateScale = bandOf(std::move(first));
        if (band.runsWithCrossover > 0) result.crossoverBands.push_back(std::move(band));
    }
    return result;
}

UncertaintyResult runUncertainty(const UncertaintyModel& model, const CostFunction& cost) {
    const UncertaintyOptions& o = model.options();
    std::vector<UncertaintyRun> runs(o.runs);
    std::mutex mutex;
    parallelFor(o.runs, o.threads, [&](std::size_t i) {
        runs[i] = model.run(i, cost);
        if (!o.onRun) return;
        std::lock_guard lock(mutex);
        o.onRun(i);
    });
    return aggregateUncertainty(model, runs);
}

}  // namespace breakeven::analysis
