// SLO assessment, configuration changes and the per-alternative search
// driver; the search strategies per knob are in OptimizerSearch.cpp.
#include "model/analysis/Optimizer.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <fmt/format.h>

#include "model/analysis/OptimizerSearch.h"
#include "model/analysis/ParameterPath.h"
#include "model/analysis/Parallel.h"
#include "model/io/ScenarioJson.h"
#include "model/sim/Simulator.h"

namespace breakeven::analysis {

using nlohmann::json;

namespace {

double fraction(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> p99(const LatencyHistogram& h) {
    if (h.count() == 0) return std::nullopt;
    return h.quantileSeconds(0.99);
}

std::string percent(double f) { return fmt::format("{:.3g} %", 100.0 * f); }
std::string secs(double s) { return fmt::format("{:.3g} s", s); }

// An upper bound: latency in seconds (relative excess) or a fraction
// (excess over the bound, at least one percentage point of scale).
void atMost(SloOutcome& o, const char* what, const std::optional<double>& bound, const std::optional<double>& value,
            bool seconds) {
    if (!bound || !value || *value <= *bound) return;
    o.misses.push_back(seconds ? fmt::format("{} {} > {}", what, secs(*value), secs(*bound))
                               : fmt::format("{} {} > {}", what, percent(*value), percent(*bound)));
    o.violation += seconds ? *value / *bound - 1.0 : (*value - *bound) / std::max(*bound, 0.01);
}

void collectLimits(const DeploymentResult& r, std::vector<FeasibilityFinding>& out) {
    for (const auto& f : r.feasibility) {
        if (f.severity != "limit") continue;
        const bool seen = std::any_of(out.begin(), out.end(), [&](const FeasibilityFinding& g) {
            return g.code == f.code && g.message == f.message;
        });
        if (!seen) out.push_back(f);
    }
    for (const auto& m : r.members) collectLimits(m, out);
}

// Summed over a composite's members (a composite keeps no ledger of its own).
void ledgerTotals(const DeploymentResult& r, double& requestSeconds, std::uint64_t& invocations,
                  std::uint64_t& tokens) {
    requestSeconds += r.ledger.requestSecondsRaw;
    invocations += r.ledger.invocations;
    tokens += r.ledger.inputTokens + r.ledger.outputTokens;
    for (const auto& m : r.members) ledgerTotals(m, requestSeconds, invocations, tokens);
}

void setMetrics(SloOutcome& o, const DeploymentResult& r) {
    o.requests = r.requests;
    o.served = r.served;
    o.simulatedSeconds = r.simulatedSeconds;
    o.ratePerSecond = r.windowSeconds > 0.0 ? static_cast<double>(r.requests) / r.windowSeconds : 0.0;
    o.p99Seconds = p99(r.latency);
    o.coldP99Seconds = p99(r.coldLatency);
    if (r.llm) {
        o.ttftP99Seconds = p99(r.llm->ttft);
        o.tpotP99Seconds = p99(r.llm->tpot);
        o.goodputFraction = r.llm->goodputFraction;
    }
    o.coldStartFraction = fraction(r.coldRequests, r.requests);
    o.rejectFraction = fraction(r.rejected + r.timedOut(), r.requests);
    double requestSeconds = 0.0;
    std::uint64_t invocations = 0;
    ledgerTotals(r, requestSeconds, invocations, o.tokens);
    if (invocations > 0) o.offeredLoad = o.ratePerSecond * requestSeconds / static_cast<double>(invocations);
}

// "deployments[1].service.maxNumSeqs" → /deployments/1/service/maxNumSeqs.
json::json_pointer pointerOf(const std::string& path) {
    json::json_pointer p;
    std::string key;
    auto flush = [&] {
        if (!key.empty()) p /= key;
        key.clear();
    };
    for (std::size_t i = 0; i < path.size(); ++i) {
        const char c = path[i];
        if (c == '.') {
            flush();
        } else if (c == '[') {
            flush();
            const std::size_t end = path.find(']', i);
            p /= static_cast<std::size_t>(std::stoul(path.substr(i + 1, end - i - 1)));
            i = end;
        } else {
            key += c;
        }
    }
    flush();
    return p;
}


}  // namespace

SloOutcome assessResult(const SloSpec& slos, const DeploymentResult& r, std::optional<double> costUsdPerMonth) {
    SloOutcome o;
    o.costUsdPerMonth = costUsdPerMonth;
    setMetrics(o, r);
    atMost(o, "p99", slos.p99Seconds, o.p99Seconds, true);
    if (r.llm) {
        atMost(o, "TTFT p99", slos.ttftP99Seconds, o.ttftP99Seconds, true);
        atMost(o, "TPOT p99", slos.tpotP99Seconds, o.tpotP99Seconds, true);
        if (slos.minGoodput && *o.goodputFraction < *slos.minGoodput) {
            o.misses.push_back(fmt::format("goodput {} < {}", percent(*o.goodputFraction), percent(*slos.minGoodput)));
            o.violation += (*slos.minGoodput - *o.goodputFraction) / std::max(*slos.minGoodput, 0.01);
        }
    }
    atMost(o, "cold requests", slos.maxColdStartFraction, o.coldStartFraction, false);
    atMost(o, "rejected", slos.maxRejectFraction, o.rejectFraction, false);
    if (!slos.empty() && r.requests > 0 && r.served == 0) {
        o.misses.emplace_back("nothing served");
        o.violation += 1e3;
    }
    collectLimits(r, o.limits);
    o.violation += 1e6 * static_cast<double>(o.limits.size());
    return o;
}

SloOutcome evaluateDeployment(const Scenario& scenario, std::size_t index, const SloSpec& slos,
                              const CostFunction& cost, const std::atomic<bool>* cancel) {
    SimulationOptions options;
    options.threads = 1;
    options.cancel = cancel;
    const DeploymentResult r = simulateDeployment(scenario, index, options);
    return assessResult(slos, r, cost(scenario, index, r));
}

ScenarioEditor::ScenarioEditor(const Scenario& scenario, std::string source, PrepareScenario prepare)
    : base_(scenarioJsonWithAbsolutePaths(scenario)), source_(std::move(source)), prepare_(std::move(prepare)) {}

json ScenarioEditor::valueAt(const std::string& path) const {
    const json::json_pointer p = pointerOf(path);
    return base_.contains(p) ? base_.at(p) : json();
}

Scenario ScenarioEditor::apply(const std::vector<ConfigChange>& changes) const {
    json j = base_;
    for (const auto& c : changes) j[pointerOf(c.path)] = c.value;
    Scenario s = scenarioFromJson(j, source_);
    if (prepare_) {
        std::lock_guard lock(prepareMutex_);
        prepare_(s);
    }
    return s;
}

Scenario applyChanges(const Scenario& scenario, const std::vector<ConfigChange>& changes, const std::string& source,
                      const PrepareScenario& prepare) {
    return ScenarioEditor(scenario, source, prepare).apply(changes);
}

bool better(const Candidate& a, const Candidate& b) {
    const SloOutcome& x = a.outcome;
    const SloOutcome& y = b.outcome;
    if (x.eligible() != y.eligible()) return x.eligible();
    if (x.eligible()) return *x.costUsdPerMonth < *y.costUsdPerMonth;
    if (x.violation != y.violation) return x.violation < y.violation;
    if (x.costUsdPerMonth.has_value() != y.costUsdPerMonth.has_value()) return x.costUsdPerMonth.has_value();
    return x.costUsdPerMonth && *x.costUsdPerMonth < *y.costUsdPerMonth;
}

OptimizeResult optimize(const Scenario& scenario, const CostFunction& cost, const OptimizerOptions& options) {
    const std::size_t n = scenario.deployments.size();
    const int threads = resolveThreads(options.threads);
    const int inner = std::max(1, threads / std::max(1, static_cast<int>(n)));
    const ScenarioEditor editor(scenario, options.source, options.prepare);
    OptimizeResult result;
    result.alternatives.resize(n);
    std::vector<std::vector<Candidate>> seen(n);
    // Alternatives are independent searches; each one's path depends only
    // on its own simulated results, so the outcome is the same for any split
    // of threads between and within them.
    parallelFor(n, threads, [&](std::size_t i) {
        AlternativeSearch search(scenario, i, editor, cost, options, inner);
        result.alternatives[i] = search.run();
        seen[i] = search.candidates();
    });
    for (auto& list : seen) {
        result.evaluations += list.size();
        for (auto& c : list) result.candidates.push_back(std::move(c));
    }
    return result;
}

}  // namespace breakeven::analysis
