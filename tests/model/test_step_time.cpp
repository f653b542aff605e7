// model/sim/StepTime: the roofline step time computed by hand for a small
// made-up model and GPU, the closed-form sums over a decode segment against
// brute-force loops, and the roofline defaults against the real H200
// measurement of a Llama-2-7B-shaped model (../shared/data/profiles).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <utility>

#include "model/core/Rng.h"
#include "model/sim/StepTime.h"

namespace breakeven {
namespace {

// 1e9 parameters in bf16 (2e9 bytes), 4 layers of width 1024, 8 KV heads of
// 128: KV bytes per token = 2 (K, V) x 4 x 8 x 128 x 2 = 16,384.
LlmModel smallModel() {
    LlmModel m;
    m.paramsBillions = 1.0;
    m.layers = 4;
    m.hidden = 1024;
    m.kvHeads = 8;
    m.headDim = 128;
    return m;
}

GpuSpec smallGpu() { return {"toy", 80.0, 1000.0, 100.0}; }

RooflineParams smallParams() {
    RooflineParams p;
    p.mfu = 0.5;
    p.mbu = 0.8;
    p.tau0Seconds = 1e-3;
    p.tauRequestSeconds = 1e-5;
    return p;
}

StepLoad freshPrefill(double tokens) {
    StepLoad l;
    l.prefillTokens = tokens;
    l.prefillChunks = 1;
    l.prefillAttention = tokens * tokens / 2.0;
    return l;
}

StepLoad decodeStep(int seqs, double contextEach) {
    StepLoad l;
    l.decodeSeqs = seqs;
    l.decodeContext = seqs * contextEach;
    return l;
}

TEST(Roofline, PrefillIsComputeBound) {
    const auto m = StepTimeModel::roofline(smallModel(), smallGpu(), 1, smallParams());
    // 1,000 fresh tokens: 2 x 1e9 x 1000 FLOPs for the weights plus attention
    // 4 x layers x hidden per causal pair, 1000 x 500 pairs:
    //   2e12 + 16,384 x 5e5 = 2.008192e12 FLOPs / (100e12 x 0.5) = 0.04016384 s;
    // memory 2e9 B / (1e12 x 0.8) = 0.0025 s is below it.
    const double expected = 1e-3 + 1e-5 * 1 + 0.04016384;
    EXPECT_NEAR(m.stepSeconds(freshPrefill(1000)), expected, 1e-12);
}

TEST(Roofline, DecodeIsMemoryBound) {
    const auto m = StepTimeModel::roofline(smallModel(), smallGpu(), 1, smallParams());
    // 4 sequences of 1,000 context: bytes 2e9 + 16,384 x 4000 = 2.065536e9,
    // / 8e11 B/s = 0.00258192 s; compute (8e9 + 16,384 x 4000) / 5e13 = 0.000161 s.
    const double expected = 1e-3 + 1e-5 * 4 + 0.00258192;
    EXPECT_NEAR(m.stepSeconds(decodeStep(4, 1000)), expected, 1e-12);
    // The segment's lines give the same step times as it proceeds: each step
    // adds one token of context to each of the 4 sequences.
    const StepLines lines = m.decodeLines(4, 4000);
    for (int k : {0, 1, 7, 1000})
        EXPECT_NEAR(lines.at(k), m.stepSeconds(decodeStep(4, 1000 + k)), 1e-12) << "step " << k;
}

TEST(Roofline, TensorParallelHalvesComputeAndMemory) {
    const auto m = StepTimeModel::roofline(smallModel(), smallGpu(), 2, smallParams());
    // The fixed costs stay; FLOPs and bytes (weights and KV heads) split over 2 GPUs.
    EXPECT_NEAR(m.stepSeconds(freshPrefill(1000)), 1e-3 + 1e-5 + 0.04016384 / 2.0, 1e-12);
    EXPECT_NEAR(m.stepSeconds(decodeStep(4, 1000)), 1e-3 + 4e-5 + 0.00258192 / 2.0, 1e-12);
}

TEST(Coefficients, FormulaAndLines) {
    StepCoefficients c;
    c.a0Seconds = 0.004;
    c.perPrefillTokenSeconds = 2e-5;
    c.perPrefillTokenSquaredSeconds = 1e-10;
    c.perContextTokenSeconds = 3e-8;
    c.perDecodeSeqSeconds = 1e-5;
    c.perChunkSeconds = 1e-4;
    const auto m = StepTimeModel::coefficients(c);
    StepLoad mixed = freshPrefill(1000);
    mixed.decodeSeqs = 10;
    mixed.decodeContext = 5000;
    EXPECT_NEAR(m.stepSeconds(mixed), 0.004 + 0.02 + 1e-4 + 1.5e-4 + 1e-4 + 1e-4, 1e-15);
    const StepLines lines = m.decodeLines(10, 5000);
    EXPECT_NEAR(lines.at(3), m.stepSeconds(decodeStep(10, 503)), 1e-15);
}

// ---------------------------------------------------------------- segment sums

double bruteSum(const StepLines& l, std::int64_t n) {
    double s = 0.0;
    for (std::int64_t k = 0; k < n; ++k) s += l.at(static_cast<double>(k));
    return s;
}

StepLines randomLines(Rng& rng, bool crossInside, std::int64_t n) {
    const auto u = [&rng](double lo, double hi) { return lo + (hi - lo) * rng.uniform01(); };
    StepLines l{u(1e-3, 1e-2), u(0.0, 1e-5), u(1e-3, 1e-2), u(0.0, 1e-5)};
    if (crossInside) {
        // The lower-starting line is steeper and overtakes at k* in (0, n).
        l.a1 = l.a0 * u(0.1, 0.9);
        const double kStar = u(1.0, static_cast<double>(n - 1));
        l.s1 = l.s0 + (l.a0 - l.a1) / kStar;
        if (rng.uniform01() < 0.5) {
            std::swap(l.a0, l.a1);
            std::swap(l.s0, l.s1);
        }
    }
    return l;
}

bool crossesWithin(const StepLines& l, std::int64_t n) {
    const bool first = l.a0 >= l.a1;
    const double last = static_cast<double>(n - 1);
    return first != (l.a0 + l.s0 * last >= l.a1 + l.s1 * last);
}

TEST(StepSums, SumMatchesBruteForce) {
    Rng rng(2024);
    int crossing = 0;
    for (int trial = 0; trial < 400; ++trial) {
        const std::int64_t n = 1 + static_cast<std::int64_t>(rng.below(3000));
        const StepLines l = randomLines(rng, trial % 2 == 0 && n > 2, n);
        crossing += crossesWithin(l, n) ? 1 : 0;
        for (std::int64_t m : {std::int64_t{0}, std::int64_t{1}, n / 3, n}) {
            const double brute = bruteSum(l, m);
            EXPECT_NEAR(sumSteps(l, m), brute, 1e-11 * (1.0 + brute)) << "trial " << trial << " m " << m;
        }
    }
    EXPECT_GT(crossing, 150);  // most of the crossing half does cross mid-segment
}

TEST(StepSums, StepsWithinMatchesBruteForce) {
    Rng rng(77);
    for (int trial = 0; trial < 400; ++trial) {
        const std::int64_t n = 2 + static_cast<std::int64_t>(rng.below(3000));
        const StepLines l = randomLines(rng, trial % 2 == 0, n);
        // A budget halfway into step m, so rounding cannot move the answer.
        const std::int64_t m = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(n)));
        const double budget = bruteSum(l, m) + l.at(static_cast<double>(m)) / 2.0;
        EXPECT_EQ(stepsWithin(l, budget, n), m) << "trial " << trial;
        // A cap below the answer wins; a budget covering everything gives the cap.
        EXPECT_EQ(stepsWithin(l, budget, m / 2), m / 2) << "trial " << trial;
        EXPECT_EQ(stepsWithin(l, bruteSum(l, n) * 1.001, n), n) << "trial " << trial;
    }
    const StepLines l{0.01, 0.0, 0.005, 0.0};
    EXPECT_EQ(stepsWithin(l, 0.0099, 100), 0);
    EXPECT_EQ(stepsWithin(l, 0.0, 100), 0);
    EXPECT_EQ(stepsWithin(l, 1.0, 0), 0);
    // No cap (INT64_MAX) and lines that cross far from the first guess: the
    // bisection must not overflow its upper end.
    const StepLines late{1.0, 0.0, 0.5, 0.001};
    EXPECT_EQ(stepsWithin(late, 1e6, INT64_MAX), stepsWithin(late, 1e6, 10'000'000));
    EXPECT_EQ(stepsWithin(late, 1e6, 10'000'000), 44221);
}

