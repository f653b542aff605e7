#pragma once
// Shared by the Catalogue*.cpp files only: the connection behind a Catalogue
// and the row-level reads and writes that seeding, setPrice and import share.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pricing/CatalogueDb.h"
#include "pricing/CatalogueSqlite.h"

namespace breakeven::pricing {

struct Catalogue::Impl {
    explicit Impl(sql::Database database) : db(std::move(database)) {}
    sql::Database db;
    bool created = false;
};

namespace rows {

// One dated price-item row as stored (the item's definition lives apart).
struct PriceRow {
    double usdPerUnit = 0.0;
    std::vector<PriceTier> tiers;
    std::string effectiveFrom;
    std::string source;
    bool verified = false;
};

struct InstanceRow {
    double usdPerHourOnDemand = 0.0;
    std::optional<double> usdPerHourReserved1y;
    std::string effectiveFrom;
    std::string source;
    bool verified = false;
};

// Definitions (not history): insert new, or replace an existing one.
// Returns true when the row was new.
// granularityMs overrides platform.billing.granularitySeconds x 1000 (import
// carries the stored milliseconds, so a round trip is exact).
bool upsertPlatform(sql::Database& db, const Platform& platform, const std::string& rounding,
                    std::optional<double> granularityMs = std::nullopt);
bool upsertPriceItem(sql::Database& db, const PriceItem& item);  // id, platform, item, unit
bool upsertInstanceType(sql::Database& db, const InstanceType& instance);
bool upsertGpu(sql::Database& db, const GpuType& gpu);

// History: always a new row; returns its row id.
std::int64_t insertPriceRow(sql::Database& db, const std::string& priceId, const PriceRow& row);
std::int64_t insertInstanceRow(sql::Database& db, const std::string& instanceId,
                               const InstanceRow& row);

// The row in force on `date` (latest effective_from <= date, then highest
// row id); when none is yet, the earliest row. nullopt: no such item.
std::optional<PriceItem> priceInForce(const sql::Database& db, const std::string& priceId,
                                      const std::string& date);
std::optional<InstanceType> instanceInForce(const sql::Database& db,
                                            const std::string& instanceId, const std::string& date);

std::vector<PriceTier> loadTiers(const sql::Database& db, std::int64_t rowId);

// Every row, oldest effective_from first (ties: insertion order).
std::vector<PriceItem> priceHistory(const sql::Database& db, const std::string& priceId);
std::vector<InstanceType> instanceHistory(const sql::Database& db, const std::string& instanceId);

// Platforms, GPUs and every item / instance type with a row in force on
// `date`; items with no row in force yet are left out (snapshotId unset).
void loadInForce(const sql::Database& db, const std::string& date, PriceSet& out);

// Dates, and items naming a platform of the seed; CatalogueError(InvalidInput).
void validateSeed(const SeedData& seedData, const std::string& path);

// Seeds an empty schema (caller's transaction) and records catalogue_meta.
void seed(sql::Database& db, const SeedData& seedData);

}  // namespace rows
}  // namespace breakeven::pricing
