// Optimiser (brute-force check on a small grid), capacity search (Erlang C)
// and the Pareto front (hand-made set).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "SimTestSupport.h"
#include "model/analysis/Capacity.h"
#include "model/analysis/Optimizer.h"
#include "model/analysis/Pareto.h"

namespace breakeven {
namespace {

using analysis::Candidate;
using analysis::ConfigChange;

// $0.10 per instance- or node-hour alive, scaled to a 730-hour month: keep-
// alive and warm instances cost money, as on a lifetime-billed platform.
std::optional<double> aliveCost(const Scenario&, std::size_t, const DeploymentResult& r) {
    const double month = 730.0 * 3600.0 / r.simulatedSeconds;
    return month * 0.1 / 3600.0 * r.ledger.instanceAliveSeconds;  // dedicated nodes included
}

// A dedicated pool against a function with slow cold starts, on Poisson
// traffic of 2 requests/s for an hour.
Scenario gridScenario() {
    Scenario s = test::poissonScenario(2.0, 3600.0, 11);
    DeploymentSpec pool = test::dedicatedDeployment("pool", 8, Distribution::exponential(1.0));
    pool.overflow = Overflow::Queue;
    pool.queueTimeoutSeconds = 1e5;
    s.deployments.push_back(pool);
    DeploymentSpec fn = test::functionDeployment("fn", Distribution::exponential(0.5));
    fn.coldStart = Distribution::fixed(3.0);
    fn.keepAliveSeconds = 600.0;
    fn.billing = BillingScope::InstanceLifetime;
    s.deployments.push_back(fn);
    s.slos.p99Seconds = 6.0;
    s.slos.maxColdStartFraction = 0.01;
    return s;
}

analysis::SloOutcome evaluateAt(const Scenario& s, std::size_t index, const std::vector<ConfigChange>& changes) {
    const Scenario edited = analysis::applyChanges(s, changes, "optimizer-test.json");
    return analysis::evaluateDeployment(edited, index, s.slos, aliveCost);
}

double cheapestMeeting(const Scenario& s, std::size_t index, const std::vector<std::vector<ConfigChange>>& grid) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& changes : grid) {
        const auto o = evaluateAt(s, index, changes);
        if (o.eligible()) best = std::min(best, *o.costUsdPerMonth);
    }
    return best;
}

TEST(Optimizer, MeetsTheSloAndNoCheaperGridPointDoes) {
    const Scenario s = gridScenario();
    analysis::OptimizerOptions options;
    options.slos = s.slos;
    options.threads = 2;
    options.source = "optimizer-test.json";
    const auto result = analysis::optimize(s, aliveCost, options);
    ASSERT_EQ(result.alternatives.size(), 2u);

    std::vector<std::vector<ConfigChange>> nodes;
    for (int n = 1; n <= 8; ++n) nodes.push_back({{"deployments[0].nodes", n}});
    std::vector<std::vector<ConfigChange>> warm;
    for (int m = 0; m <= 3; ++m)
        for (double keepAlive : {0.0, 60.0, 600.0})
            warm.push_back({{"deployments[1].minInstances", m}, {"deployments[1].keepAliveSeconds", keepAlive}});
    const double grid[] = {cheapestMeeting(s, 0, nodes), cheapestMeeting(s, 1, warm)};

    for (std::size_t i = 0; i < 2; ++i) {
        const auto& alt = result.alternatives[i];
        SCOPED_TRACE(alt.name);
        ASSERT_TRUE(std::isfinite(grid[i])) << "the grid has a feasible point";
        ASSERT_TRUE(alt.feasible) << alt.note;
        // Its reported figures are a real simulation of the reported changes.
        const auto again = evaluateAt(s, i, alt.best.changes);
        EXPECT_TRUE(again.eligible());
        EXPECT_DOUBLE_EQ(*again.costUsdPerMonth, *alt.best.outcome.costUsdPerMonth);
        EXPECT_LE(*alt.best.outcome.costUsdPerMonth, grid[i] * (1.0 + 1e-12));
        EXPECT_LE(*alt.best.outcome.p99Seconds, 6.0);
        EXPECT_LE(alt.best.outcome.coldStartFraction, 0.01);
        EXPECT_GT(alt.evaluations, 2u);
    }
    // The pool needs about λ·E[S] = 2 busy nodes: the smallest node count
    // meeting p99 ≤ 6 s is found, fewer than the 8 written.
    const auto& pool = result.alternatives[0].best.changes;
    ASSERT_EQ(pool.size(), 1u);
    EXPECT_EQ(pool[0].path, "deployments[0].nodes");
    EXPECT_GE(pool[0].value.get<int>(), 3);
    EXPECT_LT(pool[0].value.get<int>(), 8);
    EXPECT_FALSE(evaluateAt(s, 0, {{"deployments[0].nodes", pool[0].value.get<int>() - 1}}).eligible());
    // Every candidate is reported, each alternative's cheapest first.
    EXPECT_EQ(result.candidates.size(), result.evaluations);
}

