// Every billing scope on every seeded platform against hand-computed bills
// (seed prices of pricing-facts.json; the arithmetic is in each comment).
#include <gtest/gtest.h>

#include <algorithm>

#include "pricing/Pricing.h"
#include "pricing/SeedFacts.h"
#include "pricing_test_support.h"

namespace breakeven::pricing {
namespace {

const CostLine* lineWith(const CostBreakdown& cost, const std::string& priceId,
                         bool credit = false) {
    for (const CostLine& line : cost.lines)
        if (line.priceId == priceId && (line.usd < 0.0) == credit) return &line;
    return nullptr;
}

double usdOf(const CostBreakdown& cost, const std::string& priceId, bool credit = false) {
    const CostLine* line = lineWith(cost, priceId, credit);
    EXPECT_NE(line, nullptr) << "no line for " << priceId;
    return line ? line->usd : -1e9;
}

bool mentions(const std::vector<std::string>& texts, const std::string& word) {
    return std::any_of(texts.begin(), texts.end(),
                       [&](const std::string& t) { return t.find(word) != std::string::npos; });
}

// ---- Cloud Run, request-based (instanceActive): 1 vCPU, 512 MiB, 1,000,000
// active seconds (100 ms rounding already in the ledger), 5M requests, one
// min instance idle 2,628,000 s.
UsageLedger cloudRunRequestBased() {
    UsageLedger l;
    l.platform = "gcp-cloud-run";
    l.billing = BillingScope::InstanceActive;
    l.vcpu = 1.0;
    l.memoryMb = 512.0;
    l.requests = 5'000'000;
    l.billedActiveSeconds = 1'000'000.0;
    l.provisionedIdleSeconds = 2'628'000.0;
    return l;
}

TEST(CloudRunRequestBased, ActiveIdleAndRequestsTier1) {
    const auto cost = price(cloudRunRequestBased(), seedPrices(), kMonth);
    ASSERT_TRUE(cost.errors.empty()) << cost.errors.front();
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.request-based.vcpu-second"),
                     24.00);  // 1e6 x $0.000024
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.request-based.gib-second"),
                     1.25);                                       // 5e5 GiB-s x $0.0000025
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.requests"), 2.00);  // 5 x $0.40
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.request-based.idle-min.vcpu-second"),
                     6.57);  // 2,628,000 x $0.0000025
    // 1,314,000 GiB-s x $0.0000025 = $3.285 exactly: half-up to $3.29 although 3.285 is 3.28499… in
    // binary
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.request-based.idle-min.gib-second"), 3.29);
    EXPECT_DOUBLE_EQ(cost.totalUsd, 37.11);
    EXPECT_TRUE(mentions(cost.notPriced, "egress"));
}

TEST(CloudRunRequestBased, FreeTierIsACreditAtTier1Rates) {
    PricingOptions options;
    options.freeTier = true;
    const auto cost = price(cloudRunRequestBased(), seedPrices(), kMonth, options);
    ASSERT_TRUE(cost.errors.empty());
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.request-based.vcpu-second", true),
                     -4.32);  // 180,000 vCPU-s
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.request-based.gib-second", true),
                     -0.90);                                             // 360,000 of 500,000 GiB-s
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.requests", true), -0.80);  // 2M requests
    EXPECT_DOUBLE_EQ(cost.totalUsd, 31.09);  // 37.11 - 6.02; idle min-instances get no free tier
}

TEST(CloudRunRequestBased, FreeTierNeverExceedsUsage) {
    UsageLedger l = cloudRunRequestBased();
    l.billedActiveSeconds = 100'000.0;  // below 180,000 vCPU-s and 360,000 GiB-s
    l.requests = 1'000'000;
    l.provisionedIdleSeconds = 0.0;
    PricingOptions options;
    options.freeTier = true;
    const auto cost = price(l, seedPrices(), kMonth, options);
    EXPECT_DOUBLE_EQ(cost.totalUsd, 0.00);
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.request-based.vcpu-second", true), -2.40);
}

TEST(CloudRunRequestBased, Tier2HasNoIdleMemoryRowSoItIsAnErrorNotZero) {
    PricingOptions options;
    options.regionTier = 2;
    const auto cost = price(cloudRunRequestBased(), seedPrices(), kMonth, options);
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t2.request-based.vcpu-second"),
                     33.60);  // 1e6 x $0.0000336
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t2.request-based.gib-second"),
                     1.75);  // 5e5 x $0.0000035
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.requests"), 2.00);
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t2.request-based.idle-min.vcpu-second"),
                     9.20);  // $9.198
    ASSERT_EQ(cost.errors.size(), 1u);
    EXPECT_NE(cost.errors[0].find("cloudrun.t2.request-based.idle-min.gib-second"),
              std::string::npos);
    EXPECT_EQ(cost.lines.size(), 4u);
    EXPECT_DOUBLE_EQ(cost.totalUsd, 46.55);
}

