#pragma once
// Capacity search (docs/analysis.md "Capacity"): the highest traffic scale
// (workload.rateScale) at which one deployment, configured as written, still
// meets the SLOs. Bracketed by doubling or halving from an analytic estimate
// (the instances or nodes it may run × slots × 0.8 over the offered load),
// then bisected on a log axis to the tolerance. Assumes that more traffic
// never helps once the SLO fails (true for latency and rejects; serverless
// cold-start fractions fall with traffic, so there the search reports the
// top of the feasible range it found).
#include <atomic>
#include <cstddef>
#include <optional>
#include <vector>

#include "model/analysis/Optimizer.h"
#include "model/analysis/ParameterPath.h"
#include "model/analysis/Sweep.h"

namespace breakeven::analysis {

// The cloud calculators' month (pricing's kHoursPerMonth × 3600): per-month
// request and token counts use it, as $/month does.
inline constexpr double kMonthSeconds = 730.0 * 3600.0;

struct CapacityOptions {
    SloSpec slos;
    double tolerance = 0.01;          // stop when hi / lo − 1 ≤ tolerance
    double maxRateScale = 1000.0;     // ×(the scenario's traffic): above this the search stops ("at least")
    double minRateScale = 1e-3;       // below this nothing is feasible
    const std::atomic<bool>* cancel = nullptr;
};

struct CapacityProbe {
    double rateScale = 0.0;
    SloOutcome outcome;
};

struct CapacityResult {
    std::string name;
    bool feasible = false;   // some probed traffic meets the SLOs
    bool unbounded = false;  // still meets them at maxRateScale
    double rateScale = 0.0;  // the highest scale found meeting the SLOs
    std::optional<double> failingRateScale;  // the lowest scale found failing above it
    SloOutcome atCapacity;   // simulated at rateScale
    double requestsPerSecond = 0.0;          // arrivals / window at rateScale
    // Requests served in a 730-hour month at that traffic ÷ $/month (the
    // same month scaling as the price): how many requests one dollar buys.
    std::optional<double> requestsPerUsd;
    std::optional<double> usdPer1MRequests;
    std::optional<double> usdPer1MTokens;  // input + output tokens; LLM deployments
    std::vector<CapacityProbe> probes;     // in the order simulated
};

// `rateScale` is a ParameterPath on workload.rateScale of the scenario;
// `deployment` the top-level deployment searched.
CapacityResult findCapacity(const ParameterPath& rateScale, std::size_t deployment, const CostFunction& cost,
                            const CapacityOptions& options);

// The same unit figures for any outcome (requests per $, $ per 1M).
void setUnitCosts(CapacityResult& result);

}  // namespace breakeven::analysis
