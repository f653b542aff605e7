#include "model/sim/TraceSource.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace breakeven {

double traceRateMultiplier(const TraceWorkload& workload, double seconds) {
    double m = workload.rateScale;
    if (workload.diurnalEnvelope) {
        const TraceEnvelope& e = *workload.diurnalEnvelope;
        const double a = (e.peakToTroughRatio - 1.0) / (e.peakToTroughRatio + 1.0);
        m *= 1.0 + a * std::sin(2.0 * std::numbers::pi * (seconds - e.phaseSeconds) / e.periodSeconds);
    }
    if (workload.growthPercentPerMonth)
        m *= std::pow(1.0 + *workload.growthPercentPerMonth / 100.0, seconds / kSecondsPerMonth);
    return m;
}

TraceSource::TraceSource(const TraceWorkload& workload, Rng rng)
    : workload_(workload),
      reader_(trace::openTrace(workload.resolvedPath, workload.options)),
      rng_(rng),
      startMicros_(secondsToSimTime(workload.startSeconds)),
      rateScale_(workload.rateScale),
      timeScale_(workload.timeScale),
      modulated_(workload.diurnalEnvelope || workload.growthPercentPerMonth) {
    if (workload.durationSeconds) endMicros_ = secondsToSimTime(*workload.durationSeconds);
    if (workload.extendToSeconds) {
        extendMicros_ = secondsToSimTime(*workload.extendToSeconds);
        // The same rounding as the arrivals' own time scaling, so no scaled
        // arrival of a tile lies beyond the next tile's start.
        if (endMicros_) spanMicros_ = secondsToSimTime(simTimeToSeconds(*endMicros_) * timeScale_);
    }
}

// The next request of the current tile's slice [start, start + duration),
// shifted to 0 and time-scaled; false at the end of the slice.
bool TraceSource::readSlice(Request& out) {
    while (reader_->next(out)) {
        if (out.arrivalMicros < startMicros_) continue;
        out.arrivalMicros -= startMicros_;
        if (endMicros_ && out.arrivalMicros >= *endMicros_) return false;
        if (timeScale_ != 1.0)
            out.arrivalMicros = secondsToSimTime(simTimeToSeconds(out.arrivalMicros) * timeScale_);
        return true;
    }
    return false;
}

// The slice, tiled when extendToSeconds is set: the window is half-open, so
// the last tile keeps only arrivals before extendToSeconds.
bool TraceSource::readRaw(Request& out) {
    while (!rawDone_) {
        if (readSlice(out)) {
            out.arrivalMicros += tileOffsetMicros_;
            if (extendMicros_ && out.arrivalMicros >= *extendMicros_) break;
            lastRawMicros_ = out.arrivalMicros;
            sawRequest_ = true;
            return true;
        }
        if (!extendMicros_ || !startNextTile()) break;
    }
    rawDone_ = true;
    return false;
}

// Tile k + 1 starts where tile k's window ends (tiles are contiguous). The
// file is opened again rather than buffered, so memory stays constant.
bool TraceSource::startNextTile() {
    if (!sawRequest_) return false;  // an empty slice tiles to nothing
    if (!spanMicros_) {              // no durationSeconds: tile 0 ended at its last arrival
        if (lastRawMicros_ <= 0)
            throw trace::TraceError(workload_.resolvedPath, 0, 0,
                                    "cannot extend the trace: its slice spans 0 s (every arrival at "
                                    "the slice start); give durationSeconds to set the tile length");
        spanMicros_ = lastRawMicros_;
    }
    ++tile_;
    tileOffsetMicros_ = static_cast<SimTime>(tile_) * *spanMicros_;
    if (tileOffsetMicros_ >= *extendMicros_) return false;
    reader_ = trace::openTrace(workload_.resolvedPath, workload_.options);
    return true;
}

// Copy 0 keeps the request's own time; extra copies are jittered within
// +-1/2 of the local mean gap but kept between the neighbouring requests, so
// nothing a later request produces can precede this request's time. The one
// random stream runs through every tile: tiles get different draws, and the
// run stays a function of (scenario, seed).
void TraceSource::emitCopies(const Request& request, SimTime previous, SimTime following) {
    const double scale =
        modulated_ ? traceRateMultiplier(workload_, simTimeToSeconds(request.arrivalMicros)) : rateScale_;
    const double whole = std::floor(scale);
    auto copies = static_cast<std::uint64_t>(whole);
    if (rng_.uniform01() < scale - whole) ++copies;
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
    if (workload_.extendToSeconds) return *workload_.extendToSeconds;
    if (endMicros_) return simTimeToSeconds(*endMicros_) * timeScale_;
    return sawRequest_ ? simTimeToSeconds(lastRawMicros_) : 0.0;
}

// Tiles re-open the file, so the reader's own progress restarts each tile.
double TraceSource::progress() const {
    if (!extendMicros_) return reader_->progress();
    if (rawDone_ || *extendMicros_ <= 0) return 1.0;
    return std::min(1.0, static_cast<double>(lastRawMicros_) / static_cast<double>(*extendMicros_));
}

}  // namespace breakeven
