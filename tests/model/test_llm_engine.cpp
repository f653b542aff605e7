// The continuous-batching engine: hand-computed timelines, saturation
// throughput, KV exhaustion and preemption, and the closed-form fast mode
// against the step-by-step oracle on a real trace.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "model/sim/LlmEngine.h"
#include "model/sim/StepTime.h"
#include "model/trace/TraceReader.h"

namespace breakeven {
namespace {

struct Collect final : LlmFinishSink {
    std::vector<LlmFinish> done;
    void finished(const LlmFinish& f) override { done.push_back(f); }
};

// Feeds requests in arrival order the way the pool does, then drains.
std::vector<LlmFinish> run(const LlmServiceSpec& spec, const std::vector<Request>& requests,
                           LlmStats& stats) {
    const StepTimeModel steps = StepTimeModel::forService(spec);
    LlmEngine engine(spec, steps, stats);
    engine.reset(0.0);
    Collect sink;
    for (const Request& r : requests) {
        if (!engine.fitsAlone(r)) continue;  // the pool rejects these
        const auto now = static_cast<double>(r.arrivalMicros);
        engine.advanceTo(now, false, sink);
        engine.add(r, now);
    }
    while (!engine.idle()) engine.advanceTo(engine.segmentEnd(), true, sink);
    EXPECT_EQ(engine.inFlight(), 0u);
    return sink.done;
}

Request request(SimTime at, std::uint32_t input, std::uint32_t output) {
    Request r;
    r.arrivalMicros = at;
    r.inputTokens = input;
    r.outputTokens = output;
    return r;
}

// A tiny model whose KV cache holds exactly `blocks` 16-token blocks: 16
// bytes a token, 1 byte of weights, all GPU memory usable, no reserve.
LlmServiceSpec tinySpec(int blocks, StepCoefficients c) {
    LlmServiceSpec s;
    s.model.paramsBillions = 1e-9;
    s.model.layers = 1;
    s.model.kvHeads = 1;
    s.model.hidden = 8;
    s.model.headDim = 8;
    s.model.bytesPerWeight = 1.0;
    s.model.bytesPerKvElement = 1.0;
    s.gpu = {"tiny", (blocks * 16.0 * 16.0 + 1.0) * 1e-9, 1.0, 1.0};
    s.gpuMemoryUtilization = 1.0;
    s.kvReserveGb = 0.0;
    s.watermarkFraction = 0.0;
    s.stepTime.kind = StepTimeKind::Coefficients;
    s.stepTime.coefficients = c;
    return s;
}

StepCoefficients flat(double stepSeconds) {
    StepCoefficients c;
    c.a0Seconds = stepSeconds;
    return c;
}

TEST(LlmEngine, LoneRequestHasPrefillTtftAndDecodeTpot) {
    StepCoefficients c;
    c.a0Seconds = 0.010;
    c.perPrefillTokenSeconds = 1e-5;
    c.perDecodeSeqSeconds = 0.001;
    LlmStats stats;
    const auto done = run(tinySpec(1000, c), {request(5000, 1000, 101)}, stats);
    ASSERT_EQ(done.size(), 1u);
    // Prefill of 1,000 tokens: 10 ms + 10 ms; then 100 decode steps of 11 ms.
    EXPECT_NEAR(done[0].firstTokenMicros - 5000, 20000.0, 1e-6);
    EXPECT_NEAR(done[0].finishMicros - 5000, 20000.0 + 100 * 11000.0, 1e-6);
    EXPECT_EQ(stats.itl.count(), 100u);
    EXPECT_NEAR(stats.itl.quantileSeconds(0.5), 0.011, 0.011 * 0.005);
    EXPECT_EQ(stats.preemptions, 0u);
}

TEST(LlmEngine, RooflineLoneRequestMatchesItsStepTimes) {
    LlmServiceSpec s;
    s.model = *findLlmModelPreset("llama-2-7b");
    s.gpu = {"H200", 141, 4800, 989.5};
    const StepTimeModel steps = StepTimeModel::forService(s);
    LlmStats stats;
    const auto done = run(s, {request(0, 2048, 11)}, stats);
    ASSERT_EQ(done.size(), 1u);
    StepLoad prefill;
    prefill.prefillTokens = 2048;
    prefill.prefillChunks = 1;
    prefill.prefillAttention = 2048.0 * 1024.0;
    EXPECT_NEAR(done[0].firstTokenMicros, steps.stepSeconds(prefill) * 1e6, 1e-3);
    double decode = 0.0;  // ten steps over contexts 2048 .. 2057
    for (int k = 0; k < 10; ++k) {
        StepLoad d;
        d.decodeSeqs = 1;
        d.decodeContext = 2048 + k;
        decode += steps.stepSeconds(d);
    }
    EXPECT_NEAR(done[0].finishMicros - done[0].firstTokenMicros, decode * 1e6, 1e-3);
}

TEST(LlmEngine, SaturatedThroughputIsMaxNumSeqsTokensPerStep) {
    StepCoefficients c;
    c.a0Seconds = 0.005;
    c.perDecodeSeqSeconds = 0.0001;
    LlmServiceSpec s = tinySpec(100000, c);
    s.maxNumSeqs = 64;
    std::vector<Request> requests;
    for (int i = 0; i < 640; ++i) requests.push_back(request(0, 1, 1000));
    LlmStats stats;
    const auto done = run(s, requests, stats);
    ASSERT_EQ(done.size(), 640u);
    double last = 0.0;
    for (const auto& f : done) last = std::max(last, f.finishMicros);
    const double tokensPerSecond = 640.0 * 1000.0 / (last * 1e-6);
    const double saturated = 64.0 / (0.005 + 64 * 0.0001);  // 64 tokens per 11.4 ms step
    EXPECT_NEAR(tokensPerSecond / saturated, 1.0, 0.01);
}

// Ten blocks, two sequences of 32 prompt + 60 output tokens, 1 ms steps.
// Step 0 prefills both (4 blocks); each decode step j writes KV position
// 32 + (j - 1), a new block at positions 32, 48, 64: 6, 8, 10 blocks used.
// At step 49 both need a 6th block with none free: B (the newest) is
// preempted with 49 tokens generated, freeing 5 blocks; A runs to its 60th
// token at the end of step 59 (60 ms). B then recomputes 32 + 49 = 81 tokens
// in one step (ends 61 ms, token 50) and decodes 10 more, ending at 71 ms.
TEST(LlmEngine, KvExhaustionPreemptsTheNewestAsComputedByHand) {
    LlmStats stats;
    const auto done = run(tinySpec(10, flat(0.001)), {request(0, 32, 60), request(0, 32, 60)}, stats);
    ASSERT_EQ(done.size(), 2u);
    EXPECT_EQ(stats.preemptions, 1u);
    EXPECT_EQ(done[0].request.inputTokens, 32u);
    EXPECT_NEAR(done[0].firstTokenMicros, 1000.0, 1e-6);
    EXPECT_NEAR(done[0].finishMicros, 60000.0, 1e-6);
    EXPECT_NEAR(done[1].firstTokenMicros, 1000.0, 1e-6);
    EXPECT_NEAR(done[1].finishMicros, 71000.0, 1e-6);
    EXPECT_EQ(stats.steps, 71u);
}

TEST(LlmEngine, ReserveModeAdmitsOnlyWhatFitsWholeAndNeverPreempts) {
    LlmServiceSpec s = tinySpec(10, flat(0.001));
    s.kvMode = KvMode::Reserve;
    LlmStats stats;
    // Each needs ceil(92/16) = 6 blocks: the second waits for the first.
    const auto done = run(s, {request(0, 32, 60), request(0, 32, 60)}, stats);
    ASSERT_EQ(done.size(), 2u);
    EXPECT_EQ(stats.preemptions, 0u);
    EXPECT_NEAR(done[0].finishMicros, 60000.0, 1e-6);  // prefill + 59 decode steps
    EXPECT_NEAR(done[1].firstTokenMicros, 61000.0, 1e-6);
    EXPECT_NEAR(done[1].finishMicros, 120000.0, 1e-6);
}

TEST(LlmEngine, ArrivalJoinsAtTheNextStepBoundary) {
    LlmStats stats;
    // A decodes in 1 ms steps from t = 1 ms; B arrives at 2.5 ms and is
    // prefilled in the step starting at 3 ms (with A's decode).
    const auto done = run(tinySpec(1000, flat(0.001)), {request(0, 10, 20), request(2500, 10, 2)}, stats);
    ASSERT_EQ(done.size(), 2u);  // in finish order: B first
    EXPECT_NEAR(done[1].firstTokenMicros, 1000.0, 1e-6);
    EXPECT_NEAR(done[1].finishMicros, 20000.0, 1e-6);
    EXPECT_NEAR(done[0].firstTokenMicros, 4000.0, 1e-6);
    EXPECT_NEAR(done[0].finishMicros, 5000.0, 1e-6);
}

TEST(LlmEngine, ChunkedPrefillSplitsLongPromptsByTheTokenBudget) {
    StepCoefficients c;
    c.a0Seconds = 0.001;
    c.perPrefillTokenSeconds = 1e-6;
    LlmServiceSpec s = tinySpec(10000, c);
    s.maxNumBatchedTokens = 1000;
    LlmStats stats;
    const auto done = run(s, {request(0, 2500, 1)}, stats);
    ASSERT_EQ(done.size(), 1u);
    // Chunks of 1000, 1000, 500 tokens: 2 + 2 + 1.5 ms.
    EXPECT_NEAR(done[0].firstTokenMicros, 5500.0, 1e-6);
    EXPECT_EQ(stats.steps, 3u);
}

TEST(LlmEngine, FitsAloneChecksKvAndTheBatchBudget) {
    LlmServiceSpec s = tinySpec(10, flat(0.001));
    LlmStats stats;
    const StepTimeModel steps = StepTimeModel::forService(s);
    const LlmEngine engine(s, steps, stats);
    EXPECT_TRUE(engine.fitsAlone(request(0, 100, 60)));   // 160 tokens = 10 blocks
    EXPECT_FALSE(engine.fitsAlone(request(0, 100, 61)));
    s.chunkedPrefill = false;
    s.maxNumBatchedTokens = 50;
    const LlmEngine unchunked(s, steps, stats);
    EXPECT_FALSE(unchunked.fitsAlone(request(0, 51, 1)));
}

// The closed form and the step-by-step oracle give every request the same
// first-token and finish times (to far below a microsecond) on a real trace,
// squeezed onto a small KV cache so that preemption happens too.
TEST(LlmEngine, FastModeAgreesWithTheOracleOnTheAzureConvTrace) {
    trace::TraceOptions options;
    options.format = trace::TraceFormat::AzureLlm;
    auto reader = trace::openTrace(BREAKEVEN_SOURCE_DIR "/resources/traces/AzureLLMInferenceTrace_conv.csv", options);
    std::vector<Request> requests;
    Request r;
    while (reader->next(r) && requests.size() < 6000) {
        r.arrivalMicros /= 4;  // four times the load
        requests.push_back(r);
    }
    LlmServiceSpec s;
    s.model = *findLlmModelPreset("llama-2-7b");
    s.gpu = {"H200", 24, 4800, 989.5};  // 24 GB: ~13k tokens of KV, so it fills
    s.maxNumSeqs = 64;
    s.maxNumBatchedTokens = 2048;
    LlmStats fastStats, oracleStats;
    const auto fast = run(s, requests, fastStats);
    s.oracle = true;
    const auto oracle = run(s, requests, oracleStats);
    ASSERT_GT(fast.size(), 5900u);
    ASSERT_EQ(oracle.size(), fast.size());
    EXPECT_GT(fastStats.preemptions, 0u);
    EXPECT_EQ(fastStats.preemptions, oracleStats.preemptions);
    EXPECT_EQ(fastStats.steps, oracleStats.steps);
    double worst = 0.0;
    for (std::size_t i = 0; i < fast.size(); ++i) {
        EXPECT_EQ(fast[i].request.arrivalMicros, oracle[i].request.arrivalMicros) << i;
        worst = std::max({worst, std::abs(fast[i].firstTokenMicros - oracle[i].firstTokenMicros),
                          std::abs(fast[i].finishMicros - oracle[i].finishMicros)});
    }
    EXPECT_LT(worst, 1.0);
    EXPECT_EQ(fastStats.itl.count(), oracleStats.itl.count());
    EXPECT_NEAR(fastStats.itl.quantileSeconds(0.99), oracleStats.itl.quantileSeconds(0.99), 1e-4);
}

}  // namespace
}  // namespace breakeven
