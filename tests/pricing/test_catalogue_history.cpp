// Price history: edits add dated rows, load(asOf) travels in time, invalid
// edits write nothing, and snapshot ids identify exactly the rows loaded.
#include <cmath>
#include <limits>

#include "test_catalogue_support.h"

namespace breakeven::pricing {
namespace {

using testing::TempDir;

class CatalogueHistory : public ::testing::Test {
protected:
    TempDir dir;
    std::string path = dir.file("catalog.sqlite");
    Catalogue cat = Catalogue::openOrCreate(path, testing::handBuiltSeed());
};

TEST_F(CatalogueHistory, SetPriceAddsARowAndKeepsTheOldOne) {
    ASSERT_EQ(cat.history("lambda.requests").size(), 1u);
    const std::int64_t row = cat.setPrice("lambda.requests", 0.25, "negotiated rate", "2026-12-01");
    const auto rows = cat.history("lambda.requests");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].usdPerUnit, 0.2);  // the seeded row, untouched
    EXPECT_EQ(rows[0].source, "https://aws.amazon.com/lambda/pricing/");
    EXPECT_TRUE(rows[0].verified);
    EXPECT_EQ(rows[1].usdPerUnit, 0.25);
    EXPECT_EQ(rows[1].rowId, row);
    EXPECT_GT(rows[1].rowId, rows[0].rowId);
    EXPECT_EQ(rows[1].source, "negotiated rate");
    EXPECT_EQ(rows[1].effectiveFrom, "2026-12-01");
    EXPECT_FALSE(rows[1].verified);  // a user's edit is not a provider-page reading
    EXPECT_EQ(rows[1].unit, "1M requests");
}

TEST_F(CatalogueHistory, LoadTravelsInTime) {
    cat.setPrice("lambda.requests", 0.3, "announced increase", "2027-01-01");
    EXPECT_EQ(cat.load("2026-12-31").findItem("lambda.requests")->usdPerUnit, 0.2);
    EXPECT_EQ(cat.load("2027-01-01").findItem("lambda.requests")->usdPerUnit, 0.3);
    EXPECT_EQ(cat.load("2030-06-15").findItem("lambda.requests")->usdPerUnit, 0.3);
    EXPECT_EQ(cat.load("2026-12-31").asOf, "2026-12-31");
    // Before the seed's date no row is in force: the item is absent, not guessed.
    EXPECT_EQ(cat.load("2020-01-01").findItem("lambda.requests"), nullptr);
    // The item dated 2026-10-01 exists on 2026-11-01, the others do not yet.
    const PriceSet early = cat.load("2026-11-01");
    EXPECT_EQ(early.items.size(), 1u);
    EXPECT_NE(early.findItem("cloudrun.gpu.l4.no-zonal-redundancy.second"), nullptr);
}

TEST_F(CatalogueHistory, DefaultLoadIsTodayButNeverBeforeTheSeed) {
    const PriceSet now = cat.load();
    EXPECT_GE(now.asOf, std::string("2026-11-26"));
    EXPECT_EQ(now.items.size(), 4u);
}

TEST_F(CatalogueHistory, EqualDatesResolveToTheLaterRow) {
    cat.setPrice("lambda.requests", 0.21, "first edit", "2026-12-01");
    const std::int64_t second = cat.setPrice("lambda.requests", 0.22, "second edit", "2026-12-01");
    const PriceSet set = cat.load("2026-12-01");
    const PriceItem* p = set.findItem("lambda.requests");
    EXPECT_EQ(p->usdPerUnit, 0.22);
    EXPECT_EQ(p->rowId, second);
}

TEST_F(CatalogueHistory, BackdatedCorrectionOnlyCoversItsPeriod) {
    cat.setPrice("lambda.requests", 0.19, "older price, found later", "2026-06-01");
    EXPECT_EQ(cat.load("2026-07-01").findItem("lambda.requests")->usdPerUnit, 0.19);
    EXPECT_EQ(cat.load("2026-11-26").findItem("lambda.requests")->usdPerUnit, 0.2);
    const auto rows = cat.history("lambda.requests");  // oldest effective date first
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].effectiveFrom, "2026-06-01");
}

TEST_F(CatalogueHistory, TieredPriceKeepsItsTierStructure) {
    cat.setPrice("lambda.x86.gb-second", 2e-05, "what-if", "2026-12-01");
    const PriceSet set = cat.load("2026-12-01");
    const PriceItem* p = set.findItem("lambda.x86.gb-second");
    ASSERT_EQ(p->tiers.size(), 3u);
    EXPECT_EQ(p->usdPerUnit, 2e-05);
    EXPECT_EQ(p->tiers[0].usdPerUnit, 2e-05);
    EXPECT_NEAR(p->tiers[1].usdPerUnit, 1.5e-05 * 2e-05 / 1.66667e-05, 1e-18);
    EXPECT_NEAR(p->tiers[2].usdPerUnit, 1.33334e-05 * 2e-05 / 1.66667e-05, 1e-18);
    EXPECT_EQ(p->tiers[0].upTo, 6e9);
    EXPECT_EQ(p->tiers[1].upTo, 1.5e10);
    EXPECT_EQ(p->tiers[2].upTo, std::nullopt);
}