TEST(Optimizer, SameAnswerForAnyThreadCount) {
    const Scenario s = gridScenario();
    analysis::OptimizerOptions options;
    options.slos = s.slos;
    options.source = "optimizer-test.json";
    options.threads = 1;
    const auto one = analysis::optimize(s, aliveCost, options);
    options.threads = 3;
    const auto three = analysis::optimize(s, aliveCost, options);
    ASSERT_EQ(one.evaluations, three.evaluations);
    for (std::size_t i = 0; i < one.alternatives.size(); ++i) {
        EXPECT_EQ(one.alternatives[i].best.changes, three.alternatives[i].best.changes);
        EXPECT_EQ(one.alternatives[i].best.outcome.costUsdPerMonth, three.alternatives[i].best.outcome.costUsdPerMonth);
    }
}

TEST(Optimizer, ReportsTheClosestConfigurationWhenNothingMeetsTheSlo) {
    Scenario s = gridScenario();
    s.deployments.resize(1);
    analysis::OptimizerOptions options;
    options.slos.p99Seconds = 0.05;  // below most single service times (mean 1 s)
    options.threads = 2;
    options.maxNodes = 64;
    const auto result = analysis::optimize(s, aliveCost, options);
    const auto& alt = result.alternatives.front();
    EXPECT_FALSE(alt.feasible);
    EXPECT_NE(alt.note.find("no configuration meets the SLOs"), std::string::npos) << alt.note;
    ASSERT_FALSE(alt.best.outcome.misses.empty());
    EXPECT_EQ(alt.best.outcome.misses.front().rfind("p99", 0), 0u);
    // The closest one has the smallest p99 excess of everything simulated.
    for (const auto& c : result.candidates) EXPECT_GE(c.outcome.violation, alt.best.outcome.violation);
}

TEST(Optimizer, AssessResultAppliesLlmSlosOnlyToLlmResults) {
    DeploymentResult r;
    r.requests = 100;
    r.served = 98;
    r.rejected = 2;
    r.coldRequests = 10;
    for (int i = 0; i < 98; ++i) r.latency.record(static_cast<SimTime>(1'000'000));
    SloSpec slos;
    slos.ttftP99Seconds = 0.5;
    slos.maxRejectFraction = 0.01;
    slos.maxColdStartFraction = 0.2;
    const auto o = analysis::assessResult(slos, r, 12.0);
    ASSERT_EQ(o.misses.size(), 1u);  // no TTFT without an LLM engine
    EXPECT_EQ(o.misses.front(), "rejected 2 % > 1 %");
    EXPECT_NEAR(o.violation, 1.0, 1e-12);  // (0.02 − 0.01) / 0.01
    EXPECT_DOUBLE_EQ(o.coldStartFraction, 0.1);
    EXPECT_FALSE(o.eligible());
}

// P(T > t) of the response time of an M/M/c queue (FIFO): with probability
// 1 − C the request starts at once (T = S ~ Exp(μ)), else it first waits
// Exp(θ = cμ − λ), and P(Exp(θ) + Exp(μ) > t) = (θ e^{−μt} − μ e^{−θt})/(θ − μ).
double mmcTail(int c, double lambda, double mu, double t) {
    const double C = test::erlangC(c, lambda / mu);
    const double theta = c * mu - lambda;
    const double both = std::abs(theta - mu) < 1e-9 ? (1.0 + mu * t) * std::exp(-mu * t)
                                                    : (theta * std::exp(-mu * t) - mu * std::exp(-theta * t)) / (theta - mu);
    return (1.0 - C) * std::exp(-mu * t) + C * both;
}

