#pragma once
// One row per top-level alternative of a priced simulation: the figures the
// results table and the headless summary show, and which alternative is the
// cheapest one meeting the scenario's SLOs. Qt-free (plain data), so the
// headless summary prints exactly what the table shows.
#include <optional>
#include <string>
#include <vector>

#include "model/domain/Scenario.h"
#include "model/sim/Result.h"
#include "pricing/ResultPricing.h"

namespace breakeven::views {

struct ResultRow {
    std::string name;
    std::string kind;  // platform id, or "hybrid"/"split"
    std::optional<double> usdPerMonth;  // nullopt: not priced (see notPriced)
    std::optional<double> usdPer1MRequests;
    std::optional<double> usdPer1MTokens;
    std::optional<double> p50Seconds, p99Seconds;  // nullopt: nothing served
    double coldStartFraction = 0.0;  // requests delayed by an instance start / requests
    double rejectFraction = 0.0;     // rejected + timed out / requests
    std::uint64_t rejected = 0;
    std::vector<std::string> warnings;  // feasibility findings and pricing errors
    std::vector<std::string> sloMisses; // empty: meets every SLO that applies
    bool cheapestMeetingSlo = false;
};

// Rows in scenario order; exactly one row (or none, when nothing meeting the
// SLOs is priced) has cheapestMeetingSlo set.
std::vector<ResultRow> resultRows(const Scenario& scenario, const ScenarioResult& result,
                                  const std::vector<pricing::DeploymentCost>& costs);

// Why `d` misses `slos` ("p99 2.1 s > 1 s"); SLOs on LLM metrics apply to
// LLM deployments only.
std::vector<std::string> sloMisses(const SloSpec& slos, const DeploymentResult& d);

// Display helpers shared by the table and the text summary.
std::string formatUsd(const std::optional<double>& usd);
std::string formatSeconds(const std::optional<double>& seconds);
std::string formatPercent(double fraction);

// The summary as a fixed-width text table (the headless mode's output).
std::string formatResultRows(const std::vector<ResultRow>& rows);

}  // namespace breakeven::views
