// Seeding: a new catalogue holds every platform, price, instance type and
// GPU of its seed, with sources and dates; opening it again never reseeds.
#include "test_catalogue_support.h"

namespace breakeven::pricing {
namespace {

using testing::TempDir;

// Every record of `seed` is in the catalogue with the seed's values.
void expectHoldsSeed(const Catalogue& cat, const SeedData& seed) {
    const PriceSet set = cat.load(seed.collectedOn);
    EXPECT_EQ(set.platforms.size(), seed.platforms.size());
    for (const Platform& p : seed.platforms) {
        ASSERT_TRUE(set.platforms.count(p.id)) << p.id;
        const Platform& got = set.platforms.at(p.id);
        EXPECT_EQ(got.name, p.name);
        EXPECT_EQ(got.region, p.region);
        EXPECT_EQ(got.billing.scope, p.billing.scope);
        EXPECT_DOUBLE_EQ(got.billing.granularitySeconds, p.billing.granularitySeconds) << p.id;
        EXPECT_EQ(got.billing.minimumSeconds, p.billing.minimumSeconds) << p.id;
        EXPECT_EQ(got.freeTier.requestsPerMonth, p.freeTier.requestsPerMonth) << p.id;
        EXPECT_EQ(got.freeTier.gbSecondsPerMonth, p.freeTier.gbSecondsPerMonth) << p.id;
        EXPECT_EQ(got.freeTier.vcpuSecondsPerMonth, p.freeTier.vcpuSecondsPerMonth) << p.id;
        EXPECT_EQ(got.freeTier.appliesToProvisioned, p.freeTier.appliesToProvisioned) << p.id;
    }
    EXPECT_EQ(set.items.size(), seed.items.size());
    for (const PriceItem& p : seed.items) {
        const PriceItem* got = set.findItem(p.id);
        ASSERT_NE(got, nullptr) << p.id;
        EXPECT_EQ(got->usdPerUnit, p.usdPerUnit) << p.id;
        EXPECT_EQ(got->unit, p.unit) << p.id;
        EXPECT_EQ(got->platform, p.platform) << p.id;
        EXPECT_EQ(got->source, p.source) << p.id;
        EXPECT_EQ(got->verified, p.verified) << p.id;
        EXPECT_EQ(got->effectiveFrom, p.effectiveFrom.empty() ? seed.collectedOn : p.effectiveFrom);
        ASSERT_EQ(got->tiers.size(), p.tiers.size()) << p.id;
        for (std::size_t i = 0; i < p.tiers.size(); ++i) {
            EXPECT_EQ(got->tiers[i].upTo, p.tiers[i].upTo) << p.id;
            EXPECT_EQ(got->tiers[i].usdPerUnit, p.tiers[i].usdPerUnit) << p.id;
        }
        EXPECT_GT(got->rowId, 0) << p.id;
    }
    EXPECT_EQ(set.instances.size(), seed.instances.size());
    for (const InstanceType& t : seed.instances) {
        const InstanceType* got = set.findInstance(t.id);
        ASSERT_NE(got, nullptr) << t.id;
        EXPECT_EQ(got->usdPerHourOnDemand, t.usdPerHourOnDemand) << t.id;
        EXPECT_EQ(got->usdPerHourReserved1y, t.usdPerHourReserved1y) << t.id;
        EXPECT_EQ(got->gpu, t.gpu) << t.id;
        EXPECT_EQ(got->gpuCount, t.gpuCount) << t.id;
        EXPECT_EQ(got->source, t.source) << t.id;
        EXPECT_GT(got->rowId, 0) << t.id;
    }
    EXPECT_EQ(set.gpus.size(), seed.gpus.size());
    for (const GpuType& g : seed.gpus) {
        ASSERT_TRUE(set.gpus.count(g.id)) << g.id;
        EXPECT_EQ(set.gpus.at(g.id).memoryBandwidthGBs, g.memoryBandwidthGBs) << g.id;
        EXPECT_EQ(set.gpus.at(g.id).fp16DenseTflops, g.fp16DenseTflops) << g.id;
        EXPECT_EQ(set.gpus.at(g.id).source, g.source) << g.id;
    }
}

TEST(CatalogueSeed, HandBuiltSeedCreatesEveryRecordWithSourceAndDate) {
    TempDir dir;
    const SeedData seed = testing::handBuiltSeed();
    const Catalogue cat = Catalogue::openOrCreate(dir.file("catalog.sqlite"), seed);
    EXPECT_TRUE(cat.wasCreated());
    expectHoldsSeed(cat, seed);

    const PriceSet set = cat.load("2026-11-26");
    EXPECT_EQ(set.findItem("lambda.requests")->usdPerUnit, 0.2);
    EXPECT_EQ(set.findItem("lambda.requests")->source, "https://aws.amazon.com/lambda/pricing/");
    // An item's own date wins over collectedOn.
    EXPECT_EQ(set.findItem("cloudrun.gpu.l4.no-zonal-redundancy.second")->effectiveFrom, "2026-10-01");
    EXPECT_EQ(set.platforms.at("gcp-cloud-run").billing.minimumSeconds, 60.0);
    EXPECT_EQ(set.instances.at("aws-ec2.m7g.xlarge").usdPerHourReserved1y, std::nullopt);

    // WAL (GUI and CLI side by side), versioned, marked as ours.
    EXPECT_EQ(testing::querySql(cat.path(), "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(testing::querySql(cat.path(), "PRAGMA user_version"), std::to_string(kCatalogueSchemaVersion));
    EXPECT_EQ(testing::querySql(cat.path(), "PRAGMA application_id"), "1114794853");

    const auto meta = cat.meta();
    EXPECT_EQ(meta.at("seed_collected_on"), "2026-11-26");
    EXPECT_EQ(meta.at("seed_hash").size(), 64u);
    EXPECT_FALSE(meta.at("created_at").empty());
}

TEST(CatalogueSeed, ReopeningNeverReseeds) {
    TempDir dir;
    const std::string path = dir.file("catalog.sqlite");
    (void)Catalogue::openOrCreate(path, testing::handBuiltSeed());
    int seedCalls = 0;
    const Catalogue again = Catalogue::openOrCreate(path, Catalogue::SeedProvider([&] {
        ++seedCalls;
        return testing::handBuiltSeed();
    }));
    EXPECT_FALSE(again.wasCreated());
    EXPECT_EQ(seedCalls, 0);  // the seed is not even parsed for an existing file
    EXPECT_EQ(again.history("lambda.requests").size(), 1u);
}

TEST(CatalogueSeed, CreatesParentDirectories) {
    TempDir dir;
    const std::string path = dir.file("a/b/c/catalog.sqlite");
    const Catalogue cat = Catalogue::openOrCreate(path, testing::handBuiltSeed());
    EXPECT_TRUE(std::filesystem::exists(path));
    EXPECT_EQ(cat.path(), path);
}

TEST(CatalogueSeed, BadSeedLeavesNoFile) {
    TempDir dir;
    const std::string path = dir.file("catalog.sqlite");
    SeedData bad = testing::handBuiltSeed();
    bad.items[1].platform = "no-such-platform";
    try {
        (void)Catalogue::openOrCreate(path, bad);
        FAIL() << "expected CatalogueError";
    } catch (const CatalogueError& e) {
        EXPECT_EQ(e.kind(), CatalogueErrorKind::InvalidInput);
        EXPECT_NE(std::string(e.what()).find("no-such-platform"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(path));

    EXPECT_THROW((void)Catalogue::openOrCreate(path, Catalogue::SeedProvider([]() -> SeedData {
                     throw std::runtime_error("seed: broken");
                 })),
                 std::runtime_error);
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(CatalogueSeed, EmbeddedSeedCreatesEveryRecord) {
    TempDir dir;
    const SeedData& seed = testing::embeddedSeed();
    const Catalogue cat = Catalogue::openOrCreate(dir.file("catalog.sqlite"), seed);
    expectHoldsSeed(cat, seed);
    EXPECT_EQ(cat.meta().at("seed_collected_on"), "2026-11-26");
}

TEST(CatalogueSeed, EmbeddedSeedKnownValues) {
    TempDir dir;
    const Catalogue cat = Catalogue::openOrCreate(dir.file("catalog.sqlite"), testing::embeddedSeed());
    const PriceSet set = cat.load("2026-11-26");
    for (const char* platform : {"aws-lambda", "gcp-cloud-run", "modal", "runpod-serverless"})
        EXPECT_TRUE(set.platforms.count(platform)) << platform;

    const PriceItem* requests = set.findItem("lambda.requests");
    ASSERT_NE(requests, nullptr);
    EXPECT_EQ(requests->usdPerUnit, 0.2);
    EXPECT_EQ(requests->unit, "1M requests");
    EXPECT_EQ(requests->source, "https://aws.amazon.com/lambda/pricing/");
    EXPECT_TRUE(requests->verified);
    EXPECT_EQ(requests->effectiveFrom, "2026-11-26");

    const PriceItem* x86 = set.findItem("lambda.x86.gb-second");
    ASSERT_NE(x86, nullptr);
    ASSERT_EQ(x86->tiers.size(), 3u);
    EXPECT_EQ(x86->tiers[0].upTo, 6e9);
    EXPECT_EQ(x86->tiers[1].usdPerUnit, 1.5e-05);
    EXPECT_EQ(x86->tiers[2].upTo, std::nullopt);

    EXPECT_EQ(set.findItem("cloudrun.gpu.l4.no-zonal-redundancy.second")->usdPerUnit, 0.0001867);
    EXPECT_EQ(set.findItem("modal.gpu.h100.second")->usdPerUnit, 0.001097);
    EXPECT_EQ(set.findItem("runpod.24gb.flex.second")->usdPerUnit, 0.00019);
    EXPECT_EQ(set.platforms.at("gcp-cloud-run").billing.granularitySeconds, 0.1);

    const InstanceType* g5 = set.findInstance("aws-ec2.g5.xlarge");
    ASSERT_NE(g5, nullptr);
    EXPECT_EQ(g5->usdPerHourOnDemand, 1.006);
    EXPECT_EQ(g5->usdPerHourReserved1y, 0.63378);
    EXPECT_EQ(g5->gpu, "A10G");
    EXPECT_EQ(set.gpus.at("L4").memoryGb, 24.0);
    EXPECT_EQ(set.gpus.at("L4").memoryBandwidthGBs, 300.0);
}

// The catalogue and the catalogue-less fallback price alike: same values,
// only row ids (and so the snapshot id) tell them apart.
TEST(CatalogueSeed, EmbeddedSeedLoadsAsPriceSetFromSeed) {
    TempDir dir;
    const SeedData& seed = testing::embeddedSeed();
    const Catalogue cat = Catalogue::openOrCreate(dir.file("catalog.sqlite"), seed);
    PriceSet loaded = cat.load(seed.collectedOn);
    PriceSet direct = priceSetFromSeed(seed);
    for (auto* set : {&loaded, &direct}) {
        for (auto& [id, item] : set->items) item.rowId = 0;
        for (auto& [id, t] : set->instances) t.rowId = 0;
    }
    EXPECT_EQ(testing::describe(loaded), testing::describe(direct));
}

}  // namespace
}  // namespace breakeven::pricing
