#pragma once
// Streaming latency histogram over integer microseconds with log-linear
// buckets (HdrHistogram's layout): values below 2^kSubBits are exact, above
// that each power of two splits into 2^kSubBits equal buckets, so a bucket's
// midpoint is within 2^-(kSubBits+1) = 0.4 % of any value in it. Memory is
// constant (about 45 KB) whatever the number of samples.
#include <array>
#include <bit>
#include <cstdint>

#include "model/core/SimTime.h"

namespace breakeven {

class LatencyHistogram {
public:
    static constexpr int kSubBits = 7;
    static constexpr int kSubCount = 1 << kSubBits;
    static constexpr int kBucketCount = (64 - kSubBits + 1) * kSubCount;

    void record(SimTime micros) {
        const auto v = static_cast<std::uint64_t>(micros < 0 ? 0 : micros);
        ++counts_[bucketOf(v)];
        ++count_;
        sumMicros_ += static_cast<double>(v);
        if (v > maxMicros_) maxMicros_ = v;
    }
    // Records `n` samples of one value at once (e.g. the many zero waits).
    void recordMany(SimTime micros, std::uint64_t n) {
        if (n == 0) return;
        const auto v = static_cast<std::uint64_t>(micros < 0 ? 0 : micros);
        counts_[bucketOf(v)] += n;
        count_ += n;
        sumMicros_ += static_cast<double>(v) * static_cast<double>(n);
        if (v > maxMicros_) maxMicros_ = v;
    }
    void merge(const LatencyHistogram& other);

    [[nodiscard]] std::uint64_t count() const { return count_; }
    // Samples in one bucket (0 <= bucket < kBucketCount), e.g. for a CDF.
    [[nodiscard]] std::uint64_t bucketCount(int bucket) const { return counts_[static_cast<std::size_t>(bucket)]; }
    [[nodiscard]] double meanSeconds() const;
    [[nodiscard]] double maxSeconds() const { return simTimeToSeconds(static_cast<SimTime>(maxMicros_)); }
    // The q-quantile (0..1) in seconds: the midpoint of the bucket holding the
    // ceil(q*n)-th smallest sample, clamped to the exact maximum. 0 if empty.
    [[nodiscard]] double quantileSeconds(double q) const;

    static constexpr int bucketOf(std::uint64_t v) {
        if (v < kSubCount) return static_cast<int>(v);
        const int exponent = 63 - std::countl_zero(v);  // >= kSubBits
        const int shift = exponent - kSubBits;
        const auto sub = static_cast<int>((v >> shift) & (kSubCount - 1));
        return (shift + 1) * kSubCount + sub;
    }
    // Lowest value and width of a bucket (inverse of bucketOf).
    static constexpr std::uint64_t bucketLow(int bucket) {
        if (bucket < kSubCount) return static_cast<std::uint64_t>(bucket);
        const int shift = bucket / kSubCount - 1;
        const auto sub = static_cast<std::uint64_t>(bucket % kSubCount);
        return (std::uint64_t{kSubCount} | sub) << shift;
    }
    static constexpr std::uint64_t bucketWidth(int bucket) {
        return bucket < kSubCount ? 1 : std::uint64_t{1} << (bucket / kSubCount - 1);
    }

private:
    std::array<std::uint64_t, kBucketCount> counts_{};
    std::uint64_t count_ = 0;
    std::uint64_t maxMicros_ = 0;
    double sumMicros_ = 0.0;
};

}  // namespace breakeven
