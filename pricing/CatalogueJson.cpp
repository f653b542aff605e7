// Catalogue::exportJson / importJson: the whole catalogue, history included,
// as JSON (format in docs/catalogue.md). Import validates the document in
// full, then checks it against the catalogue and writes in one transaction:
// a bad file changes nothing. Rows already present are skipped, so
// importing the same file twice adds nothing the second time.
#include <algorithm>
#include <limits>
#include <type_traits>

#include "pricing/CatalogueDb.h"
#include "pricing/CatalogueImport.h"
#include "pricing/CatalogueInternal.h"
#include "pricing/CatalogueSchema.h"

namespace breakeven::pricing {

namespace {

using nlohmann::json;

json optional(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json exportPlatforms(const sql::Database& db) {
    sql::Statement s = db.prepare(
        "SELECT p.id, p.name, p.region, p.billing_scope, p.granularity_ms, p.minimum_seconds, "
        "p.rounding, p.notes, f.requests_per_month, f.gb_seconds_per_month, "
        "f.vcpu_seconds_per_month, f.gib_seconds_per_month, f.applies_to_provisioned "
        "FROM platforms p LEFT JOIN free_tiers f ON f.platform_id = p.id ORDER BY p.id");
    json out = json::array();
    while (s.step())
        out.push_back({{"id", s.getText(0)}, {"name", s.getText(1)}, {"region", s.getText(2)},
                       {"billing", {{"scope", s.getText(3)}, {"granularityMs", s.getDouble(4)},
                                    {"minimumSeconds", s.getDouble(5)}, {"rounding", s.getText(6)},
                                    {"notes", s.getText(7)}}},
                       {"freeTier", {{"requestsPerMonth", s.getDouble(8)},
                                     {"gbSecondsPerMonth", s.getDouble(9)},
                                     {"vcpuSecondsPerMonth", s.getDouble(10)},
                                     {"gibSecondsPerMonth", s.getDouble(11)},
                                     {"appliesToProvisioned", s.getInt(12) != 0}}}});
    return out;
}

json exportGpus(const sql::Database& db) {
    sql::Statement s = db.prepare(
        "SELECT id, memory_gb, memory_bandwidth_gbs, fp16_dense_tflops, int8_dense_tops, tdp_watts, "
        "source FROM gpu_types ORDER BY id");
    json out = json::array();
    while (s.step())
        out.push_back({{"id", s.getText(0)}, {"memoryGb", s.getDouble(1)},
                       {"memoryBandwidthGBs", s.getDouble(2)}, {"fp16DenseTflops", s.getDouble(3)},
                       {"int8DenseTops", s.getDouble(4)}, {"tdpWatts", s.getDouble(5)},
                       {"source", s.getText(6)}});
    return out;
}

json exportItems(const sql::Database& db) {
    sql::Statement items = db.prepare("SELECT id, platform_id, item, unit, rate_name FROM price_items ORDER BY id");
    sql::Statement rowsOf = db.prepare(
        "SELECT row_id, usd_per_unit, effective_from, source, verified, recorded_at FROM price_rows "
        "WHERE price_id = ?1 ORDER BY effective_from, row_id");
    json out = json::array();
    while (items.step()) {
        json rowList = json::array();
        rowsOf.reset();
        rowsOf.bind(1, items.getText(0));
        while (rowsOf.step()) {
            json tiers = json::array();
            for (const PriceTier& t : rows::loadTiers(db, rowsOf.getInt(0)))
                tiers.push_back({{"upTo", optional(t.upTo)}, {"usdPerUnit", t.usdPerUnit}});
            json row = {{"rowId", rowsOf.getInt(0)}, {"usdPerUnit", rowsOf.getDouble(1)},
                        {"effectiveFrom", rowsOf.getText(2)}, {"source", rowsOf.getText(3)},
                        {"verified", rowsOf.getInt(4) != 0}, {"recordedAt", rowsOf.getText(5)}};
            if (!tiers.empty()) row["tiers"] = std::move(tiers);
            rowList.push_back(std::move(row));
        }
        out.push_back({{"id", items.getText(0)}, {"platform", items.getText(1)},
                       {"item", items.getText(2)}, {"unit", items.getText(3)},
                       {"rateName", items.getText(4)}, {"rows", std::move(rowList)}});
    }
    return out;
}

json exportInstances(const sql::Database& db) {
    sql::Statement types = db.prepare("SELECT id, vcpu, memory_gb, gpu, gpu_count FROM instance_types ORDER BY id");
    sql::Statement rowsOf = db.prepare(
        "SELECT row_id, usd_per_hour_on_demand, usd_per_hour_reserved_1y, effective_from, source, "
        "verified, recorded_at FROM instance_price_rows WHERE instance_id = ?1 "
        "ORDER BY effective_from, row_id");
    json out = json::array();
    while (types.step()) {
        json rowList = json::array();
        rowsOf.reset();
        rowsOf.bind(1, types.getText(0));
        while (rowsOf.step())
            rowList.push_back({{"rowId", rowsOf.getInt(0)}, {"usdPerHourOnDemand", rowsOf.getDouble(1)},
                               {"usdPerHourReserved1y", optional(rowsOf.getOptDouble(2))},
                               {"effectiveFrom", rowsOf.getText(3)}, {"source", rowsOf.getText(4)},
                               {"verified", rowsOf.getInt(5) != 0}, {"recordedAt", rowsOf.getText(6)}});
        const auto gpu = types.getOptText(3);
        out.push_back({{"id", types.getText(0)}, {"vcpu", types.getDouble(1)},
                       {"memoryGb", types.getDouble(2)}, {"gpu", gpu ? json(*gpu) : json(nullptr)},
                       {"gpuCount", types.getInt(4)}, {"rows", std::move(rowList)}});
    }
    return out;
}

// ---- import ------------------------------------------------------------------

[[noreturn]] void conflict(const std::string& source, const std::string& path, const std::string& why) {
    throw CatalogueError(CatalogueErrorKind::InvalidInput, source + ": " + path + ": " + why);
}

// What the file cannot change: an item's unit (its existing rows are in
// that unit) and references to platforms that exist nowhere.
void checkAgainstCatalogue(const sql::Database& db, const exchange::Document& doc,
                           const std::string& source) {
    sql::Statement platform = db.prepare("SELECT 1 FROM platforms WHERE id = ?1");
    sql::Statement unit = db.prepare("SELECT unit FROM price_items WHERE id = ?1");
    for (const exchange::ItemRecord& item : doc.items) {
        const PriceItem& def = item.definition;
        const bool inFile = std::any_of(doc.platforms.begin(), doc.platforms.end(),
                                        [&](const auto& p) { return p.platform.id == def.platform; });
        platform.reset();
        platform.bind(1, def.platform);
        if (!inFile && !platform.step())
            conflict(source, item.path + ".platform", "unknown platform '" + def.platform + "'");
        unit.reset();
        unit.bind(1, def.id);
        if (unit.step() && unit.getText(0) != def.unit)
            conflict(source, item.path + ".unit",
                     "'" + def.unit + "' differs from the catalogue's '" + unit.getText(0) + "' for " +
                         def.id + " (its existing rows are per " + unit.getText(0) + ")");
    }
}

bool platformUnchanged(const sql::Database& db, const exchange::PlatformRecord& rec) {
    const Platform& p = rec.platform;
    const FreeTier& f = p.freeTier;
    sql::Statement s = db.prepare(
        "SELECT 1 FROM platforms p JOIN free_tiers f ON f.platform_id = p.id WHERE p.id = ?1 "
        "AND p.name = ?2 AND p.region = ?3 AND p.billing_scope = ?4 AND p.granularity_ms = ?5 "
        "AND p.minimum_seconds = ?6 AND p.rounding = ?7 AND p.notes = ?8 "
        "AND f.requests_per_month = ?9 AND f.gb_seconds_per_month = ?10 "
        "AND f.vcpu_seconds_per_month = ?11 AND f.gib_seconds_per_month = ?12 "
        "AND f.applies_to_provisioned = ?13");
    s.bind(1, p.id).bind(2, p.name).bind(3, p.region).bind(4, p.billing.scope).bind(5, rec.granularityMs)
        .bind(6, p.billing.minimumSeconds).bind(7, rec.rounding).bind(8, p.billing.notes)
        .bind(9, f.requestsPerMonth).bind(10, f.gbSecondsPerMonth).bind(11, f.vcpuSecondsPerMonth)
        .bind(12, f.gibSecondsPerMonth).bind(13, f.appliesToProvisioned);
    return s.step();
}

bool sameTiers(const std::vector<PriceTier>& a, const std::vector<PriceTier>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const PriceTier& x, const PriceTier& y) {
        return x.upTo == y.upTo && x.usdPerUnit == y.usdPerUnit;
    });
}

bool priceRowPresent(const sql::Database& db, const std::string& id, const rows::PriceRow& row) {
    sql::Statement s = db.prepare(
        "SELECT row_id FROM price_rows WHERE price_id = ?1 AND effective_from = ?2 "
        "AND usd_per_unit = ?3 AND source = ?4 AND verified = ?5");
    s.bind(1, id).bind(2, row.effectiveFrom).bind(3, row.usdPerUnit).bind(4, row.source).bind(5, row.verified);
    while (s.step())
        if (sameTiers(rows::loadTiers(db, s.getInt(0)), row.tiers)) return true;
    return false;
}

bool instanceRowPresent(const sql::Database& db, const std::string& id, const rows::InstanceRow& row) {
    sql::Statement s = db.prepare(
        "SELECT 1 FROM instance_price_rows WHERE instance_id = ?1 AND effective_from = ?2 "
        "AND usd_per_hour_on_demand = ?3 AND usd_per_hour_reserved_1y IS ?4 AND source = ?5 "
        "AND verified = ?6");
    s.bind(1, id).bind(2, row.effectiveFrom).bind(3, row.usdPerHourOnDemand)
        .bind(4, row.usdPerHourReserved1y).bind(5, row.source).bind(6, row.verified);
    return s.step();
}

// A row to insert: rows are inserted in the source catalogue's row-id order
// (rows without one after, in file order), so equal-date ties resolve as
// they did there and a catalogue seeded alike gets the same row ids.
template <typename Row>
struct Pending {
    std::int64_t order;
    const std::string* id;
    const Row* row;
};

template <typename Row>
void insertInOrder(std::vector<Pending<Row>>& pending, sql::Database& db, ImportSummary& sum) {
    std::stable_sort(pending.begin(), pending.end(),
                     [](const auto& a, const auto& b) { return a.order < b.order; });
    for (const auto& p : pending) {
        if constexpr (std::is_same_v<Row, rows::PriceRow>) rows::insertPriceRow(db, *p.id, *p.row);
        else rows::insertInstanceRow(db, *p.id, *p.row);
        ++sum.priceRowsAdded;
    }
}

void apply(sql::Database& db, const exchange::Document& doc, ImportSummary& sum) {
    for (const auto& rec : doc.platforms) {
        if (platformUnchanged(db, rec)) continue;
        (rows::upsertPlatform(db, rec.platform, rec.rounding, rec.granularityMs) ? sum.platformsAdded
                                                                                 : sum.platformsUpdated)++;
    }
    for (const GpuType& g : doc.gpus) sum.gpusAdded += rows::upsertGpu(db, g) ? 1 : 0;
    constexpr std::int64_t kNoRowId = std::numeric_limits<std::int64_t>::max();
    // Presence is judged against the catalogue before the import, so rows
    // the source holds twice are imported twice.
    std::vector<Pending<rows::PriceRow>> prices;
    for (const auto& rec : doc.items) {
        sum.itemsAdded += rows::upsertPriceItem(db, rec.definition) ? 1 : 0;
        for (const auto& r : rec.rows) {
            if (priceRowPresent(db, rec.definition.id, r.row)) ++sum.rowsAlreadyPresent;
            else prices.push_back({r.sourceRowId.value_or(kNoRowId), &rec.definition.id, &r.row});
        }
    }
    std::vector<Pending<rows::InstanceRow>> instances;
    for (const auto& rec : doc.instances) {
        sum.instancesAdded += rows::upsertInstanceType(db, rec.definition) ? 1 : 0;
        for (const auto& r : rec.rows) {
            if (instanceRowPresent(db, rec.definition.id, r.row)) ++sum.rowsAlreadyPresent;
            else instances.push_back({r.sourceRowId.value_or(kNoRowId), &rec.definition.id, &r.row});
        }
    }
    insertInOrder(prices, db, sum);
    insertInOrder(instances, db, sum);
}

}  // namespace

json Catalogue::exportJson() const {
    sql::Database& db = impl_->db;
    sql::Transaction read(db, sql::Transaction::Mode::Read);  // one consistent snapshot
    json doc = {{"format", exchange::kFormatName},
                {"formatVersion", exchange::kFormatVersion},
                {"schemaVersion", kCatalogueSchemaVersion},
                {"exportedAt", schema::utcTimestamp()},
                {"meta", meta()},
                {"platforms", exportPlatforms(db)},
                {"gpus", exportGpus(db)},
                {"priceItems", exportItems(db)},
                {"instances", exportInstances(db)}};
    read.commit();
    return doc;
}

ImportSummary Catalogue::importJson(const json& doc, const std::string& sourceName) {
    const exchange::Document parsed = exchange::parse(doc, sourceName);
    sql::Database& db = impl_->db;
    sql::Transaction tx(db, sql::Transaction::Mode::Write);
    checkAgainstCatalogue(db, parsed, sourceName);
    ImportSummary summary;
    apply(db, parsed, summary);
    tx.commit();
    return summary;
}

}  // namespace breakeven::pricing
