// Export and import: a round trip reproduces the prices (and the snapshot
// id); a bad file changes nothing and names the offending field.
#include <cctype>
#include <functional>

#include "test_catalogue_support.h"

namespace breakeven::pricing {
namespace {

using nlohmann::json;
using testing::TempDir;

// A catalogue with history beyond the seed: edits today, in the future and
// on an instance type.
void addHistory(Catalogue& cat) {
    cat.setPrice("lambda.requests", 0.25, "negotiated", "2026-12-01");
    cat.setPrice("lambda.x86.gb-second", 1.5e-05, "what-if -10 %", "2026-12-01");
    cat.setPrice("cloudrun.t1.requests", 0.5, "announced", "2027-03-01");
    cat.setPrice("aws-ec2.g5.xlarge", 0.99, "price list", "2026-12-15");
}

void expectSamePrices(const Catalogue& a, const Catalogue& b, const std::string& date) {
    const PriceSet pa = a.load(date);
    const PriceSet pb = b.load(date);
    EXPECT_EQ(testing::describe(pa), testing::describe(pb)) << date;
    EXPECT_EQ(pa.snapshotId, pb.snapshotId) << date;
}

TEST(CatalogueJson, ExportHoldsEveryRowOfHistory) {
    TempDir dir;
    Catalogue cat = Catalogue::openOrCreate(dir.file("a.sqlite"), testing::handBuiltSeed());
    addHistory(cat);
    const json doc = cat.exportJson();
    EXPECT_EQ(doc.at("format"), "breakeven-catalogue");
    EXPECT_EQ(doc.at("formatVersion"), 1);
    EXPECT_EQ(doc.at("schemaVersion"), kCatalogueSchemaVersion);
    EXPECT_EQ(doc.at("platforms").size(), 2u);
    EXPECT_EQ(doc.at("gpus").size(), 2u);
    EXPECT_EQ(doc.at("instances").size(), 2u);
    for (const json& item : doc.at("priceItems")) {
        const std::string id = item.at("id");
        EXPECT_EQ(item.at("rows").size(), cat.history(id).size()) << id;
        for (const json& row : item.at("rows")) EXPECT_FALSE(row.at("recordedAt").get<std::string>().empty());
    }
    const json& requests = doc.at("priceItems")[2];
    ASSERT_EQ(requests.at("id"), "lambda.requests");
    EXPECT_EQ(requests.at("rateName"), "usd_per_1m_requests");
    EXPECT_EQ(requests.at("rows")[1].at("usdPerUnit"), 0.25);
    EXPECT_EQ(requests.at("rows")[1].at("source"), "negotiated");
}

TEST(CatalogueJson, RoundTripIntoAFreshFileGivesEqualPriceSets) {
    TempDir dir;
    Catalogue source = Catalogue::openOrCreate(dir.file("a.sqlite"), testing::handBuiltSeed());
    addHistory(source);
    Catalogue target = Catalogue::openOrCreate(dir.file("b.sqlite"), testing::handBuiltSeed());
    const ImportSummary s = target.importJson(source.exportJson(), "a.json");
    EXPECT_EQ(s.priceRowsAdded, 4);
    EXPECT_EQ(s.rowsAlreadyPresent, 6);  // the seeded rows both have
    EXPECT_EQ(s.platformsUpdated, 0);
    for (const char* date : {"2026-11-26", "2026-12-01", "2026-12-20", "2027-03-01"})
        expectSamePrices(source, target, date);
    EXPECT_EQ(testing::describe(source.load()), testing::describe(target.load()));
}

TEST(CatalogueJson, EmbeddedSeedRoundTrip) {
    TempDir dir;
    Catalogue source = Catalogue::openOrCreate(dir.file("a.sqlite"), testing::embeddedSeed());
    source.setPrice("modal.gpu.h100.second", 0.001, "discount", "2026-12-01");
    source.setPrice("lambda.arm.gb-second", 1.2e-05, "what-if", "2026-12-01");
    Catalogue target = Catalogue::openOrCreate(dir.file("b.sqlite"), testing::embeddedSeed());
    target.importJson(source.exportJson(), "a.json");
    expectSamePrices(source, target, "2026-12-01");
    expectSamePrices(source, target, "2026-11-26");
}

TEST(CatalogueJson, ImportIsIdempotent) {
    TempDir dir;
    Catalogue source = Catalogue::openOrCreate(dir.file("a.sqlite"), testing::handBuiltSeed());
    addHistory(source);
    Catalogue target = Catalogue::openOrCreate(dir.file("b.sqlite"), testing::handBuiltSeed());
    const json doc = source.exportJson();
    target.importJson(doc, "a.json");
    const json after = testing::contentOf(target);
    const ImportSummary again = target.importJson(doc, "a.json");
    EXPECT_EQ(again.priceRowsAdded, 0);
    EXPECT_EQ(again.rowsAlreadyPresent, 10);
    EXPECT_EQ(testing::contentOf(target), after);
}

TEST(CatalogueJson, ImportAddsNewPlatformsItemsAndInstances) {
    TempDir dir;
    Catalogue cat = Catalogue::openOrCreate(dir.file("a.sqlite"), testing::handBuiltSeed());
    const json doc = {
        {"format", "breakeven-catalogue"}, {"formatVersion", 1},
        {"platforms", {{{"id", "modal"}, {"name", "Modal"}, {"region", "us"},
                        {"billing", {{"scope", "instanceLifetime"}, {"granularityMs", 1000}}}}}},
        {"priceItems", {{{"id", "modal.gpu.l4.second"}, {"platform", "modal"}, {"item", "gpu"},
                         {"unit", "GPU-second"},
                         {"rows", {{{"usdPerUnit", 0.000222}, {"effectiveFrom", "2026-11-26"},
                                    {"source", "https://modal.com/pricing"}, {"verified", true}}}}}}},
        {"instances", {{{"id", "aws-ec2.g6.xlarge"}, {"vcpu", 4}, {"memoryGb", 16}, {"gpu", "L4"},
                        {"gpuCount", 1},
                        {"rows", {{{"usdPerHourOnDemand", 0.8048}, {"effectiveFrom", "2026-11-26"},
                                   {"source", "https://aws.amazon.com/ec2/pricing/on-demand/"}}}}}}},
    };
    const ImportSummary s = cat.importJson(doc, "team.json");
    EXPECT_EQ(s.platformsAdded, 1);
    EXPECT_EQ(s.itemsAdded, 1);
    EXPECT_EQ(s.instancesAdded, 1);
    EXPECT_EQ(s.priceRowsAdded, 2);
    const PriceSet set = cat.load("2026-11-26");
    EXPECT_EQ(set.platforms.at("modal").billing.granularitySeconds, 1.0);
    EXPECT_EQ(set.findItem("modal.gpu.l4.second")->usdPerUnit, 0.000222);
    EXPECT_TRUE(set.findItem("modal.gpu.l4.second")->verified);
    EXPECT_EQ(set.findInstance("aws-ec2.g6.xlarge")->usdPerHourReserved1y, std::nullopt);
}

// Each case breaks an otherwise good export in one place.
struct BadCase {
    const char* name;
    std::function<void(json&)> breakIt;
    const char* message;  // after "bad.json: "
};

class CatalogueBadImport : public ::testing::TestWithParam<BadCase> {};

TEST_P(CatalogueBadImport, ChangesNothingAndNamesTheField) {
    TempDir dir;
    Catalogue source = Catalogue::openOrCreate(dir.file("a.sqlite"), testing::handBuiltSeed());
    addHistory(source);
    json doc = source.exportJson();
    // A valid new row first, so a half-applied import would show.
    doc["priceItems"][0]["rows"].push_back(
        {{"usdPerUnit", 0.0002}, {"effectiveFrom", "2027-01-01"}, {"source", "would be new"}});
    GetParam().breakIt(doc);

    Catalogue target = Catalogue::openOrCreate(dir.file("b.sqlite"), testing::handBuiltSeed());
    const json before = testing::contentOf(target);
    try {
        target.importJson(doc, "bad.json");
        FAIL() << "accepted a file with " << GetParam().name;
    } catch (const CatalogueError& e) {
        EXPECT_EQ(e.kind(), CatalogueErrorKind::InvalidInput);
        EXPECT_TRUE(testing::startsWith(e.what(), std::string("bad.json: ") + GetParam().message)) << e.what();
    }
    EXPECT_EQ(testing::contentOf(target), before);
}

// priceItems (sorted by id): [0] cloudrun.gpu.l4…, [1] cloudrun.t1.requests,
// [2] lambda.requests, [3] lambda.x86.gb-second.
INSTANTIATE_TEST_SUITE_P(
    Cases, CatalogueBadImport,
    ::testing::Values(
        BadCase{"wrong type", [](json& d) { d["priceItems"][2]["rows"][0]["usdPerUnit"] = "0.2"; },
                "priceItems[2].rows[0].usdPerUnit: must be a number, got string"},
        BadCase{"missing field", [](json& d) { d["priceItems"][3]["rows"][1].erase("source"); },
                "priceItems[3].rows[1].source: is required"},
        BadCase{"negative usd", [](json& d) { d["instances"][0]["rows"][1]["usdPerHourOnDemand"] = -1; },
                "instances[0].rows[1].usdPerHourOnDemand: must be a number ≥ 0, got -1"},
        BadCase{"unknown key", [](json& d) { d["platforms"][0]["billing"]["granularity"] = 1; },
                "platforms[0].billing.granularity: unknown key"},
        BadCase{"bad date", [](json& d) { d["priceItems"][1]["rows"][0]["effectiveFrom"] = "2026-02-30"; },
                "priceItems[1].rows[0].effectiveFrom: must be a calendar date"},
        BadCase{"unbounded tier not last",
                [](json& d) { d["priceItems"][3]["rows"][0]["tiers"][0]["upTo"] = nullptr; },
                "priceItems[3].rows[0].tiers[0].upTo: only the last tier"},
        BadCase{"duplicate id", [](json& d) { d["gpus"][1]["id"] = "L4"; },
                "gpus[1].id: duplicate id 'L4' (also at gpus[0])"},
        BadCase{"unknown platform", [](json& d) { d["priceItems"][2]["platform"] = "aws-lambada"; },
                "priceItems[2].platform: unknown platform 'aws-lambada'"},
        BadCase{"changed unit", [](json& d) { d["priceItems"][2]["unit"] = "request"; },
                "priceItems[2].unit: 'request' differs from the catalogue's '1M requests'"},
        BadCase{"not an export", [](json& d) { d["format"] = "something-else"; }, "format: must be"},
        BadCase{"newer format", [](json& d) { d["formatVersion"] = 2; }, "formatVersion: version 2"},
        BadCase{"not an object", [](json& d) { d = json::array(); }, "top level: must be an object"}),
    [](const ::testing::TestParamInfo<BadCase>& info) {
        std::string name = info.param.name;
        for (char& c : name)
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        return name;
    });

}  // namespace
}  // namespace breakeven::pricing