// ---------------------------------------------------------------- H200 check

// ../shared/data/profiles/h200-llama7b-shape.csv: one H200, Llama-2-7B shape, bf16.
struct Measured {
    const char* phase;
    int batch;
    double tokens, context, seconds;
};
constexpr Measured kH200[] = {
    {"prefill", 1, 128, 128, 0.015899},  {"prefill", 1, 512, 512, 0.015668},
    {"prefill", 1, 2048, 2048, 0.051807}, {"prefill", 1, 8192, 8192, 0.231413},
    {"decode", 1, 1, 512, 0.004925},     {"decode", 1, 1, 2048, 0.005072},
    {"decode", 1, 1, 8192, 0.005782},    {"decode", 8, 8, 512, 0.006037},
    {"decode", 8, 8, 2048, 0.007466},    {"decode", 32, 32, 512, 0.007802},
    {"decode", 32, 32, 2048, 0.013416},  {"decode", 128, 128, 512, 0.014092},
};

StepTimeModel h200Llama7b() {
    LlmModel m;
    m.paramsBillions = 6.73841152;  // the measured model's parameter count
    m.layers = 32;
    m.hidden = 4096;
    m.kvHeads = 32;
    m.headDim = 128;
    const GpuSpec h200{"H200", 141.0, 4800.0, 989.5};  // the catalogue's figures
    return StepTimeModel::roofline(m, h200, 1, RooflineParams{});
}

