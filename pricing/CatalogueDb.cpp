// Opening, creating, migrating and resetting catalogue files, and the
// Catalogue's read and edit API. Schema and migrations: CatalogueSchema.cpp;
// row-level SQL: CatalogueRows.cpp; JSON export/import: CatalogueJson.cpp.
#include "pricing/CatalogueDb.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "pricing/CatalogueInternal.h"
#include "pricing/CatalogueSchema.h"

namespace breakeven::pricing {

namespace fs = std::filesystem;

namespace {

bool fileExists(const std::string& path) {
    std::error_code ec;
    return fs::exists(path, ec);
}

void createParentDirectories(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec)
        throw CatalogueError(CatalogueErrorKind::Io, path + ": cannot create directory " +
                                                         parent.string() + ": " + ec.message());
}

// WAL lets the GUI read while the CLI writes. Not fatal when refused (a
// file system without shared memory, or a lock held past the timeout): the
// rollback journal with the busy timeout is slower but just as safe.
void enableWal(sql::Database& db) {
    try {
        if (db.queryText("PRAGMA journal_mode") != "wal") (void)db.queryText("PRAGMA journal_mode = WAL");
    } catch (const CatalogueError& e) {
        if (e.kind() != CatalogueErrorKind::Busy && e.kind() != CatalogueErrorKind::Io) throw;
    }
}

// Migrates under the write lock; re-reads the version there because another
// process may have migrated the file since our probe.
void migrateIfOlder(sql::Database& db, int probedVersion) {
    if (probedVersion >= kCatalogueSchemaVersion) return;
    sql::Transaction tx(db, sql::Transaction::Mode::Write);
    const schema::Probe now = schema::probeHeader(db);
    if (!now.empty && now.version < kCatalogueSchemaVersion) schema::migrate(db, now.version);
    tx.commit();
}

// Creates and seeds an empty database under the write lock, unless another
// process got there first. Returns the version found when it did.
int createIfEmpty(sql::Database& db, const Catalogue::SeedProvider& seed,
                  std::optional<SeedData>& seedData, bool& created) {
    sql::Transaction tx(db, sql::Transaction::Mode::Write);
    const schema::Probe now = schema::probeHeader(db);
    if (!now.empty) {
        tx.commit();
        return now.version;
    }
    if (!seedData) seedData = seed();
    schema::createSchema(db);
    rows::seed(db, *seedData);
    tx.commit();
    created = true;
    return kCatalogueSchemaVersion;
}

std::string stampForFileName() {
    std::string stamp = schema::utcTimestamp();  // 2026-11-26T06:16:04Z -> 20261126T061604
    std::erase(stamp, '-');
    std::erase(stamp, ':');
    std::erase(stamp, 'Z');
    return stamp;
}

// Renames the catalogue and its -wal/-shm (the WAL may hold committed rows).
std::string moveAside(const std::string& path, bool healthy) {
    const std::string base = path + (healthy ? ".previous-" : ".broken-") + stampForFileName();
    std::string target = base;
    for (int n = 2; fileExists(target); ++n) target = base + "-" + std::to_string(n);
    std::error_code ec;
    fs::rename(path, target, ec);
    if (ec)
        throw CatalogueError(CatalogueErrorKind::Io,
                             path + ": cannot move aside to " + target + ": " + ec.message());
    for (const char* suffix : {"-wal", "-shm"})
        if (fileExists(path + suffix)) fs::rename(path + suffix, target + suffix, ec);
    return target;
}

void requireDate(const std::string& path, const std::string& what, const std::string& date) {
    if (!schema::isIsoDate(date))
        throw CatalogueError(CatalogueErrorKind::InvalidInput,
                             path + ": " + what + " '" + date +
                                 "' is not a calendar date in ISO form (YYYY-MM-DD)");
}

}  // namespace