TEST(CloudRunRequestBased, GpuNeedsInstanceBasedBilling) {
    UsageLedger l = cloudRunRequestBased();
    l.gpu = "L4";
    l.gpuCount = 1;
    const auto cost = price(l, seedPrices(), kMonth);
    EXPECT_TRUE(mentions(cost.errors, "instance-based"));
}

// ---- Cloud Run, instance-based (instanceLifetime) with an L4: 4 vCPU,
// 16 GiB, 360,000 billed lifetime seconds (100 h).
UsageLedger cloudRunL4() {
    UsageLedger l;
    l.platform = "gcp-cloud-run";
    l.billing = BillingScope::InstanceLifetime;
    l.vcpu = 4.0;
    l.memoryMb = 16384.0;
    l.gpu = "L4";
    l.gpuCount = 1;
    l.requests = 1000;
    l.billedLifetimeSeconds = 360'000.0;
    return l;
}

TEST(CloudRunInstanceBased, L4WithoutZonalRedundancy) {
    const auto cost = price(cloudRunL4(), seedPrices(), kMonth);
    ASSERT_TRUE(cost.errors.empty()) << cost.errors.front();
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.instance-based.vcpu-second"),
                     25.92);  // 1.44e6 x $0.000018
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.instance-based.gib-second"),
                     11.52);  // 5.76e6 x $0.000002
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.gpu.l4.no-zonal-redundancy.second"), 67.21);  // $67.212
    EXPECT_EQ(lineWith(cost, "cloudrun.t1.requests"), nullptr);  // no request fee
    EXPECT_DOUBLE_EQ(cost.totalUsd, 104.65);
}

TEST(CloudRunInstanceBased, L4WithZonalRedundancy) {
    PricingOptions options;
    options.zonalRedundancy = true;
    const auto cost = price(cloudRunL4(), seedPrices(), kMonth, options);
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.gpu.l4.zonal-redundancy.second"),
                     104.72);  // 360,000 x $0.0002909
    EXPECT_DOUBLE_EQ(cost.totalUsd, 142.16);
}

TEST(CloudRunInstanceBased, FreeTierCoversCpuAndMemoryNotTheGpu) {
    PricingOptions options;
    options.freeTier = true;
    const auto cost = price(cloudRunL4(), seedPrices(), kMonth, options);
    ASSERT_TRUE(cost.errors.empty());
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.instance-based.vcpu-second", true),
                     -4.32);  // 240,000 x $0.000018
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.t1.instance-based.gib-second", true),
                     -0.90);  // 450,000 x $0.000002
    EXPECT_DOUBLE_EQ(cost.totalUsd, 99.43);
}

TEST(CloudRunInstanceBased, TwoRtxPro6000AndUnknownGpu) {
    UsageLedger l = cloudRunL4();
    l.gpu = "RTX PRO 6000";
    l.gpuCount = 2;
    auto cost = price(l, seedPrices(), kMonth);
    EXPECT_DOUBLE_EQ(usdOf(cost, "cloudrun.gpu.rtx-pro-6000.no-zonal-redundancy.second"),
                     262.96);  // 720,000 x $0.00036522 = $262.9584
    l.gpu = "H100";
    cost = price(l, seedPrices(), kMonth);
    EXPECT_TRUE(mentions(cost.errors, "H100"));
    EXPECT_EQ(cost.lines.size(), 2u);  // CPU and memory still priced
}

// ---- Modal (instanceLifetime): 8 vCPU, 64 GiB, 36,000 s (10 h).
UsageLedger modalLedger(const std::string& gpu, int count) {
    UsageLedger l;
    l.platform = "modal";
    l.billing = BillingScope::InstanceLifetime;
    l.vcpu = 8.0;
    l.memoryMb = 65536.0;
    l.gpu = gpu;
    l.gpuCount = count;
    l.billedLifetimeSeconds = 36'000.0;
    return l;
}

