#pragma once
// Where two cost curves cross. Generic over a probe (parameter value → both
// costs), so the search is testable on analytic curves; the sweep plugs in a
// probe that re-simulates the two alternatives.
#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace breakeven::analysis {

enum class SweepScale { Linear, Log };

// One alternative at one parameter value.
struct SideSample {
    std::optional<double> costUsdPerMonth;  // nullopt: not priced
    std::optional<double> p99Seconds;       // nullopt: nothing served
    // Dedicated alternatives: busy slots / slots (see Sweep.h); else nullopt.
    std::optional<double> dedicatedUtilization;
};

// Both alternatives of a pair at one parameter value.
struct PairSample {
    double value = 0.0;
    double ratePerSecond = 0.0;  // arrivals / window at this value
    SideSample a, b;

    // costA − costB; nullopt when either is not priced.
    [[nodiscard]] std::optional<double> difference() const;
};

// Evaluates a pair at a parameter value. May throw (SimulationCancelled).
using PairProbe = std::function<PairSample(double value)>;

struct Crossover {
    // refined: every figure comes from one simulated point within tolerance of
    // the crossing. Not refined: linear interpolation between two simulated
    // points (on the sweep's axis: log(value) for log sweeps).
    PairSample at;
    bool refined = false;
    int probes = 0;  // simulations of the pair spent refining
};

// Two adjacent samples whose cost difference changes sign, or one sample
// where it is exactly zero (lo == hi).
struct Bracket {
    std::size_t lo = 0, hi = 0;
};

// Brackets in a series ordered by parameter value; nullopt entries (not
// priced) never bracket. A run of exact zeros counts once, at its first sample.
std::vector<Bracket> findBrackets(const std::vector<std::optional<double>>& differences);

struct RefineOptions {
    SweepScale scale = SweepScale::Linear;
    // Stop when the bracket is at most this fraction of the parameter value.
    double tolerance = 0.01;
    // Integer parameters bisect on whole values and stop at adjacent ones.
    bool integer = false;
    int maxProbes = 40;
    const std::atomic<bool>* cancel = nullptr;
};

// Bisects [lo, hi] (midpoint geometric on log scale) with `probe` until the
// bracket is within tolerance, and reports the end with the smaller |costA −
// costB|. If refinement cannot go on (cancelled, a probe throws, a cost
// becomes unpriced) the result is interpolated within the last bracket, with
// refined = false.
Crossover refineCrossover(const PairSample& lo, const PairSample& hi, const PairProbe& probe,
                          const RefineOptions& options);
Crossover interpolateCrossover(const PairSample& lo, const PairSample& hi, SweepScale scale);

}  // namespace breakeven::analysis
