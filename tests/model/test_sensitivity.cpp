// Sensitivity tornado (issue 8): ±X % on a price, cold start, service time
// and traffic; rows sorted by swing, and the row says when the winner flips.
#include <gtest/gtest.h>

#include "SimTestSupport.h"
#include "model/analysis/Sensitivity.h"

namespace breakeven {
namespace {

using namespace analysis;

// Poisson 10/s for 360 s. "serverless" costs its busy seconds (fixed 0.1 s
// per request: ≈ 360 at scale 1) times `priceScale`; "node" a flat 380.
Scenario scenario() {
    Scenario s = test::poissonScenario(10.0, 360.0, 3);
    s.deployments.push_back(test::functionDeployment("serverless", Distribution::fixed(0.1)));
    s.deployments.push_back(test::functionDeployment("node", Distribution::fixed(0.1)));
    return s;
}

CostFunction costAt(double priceScale) {
    return [priceScale](const Scenario&, std::size_t d, const DeploymentResult& r) -> std::optional<double> {
        if (d == 1) return 380.0;
        return priceScale * r.ledger.requestSecondsRaw;
    };
}

const SensitivityRow& row(const SensitivityResult& r, const std::string& input) {
    for (const auto& row : r.rows)
        if (row.input == input) return row;
    throw std::runtime_error("no row " + input);
}

TEST(Sensitivity, APriceTenPercentUpFlipsTheWinnerAndTheRowSaysSo) {
    const Scenario s = scenario();
    PriceVariant price{"price serverless.gb-second", "USD per GB-second", 0.9, 1.1, costAt(0.9), costAt(1.1)};
    SensitivityOptions options;
    options.percent = 10.0;
    options.threads = 2;
    const SensitivityResult r = runSensitivity(s, "s.json", {}, costAt(1.0), {price}, options);
    ASSERT_EQ(r.alternatives.size(), 2u);
    const double busy = *r.base[0].costUsdPerMonth;  // ≈ 360 busy seconds
    EXPECT_NEAR(busy, 360.0, 0.05 * 360.0);
    ASSERT_LT(busy, 380.0);
    EXPECT_EQ(r.baseWinner, 0u);

    const SensitivityRow& p = row(r, "price serverless.gb-second");
    EXPECT_DOUBLE_EQ(*p.low.alternatives[0].costUsdPerMonth, 0.9 * busy);  // re-priced, not re-simulated
    EXPECT_DOUBLE_EQ(*p.high.alternatives[0].costUsdPerMonth, 1.1 * busy);
    EXPECT_DOUBLE_EQ(p.swingUsdPerMonth, 0.2 * busy);
    EXPECT_EQ(p.low.winner, 0u);
    EXPECT_EQ(p.high.winner, 1u);  // 1.1 × 360 = 396 > 380
    EXPECT_TRUE(p.flipsWinner);

    // Service time ±10 %: fixed 0.09 / 0.11 s, so the busy seconds are exact.
    const SensitivityRow& service = row(r, "serviceTime");
    EXPECT_NEAR(*service.high.alternatives[0].costUsdPerMonth, 1.1 * busy, 1e-6 * busy);
    EXPECT_TRUE(service.flipsWinner);
    // Traffic ±10 %: about ±10 % of the arrivals.
    const SensitivityRow& traffic = row(r, "workload.rateScale");
    EXPECT_DOUBLE_EQ(traffic.low.value, 0.9);
    EXPECT_NEAR(*traffic.high.alternatives[0].costUsdPerMonth, 1.1 * busy, 0.04 * busy);
    // No cold starts to scale: no swing, no flip, sorted last.
    const SensitivityRow& cold = r.rows.back();
    EXPECT_EQ(cold.input, "coldStart");
    EXPECT_DOUBLE_EQ(cold.swingUsdPerMonth, 0.0);
    EXPECT_FALSE(cold.flipsWinner);
    for (std::size_t i = 1; i < r.rows.size(); ++i)
        EXPECT_GE(r.rows[i - 1].swingUsdPerMonth, r.rows[i].swingUsdPerMonth);
}

TEST(Sensitivity, SmallChangesDoNotFlip) {
    const Scenario s = scenario();
    PriceVariant price{"price x", "USD", 0.98, 1.02, costAt(0.98), costAt(1.02)};
    SensitivityOptions options;
    options.percent = 2.0;
    const SensitivityResult r = runSensitivity(s, "s.json", {}, costAt(1.0), {price}, options);
    for (const auto& row : r.rows) EXPECT_FALSE(row.flipsWinner) << row.input;
    options.percent = 0.0;
    EXPECT_THROW((void)runSensitivity(s, "s.json", {}, costAt(1.0), {}, options), std::invalid_argument);
}

TEST(Sensitivity, ScalingColdStartsAndServiceTimes) {
    Scenario s = scenario();
    s.deployments[0].coldStart = Distribution::logNormalFromP50P99(2.0, 6.0);
    s.deployments[1].service = Distribution::uniform(1.0, 3.0);
    DeploymentSpec hybrid;
    hybrid.composite = Composite::Hybrid;
    hybrid.members = {s.deployments[0]};
    s.deployments.push_back(hybrid);
    scaleColdStarts(s, 1.5);
    EXPECT_DOUBLE_EQ(s.deployments[0].coldStart.param(0), 3.0);
    EXPECT_DOUBLE_EQ(s.deployments[0].coldStart.param(1), 9.0);
    EXPECT_DOUBLE_EQ(s.deployments[2].members[0].coldStart.param(1), 9.0);  // members too
    scaleServiceTimes(s, 0.5);
    EXPECT_DOUBLE_EQ(s.deployments[1].service.param(0), 0.5);
    EXPECT_DOUBLE_EQ(s.deployments[1].service.param(1), 1.5);
    EXPECT_DOUBLE_EQ(s.deployments[0].service.param(0), 0.05);
}

}  // namespace
}  // namespace breakeven
