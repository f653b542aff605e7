#include "model/analysis/Pareto.h"

#include <algorithm>

namespace breakeven::analysis {

std::vector<ParetoPoint> paretoFront(std::vector<ParetoPoint> points) {
    // Sorted by cost then p99 (then input order), a point is on the front iff
    // it is strictly faster than every cheaper-or-equal point before it.
    std::stable_sort(points.begin(), points.end(), [](const ParetoPoint& a, const ParetoPoint& b) {
        if (a.costUsdPerMonth != b.costUsdPerMonth) return a.costUsdPerMonth < b.costUsdPerMonth;
        return a.p99Seconds < b.p99Seconds;
    });
    std::vector<ParetoPoint> front;
    for (const auto& p : points)
        if (front.empty() || p.p99Seconds < front.back().p99Seconds) front.push_back(p);
    return front;
}

}  // namespace breakeven::analysis
