#include "model/core/LatencyHistogram.h"

#include <algorithm>
#include <cmath>

namespace breakeven {

void LatencyHistogram::merge(const LatencyHistogram& other) {
    for (int i = 0; i < kBucketCount; ++i) counts_[i] += other.counts_[i];
    count_ += other.count_;
    sumMicros_ += other.sumMicros_;
    maxMicros_ = std::max(maxMicros_, other.maxMicros_);
}

double LatencyHistogram::meanSeconds() const {
    return count_ == 0 ? 0.0 : sumMicros_ / static_cast<double>(count_) * 1e-6;
}

double LatencyHistogram::quantileSeconds(double q) const {
    if (count_ == 0) return 0.0;
    q = std::clamp(q, 0.0, 1.0);
    const auto rank = std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_))));
    std::uint64_t seen = 0;
    for (int b = 0; b < kBucketCount; ++b) {
        seen += counts_[b];
        if (seen >= rank) {
            const double mid = static_cast<double>(bucketLow(b)) +
                               0.5 * static_cast<double>(bucketWidth(b) - 1);
            return std::min(mid, static_cast<double>(maxMicros_)) * 1e-6;
        }
    }
    return maxSeconds();
}

}  // namespace breakeven