TEST(Modal, H100CpuAndMemory) {
    const auto cost = price(modalLedger("H100", 1), seedPrices(), kMonth);
    ASSERT_TRUE(cost.errors.empty()) << cost.errors.front();
    EXPECT_DOUBLE_EQ(usdOf(cost, "modal.cpu.core-second"),
                     1.89);  // 36,000 x 4 cores x $0.0000131 = $1.8864
    EXPECT_DOUBLE_EQ(usdOf(cost, "modal.memory.gib-second"),
                     5.11);  // 2,304,000 GiB-s x $0.00000222 = $5.11488
    EXPECT_DOUBLE_EQ(usdOf(cost, "modal.gpu.h100.second"), 39.49);  // 36,000 x $0.001097 = $39.492
    EXPECT_DOUBLE_EQ(cost.totalUsd, 46.49);
    EXPECT_TRUE(mentions(cost.assumptions, "2 vCPU"));
}

TEST(Modal, GpuNamesMatchCaseInsensitivelyWithAliases) {
    auto cost = price(modalLedger("A100-80GB", 2), seedPrices(), kMonth);
    EXPECT_DOUBLE_EQ(usdOf(cost, "modal.gpu.a100-80gb.second"),
                     49.97);  // 72,000 x $0.000694 = $49.968
    cost = price(modalLedger("a10g", 1), seedPrices(), kMonth);
    EXPECT_DOUBLE_EQ(usdOf(cost, "modal.gpu.a10.second"), 11.02);  // 36,000 x $0.000306 = $11.016
    cost = price(modalLedger("H100-PCIe", 1), seedPrices(), kMonth);
    EXPECT_TRUE(mentions(cost.errors, "H100-PCIe"));
}

// ---- RunPod Serverless: 100,000 s of worker life, 60,000 of it on active workers.
UsageLedger runpodLedger(const std::string& gpu) {
    UsageLedger l;
    l.platform = "runpod-serverless";
    l.billing = BillingScope::InstanceLifetime;
    l.gpu = gpu;
    l.gpuCount = 1;
    l.billedLifetimeSeconds = 100'000.0;
    l.billedLifetimeSecondsProvisioned = 60'000.0;
    return l;
}

TEST(RunPod, FlexAndActiveWorkersByGpuClass) {
    auto cost = price(runpodLedger("L4"), seedPrices(), kMonth);
    ASSERT_TRUE(cost.errors.empty()) << cost.errors.front();
    EXPECT_DOUBLE_EQ(usdOf(cost, "runpod.24gb.flex.second"), 7.60);    // 40,000 x $0.00019
    EXPECT_DOUBLE_EQ(usdOf(cost, "runpod.24gb.active.second"), 7.80);  // 60,000 x $0.00013
    EXPECT_DOUBLE_EQ(cost.totalUsd, 15.40);
    EXPECT_TRUE(mentions(cost.assumptions, "24gb"));
    cost = price(runpodLedger("H100"), seedPrices(), kMonth);
    EXPECT_DOUBLE_EQ(usdOf(cost, "runpod.80gb-pro.flex.second"), 46.40);    // 40,000 x $0.00116
    EXPECT_DOUBLE_EQ(usdOf(cost, "runpod.80gb-pro.active.second"), 55.80);  // 60,000 x $0.00093
    cost = price(runpodLedger("A100-80GB"), seedPrices(), kMonth);
    EXPECT_DOUBLE_EQ(cost.totalUsd, 66.40);  // 40,000 x $0.00076 + 60,000 x $0.0006
}

TEST(RunPod, GpuCountMultipliesAndMissingRowsAreErrors) {
    UsageLedger l = runpodLedger("H200");
    l.gpuCount = 2;
    auto cost = price(l, seedPrices(), kMonth);
    EXPECT_DOUBLE_EQ(cost.totalUsd, 272.80);  // 80,000 x $0.00155 + 120,000 x $0.00124
    cost = price(runpodLedger("RTX PRO 6000"), seedPrices(), kMonth);     // 96gb-pro: no active row
    EXPECT_DOUBLE_EQ(usdOf(cost, "runpod.96gb-pro.flex.second"), 44.40);  // 40,000 x $0.00111
    EXPECT_TRUE(mentions(cost.errors, "runpod.96gb-pro.active.second"));
    cost = price(runpodLedger("A100-40GB"), seedPrices(), kMonth);  // no RunPod class
    EXPECT_TRUE(cost.lines.empty());
    EXPECT_TRUE(mentions(cost.errors, "A100-40GB"));
}

