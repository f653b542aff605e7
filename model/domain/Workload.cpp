#include "model/domain/Workload.h"

namespace breakeven {

double WorkloadSpec::meanRatePerSecond() const {
    switch (kind) {
    case WorkloadKind::Poisson:
    case WorkloadKind::Diurnal: return ratePerSecond;
    case WorkloadKind::Mmpp:
        return (ratePerSecond * calmMeanSeconds + burstRatePerSecond * burstMeanSeconds) /
               (calmMeanSeconds + burstMeanSeconds);
    case WorkloadKind::OnOff: return requestsPerBatch / batchPeriodSeconds;
    case WorkloadKind::Trace: return 0.0;  // known only once the trace is read
    case WorkloadKind::List:
        return arrivalsSeconds ? static_cast<double>(arrivalsSeconds->size()) / durationSeconds : 0.0;
    }
    return ratePerSecond;
}

}  // namespace breakeven
