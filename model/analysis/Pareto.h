#pragma once
// Pareto front of cost vs p99 (docs/analysis.md "Pareto"): the candidates no
// other candidate beats on both — as cheap or cheaper and as fast or faster,
// strictly better on one.
#include <cstddef>
#include <vector>

namespace breakeven::analysis {

struct ParetoPoint {
    double costUsdPerMonth = 0.0;
    double p99Seconds = 0.0;
    std::size_t index = 0;  // the caller's candidate index
};

// The non-dominated points, by cost (ties: faster first). Of exact
// duplicates the first given is kept. Along the front p99 strictly falls as
// cost rises.
std::vector<ParetoPoint> paretoFront(std::vector<ParetoPoint> points);

}  // namespace breakeven::analysis