TEST(Capacity, MatchesTheErlangCRateForAp99Bound) {
    // 4 nodes × 1 slot, exponential service of mean 1 s, a FIFO queue: the
    // p99 of the response time crosses 8 s where mmcTail(4, λ, 1, 8) = 1 %.
    Scenario s = test::poissonScenario(1.0, 40000.0, 5);
    DeploymentSpec pool = test::dedicatedDeployment("pool", 4, Distribution::exponential(1.0));
    pool.overflow = Overflow::Queue;
    pool.queueTimeoutSeconds = 1e6;
    s.deployments.push_back(pool);
    double lo = 0.5, hi = 3.99;  // tail probability rises with λ
    for (int i = 0; i < 60; ++i) ((mmcTail(4, 0.5 * (lo + hi), 1.0, 8.0) < 0.01) ? lo : hi) = 0.5 * (lo + hi);
    const double analytic = lo;  // ≈ 3.347 requests/s (utilisation 84 %)
    ASSERT_GT(analytic, 3.3);
    ASSERT_LT(analytic, 3.4);

    const analysis::ParameterPath scale(s, std::string(analysis::kRateScalePath), "capacity-test.json");
    analysis::CapacityOptions options;
    options.slos.p99Seconds = 8.0;
    const auto c = analysis::findCapacity(scale, 0, aliveCost, options);
    ASSERT_TRUE(c.feasible);
    EXPECT_FALSE(c.unbounded);
    ASSERT_TRUE(c.failingRateScale.has_value());
    EXPECT_LE(*c.failingRateScale / c.rateScale - 1.0, 0.01 + 1e-12);  // bisected to 1 %
    EXPECT_NEAR(c.rateScale, analytic, 0.05 * analytic);             // base rate 1/s: scale = λ
    EXPECT_NEAR(c.requestsPerSecond, c.rateScale, 0.03 * c.rateScale);
    // Unit figures: 4 nodes at $0.10/h = $292/month.
    ASSERT_TRUE(c.atCapacity.costUsdPerMonth.has_value());
    EXPECT_NEAR(*c.atCapacity.costUsdPerMonth, 292.0, 1.0);
    ASSERT_TRUE(c.requestsPerUsd.has_value());
    EXPECT_NEAR(*c.requestsPerUsd, c.requestsPerSecond * 730.0 * 3600.0 / 292.0, 0.02 * *c.requestsPerUsd);
    EXPECT_NEAR(*c.usdPer1MRequests, 1e6 / *c.requestsPerUsd, 1e-9 * *c.usdPer1MRequests);
    EXPECT_FALSE(c.usdPer1MTokens.has_value());  // no tokens in a classic workload
    EXPECT_LT(c.probes.size(), 20u);
}

TEST(Pareto, HandMadeSet) {
    using analysis::ParetoPoint;
    const std::vector<ParetoPoint> points{
        {100.0, 2.0, 0},  // front
        {120.0, 2.5, 1},  // dominated by 0
        {150.0, 1.0, 2},  // front
        {100.0, 3.0, 3},  // same cost as 0, slower: dominated
        {300.0, 1.0, 4},  // same p99 as 2, dearer: dominated
        {50.0, 9.0, 5},   // front (cheapest)
        {400.0, 0.5, 6},  // front (fastest)
        {150.0, 1.0, 7},  // duplicate of 2: the first is kept
    };
    const auto front = analysis::paretoFront(points);
    ASSERT_EQ(front.size(), 4u);
    EXPECT_EQ(front[0].index, 5u);
    EXPECT_EQ(front[1].index, 0u);
    EXPECT_EQ(front[2].index, 2u);
    EXPECT_EQ(front[3].index, 6u);
    EXPECT_TRUE(analysis::paretoFront({}).empty());
}

}  // namespace
}  // namespace breakeven
