// Cold-start impact (model/analysis/ColdStartImpact.h) against analytic
// values: on Poisson traffic with short requests, a request finds a warm
// instance iff the gap since the last completion is at most the keep-alive
// T, so the cold fraction is e^(-λT); enough min instances leave no cold
// start at all and turn the always-on capacity's idle time into idle tax.
#include <gtest/gtest.h>

#include <cmath>

#include "SimTestSupport.h"
#include "model/analysis/ColdStartImpact.h"
#include "model/io/ScenarioJson.h"
#include "pricing/ResultPricing.h"
#include "pricing/SeedFacts.h"

namespace breakeven::test {
namespace {

using analysis::ColdStartOptions;
using analysis::ColdStartResult;
using analysis::CostSplit;

const pricing::PriceSet& prices() {
    static const pricing::PriceSet set =
        pricing::priceSetFromSeed(pricing::parseSeed(pricing::embeddedPricingFacts(), "embedded pricing-facts.json"));
    return set;
}

// The caller's side of the contract: price and split, as the CLI does.
std::optional<CostSplit> splitCost(const Scenario& s, std::size_t i, const DeploymentResult& r) {
    const pricing::DeploymentCost c = pricing::priceScenarioDeployment(s, i, r, prices(), {});
    if (!c.month.errors.empty()) return std::nullopt;
    const pricing::BillSplit& m = c.monthSplit;
    return CostSplit{c.month.totalUsd, m.usefulUsd, m.idleTaxUsd, m.coldStartTaxUsd, m.otherUsd};
}

std::optional<CostSplit> noCost(const Scenario&, std::size_t, const DeploymentResult&) { return std::nullopt; }

// λ = 1/s for 20,000 s; 1 ms requests and 1 ms starts, so overlaps (and
// scale-outs) are rare and every idle gap is exponential with rate λ.
Scenario shortRequests() {
    Scenario s = poissonScenario(1.0, 20'000.0, 11);
    DeploymentSpec d = functionDeployment("fn", Distribution::fixed(0.001));
    d.coldStart = Distribution::fixed(0.001);
    d.requestTimeoutSeconds = 900.0;
    s.deployments = {d};
    return s;
}

TEST(ColdStartImpact, KeepAliveColdFractionIsExpMinusLambdaT) {
    ColdStartOptions options;
    options.keepAliveSeconds = {0.0, 0.5, 1.0, 2.0, 1e6};
    options.minInstances = {0};
    options.threads = 2;
    const ColdStartResult r = analysis::runColdStartImpact(shortRequests(), {0}, "test", {}, noCost, options);
    ASSERT_EQ(r.deployments.size(), 1u);
    const auto& rows = r.deployments[0].keepAlive.rows;
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(r.simulations, 6u);
    EXPECT_EQ(r.deployments[0].keepAlive.parameter, "deployments[0].keepAliveSeconds");
    EXPECT_NEAR(rows[0].coldStartFraction, 1.0, 1e-9);  // keep-alive 0: every request starts an instance
    for (std::size_t k = 1; k < 4; ++k) {
        // Binomial sd ≤ 0.0035 at 20,000 requests; overlaps add ≈ 0.002.
        EXPECT_NEAR(rows[k].coldStartFraction, std::exp(-rows[k].value), 0.015) << "T = " << rows[k].value;
        EXPECT_LT(rows[k].coldStartFraction, rows[k - 1].coldStartFraction);
    }
    EXPECT_LT(rows[4].coldStartFraction, 0.002);  // T beyond the window: only the first start (and rare overlaps)
    ASSERT_TRUE(rows[1].coldOnlyP99Seconds.has_value());
    EXPECT_GE(*rows[1].coldOnlyP99Seconds, 0.002 * 0.99);  // start + request
    EXPECT_FALSE(rows[1].costPerMonth.has_value());        // the caller did not price it
}

TEST(ColdStartImpact, SameRowsForAnyThreadCount) {
    ColdStartOptions options;
    options.keepAliveSeconds = {0.0, 1.0, 5.0};
    options.minInstances = {0, 1, 3};
    options.threads = 1;
    const ColdStartResult one = analysis::runColdStartImpact(shortRequests(), {0}, "test", {}, noCost, options);
    options.threads = 3;
    const ColdStartResult three = analysis::runColdStartImpact(shortRequests(), {0}, "test", {}, noCost, options);
    for (bool keepAlive : {true, false}) {
        const auto& a = keepAlive ? one.deployments[0].keepAlive.rows : one.deployments[0].minInstances.rows;
        const auto& b = keepAlive ? three.deployments[0].keepAlive.rows : three.deployments[0].minInstances.rows;
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t k = 0; k < a.size(); ++k) {
            EXPECT_EQ(a[k].coldStarts, b[k].coldStarts);
            EXPECT_EQ(a[k].p99Seconds, b[k].p99Seconds);
            EXPECT_EQ(a[k].coldOnlyP99Seconds, b[k].coldOnlyP99Seconds);
        }
    }
}

// A 1 GB Lambda with provisioned concurrency: 50 ms requests at λ = 1/s,
// 0.5 s INIT, no keep-alive. Peak concurrency stays far below 4.
Scenario provisionedLambda() {
    Scenario s = poissonScenario(1.0, 20'000.0, 5);
    DeploymentSpec d = functionDeployment("lambda", Distribution::fixed(0.05));
    d.platform = "aws-lambda";
    d.memoryMb = 1024;
    d.billing = BillingScope::Provisioned;
    d.coldStart = Distribution::fixed(0.5);
    d.keepAliveSeconds = 0.0;
    d.requestTimeoutSeconds = 900.0;
    d.maxInstances = 1000;
    s.deployments = {d};
    return s;
}

TEST(ColdStartImpact, MinInstancesAbovePeakHideEveryColdStartAtAnIdleTax) {
    ColdStartOptions options;
    options.keepAliveSeconds = {0.0};
    options.minInstances = {0, 4, 8};
    options.threads = 2;
    const ColdStartResult r = analysis::runColdStartImpact(provisionedLambda(), {0}, "test", {}, splitCost, options);
    const auto& rows = r.deployments[0].minInstances.rows;
    ASSERT_EQ(rows.size(), 3u);
    // None: every request is cold and pays its INIT: starts x 0.5 s x 1 GB x
    // $0.0000166667, scaled from 20,000 s to the month.
    ASSERT_TRUE(rows[0].costPerMonth.has_value());
    EXPECT_NEAR(rows[0].coldStartFraction, 1.0, 1e-9);
    EXPECT_EQ(rows[0].coldStarts, rows[0].requests);
    const double month = 730.0 * 3600.0 / 20'000.0;
    const auto starts = static_cast<double>(rows[0].coldStarts);
    EXPECT_NEAR(rows[0].costPerMonth->coldStartTaxUsd, starts * 0.5 * 1.66667e-5 * month, 0.015);
    EXPECT_DOUBLE_EQ(rows[0].costPerMonth->idleTaxUsd, 0.0);
    for (std::size_t k = 1; k < 3; ++k) {
        const double n = rows[k].value;
        EXPECT_EQ(rows[k].coldStarts, 0u) << n << " min instances";
        EXPECT_DOUBLE_EQ(rows[k].coldStartFraction, 0.0);
        ASSERT_TRUE(rows[k].costPerMonth.has_value());
        const CostSplit& c = *rows[k].costPerMonth;
        EXPECT_DOUBLE_EQ(c.coldStartTaxUsd, 0.0);
        // Always-on capacity: n environments x 730 h x 1 GB x $0.0000041667
        // per GB-s; busy a share λ·E[S]/n = 0.05/n of it (M/G/∞), idle the rest.
        const double alwaysOnUsd = n * 730.0 * 3600.0 * 4.1667e-6;
        EXPECT_NEAR(c.idleTaxUsd, alwaysOnUsd * (1.0 - 0.05 / n), 0.03) << n << " min instances";
        EXPECT_DOUBLE_EQ(c.otherUsd, 0.0);
        EXPECT_NEAR(c.usefulUsd + c.idleTaxUsd + c.coldStartTaxUsd + c.otherUsd, c.totalUsd, 1e-9);
    }
    EXPECT_GT(rows[2].costPerMonth->idleTaxUsd, rows[1].costPerMonth->idleTaxUsd);
}

TEST(ColdStartImpact, BadTargetsAndValues) {
    Scenario s = shortRequests();
    s.deployments.push_back(dedicatedDeployment("nodes", 2, Distribution::fixed(0.001)));
    EXPECT_EQ(analysis::serverlessDeployments(s), std::vector<std::size_t>{0});
    EXPECT_THROW((void)analysis::runColdStartImpact(s, {1}, "test", {}, noCost), std::invalid_argument);
    s.deployments[0].maxInstances = 3;
    ColdStartOptions options;
    options.keepAliveSeconds = {10.0};
    options.minInstances = {0, 2, 4, 8};
    options.dropAboveMaxInstances = true;  // a default grid: left out, and said so
    const ColdStartResult r = analysis::runColdStartImpact(s, {0}, "test", {}, noCost, options);
    EXPECT_EQ(r.deployments[0].minInstances.rows.size(), 2u);
    EXPECT_EQ(r.deployments[0].minInstances.dropped, (std::vector<double>{4, 8}));
    options.dropAboveMaxInstances = false;  // values given: the reader's error
    EXPECT_THROW((void)analysis::runColdStartImpact(s, {0}, "test", {}, noCost, options), ScenarioError);
    options.minInstances = {1.5};
    EXPECT_THROW((void)analysis::runColdStartImpact(s, {0}, "test", {}, noCost, options), analysis::ParameterError);
}

}  // namespace
}  // namespace breakeven::test