double relativeError(const StepTimeModel& model, const Measured& row) {
    const bool prefill = std::string_view(row.phase) == "prefill";
    const StepLoad load = prefill ? freshPrefill(row.tokens) : decodeStep(row.batch, row.context);
    return (model.stepSeconds(load) - row.seconds) / row.seconds;
}

TEST(RooflineH200, DefaultsMatchTheMeasurement) {
    const StepTimeModel model = h200Llama7b();
    double worstDecode = 0.0;
    for (const auto& row : kH200) {
        const double e = relativeError(model, row);
        std::printf("  %-7s batch %3d tokens %5.0f context %5.0f: measured %.6f s, roofline %+.1f %%\n",
                    row.phase, row.batch, row.tokens, row.context, row.seconds, 100.0 * e);
        if (std::string_view(row.phase) == "decode") worstDecode = std::max(worstDecode, std::abs(e));
    }
    // Issue 7's acceptance rows: prefill of 2,048 tokens, decode batch 1.
    EXPECT_LT(std::abs(relativeError(model, kH200[2])), 0.25);
    EXPECT_LT(std::abs(relativeError(model, kH200[4])), 0.25);
    // With the defaults (MBU 0.7, tau0 0.2 ms, tau per sequence 5 us) seven of the
    // eight decode rows are within 15 %; batch 8 at context 512 is -19.0 %: the
    // measurement has a per-sequence cost at short contexts that no single
    // tauRequest also fits at batch 128 (docs/llm.md lists better-fitting values).
    EXPECT_LT(worstDecode, 0.20);
    std::printf("  worst decode row: %.1f %%\n", 100.0 * worstDecode);
}

}  // namespace
}  // namespace breakeven
