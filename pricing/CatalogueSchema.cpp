#include "pricing/CatalogueSchema.h"

#include <array>
#include <cctype>
#include <chrono>
#include <ctime>
#include <set>

namespace breakeven::pricing::schema {

namespace {

// Version 2, the latest. Columns that v2 added to v1 tables sit last so a
// migrated file and a fresh one have the same column order (a test compares).
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE catalogue_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE platforms (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  region          TEXT NOT NULL,
  billing_scope   TEXT NOT NULL,
  granularity_ms  REAL NOT NULL CHECK (granularity_ms >= 0),
  minimum_seconds REAL NOT NULL CHECK (minimum_seconds >= 0),
  rounding        TEXT NOT NULL DEFAULT 'up' CHECK (rounding IN ('up', 'nearest', 'down')),
  notes           TEXT NOT NULL DEFAULT ''
);
CREATE TABLE free_tiers (
  platform_id            TEXT PRIMARY KEY REFERENCES platforms(id),
  requests_per_month     REAL NOT NULL DEFAULT 0 CHECK (requests_per_month >= 0),
  gb_seconds_per_month   REAL NOT NULL DEFAULT 0 CHECK (gb_seconds_per_month >= 0),
  vcpu_seconds_per_month REAL NOT NULL DEFAULT 0 CHECK (vcpu_seconds_per_month >= 0),
  gib_seconds_per_month  REAL NOT NULL DEFAULT 0 CHECK (gib_seconds_per_month >= 0),
  applies_to_provisioned INTEGER NOT NULL DEFAULT 0 CHECK (applies_to_provisioned IN (0, 1))
);
CREATE TABLE price_items (
  id          TEXT PRIMARY KEY,
  platform_id TEXT NOT NULL REFERENCES platforms(id),
  item        TEXT NOT NULL,
  unit        TEXT NOT NULL,
  rate_name   TEXT NOT NULL
);
CREATE TABLE price_rows (
  row_id         INTEGER PRIMARY KEY AUTOINCREMENT,
  price_id       TEXT NOT NULL REFERENCES price_items(id),
  usd_per_unit   REAL NOT NULL CHECK (usd_per_unit >= 0),
  effective_from TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  source         TEXT NOT NULL,
  recorded_at    TEXT NOT NULL,
  verified       INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1))
);
CREATE INDEX price_rows_by_item ON price_rows (price_id, effective_from, row_id);
CREATE TABLE price_tiers (
  row_id       INTEGER NOT NULL REFERENCES price_rows(row_id),
  ordinal      INTEGER NOT NULL CHECK (ordinal >= 0),
  up_to        REAL CHECK (up_to IS NULL OR up_to > 0),
  usd_per_unit REAL NOT NULL CHECK (usd_per_unit >= 0),
  PRIMARY KEY (row_id, ordinal)
) WITHOUT ROWID;
CREATE TABLE gpu_types (
  id                   TEXT PRIMARY KEY,
  memory_gb            REAL NOT NULL,
  memory_bandwidth_gbs REAL NOT NULL,
  fp16_dense_tflops    REAL NOT NULL,
  int8_dense_tops      REAL NOT NULL,
  tdp_watts            REAL NOT NULL,
  source               TEXT NOT NULL
);
CREATE TABLE instance_types (
  id        TEXT PRIMARY KEY,
  vcpu      REAL NOT NULL,
  memory_gb REAL NOT NULL,
  gpu       TEXT,
  gpu_count INTEGER NOT NULL DEFAULT 0 CHECK (gpu_count >= 0)
);
CREATE TABLE instance_price_rows (
  row_id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  instance_id            TEXT NOT NULL REFERENCES instance_types(id),
  usd_per_hour_on_demand REAL NOT NULL CHECK (usd_per_hour_on_demand >= 0),
  effective_from         TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  source                 TEXT NOT NULL,
  recorded_at            TEXT NOT NULL,
  usd_per_hour_reserved_1y REAL CHECK (usd_per_hour_reserved_1y IS NULL OR usd_per_hour_reserved_1y >= 0),
  verified               INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1))
);
CREATE INDEX instance_price_rows_by_instance ON instance_price_rows (instance_id, effective_from, row_id);
)sql";

