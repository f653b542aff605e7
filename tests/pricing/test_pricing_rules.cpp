// Rules shared by every platform: cent rounding, monthly tiers, free-tier
// exhaustion, INIT billing, month normalisation, discounts, user lines and
// the errors that replace guessing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "pricing/Pricing.h"
#include "pricing/SeedFacts.h"
#include "pricing_test_support.h"

namespace breakeven::pricing {
namespace {

bool mentions(const std::vector<std::string>& texts, const std::string& word) {
    return std::any_of(texts.begin(), texts.end(),
                       [&](const std::string& t) { return t.find(word) != std::string::npos; });
}

// An x86 Lambda of 1024 MB, so seconds = GB-seconds.
UsageLedger lambda1Gb(double durationSeconds, std::uint64_t requests = 0) {
    UsageLedger l;
    l.platform = "aws-lambda";
    l.memoryMb = 1024.0;
    l.requests = requests;
    l.billedRequestSecondsOnDemand = durationSeconds;
    return l;
}

TEST(RoundCents, HalfUpDespiteBinaryRepresentation) {
    EXPECT_DOUBLE_EQ(roundCents(2.675),
                     2.68);  // stored as 2.67499999999999982236431605997495353221893310546875
    EXPECT_DOUBLE_EQ(roundCents(0.005), 0.01);
    EXPECT_DOUBLE_EQ(roundCents(1.005), 1.01);
    EXPECT_DOUBLE_EQ(roundCents(1.115), 1.12);
    EXPECT_DOUBLE_EQ(roundCents(8.345), 8.35);
    EXPECT_DOUBLE_EQ(roundCents(0.125), 0.13);
    EXPECT_DOUBLE_EQ(roundCents(1314000 * 0.0000025), 3.29);  // a product landing on a half cent
    EXPECT_DOUBLE_EQ(roundCents(1000000000.005), 1000000000.01);
}

TEST(RoundCents, BelowHalfRoundsDownAndNegativesMirror) {
    EXPECT_DOUBLE_EQ(roundCents(2.333338), 2.33);
    EXPECT_DOUBLE_EQ(roundCents(0.0049999), 0.0);
    EXPECT_DOUBLE_EQ(roundCents(2.6749), 2.67);
    EXPECT_DOUBLE_EQ(roundCents(18.337), 18.34);
    EXPECT_DOUBLE_EQ(roundCents(-2.675), -2.68);
    EXPECT_DOUBLE_EQ(roundCents(-514.066), -514.07);
    EXPECT_FALSE(std::signbit(roundCents(-0.001)));  // never "-0.00"
    EXPECT_DOUBLE_EQ(roundCents(0.0), 0.0);
}

TEST(Per1M, DollarsPerMillion) {
    EXPECT_DOUBLE_EQ(per1M(2.73, 3e6), 0.91);
    EXPECT_DOUBLE_EQ(per1M(5.0, 0.0), 0.0);
}

TEST(Tiers, X86CrossesSixBillionGbSeconds) {
    const auto cost = price(lambda1Gb(7e9), seedPrices(), kMonth);
    ASSERT_EQ(cost.lines.size(), 2u);
    EXPECT_EQ(cost.lines[0].item, "compute (x86, request duration)");
    EXPECT_DOUBLE_EQ(cost.lines[0].quantity, 6e9);
    EXPECT_DOUBLE_EQ(cost.lines[0].usd, 100000.20);  // 6e9 x $0.0000166667
    EXPECT_EQ(cost.lines[1].item, "compute (x86, request duration), tier 2");
    EXPECT_DOUBLE_EQ(cost.lines[1].quantity, 1e9);
    EXPECT_DOUBLE_EQ(cost.lines[1].usdPerUnit, 0.000015);
    EXPECT_DOUBLE_EQ(cost.lines[1].usd, 15000.00);
    EXPECT_DOUBLE_EQ(cost.totalUsd, 115000.20);
}

TEST(Tiers, ExactlyOnTheBoundaryAndIntoTier3) {
    EXPECT_EQ(price(lambda1Gb(6e9), seedPrices(), kMonth).lines.size(), 1u);
    const auto cost = price(lambda1Gb(16e9), seedPrices(), kMonth);
    ASSERT_EQ(cost.lines.size(), 3u);
    EXPECT_DOUBLE_EQ(cost.lines[1].usd, 135000.00);  // 9e9 x $0.000015
    EXPECT_DOUBLE_EQ(cost.lines[2].usd, 13333.40);   // 1e9 x $0.0000133334
    EXPECT_DOUBLE_EQ(cost.totalUsd, 248333.60);
}

TEST(Tiers, ArmBoundaryIsSevenPointFiveBillion) {
    UsageLedger l = lambda1Gb(8e9);
    l.architecture = "arm";
    const auto cost = price(l, seedPrices(), kMonth);
    ASSERT_EQ(cost.lines.size(), 2u);
    EXPECT_DOUBLE_EQ(cost.lines[0].quantity, 7.5e9);
    EXPECT_DOUBLE_EQ(cost.lines[0].usd, 100000.50);  // 7.5e9 x $0.0000133334
    EXPECT_DOUBLE_EQ(cost.lines[1].usd, 6000.05);    // 5e8 x $0.0000120001
}

TEST(Tiers, FreeTierComesOffBeforeTheTiers) {
    PricingOptions options;
    options.freeTier = true;
    const auto cost = price(lambda1Gb(6e9 + 400000), seedPrices(), kMonth, options);
    ASSERT_EQ(cost.lines.size(), 1u);  // 6e9 billable: all tier 1
    EXPECT_DOUBLE_EQ(cost.totalUsd, 100000.20);
}

TEST(FreeTier, ExhaustionOfRequestsAndCompute) {
    PricingOptions options;
    options.freeTier = true;
    // Inside the allowance: lines stay visible at $0.00.
    auto cost = price(lambda1Gb(300000, 800000), seedPrices(), kMonth, options);
    ASSERT_EQ(cost.lines.size(), 2u);
    EXPECT_DOUBLE_EQ(cost.lines[0].quantity, 0.0);
    EXPECT_DOUBLE_EQ(cost.totalUsd, 0.0);
    // Exactly used up, then exceeded.
    EXPECT_DOUBLE_EQ(price(lambda1Gb(400000, 1000000), seedPrices(), kMonth, options).totalUsd,
                     0.0);
    cost = price(lambda1Gb(460000, 2500000), seedPrices(), kMonth, options);
    EXPECT_DOUBLE_EQ(cost.lines[0].usd, 0.30);  // 1.5M requests
    EXPECT_DOUBLE_EQ(cost.lines[1].usd, 1.00);  // 60,000 GB-s x $0.0000166667 = $1.000002
    EXPECT_DOUBLE_EQ(cost.totalUsd, 1.30);
}

TEST(FreeTier, NeverCoversProvisionedConcurrency) {
    UsageLedger l = lambda1Gb(0, 100000);
    l.billing = BillingScope::Provisioned;
    l.provisionedInstanceSeconds = 100000;
    l.billedRequestSecondsProvisioned = 10000;
    PricingOptions options;
    options.freeTier = true;
    const auto cost = price(l, seedPrices(), kMonth, options);
    ASSERT_TRUE(cost.errors.empty());
    EXPECT_DOUBLE_EQ(cost.totalUsd,
                     0.42 + 0.10);  // 100,000 x $0.0000041667 + 10,000 x $0.0000097222
}

TEST(Init, BilledAsOnDemandDurationAfterTheRequests) {
    // 300,000 GB-s of duration and 200,000 of INIT: the free tier covers the
    // duration and half the INIT.
    UsageLedger l = lambda1Gb(300000);
    l.billedInitSeconds = 200000;
    PricingOptions options;
    options.freeTier = true;
    auto cost = price(l, seedPrices(), kMonth, options);
    ASSERT_EQ(cost.lines.size(), 2u);
    EXPECT_EQ(cost.lines[1].item, "compute (x86, INIT of cold starts)");
    EXPECT_DOUBLE_EQ(cost.lines[0].usd, 0.0);
    EXPECT_DOUBLE_EQ(cost.lines[1].quantity, 100000.0);
    EXPECT_DOUBLE_EQ(cost.lines[1].usd, 1.67);  // $1.66667
    // INIT continues the month's cumulative tiers where the duration stopped.
    l = lambda1Gb(5.9e9);
    l.billedInitSeconds = 2e8;
    cost = price(l, seedPrices(), kMonth);
    ASSERT_EQ(cost.lines.size(), 3u);
    EXPECT_DOUBLE_EQ(cost.lines[1].quantity, 1e8);
    EXPECT_EQ(cost.lines[2].item, "compute (x86, INIT of cold starts), tier 2");
    EXPECT_DOUBLE_EQ(cost.lines[2].usd, 1500.00);
}

TEST(Ephemeral, AboveFiveHundredTwelveMbOnly) {
    UsageLedger l = lambda1Gb(1000000);
    l.ephemeralStorageMb = 512.0;
    EXPECT_EQ(price(l, seedPrices(), kMonth).lines.size(), 1u);
    l.ephemeralStorageMb = 10240.0;  // 9.5 GB x 1e6 s x $0.0000000309 = $0.29355
    const auto cost = price(l, seedPrices(), kMonth);
    ASSERT_EQ(cost.lines.size(), 2u);
    EXPECT_DOUBLE_EQ(cost.lines[1].usd, 0.29);
}

TEST(Month, OneHourLedgerIsScaledToSevenHundredThirtyHours) {
    const UsageLedger hour = lambda1Gb(100.0, 1000);  // 1,000 requests x 100 ms in one hour
    const BillingPeriod period{3600.0, true};
    auto cost = price(hour, seedPrices(), period);
    EXPECT_DOUBLE_EQ(cost.lines[0].quantity, 0.73);     // 730,000 requests
    EXPECT_DOUBLE_EQ(cost.lines[0].usd, 0.15);          // $0.146
    EXPECT_DOUBLE_EQ(cost.lines[1].quantity, 73000.0);  // GB-s
    EXPECT_DOUBLE_EQ(cost.lines[1].usd, 1.22);          // $1.2166691
    EXPECT_TRUE(mentions(cost.assumptions, "730-hour month"));
    // The unscaled hour is priced as is: fractions of a cent.
    EXPECT_DOUBLE_EQ(price(hour, seedPrices(), {3600.0, false}).totalUsd, 0.0);
    // The free tier applies once, to the scaled month.
    PricingOptions options;
    options.freeTier = true;
    EXPECT_DOUBLE_EQ(price(hour, seedPrices(), period, options).totalUsd, 0.0);
}

TEST(Month, TiersApplyToTheScaledMonth) {
    const UsageLedger hour = lambda1Gb(1e7);  // 7.3e9 GB-s once scaled
    const auto cost = price(hour, seedPrices(), {3600.0, true});
    ASSERT_EQ(cost.lines.size(), 2u);
    EXPECT_DOUBLE_EQ(cost.lines[1].quantity, 1.3e9);
    EXPECT_EQ(price(hour, seedPrices(), {3600.0, false}).lines.size(), 1u);
    EXPECT_FALSE(price(hour, seedPrices(), {0.0, true}).errors.empty());
}

TEST(Discount, OwnNegativeLineOnThePlatformLines) {
    UsageLedger l = lambda1Gb(14.88e6, 7440000);  // the telemetry example: $249.49
    PricingOptions options;
    options.discountPercent = 17.0;
    options.userLines = {{"load balancer", "month", 18.0, 1.0, 0.0}};
    const auto cost = price(l, seedPrices(), kMonth, options);
    ASSERT_EQ(cost.lines.size(), 4u);
    EXPECT_EQ(cost.lines[2].item, "discount (17 %)");
    EXPECT_DOUBLE_EQ(cost.lines[2].quantity, 249.49);
    EXPECT_DOUBLE_EQ(cost.lines[2].usd,
                     -42.41);  // 17 % of $249.49 = $42.4133, not of the user line
    EXPECT_EQ(cost.lines[2].priceId, "");
    EXPECT_DOUBLE_EQ(cost.totalUsd, 249.49 - 42.41 + 18.00);
    options.discountPercent = 120.0;
    EXPECT_FALSE(price(l, seedPrices(), kMonth, options).errors.empty());
}

TEST(UserLines, FixedPerMonthScalesWithThePeriodPerRequestWithRequests) {
    UsageLedger l = lambda1Gb(0, 1000000);
    PricingOptions options;
    options.userLines = {{"load balancer", "month", 18.0, 1.0, 0.0},
                         {"egress", "GB", 0.09, 0.0, 0.001}};
    const BillingPeriod halfMonth{kHoursPerMonth * 1800.0, false};
    auto cost = price(l, seedPrices(), halfMonth, options);
    ASSERT_EQ(cost.lines.size(), 3u);
    EXPECT_DOUBLE_EQ(cost.lines[1].quantity, 0.5);
    EXPECT_DOUBLE_EQ(cost.lines[1].usd, 9.00);
    EXPECT_EQ(cost.lines[1].priceId, "");
    EXPECT_DOUBLE_EQ(cost.lines[2].usd, 90.00);  // 1,000 GB
    cost = price(l, seedPrices(), {kHoursPerMonth * 1800.0, true}, options);
    EXPECT_DOUBLE_EQ(cost.lines[1].usd, 18.00);   // a whole month
    EXPECT_DOUBLE_EQ(cost.lines[2].usd, 180.00);  // twice the requests
}

TEST(Errors, MissingRowIsAnErrorAndNoLine) {
    PriceSet prices = seedPrices();
    prices.items.erase("lambda.requests");
    const auto cost = price(lambda1Gb(1000000, 1000000), prices, kMonth);
    ASSERT_EQ(cost.lines.size(), 1u);
    EXPECT_EQ(cost.lines[0].priceId, "lambda.x86.gb-second");
    EXPECT_TRUE(mentions(cost.errors, "lambda.requests"));
}

TEST(Errors, UnknownPlatformScopeAndArchitecture) {
    UsageLedger l = lambda1Gb(1000, 10);
    l.platform = "azure-functions";
    auto cost = price(l, seedPrices(), kMonth);
    EXPECT_TRUE(cost.lines.empty());
    EXPECT_DOUBLE_EQ(cost.totalUsd, 0.0);
    EXPECT_TRUE(mentions(cost.errors, "azure-functions"));
    l.platform = "aws-lambda";
    l.billing = BillingScope::NodeHours;
    EXPECT_TRUE(mentions(price(l, seedPrices(), kMonth).errors, "nodeHours"));
    l.billing = BillingScope::PerRequestDuration;
    l.architecture = "riscv";
    EXPECT_TRUE(mentions(price(l, seedPrices(), kMonth).errors, "riscv"));
    l.architecture = "arm64";
    EXPECT_TRUE(price(l, seedPrices(), kMonth).errors.empty());
}

TEST(Traceability, LinesCarryPriceIdRowIdAndUnits) {
    PriceSet prices = seedPrices();
    prices.items.at("lambda.requests").rowId = 42;
    const auto cost = price(lambda1Gb(10, 2000000), prices, kMonth);
    EXPECT_EQ(cost.lines[0].priceId, "lambda.requests");
    EXPECT_EQ(cost.lines[0].priceRowId, 42);
    EXPECT_EQ(cost.lines[0].unit, "1M requests");
    EXPECT_DOUBLE_EQ(cost.lines[0].quantity, 2.0);
    EXPECT_DOUBLE_EQ(cost.lines[0].usdExact, 0.4);
    EXPECT_TRUE(mentions(cost.notPriced, "egress"));
}

}  // namespace
}  // namespace breakeven::pricing
