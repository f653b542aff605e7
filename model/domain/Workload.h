#pragma once
// Traffic descriptions. A workload is generated as a stream, never stored.
#include <memory>
#include <optional>
#include <vector>

#include "model/core/Distribution.h"

namespace breakeven {

enum class WorkloadKind {
    Poisson,  // constant rate
    Diurnal,  // sinusoidal rate: mean, peak/trough ratio, period, phase
    Mmpp,     // two-state Markov-modulated Poisson process (bursty)
    OnOff,    // batch jobs: N requests every period, spread over a few seconds
    List,     // explicit arrival times (small hand-made traces, tests)
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
    // Per-request token counts (LLM services; 0 for classic models).
    std::optional<Distribution> inputTokens;
    std::optional<Distribution> outputTokens;

    // Long-run mean arrival rate, for sizing and reports.
    [[nodiscard]] double meanRatePerSecond() const;
};

}  // namespace breakeven
