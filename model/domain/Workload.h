#pragma once
// Traffic descriptions. A workload is generated as a stream, never stored.
#include <memory>
#include <string>
#include <optional>
#include <vector>

#include "model/core/Distribution.h"
#include "model/trace/TraceReader.h"

namespace breakeven {

enum class WorkloadKind {
    Poisson,  // constant rate
    Diurnal,  // sinusoidal rate: mean, peak/trough ratio, period, phase
    Mmpp,     // two-state Markov-modulated Poisson process (bursty)
    OnOff,    // batch jobs: N requests every period, spread over a few seconds
    List,     // explicit arrival times (small hand-made traces, tests)
    Trace,    // a request trace file, streamed (model/trace/)
};

// Rate envelope of an extended trace: multiplier 1 + a sin(2π (t − phase) /
// period) with a = (R − 1) / (R + 1), so peak / trough = R and the mean over a
// period is 1 (the first peak is at phase + period/4, like the diurnal kind).
struct TraceEnvelope {
    double peakToTroughRatio = 1.0;
    double periodSeconds = 86400.0;
    double phaseSeconds = 0.0;
};

// Month length of growthPercentPerMonth: the mean Gregorian month.
inline constexpr double kSecondsPerMonth = 30.4375 * 86400.0;

// A trace file as the workload: which part of it, and how scaled.
struct TraceWorkload {
    std::string path;          // as written in the scenario
    std::string resolvedPath;  // relative paths resolve against the scenario file
    trace::TraceOptions options;
    double startSeconds = 0.0;               // skip the trace's first seconds
    std::optional<double> durationSeconds;   // then keep this long (none: to the end)
    // r copies of each request: floor(r), plus one more with probability
    // r - floor(r); extra copies jittered within +-1/2 of the local mean gap.
    double rateScale = 1.0;
    // Multiplies every arrival time (after slicing): 0.5 replays the trace
    // twice as fast in half the span; 2 stretches it.
    double timeScale = 1.0;
    // Tiles the (sliced, time-scaled) trace end to end, each copy shifted by
    // the slice's window length, until the window is this long.
    std::optional<double> extendToSeconds;
    // Only with extendToSeconds: rate multipliers applied like rateScale
    // (copies / thinning per request at its tiled arrival time t).
    std::optional<TraceEnvelope> diurnalEnvelope;
    std::optional<double> growthPercentPerMonth;  // x (1 + g/100)^(t / 30.4375 days)
};

struct WorkloadSpec {
    WorkloadKind kind = WorkloadKind::Poisson;
    double durationSeconds = 3600.0;
    // Poisson: the rate. Diurnal: the mean rate.
    double ratePerSecond = 1.0;
    // Diurnal
    double peakToTroughRatio = 4.0;
    double periodSeconds = 86400.0;
    double phaseSeconds = 0.0;  // time of the first peak is phase + period/4
    // MMPP: state 0 = calm, state 1 = burst; mean dwell time in each state
    double burstRatePerSecond = 10.0;
    double calmMeanSeconds = 600.0;
    double burstMeanSeconds = 60.0;
    // On/off batches: requestsPerBatch every batchPeriodSeconds, arrivals
    // uniform over batchSpreadSeconds from the batch start.
    int requestsPerBatch = 100;
    double batchPeriodSeconds = 3600.0;
    double batchSpreadSeconds = 0.0;
    // List: arrival times in seconds, ascending, all < durationSeconds.
    std::shared_ptr<const std::vector<double>> arrivalsSeconds;
    // Trace: the file and how to read it (durationSeconds is then the window
    // once known: the trace's own span unless trace->durationSeconds cuts it).
    std::shared_ptr<const TraceWorkload> trace;
    // Per-request token counts (LLM services; 0 for classic models).
    std::optional<Distribution> inputTokens;
    std::optional<Distribution> outputTokens;

    // Long-run mean arrival rate, for sizing and reports.
    [[nodiscard]] double meanRatePerSecond() const;
};

}  // namespace breakeven
