#include "views/ColdStartViewData.h"

#include <algorithm>

namespace breakeven::views {

std::vector<CdfPoint> histogramCdf(const LatencyHistogram& all, const LatencyHistogram* subtract) {
    using H = LatencyHistogram;
    auto countAt = [&](int b) {
        const std::uint64_t n = all.bucketCount(b);
        const std::uint64_t minus = subtract != nullptr ? subtract->bucketCount(b) : 0;
        return n > minus ? n - minus : 0;  // a cold sample is always also in `all`
    };
    const std::uint64_t total = all.count() - (subtract != nullptr ? std::min(subtract->count(), all.count()) : 0);
    std::vector<CdfPoint> out;
    if (total == 0) return out;
    // Buckets are contiguous: a bucket ends where the next begins. The CDF is
    // linear inside a bucket (samples spread evenly) and flat across empty ones.
    std::uint64_t seen = 0;
    double lastEdgeMicros = -1.0;
    for (int b = 0; b < H::kBucketCount && seen < total; ++b) {
        const std::uint64_t n = countAt(b);
        if (n == 0) continue;
        const auto low = static_cast<double>(H::bucketLow(b));
        if (low != lastEdgeMicros)
            out.push_back({low * 1e-6, static_cast<double>(seen) / static_cast<double>(total)});
        seen += n;
        lastEdgeMicros = low + static_cast<double>(H::bucketWidth(b));
        out.push_back({lastEdgeMicros * 1e-6, static_cast<double>(seen) / static_cast<double>(total)});
    }
    return out;
}

double cdfAt(const std::vector<CdfPoint>& cdf, double seconds) {
    if (cdf.empty() || seconds < cdf.front().seconds) return 0.0;
    if (seconds >= cdf.back().seconds) return 1.0;
    const auto next = std::upper_bound(cdf.begin(), cdf.end(), seconds,
                                       [](double s, const CdfPoint& p) { return s < p.seconds; });
    const CdfPoint& a = *(next - 1);
    const CdfPoint& b = *next;
    return a.fraction + (b.fraction - a.fraction) * (seconds - a.seconds) / (b.seconds - a.seconds);
}

namespace {
std::vector<ImpactPoint> points(const analysis::ColdStartCurve& curve) {
    std::vector<ImpactPoint> out;
    out.reserve(curve.rows.size());
    for (const auto& r : curve.rows)
        out.push_back({r.value, r.coldStartFraction, r.p99Seconds,
                       r.costPerMonth ? std::optional<double>(r.costPerMonth->totalUsd) : std::nullopt});
    return out;
}

LatencyCdf warmCold(std::string metric, const LatencyHistogram& all, const LatencyHistogram& cold) {
    LatencyCdf c;
    c.metric = std::move(metric);
    c.warm = histogramCdf(all, &cold);
    c.cold = histogramCdf(cold);
    c.coldCount = cold.count();
    c.warmCount = all.count() - std::min(cold.count(), all.count());
    return c;
}
}  // namespace

ImpactSeries impactSeries(const analysis::ColdStartImpact& impact) {
    ImpactSeries s;
    s.deployment = impact.deployment;
    s.index = impact.index;
    s.llm = impact.llm;
    s.keepAliveBaseSeconds = impact.keepAlive.baseValue;
    s.minInstancesBase = impact.minInstances.baseValue;
    s.keepAlive = points(impact.keepAlive);
    s.minInstances = points(impact.minInstances);
    return s;
}

std::vector<DeploymentCdfs> latencyCdfs(const ScenarioResult& result) {
    std::vector<DeploymentCdfs> out;
    for (std::size_t i = 0; i < result.deployments.size(); ++i) {
        const DeploymentResult& d = result.deployments[i];
        DeploymentCdfs c{d.name, i, d.llm.has_value(), {}};
        if (d.llm) {
            c.metrics.push_back(warmCold("TTFT", d.llm->ttft, d.llm->coldTtft));
            c.metrics.push_back(warmCold("TPOT", d.llm->tpot, d.llm->coldTpot));
        } else {
            c.metrics.push_back(warmCold("Latency", d.latency, d.coldLatency));
        }
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<BillBar> billBars(const Scenario& scenario, const std::vector<pricing::DeploymentCost>& costs) {
    std::vector<BillBar> out;
    for (std::size_t i = 0; i < costs.size() && i < scenario.deployments.size(); ++i) {
        const pricing::DeploymentCost& c = costs[i];
        BillBar bar;
        bar.deployment = scenario.deployments[i].name;
        bar.index = i;
        bar.priced = c.month.errors.empty();
        if (bar.priced) {
            bar.usefulUsd = c.monthSplit.usefulUsd;
            bar.idleTaxUsd = c.monthSplit.idleTaxUsd;
            bar.coldStartTaxUsd = c.monthSplit.coldStartTaxUsd;
            bar.otherUsd = c.monthSplit.otherUsd;
            bar.totalUsd = c.month.totalUsd;
        }
        out.push_back(std::move(bar));
    }
    return out;
}

ColdStartViewData coldStartViewData(const Scenario& scenario, const ScenarioResult& result,
                                    const std::vector<pricing::DeploymentCost>& costs,
                                    const analysis::ColdStartResult* impact) {
    ColdStartViewData data;
    data.scenario = scenario.name;
    if (impact != nullptr)
        for (const auto& d : impact->deployments) data.impact.push_back(impactSeries(d));
    data.cdfs = latencyCdfs(result);
    data.bills = billBars(scenario, costs);
    return data;
}

}  // namespace breakeven::views