Catalogue::Catalogue(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Catalogue::Catalogue(Catalogue&&) noexcept = default;
Catalogue& Catalogue::operator=(Catalogue&&) noexcept = default;
Catalogue::~Catalogue() = default;

Catalogue Catalogue::openOrCreate(const std::string& path, const SeedData& seed) {
    return openOrCreate(path, SeedProvider([&seed] { return seed; }));
}

Catalogue Catalogue::openOrCreate(const std::string& path, const SeedProvider& seed) {
    const bool existed = fileExists(path);
    std::optional<SeedData> seedData;
    if (!existed) {
        // Check the seed before touching the disk: a bad seed leaves no file.
        seedData = seed();
        rows::validateSeed(*seedData, path);
        createParentDirectories(path);
    }
    try {
        auto impl = std::make_unique<Impl>(sql::Database(path, /*create=*/!existed));
        schema::Probe probe;
        probe.empty = true;
        if (existed) probe = schema::probe(impl->db);  // read-only: refused files stay untouched
        int version = probe.version;
        if (probe.empty) version = createIfEmpty(impl->db, seed, seedData, impl->created);
        migrateIfOlder(impl->db, version);
        enableWal(impl->db);
        return Catalogue(std::move(impl));
    } catch (const CatalogueError&) {
        // A creation that failed half-way (rolled back) leaves the empty
        // file SQLite made; remove it so the next run starts clean.
        std::error_code ec;
        if (!existed && fs::file_size(path, ec) == 0 && !ec) fs::remove(path, ec);
        throw;
    }
}

Catalogue Catalogue::openExisting(const std::string& path) {
    if (!fileExists(path))
        throw CatalogueError(CatalogueErrorKind::NotFound, path + ": no catalogue file here");
    auto impl = std::make_unique<Impl>(sql::Database(path, /*create=*/false));
    const schema::Probe probe = schema::probe(impl->db);
    if (probe.empty)
        throw CatalogueError(CatalogueErrorKind::Corrupt,
                             sql::corruptMessage(path, "an empty database"));
    migrateIfOlder(impl->db, probe.version);
    enableWal(impl->db);
    return Catalogue(std::move(impl));
}

Catalogue Catalogue::reset(const std::string& path, const SeedData& seed, bool moveAsideOld,
                           std::string* movedAsideTo) {
    if (fileExists(path)) {
        std::optional<CatalogueError> problem;
        try {
            sql::Database db(path, /*create=*/false);
            (void)schema::probe(db);
        } catch (const CatalogueError& e) {
            if (e.kind() != CatalogueErrorKind::Corrupt && e.kind() != CatalogueErrorKind::NewerVersion)
                throw;
            problem = e;
        }
        if (moveAsideOld) {
            const std::string target = moveAside(path, !problem);
            if (movedAsideTo) *movedAsideTo = target;
        } else if (problem) {
            // Deleting is only for files we can read: a broken or newer one
            // may be the user's only copy of their edits.
            throw CatalogueError(problem->kind(), std::string(problem->what()) +
                                                      ". Not deleted: reset it with --move-aside");
        } else {
            for (const char* suffix : {"", "-wal", "-shm"}) {
                std::error_code ec;
                fs::remove(path + suffix, ec);
            }
        }
    }
    return openOrCreate(path, seed);
}

PriceSet Catalogue::load(std::optional<std::string> asOfDate) const {
    sql::Database& db = impl_->db;
    std::string date;
    if (asOfDate) {
        requireDate(db.path(), "as-of date", *asOfDate);
        date = *asOfDate;
    } else {
        // Today, but never before the seed: a clock running behind the
        // seed's collection date would otherwise hide every price.
        date = std::max(schema::utcDate(), meta()["seed_collected_on"]);
    }
    PriceSet prices;
    sql::Transaction read(db, sql::Transaction::Mode::Read);  // one consistent snapshot
    rows::loadInForce(db, date, prices);
    read.commit();
    prices.asOf = date;
    prices.snapshotId = computeSnapshotId(prices);
    return prices;
}

std::vector<PriceItem> Catalogue::history(const std::string& priceId) const {
    return rows::priceHistory(impl_->db, priceId);
}

std::vector<InstanceType> Catalogue::instanceHistory(const std::string& instanceId) const {
    return rows::instanceHistory(impl_->db, instanceId);
}

std::int64_t Catalogue::setPrice(const std::string& priceId, double usd, const std::string& source,
                                 const std::string& effectiveFrom) {
    sql::Database& db = impl_->db;
    const auto invalid = [&](const std::string& why) {
        return CatalogueError(CatalogueErrorKind::InvalidInput, db.path() + ": " + priceId + ": " + why);
    };
    if (!std::isfinite(usd) || usd < 0.0)
        throw invalid(fmt::format("price must be a finite number ≥ 0 USD, got {}", usd));
    if (source.find_first_not_of(" \t\r\n") == std::string::npos)
        throw invalid("a source (URL or note) is required for every price row");
    requireDate(db.path(), "effective date", effectiveFrom);

    sql::Transaction tx(db, sql::Transaction::Mode::Write);
    std::int64_t rowId = 0;
    if (const auto base = rows::priceInForce(db, priceId, effectiveFrom)) {
        // Keep the tier structure: every tier moves by the factor the first
        // one (the quoted price) moves by. A free base cannot be scaled: flat.
        std::vector<PriceTier> tiers;
        if (base->usdPerUnit > 0.0 && !base->tiers.empty()) {
            tiers = base->tiers;
            if (usd != base->usdPerUnit)
                for (PriceTier& t : tiers) t.usdPerUnit *= usd / base->usdPerUnit;
            tiers.front().usdPerUnit = usd;
        }
        rowId = rows::insertPriceRow(db, priceId, {usd, tiers, effectiveFrom, source, false});
    } else if (const auto inst = rows::instanceInForce(db, priceId, effectiveFrom)) {
        rowId = rows::insertInstanceRow(
            db, priceId, {usd, inst->usdPerHourReserved1y, effectiveFrom, source, false});
    } else {
        throw invalid("unknown price or instance id");
    }
    tx.commit();
    return rowId;
}

const std::string& Catalogue::path() const { return impl_->db.path(); }

bool Catalogue::wasCreated() const { return impl_->created; }

std::map<std::string, std::string> Catalogue::meta() const {
    sql::Statement s = impl_->db.prepare("SELECT key, value FROM catalogue_meta ORDER BY key");
    std::map<std::string, std::string> out;
    while (s.step()) out[s.getText(0)] = s.getText(1);
    return out;
}

std::string defaultCataloguePath() {
    const auto env = [](const char* name) -> std::string {
        const char* value = std::getenv(name);
        return value ? value : "";
    };
    if (const std::string explicitPath = env("BREAKEVEN_CATALOG"); !explicitPath.empty())
        return explicitPath;
    // The XDG spec says to ignore a relative XDG_DATA_HOME.
    if (const std::string xdg = env("XDG_DATA_HOME"); !xdg.empty() && xdg.front() == '/')
        return xdg + "/breakeven/catalog.sqlite";
    if (const std::string home = env("HOME"); !home.empty())
        return home + "/.local/share/breakeven/catalog.sqlite";
    throw CatalogueError(CatalogueErrorKind::NotFound,
                         "no catalogue location: set BREAKEVEN_CATALOG, XDG_DATA_HOME or HOME "
                         "(or pass --catalog PATH)");
}

}  // namespace breakeven::pricing
