// Migration: a schema-1 catalogue (tests/data/catalogue/v1.sql, frozen) is
// brought to the current schema on open with every row preserved, and ends
// up with the same tables, columns and triggers as a freshly created file.
#include "test_catalogue_support.h"

namespace breakeven::pricing {
namespace {

using testing::TempDir;

std::string makeV1(const TempDir& dir) {
    const std::string path = dir.file("v1.sqlite");
    testing::execSql(path, testing::readBytes(std::string(BREAKEVEN_TEST_DATA_DIR) + "/catalogue/v1.sql"));
    return path;
}

// Every table's columns (name, type, not-null, default, pk) and every
// index and trigger name, in a comparable form.
std::vector<std::string> schemaShape(const std::string& path) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    std::vector<std::string> shape;
    const char* sqlText =
        "SELECT m.type, m.name, coalesce(p.name, ''), coalesce(p.type, ''), coalesce(p.\"notnull\", ''), "
        "coalesce(p.dflt_value, ''), coalesce(p.pk, '') FROM sqlite_schema m "
        "LEFT JOIN pragma_table_info(m.name) p ON m.type = 'table' "
        "WHERE m.name NOT LIKE 'sqlite_%' ORDER BY m.type, m.name, p.cid";
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, sqlText, -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        std::string row;
        for (int c = 0; c < 7; ++c) {
            const auto* text = sqlite3_column_text(stmt, c);
            row += std::string(text ? reinterpret_cast<const char*>(text) : "") + "|";
        }
        shape.push_back(row);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return shape;
}

TEST(CatalogueMigration, V1FixtureIsVersion1) {
    TempDir dir;
    const std::string path = makeV1(dir);
    EXPECT_EQ(testing::querySql(path, "PRAGMA user_version"), "1");
    EXPECT_EQ(testing::querySql(path, "SELECT count(*) FROM price_rows"), "4");
}

TEST(CatalogueMigration, V1MigratesWithDataPreserved) {
    TempDir dir;
    const std::string path = makeV1(dir);
    {
        const Catalogue cat = Catalogue::openExisting(path);
        EXPECT_FALSE(cat.wasCreated());

        const auto requests = cat.history("lambda.requests");
        ASSERT_EQ(requests.size(), 2u);
        EXPECT_EQ(requests[0].usdPerUnit, 0.2);
        EXPECT_EQ(requests[0].effectiveFrom, "2025-06-01");
        EXPECT_EQ(requests[0].source, "https://aws.amazon.com/lambda/pricing/");
        EXPECT_FALSE(requests[0].verified);  // v1 could not say: honestly "not verified"
        EXPECT_EQ(requests[1].usdPerUnit, 0.25);
        EXPECT_EQ(requests[1].source, "negotiated rate, email of 2025-08-20");

        const PriceSet before = cat.load("2025-08-31");
        EXPECT_EQ(before.findItem("lambda.requests")->usdPerUnit, 0.2);
        const PriceSet after = cat.load("2025-10-01");
        EXPECT_EQ(after.findItem("lambda.requests")->usdPerUnit, 0.25);
        const PriceItem* x86 = after.findItem("lambda.x86.gb-second");
        ASSERT_NE(x86, nullptr);
        ASSERT_EQ(x86->tiers.size(), 3u);
        EXPECT_EQ(x86->tiers[1].upTo, 1.5e10);
        EXPECT_EQ(x86->tiers[2].usdPerUnit, 1.33334e-05);
        EXPECT_EQ(after.platforms.at("gcp-cloud-run").billing.granularitySeconds, 0.1);
        EXPECT_EQ(after.platforms.at("gcp-cloud-run").freeTier.vcpuSecondsPerMonth, 180000.0);
        EXPECT_EQ(after.gpus.at("L4").int8DenseTops, 242.5);

        const auto g6 = cat.instanceHistory("aws-ec2.g6.xlarge");
        ASSERT_EQ(g6.size(), 2u);
        EXPECT_EQ(g6[0].usdPerHourOnDemand, 0.8048);
        EXPECT_EQ(g6[0].usdPerHourReserved1y, std::nullopt);  // new in v2, unknown for old rows
        EXPECT_EQ(cat.load("2026-02-01").findInstance("aws-ec2.g6.xlarge")->usdPerHourOnDemand, 0.7);

        const auto meta = cat.meta();
        EXPECT_EQ(meta.at("seed_collected_on"), "2025-06-01");
        EXPECT_EQ(meta.at("migrated_from_version"), "1");
    }
    EXPECT_EQ(testing::querySql(path, "PRAGMA user_version"), std::to_string(kCatalogueSchemaVersion));
    EXPECT_EQ(testing::querySql(path, "PRAGMA integrity_check"), "ok");
}

TEST(CatalogueMigration, MigratedSchemaMatchesAFreshOne) {
    TempDir dir;
    const std::string v1 = makeV1(dir);
    (void)Catalogue::openExisting(v1);
    const std::string fresh = dir.file("fresh.sqlite");
    (void)Catalogue::openOrCreate(fresh, testing::handBuiltSeed());
    const auto migrated = schemaShape(v1);
    EXPECT_FALSE(migrated.empty());
    EXPECT_EQ(migrated, schemaShape(fresh));
}

TEST(CatalogueMigration, MigratedCatalogueTakesEditsAndKeepsHistoryAppendOnly) {
    TempDir dir;
    const std::string path = makeV1(dir);
    Catalogue cat = Catalogue::openOrCreate(path, testing::handBuiltSeed());
    EXPECT_FALSE(cat.wasCreated());  // migrated, not reseeded
    cat.setPrice("cloudrun.t1.requests", 0.45, "2026 price list", "2026-01-01");
    EXPECT_EQ(cat.history("cloudrun.t1.requests").size(), 2u);
    std::string error;
    (void)testing::querySql(path, "DELETE FROM price_rows", &error);
    EXPECT_NE(error.find("append-only"), std::string::npos) << error;
}

TEST(CatalogueMigration, OpeningTwiceMigratesOnce) {
    TempDir dir;
    const std::string path = makeV1(dir);
    (void)Catalogue::openExisting(path);
    const std::string migratedAt = Catalogue::openExisting(path).meta().at("migrated_at");
    EXPECT_EQ(Catalogue::openExisting(path).meta().at("migrated_at"), migratedAt);
    EXPECT_EQ(Catalogue::openExisting(path).history("lambda.requests").size(), 2u);
}

}  // namespace
}  // namespace breakeven::pricing
