#pragma once
// The local SQLite price catalogue (docs/catalogue.md): dated, sourced price
// rows with history, seeded from pricing-facts.json on first use. Edits add
// rows and never overwrite, so every priced result can name the rows it used.
//
// One Catalogue owns one SQLite connection; use it from one thread at a time.
// Several Catalogue objects (threads, processes: the GUI and the CLI) may
// open the same file at once: WAL, a busy timeout and one BEGIN IMMEDIATE
// transaction per write keep it consistent.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pricing/PriceSet.h"
#include "pricing/SeedFacts.h"

namespace breakeven::pricing {

// The schema this build writes; older files are migrated forward on open.
inline constexpr int kCatalogueSchemaVersion = 2;

enum class CatalogueErrorKind {
    Corrupt,       // unreadable, fails the integrity check, or not a Breakeven catalogue
    NewerVersion,  // written by a newer Breakeven; left untouched
    NotFound,      // openExisting on a missing file
    InvalidInput,  // bad price id, value, date or import file: nothing was written
    Busy,          // another program held the write lock past the timeout
    Io,            // anything else SQLite or the file system reported
};

// Every message starts with the catalogue (or import) file path.
class CatalogueError : public std::runtime_error {
public:
    CatalogueError(CatalogueErrorKind kind, const std::string& message)
        : std::runtime_error(message), kind_(kind) {}
    [[nodiscard]] CatalogueErrorKind kind() const { return kind_; }

private:
    CatalogueErrorKind kind_;
};

struct ImportSummary {
    int platformsAdded = 0;
    int platformsUpdated = 0;
    int itemsAdded = 0;
    int instancesAdded = 0;
    int gpusAdded = 0;
    int priceRowsAdded = 0;     // price rows + instance price rows
    int rowsAlreadyPresent = 0; // identical rows skipped (import is idempotent)
};

class Catalogue {
public:
    using SeedProvider = std::function<SeedData()>;

    // Opens an existing catalogue (integrity check, version check, forward
    // migration) or creates and seeds it when the file is missing or empty.
    static Catalogue openOrCreate(const std::string& path, const SeedData& seed);
    // Same, but only asks for the seed when it has to create the file.
    static Catalogue openOrCreate(const std::string& path, const SeedProvider& seed);
    // Throws CatalogueError(NotFound) when the file does not exist.
    static Catalogue openExisting(const std::string& path);

    // Moves the file aside ("<path>.broken-YYYYMMDDTHHMMSS" when it does not
    // open, "<path>.previous-…" when it does; with its -wal/-shm) or, with
    // moveAside=false, deletes it — only if it opens fine; a broken or newer
    // file is never deleted. Then creates a fresh seeded catalogue.
    static Catalogue reset(const std::string& path, const SeedData& seed, bool moveAside,
                           std::string* movedAsideTo = nullptr);

    Catalogue(Catalogue&&) noexcept;
    Catalogue& operator=(Catalogue&&) noexcept;
    Catalogue(const Catalogue&) = delete;
    Catalogue& operator=(const Catalogue&) = delete;
    ~Catalogue();

    // Prices effective on `asOfDate` (ISO date): per item the row with the
    // latest effective_from <= date, ties broken by the higher row id.
    // Default: today (UTC), but never before the seed's collectedOn.
    [[nodiscard]] PriceSet load(std::optional<std::string> asOfDate = std::nullopt) const;

    // Every row of a price item / instance type, oldest effective_from first.
    [[nodiscard]] std::vector<PriceItem> history(const std::string& priceId) const;
    [[nodiscard]] std::vector<InstanceType> instanceHistory(const std::string& instanceId) const;

    // Adds a row (price item: USD per its unit, tiers scaled by the same
    // factor; instance type: on-demand USD per hour). Returns its row id.
    // Unknown id, usd < 0 or not finite, empty source, bad date ->
    // CatalogueError(InvalidInput) and nothing is written.
    std::int64_t setPrice(const std::string& priceId, double usd, const std::string& source,
                          const std::string& effectiveFrom);

    [[nodiscard]] nlohmann::json exportJson() const;  // everything, history included
    // Validates the whole document first; a bad one changes nothing and the
    // message names `sourceName` and the JSON path of the offending field.
    ImportSummary importJson(const nlohmann::json& doc, const std::string& sourceName);

    [[nodiscard]] const std::string& path() const;
    [[nodiscard]] bool wasCreated() const;  // this open created and seeded the file
    [[nodiscard]] std::map<std::string, std::string> meta() const;  // catalogue_meta

    struct Impl;

private:
    explicit Catalogue(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// $BREAKEVEN_CATALOG, else $XDG_DATA_HOME/breakeven/catalog.sqlite, else
// $HOME/.local/share/breakeven/catalog.sqlite.
std::string defaultCataloguePath();

// "cat-" + 16 hex digits of SHA-256 over the set's rows (ids, row ids, every
// value) and platform rules: equal for the same rows, different after an edit.
std::string computeSnapshotId(const PriceSet& prices);

}  // namespace breakeven::pricing
