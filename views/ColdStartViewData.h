#pragma once
// What the cold-start impact view draws, as plain data (Qt-free, so tests
// and the PDF report build it without a window): the keep-alive and
// min-instances sweeps per serverless deployment, warm vs cold latency CDFs
// from the simulation's histograms, and each deployment's $/month split into
// useful work, idle tax, cold-start tax and other.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/analysis/ColdStartImpact.h"
#include "model/core/LatencyHistogram.h"
#include "model/domain/Scenario.h"
#include "model/sim/Result.h"
#include "pricing/ResultPricing.h"

namespace breakeven::views {

// One sweep value: keep-alive seconds or min instances.
struct ImpactPoint {
    double value = 0.0;
    double coldFraction = 0.0;  // requests delayed by an instance start / requests
    std::optional<double> p99Seconds;  // TTFT p99 for LLM deployments; nullopt: nothing served
    std::optional<double> usdPerMonth;  // nullopt: not priced
};

struct ImpactSeries {
    std::string deployment;
    std::size_t index = 0;  // in the scenario's deployments (picks the colour)
    bool llm = false;
    double keepAliveBaseSeconds = 0.0;  // the scenario's own values
    double minInstancesBase = 0.0;
    std::vector<ImpactPoint> keepAlive;
    std::vector<ImpactPoint> minInstances;
};

// Fraction of samples <= seconds, at the upper edge of every non-empty
// histogram bucket (so the step is exact at bucket resolution).
struct CdfPoint {
    double seconds = 0.0;
    double fraction = 0.0;
};

struct LatencyCdf {
    std::string metric;  // "Latency" (arrival to completion), "TTFT" or "TPOT"
    std::vector<CdfPoint> warm;  // requests not delayed by a start
    std::vector<CdfPoint> cold;  // requests delayed by a start
    std::uint64_t warmCount = 0;
    std::uint64_t coldCount = 0;
};

struct DeploymentCdfs {
    std::string deployment;
    std::size_t index = 0;
    bool llm = false;
    std::vector<LatencyCdf> metrics;  // LLM: TTFT, TPOT; otherwise Latency
};

// One deployment's $/month split; the four parts sum to totalUsd to the cent.
struct BillBar {
    std::string deployment;
    std::size_t index = 0;
    bool priced = true;  // false: the bill has errors (no price row); parts are 0
    double usefulUsd = 0.0;
    double idleTaxUsd = 0.0;
    double coldStartTaxUsd = 0.0;
    double otherUsd = 0.0;
    double totalUsd = 0.0;
};

struct ColdStartViewData {
    std::string scenario;
    std::vector<ImpactSeries> impact;  // serverless deployments, in scenario order
    std::vector<DeploymentCdfs> cdfs;  // every top-level deployment
    std::vector<BillBar> bills;        // every top-level deployment
};

// CDF of `all` minus `subtract` (nullptr: nothing), bucket by bucket; empty
// when nothing is left. `subtract` must be a subset of `all` (cold requests
// of the same run).
std::vector<CdfPoint> histogramCdf(const LatencyHistogram& all, const LatencyHistogram* subtract = nullptr);
// The CDF at `seconds`, interpolated linearly between points (0 before the
// first point's bucket, 1 after the last).
double cdfAt(const std::vector<CdfPoint>& cdf, double seconds);

ImpactSeries impactSeries(const analysis::ColdStartImpact& impact);
std::vector<DeploymentCdfs> latencyCdfs(const ScenarioResult& result);
std::vector<BillBar> billBars(const Scenario& scenario, const std::vector<pricing::DeploymentCost>& costs);

// The whole view; `impact` may be null (sweeps not run yet) and is added
// deployment by deployment as the sweeps stream in.
ColdStartViewData coldStartViewData(const Scenario& scenario, const ScenarioResult& result,
                                    const std::vector<pricing::DeploymentCost>& costs,
                                    const analysis::ColdStartResult* impact = nullptr);

}  // namespace breakeven::views
