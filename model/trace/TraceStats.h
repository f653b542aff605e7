#pragma once
// Statistics of a request trace (`breakeven-cli trace inspect`), computed in
// one streaming pass over arrival-ordered Requests with bounded memory.
// Definitions follow ../shared/data/traces/README.md (and its stats.py):
// peaks over half-open windows [t, t+w) placed anywhere, inter-arrival CV =
// population std / mean of the gaps (zero gaps included), nearest-rank
// percentiles (value at 1-based rank ceil(p/100 * n)).
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "model/core/LatencyHistogram.h"
#include "model/core/SimTime.h"
#include "model/domain/Request.h"
#include "model/trace/TraceReader.h"

namespace breakeven::trace {


// mean / p50 / p99 / max of one per-request quantity.
struct ValueStats {
    std::uint64_t count = 0;
    double mean = 0.0, p50 = 0.0, p99 = 0.0, max = 0.0;
    bool integral = false;     // token counts: p50/p99/max are whole numbers
    bool approximate = false;  // p50/p99 from LatencyHistogram (within 0.4 %)
};

struct TraceStatistics {
    std::uint64_t requests = 0;
    double durationSeconds = 0.0;             // first -> last arrival
    std::optional<double> meanRatePerSecond;  // requests / span; none when the span is 0
    std::uint64_t peakPerSecond = 0, peakPerMinute = 0;                // sliding windows
    std::uint64_t alignedPeakPerSecond = 0, alignedPeakPerMinute = 0;  // calendar buckets
    std::optional<double> interarrivalCv;  // none with < 2 requests or all gaps 0
    std::optional<ValueStats> inputTokens, outputTokens, serviceSeconds;
    std::uint64_t minutes = 0;  // length of the arrivals-per-minute series
};

// Exact nearest-rank statistics of non-negative integers (token counts):
// memory is one map entry per distinct value, not per sample.
class IntegerTally {
public:
    void add(std::uint64_t value);
    [[nodiscard]] std::uint64_t count() const { return count_; }
    // The value at 1-based rank max(1, ceil(percent/100 * n)); 0 if empty.
    [[nodiscard]] std::uint64_t nearestRank(double percent) const;
    [[nodiscard]] std::optional<ValueStats> stats() const;
    // Counts per power-of-two bin: bin 0 holds the value 0, bin k >= 1 the
    // values [2^(k-1), 2^k - 1] (token counts span 1 to 10^5, so equal-width
    // bins would put nearly everything in the first one). Up to the last
    // non-empty bin; empty when nothing was added.
    [[nodiscard]] std::vector<std::uint64_t> log2Histogram() const;

private:
    std::map<std::uint64_t, std::uint64_t> counts_;
    std::uint64_t count_ = 0;
    std::uint64_t sum_ = 0;  // exact: 2^32 tokens x 2^32 requests fits
};

// Most arrivals in any window [t, t+width) placed anywhere. Arrivals must
// come in order; equal times are stored once with a multiplicity, so memory
// is bounded by the distinct arrival times inside one window.
class SlidingPeak {
public:
    explicit SlidingPeak(SimTime width) : width_(width) {}
    void add(SimTime t);
    [[nodiscard]] std::uint64_t peak() const { return peak_; }

private:
    SimTime width_;
    std::deque<std::pair<SimTime, std::uint64_t>> window_;  // (time, arrivals at it)
    std::uint64_t inWindow_ = 0, peak_ = 0;
};

// Most arrivals in one bucket floor((origin + t) / width) of the file's clock.
class AlignedPeak {
public:
    AlignedPeak(SimTime width, SimTime origin) : width_(width), origin_(origin) {}
    void add(SimTime t);
    [[nodiscard]] std::uint64_t peak() const { return peak_; }

private:
    SimTime width_, origin_;
    std::optional<SimTime> bucket_;
    std::uint64_t inBucket_ = 0, peak_ = 0;
};

// Called once per minute since the first arrival, in order, zeros included.
using MinuteSink = std::function<void(std::uint64_t minute, std::uint64_t arrivals)>;

struct TraceStatsOptions {
    // The file's own clock at arrival 0 (epoch µs for datetime traces), so the
    // aligned peaks fall on calendar seconds / minutes; 0 = the first arrival.
    SimTime clockOriginMicros = 0;
    bool hasInputTokens = true, hasOutputTokens = true;
    MinuteSink minuteSink;  // optional arrivals-per-minute series
};

class TraceStatsAccumulator {
public:
    explicit TraceStatsAccumulator(TraceStatsOptions options = {});
    // Requests must come in arrival order (std::invalid_argument otherwise).
    // A negative serviceMicros means "no service time" and is not counted.
    void add(const Request& request);
    // Flushes the last minute to the sink; call once, after the last add.
    [[nodiscard]] TraceStatistics finish();
    [[nodiscard]] const IntegerTally& inputTokens() const { return input_; }
    [[nodiscard]] const IntegerTally& outputTokens() const { return output_; }

private:
    void addGap(SimTime gap);
    void advanceMinute(std::uint64_t minute);

    TraceStatsOptions options_;
    std::uint64_t requests_ = 0;
    SimTime first_ = 0, last_ = 0;
    SlidingPeak second_{kMicrosPerSecond}, minute_{kMicrosPerMinute};
    AlignedPeak alignedSecond_, alignedMinute_;
    // Welford's running mean / sum of squared deviations of the gaps (µs).
    std::uint64_t gaps_ = 0;
    double gapMean_ = 0.0, gapM2_ = 0.0;
    IntegerTally input_, output_;
    LatencyHistogram service_;
    std::uint64_t currentMinute_ = 0, currentMinuteArrivals_ = 0;
};

// Reads `reader` to the end. The aligned peaks use the report's
// clockOriginMicros (the file's clock, datetime or relative), else its
// startTime when it parses, else the first arrival as the origin.
// TraceError from the reader propagates.
TraceStatistics collectTraceStats(TraceReader& reader, const MinuteSink& minuteSink = {});

// Burstiness as peak over mean: the sliding peak per minute over the mean
// arrivals per minute. None when the mean rate is undefined (span 0).
std::optional<double> peakToMeanPerMinute(const TraceStatistics& stats);

// Everything the app shows about a trace, from one pass: the statistics,
// the arrivals-per-minute series, token histograms (log2 bins, empty when
// the trace has no such column) and what the reader reported.
struct TraceProfile {
    TraceStatistics stats;
    std::vector<std::uint64_t> arrivalsPerMinute;
    std::vector<std::uint64_t> inputTokensLog2, outputTokensLog2;
    TraceReport report;
};

// Reads `reader` to the end like collectTraceStats. A trace longer than
// `maxMinutes` keeps only the series' first `maxMinutes` minutes (the
// statistics still cover the whole trace).
TraceProfile profileTrace(TraceReader& reader, std::uint64_t maxMinutes = 60ULL * 24 * 366);

// "YYYY-MM-DD[T| ]HH:MM:SS[.fraction][Z|+00:00]" -> µs since the Unix epoch
// (a zone-less time is read as UTC; fractions beyond µs are truncated).
std::optional<SimTime> parseIsoUtcMicros(std::string_view text);

}  // namespace breakeven::trace
