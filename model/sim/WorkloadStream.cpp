#include "model/sim/WorkloadStream.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace breakeven {

WorkloadStream::WorkloadStream(const WorkloadSpec& spec, Rng rng)
    : spec_(spec),
      rng_(rng),
      tokenRng_(rng.split(Rng::hashLabel("tokens"))),
      windowMicros_(secondsToSimTime(spec.durationSeconds)) {
    hasTokens_ = spec.inputTokens.has_value() || spec.outputTokens.has_value();
    switch (spec.kind) {
    case WorkloadKind::Poisson: meanGapSeconds_ = 1.0 / spec.ratePerSecond; break;
    case WorkloadKind::Diurnal:
        // peak/trough = (1 + a) / (1 - a)
        amplitude_ = (spec.peakToTroughRatio - 1.0) / (spec.peakToTroughRatio + 1.0);
        peakRate_ = spec.ratePerSecond * (1.0 + amplitude_);
        break;
    case WorkloadKind::Mmpp:
        state_ = 0;
        stateEnd_ = spec.calmMeanSeconds * standardExponential(rng_);
        break;
    case WorkloadKind::OnOff:
        batchStart_ = 0.0;
        batchRemaining_ = spec.requestsPerBatch;
        batchFraction_ = 0.0;
        break;
    case WorkloadKind::List:
    case WorkloadKind::Trace: break;
    }
}

double WorkloadStream::nextOther() {
    switch (spec_.kind) {
    case WorkloadKind::Diurnal: return nextDiurnal();
    case WorkloadKind::Mmpp: return nextMmpp();
    case WorkloadKind::OnOff: return nextOnOff();
    case WorkloadKind::List: return nextListed();
    case WorkloadKind::Poisson:
    case WorkloadKind::Trace: break;  // traces stream through TraceSource
    }
    return spec_.durationSeconds;
}

// Non-homogeneous Poisson by thinning (Lewis & Shedler): candidates at the
// peak rate, each kept with probability rate(t) / peak.
double WorkloadStream::nextDiurnal() {
    const double omega = 2.0 * std::numbers::pi / spec_.periodSeconds;
    for (;;) {
        t_ += standardExponential(rng_) / peakRate_;
        if (t_ >= spec_.durationSeconds) return t_;
        const double rate =
            spec_.ratePerSecond * (1.0 + amplitude_ * std::sin(omega * (t_ - spec_.phaseSeconds)));
        if (rng_.uniform01() * peakRate_ < rate) return t_;
    }
}

// Two-state MMPP. Inside a state arrivals are Poisson at that state's rate;
// by memorylessness a gap that crosses a switch is redrawn from the switch.
double WorkloadStream::nextMmpp() {
    for (;;) {
        const double rate = state_ == 0 ? spec_.ratePerSecond : spec_.burstRatePerSecond;
        const double gap = rate > 0.0 ? standardExponential(rng_) / rate : INFINITY;
        if (t_ + gap < stateEnd_) {
            t_ += gap;
            return t_;
        }
        t_ = stateEnd_;
        if (t_ >= spec_.durationSeconds) return t_;
        state_ = 1 - state_;
        const double dwell = state_ == 0 ? spec_.calmMeanSeconds : spec_.burstMeanSeconds;
        stateEnd_ = t_ + dwell * standardExponential(rng_);
    }
}

// Batches of N arrivals spread uniformly over `spread` seconds: the order
// statistics of N uniforms, generated in ascending order one at a time
// (X(i+1) = X(i) + (1 - X(i)) * (1 - U^(1/(N-i)))).
double WorkloadStream::nextOnOff() {
    if (batchRemaining_ == 0) {
        batchStart_ += spec_.batchPeriodSeconds;
        batchRemaining_ = spec_.requestsPerBatch;
        batchFraction_ = 0.0;
    }
    const double u = rng_.uniformOpen01();
    batchFraction_ += (1.0 - batchFraction_) * (1.0 - std::pow(u, 1.0 / batchRemaining_));
    --batchRemaining_;
    return batchStart_ + batchFraction_ * spec_.batchSpreadSeconds;
}

double WorkloadStream::nextListed() {
    if (!spec_.arrivalsSeconds || listIndex_ >= spec_.arrivalsSeconds->size())
        return spec_.durationSeconds;
    return (*spec_.arrivalsSeconds)[listIndex_++];
}

void WorkloadStream::drawTokens(Request& out) {
    auto draw = [this](const std::optional<Distribution>& d) -> std::uint32_t {
        if (!d) return 0;
        const double v = std::round(d->sample(tokenRng_));
        return static_cast<std::uint32_t>(std::clamp(v, 0.0, 4.0e9));
    };
    out.inputTokens = draw(spec_.inputTokens);
    out.outputTokens = draw(spec_.outputTokens);
}

}  // namespace breakeven
