#include "model/sim/TraceSource.h"

#include <algorithm>
#include <cmath>

namespace breakeven {

TraceSource::TraceSource(const TraceWorkload& workload, Rng rng)
    : reader_(trace::openTrace(workload.resolvedPath, workload.options)),
      rng_(rng),
      startMicros_(secondsToSimTime(workload.startSeconds)),
      rateScale_(workload.rateScale),
      timeScale_(workload.timeScale) {
    if (workload.durationSeconds) endMicros_ = secondsToSimTime(*workload.durationSeconds);
}

// The next request of the slice [start, start + duration), shifted to 0.
bool TraceSource::readRaw(Request& out) {
    while (reader_->next(out)) {
        if (out.arrivalMicros < startMicros_) continue;
        out.arrivalMicros -= startMicros_;
        if (endMicros_ && out.arrivalMicros >= *endMicros_) return false;
        if (timeScale_ != 1.0)
            out.arrivalMicros = secondsToSimTime(simTimeToSeconds(out.arrivalMicros) * timeScale_);
        lastRawMicros_ = out.arrivalMicros;
        sawRequest_ = true;
        return true;
    }
    return false;
}

// Copy 0 keeps the request's own time; extra copies are jittered within
// +-1/2 of the local mean gap but kept between the neighbouring requests, so
// nothing a later request produces can precede this request's time.
void TraceSource::emitCopies(const Request& request, SimTime previous, SimTime following) {
    const double whole = std::floor(rateScale_);
    auto copies = static_cast<std::uint64_t>(whole);
    if (rng_.uniform01() < rateScale_ - whole) ++copies;
    const double meanGap = 0.5 * static_cast<double>(following - previous);
    for (std::uint64_t k = 0; k < copies; ++k) {
        Request copy = request;
        if (k > 0) {
            const auto jitter = static_cast<SimTime>((rng_.uniform01() - 0.5) * meanGap);
            copy.arrivalMicros = std::clamp(request.arrivalMicros + jitter, previous, following);
        }
        pending_.push(Pending{copy, nextSeq_++});
    }
}

bool TraceSource::advance() {
    if (exhausted_) return false;
    if (!current_) {  // first call: fill the lookahead
        Request first;
        if (!readRaw(first)) {
            exhausted_ = true;
            return false;
        }
        current_ = first;
        previousMicros_ = first.arrivalMicros;
        Request second;
        if (readRaw(second)) following_ = second;
    }
    const SimTime following = following_ ? following_->arrivalMicros : current_->arrivalMicros;
    emitCopies(*current_, previousMicros_, following);
    safeMicros_ = current_->arrivalMicros;
    previousMicros_ = current_->arrivalMicros;
    if (!following_) {
        exhausted_ = true;
        current_.reset();
        return true;
    }
    current_ = following_;
    Request next;
    if (readRaw(next)) {
        following_ = next;
    } else {
        following_.reset();
    }
    return true;
}

bool TraceSource::next(Request& out) {
    while (pending_.empty() || (!exhausted_ && pending_.top().request.arrivalMicros > safeMicros_)) {
        if (!advance()) break;
    }
    if (pending_.empty()) return false;
    out = pending_.top().request;
    pending_.pop();
    return true;
}

double TraceSource::windowSeconds() const {
    if (endMicros_) return simTimeToSeconds(*endMicros_) * timeScale_;
    return sawRequest_ ? simTimeToSeconds(lastRawMicros_) : 0.0;
}

}  // namespace breakeven
