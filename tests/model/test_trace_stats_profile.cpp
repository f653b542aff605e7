// TraceStats extensions for the app's Trace view: log2 token histograms,
// peak-to-mean burstiness and profileTrace (statistics, arrivals per minute
// and histograms in one pass) on a hand-made CSV whose numbers are worked
// out in the comments.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/trace/TraceReader.h"
#include "model/trace/TraceStats.h"

namespace breakeven::trace {
namespace {

std::string requestsCsv() { return std::string(BREAKEVEN_TEST_DATA_DIR) + "/gui/import/requests.csv"; }

TraceOptions requestsMapping() {
    TraceOptions o;
    o.format = TraceFormat::Csv;
    o.mapping.timeColumn = "sent_ms";
    o.mapping.timeUnit = "ms";
    o.mapping.serviceColumn = "latency_ms";
    o.mapping.serviceUnit = "ms";
    o.mapping.inputTokensColumn = "prompt_tokens";
    o.mapping.outputTokensColumn = "completion_tokens";
    o.mapping.keyColumn = "tenant";
    return o;
}

TEST(TraceStatsHistogram, Log2BinsHoldZeroThenPowersOfTwo) {
    IntegerTally t;
    EXPECT_TRUE(t.log2Histogram().empty());
    for (std::uint64_t v : {0, 1, 2, 3, 4, 7, 8, 1023, 1024}) t.add(v);
    // bin 0: {0}; 1: {1}; 2: [2,3]; 3: [4,7]; 4: [8,15]; ...; 10: [512,1023]; 11: [1024,2047]
    const std::vector<std::uint64_t> expected{1, 1, 2, 2, 1, 0, 0, 0, 0, 0, 1, 1};
    EXPECT_EQ(t.log2Histogram(), expected);
}

TEST(TraceStatsHistogram, PeakToMeanNeedsASpan) {
    TraceStatistics s;
    EXPECT_FALSE(peakToMeanPerMinute(s));
    s.meanRatePerSecond = 0.5;  // 30 per minute
    s.peakPerMinute = 45;
    EXPECT_DOUBLE_EQ(*peakToMeanPerMinute(s), 1.5);
}

TEST(TraceProfile, HandMadeCsv) {
    auto reader = openTrace(requestsCsv(), requestsMapping());
    const TraceProfile p = profileTrace(*reader);
    EXPECT_EQ(p.stats.requests, 12u);
    EXPECT_DOUBLE_EQ(p.stats.durationSeconds, 180.0);  // 1 s to 181 s
    // Minutes after the first arrival: {0,1,1,14,58} {60,61,62,63,119} {149} {180}
    EXPECT_EQ(p.arrivalsPerMinute, (std::vector<std::uint64_t>{5, 5, 1, 1}));
    // [14 s, 74 s) holds 14, 58, 60, 61, 62, 63; the mean is 12 / 3 min = 4 per minute.
    EXPECT_EQ(p.stats.peakPerMinute, 6u);
    EXPECT_DOUBLE_EQ(*peakToMeanPerMinute(p.stats), 1.5);
    // prompt tokens 120 130 0 1 500 64 63 2000 128 255 256 100
    EXPECT_EQ(p.inputTokensLog2, (std::vector<std::uint64_t>{1, 1, 0, 0, 0, 0, 1, 3, 3, 2, 0, 1}));
    // completion tokens 30 12 1 64 200 8 9 400 16 31 33 12
    EXPECT_EQ(p.outputTokensLog2, (std::vector<std::uint64_t>{0, 1, 0, 0, 4, 3, 1, 1, 1, 1}));
    EXPECT_EQ(p.report.format, TraceFormat::Csv);
    ASSERT_TRUE(p.report.clockOriginMicros);
    EXPECT_EQ(*p.report.clockOriginMicros, 1'000'000);  // an offset, not an epoch time
    ASSERT_TRUE(p.stats.serviceSeconds);
    EXPECT_EQ(p.stats.serviceSeconds->count, 12u);
}

TEST(TraceProfile, SeriesIsCappedButStatisticsAreNot) {
    auto reader = openTrace(requestsCsv(), requestsMapping());
    const TraceProfile p = profileTrace(*reader, 2);
    EXPECT_EQ(p.arrivalsPerMinute, (std::vector<std::uint64_t>{5, 5}));
    EXPECT_EQ(p.stats.minutes, 4u);
    EXPECT_EQ(p.stats.requests, 12u);
}

TEST(TraceProfile, NoTokenColumnsNoHistograms) {
    TraceOptions o = requestsMapping();
    o.mapping.inputTokensColumn.reset();
    o.mapping.outputTokensColumn.reset();
    auto reader = openTrace(requestsCsv(), o);
    const TraceProfile p = profileTrace(*reader);
    EXPECT_TRUE(p.inputTokensLog2.empty());
    EXPECT_TRUE(p.outputTokensLog2.empty());
    EXPECT_FALSE(p.stats.inputTokens);
}

TEST(TraceProfile, BadRowNamesLineAndColumn) {
    auto options = requestsMapping();
    try {
        auto reader = openTrace(std::string(BREAKEVEN_TEST_DATA_DIR) + "/gui/import/requests_bad.csv", options);
        (void)profileTrace(*reader);
        FAIL() << "no TraceError";
    } catch (const TraceError& e) {
        EXPECT_EQ(e.line(), 4u);
        EXPECT_EQ(e.column(), 5u);
    }
}

}  // namespace
}  // namespace breakeven::trace
