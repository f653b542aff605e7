#include "pricing/CatalogueSqlite.h"

#include <sqlite3.h>

#include <utility>

namespace breakeven::pricing::sql {

namespace {
// Long enough for the GUI and the CLI to take turns on a write, short enough
// that a stuck lock is reported instead of hanging the command line.
constexpr int kBusyTimeoutMs = 5000;

CatalogueErrorKind kindOf(int code) {
    switch (code & 0xff) {  // primary code; extended codes refine it
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return CatalogueErrorKind::Corrupt;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return CatalogueErrorKind::Busy;
    case SQLITE_CONSTRAINT:
        return CatalogueErrorKind::InvalidInput;
    default:
        return CatalogueErrorKind::Io;
    }
}
}  // namespace

std::string corruptMessage(const std::string& path, const std::string& why) {
    return path + ": is corrupt or not a Breakeven catalogue (" + why +
           "); the file was left untouched. `breakeven-cli catalog reset --move-aside` keeps it "
           "(renamed to " + path + ".broken-<time>) and creates a fresh catalogue";
}

void fail(const std::string& path, int code, const std::string& detail) {
    std::string message = path + ": ";
    switch (kindOf(code)) {
    case CatalogueErrorKind::Busy:
        message += "the catalogue stayed locked by another program for more than " +
                   std::to_string(kBusyTimeoutMs / 1000) + " s (" + detail + "); try again";
        break;
    case CatalogueErrorKind::Corrupt:
        throw CatalogueError(CatalogueErrorKind::Corrupt, corruptMessage(path, detail));
    default:
        message += detail;
    }
    throw CatalogueError(kindOf(code), message);
}

// ---- Statement -------------------------------------------------------------

Statement::Statement(sqlite3* db, std::string_view sqlText, const std::string& path)
    : db_(db), path_(path) {
    const int rc = sqlite3_prepare_v2(db, sqlText.data(), static_cast<int>(sqlText.size()),
                                      &stmt_, nullptr);
    if (rc != SQLITE_OK) fail(path_, rc, sqlite3_errmsg(db));
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), path_(std::move(other.path_)) {}

Statement::~Statement() { sqlite3_finalize(stmt_); }

#define BREAKEVEN_CHECK_BIND(call)                                \
    do {                                                          \
        const int rc_ = (call);                                   \
        if (rc_ != SQLITE_OK) fail(path_, rc_, sqlite3_errmsg(db_)); \
    } while (false)

Statement& Statement::bind(int index, double value) {
    BREAKEVEN_CHECK_BIND(sqlite3_bind_double(stmt_, index, value));
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    BREAKEVEN_CHECK_BIND(sqlite3_bind_int64(stmt_, index, static_cast<sqlite3_int64>(value)));
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    BREAKEVEN_CHECK_BIND(sqlite3_bind_text(stmt_, index, value.data(),
                                           static_cast<int>(value.size()), SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind(int index, const std::optional<double>& value) {
    if (value) return bind(index, *value);
    BREAKEVEN_CHECK_BIND(sqlite3_bind_null(stmt_, index));
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    if (value) return bind(index, std::string_view(*value));
    BREAKEVEN_CHECK_BIND(sqlite3_bind_null(stmt_, index));
    return *this;
}

#undef BREAKEVEN_CHECK_BIND

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(path_, rc, sqlite3_errmsg(db_));
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

double Statement::getDouble(int column) const { return sqlite3_column_double(stmt_, column); }

std::int64_t Statement::getInt(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::getText(int column) const {
    const auto* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text),
            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::optional<double> Statement::getOptDouble(int column) const {
    if (isNull(column)) return std::nullopt;
    return getDouble(column);
}

std::optional<std::string> Statement::getOptText(int column) const {
    if (isNull(column)) return std::nullopt;
    return getText(column);
}

// ---- Database --------------------------------------------------------------

Database::Database(const std::string& path, bool create) : path_(path) {
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                      SQLITE_OPEN_NOMUTEX;  // one connection per thread
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string detail = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        fail(path_, rc, "cannot open: " + detail);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    // Per connection, not stored in the file: every connection must ask.
    exec("PRAGMA foreign_keys = ON");
}

Database::Database(Database&& other) noexcept
    : path_(std::move(other.path_)), db_(std::exchange(other.db_, nullptr)) {}

Database::~Database() {
    // close_v2: statements are all finalised by their owners before this.
    sqlite3_close_v2(db_);
}

void Database::exec(const char* sqlText) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sqlText, nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        const std::string detail = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        fail(path_, rc, detail);
    }
}

Statement Database::prepare(std::string_view sqlText) const { return Statement(db_, sqlText, path_); }

std::int64_t Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

std::int64_t Database::queryInt(const char* sqlText) const {
    Statement s = prepare(sqlText);
    return s.step() ? s.getInt(0) : 0;
}

std::string Database::queryText(const char* sqlText) const {
    Statement s = prepare(sqlText);
    return s.step() ? s.getText(0) : std::string();
}

// ---- Transaction -----------------------------------------------------------

Transaction::Transaction(Database& db, Mode mode) : db_(db) {
    db_.exec(mode == Mode::Write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
    if (!open_) return;
    try {
        db_.exec("ROLLBACK");
    } catch (const CatalogueError&) {
        // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing to undo.
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    open_ = false;
}

}  // namespace breakeven::pricing::sql
