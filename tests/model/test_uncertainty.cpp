// Monte Carlo uncertainty (issue 8): seeds only give a narrow band around a
// single run; a varied price moves an analytically known crossover, and the
// band contains it; thread count and run order never change the result.
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "SimTestSupport.h"
#include "model/analysis/ParameterPath.h"
#include "model/analysis/Uncertainty.h"

namespace breakeven {
namespace {

using namespace analysis;

// Poisson 10/s for 360 s; "serverless" (fixed 0.1 s per request) and "node".
Scenario twoAlternatives() {
    Scenario s = test::poissonScenario(10.0, 360.0, 7);
    s.deployments.push_back(test::functionDeployment("serverless", Distribution::fixed(0.1)));
    s.deployments.push_back(test::functionDeployment("node", Distribution::fixed(0.1)));
    return s;
}

// serverless: pricing.factor × busy seconds (≈ 360 r f); node: a flat 720.
// So at traffic scale r they cost the same where 360 r f = 720: r* = 2 / f.
std::optional<double> analyticCost(const Scenario& s, std::size_t d, const DeploymentResult& r) {
    if (d == 1) return 720.0;
    return s.pricing.factor * r.ledger.requestSecondsRaw;
}

TEST(Uncertainty, SeedsAloneGiveANarrowBandAroundASingleRun) {
    Scenario s = test::poissonScenario(20.0, 600.0, 11);
    s.deployments.push_back(test::functionDeployment("exp", Distribution::exponential(0.1)));
    UncertaintyOptions o;
    o.runs = 12;
    o.gridPoints = 0;
    o.threads = 2;
    const UncertaintyModel model(s, "u.json", {}, o);
    const UncertaintyResult r = runUncertainty(model, analyticCost);
    const double single = test::runOne(s).latency.quantileSeconds(0.99);
    ASSERT_TRUE(r.bands[0].p99Seconds);
    const Band& p99 = *r.bands[0].p99Seconds;
    EXPECT_EQ(p99.count, 12u);
    // Exponential service, no waiting: p99 = 0.1 ln 100 = 0.4605 s.
    EXPECT_NEAR(single, 0.4605, 0.03);
    EXPECT_NEAR(p99.mean, single, 0.03 * single);
    EXPECT_LT(p99.p95 - p99.p5, 0.1 * p99.mean);
    EXPECT_LE(p99.p5, p99.median);
    EXPECT_LE(p99.median, p99.p95);
    EXPECT_DOUBLE_EQ(r.bands[0].winFraction, 1.0);
    EXPECT_TRUE(r.crossoverBands.empty());
    // Each run has its own seed: not all equal.
    EXPECT_NE(model.seedOf(0), model.seedOf(1));
}

UncertaintyOptions priceUncertainty(int threads) {
    UncertaintyOptions o;
    o.runs = 30;
    o.vary = {{"pricing.factor", 0.9, 1.1}};
    o.gridPoints = 8;
    o.gridFrom = 0.5;
    o.gridTo = 8.0;
    o.refineProbes = 8;
    o.threads = threads;
    return o;
}

TEST(Uncertainty, CrossoverBandContainsTheAnalyticCrossover) {
    const Scenario s = twoAlternatives();
    const UncertaintyModel model(s, "u.json", {}, priceUncertainty(2));
    const UncertaintyResult r = runUncertainty(model, analyticCost);
    ASSERT_EQ(r.crossoverBands.size(), 1u);
    const CrossoverBand& band = r.crossoverBands[0];
    EXPECT_EQ(band.aName, "serverless");
    EXPECT_EQ(band.bName, "node");
    EXPECT_EQ(band.runsWithCrossover, 30u);
    ASSERT_TRUE(band.rateScale);
    // r* = 2 / f with f uniform on [0.9, 1.1]: at f = 1 it is 2; the 5–95 %
    // band of 2 / f is [2 / 1.09, 2 / 0.91] = [1.835, 2.198].
    EXPECT_LT(band.rateScale->p5, 2.0);
    EXPECT_GT(band.rateScale->p95, 2.0);
    EXPECT_NEAR(band.rateScale->p5, 1.835, 0.07);
    EXPECT_NEAR(band.rateScale->p95, 2.198, 0.08);
    EXPECT_NEAR(band.rateScale->median, 2.0, 0.06);
    // At r = 1 serverless costs ≈ 360 f < 720: it wins every run.
    ASSERT_TRUE(r.bands[0].costUsdPerMonth);
    EXPECT_NEAR(r.bands[0].costUsdPerMonth->mean, 360.0, 0.03 * 360.0);
    EXPECT_DOUBLE_EQ(r.bands[0].winFraction, 1.0);
    EXPECT_DOUBLE_EQ(r.bands[1].winFraction, 0.0);
    // Every run drew its factor inside the range.
    for (std::size_t i = 0; i < 30; ++i) {
        const double f = model.inputsOf(i).at(0);
        EXPECT_GE(f, 0.9);
        EXPECT_LE(f, 1.1);
    }
}

void expectSameBand(const std::optional<Band>& a, const std::optional<Band>& b) {
    ASSERT_EQ(a.has_value(), b.has_value());
    if (!a) return;
    EXPECT_EQ(a->mean, b->mean);
    EXPECT_EQ(a->p5, b->p5);
    EXPECT_EQ(a->median, b->median);
    EXPECT_EQ(a->p95, b->p95);
    EXPECT_EQ(a->count, b->count);
}

void expectSame(const UncertaintyResult& a, const UncertaintyResult& b) {
    ASSERT_EQ(a.bands.size(), b.bands.size());
    for (std::size_t i = 0; i < a.bands.size(); ++i) {
        expectSameBand(a.bands[i].costUsdPerMonth, b.bands[i].costUsdPerMonth);
        expectSameBand(a.bands[i].p99Seconds, b.bands[i].p99Seconds);
        EXPECT_EQ(a.bands[i].winFraction, b.bands[i].winFraction);
    }
    ASSERT_EQ(a.crossoverBands.size(), b.crossoverBands.size());
    for (std::size_t i = 0; i < a.crossoverBands.size(); ++i)
        expectSameBand(a.crossoverBands[i].rateScale, b.crossoverBands[i].rateScale);
    EXPECT_EQ(a.simulations, b.simulations);
}

TEST(Uncertainty, IdenticalForOneAndTwoThreadsAndAnyRunOrder) {
    const Scenario s = twoAlternatives();
    UncertaintyOptions small = priceUncertainty(1);
    small.runs = 6;
    const UncertaintyModel one(s, "u.json", {}, small);
    small.threads = 2;
    const UncertaintyModel two(s, "u.json", {}, small);
    const UncertaintyResult r1 = runUncertainty(one, analyticCost);
    expectSame(r1, runUncertainty(two, analyticCost));
    // Runs computed one by one, last first (as shards would), then merged.
    std::vector<UncertaintyRun> runs(small.runs);
    for (std::size_t i = small.runs; i-- > 0;) runs[i] = one.run(i, analyticCost);
    expectSame(r1, aggregateUncertainty(one, runs));
    std::swap(runs[0], runs[1]);
    EXPECT_THROW((void)aggregateUncertainty(one, runs), std::invalid_argument);
}

TEST(Uncertainty, VariedPathsAreCheckedBeforeAnyRun) {
    const Scenario s = twoAlternatives();
    UncertaintyOptions o;
    o.runs = 2;
    o.vary = {{"deployments[5].keepAliveSeconds", 1.0, 2.0}};
    try {
        (void)UncertaintyModel(s, "u.json", {}, o);
        FAIL() << "a path past the deployments must be refused";
    } catch (const ParameterError& e) {
        EXPECT_EQ(e.path(), "deployments[5].keepAliveSeconds");
    }
    o.vary = {{"deployments[0].keepAliveSeconds", -5.0, 2.0}};
    EXPECT_THROW((void)UncertaintyModel(s, "u.json", {}, o), ParameterError);  // −5 s is rejected by the reader
    o.vary = {{"deployments[0].minInstances", 0.0, 2.0}, {"pricing.discountPercent.aws-ec2", 0.0, 30.0}};
    const UncertaintyModel model(s, "u.json", {}, o);
    std::vector<int> seen(3, 0);
    for (std::size_t i = 0; i < 60; ++i) {
        const auto v = model.inputsOf(i);
        ASSERT_EQ(v[0], std::round(v[0]));  // an integer key draws whole values
        seen.at(static_cast<std::size_t>(v[0]))++;
        EXPECT_GE(v[1], 0.0);
        EXPECT_LE(v[1], 30.0);
    }
    for (int count : seen) EXPECT_GT(count, 5);  // 0, 1 and 2 all drawn
}

TEST(Uncertainty, WinnerIsTheCheapestMeetingTheSlos) {
    std::vector<RunOutcome> outcomes(2);
    outcomes[0].costUsdPerMonth = 10.0;
    outcomes[0].p99Seconds = 3.0;
    outcomes[1].costUsdPerMonth = 20.0;
    outcomes[1].p99Seconds = 1.0;
    EXPECT_EQ(winnerOf(outcomes, {}), 0u);
    SloSpec slos;
    slos.p99Seconds = 2.0;
    EXPECT_EQ(winnerOf(outcomes, slos), 1u);
    slos.ttftP99Seconds = 0.5;  // applies to LLM alternatives only
    EXPECT_EQ(winnerOf(outcomes, slos), 1u);
    outcomes[1].costUsdPerMonth.reset();  // not priced: never wins
    EXPECT_FALSE(winnerOf(outcomes, slos).has_value());
}

TEST(Uncertainty, BandPercentilesInterpolateBetweenOrderStatistics) {
    const auto band = bandOf({5.0, 1.0, 3.0, 2.0, 4.0});
    ASSERT_TRUE(band);
    EXPECT_DOUBLE_EQ(band->mean, 3.0);
    EXPECT_DOUBLE_EQ(band->median, 3.0);
    EXPECT_DOUBLE_EQ(band->p5, 1.2);  // rank 0.05 × 4 = 0.2
    EXPECT_DOUBLE_EQ(band->p95, 4.8);
    EXPECT_FALSE(bandOf({}).has_value());
}

TEST(ParameterPathPricing, FactorAndPlatformDiscountOnAScenarioWithoutPricing) {
    const Scenario s = twoAlternatives();
    ASSERT_TRUE(s.pricing.isDefault());
    const ParameterPath factor(s, "pricing.factor", "u.json");
    EXPECT_DOUBLE_EQ(factor.baseValue(), 1.0);
    EXPECT_DOUBLE_EQ(factor.apply(1.25).pricing.factor, 1.25);
    const ParameterPath discount(s, "pricing.discountPercent.aws-ec2", "u.json");
    EXPECT_DOUBLE_EQ(discount.baseValue(), 0.0);
    EXPECT_DOUBLE_EQ(discount.apply(20.0).pricing.discountPercentByPlatform.at("aws-ec2"), 20.0);
    EXPECT_THROW((void)ParameterPath(s, "pricing.discountPercent.aws-ec2.x", "u.json"), ParameterError);
    // Two parameters written into one scenario.
    nlohmann::json j = factor.canonical();
    factor.write(j, 0.5);
    discount.write(j, 10.0);
    const Scenario both = factor.read(j);
    EXPECT_DOUBLE_EQ(both.pricing.factor, 0.5);
    EXPECT_DOUBLE_EQ(both.pricing.discountPercentByPlatform.at("aws-ec2"), 10.0);
}

}  // namespace
}  // namespace breakeven
