#pragma once
// Time of one continuous-batching engine iteration (DESIGN.md "Service").
// While a batch is unchanged its decode context grows by D tokens a step, so
// the step times of a segment follow T(k) = max(line0(k), line1(k)), k = 0,
// 1, ...: two straight lines (roofline: compute and memory; a fitted or typed
// formula: one line twice). Sums and inverses over a segment are closed form.
#include <cstdint>

#include "model/domain/LlmService.h"

namespace breakeven {

// What one iteration does.
struct StepLoad {
    double prefillTokens = 0.0;    // P: prompt tokens computed this step (all chunks)
    int prefillChunks = 0;         // sequences with a prefill chunk
    double prefillAttention = 0.0; // sum over chunks of c*(p + c/2): causal attention pairs
    double prefillContext = 0.0;   // sum over chunks of p: cached context the chunks read
    int decodeSeqs = 0;            // D
    double decodeContext = 0.0;    // sum of the decoding sequences' contexts
};

// T(k) = max(a0 + s0*k, a1 + s1*k) seconds for step k of a decode segment.
struct StepLines {
    double a0 = 0.0, s0 = 0.0, a1 = 0.0, s1 = 0.0;

    [[nodiscard]] double at(double k) const {
        const double x = a0 + s0 * k, y = a1 + s1 * k;
        return x > y ? x : y;
    }
};

// The straight pieces of T over steps [0, n): T(k) = a + s*k for k in [from, to).
struct StepPiece {
    double a = 0.0, s = 0.0;
    std::int64_t from = 0, to = 0;
};
// Writes one or two pieces (the second where the other line takes over).
int stepPieces(const StepLines& lines, std::int64_t n, StepPiece out[2]);

// Sum of T(0) .. T(n-1).
double sumSteps(const StepLines& lines, std::int64_t n);
// The largest n <= maxSteps with sumSteps(n) <= budgetSeconds.
std::int64_t stepsWithin(const StepLines& lines, double budgetSeconds, std::int64_t maxSteps);

class StepTimeModel {
public:
    static StepTimeModel roofline(const LlmModel& model, const GpuSpec& gpu, int tp,
                                  const RooflineParams& params);
    static StepTimeModel coefficients(const StepCoefficients& c);
    // From a service spec (Profile: its fitted coefficients).
    static StepTimeModel forService(const LlmServiceSpec& service);

    [[nodiscard]] double stepSeconds(const StepLoad& load) const;
    // Decode-only steps with D sequences whose contexts sum to sumContext at k = 0.
    [[nodiscard]] StepLines decodeLines(int decodeSeqs, double sumContext) const;

private:
    bool roofline_ = false;
    // Roofline: seconds per FLOP and per byte (already divided by tp), fixed costs.
    double secondsPerFlop_ = 0.0, secondsPerByte_ = 0.0;
    double flopsPerToken_ = 0.0;         // 2 * params
    double attentionFlopsPerPair_ = 0.0; // 4 * layers * hidden
    double weightBytes_ = 0.0, kvBytesPerToken_ = 0.0;
    double tau0_ = 0.0, tauRequest_ = 0.0;
    StepCoefficients c_;
};

}  // namespace breakeven
