// parseSeed / priceSetFromSeed: every platform, price row, instance and GPU
// of pricing-facts.json, and errors that name the source and JSON path.
#include <gtest/gtest.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "pricing/SeedFacts.h"

namespace breakeven::pricing {
namespace {

using nlohmann::json;

const SeedData& seed() {
    static const SeedData data = parseSeed(embeddedPricingFacts(), "embedded pricing-facts.json");
    return data;
}

template <typename T>
const T& byId(const std::vector<T>& rows, const std::string& id) {
    for (const T& row : rows)
        if (row.id == id) return row;
    throw std::runtime_error("no row " + id);
}

TEST(Seed, CoversEveryPlatformPriceInstanceAndGpu) {
    const json doc = json::parse(embeddedPricingFacts());
    std::size_t prices = 0;
    for (const json& p : doc.at("platforms")) prices += p.at("prices").size();
    EXPECT_EQ(seed().items.size(), prices);
    EXPECT_EQ(seed().instances.size(), doc.at("instances").size());
    EXPECT_EQ(seed().gpus.size(), doc.at("gpus").size());
    // The four platforms plus Cloud Run's instance-based billing mode.
    ASSERT_EQ(seed().platforms.size(), doc.at("platforms").size() + 1);
    EXPECT_EQ(seed().collectedOn, "2026-11-26");
    for (const PriceItem& item : seed().items) {
        EXPECT_EQ(item.effectiveFrom, "2026-11-26") << item.id;
        EXPECT_FALSE(item.source.empty()) << item.id;
        EXPECT_EQ(item.rowId, 0) << item.id;
    }
}

TEST(Seed, LambdaRowsTiersAndFreeTier) {
    const PriceItem& x86 = byId(seed().items, "lambda.x86.gb-second");
    EXPECT_EQ(x86.platform, "aws-lambda");
    EXPECT_EQ(x86.unit, "GB-second");
    EXPECT_DOUBLE_EQ(x86.usdPerUnit, 0.0000166667);
    EXPECT_TRUE(x86.verified);
    ASSERT_EQ(x86.tiers.size(), 3u);
    EXPECT_EQ(x86.tiers[0].upTo, 6e9);
    EXPECT_EQ(x86.tiers[1].upTo, 15e9);
    EXPECT_FALSE(x86.tiers[2].upTo.has_value());
    EXPECT_DOUBLE_EQ(x86.tiers[2].usdPerUnit, 0.0000133334);
    EXPECT_FALSE(byId(seed().items, "lambda.pc.arm.gb-second").verified);
    EXPECT_TRUE(byId(seed().items, "lambda.requests").tiers.empty());
    const Platform& lambda = byId(seed().platforms, "aws-lambda");
    EXPECT_EQ(lambda.billing.scope, "perRequestDuration");
    EXPECT_DOUBLE_EQ(lambda.billing.granularitySeconds, 0.001);
    EXPECT_DOUBLE_EQ(lambda.freeTier.requestsPerMonth, 1e6);
    EXPECT_DOUBLE_EQ(lambda.freeTier.gbSecondsPerMonth, 400000);
    EXPECT_FALSE(lambda.freeTier.appliesToProvisioned);
}

TEST(Seed, CloudRunFreeTierPerBillingMode) {
    const Platform& requestBased = byId(seed().platforms, "gcp-cloud-run");
    EXPECT_EQ(requestBased.billing.scope, "instanceActive");
    EXPECT_DOUBLE_EQ(requestBased.billing.granularitySeconds, 0.1);
    EXPECT_DOUBLE_EQ(requestBased.freeTier.vcpuSecondsPerMonth, 180000);
    EXPECT_DOUBLE_EQ(requestBased.freeTier.gibSecondsPerMonth, 360000);
    EXPECT_DOUBLE_EQ(requestBased.freeTier.requestsPerMonth, 2e6);
    const Platform& instanceBased = byId(seed().platforms, "gcp-cloud-run.instance-based");
    EXPECT_EQ(instanceBased.billing.scope, "instanceLifetime");
    EXPECT_DOUBLE_EQ(instanceBased.billing.minimumSeconds, 60.0);
    EXPECT_DOUBLE_EQ(instanceBased.freeTier.vcpuSecondsPerMonth, 240000);
    EXPECT_DOUBLE_EQ(instanceBased.freeTier.gibSecondsPerMonth, 450000);
    EXPECT_DOUBLE_EQ(byId(seed().platforms, "modal").billing.granularitySeconds, 1.0);
    EXPECT_DOUBLE_EQ(byId(seed().platforms, "runpod-serverless").freeTier.requestsPerMonth, 0.0);
}

TEST(Seed, InstancesAndGpus) {
    const InstanceType& g5 = byId(seed().instances, "aws-ec2.g5.xlarge");
    EXPECT_DOUBLE_EQ(g5.vcpu, 4);
    EXPECT_DOUBLE_EQ(g5.memoryGb, 16);
    EXPECT_EQ(g5.gpu, "A10G");
    EXPECT_EQ(g5.gpuCount, 1);
    EXPECT_DOUBLE_EQ(g5.usdPerHourOnDemand, 1.006);
    EXPECT_EQ(g5.usdPerHourReserved1y, 0.63378);
    EXPECT_EQ(g5.effectiveFrom, "2026-11-26");
    const InstanceType& m7g = byId(seed().instances, "aws-ec2.m7g.xlarge");
    EXPECT_FALSE(m7g.gpu.has_value());
    EXPECT_FALSE(m7g.usdPerHourReserved1y.has_value());
    EXPECT_TRUE(m7g.verified);
    EXPECT_EQ(byId(seed().instances, "aws-ec2.p5.48xlarge").gpuCount, 8);
    const GpuType& h100 = byId(seed().gpus, "H100-SXM");
    EXPECT_DOUBLE_EQ(h100.memoryGb, 80);
    EXPECT_DOUBLE_EQ(h100.memoryBandwidthGBs, 3350);
    EXPECT_DOUBLE_EQ(h100.fp16DenseTflops, 989.5);
    EXPECT_DOUBLE_EQ(byId(seed().gpus, "A10G").fp16DenseTflops, 0.0);  // null in the seed: unknown
}

TEST(Seed, PriceSetFromSeed) {
    const PriceSet prices = priceSetFromSeed(seed());
    EXPECT_EQ(prices.snapshotId, "seed-2026-11-26");
    EXPECT_EQ(prices.asOf, "2026-11-26");
    ASSERT_NE(prices.findItem("runpod.80gb-pro.flex.second"), nullptr);
    EXPECT_DOUBLE_EQ(prices.findItem("runpod.80gb-pro.flex.second")->usdPerUnit, 0.00116);
    ASSERT_NE(prices.findInstance("aws-ec2.g6.xlarge"), nullptr);
    EXPECT_EQ(prices.findItem("no.such.row"), nullptr);
    EXPECT_EQ(prices.platforms.count("modal"), 1u);
    EXPECT_EQ(prices.gpus.count("L4"), 1u);
}

// A small valid document, edited by each error test.
json minimalDoc() {
    return json::parse(R"({
      "collectedOn": "2026-01-02", "currency": "USD",
      "platforms": [{"id": "p", "name": "P", "billing": {"scope": "instanceLifetime", "granularityMs": 1000},
                     "prices": [{"id": "p.cpu", "item": "cpu", "unit": "vCPU-second", "usd": 0.5,
                                 "tiers": [{"upTo": 10, "usd": 0.5}, {"upTo": null, "usd": 0.4}]}]}],
      "instances": [{"id": "aws-ec2.x", "vcpu": 2, "memoryGb": 8, "gpu": null, "gpuCount": 0, "usdPerHourOnDemand": 0.1}],
      "gpus": [{"id": "G", "memoryGb": 24}]
    })");
}

std::string errorOf(const std::function<void(json&)>& edit) {
    json doc = minimalDoc();
    edit(doc);
    try {
        parseSeed(doc.dump(), "test.json");
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "no error";
}

TEST(SeedErrors, NameSourceAndJsonPath) {
    EXPECT_NO_THROW(parseSeed(minimalDoc().dump(), "test.json"));
    EXPECT_EQ(errorOf([](json& d) { d["platforms"][0]["prices"][0].erase("usd"); }),
              "test.json: platforms[0].prices[0].usd: missing (expected a number)");
    EXPECT_EQ(errorOf([](json& d) { d["platforms"][0]["prices"][0]["usd"] = "0.5"; }),
              "test.json: platforms[0].prices[0].usd: expected a number");
    EXPECT_EQ(errorOf([](json& d) { d["instances"][0]["usdPerHourOnDemand"] = -1; }),
              "test.json: instances[0].usdPerHourOnDemand: must be a finite number >= 0");
    EXPECT_EQ(errorOf([](json& d) { d["platforms"][0]["billing"]["scope"] = "perHour"; }),
              "test.json: platforms[0].billing.scope: unknown billing scope 'perHour'");
    EXPECT_EQ(errorOf([](json& d) { d["collectedOn"] = "yesterday"; }),
              "test.json: collectedOn: expected an ISO date YYYY-MM-DD, got 'yesterday'");
    EXPECT_EQ(errorOf([](json& d) { d["gpus"][0].erase("id"); }), "test.json: gpus[0].id: missing");
    EXPECT_EQ(errorOf([](json& d) { d.erase("platforms"); }), "test.json: platforms: missing");
}

TEST(SeedErrors, TiersInstancesAndDuplicates) {
    EXPECT_EQ(
        errorOf([](json& d) { d["platforms"][0]["prices"][0]["tiers"][0]["upTo"] = nullptr; }),
        "test.json: platforms[0].prices[0].tiers[0].upTo: only the last tier may be unbounded");
    EXPECT_EQ(
        errorOf([](json& d) { d["platforms"][0]["prices"][0]["tiers"][1]["upTo"] = 20; }),
        "test.json: platforms[0].prices[0].tiers[1].upTo: the last tier must be unbounded (null)");
    EXPECT_EQ(errorOf([](json& d) { d["platforms"][0]["prices"][0]["usd"] = 0.6; }),
              "test.json: platforms[0].prices[0].usd: must equal the first tier's usd");
    EXPECT_EQ(errorOf([](json& d) { d["instances"][0]["gpuCount"] = 1.5; }),
              "test.json: instances[0].gpuCount: must be a whole number of GPUs");
    EXPECT_EQ(errorOf([](json& d) { d["instances"].push_back(d["instances"][0]); }),
              "test.json: instances: duplicate id 'aws-ec2.x'");
    EXPECT_EQ(errorOf([](json& d) { d["currency"] = "EUR"; }),
              "test.json: currency: only USD prices are supported, got 'EUR'");
}

TEST(SeedErrors, InvalidJsonNamesTheSource) {
    try {
        parseSeed("{ \"collectedOn\": ", "broken.json");
        FAIL() << "no error";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()).rfind("broken.json: $: not valid JSON", 0), 0u) << e.what();
    }
    EXPECT_THROW(parseSeed("[]", "array.json"), std::runtime_error);
}

}  // namespace
}  // namespace breakeven::pricing
