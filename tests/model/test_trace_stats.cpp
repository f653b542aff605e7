// Trace statistics (model/trace/TraceStats.h): hand-computed values on
// synthetic request streams, then the bundled traces against the published
// table in ../shared/data/traces/README.md.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/trace/TraceReader.h"
#include "model/trace/TraceStats.h"

namespace breakeven::trace {
namespace {

Request at(double seconds, std::uint32_t in = 0, std::uint32_t out = 0, SimTime service = -1) {
    Request r;
    r.arrivalMicros = secondsToSimTime(seconds);
    r.inputTokens = in;
    r.outputTokens = out;
    r.serviceMicros = service;
    return r;
}

TraceStatistics statsOf(const std::vector<Request>& requests, TraceStatsOptions options = {}) {
    TraceStatsAccumulator acc(std::move(options));
    for (const Request& r : requests) acc.add(r);
    return acc.finish();
}

TEST(TraceStats, EmptyStreamHasNoRatesOrDistributions) {
    const TraceStatistics s = statsOf({});
    EXPECT_EQ(s.requests, 0u);
    EXPECT_EQ(s.durationSeconds, 0.0);
    EXPECT_FALSE(s.meanRatePerSecond);
    EXPECT_EQ(s.peakPerSecond, 0u);
    EXPECT_EQ(s.peakPerMinute, 0u);
    EXPECT_FALSE(s.interarrivalCv);
    EXPECT_FALSE(s.inputTokens);
    EXPECT_FALSE(s.outputTokens);
    EXPECT_FALSE(s.serviceSeconds);
    EXPECT_EQ(s.minutes, 0u);
}

TEST(TraceStats, OneRequest) {
    const TraceStatistics s = statsOf({at(0, 100, 7, 250'000)});
    EXPECT_EQ(s.requests, 1u);
    EXPECT_EQ(s.durationSeconds, 0.0);
    EXPECT_FALSE(s.meanRatePerSecond);  // requests / 0 s is undefined
    EXPECT_EQ(s.peakPerSecond, 1u);
    EXPECT_EQ(s.peakPerMinute, 1u);
    EXPECT_EQ(s.alignedPeakPerSecond, 1u);
    EXPECT_FALSE(s.interarrivalCv);  // no gaps
    ASSERT_TRUE(s.inputTokens);
    EXPECT_EQ(s.inputTokens->p50, 100.0);
    EXPECT_EQ(s.inputTokens->p99, 100.0);
    EXPECT_EQ(s.inputTokens->max, 100.0);
    EXPECT_EQ(s.outputTokens->mean, 7.0);
    ASSERT_TRUE(s.serviceSeconds);
    EXPECT_NEAR(s.serviceSeconds->p50, 0.25, 0.25 * 0.004);
    EXPECT_EQ(s.minutes, 1u);
}

TEST(TraceStats, SlidingPeakUsesHalfOpenWindowsPlacedAnywhere) {
    // [0.2, 1.2) holds 0.2, 0.9, 1.0, 1.1 = 4; no calendar second holds more than 3.
    const TraceStatistics s = statsOf({at(0), at(0.2), at(0.9), at(1.0), at(1.1), at(1.2)});
    EXPECT_EQ(s.peakPerSecond, 4u);
    EXPECT_EQ(s.alignedPeakPerSecond, 3u);
    EXPECT_EQ(s.peakPerMinute, 6u);
    EXPECT_DOUBLE_EQ(*s.meanRatePerSecond, 6 / 1.2);
    // Arrivals exactly one window apart never share a window.
    EXPECT_EQ(statsOf({at(0), at(1)}).peakPerSecond, 1u);
    EXPECT_EQ(statsOf({at(0), at(59.999999)}).peakPerMinute, 2u);
    EXPECT_EQ(statsOf({at(0), at(60)}).peakPerMinute, 1u);
}

TEST(TraceStats, EqualArrivalTimesAllCount) {
    const TraceStatistics s = statsOf({at(3), at(3), at(3), at(3), at(3), at(3.5)});
    EXPECT_EQ(s.peakPerSecond, 6u);
    EXPECT_EQ(s.alignedPeakPerSecond, 6u);
    // Gaps 0,0,0,0,0.5: mean 0.1, population std 0.2 -> CV 2.
    EXPECT_NEAR(*s.interarrivalCv, 2.0, 1e-12);
    // All gaps zero: the mean gap is 0 and the CV undefined.
    EXPECT_FALSE(statsOf({at(1), at(1), at(1)}).interarrivalCv);
}

TEST(TraceStats, InterarrivalCvIsPopulationStdOverMean) {
    // Gaps 1, 2: mean 1.5, population std 0.5.
    EXPECT_NEAR(*statsOf({at(0), at(1), at(3)}).interarrivalCv, 1.0 / 3.0, 1e-12);
    // Gaps 0, 2 (a zero gap counts): mean 1, std 1.
    EXPECT_NEAR(*statsOf({at(0), at(0), at(2)}).interarrivalCv, 1.0, 1e-12);
    // Evenly spaced arrivals are not bursty at all.
    std::vector<Request> even;
    for (int i = 0; i < 1000; ++i) even.push_back(at(i * 0.25));
    EXPECT_NEAR(*statsOf(even).interarrivalCv, 0.0, 1e-9);
}

TEST(TraceStats, TokenPercentilesAreNearestRank) {
    std::vector<Request> hundred;
    for (std::uint32_t i = 1; i <= 100; ++i) hundred.push_back(at(i, i, 101 - i));
    const TraceStatistics s = statsOf(hundred);
    EXPECT_DOUBLE_EQ(s.inputTokens->mean, 50.5);
    EXPECT_EQ(s.inputTokens->p50, 50.0);  // rank ceil(0.5 * 100) = 50
    EXPECT_EQ(s.inputTokens->p99, 99.0);  // rank 99, not an interpolation
    EXPECT_EQ(s.inputTokens->max, 100.0);
    EXPECT_TRUE(s.inputTokens->integral);
    EXPECT_FALSE(s.inputTokens->approximate);
    EXPECT_EQ(s.outputTokens->p50, 50.0);  // same values, reversed order

    IntegerTally three;
    for (std::uint64_t v : {30, 10, 20}) three.add(v);
    EXPECT_EQ(three.nearestRank(50), 20u);  // rank ceil(1.5) = 2
    EXPECT_EQ(three.nearestRank(99), 30u);  // rank ceil(2.97) = 3
    EXPECT_EQ(three.nearestRank(0), 10u);   // rank is at least 1
    IntegerTally repeated;  // one map entry per distinct value
    for (int i = 0; i < 99; ++i) repeated.add(5);
    repeated.add(1'000'000);
    EXPECT_EQ(repeated.nearestRank(99), 5u);
    EXPECT_EQ(repeated.nearestRank(100), 1'000'000u);
}

TEST(TraceStats, AbsentColumnsAndServiceTimesAreOmitted) {
    TraceStatsOptions options;
    options.hasInputTokens = false;
    const TraceStatistics s = statsOf({at(0, 1, 2, 100'000), at(1, 1, 2), at(2, 1, 2, 300'000)},
                                      options);
    EXPECT_FALSE(s.inputTokens);
    ASSERT_TRUE(s.outputTokens);
    ASSERT_TRUE(s.serviceSeconds);
    EXPECT_EQ(s.serviceSeconds->count, 2u);  // the row without a duration is not a 0
    EXPECT_TRUE(s.serviceSeconds->approximate);
    EXPECT_NEAR(s.serviceSeconds->mean, 0.2, 1e-12);
    EXPECT_NEAR(s.serviceSeconds->p50, 0.1, 0.1 * 0.004);
    EXPECT_DOUBLE_EQ(s.serviceSeconds->max, 0.3);
}

TEST(TraceStats, MinuteSeriesIncludesEmptyMinutes) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> series;
    TraceStatsOptions options;
    options.minuteSink = [&](std::uint64_t m, std::uint64_t n) { series.emplace_back(m, n); };
    const TraceStatistics s = statsOf({at(0), at(30), at(61), at(200)}, options);
    const std::vector<std::pair<std::uint64_t, std::uint64_t>> expected{{0, 2}, {1, 1}, {2, 0}, {3, 1}};
    EXPECT_EQ(series, expected);
    EXPECT_EQ(s.minutes, 4u);
}

TEST(TraceStats, AlignedPeaksFollowTheFilesClock) {
    TraceStatsOptions options;
    options.clockOriginMicros = 500'000;  // the first arrival is at x.5 s
    EXPECT_EQ(statsOf({at(0), at(0.4), at(0.6)}, options).alignedPeakPerSecond, 2u);
    EXPECT_EQ(statsOf({at(0), at(0.4), at(0.6)}).alignedPeakPerSecond, 3u);
}

TEST(TraceStats, OutOfOrderArrivalsAreRejected) {
    TraceStatsAccumulator acc;
    acc.add(at(2));
    EXPECT_THROW(acc.add(at(1)), std::invalid_argument);
}

TEST(TraceStats, ParsesIsoUtcTimes) {
    EXPECT_EQ(parseIsoUtcMicros("1970-01-01T00:00:00Z"), SimTime{0});
    // calendar.timegm((2023, 11, 16, 18, 15, 46)) = 1700158546
    EXPECT_EQ(parseIsoUtcMicros("2023-11-16 18:15:46.6805900"), SimTime{1'700'158'546'680'590});
    EXPECT_EQ(parseIsoUtcMicros("2023-11-16T19:15:46.68059+01:00"), SimTime{1'700'158'546'680'590});
    EXPECT_EQ(parseIsoUtcMicros("2000-03-01T00:00:01"), SimTime{951'868'801'000'000});
    for (const char* bad : {"", "2023-11-16", "2023-13-01T00:00:00", "2023-11-16T18:15", "x023-11-16T00:00:00",
                            "2023-11-16T00:00:00.", "2023-11-16T00:00:00Zjunk"})
        EXPECT_FALSE(parseIsoUtcMicros(bad)) << bad;
}

// A TraceReader over a vector, to test collectTraceStats without the readers.
class VectorReader : public TraceReader {
public:
    VectorReader(std::vector<Request> requests, TraceReport report)
        : requests_(std::move(requests)), report_(std::move(report)) {}
    bool next(Request& out) override {
        if (next_ == requests_.size()) return false;
        out = requests_[next_++];
        return true;
    }
    const TraceReport& report() const override { return report_; }
    double progress() const override {
        return requests_.empty() ? 1.0 : static_cast<double>(next_) / static_cast<double>(requests_.size());
    }

private:
    std::vector<Request> requests_;
    TraceReport report_;
    std::size_t next_ = 0;
};

TEST(TraceStats, CollectUsesTheReportsColumnsAndStartTime) {
    TraceReport report;
    report.startTime = "2023-11-16T18:15:46.680590Z";
    report.hasInputTokens = true;
    // 46.68059, 46.98059 and 47.08059 s: one sliding second, two calendar seconds.
    VectorReader reader({at(0, 5), at(0.3, 6), at(0.4, 7)}, report);
    const TraceStatistics s = collectTraceStats(reader);
    EXPECT_EQ(s.requests, 3u);
    EXPECT_EQ(s.peakPerSecond, 3u);
    EXPECT_EQ(s.alignedPeakPerSecond, 2u);
    EXPECT_EQ(s.inputTokens->p50, 6.0);
    EXPECT_FALSE(s.outputTokens);

    VectorReader empty({}, TraceReport{});
    EXPECT_EQ(collectTraceStats(empty).requests, 0u);
}

// --- The bundled traces against README.md's table --------------------------

struct Published {
    const char* file;
    std::uint64_t requests;
    double spanSeconds, meanRate;
    std::uint64_t peak1s, peak60s, aligned1s, aligned60s;
    double cv;  // printed to 3 decimals
    double inMean, inP50, inP99, inMax, outMean, outP50, outP99, outMax;
};

const Published kConv{"AzureLLMInferenceTrace_conv.csv", 19366, 3501.721937, 5.530422, 19, 522, 19, 502,
                      1.094, 1154.6974, 1020, 4142, 14050, 211.1259, 129, 601, 1000};
const Published kCode{"AzureLLMInferenceTrace_code.csv", 8819, 3435.948056, 2.566686, 72, 723, 67, 585,
                      13.151, 2047.8483, 1469, 7436, 7437, 27.8825, 13, 252, 1899};
const Published kMooncake{"mooncake_conversation_trace.jsonl", 12031, 3536.999, 3.401471, 28, 260, 28, 247,
                          3.034, 12035.0613, 6909, 85401, 126195, 342.6189, 350, 1120, 2000};

std::filesystem::path traceDir() { return std::filesystem::path(BREAKEVEN_SHARED_DIR) / "data" / "traces"; }

void expectPublished(const TraceStatistics& s, const Published& p) {
    EXPECT_EQ(s.requests, p.requests);
    EXPECT_NEAR(s.durationSeconds, p.spanSeconds, 1e-6);
    EXPECT_NEAR(*s.meanRatePerSecond, p.meanRate, 1e-6);
    EXPECT_EQ(s.peakPerSecond, p.peak1s);
    EXPECT_EQ(s.peakPerMinute, p.peak60s);
    EXPECT_EQ(s.alignedPeakPerSecond, p.aligned1s);
    EXPECT_EQ(s.alignedPeakPerMinute, p.aligned60s);
    EXPECT_NEAR(*s.interarrivalCv, p.cv, 0.0005);
    ASSERT_TRUE(s.inputTokens && s.outputTokens);
    EXPECT_NEAR(s.inputTokens->mean, p.inMean, 1e-4);
    EXPECT_EQ(s.inputTokens->p50, p.inP50);
    EXPECT_EQ(s.inputTokens->p99, p.inP99);
    EXPECT_EQ(s.inputTokens->max, p.inMax);
    EXPECT_NEAR(s.outputTokens->mean, p.outMean, 1e-4);
    EXPECT_EQ(s.outputTokens->p50, p.outP50);
    EXPECT_EQ(s.outputTokens->p99, p.outP99);
    EXPECT_EQ(s.outputTokens->max, p.outMax);
    EXPECT_FALSE(s.serviceSeconds);
}

// Independent of model/trace's readers: a minimal parser of the two layouts,
// so the statistics are checked even if a reader has a bug (and vice versa).
TraceStatistics statsFromRawFile(const Published& p) {
    std::ifstream in(traceDir() / p.file, std::ios::binary);
    std::string line;
    std::vector<Request> requests;
    const bool jsonLines = std::string(p.file).ends_with(".jsonl");
    if (!jsonLines) std::getline(in, line);  // header
    SimTime origin = 0;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        Request r;
        if (jsonLines) {
            const auto j = nlohmann::json::parse(line);
            r.arrivalMicros = j.at("timestamp").get<SimTime>() * 1000;
            r.inputTokens = j.at("input_length").get<std::uint32_t>();
            r.outputTokens = j.at("output_length").get<std::uint32_t>();
        } else {
            const auto c1 = line.find(','), c2 = line.find(',', c1 + 1);
            r.arrivalMicros = parseIsoUtcMicros(line.substr(0, c1)).value();
            r.inputTokens = static_cast<std::uint32_t>(std::stoul(line.substr(c1 + 1, c2 - c1 - 1)));
            r.outputTokens = static_cast<std::uint32_t>(std::stoul(line.substr(c2 + 1)));
        }
        if (requests.empty()) origin = r.arrivalMicros;
        r.arrivalMicros -= origin;  // relative to the first arrival, like the readers
        requests.push_back(r);
    }
    TraceStatsOptions options;
    options.clockOriginMicros = origin;
    return statsOf(requests, options);
}

TEST(TraceStatsBundled, RawFilesMatchThePublishedTable) {
    for (const Published* p : {&kConv, &kCode, &kMooncake}) {
        if (!std::filesystem::exists(traceDir() / p->file)) GTEST_SKIP() << "no " << p->file;
        SCOPED_TRACE(p->file);
        expectPublished(statsFromRawFile(*p), *p);
    }
}

TEST(TraceStatsBundled, ReadersMatchThePublishedTable) {
    for (const Published* p : {&kConv, &kCode, &kMooncake}) {
        const auto path = traceDir() / p->file;
        if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << p->file;
        SCOPED_TRACE(p->file);
        const auto reader = openTrace(path.string(), TraceOptions{});
        expectPublished(collectTraceStats(*reader), *p);
        EXPECT_EQ(reader->report().skippedRows, 0u);
    }
}

}  // namespace
}  // namespace breakeven::trace