// History is append-only: the database itself refuses edits of past rows,
// so no code path (or hand-written SQL) can rewrite what a result was priced with.
// Added by v2; IF NOT EXISTS so the migration step can re-run safely.
constexpr const char* kAppendOnlyTriggers = R"sql(
CREATE TRIGGER IF NOT EXISTS price_rows_no_update BEFORE UPDATE ON price_rows
  BEGIN SELECT RAISE(ABORT, 'price rows are append-only: add a row instead'); END;
CREATE TRIGGER IF NOT EXISTS price_rows_no_delete BEFORE DELETE ON price_rows
  BEGIN SELECT RAISE(ABORT, 'price rows are append-only: add a row instead'); END;
CREATE TRIGGER IF NOT EXISTS price_tiers_no_update BEFORE UPDATE ON price_tiers
  BEGIN SELECT RAISE(ABORT, 'price rows are append-only: add a row instead'); END;
CREATE TRIGGER IF NOT EXISTS price_tiers_no_delete BEFORE DELETE ON price_tiers
  BEGIN SELECT RAISE(ABORT, 'price rows are append-only: add a row instead'); END;
CREATE TRIGGER IF NOT EXISTS instance_price_rows_no_update BEFORE UPDATE ON instance_price_rows
  BEGIN SELECT RAISE(ABORT, 'price rows are append-only: add a row instead'); END;
CREATE TRIGGER IF NOT EXISTS instance_price_rows_no_delete BEFORE DELETE ON instance_price_rows
  BEGIN SELECT RAISE(ABORT, 'price rows are append-only: add a row instead'); END;
)sql";

// Tables every version since v1 has; a file lacking one is not a catalogue.
constexpr std::array<const char*, 9> kTables = {
    "catalogue_meta", "platforms",  "free_tiers",     "price_items",         "price_rows",
    "price_tiers",    "gpu_types",  "instance_types", "instance_price_rows",
};

[[noreturn]] void notACatalogue(const sql::Database& db, const std::string& why) {
    throw CatalogueError(CatalogueErrorKind::Corrupt, sql::corruptMessage(db.path(), why));
}

bool hasColumn(const sql::Database& db, const std::string& table, const std::string& column) {
    // pragma_table_info takes the table name as a bound value.
    sql::Statement s = db.prepare("SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2");
    s.bind(1, table).bind(2, column);
    return s.step();
}

// Like qBittorrent's addColumn: check first, so a re-run step is harmless.
// Table, column and definition are compile-time constants of this file.
void addColumn(sql::Database& db, const std::string& table, const std::string& column,
               const std::string& definition) {
    if (hasColumn(db, table, column)) return;
    const std::string ddl = "ALTER TABLE " + table + " ADD COLUMN " + column + " " + definition;
    db.exec(ddl.c_str());
}

void setVersion(sql::Database& db, int version) {
    // PRAGMA arguments cannot be bound; the value is our own integer constant.
    const std::string pragma = "PRAGMA user_version = " + std::to_string(version);
    db.exec(pragma.c_str());
}

}  // namespace

