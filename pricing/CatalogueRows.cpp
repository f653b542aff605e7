// Row-level reads and writes shared by seeding, setPrice and import.
#include <map>

#include "pricing/CatalogueInternal.h"
#include "pricing/CatalogueSchema.h"

namespace breakeven::pricing::rows {

namespace {

bool exists(const sql::Database& db, const char* query, const std::string& id) {
    sql::Statement s = db.prepare(query);
    s.bind(1, id);
    return s.step();
}

// Columns 0..8 of kPriceRowSelect.
PriceItem readPriceItem(const sql::Database& db, const sql::Statement& s) {
    PriceItem p;
    p.id = s.getText(0);
    p.platform = s.getText(1);
    p.item = s.getText(2);
    p.unit = s.getText(3);
    p.rowId = s.getInt(4);
    p.usdPerUnit = s.getDouble(5);
    p.effectiveFrom = s.getText(6);
    p.source = s.getText(7);
    p.verified = s.getInt(8) != 0;
    p.tiers = loadTiers(db, p.rowId);
    return p;
}

// Columns 0..10 of kInstanceRowSelect.
InstanceType readInstance(const sql::Statement& s) {
    InstanceType t;
    t.id = s.getText(0);
    t.vcpu = s.getDouble(1);
    t.memoryGb = s.getDouble(2);
    t.gpu = s.getOptText(3);
    t.gpuCount = static_cast<int>(s.getInt(4));
    t.rowId = s.getInt(5);
    t.usdPerHourOnDemand = s.getDouble(6);
    t.usdPerHourReserved1y = s.getOptDouble(7);
    t.effectiveFrom = s.getText(8);
    t.source = s.getText(9);
    t.verified = s.getInt(10) != 0;
    return t;
}

constexpr const char* kPriceRowSelect =
    "SELECT i.id, i.platform_id, i.item, i.unit, r.row_id, r.usd_per_unit, r.effective_from, "
    "r.source, r.verified FROM price_items i JOIN price_rows r ON r.price_id = i.id "
    "WHERE i.id = ?1 ";
constexpr const char* kInstanceRowSelect =
    "SELECT t.id, t.vcpu, t.memory_gb, t.gpu, t.gpu_count, r.row_id, r.usd_per_hour_on_demand, "
    "r.usd_per_hour_reserved_1y, r.effective_from, r.source, r.verified "
    "FROM instance_types t JOIN instance_price_rows r ON r.instance_id = t.id WHERE t.id = ?1 ";
// In force on ?2: the latest effective_from <= date, then the latest row.
constexpr const char* kInForce =
    "AND r.effective_from <= ?2 ORDER BY r.effective_from DESC, r.row_id DESC LIMIT 1";
// Nothing in force yet: the earliest row, so an edit dated before all
// history still has a row to take tiers (or the reserved rate) from.
constexpr const char* kEarliest = "ORDER BY r.effective_from ASC, r.row_id DESC LIMIT 1";

}  // namespace

bool upsertPlatform(sql::Database& db, const Platform& p, const std::string& rounding,
                    std::optional<double> granularityMs) {
    const bool isNew = !exists(db, "SELECT 1 FROM platforms WHERE id = ?1", p.id);
    db.prepare(
          "INSERT INTO platforms (id, name, region, billing_scope, granularity_ms, "
          "minimum_seconds, rounding, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
          "ON CONFLICT (id) DO UPDATE SET name = excluded.name, region = excluded.region, "
          "billing_scope = excluded.billing_scope, granularity_ms = excluded.granularity_ms, "
          "minimum_seconds = excluded.minimum_seconds, rounding = excluded.rounding, "
          "notes = excluded.notes")
        .bind(1, p.id).bind(2, p.name).bind(3, p.region).bind(4, p.billing.scope)
        .bind(5, granularityMs.value_or(p.billing.granularitySeconds * 1000.0)).bind(6, p.billing.minimumSeconds)
        .bind(7, rounding).bind(8, p.billing.notes)
        .run();
    const FreeTier& f = p.freeTier;
    db.prepare(
          "INSERT OR REPLACE INTO free_tiers (platform_id, requests_per_month, "
          "gb_seconds_per_month, vcpu_seconds_per_month, gib_seconds_per_month, "
          "applies_to_provisioned) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, p.id).bind(2, f.requestsPerMonth).bind(3, f.gbSecondsPerMonth)
        .bind(4, f.vcpuSecondsPerMonth).bind(5, f.gibSecondsPerMonth)
        .bind(6, f.appliesToProvisioned)
        .run();
    return isNew;
}

bool upsertPriceItem(sql::Database& db, const PriceItem& item) {
    const bool isNew = !exists(db, "SELECT 1 FROM price_items WHERE id = ?1", item.id);
    db.prepare(
          "INSERT INTO price_items (id, platform_id, item, unit, rate_name) "
          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET "
          "platform_id = excluded.platform_id, item = excluded.item, unit = excluded.unit, "
          "rate_name = excluded.rate_name")
        .bind(1, item.id).bind(2, item.platform).bind(3, item.item).bind(4, item.unit)
        .bind(5, schema::rateName(item.unit))
        .run();
    return isNew;
}

bool upsertInstanceType(sql::Database& db, const InstanceType& t) {
    const bool isNew = !exists(db, "SELECT 1 FROM instance_types WHERE id = ?1", t.id);
    db.prepare(
          "INSERT INTO instance_types (id, vcpu, memory_gb, gpu, gpu_count) "
          "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET vcpu = excluded.vcpu, "
          "memory_gb = excluded.memory_gb, gpu = excluded.gpu, gpu_count = excluded.gpu_count")
        .bind(1, t.id).bind(2, t.vcpu).bind(3, t.memoryGb).bind(4, t.gpu).bind(5, t.gpuCount)
        .run();
    return isNew;
}

bool upsertGpu(sql::Database& db, const GpuType& g) {
    const bool isNew = !exists(db, "SELECT 1 FROM gpu_types WHERE id = ?1", g.id);
    db.prepare(
          "INSERT OR REPLACE INTO gpu_types (id, memory_gb, memory_bandwidth_gbs, "
          "fp16_dense_tflops, int8_dense_tops, tdp_watts, source) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, g.id).bind(2, g.memoryGb).bind(3, g.memoryBandwidthGBs).bind(4, g.fp16DenseTflops)
        .bind(5, g.int8DenseTops).bind(6, g.tdpWatts).bind(7, g.source)
        .run();
    return isNew;
}

std::int64_t insertPriceRow(sql::Database& db, const std::string& priceId, const PriceRow& row) {
    db.prepare(
          "INSERT INTO price_rows (price_id, usd_per_unit, effective_from, source, recorded_at, "
          "verified) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, priceId).bind(2, row.usdPerUnit).bind(3, row.effectiveFrom).bind(4, row.source)
        .bind(5, schema::utcTimestamp()).bind(6, row.verified)
        .run();
    const std::int64_t rowId = db.lastInsertRowId();
    sql::Statement tier = db.prepare(
        "INSERT INTO price_tiers (row_id, ordinal, up_to, usd_per_unit) VALUES (?1, ?2, ?3, ?4)");
    for (std::size_t i = 0; i < row.tiers.size(); ++i) {
        tier.reset();
        tier.bind(1, rowId).bind(2, static_cast<std::int64_t>(i)).bind(3, row.tiers[i].upTo)
            .bind(4, row.tiers[i].usdPerUnit)
            .run();
    }
    return rowId;
}

std::int64_t insertInstanceRow(sql::Database& db, const std::string& instanceId,
                               const InstanceRow& row) {
    db.prepare(
          "INSERT INTO instance_price_rows (instance_id, usd_per_hour_on_demand, effective_from, "
          "source, recorded_at, usd_per_hour_reserved_1y, verified) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, instanceId).bind(2, row.usdPerHourOnDemand).bind(3, row.effectiveFrom)
        .bind(4, row.source).bind(5, schema::utcTimestamp()).bind(6, row.usdPerHourReserved1y)
        .bind(7, row.verified)
        .run();
    return db.lastInsertRowId();
}

std::optional<PriceItem> priceInForce(const sql::Database& db, const std::string& priceId,
                                      const std::string& date) {
    for (const char* order : {kInForce, kEarliest}) {
        sql::Statement s = db.prepare(std::string(kPriceRowSelect) + order);
        s.bind(1, priceId);
        if (order == kInForce) s.bind(2, date);
        if (s.step()) return readPriceItem(db, s);
    }
    return std::nullopt;
}

std::optional<InstanceType> instanceInForce(const sql::Database& db,
                                            const std::string& instanceId, const std::string& date) {
    for (const char* order : {kInForce, kEarliest}) {
        sql::Statement s = db.prepare(std::string(kInstanceRowSelect) + order);
        s.bind(1, instanceId);
        if (order == kInForce) s.bind(2, date);
        if (s.step()) return readInstance(s);
    }
    return std::nullopt;
}

std::vector<PriceTier> loadTiers(const sql::Database& db, std::int64_t rowId) {
    sql::Statement s =
        db.prepare("SELECT up_to, usd_per_unit FROM price_tiers WHERE row_id = ?1 ORDER BY ordinal");
    s.bind(1, rowId);
    std::vector<PriceTier> tiers;
    while (s.step()) tiers.push_back({s.getOptDouble(0), s.getDouble(1)});
    return tiers;
}

std::vector<PriceItem> priceHistory(const sql::Database& db, const std::string& priceId) {
    sql::Statement s = db.prepare(std::string(kPriceRowSelect) +
                                  "ORDER BY r.effective_from ASC, r.row_id ASC");
    s.bind(1, priceId);
    std::vector<PriceItem> out;
    while (s.step()) out.push_back(readPriceItem(db, s));
    return out;
}

std::vector<InstanceType> instanceHistory(const sql::Database& db, const std::string& instanceId) {
    sql::Statement s = db.prepare(std::string(kInstanceRowSelect) +
                                  "ORDER BY r.effective_from ASC, r.row_id ASC");
    s.bind(1, instanceId);
    std::vector<InstanceType> out;
    while (s.step()) out.push_back(readInstance(s));
    return out;
}

namespace {

std::map<std::string, Platform> loadPlatforms(const sql::Database& db) {
    sql::Statement s = db.prepare(
        "SELECT p.id, p.name, p.region, p.billing_scope, p.granularity_ms, p.minimum_seconds, "
        "p.notes, f.requests_per_month, f.gb_seconds_per_month, f.vcpu_seconds_per_month, "
        "f.gib_seconds_per_month, f.applies_to_provisioned "
        "FROM platforms p LEFT JOIN free_tiers f ON f.platform_id = p.id ORDER BY p.id");
    std::map<std::string, Platform> out;
    while (s.step()) {
        Platform p;
        p.id = s.getText(0);
        p.name = s.getText(1);
        p.region = s.getText(2);
        p.billing.scope = s.getText(3);
        p.billing.granularitySeconds = s.getDouble(4) / 1000.0;
        p.billing.minimumSeconds = s.getDouble(5);
        p.billing.notes = s.getText(6);
        p.freeTier.requestsPerMonth = s.getDouble(7);  // NULL (no free_tiers row) reads 0
        p.freeTier.gbSecondsPerMonth = s.getDouble(8);
        p.freeTier.vcpuSecondsPerMonth = s.getDouble(9);
        p.freeTier.gibSecondsPerMonth = s.getDouble(10);
        p.freeTier.appliesToProvisioned = s.getInt(11) != 0;
        out.emplace(p.id, std::move(p));
    }
    return out;
}

std::map<std::string, GpuType> loadGpus(const sql::Database& db) {
    sql::Statement s = db.prepare(
        "SELECT id, memory_gb, memory_bandwidth_gbs, fp16_dense_tflops, int8_dense_tops, "
        "tdp_watts, source FROM gpu_types ORDER BY id");
    std::map<std::string, GpuType> out;
    while (s.step()) {
        GpuType g{s.getText(0), s.getDouble(1), s.getDouble(2), s.getDouble(3),
                  s.getDouble(4), s.getDouble(5), s.getText(6)};
        out.emplace(g.id, std::move(g));
    }
    return out;
}

}  // namespace

void loadInForce(const sql::Database& db, const std::string& date, PriceSet& out) {
    out.platforms = loadPlatforms(db);
    out.gpus = loadGpus(db);
    // Per item, the row in force on ?1 (same rule as kInForce).
    sql::Statement items = db.prepare(
        "SELECT i.id, i.platform_id, i.item, i.unit, r.row_id, r.usd_per_unit, r.effective_from, "
        "r.source, r.verified FROM price_items i JOIN price_rows r ON r.row_id = ("
        "SELECT r2.row_id FROM price_rows r2 WHERE r2.price_id = i.id AND r2.effective_from <= ?1 "
        "ORDER BY r2.effective_from DESC, r2.row_id DESC LIMIT 1) ORDER BY i.id");
    items.bind(1, date);
    while (items.step()) {
        PriceItem p = readPriceItem(db, items);
        out.items.emplace(p.id, std::move(p));
    }
    sql::Statement instances = db.prepare(
        "SELECT t.id, t.vcpu, t.memory_gb, t.gpu, t.gpu_count, r.row_id, r.usd_per_hour_on_demand, "
        "r.usd_per_hour_reserved_1y, r.effective_from, r.source, r.verified "
        "FROM instance_types t JOIN instance_price_rows r ON r.row_id = ("
        "SELECT r2.row_id FROM instance_price_rows r2 WHERE r2.instance_id = t.id "
        "AND r2.effective_from <= ?1 ORDER BY r2.effective_from DESC, r2.row_id DESC LIMIT 1) "
        "ORDER BY t.id");
    instances.bind(1, date);
    while (instances.step()) {
        InstanceType t = readInstance(instances);
        out.instances.emplace(t.id, std::move(t));
    }
}

}  // namespace breakeven::pricing::rows
