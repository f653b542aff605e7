#include "model/analysis/Crossover.h"

#include <algorithm>
#include <cmath>

#include "model/sim/Simulator.h"

namespace breakeven::analysis {

namespace {

int sign(double x) { return (x > 0.0) - (x < 0.0); }

std::optional<double> lerp(const std::optional<double>& x, const std::optional<double>& y, double t) {
    if (!x || !y) return std::nullopt;
    return *x + t * (*y - *x);
}

SideSample lerp(const SideSample& x, const SideSample& y, double t) {
    return {lerp(x.costUsdPerMonth, y.costUsdPerMonth, t), lerp(x.p99Seconds, y.p99Seconds, t),
            lerp(x.dedicatedUtilization, y.dedicatedUtilization, t)};
}

double axis(double value, SweepScale scale) { return scale == SweepScale::Log ? std::log(value) : value; }
double fromAxis(double x, SweepScale scale) { return scale == SweepScale::Log ? std::exp(x) : x; }

bool withinTolerance(double lo, double hi, double tolerance) {
    return std::abs(hi - lo) <= tolerance * std::max(std::abs(lo), std::abs(hi));
}

// The next value to simulate strictly inside (lo, hi); nullopt when an
// integer bracket has no whole number inside.
std::optional<double> midpoint(double lo, double hi, const RefineOptions& o) {
    double mid = o.scale == SweepScale::Log ? std::sqrt(lo * hi) : lo + (hi - lo) / 2.0;
    if (!o.integer) return mid;
    const double low = std::min(lo, hi), high = std::max(lo, hi);
    if (high - low < 2.0) return std::nullopt;
    mid = std::clamp(std::round(mid), low + 1.0, high - 1.0);
    return mid;
}

Crossover finished(PairSample at, bool refined, int probes) {
    Crossover c;
    c.at = std::move(at);
    c.refined = refined;
    c.probes = probes;
    return c;
}

}  // namespace

std::optional<double> PairSample::difference() const {
    if (!a.costUsdPerMonth || !b.costUsdPerMonth) return std::nullopt;
    return *a.costUsdPerMonth - *b.costUsdPerMonth;
}

std::vector<Bracket> findBrackets(const std::vector<std::optional<double>>& differences) {
    std::vector<Bracket> brackets;
    for (std::size_t i = 0; i < differences.size(); ++i) {
        const auto& d = differences[i];
        if (!d) continue;
        if (*d == 0.0) {
            const bool runStart = i == 0 || !differences[i - 1] || *differences[i - 1] != 0.0;
            if (runStart) brackets.push_back({i, i});
            continue;
        }
        if (i + 1 < differences.size() && differences[i + 1] && sign(*d) * sign(*differences[i + 1]) < 0)
            brackets.push_back({i, i + 1});
    }
    return brackets;
}

Crossover interpolateCrossover(const PairSample& lo, const PairSample& hi, SweepScale scale) {
    if (lo.value == hi.value) return finished(lo, true, 0);  // met exactly at a simulated point
    const double dl = lo.difference().value_or(0.0), dh = hi.difference().value_or(0.0);
    const double t = dl == dh ? 0.0 : dl / (dl - dh);
    PairSample at;
    at.value = fromAxis(axis(lo.value, scale) + t * (axis(hi.value, scale) - axis(lo.value, scale)), scale);
    at.ratePerSecond = lo.ratePerSecond + t * (hi.ratePerSecond - lo.ratePerSecond);
    at.a = lerp(lo.a, hi.a, t);
    at.b = lerp(lo.b, hi.b, t);
    return finished(at, false, 0);
}

Crossover refineCrossover(const PairSample& lo, const PairSample& hi, const PairProbe& probe,
                          const RefineOptions& options) {
    PairSample l = lo, h = hi;
    if (l.value == h.value) return finished(l, true, 0);
    if (!l.difference() || !h.difference()) return interpolateCrossover(l, h, options.scale);
    int probes = 0;
    auto giveUp = [&] {
        Crossover c = interpolateCrossover(l, h, options.scale);
        c.probes = probes;
        return c;
    };
    while (!withinTolerance(l.value, h.value, options.tolerance) && probes < options.maxProbes) {
        if (options.cancel != nullptr && options.cancel->load()) return giveUp();
        const auto mid = midpoint(l.value, h.value, options);
        if (!mid) break;
        PairSample m;
        try {
            m = probe(*mid);
        } catch (const SimulationCancelled&) {
            return giveUp();
        }
        ++probes;
        const auto dm = m.difference();
        if (!dm) return giveUp();
        if (*dm == 0.0) return finished(m, true, probes);
        (sign(*dm) == sign(*l.difference()) ? l : h) = m;
    }
    const bool lowerCloser = std::abs(*l.difference()) <= std::abs(*h.difference());
    return finished(lowerCloser ? l : h, true, probes);
}

}  // namespace breakeven::analysis
