// The bill split (pricing/BillSplit.h) on hand-computed bills: each billing
// scope's lines apportioned by the ledger quantities they bill, and the four
// parts always summing to the bill's total to the cent.
#include <gtest/gtest.h>

#include <cmath>

#include "model/core/Rng.h"
#include "pricing/BillSplit.h"
#include "pricing/ResultPricing.h"
#include "pricing_test_support.h"

namespace breakeven::pricing {
namespace {

constexpr double kMonthSeconds = kHoursPerMonth * 3600.0;  // 2,628,000

void expectSumsToTotal(const BillSplit& s, const CostBreakdown& bill) {
    EXPECT_DOUBLE_EQ(roundCents(s.usefulUsd + s.idleTaxUsd + s.coldStartTaxUsd + s.otherUsd), bill.totalUsd);
    for (double part : {s.usefulUsd, s.idleTaxUsd, s.coldStartTaxUsd, s.otherUsd})
        EXPECT_DOUBLE_EQ(part, roundCents(part)) << "every part is whole cents";
}

BillSplit splitOf(const UsageLedger& l, const PricingOptions& options = {}) {
    const CostBreakdown bill = price(l, seedPrices(), kMonth, options);
    EXPECT_TRUE(bill.errors.empty()) << bill.errors.front();
    const BillSplit s = splitBill(l, bill, options.userLines.size());
    expectSumsToTotal(s, bill);
    return s;
}

TEST(BillSplit, LambdaInitIsColdStartTax) {
    UsageLedger l;
    l.platform = "aws-lambda";
    l.memoryMb = 2048;  // 2 GB
    l.requests = 3'000'000;
    l.billedRequestSecondsOnDemand = 300'000;  // 600,000 GB-s x $0.0000166667 = $10.00
    l.billedInitSeconds = 45'678;              // 91,356 GB-s x $0.0000166667 = $1.5226 -> $1.52
    const BillSplit s = splitOf(l);
    EXPECT_DOUBLE_EQ(s.coldStartTaxUsd, 1.52);  // INIT seconds x GB x GB-s price
    EXPECT_DOUBLE_EQ(s.usefulUsd, 10.00 + 0.60);  // duration + 3M requests x $0.20
    EXPECT_DOUBLE_EQ(s.idleTaxUsd, 0.0);        // a function's keep-alive is not billed
    EXPECT_DOUBLE_EQ(s.otherUsd, 0.0);
}

TEST(BillSplit, CloudRunInstanceBasedKeepAliveIsIdleTax) {
    UsageLedger l;
    l.platform = "gcp-cloud-run";
    l.billing = BillingScope::InstanceLifetime;
    l.vcpu = 2;
    l.memoryMb = 4096;  // 4 GiB
    l.instanceAliveSeconds = 100'000;
    l.instanceStartingSeconds = 10'000;  // 10 %
    l.instanceBusySeconds = 50'000;      // 50 %
    l.instanceIdleSeconds = 40'000;      // 40 %: keep-alive tails
    l.billedLifetimeSeconds = 100'500;   // rounding and minimums follow the shares
    // CPU 100,500 x 2 x $0.000018 = $3.618 -> $3.62; memory 100,500 x 4 x $0.000002 = $0.804 -> $0.80.
    const BillSplit s = splitOf(l);
    // $4.42 x (50 %, 40 %, 10 %) = 2.21, 1.768, 0.442 -> the spare cent to the largest remainder.
    EXPECT_DOUBLE_EQ(s.usefulUsd, 2.21);
    EXPECT_DOUBLE_EQ(s.idleTaxUsd, 1.77);
    EXPECT_DOUBLE_EQ(s.coldStartTaxUsd, 0.44);
    EXPECT_DOUBLE_EQ(s.otherUsd, 0.0);
}

TEST(BillSplit, CloudRunRequestBasedStartUpAndIdleMinInstances) {
    UsageLedger l;
    l.platform = "gcp-cloud-run";
    l.billing = BillingScope::InstanceActive;
    l.vcpu = 1;
    l.memoryMb = 512;  // 0.5 GiB
    l.requests = 500'000;             // $0.40 / 1M -> $0.20
    l.instanceStartingSeconds = 2'000;
    l.instanceBusySeconds = 8'000;
    l.billedActiveSeconds = 10'000;   // CPU $0.24, memory $0.0125 -> $0.01
    l.provisionedIdleSeconds = 100'000;  // idle CPU $0.25, idle memory $0.125 -> $0.13
    const BillSplit s = splitOf(l);
    EXPECT_DOUBLE_EQ(s.idleTaxUsd, 0.38);
    EXPECT_DOUBLE_EQ(s.coldStartTaxUsd, 0.05);  // $0.25 active x 20 % start-up
    EXPECT_DOUBLE_EQ(s.usefulUsd, 0.40);         // $0.25 x 80 % + requests
}

TEST(BillSplit, ProvisionedConcurrencyIdleIsIdleTax) {
    UsageLedger l;
    l.platform = "aws-lambda";
    l.billing = BillingScope::Provisioned;
    l.memoryMb = 1024;
    l.requests = 1'000'000;                          // $0.20
    l.provisionedInstanceSeconds = kMonthSeconds;    // one environment all month: $10.9500876 -> $10.95
    l.provisionedIdleSeconds = 0.75 * kMonthSeconds;
    l.billedRequestSecondsProvisioned = 657'000;     // x $0.0000097222 = $6.3875 -> $6.39
    const BillSplit s = splitOf(l);
    EXPECT_DOUBLE_EQ(s.idleTaxUsd, 8.21);  // $10.95 x 75 % = 8.2125
    EXPECT_DOUBLE_EQ(s.usefulUsd, 9.33);   // $10.95 x 25 % + $6.39 + $0.20 = 9.3275, + the spare cent
    EXPECT_DOUBLE_EQ(s.coldStartTaxUsd, 0.0);
}

UsageLedger dedicatedNodeQuarterBusy() {
    UsageLedger l;
    l.platform = "aws-ec2";
    l.instanceType = "c7g.xlarge";  // $0.145 / hour
    l.billing = BillingScope::NodeHours;
    l.nodeSeconds = l.billedNodeSeconds = l.instanceAliveSeconds = kMonthSeconds;
    l.instanceBusySeconds = 0.25 * kMonthSeconds;
    l.instanceIdleSeconds = 0.75 * kMonthSeconds;
    return l;
}

TEST(BillSplit, DedicatedNodeAtQuarterBusy) {
    const BillSplit s = splitOf(dedicatedNodeQuarterBusy());  // 730 h x $0.145 = $105.85
    EXPECT_DOUBLE_EQ(s.idleTaxUsd, 79.39);  // node-seconds x (1 - 25 %) = $79.3875
    EXPECT_DOUBLE_EQ(s.usefulUsd, 26.46);
    EXPECT_DOUBLE_EQ(s.coldStartTaxUsd, 0.0);
}

TEST(BillSplit, DiscountApportionedUserLinesOther) {
    PricingOptions options;
    options.discountPercent = 20.0;  // -$21.17
    options.userLines.push_back({"load balancer", "month", 18.0, 1.0, 0.0});
    const BillSplit s = splitOf(dedicatedNodeQuarterBusy(), options);
    EXPECT_DOUBLE_EQ(s.otherUsd, 18.00);
    // The discount takes 20 % of each part: (105.85 - 21.17) x 75 % and x 25 %.
    EXPECT_DOUBLE_EQ(s.idleTaxUsd, 63.51);
    EXPECT_DOUBLE_EQ(s.usefulUsd, 21.17);
}

TEST(BillSplit, RunPodFlexAndActiveWorkers) {
    UsageLedger l;
    l.platform = "runpod-serverless";
    l.billing = BillingScope::Provisioned;
    l.gpu = "L4";
    l.gpuCount = 1;
    l.instanceAliveSeconds = 30'000;
    l.instanceStartingSeconds = 1'000;  // flex workers loading the model
    l.instanceBusySeconds = 14'000;
    l.instanceIdleSeconds = 15'000;
    l.provisionedInstanceSeconds = l.billedLifetimeSecondsProvisioned = 20'000;  // an active worker
    l.provisionedIdleSeconds = 12'000;
    l.billedLifetimeSeconds = 30'000;
    const CostBreakdown bill = price(l, seedPrices(), kMonth);
    ASSERT_EQ(bill.lines.size(), 2u);
    const double flex = bill.lines[0].usd, active = bill.lines[1].usd;
    const BillSplit s = splitBill(l, bill, 0);
    expectSumsToTotal(s, bill);
    // Flex: 10,000 s = 1,000 starting + 6,000 busy + 3,000 idle; active: 8,000 busy + 12,000 idle.
    EXPECT_NEAR(s.coldStartTaxUsd, flex * 0.1, 0.011);
    EXPECT_NEAR(s.idleTaxUsd, flex * 0.3 + active * 0.6, 0.011);
}

TEST(BillSplit, CompositeSumsMembersAndJsonCarriesSplit) {
    Scenario scenario;
    DeploymentSpec hybrid;
    hybrid.name = "hybrid";
    hybrid.composite = Composite::Hybrid;
    hybrid.members.resize(2);
    hybrid.members[0].name = "base";
    hybrid.members[1].name = "burst";
    scenario.deployments = {hybrid};
    ScenarioResult result;
    DeploymentResult r;
    r.composite = Composite::Hybrid;
    r.members.resize(2);
    r.members[0].ledger = dedicatedNodeQuarterBusy();
    r.members[0].simulatedSeconds = kMonthSeconds;
    r.members[1].ledger.platform = "aws-lambda";
    r.members[1].ledger.memoryMb = 2048;
    r.members[1].ledger.billedRequestSecondsOnDemand = 300'000;
    r.members[1].ledger.billedInitSeconds = 45'678;
    r.members[1].simulatedSeconds = kMonthSeconds;
    result.deployments = {r};
    const auto costs = priceResult(scenario, result, seedPrices(), {});
    const BillSplit& s = costs.front().monthSplit;
    EXPECT_DOUBLE_EQ(s.idleTaxUsd, 79.39);
    EXPECT_DOUBLE_EQ(s.coldStartTaxUsd, 1.52);
    EXPECT_DOUBLE_EQ(s.usefulUsd, 26.46 + 10.00);
    EXPECT_DOUBLE_EQ(s.totalUsd(), costs.front().month.totalUsd);
    const ResultJson j = costToJson(costs.front());
    EXPECT_DOUBLE_EQ(j.at("perMonthSplit").at("coldStartTaxUsd").get<double>(), 1.52);
    EXPECT_TRUE(j.at("split").contains("idleTaxUsd"));
    EXPECT_TRUE(totalCostToJson(costs).at("perMonthSplit").contains("usefulUsd"));
}

// Any ledger, any month scaling: the parts sum to the total to the cent.
TEST(BillSplit, PartsAlwaysSumToTotal) {
    Rng rng(7);
    const char* platforms[] = {"aws-lambda", "gcp-cloud-run", "modal", "aws-ec2"};
    for (int i = 0; i < 400; ++i) {
        UsageLedger l;
        l.platform = platforms[i % 4];
        l.billing = i % 4 == 0 ? BillingScope::Provisioned
                  : i % 4 == 3 ? BillingScope::NodeHours
                               : (i % 8 < 4 ? BillingScope::InstanceActive : BillingScope::InstanceLifetime);
        if (l.platform == "modal") l.billing = BillingScope::InstanceLifetime;
        l.instanceType = "c7g.xlarge";
        l.memoryMb = 128.0 + 4096.0 * rng.uniform01();
        l.vcpu = 1 + i % 3;
        l.requests = static_cast<std::uint64_t>(1e6 * rng.uniform01());
        l.instanceStartingSeconds = 1e4 * rng.uniform01();
        l.instanceBusySeconds = 1e5 * rng.uniform01();
        l.instanceIdleSeconds = 1e5 * rng.uniform01();
        l.instanceAliveSeconds = l.instanceStartingSeconds + l.instanceBusySeconds + l.instanceIdleSeconds;
        l.billedLifetimeSeconds = l.billedActiveSeconds = l.nodeSeconds = l.billedNodeSeconds =
            l.instanceAliveSeconds * (1.0 + 0.01 * rng.uniform01());
        l.billedRequestSecondsOnDemand = l.instanceBusySeconds;
        l.billedInitSeconds = l.instanceStartingSeconds;
        l.provisionedInstanceSeconds = 1e5 * rng.uniform01();
        l.provisionedIdleSeconds = l.provisionedInstanceSeconds * rng.uniform01();
        l.billedRequestSecondsProvisioned = l.provisionedInstanceSeconds - l.provisionedIdleSeconds;
        PricingOptions options;
        options.freeTier = i % 3 == 0;
        options.discountPercent = i % 5 == 0 ? 17.0 : 0.0;
        if (i % 2 == 0) options.userLines.push_back({"egress", "GB", 0.09, 0.0, 1e-3});
        const BillingPeriod period{3600.0 * (1 + i % 50), i % 2 == 1};
        const CostBreakdown bill = price(l, seedPrices(), period, options);
        ASSERT_TRUE(bill.errors.empty()) << l.platform << ": " << bill.errors.front();
        const BillSplit s = splitBill(l, bill, options.userLines.size());
        expectSumsToTotal(s, bill);
    }
}

}  // namespace
}  // namespace breakeven::pricing