Probe probeHeader(sql::Database& db) {
    Probe p;
    const std::int64_t appId = db.queryInt("PRAGMA application_id");
    const std::int64_t version = db.queryInt("PRAGMA user_version");
    const std::int64_t objects = db.queryInt("SELECT count(*) FROM sqlite_schema");
    if (appId == 0 && version == 0 && objects == 0) {
        p.empty = true;
        return p;
    }
    if (appId != kApplicationId)
        notACatalogue(db, "an SQLite database of another program: application_id " +
                              std::to_string(appId));
    if (version > kCatalogueSchemaVersion)
        throw CatalogueError(CatalogueErrorKind::NewerVersion,
                             db.path() + ": catalogue schema version " + std::to_string(version) +
                                 " is newer than this Breakeven supports (" +
                                 std::to_string(kCatalogueSchemaVersion) +
                                 "); the file was left untouched. Use a newer Breakeven, or "
                                 "`breakeven-cli catalog reset --move-aside` to keep it and "
                                 "start a fresh catalogue");
    if (version < 1) notACatalogue(db, "unreadable schema version " + std::to_string(version));
    p.version = static_cast<int>(version);
    return p;
}

Probe probe(sql::Database& db) {
    // SQLite's own "file is not a database" / "malformed" errors arrive as
    // CatalogueError(Corrupt) with the same wording and hint (sql::fail).
    // One read transaction: the header fields must come from one snapshot,
    // or a concurrent first run committing between two reads looks foreign.
    sql::Transaction read(db, sql::Transaction::Mode::Read);
    const std::string check = db.queryText("PRAGMA quick_check");
    if (check != "ok") notACatalogue(db, "integrity check: " + check);
    const Probe p = probeHeader(db);
    if (!p.empty) {
        sql::Statement s = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
        for (const char* table : kTables) {
            s.reset();
            s.bind(1, table);
            if (!s.step()) notACatalogue(db, std::string("table ") + table + " is missing");
        }
    }
    read.commit();
    return p;
}

void createSchema(sql::Database& db) {
    db.exec(kSchemaV2);
    db.exec(kAppendOnlyTriggers);
    const std::string appId = "PRAGMA application_id = " + std::to_string(kApplicationId);
    db.exec(appId.c_str());
    setVersion(db, kCatalogueSchemaVersion);
}

void migrate(sql::Database& db, int fromVersion) {
    if (fromVersion <= 1) {
        // v2: whether a price was read on the provider's own page (v1 could
        // not say; existing rows are honestly "not verified"), the 1-year
        // reserved rate of instance types, and append-only history.
        addColumn(db, "price_rows", "verified",
                  "INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1))");
        addColumn(db, "instance_price_rows", "usd_per_hour_reserved_1y",
                  "REAL CHECK (usd_per_hour_reserved_1y IS NULL OR usd_per_hour_reserved_1y >= 0)");
        addColumn(db, "instance_price_rows", "verified",
                  "INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1))");
        db.exec(kAppendOnlyTriggers);
    }
    sql::Statement meta = db.prepare(
        "INSERT OR REPLACE INTO catalogue_meta (key, value) VALUES ('migrated_from_version', ?1), "
        "('migrated_at', ?2)");
    meta.bind(1, std::to_string(fromVersion)).bind(2, utcTimestamp()).run();
    setVersion(db, kCatalogueSchemaVersion);  // last, as qBittorrent's updateDB does
}

std::string rateName(const std::string& unit) {
    std::string name = "usd_per_";
    bool pendingSeparator = false;
    for (const char c : unit) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            if (pendingSeparator && name.back() != '_') name += '_';
            name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            pendingSeparator = false;
        } else {
            pendingSeparator = true;
        }
    }
    return name;
}

namespace {
std::string formatUtc(const char* format) {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::array<char, 32> buffer{};
    const std::size_t n = std::strftime(buffer.data(), buffer.size(), format, &tm);
    return {buffer.data(), n};
}
}  // namespace

std::string utcTimestamp() { return formatUtc("%Y-%m-%dT%H:%M:%SZ"); }
std::string utcDate() { return formatUtc("%Y-%m-%d"); }

bool isIsoDate(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (const std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    const int y = std::stoi(text.substr(0, 4));
    const unsigned m = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
    const unsigned d = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
    return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m},
                                       std::chrono::day{d}}
        .ok();
}

}  // namespace breakeven::pricing::schema
