#include "model/trace/TraceStats.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

#include "model/trace/TraceReader.h"

namespace breakeven::trace {

namespace {
// 1-based nearest rank of `percent` among n values. Same floating-point steps
// as stats.py (p / 100.0 * n, then ceil) so the ranks agree at every n.
std::uint64_t rankOf(double percent, std::uint64_t n) {
    const double r = std::ceil(percent / 100.0 * static_cast<double>(n));
    return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(r));
}

SimTime floorDiv(SimTime a, SimTime b) {
    const SimTime q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}
}  // namespace

void IntegerTally::add(std::uint64_t value) {
    ++counts_[value];
    ++count_;
    sum_ += value;
}

std::uint64_t IntegerTally::nearestRank(double percent) const {
    if (count_ == 0) return 0;
    const std::uint64_t rank = rankOf(percent, count_);
    std::uint64_t seen = 0;
    for (const auto& [value, n] : counts_) {
        seen += n;
        if (seen >= rank) return value;
    }
    return counts_.rbegin()->first;
}

std::optional<ValueStats> IntegerTally::stats() const {
    if (count_ == 0) return std::nullopt;
    ValueStats s;
    s.count = count_;
    s.mean = static_cast<double>(sum_) / static_cast<double>(count_);
    s.p50 = static_cast<double>(nearestRank(50));
    s.p99 = static_cast<double>(nearestRank(99));
    s.max = static_cast<double>(counts_.rbegin()->first);
    s.integral = true;
    return s;
}

std::vector<std::uint64_t> IntegerTally::log2Histogram() const {
    std::vector<std::uint64_t> bins;
    if (count_ == 0) return bins;
    bins.assign(static_cast<std::size_t>(std::bit_width(counts_.rbegin()->first)) + 1, 0);
    for (const auto& [value, n] : counts_) bins[static_cast<std::size_t>(std::bit_width(value))] += n;
    return bins;
}

void SlidingPeak::add(SimTime t) {
    // Every stored arrival s with t - s < width shares a window [s, s+width)
    // with t, so the window ending at t holds the arrivals in (t - width, t].
    while (!window_.empty() && t - window_.front().first >= width_) {
        inWindow_ -= window_.front().second;
        window_.pop_front();
    }
    if (!window_.empty() && window_.back().first == t) {
        ++window_.back().second;
    } else {
        window_.emplace_back(t, 1);
    }
    peak_ = std::max(peak_, ++inWindow_);
}

void AlignedPeak::add(SimTime t) {
    const SimTime bucket = floorDiv(origin_ + t, width_);
    if (bucket_ != bucket) {
        bucket_ = bucket;
        inBucket_ = 0;
    }
    peak_ = std::max(peak_, ++inBucket_);
}

TraceStatsAccumulator::TraceStatsAccumulator(TraceStatsOptions options)
    : options_(std::move(options)),
      alignedSecond_(kMicrosPerSecond, options_.clockOriginMicros),
      alignedMinute_(kMicrosPerMinute, options_.clockOriginMicros) {}

void TraceStatsAccumulator::add(const Request& request) {
    const SimTime t = request.arrivalMicros;
    if (requests_ == 0) {
        first_ = t;
    } else {
        if (t < last_)
            throw std::invalid_argument("trace statistics need arrivals in order (" +
                                        std::to_string(t) + " µs after " + std::to_string(last_) + " µs)");
        addGap(t - last_);
    }
    last_ = t;
    ++requests_;
    second_.add(t);
    minute_.add(t);
    alignedSecond_.add(t);
    alignedMinute_.add(t);
    if (options_.hasInputTokens) input_.add(request.inputTokens);
    if (options_.hasOutputTokens) output_.add(request.outputTokens);
    if (request.serviceMicros >= 0) service_.record(request.serviceMicros);
    advanceMinute(static_cast<std::uint64_t>((t - first_) / kMicrosPerMinute));
    ++currentMinuteArrivals_;
}

void TraceStatsAccumulator::addGap(SimTime gap) {
    // Welford: a sum of squared µs gaps would overflow or lose precision.
    const double g = static_cast<double>(gap);
    ++gaps_;
    const double delta = g - gapMean_;
    gapMean_ += delta / static_cast<double>(gaps_);
    gapM2_ += delta * (g - gapMean_);
}

void TraceStatsAccumulator::advanceMinute(std::uint64_t minute) {
    // Emit finished minutes (and empty ones in between) as soon as they end,
    // so the series costs no memory however long the trace.
    while (currentMinute_ < minute) {
        if (options_.minuteSink) options_.minuteSink(currentMinute_, currentMinuteArrivals_);
        currentMinuteArrivals_ = 0;
        ++currentMinute_;
    }
}

TraceStatistics TraceStatsAccumulator::finish() {
    TraceStatistics s;
    s.requests = requests_;
    if (requests_ == 0) return s;
    if (options_.minuteSink) options_.minuteSink(currentMinute_, currentMinuteArrivals_);
    s.minutes = currentMinute_ + 1;
    s.durationSeconds = simTimeToSeconds(last_ - first_);
    if (last_ > first_) s.meanRatePerSecond = static_cast<double>(requests_) / s.durationSeconds;
    s.peakPerSecond = second_.peak();
    s.peakPerMinute = minute_.peak();
    s.alignedPeakPerSecond = alignedSecond_.peak();
    s.alignedPeakPerMinute = alignedMinute_.peak();
    if (gaps_ > 0 && gapMean_ > 0.0)
        s.interarrivalCv = std::sqrt(gapM2_ / static_cast<double>(gaps_)) / gapMean_;
    s.inputTokens = input_.stats();
    s.outputTokens = output_.stats();
    if (service_.count() > 0) {
        ValueStats v;
        v.count = service_.count();
        v.mean = service_.meanSeconds();
        v.p50 = service_.quantileSeconds(0.50);
        v.p99 = service_.quantileSeconds(0.99);
        v.max = service_.maxSeconds();
        v.approximate = true;
        s.serviceSeconds = v;
    }
    return s;
}

