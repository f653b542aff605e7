// model/sim/LlmColdStart: each component of an LLM instance's cold start by
// hand, sampling from the components' distributions, and the dominant part.
#include <gtest/gtest.h>

#include <string>

#include "model/sim/LlmColdStart.h"

namespace breakeven {
namespace {

// A 7B model in bf16: 7e9 x 2 = 14 GB of weights.
LlmServiceSpec sevenB(const LlmColdStart& c) {
    LlmServiceSpec s;
    s.model.paramsBillions = 7.0;
    s.model.bytesPerWeight = 2.0;
    s.coldStart = c;
    return s;
}

TEST(LlmColdStart, ComponentsByHand) {
    LlmColdStart c;
    c.imagePullSeconds = Distribution::fixed(20.0);
    c.runtimeInitSeconds = Distribution::fixed(3.0);
    c.storageBandwidthGBs = 1.4;       // 14 GB / 1.4 GB/s = 10 s
    c.formatFactor = kPickleFormatFactor;  // x 4.2 = 42 s
    c.uploadGBs = kPageableUploadGBs;  // 14 GB / 3.84 GB/s = 3.6458 s
    c.engineWarmupSeconds = Distribution::fixed(5.0);
    const LlmServiceSpec s = sevenB(c);
    Rng rng(1);
    const LlmColdStartTimes t = sampleLlmColdStart(s, rng);
    EXPECT_DOUBLE_EQ(t.imagePullSeconds, 20.0);
    EXPECT_DOUBLE_EQ(t.runtimeInitSeconds, 3.0);
    EXPECT_DOUBLE_EQ(t.weightLoadSeconds, 14e9 / 1.4e9 * 4.2);
    EXPECT_DOUBLE_EQ(t.uploadSeconds, 14e9 / 3.84e9);
    EXPECT_DOUBLE_EQ(t.engineWarmupSeconds, 5.0);
    EXPECT_DOUBLE_EQ(t.totalSeconds(), 20.0 + 3.0 + 42.0 + 14.0 / 3.84 + 5.0);
    EXPECT_EQ(dominantColdStartPart(s), LlmColdStartPart::WeightLoad);
    EXPECT_STREQ(toString(dominantColdStartPart(s)), "weightLoad");
    // Safetensors from the same volume: 10 s, and the 20 s image pull dominates.
    c.formatFactor = kSafetensorsFormatFactor;
    EXPECT_DOUBLE_EQ(weightLoadSeconds(s.model, c), 10.0);
    EXPECT_EQ(dominantColdStartPart(sevenB(c)), LlmColdStartPart::ImagePull);
    // Pinned upload (measured 55.2 GB/s on the H200): a quarter of a second.
    c.uploadGBs = kPinnedUploadGBs;
    EXPECT_DOUBLE_EQ(uploadSeconds(s.model, c), 14e9 / 55.2e9);
}

TEST(LlmColdStart, NoUploadWhenIncludedInTheLoad) {
    LlmColdStart c;
    c.uploadGBs = 0.0;
    EXPECT_EQ(uploadSeconds(sevenB(c).model, c), 0.0);
    // Without components the defaults apply: 14 GB at 2 GB/s, safetensors.
    LlmServiceSpec s = sevenB(c);
    s.coldStart.reset();
    Rng rng(3);
    const LlmColdStartTimes t = sampleLlmColdStart(s, rng);
    EXPECT_DOUBLE_EQ(t.weightLoadSeconds, 7.0);
    EXPECT_DOUBLE_EQ(t.totalSeconds(), 7.0);
    EXPECT_EQ(dominantColdStartPart(s), LlmColdStartPart::WeightLoad);
}

TEST(LlmColdStart, SampledPartsFollowTheirDistributions) {
    LlmColdStart c;
    c.imagePullSeconds = Distribution::uniform(10.0, 30.0);
    c.runtimeInitSeconds = Distribution::exponential(2.0);
    c.engineWarmupSeconds = Distribution::logNormalFromP50P99(4.0, 12.0);
    const LlmServiceSpec s = sevenB(c);
    Rng a(42), b(42);
    double sumPull = 0.0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        const LlmColdStartTimes t = sampleLlmColdStart(s, a);
        EXPECT_GE(t.imagePullSeconds, 10.0);
        EXPECT_LE(t.imagePullSeconds, 30.0);
        EXPECT_DOUBLE_EQ(t.weightLoadSeconds, 7.0);  // deterministic
        sumPull += t.imagePullSeconds;
        // Draw order is image pull, runtime init, warm-up: replayable from the seed.
        EXPECT_DOUBLE_EQ(t.imagePullSeconds, c.imagePullSeconds.sample(b));
        EXPECT_DOUBLE_EQ(t.runtimeInitSeconds, c.runtimeInitSeconds.sample(b));
        EXPECT_DOUBLE_EQ(t.engineWarmupSeconds, c.engineWarmupSeconds.sample(b));
    }
    // Uniform(10, 30): sd 5.77, standard error of the mean 0.041; 4 of them.
    EXPECT_NEAR(sumPull / n, 20.0, 0.17);
    const LlmColdStartTimes mean = expectedLlmColdStart(s);
    EXPECT_DOUBLE_EQ(mean.imagePullSeconds, 20.0);
    EXPECT_DOUBLE_EQ(mean.runtimeInitSeconds, 2.0);
    EXPECT_DOUBLE_EQ(mean.engineWarmupSeconds, c.engineWarmupSeconds.mean());
    EXPECT_EQ(dominantPart(mean), LlmColdStartPart::ImagePull);
}

TEST(LlmColdStart, PartNamesAndTies) {
    LlmColdStartTimes t;
    EXPECT_EQ(dominantPart(t), LlmColdStartPart::ImagePull);  // all zero: the first
    t.uploadSeconds = 2.0;
    t.engineWarmupSeconds = 2.0;
    EXPECT_EQ(dominantPart(t), LlmColdStartPart::Upload);
    EXPECT_STREQ(toString(LlmColdStartPart::ImagePull), "imagePull");
    EXPECT_STREQ(toString(LlmColdStartPart::RuntimeInit), "runtimeInit");
    EXPECT_STREQ(toString(LlmColdStartPart::Upload), "upload");
    EXPECT_STREQ(toString(LlmColdStartPart::EngineWarmup), "engineWarmup");
    EXPECT_DOUBLE_EQ(t.seconds(LlmColdStartPart::EngineWarmup), 2.0);
}

}  // namespace
}  // namespace breakeven
