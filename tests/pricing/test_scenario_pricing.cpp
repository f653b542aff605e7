// The scenario's `pricing` object: a factor on every catalogue price, a
// discount per platform (a deployment's own wins), the free-tier switch and
// extra lines added once per top-level alternative.
#include <gtest/gtest.h>

#include "model/io/ScenarioJson.h"
#include "pricing/ResultPricing.h"
#include "pricing_test_support.h"

namespace breakeven::pricing {
namespace {

// One 1024 MB x86 Lambda that ran 10^6 GB-seconds and 10^6 requests in a
// 730-hour window, so the month bill equals the window bill.
ScenarioResult lambdaResult(std::size_t deployments) {
    ScenarioResult r;
    for (std::size_t i = 0; i < deployments; ++i) {
        DeploymentResult d;
        d.name = "fn" + std::to_string(i);
        d.ledger.platform = "aws-lambda";
        d.ledger.memoryMb = 1024.0;
        d.ledger.requests = 1000000;
        d.ledger.billedRequestSecondsOnDemand = 1e6;
        d.served = 1000000;
        d.simulatedSeconds = kHoursPerMonth * 3600.0;
        r.deployments.push_back(d);
    }
    return r;
}

Scenario lambdaScenario(std::size_t deployments) {
    Scenario s;
    for (std::size_t i = 0; i < deployments; ++i) {
        DeploymentSpec d;
        d.name = "fn" + std::to_string(i);
        d.platform = "aws-lambda";
        s.deployments.push_back(d);
    }
    return s;
}

// 10^6 GB-s × $0.0000166667 + 1M requests × $0.20 = $16.67 + $0.20.
constexpr double kPlainUsd = 16.87;

TEST(ScenarioPricing, DefaultIsThePlainBill) {
    const auto costs = priceResult(lambdaScenario(1), lambdaResult(1), seedPrices(), {});
    EXPECT_DOUBLE_EQ(costs[0].month.totalUsd, kPlainUsd);
}

TEST(ScenarioPricing, FactorScalesEveryCataloguePriceAndSaysSo) {
    Scenario s = lambdaScenario(1);
    s.pricing.factor = 2.0;
    const auto costs = priceResult(s, lambdaResult(1), seedPrices(), {});
    EXPECT_DOUBLE_EQ(costs[0].month.totalUsd, 33.73);  // 33.3334 + 0.40
    ASSERT_FALSE(costs[0].month.assumptions.empty());
    EXPECT_NE(costs[0].month.assumptions.back().find("× 2"), std::string::npos);
}

TEST(ScenarioPricing, DiscountByPlatformUnlessTheDeploymentHasItsOwn) {
    Scenario s = lambdaScenario(2);
    s.pricing.discountPercentByPlatform["aws-lambda"] = 10.0;
    s.deployments[1].discountPercent = 50.0;
    const auto costs = priceResult(s, lambdaResult(2), seedPrices(), {});
    EXPECT_NEAR(costs[0].month.totalUsd, kPlainUsd * 0.9, 0.011);
    EXPECT_NEAR(costs[1].month.totalUsd, kPlainUsd * 0.5, 0.011);
}

TEST(ScenarioPricing, ExtraLinesOncePerAlternative) {
    Scenario s = lambdaScenario(2);
    s.pricing.extraLines.push_back({"monitoring", "month", 25.0, 1.0, 0.0});
    const auto costs = priceResult(s, lambdaResult(2), seedPrices(), {});
    EXPECT_DOUBLE_EQ(costs[0].month.totalUsd, kPlainUsd + 25.0);
    EXPECT_DOUBLE_EQ(costs[1].month.totalUsd, kPlainUsd + 25.0);
}

TEST(ScenarioPricing, FreeTierSwitchOverridesTheOption) {
    Scenario s = lambdaScenario(1);
    s.pricing.freeTier = true;
    const auto costs = priceResult(s, lambdaResult(1), seedPrices(), {});
    // 400,000 GB-s and 1M requests free: 600,000 × 0.0000166667 = $10.00.
    EXPECT_DOUBLE_EQ(costs[0].month.totalUsd, 10.0);
}

TEST(ScenarioPricing, KeysRoundTripAndOldScenariosKeepTheirCanonicalForm) {
    const std::string text = R"({"schemaVersion": 1, "name": "s",
      "workload": {"kind": "poisson", "ratePerSecond": 1, "durationSeconds": 10},
      "deployments": [{"name": "a", "platform": "aws-lambda", "kind": "function",
                       "service": {"kind": "fixed", "seconds": 0.1}}],
      "slos": {"p99Seconds": 0.5, "maxColdStartFraction": 0.01},
      "pricing": {"factor": 1.1, "discountPercent": {"aws-ec2": 20}, "freeTier": false,
                  "extraLines": [{"item": "egress", "unit": "GB", "usdPerUnit": 0.09, "quantityPerMonth": 100}]},
      "cache": {"ttlSeconds": 60, "cacheLatencySeconds": 0.002}})";
    const Scenario s = parseScenarioText(text, "s.json");
    EXPECT_DOUBLE_EQ(*s.slos.p99Seconds, 0.5);
    EXPECT_FALSE(s.slos.ttftP99Seconds.has_value());
    EXPECT_DOUBLE_EQ(s.pricing.factor, 1.1);
    EXPECT_DOUBLE_EQ(s.pricing.discountPercentByPlatform.at("aws-ec2"), 20.0);
    ASSERT_TRUE(s.cache.has_value());
    EXPECT_EQ(s.cache->mode, CacheMode::Dedup);
    const auto canonical = scenarioToJson(s);
    EXPECT_EQ(scenarioToJson(scenarioFromJson(canonical, "again")), canonical);

    Scenario plain = s;
    plain.slos = {};
    plain.pricing = {};
    plain.cache.reset();
    const auto j = scenarioToJson(plain);
    EXPECT_FALSE(j.contains("slos") || j.contains("pricing") || j.contains("cache"));
}

void expectError(const std::string& extra, const std::string& path) {
    const std::string text = R"({"schemaVersion": 1, "name": "s",
      "workload": {"kind": "poisson", "ratePerSecond": 1, "durationSeconds": 10},
      "deployments": [{"name": "a", "platform": "aws-lambda", "kind": "function",
                       "service": {"kind": "fixed", "seconds": 0.1}}], )" + extra + "}";
    try {
        (void)parseScenarioText(text, "s.json");
        ADD_FAILURE() << "accepted: " << extra;
    } catch (const ScenarioError& e) {
        EXPECT_EQ(e.jsonPath(), path) << e.what();
    }
}

TEST(ScenarioPricing, BadValuesNameTheirPath) {
    expectError(R"("slos": {"p99Seconds": -1})", "slos.p99Seconds");
    expectError(R"("slos": {"minGoodput": 1.5})", "slos.minGoodput");
    expectError(R"("slos": {"p99": 1})", "slos.p99");
    expectError(R"("pricing": {"factor": 0})", "pricing.factor");
    expectError(R"("pricing": {"discountPercent": {"aws-ec2": 120}})", R"(pricing.discountPercent["aws-ec2"])");
    expectError(R"("cache": {"hitRatio": 0.5, "ttlSeconds": 60})", "cache");
    expectError(R"("cache": {"hitRatio": 2})", "cache.hitRatio");
}

}  // namespace
}  // namespace breakeven::pricing