// ---- Dedicated nodes (nodeHours).
UsageLedger ec2Ledger(const std::string& type, double hours) {
    UsageLedger l;
    l.platform = "aws-ec2";
    l.instanceType = type;
    l.billing = BillingScope::NodeHours;
    l.billedNodeSeconds = hours * 3600.0;
    return l;
}

TEST(Ec2, OnDemandReservedAndSpot) {
    auto cost = price(ec2Ledger("g5.xlarge", 730.0), seedPrices(), kMonth);
    ASSERT_TRUE(cost.errors.empty()) << cost.errors.front();
    EXPECT_DOUBLE_EQ(usdOf(cost, "aws-ec2.g5.xlarge"), 734.38);  // 730 h x $1.006
    PricingOptions reserved;
    reserved.ec2Purchase = "reserved1y";
    cost = price(ec2Ledger("aws-ec2.g5.xlarge", 730.0), seedPrices(), kMonth, reserved);
    EXPECT_DOUBLE_EQ(cost.totalUsd, 462.66);  // 730 h x $0.63378 = $462.6594
    PricingOptions spot;
    spot.spotDiscountPercent = 70.0;
    cost = price(ec2Ledger("g5.xlarge", 730.0), seedPrices(), kMonth, spot);
    EXPECT_DOUBLE_EQ(usdOf(cost, "aws-ec2.g5.xlarge", true), -514.07);  // -$514.066
    EXPECT_DOUBLE_EQ(cost.totalUsd, 220.31);
}

TEST(Ec2, MissingReservedRateUnknownTypeAndKubernetesNodes) {
    PricingOptions reserved;
    reserved.ec2Purchase = "reserved1y";
    auto cost = price(ec2Ledger("m7g.xlarge", 10.0), seedPrices(), kMonth, reserved);
    EXPECT_TRUE(cost.lines.empty());
    EXPECT_TRUE(mentions(cost.errors, "reserved"));
    cost = price(ec2Ledger("z9.huge", 10.0), seedPrices(), kMonth);
    EXPECT_TRUE(mentions(cost.errors, "aws-ec2.z9.huge"));
    UsageLedger nodes = ec2Ledger("p4d.24xlarge", 100.0);
    nodes.platform = "kubernetes";
    cost = price(nodes, seedPrices(), kMonth);
    EXPECT_DOUBLE_EQ(cost.totalUsd, 2195.76);  // 100 h x $21.957642
    EXPECT_TRUE(mentions(cost.notPriced, "EKS control plane"));
}

TEST(Ec2, PurchaseOptionsAreChecked) {
    PricingOptions both;
    both.ec2Purchase = "reserved1y";
    both.spotDiscountPercent = 50.0;
    EXPECT_TRUE(
        mentions(price(ec2Ledger("g5.xlarge", 1.0), seedPrices(), kMonth, both).errors, "spot"));
    PricingOptions odd;
    odd.ec2Purchase = "dedicatedHost";
    EXPECT_TRUE(mentions(price(ec2Ledger("g5.xlarge", 1.0), seedPrices(), kMonth, odd).errors,
                         "dedicatedHost"));
}

TEST(GpuPriceIds, MapPlatformNames) {
    EXPECT_EQ(gpuPriceId("gcp-cloud-run", "l4"), "cloudrun.gpu.l4.no-zonal-redundancy.second");
    PricingOptions zonal;
    zonal.zonalRedundancy = true;
    EXPECT_EQ(gpuPriceId("gcp-cloud-run", "L4", zonal), "cloudrun.gpu.l4.zonal-redundancy.second");
    EXPECT_EQ(gpuPriceId("modal", "H100"), "modal.gpu.h100.second");
    EXPECT_EQ(gpuPriceId("modal", "A100-80GB"), "modal.gpu.a100-80gb.second");
    EXPECT_EQ(gpuPriceId("runpod-serverless", "A5000"), "runpod.24gb.flex.second");
    EXPECT_EQ(gpuPriceId("runpod-serverless", "H200", {}, true), "runpod.141gb.active.second");
    EXPECT_EQ(gpuPriceId("runpod-serverless", "80gb-pro"), "runpod.80gb-pro.flex.second");
    EXPECT_EQ(gpuPriceId("runpod-serverless", "T4"), std::nullopt);
    EXPECT_EQ(gpuPriceId("aws-lambda", "L4"), std::nullopt);
    const auto modal = gpuNames(seedPrices(), "modal");
    EXPECT_NE(std::find(modal.begin(), modal.end(), "h100"), modal.end());
}

}  // namespace
}  // namespace breakeven::pricing