namespace {
// The report is complete enough after the first row (format, start time,
// which columns exist); the accumulator needs the clock origin up front.
TraceStatsOptions optionsFor(const TraceReport& report, const Request& first, MinuteSink minuteSink) {
    TraceStatsOptions options;
    options.hasInputTokens = report.hasInputTokens;
    options.hasOutputTokens = report.hasOutputTokens;
    options.minuteSink = std::move(minuteSink);
    // Relative-time traces too: their buckets follow the file's t = 0, not
    // the first arrival (stats.py buckets the raw times).
    if (report.clockOriginMicros) {
        options.clockOriginMicros = *report.clockOriginMicros;
    } else if (report.startTime) {
        if (const auto origin = parseIsoUtcMicros(*report.startTime))
            options.clockOriginMicros = *origin - first.arrivalMicros;
    }
    return options;
}

// Reads the rest of `reader` into `stats`; `request` holds the first row.
void drain(TraceReader& reader, TraceStatsAccumulator& stats, bool any, Request& request) {
    if (!any) return;
    stats.add(request);
    while (reader.next(request)) stats.add(request);
}
}  // namespace

TraceStatistics collectTraceStats(TraceReader& reader, const MinuteSink& minuteSink) {
    Request request;
    const bool any = reader.next(request);
    TraceStatsAccumulator stats(optionsFor(reader.report(), request, minuteSink));
    drain(reader, stats, any, request);
    return stats.finish();
}

std::optional<double> peakToMeanPerMinute(const TraceStatistics& stats) {
    if (!stats.meanRatePerSecond) return std::nullopt;
    return static_cast<double>(stats.peakPerMinute) / (*stats.meanRatePerSecond * 60.0);
}

TraceProfile profileTrace(TraceReader& reader, std::uint64_t maxMinutes) {
    TraceProfile profile;
    auto& series = profile.arrivalsPerMinute;
    Request request;
    const bool any = reader.next(request);
    TraceStatsAccumulator stats(optionsFor(reader.report(), request,
                                           [&series, maxMinutes](std::uint64_t minute, std::uint64_t n) {
                                               if (minute < maxMinutes) series.push_back(n);
                                           }));
    drain(reader, stats, any, request);
    profile.stats = stats.finish();
    profile.report = reader.report();
    if (profile.report.hasInputTokens) profile.inputTokensLog2 = stats.inputTokens().log2Histogram();
    if (profile.report.hasOutputTokens) profile.outputTokensLog2 = stats.outputTokens().log2Histogram();
    return profile;
}

namespace {
// Parses exactly `digits` decimal digits at text[pos...], advancing pos.
std::optional<int> digitsAt(std::string_view text, std::size_t& pos, std::size_t digits) {
    if (pos + digits > text.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    pos += digits;
    return v;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// ".fff..." -> µs (truncating below 1 µs); absent -> 0.
std::optional<SimTime> fractionMicros(std::string_view text, std::size_t& pos) {
    if (pos >= text.size() || text[pos] != '.') return SimTime{0};
    ++pos;
    SimTime micros = 0;
    int digits = 0;
    for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++digits)
        if (digits < 6) micros = micros * 10 + (text[pos] - '0');
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 6; ++i) micros *= 10;
    return micros;
}

// "", "Z" or "±HH:MM" -> offset east of UTC in µs.
std::optional<SimTime> zoneMicros(std::string_view text, std::size_t& pos) {
    if (pos == text.size()) return SimTime{0};
    if (text[pos] == 'Z' && pos + 1 == text.size()) return SimTime{0};
    if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
    const int sign = text[pos++] == '-' ? -1 : 1;
    const auto hh = digitsAt(text, pos, 2);
    if (!hh || !expect(text, pos, ':')) return std::nullopt;
    const auto mm = digitsAt(text, pos, 2);
    if (!mm || pos != text.size()) return std::nullopt;
    return sign * (SimTime{*hh} * 60 + *mm) * kMicrosPerMinute;
}
}  // namespace

std::optional<SimTime> parseIsoUtcMicros(std::string_view text) {
    std::size_t pos = 0;
    const auto year = digitsAt(text, pos, 4);
    if (!year || !expect(text, pos, '-')) return std::nullopt;
    const auto month = digitsAt(text, pos, 2);
    if (!month || !expect(text, pos, '-')) return std::nullopt;
    const auto day = digitsAt(text, pos, 2);
    if (!day || (!expect(text, pos, 'T') && !expect(text, pos, ' '))) return std::nullopt;
    const auto hour = digitsAt(text, pos, 2);
    if (!hour || !expect(text, pos, ':')) return std::nullopt;
    const auto minute = digitsAt(text, pos, 2);
    if (!minute || !expect(text, pos, ':')) return std::nullopt;
    const auto second = digitsAt(text, pos, 2);
    if (!second || *month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 ||
        *minute > 59 || *second > 60)
        return std::nullopt;
    const auto fraction = fractionMicros(text, pos);
    if (!fraction) return std::nullopt;
    const auto zone = zoneMicros(text, pos);
    if (!zone) return std::nullopt;
    const std::int64_t days =
        daysFromCivil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
    const SimTime seconds = ((days * 24 + *hour) * 60 + *minute) * 60 + *second;
    return seconds * kMicrosPerSecond + *fraction - *zone;
}

}  // namespace breakeven::trace
