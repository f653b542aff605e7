#pragma once
// Results of one simulation run. Everything here except RunInfo is a pure
// function of (scenario, seed).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/core/LatencyHistogram.h"
#include "model/sim/UsageLedger.h"

namespace breakeven {

struct FeasibilityFinding {
    std::string code;     // stable id, e.g. "timeout-above-platform-max"
    std::string message;  // readable, names the value and the limit
    // "limit": the platform cannot run it so; "quota": a default account quota
    // to raise first; "outcome": what the simulated traffic suffered.
    std::string severity = "limit";
};

// Per-minute series, requested with --timeline. Values are minute means for
// alive/busy/queue and counts for arrivals.
struct Timeline {
    std::vector<double> arrivals;
    std::vector<double> alive;
    std::vector<double> busy;
    std::vector<double> queueLength;
};

// LLM deployments: vLLM's metric definitions (issue 7). TTFT counts from
// arrival (queueing and cold starts included); TPOT is the mean gap after
// the first token and leaves 1-token outputs out; ITL has one sample per
// generated token after the first.
struct LlmMetrics {
    LatencyHistogram ttft;
    LatencyHistogram tpot;
    LatencyHistogram itl;
    // TTFT and TPOT of the requests delayed by an instance start (the
    // desktop app's warm vs cold CDFs; warm = all minus cold).
    LatencyHistogram coldTtft;
    LatencyHistogram coldTpot;
    std::uint64_t good = 0;          // served within both SLOs
    std::uint64_t outputTokens = 0;  // of served requests
    std::uint64_t preemptions = 0;
    std::uint64_t tooLarge = 0;      // rejected: prompt + output exceed an empty instance's KV cache
    std::uint64_t steps = 0;         // engine iterations
    double kvCapacityTokens = 0.0;   // per instance
    double kvUtilization = 0.0;      // mean used / capacity over ready instance time
    double goodputFraction = 0.0;    // good / all requests
    double outputTokensPerSecond = 0.0;
    double ttftSloSeconds = 0.0, tpotSloSeconds = 0.0;
    // Sums over cold starts of image pull, runtime init, weight load, upload
    // and engine warm-up (LlmColdStartPart order); empty without components.
    std::array<double, 5> coldStartPartSeconds{};
    bool coldStartComponents = false;
};

// The response cache in front of an alternative (scenario `cache`): hits
// are part of requests, served and the latency percentiles above them, but
// never of the ledger. The cache's own cost (usdPerHour x simulated hours)
// is priced by the caller.
struct CacheStats {
    std::uint64_t hits = 0;
    std::uint64_t lookups = 0;  // every arrival of the alternative
    double latencySeconds = 0.0;
    double usdPerHour = 0.0;
    [[nodiscard]] double hitFraction() const {
        return lookups == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(lookups);
    }
};

struct DeploymentResult {
    std::string name;
    // Composite alternatives: the members' own results; the fields here are
    // their sums (histograms merged), and the ledger is left empty.
    Composite composite = Composite::None;
    std::vector<DeploymentResult> members;
    std::uint64_t requests = 0;
    std::uint64_t served = 0;   // completed within the request timeout
    std::uint64_t queued = 0;   // waited in the overflow queue
    std::uint64_t rejected = 0; // no room and no queue
    std::uint64_t queueTimeouts = 0;
    std::uint64_t requestTimeouts = 0;
    std::uint64_t coldStarts = 0;
    std::uint64_t coldStartsFromZero = 0;
    std::uint64_t coldStartsScaleOut = 0;
    std::uint64_t coldRequests = 0;  // requests delayed by an instance start

    LatencyHistogram latency;      // served requests, arrival to completion
    LatencyHistogram coldLatency;  // served requests delayed by a cold start
    LatencyHistogram queueDelay;   // requests that started, arrival to start

    double meanAlive = 0.0, meanBusy = 0.0, meanIdle = 0.0;
    int maxAlive = 0;
    double windowSeconds = 0.0;     // the workload's window (a trace's span)
    double simulatedSeconds = 0.0;  // this deployment: max(window, last completion)
    SimTime lastCompletionMicros = 0;

    std::optional<LlmMetrics> llm;
    std::optional<CacheStats> cache;  // only when the scenario has a cache

    UsageLedger ledger;
    std::vector<FeasibilityFinding> feasibility;
    Timeline timeline;

    [[nodiscard]] std::uint64_t timedOut() const { return queueTimeouts + requestTimeouts; }
};

struct RunInfo {
    double wallSeconds = 0.0;
    double requestsPerWallSecond = 0.0;
    int threads = 1;
};

struct ScenarioResult {
    std::string scenarioName;
    std::string scenarioSha256;
    std::uint64_t seed = 0;
    double windowSeconds = 0.0;
    double simulatedSeconds = 0.0;  // max(window, first arrival -> last completion)
    std::uint64_t arrivals = 0;
    std::vector<DeploymentResult> deployments;
    RunInfo run;
};

}  // namespace breakeven
