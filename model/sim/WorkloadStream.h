#pragma once
// Generates a workload's requests in arrival order, one at a time, in
// constant memory: a 10^9-request scenario never materialises.
#include <cmath>
#include <cstdint>

#include "model/core/Rng.h"
#include "model/core/Ziggurat.h"
#include "model/domain/Request.h"
#include "model/domain/Workload.h"

namespace breakeven {

class WorkloadStream {
public:
    WorkloadStream(const WorkloadSpec& spec, Rng rng);

    // Writes the next request and returns true, or false once the window ends.
    bool next(Request& out) {
        double t;
        if (spec_.kind == WorkloadKind::Poisson) {
            t_ += meanGapSeconds_ * standardExponential(rng_);
            t = t_;
        } else {
            t = nextOther();
        }
        // Compared in µs: an arrival never rounds onto the window's end.
        const SimTime micros = secondsToSimTime(t);
        if (micros >= windowMicros_) return false;
        out.arrivalMicros = micros;
        if (hasTokens_) drawTokens(out);
        return true;
    }

    [[nodiscard]] double windowSeconds() const { return spec_.durationSeconds; }
    [[nodiscard]] double progress() const { return t_ / spec_.durationSeconds; }

private:
    double nextOther();
    double nextDiurnal();
    double nextMmpp();
    double nextOnOff();
    double nextListed();
    void drawTokens(Request& out);

    WorkloadSpec spec_;
    Rng rng_;
    Rng tokenRng_;  // its own stream: token what-ifs keep the same arrival times
    SimTime windowMicros_;
    double t_ = 0.0;
    double meanGapSeconds_ = 0.0;
    bool hasTokens_ = false;
    // Diurnal thinning
    double peakRate_ = 0.0, amplitude_ = 0.0;
    // MMPP: current state and when it ends
    int state_ = 0;
    double stateEnd_ = 0.0;
    // On/off: position inside the current batch (ordered uniforms, drawn
    // sequentially so a batch is never stored)
    double batchStart_ = 0.0;
    int batchRemaining_ = 0;
    double batchFraction_ = 0.0;
    std::size_t listIndex_ = 0;
};

}  // namespace breakeven
