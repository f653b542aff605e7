#pragma once
// Per-minute series built from intervals in any order: an instance's life is
// added when it ends, so the series never needs events in time order.
#include <algorithm>
#include <vector>

#include "model/core/SimTime.h"

namespace breakeven {

class MinuteSeries {
public:
    void enable() { enabled_ = true; }
    [[nodiscard]] bool enabled() const { return enabled_; }

    void addPoint(SimTime t, double amount = 1.0) {
        if (enabled_) slot(minuteOf(t)) += amount;
    }
    // Adds the interval's overlap with each minute, as a fraction of a minute,
    // so each entry becomes the minute's mean level.
    void addInterval(SimTime from, SimTime to) {
        if (!enabled_ || to <= from) return;
        for (SimTime t = from; t < to;) {
            const std::size_t i = minuteOf(t);
            const SimTime end = std::min(to, static_cast<SimTime>(i + 1) * kMicrosPerMinute);
            slot(i) += static_cast<double>(end - t) / static_cast<double>(kMicrosPerMinute);
            t = end;
        }
    }
    // The series covering [0, end): one entry per started minute.
    [[nodiscard]] std::vector<double> take(SimTime end) {
        if (!enabled_) return {};
        values_.resize(static_cast<std::size_t>((end + kMicrosPerMinute - 1) / kMicrosPerMinute));
        return std::move(values_);
    }

private:
    static std::size_t minuteOf(SimTime t) {
        return static_cast<std::size_t>(std::max<SimTime>(0, t) / kMicrosPerMinute);
    }
    double& slot(std::size_t i) {
        if (i >= values_.size()) values_.resize(std::max(i + 1, values_.size() * 2), 0.0);
        return values_[i];
    }
    bool enabled_ = false;
    std::vector<double> values_;
};

}  // namespace breakeven