TEST_F(CatalogueHistory, InstanceTypesHaveDatedRowsToo) {
    const std::int64_t row = cat.setPrice("aws-ec2.g5.xlarge", 1.1, "price list 2027", "2027-01-01");
    EXPECT_EQ(cat.load("2026-12-31").findInstance("aws-ec2.g5.xlarge")->usdPerHourOnDemand, 1.006);
    const PriceSet set = cat.load("2027-01-01");
    const InstanceType* t = set.findInstance("aws-ec2.g5.xlarge");
    EXPECT_EQ(t->usdPerHourOnDemand, 1.1);
    EXPECT_EQ(t->usdPerHourReserved1y, 0.63378);  // carried over: only on-demand was edited
    EXPECT_EQ(t->rowId, row);
    EXPECT_EQ(cat.instanceHistory("aws-ec2.g5.xlarge").size(), 2u);
}

TEST_F(CatalogueHistory, InvalidEditsWriteNothing) {
    const nlohmann::json before = testing::contentOf(cat);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    struct Case {
        std::string id;
        double usd;
        std::string source, date, expect;
    };
    const Case cases[] = {
        {"no.such.price", 1.0, "note", "2026-12-01", "unknown price or instance id"},
        {"lambda.requests", -0.01, "note", "2026-12-01", "finite number ≥ 0"},
        {"lambda.requests", nan, "note", "2026-12-01", "finite number ≥ 0"},
        {"lambda.requests", inf, "note", "2026-12-01", "finite number ≥ 0"},
        {"lambda.requests", 0.3, "  ", "2026-12-01", "source"},
        {"lambda.requests", 0.3, "note", "2026-02-30", "2026-02-30"},
        {"lambda.requests", 0.3, "note", "01-12-2026", "01-12-2026"},
        {"lambda.requests", 0.3, "note", "", "not a calendar date"},
    };
    for (const Case& c : cases) {
        try {
            cat.setPrice(c.id, c.usd, c.source, c.date);
            ADD_FAILURE() << "accepted " << c.id << " " << c.usd << " '" << c.date << "'";
        } catch (const CatalogueError& e) {
            EXPECT_EQ(e.kind(), CatalogueErrorKind::InvalidInput);
            EXPECT_TRUE(testing::startsWith(e.what(), path + ": ")) << e.what();
            EXPECT_NE(std::string(e.what()).find(c.expect), std::string::npos) << e.what();
        }
    }
    EXPECT_EQ(testing::contentOf(cat), before);
    EXPECT_THROW((void)cat.load("2026-13-01"), CatalogueError);
}

TEST_F(CatalogueHistory, HistoryIsAppendOnlyInTheFileItself) {
    std::string error;
    (void)testing::querySql(path, "UPDATE price_rows SET usd_per_unit = 9 WHERE price_id = 'lambda.requests'", &error);
    EXPECT_NE(error.find("append-only"), std::string::npos) << error;
    error.clear();
    (void)testing::querySql(path, "DELETE FROM instance_price_rows", &error);
    EXPECT_NE(error.find("append-only"), std::string::npos) << error;
    EXPECT_EQ(cat.history("lambda.requests").front().usdPerUnit, 0.2);
}

TEST_F(CatalogueHistory, EveryLoadedPriceCarriesItsRowId) {
    const PriceSet set = cat.load("2026-11-26");
    for (const auto& [id, item] : set.items) EXPECT_EQ(item.rowId, cat.history(id).back().rowId) << id;
    for (const auto& [id, t] : set.instances) EXPECT_EQ(t.rowId, cat.instanceHistory(id).back().rowId) << id;
}

TEST_F(CatalogueHistory, SnapshotIdIdentifiesTheRowsLoaded) {
    const PriceSet a = cat.load("2026-12-01");
    const PriceSet b = cat.load("2026-12-01");
    EXPECT_EQ(a.snapshotId, b.snapshotId);
    ASSERT_EQ(a.snapshotId.size(), 4u + 16u);
    EXPECT_TRUE(testing::startsWith(a.snapshotId, "cat-"));
    EXPECT_EQ(a.snapshotId.find_first_not_of("0123456789abcdef", 4), std::string::npos);
    EXPECT_EQ(a.snapshotId, computeSnapshotId(a));

    // Another date with the same rows in force: the same id.
    EXPECT_EQ(cat.load("2027-06-01").snapshotId, a.snapshotId);

    cat.setPrice("lambda.requests", 0.2, "same price, re-checked", "2026-12-01");
    const PriceSet c = cat.load("2026-12-01");
    EXPECT_NE(c.snapshotId, a.snapshotId);  // same value, different row
    EXPECT_EQ(cat.load("2026-11-30").snapshotId, a.snapshotId);  // before the edit: the old rows

    // A second catalogue from the same seed holds the same rows.
    TempDir other;
    const Catalogue twin = Catalogue::openOrCreate(other.file("catalog.sqlite"), testing::handBuiltSeed());
    EXPECT_EQ(twin.load("2026-12-01").snapshotId, a.snapshotId);
}

}  // namespace
}  // namespace breakeven::pricing
