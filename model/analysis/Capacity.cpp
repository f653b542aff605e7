#include "model/analysis/Capacity.h"

#include <algorithm>
#include <cmath>

namespace breakeven::analysis {

namespace {

constexpr double kTargetUtilization = 0.8;

// Instances × slots the deployment may run at most (hybrid: baseline nodes
// plus the burst's maximum; split: the routes' sum).
double maxSlots(const DeploymentSpec& d) {
    if (!d.members.empty()) {
        double total = 0.0;
        for (const auto& m : d.members) total += maxSlots(m);
        return total;
    }
    const double slots = d.llm ? d.llm->maxNumSeqs : d.concurrencyPerInstance;
    const int instances = d.kind == DeploymentKind::Dedicated ? d.nodes : d.maxInstances;
    return slots * instances;
}

struct Prober {
    const ParameterPath& parameter;
    std::size_t deployment;
    const CostFunction& cost;
    const CapacityOptions& options;
    CapacityResult& result;

    bool meets(double scale) {
        const Scenario s = parameter.apply(scale);
        result.probes.push_back({scale, evaluateDeployment(s, deployment, options.slos, cost, options.cancel)});
        return result.probes.back().outcome.eligible();
    }
};

}  // namespace

void setUnitCosts(CapacityResult& r) {
    const SloOutcome& o = r.atCapacity;
    if (!o.costUsdPerMonth || !(o.simulatedSeconds > 0.0)) return;
    const double perMonth = kMonthSeconds / o.simulatedSeconds;
    const double requests = static_cast<double>(o.served) * perMonth;
    const double tokens = static_cast<double>(o.tokens) * perMonth;
    if (*o.costUsdPerMonth > 0.0) r.requestsPerUsd = requests / *o.costUsdPerMonth;
    if (requests > 0.0) r.usdPer1MRequests = *o.costUsdPerMonth / requests * 1e6;
    if (tokens > 0.0) r.usdPer1MTokens = *o.costUsdPerMonth / tokens * 1e6;
}

CapacityResult findCapacity(const ParameterPath& parameter, std::size_t deployment, const CostFunction& cost,
                            const CapacityOptions& options) {
    CapacityResult result;
    Prober probe{parameter, deployment, cost, options, result};
    const double base = parameter.baseValue() > 0.0 ? parameter.baseValue() : 1.0;
    const double top = base * options.maxRateScale, bottom = base * options.minRateScale;
    // The analytic start: the traffic at which the deployment's slots would
    // be 80 % busy, from the offered load simulated at the written traffic.
    const bool baseMeets = probe.meets(base);
    const SloOutcome& first = result.probes.front().outcome;
    result.name = parameter.apply(base).deployments[deployment].name;
    double guess = base;
    const double slots = maxSlots(parameter.apply(base).deployments[deployment]);
    if (first.offeredLoad > 0.0 && slots > 0.0)
        guess = std::clamp(base * slots * kTargetUtilization / first.offeredLoad, bottom, top);
    double lo = 0.0, hi = 0.0;  // lo meets, hi fails (0: unknown)
    if (baseMeets) lo = base;
    else hi = base;
    if (guess != base) {
        if (probe.meets(guess)) lo = std::max(lo, guess);
        else if (hi == 0.0 || guess < hi) hi = guess;
    }
    if (lo > 0.0 && hi > 0.0 && hi < lo) hi = 0.0;  // non-monotone: search above the feasible point
    while (lo > 0.0 && hi == 0.0) {  // double until it fails
        if (lo >= top) break;
        const double next = std::min(top, lo * 2.0);
        if (probe.meets(next)) lo = next;
        else hi = next;
    }
    while (lo == 0.0) {  // halve until it meets
        const double next = hi / 2.0;
        if (next < bottom) break;
        if (probe.meets(next)) lo = next;
        else hi = next;
    }
    if (lo == 0.0) return result;  // infeasible at any traffic tried
    result.feasible = true;
    result.unbounded = hi == 0.0;
    while (hi > 0.0 && hi / lo - 1.0 > options.tolerance) {
        const double mid = std::sqrt(lo * hi);
        if (probe.meets(mid)) lo = mid;
        else hi = mid;
    }
    result.rateScale = lo;
    if (hi > 0.0) result.failingRateScale = hi;
    for (const auto& p : result.probes)
        if (p.rateScale == lo) result.atCapacity = p.outcome;
    result.requestsPerSecond = result.atCapacity.ratePerSecond;
    setUnitCosts(result);
    return result;
}

}  // namespace breakeven::analysis
