// The AWS Lambda pricing page's worked examples (pricing-facts.json
// "examples"), reproduced to the cent by the pricing function. Inputs and
// expected figures are read from the example itself; each test also states
// the page total literally, so an edit of the JSON cannot silently move it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "pricing/Pricing.h"
#include "pricing/SeedFacts.h"
#include "pricing_test_support.h"

namespace breakeven::pricing {
namespace {

using nlohmann::json;

const json& facts() {
    static const json doc = json::parse(embeddedPricingFacts());
    return doc;
}

const json& example(const std::string& id) {
    for (const json& e : facts().at("examples"))
        if (e.at("id") == id) return e;
    throw std::runtime_error("no example " + id);
}

UsageLedger lambdaLedger(double memoryMb, const std::string& arch) {
    UsageLedger l;
    l.platform = "aws-lambda";
    l.memoryMb = memoryMb;
    l.architecture = arch;
    return l;
}

// On-demand example: requests x durationMs at memoryMb.
UsageLedger onDemandLedger(const json& in) {
    UsageLedger l = lambdaLedger(in.at("memoryMb").get<double>(), in.value("architecture", "x86"));
    l.ephemeralStorageMb = in.value("ephemeralStorageMb", 512.0);
    l.requests = in.at("requests").get<std::uint64_t>();
    l.billedRequestSecondsOnDemand =
        in.at("requests").get<double>() * in.at("durationMs").get<double>() / 1000.0;
    return l;
}

// Provisioned Concurrency example: PC environments for pcEnabledSeconds,
// pcRequests on them and onDemandRequests beside them.
UsageLedger provisionedLedger(const json& in) {
    UsageLedger l =
        lambdaLedger(in.at("memoryMb").get<double>(), in.at("architecture").get<std::string>());
    l.billing = BillingScope::Provisioned;
    const double pcRequests = in.at("pcRequests").get<double>();
    const double odRequests = in.at("onDemandRequests").get<double>();
    l.requests = static_cast<std::uint64_t>(pcRequests + odRequests);
    l.provisionedInstanceSeconds =
        in.at("provisionedConcurrency").get<double>() * in.at("pcEnabledSeconds").get<double>();
    l.billedRequestSecondsProvisioned = pcRequests * in.at("pcDurationMs").get<double>() / 1000.0;
    l.billedRequestSecondsOnDemand =
        odRequests * in.at("onDemandDurationMs").get<double>() / 1000.0;
    return l;
}

// One switch covers requests and on-demand compute; the examples that use
// the free tier use it for both, and none for Provisioned Concurrency.
PricingOptions exampleOptions(const json& ex) {
    const json& applied = ex.at("freeTierApplied");
    const bool requests = applied.at("requests").get<bool>();
    const bool compute = applied.contains("computeGbSeconds")
                             ? applied.at("computeGbSeconds").get<bool>()
                             : applied.at("onDemandComputeGbSeconds").get<bool>();
    EXPECT_EQ(requests, compute) << ex.at("id") << ": free tier applied to only part of the bill";
    EXPECT_FALSE(applied.value("provisionedConcurrency", false));
    PricingOptions options;
    options.freeTier = requests;
    return options;
}

// The page names line items; the catalogue names price rows.
std::string pageItemPriceId(const std::string& item, const std::string& arch) {
    if (item == "compute" || item == "onDemandCompute") return "lambda." + arch + ".gb-second";
    if (item == "requests") return "lambda.requests";
    if (item == "ephemeralStorage") return "lambda.ephemeral.gb-second";
    if (item == "provisionedConcurrency") return "lambda.pc." + arch + ".gb-second";
    if (item == "pcDuration") return "lambda.pc." + arch + ".duration.gb-second";
    return "";
}

double usdOf(const CostBreakdown& cost, const std::string& priceId) {
    double usd = 0.0;
    for (const CostLine& line : cost.lines)
        if (line.priceId == priceId) usd += line.usd;
    return usd;
}

void expectPageLines(const CostBreakdown& cost, const json& ex, const std::string& arch) {
    ASSERT_TRUE(cost.errors.empty()) << cost.errors.front();
    for (const json& item : ex.at("pageLineItems")) {
        const std::string id = pageItemPriceId(item.at("item").get<std::string>(), arch);
        ASSERT_FALSE(id.empty()) << item.at("item");
        EXPECT_NEAR(usdOf(cost, id), item.at("usd").get<double>(), 1e-9)
            << ex.at("id") << " " << item.at("item");
    }
    EXPECT_EQ(cost.lines.size(), ex.at("pageLineItems").size());
    EXPECT_DOUBLE_EQ(cost.totalUsd, ex.at("expectedUsd").get<double>());
}

TEST(LambdaPageExamples, Ephemeral1MobileBackend) {
    const json& ex = example("lambda-page-ephemeral-ex1-mobile-backend");
    const auto cost =
        price(onDemandLedger(ex.at("inputs")), seedPrices(), kMonth, exampleOptions(ex));
    expectPageLines(cost, ex, "x86");
    EXPECT_DOUBLE_EQ(cost.totalUsd, 2.73);  // 140,000 GB-s -> $2.33 + 2M requests -> $0.40
    EXPECT_NEAR(usdOf(cost, "lambda.x86.gb-second"), 2.33, 1e-9);
}

TEST(LambdaPageExamples, Ephemeral2TelemetryMlInferenceWithoutFreeTier) {
    const json& ex = example("lambda-page-ephemeral-ex2-telemetry-ml-inference");
    const auto cost =
        price(onDemandLedger(ex.at("inputs")), seedPrices(), kMonth, exampleOptions(ex));
    expectPageLines(cost, ex, "x86");
    EXPECT_DOUBLE_EQ(cost.totalUsd, 249.49);                  // the page deducts no free tier here
    EXPECT_NEAR(usdOf(cost, "lambda.requests"), 1.49, 1e-9);  // $1.488 rounded half-up
}

TEST(LambdaPageExamples, Ephemeral3BertWithEphemeralStorage) {
    const json& ex = example("lambda-page-ephemeral-ex3-bert-nlp-ephemeral");
    const auto cost =
        price(onDemandLedger(ex.at("inputs")), seedPrices(), kMonth, exampleOptions(ex));
    expectPageLines(cost, ex, "x86");
    EXPECT_DOUBLE_EQ(cost.totalUsd, 106.41);
    EXPECT_NEAR(usdOf(cost, "lambda.ephemeral.gb-second"), 0.08,
                1e-9);  // 2,520,000 GB-s, no free tier
}

TEST(LambdaPageExamples, ProvisionedConcurrency1MobileAppLaunch) {
    // The page deducts the free tier from all 3M requests and from the
    // on-demand compute (450,000 - 400,000 GB-s), never from PC.
    const json& ex = example("lambda-page-pc-ex1-mobile-app-launch");
    const auto cost =
        price(provisionedLedger(ex.at("inputs")), seedPrices(), kMonth, exampleOptions(ex));
    expectPageLines(cost, ex, "x86");
    EXPECT_DOUBLE_EQ(cost.totalUsd, 19.96);
    EXPECT_NEAR(usdOf(cost, "lambda.pc.x86.gb-second"), 18.00, 1e-9);
}

TEST(LambdaPageExamples, ProvisionedConcurrency2CyberMonday) {
    const json& ex = example("lambda-page-pc-ex2-cyber-monday");
    const auto cost =
        price(provisionedLedger(ex.at("inputs")), seedPrices(), kMonth, exampleOptions(ex));
    expectPageLines(cost, ex, "x86");
    EXPECT_DOUBLE_EQ(cost.totalUsd, 32.26);
}

// ---- Other examples whose rows the catalogue holds. Charges the ledger does
// not record (SnapStart, streaming, tenant isolation, Durable Functions, event
// poller units) are user cost lines at the catalogue's own rate.

UserCostLine catalogueLine(const std::string& priceId, double fixedQuantity,
                           double perRequest = 0.0) {
    const PriceItem* row = seedPrices().findItem(priceId);
    EXPECT_NE(row, nullptr) << priceId;
    return {priceId, row ? row->unit : "", row ? row->usdPerUnit : 0.0, fixedQuantity, perRequest};
}

double userLineUsd(const CostBreakdown& cost, const std::string& item) {
    for (const CostLine& line : cost.lines)
        if (line.item == item && line.priceId.empty()) return line.usd;
    ADD_FAILURE() << "no user line " << item;
    return NAN;
}

TEST(LambdaPageExamples, LegacyRateReproducesOnlyWithTheOldRoundedPrice) {
    // lambda-legacy-ex1-512mb-3m-1s: a price edit (the pre-2020 rate) re-prices the same ledger.
    const json& ex = example("lambda-legacy-ex1-512mb-3m-1s");
    PriceSet legacy = seedPrices();
    PriceItem& compute = legacy.items.at("lambda.x86.gb-second");
    compute.usdPerUnit = legacy.items.at("lambda.legacy.gb-second").usdPerUnit;
    compute.tiers.clear();
    const UsageLedger ledger = onDemandLedger(ex.at("inputs"));
    const auto cost = price(ledger, legacy, kMonth, exampleOptions(ex));
    expectPageLines(cost, ex, "x86");
    EXPECT_DOUBLE_EQ(cost.totalUsd, 18.74);
    EXPECT_DOUBLE_EQ(price(ledger, seedPrices(), kMonth, exampleOptions(ex)).totalUsd,
                     18.73);  // today's rate
}

TEST(LambdaPageExamples, SnapStartTelemetry) {
    const json& ex = example("lambda-page-snapstart-telemetry");
    const json& in = ex.at("inputs");
    const double gb = in.at("memoryMb").get<double>() / 1024.0;
    PricingOptions options = exampleOptions(ex);
    options.userLines = {catalogueLine("lambda.snapstart.cache.gb-second",
                                       gb * in.at("snapshotActiveSeconds").get<double>()),
                         catalogueLine("lambda.snapstart.restore.gb", 0.0,
                                       in.at("restoreFraction").get<double>() * gb)};
    const auto cost = price(onDemandLedger(in), seedPrices(), kMonth, options);
    EXPECT_NEAR(userLineUsd(cost, "lambda.snapstart.cache.gb-second"), 4.03, 1e-9);
    EXPECT_NEAR(userLineUsd(cost, "lambda.snapstart.restore.gb"), 10.40, 1e-9);
    EXPECT_DOUBLE_EQ(cost.totalUsd, ex.at("expectedUsd").get<double>());
    EXPECT_DOUBLE_EQ(cost.totalUsd, 263.92);
}

TEST(LambdaPageExamples, ResponseStreamingSsr) {
    // The streaming free tier (100 GB) is assumed spent; the first 6 MB of each response is free.
    const json& ex = example("lambda-page-streaming-ssr");
    const json& in = ex.at("inputs");
    double chargeableMb = 0.0;
    for (const json& group : in.at("responseGroups"))
        chargeableMb += group.at("requests").get<double>() *
                        std::max(0.0, group.at("payloadMb").get<double>() -
                                          in.at("freeStreamingMbPerRequest").get<double>());
    PricingOptions options = exampleOptions(ex);
    options.userLines = {
        catalogueLine("lambda.streaming.gb", chargeableMb / in.at("mbPerGb").get<double>())};
    const auto cost = price(onDemandLedger(in), seedPrices(), kMonth, options);
    EXPECT_NEAR(userLineUsd(cost, "lambda.streaming.gb"), 7.81, 1e-9);  // $7.8125
    EXPECT_DOUBLE_EQ(cost.totalUsd, 39.04);  // method A; the unrounded sum would be $39.05
}

TEST(LambdaPageExamples, TenantIsolationMatchesTheArithmeticNotThePageSlip) {
    // The page prints compute $333.334 as $333.34 (knownPageDiscrepancy): $368.73, page $368.74.
    const json& ex = example("lambda-page-tenant-isolation-saas");
    const json& in = ex.at("inputs");
    PricingOptions options = exampleOptions(ex);
    options.userLines = {catalogueLine("lambda.tenant-isolation.gb",
                                       in.at("tenantEnvironmentsCreated").get<double>() *
                                           in.at("memoryMb").get<double>() / 1024.0)};
    const auto cost = price(onDemandLedger(in), seedPrices(), kMonth, options);
    EXPECT_NEAR(usdOf(cost, "lambda.x86.gb-second"), 333.33, 1e-9);
    EXPECT_DOUBLE_EQ(cost.totalUsd,
                     ex.at("ourArithmetic").at("sumOfRoundedLineItemsUsd").get<double>());
    EXPECT_DOUBLE_EQ(cost.totalUsd, 368.73);
}

TEST(LambdaPageExamples, DurableFunctionsInsuranceClaims) {
    const json& ex = example("lambda-page-durable-insurance-claims");
    const json& in = ex.at("inputs");
    const double executions = in.at("executions").get<double>();
    UsageLedger ledger =
        lambdaLedger(in.at("memoryMb").get<double>(), in.at("architecture").get<std::string>());
    ledger.requests =
        static_cast<std::uint64_t>(executions * in.at("invocationsPerExecution").get<double>());
    ledger.billedRequestSecondsOnDemand =
        executions * in.at("computeSecondsPerExecution").get<double>();
    const double writtenGb =
        executions * in.at("kbWrittenPerExecution").get<double>() / in.at("kbPerGb").get<double>();
    PricingOptions options = exampleOptions(ex);
    options.userLines = {
        catalogueLine("lambda.durable.operations",
                      executions * in.at("operationsPerExecution").get<double>() / 1e6),
        catalogueLine("lambda.durable.data-written.gb", writtenGb),
        // the page rounds each GB-month figure to 2 dp: 24.27 + 48.53
        catalogueLine("lambda.durable.data-retained.gb-month", 24.27 + 48.53)};
    const auto cost = price(ledger, seedPrices(), kMonth, options);
    EXPECT_NEAR(usdOf(cost, "lambda.arm.gb-second"), 421.34, 1e-9);
    EXPECT_NEAR(usdOf(cost, "lambda.requests"), 0.20, 1e-9);
    EXPECT_DOUBLE_EQ(cost.totalUsd, ex.at("expectedUsd").get<double>());
    EXPECT_DOUBLE_EQ(cost.totalUsd, 490.46);
}

CostBreakdown priceEsm(const json& ex) {
    const json& in = ex.at("inputs");
    UsageLedger ledger =
        lambdaLedger(in.at("memoryMb").get<double>(), in.at("architecture").get<std::string>());
    ledger.requests = in.at("requestsAsPrinted").get<std::uint64_t>();
    ledger.billedRequestSecondsOnDemand =
        in.at("invocations").get<double>() * in.at("durationMs").get<double>() / 1000.0;
    PricingOptions options = exampleOptions(ex);
    options.userLines = {
        catalogueLine(in.at("epuPriceId").get<std::string>(), in.at("epuHours").get<double>())};
    return price(ledger, seedPrices(), kMonth, options);
}

TEST(LambdaPageExamples, EventSourceMapping2Sqs) {
    const json& ex = example("lambda-page-esm-ex2-sqs");
    const auto cost = priceEsm(ex);
    EXPECT_NEAR(usdOf(cost, "lambda.x86.gb-second"), 500.00, 1e-9);
    EXPECT_DOUBLE_EQ(cost.totalUsd, 580.00);
    EXPECT_DOUBLE_EQ(cost.totalUsd, ex.at("expectedUsd").get<double>());
}

TEST(LambdaPageExamples, EventSourceMapping3TenKafkaMappings) {
    const json& ex = example("lambda-page-esm-ex3-multi-kafka");
    const auto cost = priceEsm(ex);
    EXPECT_NEAR(userLineUsd(cost, "lambda.esm.kafka.epu-hour"), 133.20, 1e-9);
    EXPECT_DOUBLE_EQ(cost.totalUsd, 1193.20);
    EXPECT_DOUBLE_EQ(cost.totalUsd, ex.at("expectedUsd").get<double>());
}

TEST(LambdaPageExamples, LambdaAtEdge) {
    const json& ex = example("lambda-page-edge-10m");
    UsageLedger ledger = onDemandLedger(ex.at("inputs"));
    ledger.platform = "aws-lambda-edge";
    const auto cost = price(ledger, seedPrices(), kMonth);
    ASSERT_TRUE(cost.errors.empty());
    EXPECT_NEAR(usdOf(cost, "lambda.edge.128mb-second"), 0.63, 1e-9);  // 100,000 128MB-s: $0.625125
    EXPECT_NEAR(usdOf(cost, "lambda.edge.requests"), 6.00, 1e-9);
    EXPECT_DOUBLE_EQ(cost.totalUsd, 6.63);
}

TEST(LambdaPageExamples, ManagedInstancesDifferByTheRateThePageRounds) {
    // lambda-page-managed-instances-api: the page rounds the Savings Plan rate
    // $0.1632 x 0.28 = $0.045696 to $0.0457 before multiplying; a discount line
    // on the exact amount gives $91.39 where the page has $91.40.
    const json& ex = example("lambda-page-managed-instances-api");
    const json& in = ex.at("inputs");
    UsageLedger ledger;
    ledger.platform = "aws-ec2";
    ledger.instanceType = in.at("instanceId").get<std::string>();
    ledger.billing = BillingScope::NodeHours;
    ledger.billedNodeSeconds = in.at("instanceHours").get<double>() * 3600.0;
    ledger.requests = in.at("requests").get<std::uint64_t>();
    PricingOptions options;
    options.discountPercent = 72.0;
    const double onDemand = seedPrices().findInstance("aws-ec2.m7g.xlarge")->usdPerHourOnDemand;
    options.userLines = {
        catalogueLine("lambda.managed-instances.requests", 0.0, 1e-6),
        {"management fee (15 % of on-demand)", "instance-hour", onDemand * 0.15, 2000.0, 0.0}};
    const auto cost = price(ledger, seedPrices(), kMonth, options);
    ASSERT_TRUE(cost.errors.empty());
    EXPECT_NEAR(cost.lines[0].usd + cost.lines[1].usd, 91.39, 1e-9);  // 326.40 - 235.01
    EXPECT_NEAR(userLineUsd(cost, "lambda.managed-instances.requests"), 20.00, 1e-9);
    EXPECT_NEAR(userLineUsd(cost, "management fee (15 % of on-demand)"), 48.96, 1e-9);
    EXPECT_DOUBLE_EQ(cost.totalUsd, 160.35);
    EXPECT_DOUBLE_EQ(ex.at("expectedUsd").get<double>(), 160.36);
}

}  // namespace
}  // namespace breakeven::pricing
