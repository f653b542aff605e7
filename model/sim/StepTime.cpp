#include "model/sim/StepTime.h"

#include <algorithm>
#include <cmath>

namespace breakeven {

namespace {
// Sum over k in [from, to) of a + s*k.
double lineSum(double a, double s, std::int64_t from, std::int64_t to) {
    if (to <= from) return 0.0;
    const auto n = static_cast<double>(to - from);
    const double first = a + s * static_cast<double>(from);
    return n * first + s * n * (n - 1.0) / 2.0;
}

// First k >= 0 where line1 is above line0 (or never, = INT64_MAX) and whether line1
// starts above.
struct Crossing {
    bool line1First;
    std::int64_t switchAt;  // from this k on the other line is the maximum
};

Crossing crossing(const StepLines& l) {
    const bool line1First = l.a1 > l.a0;
    const double da = l.a1 - l.a0, ds = l.s1 - l.s0;
    // line1 - line0 = da + ds*k changes sign at k = -da/ds.
    if (ds == 0.0 || (line1First ? ds > 0.0 : ds < 0.0))
        return {line1First, INT64_MAX};
    const double k = -da / ds;
    if (!(k < 9e15)) return {line1First, INT64_MAX};
    // Strictly past the crossing the other line wins; at ties either value is the same.
    return {line1First, static_cast<std::int64_t>(std::floor(k)) + 1};
}
}  // namespace

int stepPieces(const StepLines& l, std::int64_t n, StepPiece out[2]) {
    const Crossing c = crossing(l);
    const std::int64_t split = std::clamp<std::int64_t>(c.switchAt, 0, std::max<std::int64_t>(n, 0));
    const double firstA = c.line1First ? l.a1 : l.a0, firstS = c.line1First ? l.s1 : l.s0;
    const double thenA = c.line1First ? l.a0 : l.a1, thenS = c.line1First ? l.s0 : l.s1;
    int count = 0;
    if (split > 0) out[count++] = {firstA, firstS, 0, split};
    if (n > split) out[count++] = {thenA, thenS, split, n};
    return count;
}

double sumSteps(const StepLines& l, std::int64_t n) {
    if (n <= 0) return 0.0;
    StepPiece pieces[2];
    const int count = stepPieces(l, n, pieces);
    double sum = 0.0;
    for (int i = 0; i < count; ++i) sum += lineSum(pieces[i].a, pieces[i].s, pieces[i].from, pieces[i].to);
    return sum;
}

std::int64_t stepsWithin(const StepLines& l, double budget, std::int64_t maxSteps) {
    if (maxSteps <= 0 || budget < l.at(0)) return 0;
    // Step times are positive, so the sum is increasing: estimate with the
    // quadratic of the first piece, then correct with exact sums.
    const double a = l.at(0);
    const double s = std::max(l.s0, l.s1) > 0.0 ? (l.at(1) - a) : 0.0;
    double guess;
    if (std::abs(s) < 1e-18) {
        guess = budget / a;
    } else {
        // n*a + s*n(n-1)/2 = budget
        const double b = a - s / 2.0;
        const double disc = b * b + 2.0 * s * budget;
        guess = disc > 0.0 ? (-b + std::sqrt(disc)) / s : budget / a;
    }
    // 9e18, not double(maxSteps): INT64_MAX rounds up to 2^63, which does not convert back.
    auto n = std::min(maxSteps, static_cast<std::int64_t>(std::clamp(guess, 0.0, 9e18)));
    // The guess is exact up to rounding unless the lines cross inside: a few
    // exact corrections, else bisection. Invariant: sum(lo) <= budget < sum(hi).
    for (int tries = 0; tries < 4; ++tries) {
        if (sumSteps(l, n) > budget) {
            --n;
        } else if (n < maxSteps && sumSteps(l, n + 1) <= budget) {
            ++n;
        } else {
            return n;
        }
    }
    std::int64_t lo = 0, hi = maxSteps;  // sum(maxSteps) > budget is checked next
    if (sumSteps(l, maxSteps) <= budget) return maxSteps;
    while (hi - lo > 1) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        (sumSteps(l, mid) <= budget ? lo : hi) = mid;
    }
    return lo;
}

StepTimeModel StepTimeModel::roofline(const LlmModel& model, const GpuSpec& gpu, int tp,
                                      const RooflineParams& p) {
    StepTimeModel m;
    m.roofline_ = true;
    const double t = std::max(1, tp);
    m.secondsPerFlop_ = 1.0 / (gpu.denseTflops * 1e12 * p.mfu * t);
    // Weights and KV heads are both sharded over the tp GPUs.
    m.secondsPerByte_ = 1.0 / (gpu.memoryBandwidthGBs * 1e9 * p.mbu * t);
    m.flopsPerToken_ = 2.0 * model.paramsBillions * 1e9;
    m.attentionFlopsPerPair_ = 4.0 * model.layers * static_cast<double>(model.hidden);
    m.weightBytes_ = model.weightBytes();
    m.kvBytesPerToken_ = model.kvBytesPerToken();
    m.tau0_ = p.tau0Seconds;
    m.tauRequest_ = p.tauRequestSeconds;
    return m;
}

StepTimeModel StepTimeModel::coefficients(const StepCoefficients& c) {
    StepTimeModel m;
    m.c_ = c;
    return m;
}

StepTimeModel StepTimeModel::forService(const LlmServiceSpec& s) {
    if (s.stepTime.kind == StepTimeKind::Roofline)
        return roofline(s.model, s.gpu, s.tp, s.stepTime.roofline);
    return coefficients(s.stepTime.coefficients);
}

double StepTimeModel::stepSeconds(const StepLoad& x) const {
    if (!roofline_) {
        return c_.a0Seconds + c_.perPrefillTokenSeconds * x.prefillTokens +
               c_.perPrefillTokenSquaredSeconds * x.prefillTokens * x.prefillTokens +
               c_.perContextTokenSeconds * x.decodeContext + c_.perDecodeSeqSeconds * x.decodeSeqs +
               c_.perChunkSeconds * x.prefillChunks;
    }
    const double flops = flopsPerToken_ * (x.prefillTokens + x.decodeSeqs) +
                         attentionFlopsPerPair_ * (x.prefillAttention + x.decodeContext);
    const double bytes = weightBytes_ + kvBytesPerToken_ * (x.prefillContext + x.decodeContext);
    return tau0_ + tauRequest_ * (x.decodeSeqs + x.prefillChunks) +
           std::max(flops * secondsPerFlop_, bytes * secondsPerByte_);
}

StepLines StepTimeModel::decodeLines(int decodeSeqs, double sumContext) const {
    const double d = decodeSeqs;
    if (!roofline_) {
        const double a = c_.a0Seconds + c_.perContextTokenSeconds * sumContext + c_.perDecodeSeqSeconds * d;
        const double s = c_.perContextTokenSeconds * d;
        return {a, s, a, s};
    }
    const double fixed = tau0_ + tauRequest_ * d;
    StepLines l;
    l.a0 = fixed + (flopsPerToken_ * d + attentionFlopsPerPair_ * sumContext) * secondsPerFlop_;
    l.s0 = attentionFlopsPerPair_ * d * secondsPerFlop_;
    l.a1 = fixed + (weightBytes_ + kvBytesPerToken_ * sumContext) * secondsPerByte_;
    l.s1 = kvBytesPerToken_ * d * secondsPerByte_;
    return l;
}

}  // namespace breakeven
