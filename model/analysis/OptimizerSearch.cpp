// The search of one alternative (docs/analysis.md "Optimiser"): which knobs
// apply to its kind, bisection on the capacity knobs from an analytic
// start, a neighbourhood check, coordinate descent over the discrete knobs.
#include "model/analysis/OptimizerSearch.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "model/analysis/Parallel.h"
#include "model/io/ScenarioJson.h"
#include "model/sim/Feasibility.h"

namespace breakeven::analysis {

using nlohmann::json;

namespace {

// Keep-alive values tried (seconds), clipped to the platform's range.
constexpr double kKeepAliveLadder[] = {0, 5, 10, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600};
// Target utilisation of the analytic first guess: queueing makes 100 % useless.
constexpr double kTargetUtilization = 0.8;
// How many more minInstances than the smallest feasible count are tried,
// each with its own keep-alive bisection (warm capacity vs keep-alive).
constexpr int kMinInstancesNeighbourhood = 3;

std::string keyOf(const Changes& changes) {
    std::string key;
    for (const auto& c : changes) key += c.path + '=' + c.value.dump() + ';';
    return key;
}

Changes with(Changes base, const std::string& path, json value) {
    base.push_back({path, std::move(value)});
    return base;
}

Candidate pickBest(const std::vector<Candidate>& list) {
    Candidate best = list.front();
    for (const auto& c : list)
        if (better(c, best)) best = c;
    return best;
}

}  // namespace

std::optional<int> smallestMeeting(int lo, int hi, int guess, int firstStep, const std::function<bool(int)>& meets) {
    if (hi < lo) return std::nullopt;
    guess = std::clamp(guess, lo, hi);
    int bad = lo - 1, good = guess;
    if (!meets(guess)) {
        bad = guess;
        for (int v = guess;;) {
            if (v >= hi) return std::nullopt;
            v = std::min(hi, firstStep > v ? firstStep : std::max(v + 1, 2 * v));
            if (meets(v)) {
                good = v;
                break;
            }
            bad = v;
        }
    }
    while (good - bad > 1) {
        const int mid = bad + (good - bad) / 2;
        if (meets(mid)) good = mid;
        else bad = mid;
    }
    return good;
}

AlternativeSearch::AlternativeSearch(const Scenario& scenario, std::size_t index, const ScenarioEditor& editor,
                                     const CostFunction& cost, const OptimizerOptions& options, int threads)
    : scenario_(scenario), index_(index), editor_(editor), cost_(cost), options_(options), threads_(threads),
      prefix_(fmt::format("deployments[{}]", index)) {
    planKnobs();
}

void AlternativeSearch::planKnobs() {
    const DeploymentSpec& d = scenario_.deployments[index_];
    if (d.composite == Composite::Split) {
        notes_.emplace_back("split alternatives are simulated as written (their routes are not searched)");
        return;
    }
    if (d.composite == Composite::Hybrid) {
        if (!d.members.empty() && d.members.front().kind == DeploymentKind::Dedicated) {
            capacity_ = CapacityKind::HybridBaseline;
            capacityPath_ = prefix_ + ".baseline.nodes";
            capacityMax_ = std::min(options_.maxNodes, DeploymentSpec::kMaxInstances);
        }
        notes_.emplace_back("hybrid: the baseline node count is searched; the burst member is kept as written");
        return;
    }
    if (d.kind == DeploymentKind::Dedicated) {
        capacity_ = CapacityKind::Nodes;
        capacityPath_ = prefix_ + ".nodes";
        capacityMax_ = std::min(options_.maxNodes, DeploymentSpec::kMaxInstances);
    } else {
        capacity_ = CapacityKind::MinInstances;
        capacityPath_ = prefix_ + ".minInstances";
        capacityMax_ = std::min(options_.maxNodes, d.maxInstances);
        const PlatformLimits* limits = findPlatformLimits(d.platform);
        if (limits == nullptr || limits->keepAliveConfigurable) {
            const double lo = limits != nullptr ? limits->keepAliveSecondsMin : 0.0;
            const double hi = limits != nullptr && limits->keepAliveSecondsMax > 0 ? limits->keepAliveSecondsMax
                                                                                   : std::max(3600.0, d.keepAliveSeconds);
            std::set<double> ladder{lo, hi};
            for (double v : kKeepAliveLadder)
                if (v >= lo && v <= hi) ladder.insert(v);
            if (d.keepAliveSeconds >= lo && d.keepAliveSeconds <= hi) ladder.insert(d.keepAliveSeconds);
            keepAliveLadder_.assign(ladder.begin(), ladder.end());
            keepAlivePath_ = prefix_ + ".keepAliveSeconds";
        } else {
            notes_.push_back(fmt::format("{} does not let you set the keep-alive: only minInstances is searched",
                                         limits->displayName));
        }
    }
    if (d.llm) planLlmKnobs(d);
    else notes_.emplace_back("memoryMb and concurrencyPerInstance are kept as written: the per-request service "
                             "time does not depend on them in the model, so changing them would only move the price");
}

void AlternativeSearch::planLlmKnobs(const DeploymentSpec& d) {
    const LlmServiceSpec& llm = *d.llm;
    const bool serverless = d.kind == DeploymentKind::Function;
    if (serverless && d.gpu && !llm.gpuSpecGiven && options_.gpuCandidates) {
        ChoiceKnob knob{prefix_ + ".gpu", {}, 0};
        std::set<std::string> ids;
        for (const auto& id : options_.gpuCandidates(d)) ids.insert(id);
        ids.insert(*d.gpu);
        for (const auto& id : ids) {
            if (id == *d.gpu) knob.current = knob.options.size();
            knob.options.push_back({{knob.path, id}});
        }
        if (knob.options.size() > 1) choices_.push_back(std::move(knob));
    }
    const PlatformLimits* limits = findPlatformLimits(d.platform);
    const int maxGpus = limits != nullptr && limits->gpuOffered ? limits->gpuPerInstanceMax : 8;
    if (serverless && d.gpu && d.gpuCount == llm.tp) {
        ChoiceKnob knob{prefix_ + ".service.tp", {}, 0};
        for (int tp : {1, 2, 4, 8}) {
            if (tp > maxGpus && tp != llm.tp) continue;
            if (tp == llm.tp) knob.current = knob.options.size();
            knob.options.push_back({{knob.path, tp}, {prefix_ + ".gpuCount", tp}});
        }
        if (knob.options.size() > 1) choices_.push_back(std::move(knob));
    } else if (!serverless) {
        notes_.emplace_back("dedicated: GPU type and tp follow the instance type, kept as written");
    }
    ChoiceKnob seqs{prefix_ + ".service.maxNumSeqs", {}, 0};
    std::set<int> values{std::max(1, llm.maxNumSeqs / 4), std::max(1, llm.maxNumSeqs / 2), llm.maxNumSeqs,
                         std::min(DeploymentSpec::kMaxConcurrency, llm.maxNumSeqs * 2)};
    for (int v : values) {
        if (v == llm.maxNumSeqs) seqs.current = seqs.options.size();
        seqs.options.push_back({{seqs.path, v}});
    }
    if (seqs.options.size() > 1) choices_.push_back(std::move(seqs));
}

Candidate AlternativeSearch::evaluate(Changes changes) {
    // Keys at their written value are dropped: the same configuration always
    // has the same key, and the report lists real changes only.
    std::erase_if(changes, [&](const ConfigChange& c) { return editor_.valueAt(c.path) == c.value; });
    std::stable_sort(changes.begin(), changes.end(),
                     [](const ConfigChange& a, const ConfigChange& b) { return a.path < b.path; });
    const std::string key = keyOf(changes);
    {
        std::lock_guard lock(mutex_);
        if (const auto it = cache_.find(key); it != cache_.end()) return it->second;
    }
    Candidate c;
    c.alternative = index_;
    c.changes = changes;
    try {
        const Scenario s = editor_.apply(changes);
        c.outcome = evaluateDeployment(s, index_, options_.slos, cost_, options_.cancel);
    } catch (const ScenarioError& e) {
        // A value the reader refuses is no configuration: never simulated.
        c.outcome.misses.emplace_back(e.reason());
        c.outcome.violation = 1e12;
        return c;
    }
    std::lock_guard lock(mutex_);
    return cache_.emplace(key, std::move(c)).first->second;
}

std::vector<Candidate> AlternativeSearch::evaluateAll(const std::vector<Changes>& configs, int threads) {
    std::vector<Candidate> out(configs.size());
    parallelFor(configs.size(), threads, [&](std::size_t i) { out[i] = evaluate(configs[i]); });
    return out;
}

int AlternativeSearch::estimateInstances(int slots) const {
    const double load = asWritten_.offeredLoad / std::max(1, slots) / kTargetUtilization;
    if (!(load > 0.0) || !std::isfinite(load)) return 1;
    return static_cast<int>(std::clamp(std::ceil(load), 1.0, static_cast<double>(capacityMax_)));
}

Candidate AlternativeSearch::nodesPhase(const Changes& fixed, int threads) {
    const DeploymentSpec& d = scenario_.deployments[index_];
    const int slots = d.llm ? d.llm->maxNumSeqs : d.concurrencyPerInstance;
    const int est = estimateInstances(slots);
    std::vector<Candidate> seen;
    auto meets = [&](int n) {
        seen.push_back(evaluate(with(fixed, capacityPath_, n)));
        return seen.back().outcome.eligible();
    };
    const auto n = smallestMeeting(1, capacityMax_, est, est, meets);
    if (n) {
        // Neighbourhood: costs step with nodes, but a noisy p99 can make the
        // bisection's answer one off.
        std::vector<Changes> around;
        for (int v : {*n - 1, *n + 1})
            if (v >= 1 && v <= capacityMax_) around.push_back(with(fixed, capacityPath_, v));
        for (auto& c : evaluateAll(around, threads)) seen.push_back(std::move(c));
    }
    return pickBest(seen);
}

Candidate AlternativeSearch::keepAliveBisection(const Changes& fixed) {
    std::vector<Candidate> seen;
    auto meets = [&](int i) {
        seen.push_back(evaluate(with(fixed, keepAlivePath_, keepAliveLadder_[static_cast<std::size_t>(i)])));
        return seen.back().outcome.eligible();
    };
    const int last = static_cast<int>(keepAliveLadder_.size()) - 1;
    (void)smallestMeeting(0, last, last, last, meets);
    return pickBest(seen);
}

Candidate AlternativeSearch::minInstancesPhase(const Changes& fixed, int threads) {
    const DeploymentSpec& d = scenario_.deployments[index_];
    const int slots = d.llm ? d.llm->maxNumSeqs : d.concurrencyPerInstance;
    const Changes longest = keepAliveLadder_.empty() ? fixed : with(fixed, keepAlivePath_, keepAliveLadder_.back());
    std::vector<Candidate> seen;
    auto meets = [&](int m) {
        seen.push_back(evaluate(with(longest, capacityPath_, m)));
        return seen.back().outcome.eligible();
    };
    // Warm instances cost money whatever the traffic: try none first, then
    // from the offered load's instance count.
    const auto m = smallestMeeting(0, capacityMax_, 0, estimateInstances(slots), meets);
    if (!m) return pickBest(seen);
    std::vector<int> counts;
    for (int v = *m; v <= std::min(capacityMax_, *m + kMinInstancesNeighbourhood); ++v) counts.push_back(v);
    if (keepAliveLadder_.empty()) counts.resize(std::min<std::size_t>(counts.size(), 2));
    std::vector<Candidate> found(counts.size());
    parallelFor(counts.size(), threads, [&](std::size_t k) {
        const Changes at = with(fixed, capacityPath_, counts[k]);
        found[k] = keepAliveLadder_.empty() ? evaluate(at) : keepAliveBisection(at);
    });
    for (auto& c : found) seen.push_back(std::move(c));
    return pickBest(seen);
}

Candidate AlternativeSearch::hybridPhase(const Changes& fixed, int threads) {
    const DeploymentSpec& baseline = scenario_.deployments[index_].members.front();
    const int slots = baseline.llm ? baseline.llm->maxNumSeqs : baseline.concurrencyPerInstance;
    const int top = std::min(capacityMax_, std::max(4, 2 * estimateInstances(slots)));
    // Cost is not monotone in the baseline (fewer nodes, more burst), so a
    // coarse ladder first, then every count between the best one's neighbours.
    std::vector<int> ladder;
    for (int v = 1; v <= top; v = v < 4 ? v + 1 : v + v / 2) ladder.push_back(v);
    std::vector<Changes> configs;
    for (int v : ladder) configs.push_back(with(fixed, capacityPath_, v));
    std::vector<Candidate> seen = evaluateAll(configs, threads);
    const Candidate coarse = pickBest(seen);
    const auto at = std::find_if(seen.begin(), seen.end(), [&](const Candidate& c) { return c.changes == coarse.changes; });
    const auto k = static_cast<std::size_t>(at - seen.begin());
    const int lo = k == 0 ? ladder[0] : ladder[k - 1];
    const int hi = k + 1 < ladder.size() ? ladder[k + 1] : ladder[k];
    configs.clear();
    for (int v = lo + 1; v < hi && configs.size() < 16; ++v)
        if (std::find(ladder.begin(), ladder.end(), v) == ladder.end()) configs.push_back(with(fixed, capacityPath_, v));
    for (auto& c : evaluateAll(configs, threads)) seen.push_back(std::move(c));
    return pickBest(seen);
}

Candidate AlternativeSearch::capacityPhase(const Changes& fixed, int threads) {
    switch (capacity_) {
    case CapacityKind::Nodes: return nodesPhase(fixed, threads);
    case CapacityKind::MinInstances: return minInstancesPhase(fixed, threads);
    case CapacityKind::HybridBaseline: return hybridPhase(fixed, threads);
    case CapacityKind::None: break;
    }
    return evaluate(fixed);
}

Changes AlternativeSearch::choiceChanges(const std::vector<std::size_t>& selection) const {
    Changes out;
    for (std::size_t k = 0; k < choices_.size(); ++k)
        for (const auto& c : choices_[k].options[selection[k]]) out.push_back(c);
    return out;
}

Candidate AlternativeSearch::choiceDescent(std::vector<std::size_t>& selection) {
    Candidate best = capacityPhase(choiceChanges(selection), threads_);
    for (int round = 0; round < options_.maxRounds; ++round) {
        bool changed = false;
        for (std::size_t k = 0; k < choices_.size(); ++k) {
            const std::size_t n = choices_[k].options.size();
            std::vector<Candidate> results(n);
            parallelFor(n, threads_, [&](std::size_t o) {
                std::vector<std::size_t> trial = selection;
                trial[k] = o;
                results[o] = capacityPhase(choiceChanges(trial), 1);
            });
            for (std::size_t o = 0; o < n; ++o) {
                if (o == selection[k] || !better(results[o], best)) continue;
                best = results[o];
                selection[k] = o;
                changed = true;
            }
        }
        if (!changed) break;
    }
    return best;
}

AlternativeOptimum AlternativeSearch::run() {
    AlternativeOptimum out;
    out.index = index_;
    out.name = scenario_.deployments[index_].name;
    out.asWritten = evaluate({});
    asWritten_ = out.asWritten.outcome;
    if (!asWritten_.costUsdPerMonth) {
        notes_.emplace_back("not priced as written (no price row), so not searched");
    } else if (!asWritten_.limits.empty()) {
        // Platform limits (no GPU, weights larger than memory…) are not
        // fixed by instance counts or batch sizes: nothing to search.
        notes_.emplace_back("the platform cannot run it as configured (see limits), so not searched");
    } else {
        std::vector<std::size_t> selection;
        for (const auto& k : choices_) selection.push_back(k.current);
        (void)choiceDescent(selection);
    }
    if (!capacityPath_.empty()) out.knobs.push_back(capacityPath_);
    if (!keepAliveLadder_.empty()) out.knobs.push_back(keepAlivePath_);
    for (const auto& k : choices_) out.knobs.push_back(k.path);
    // The answer is the best configuration simulated anywhere in the search.
    const std::vector<Candidate> all = candidates();
    out.best = all.empty() ? out.asWritten : pickBest(all);
    out.feasible = out.best.outcome.eligible();
    out.evaluations = all.size();
    if (!out.feasible) notes_.emplace_back("no configuration meets the SLOs; best is the closest one");
    for (const auto& n : notes_) out.note += (out.note.empty() ? "" : "; ") + n;
    return out;
}

std::vector<Candidate> AlternativeSearch::candidates() const {
    std::vector<Candidate> out;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [key, c] : cache_) out.push_back(c);
    }
    std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
        const auto& x = a.outcome.costUsdPerMonth;
        const auto& y = b.outcome.costUsdPerMonth;
        if (x.has_value() != y.has_value()) return x.has_value();
        return x && *x < *y;
    });
    return out;
}

}  // namespace breakeven::analysis
