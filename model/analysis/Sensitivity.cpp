#include "model/analysis/Sensitivity.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include <fmt/format.h>

#include "model/analysis/Parallel.h"

namespace breakeven::analysis {

namespace {

Distribution scaled(const Distribution& d, double f) {
    switch (d.kind()) {
    case DistributionKind::Fixed: return Distribution::fixed(d.param(0) * f);
    case DistributionKind::Exponential: return Distribution::exponential(d.param(0) * f);
    case DistributionKind::Uniform: return Distribution::uniform(d.param(0) * f, d.param(1) * f);
    case DistributionKind::LogNormal: return Distribution::logNormalFromP50P99(d.param(0) * f, d.param(1) * f);
    case DistributionKind::Empirical: {
        std::vector<double> samples = d.samples();
        for (double& s : samples) s *= f;
        return Distribution::empirical(std::move(samples));
    }
    }
    return d;
}

void forEachDeployment(std::vector<DeploymentSpec>& deployments, const std::function<void(DeploymentSpec&)>& f) {
    for (DeploymentSpec& d : deployments) {
        f(d);
        forEachDeployment(d.members, f);
    }
}

void scaleStepTime(StepTimeSpec& step, double f) {
    // Time per step = fixed costs + work / (utilisation × peak): scaling the
    // fixed costs by f and dividing the utilisations by f scales it by f.
    step.roofline.tau0Seconds *= f;
    step.roofline.tauRequestSeconds *= f;
    step.roofline.mfu /= f;
    step.roofline.mbu /= f;
    StepCoefficients& c = step.coefficients;
    for (double* v : {&c.a0Seconds, &c.perPrefillTokenSeconds, &c.perPrefillTokenSquaredSeconds,
                      &c.perContextTokenSeconds, &c.perDecodeSeqSeconds, &c.perChunkSeconds})
        *v *= f;
}

// One scenario of the tornado and the simulated results of every alternative.
struct Variant {
    Scenario scenario;
    std::vector<std::vector<DeploymentResult>> results;  // per alternative, member order
};

SensitivitySide sideOf(const Variant& v, double value, const std::vector<Alternative>& alts,
                       const CostFunction& cost, const SloSpec& slos) {
    SensitivitySide side;
    side.value = value;
    for (std::size_t a = 0; a < alts.size(); ++a)
        side.alternatives.push_back(foldAlternative(v.scenario, alts[a], v.results[a], cost));
    side.winner = winnerOf(side.alternatives, slos);
    return side;
}

void finishRow(SensitivityRow& row, const std::optional<std::size_t>& baseWinner) {
    for (std::size_t a = 0; a < row.low.alternatives.size(); ++a) {
        const auto& lo = row.low.alternatives[a].costUsdPerMonth;
        const auto& hi = row.high.alternatives[a].costUsdPerMonth;
        if (lo && hi) row.swingUsdPerMonth = std::max(row.swingUsdPerMonth, std::abs(*hi - *lo));
    }
    row.flipsWinner = row.low.winner != baseWinner || row.high.winner != baseWinner;
}

}  // namespace

namespace {

// Base, then −/+ for cold start, service time and traffic.
std::vector<Variant> buildVariants(const Scenario& base, const ParameterPath& traffic, double x) {
    std::vector<Variant> variants(7);
    variants[0].scenario = base;
    for (int side = 0; side < 2; ++side) {
        const double f = side == 0 ? 1.0 - x : 1.0 + x;
        variants[1 + side].scenario = base;
        scaleColdStarts(variants[1 + side].scenario, f);
        variants[3 + side].scenario = base;
        scaleServiceTimes(variants[3 + side].scenario, f);
        variants[5 + side].scenario = traffic.apply(traffic.baseValue() * f);
        variants[5 + side].scenario.seed = base.seed;
    }
    return variants;
}

}  // namespace

void scaleColdStarts(Scenario& scenario, double f) {
    forEachDeployment(scenario.deployments, [f](DeploymentSpec& d) {
        d.coldStart = scaled(d.coldStart, f);
        if (!d.llm || !d.llm->coldStart) return;
        LlmColdStart& c = *d.llm->coldStart;
        c.imagePullSeconds = scaled(c.imagePullSeconds, f);
        c.runtimeInitSeconds = scaled(c.runtimeInitSeconds, f);
        c.engineWarmupSeconds = scaled(c.engineWarmupSeconds, f);
        c.storageBandwidthGBs /= f;  // weight load = bytes / bandwidth × format factor
        c.uploadGBs /= f;            // 0 (upload inside the load) stays 0
    });
}

void scaleServiceTimes(Scenario& scenario, double f) {
    forEachDeployment(scenario.deployments, [f](DeploymentSpec& d) {
        d.service = scaled(d.service, f);
        if (d.llm) scaleStepTime(d.llm->stepTime, f);
    });
}

SensitivityResult runSensitivity(const Scenario& base, const std::string& source, const PrepareScenario& prepare,
                                 const CostFunction& cost, const std::vector<PriceVariant>& prices,
                                 const SensitivityOptions& options) {
    if (!(options.percent > 0.0 && options.percent < 100.0))
        throw std::invalid_argument(fmt::format("percent must be in (0, 100), got {}", options.percent));
    const double x = options.percent / 100.0;
    SensitivityResult result;
    result.percent = options.percent;
    result.alternatives = alternativesOf(base);
    const ParameterPath traffic(base, std::string(kRateScalePath), source, prepare);
    const double rate = traffic.baseValue();

    std::vector<Variant> variants = buildVariants(base, traffic, x);
    const std::size_t m = result.alternatives.size();
    for (auto& v : variants) v.results.resize(m);
    parallelFor(variants.size() * m, options.threads, [&](std::size_t task) {
        Variant& v = variants[task / m];
        v.results[task % m] = simulateAlternative(v.scenario, result.alternatives[task % m], options.cancel);
    });
    for (const auto& alt : result.alternatives) result.simulations += variants.size() * alt.deployments.size();

    const SloSpec& slos = base.slos;
    const SensitivitySide baseSide = sideOf(variants[0], 1.0, result.alternatives, cost, slos);
    result.base = baseSide.alternatives;
    result.baseWinner = baseSide.winner;
    const struct {
        const char* input;
        const char* unit;
        double baseValue, low, high;
    } simulated[] = {{"coldStart", "× every cold start", 1.0, 1.0 - x, 1.0 + x},
                     {"serviceTime", "× every service time", 1.0, 1.0 - x, 1.0 + x},
                     {"workload.rateScale", "traffic scale", rate, rate * (1.0 - x), rate * (1.0 + x)}};
    for (std::size_t k = 0; k < 3; ++k) {
        SensitivityRow row{simulated[k].input, simulated[k].unit, simulated[k].baseValue, {}, {}, 0.0, false};
        row.low = sideOf(variants[1 + 2 * k], simulated[k].low, result.alternatives, cost, slos);
        row.high = sideOf(variants[2 + 2 * k], simulated[k].high, result.alternatives, cost, slos);
        result.rows.push_back(std::move(row));
    }
    for (const PriceVariant& p : prices) {
        SensitivityRow row{p.input, p.unit, (p.lowValue + p.highValue) / 2.0, {}, {}, 0.0, false};
        row.low = sideOf(variants[0], p.lowValue, result.alternatives, p.lowCost, slos);
        row.high = sideOf(variants[0], p.highValue, result.alternatives, p.highCost, slos);
        result.rows.push_back(std::move(row));
    }
    for (auto& row : result.rows) finishRow(row, result.baseWinner);
    std::stable_sort(result.rows.begin(), result.rows.end(),
                     [](const auto& l, const auto& r) { return l.swingUsdPerMonth > r.swingUsdPerMonth; });
    return result;
}

}  // namespace breakeven::analysis
