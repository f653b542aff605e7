#pragma once
// Cold-start impact: "what does hiding cold starts cost?". A serverless
// deployment is re-simulated over a keep-alive sweep and a min-instances
// sweep; each point reports how many requests still meet a cold start, the
// p99 (TTFT p99 for LLM deployments), the p99 of the cold requests alone,
// and the $/month split into useful work, idle tax and cold-start tax.
// Points run in parallel; each is a pure function of its scenario and the
// seed, so the result is the same for any thread count. Model-only: the
// caller prices each point (DESIGN.md), pricing/ is not used.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/analysis/ParameterPath.h"
#include "model/domain/Scenario.h"
#include "model/sim/Result.h"

namespace breakeven::analysis {

// One deployment's bill per month, split (whole cents from the pricer).
struct CostSplit {
    double totalUsd = 0.0;
    double usefulUsd = 0.0;
    double idleTaxUsd = 0.0;
    double coldStartTaxUsd = 0.0;
    double otherUsd = 0.0;
};

// The split $/month of one deployment's result at one point; nullopt = not
// priced. Called from worker threads, concurrently: must be thread-safe.
using SplitCostFunction =
    std::function<std::optional<CostSplit>(const Scenario&, std::size_t deploymentIndex, const DeploymentResult&)>;

struct ColdStartRow {
    double value = 0.0;  // keep-alive seconds or min instances
    std::uint64_t requests = 0;
    std::uint64_t coldStarts = 0;               // instance starts
    double coldStartFraction = 0.0;             // cold requests / requests
    std::optional<double> p99Seconds;           // TTFT for LLM deployments, else arrival to completion
    std::optional<double> coldOnlyP99Seconds;   // requests delayed by a start, arrival to completion
    double meanAliveInstances = 0.0;
    std::optional<CostSplit> costPerMonth;
};

struct ColdStartCurve {
    std::string parameter;  // the path swept, e.g. "deployments[0].keepAliveSeconds"
    double baseValue = 0.0;  // the scenario's own value
    std::vector<ColdStartRow> rows;  // in the order the values were given
    // Min-instance values above the deployment's maxInstances, left out
    // (only when ColdStartOptions::dropAboveMaxInstances).
    std::vector<double> dropped;
};

struct ColdStartImpact {
    std::string deployment;
    std::size_t index = 0;  // in the scenario's deployments
    bool llm = false;       // p99Seconds is TTFT p99
    ColdStartCurve keepAlive;
    ColdStartCurve minInstances;
};

struct ColdStartOptions {
    std::vector<double> keepAliveSeconds{0, 10, 60, 300, 900, 1800, 3600};
    std::vector<double> minInstances{0, 1, 2, 4, 8};
    // true: min-instance values above a deployment's maxInstances are listed
    // in `dropped` instead of failing (for default grids); false: the
    // scenario reader's error names the path and the limit.
    bool dropAboveMaxInstances = false;
    int threads = 0;  // 0 = hardware concurrency
    // Set to stop: the run throws SimulationCancelled.
    const std::atomic<bool>* cancel = nullptr;
};

struct ColdStartResult {
    std::vector<ColdStartImpact> deployments;  // in the order asked for
    std::size_t simulations = 0;                // deployment runs
};

// Top-level deployments whose cold starts can be hidden: functions (not
// dedicated, not composite), in scenario order.
std::vector<std::size_t> serverlessDeployments(const Scenario& scenario);

// `source` and `prepare` as for ParameterPath. Every point is built before
// anything runs: a bad value throws at once (ParameterError for a
// fractional min-instances value, ScenarioError for one the reader rejects),
// std::invalid_argument for a deployment index that is not serverless.
ColdStartResult runColdStartImpact(const Scenario& base, const std::vector<std::size_t>& deployments,
                                   const std::string& source, const PrepareScenario& prepare,
                                   const SplitCostFunction& cost, const ColdStartOptions& options = {});

}  // namespace breakeven::analysis
