#pragma once
// Catalogue schema: the latest DDL, forward migrations and the checks that
// decide whether a file is a healthy Breakeven catalogue (the pattern of
// qBittorrent's dbresumedatastorage: createDB / updateDB, version last).
#include <cstdint>
#include <string>

#include "pricing/CatalogueSqlite.h"

namespace breakeven::pricing::schema {

// PRAGMA application_id "Brke": tells our files from other SQLite databases.
inline constexpr std::int32_t kApplicationId = 0x42726B65;

struct Probe {
    bool empty = false;  // a fresh (0-byte or table-less) database: may be created
    int version = 0;     // PRAGMA user_version when not empty
};

// Read-only: integrity (quick_check), application id, version and tables.
// Throws CatalogueError: Corrupt (not a catalogue, failed check, unreadable
// version) or NewerVersion. Never writes, so a refused file stays untouched.
Probe probe(sql::Database& db);

// Only the header fields (no integrity check); inside a write transaction,
// to re-decide after another process may have created or migrated the file.
Probe probeHeader(sql::Database& db);

// The latest schema plus application_id and user_version, in the caller's
// transaction (so a crash leaves either nothing or a complete catalogue).
void createSchema(sql::Database& db);

// Cumulative steps from `fromVersion` to kCatalogueSchemaVersion in the
// caller's transaction; user_version is written last.
void migrate(sql::Database& db, int fromVersion);

// "usd_per_gb_second" for "GB-second": the price's unit spelled as a column
// name, kept next to the published unit (docs/catalogue.md).
std::string rateName(const std::string& unit);

// "2026-11-26T06:16:04Z" and "2026-11-26" (UTC), for recorded_at and defaults.
std::string utcTimestamp();
std::string utcDate();
// YYYY-MM-DD naming a real calendar day.
bool isIsoDate(const std::string& text);

}  // namespace breakeven::pricing::schema
