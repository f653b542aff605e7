#pragma once
// The optimiser (docs/analysis.md "Optimiser"): per top-level alternative,
// the cheapest configuration whose simulation meets the scenario's SLOs.
// Every candidate is one simulation of that alternative; the search is
// bisection on the monotone capacity knobs (nodes, minInstances, keep-alive),
// started from an analytic estimate of the offered load, then a small
// neighbourhood check, and coordinate descent over the discrete knobs (GPU
// type, tp, maxNumSeqs). The path of the search depends only on simulated
// results, never on timing, so the answer is the same for any thread count.
// Model-only: cost comes from the caller, GPU candidates too (no catalogue).
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/analysis/ParameterPath.h"
#include "model/analysis/Sweep.h"
#include "model/domain/Scenario.h"
#include "model/sim/Result.h"

namespace breakeven::analysis {

// How one alternative's simulated result fares against the SLOs.
struct SloOutcome {
    std::optional<double> costUsdPerMonth;  // nullopt: not priced
    std::optional<double> p99Seconds;       // served requests
    std::optional<double> coldP99Seconds;   // served requests delayed by a cold start
    std::optional<double> ttftP99Seconds;   // LLM only
    std::optional<double> tpotP99Seconds;   // LLM only
    std::optional<double> goodputFraction;  // LLM only
    double coldStartFraction = 0.0;         // cold requests / requests
    double rejectFraction = 0.0;            // (rejected + timed out) / requests
    double ratePerSecond = 0.0;             // arrivals / window
    std::uint64_t requests = 0, served = 0;
    std::uint64_t tokens = 0;  // input + output tokens of served requests (LLM)
    double simulatedSeconds = 0.0;
    // Mean requests in execution the traffic asks for, λ·E[S]: arrivals/s ×
    // ledger.requestSecondsRaw / invocations (members summed). The analytic
    // start of the capacity searches.
    double offeredLoad = 0.0;
    std::vector<std::string> misses;              // "p99 2.1 s > 1 s", one per missed SLO
    std::vector<FeasibilityFinding> limits;       // severity "limit": the platform cannot run it so
    double violation = 0.0;  // Σ relative shortfalls (0 when every SLO is met); ranks "closest"

    [[nodiscard]] bool meetsSlo() const { return misses.empty() && limits.empty(); }
    // Meets the SLOs and has a price: can be "the cheapest".
    [[nodiscard]] bool eligible() const { return meetsSlo() && costUsdPerMonth.has_value(); }
};

// Judges one top-level deployment's result: p99Seconds, maxColdStartFraction
// and maxRejectFraction apply to every alternative, ttftP99Seconds,
// tpotP99Seconds and minGoodput to LLM deployments only. Platform "limit"
// findings (of the alternative or its members) make it infeasible.
SloOutcome assessResult(const SloSpec& slos, const DeploymentResult& result, std::optional<double> costUsdPerMonth);

// Simulates deployment `index` of `scenario` (one thread) and assesses it.
SloOutcome evaluateDeployment(const Scenario& scenario, std::size_t index, const SloSpec& slos,
                              const CostFunction& cost, const std::atomic<bool>* cancel = nullptr);

// One key set by the optimiser, in the reader's path notation
// ("deployments[2].nodes", "deployments[1].service.maxNumSeqs").
struct ConfigChange {
    std::string path;
    nlohmann::json value;
    bool operator==(const ConfigChange& other) const { return path == other.path && value == other.value; }
};

struct Candidate {
    std::size_t alternative = 0;        // index in the scenario's deployments
    std::vector<ConfigChange> changes;  // empty: the scenario as written
    SloOutcome outcome;
};

struct OptimizerOptions {
    SloSpec slos;  // the bounds to meet (the CLI merges flags over the scenario's)
    int threads = 0;  // 0 = hardware concurrency
    // The scenario's file: relative trace and profile paths resolve against it.
    std::string source;
    // Runs on every candidate scenario after the reader (the CLI resolves LLM
    // GPU figures from the catalogue). Calls are serialised.
    PrepareScenario prepare;
    // Catalogue GPU ids the deployment's platform offers (LLM engines on
    // serverless GPU platforms); empty: the GPU type is not searched.
    std::function<std::vector<std::string>(const DeploymentSpec&)> gpuCandidates;
    int maxNodes = 4096;  // cap of the node / instance searches
    int maxRounds = 3;    // coordinate-descent rounds over the discrete knobs
    const std::atomic<bool>* cancel = nullptr;
};

struct AlternativeOptimum {
    std::string name;
    std::size_t index = 0;
    Candidate asWritten;
    // The cheapest candidate that meets the SLOs; when none does, the closest
    // one (smallest violation, then cheapest) and feasible = false.
    Candidate best;
    bool feasible = false;
    std::vector<std::string> knobs;  // paths searched
    std::size_t evaluations = 0;     // distinct configurations simulated
    std::string note;                // why a knob was not searched, or why nothing is feasible
};

struct OptimizeResult {
    std::vector<AlternativeOptimum> alternatives;  // scenario order
    // Every configuration simulated, by alternative, then cost (unpriced last).
    std::vector<Candidate> candidates;
    std::size_t evaluations = 0;
};

// Throws SimulationCancelled when cancelled; a candidate the strict reader
// rejects is skipped (never reported).
OptimizeResult optimize(const Scenario& scenario, const CostFunction& cost, const OptimizerOptions& options);

// Applies `changes` to the scenario's canonical JSON and reads it back
// (ScenarioError when a value is out of range), then runs `prepare`.
Scenario applyChanges(const Scenario& scenario, const std::vector<ConfigChange>& changes, const std::string& source,
                      const PrepareScenario& prepare = {});

}  // namespace breakeven::analysis
