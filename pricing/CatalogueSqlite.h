#pragma once
// A thin RAII layer over the SQLite C API for the catalogue: one owned
// connection, prepared statements with bound parameters (values never go
// into SQL text) and a transaction guard that rolls back unless committed.
// Every failure becomes a CatalogueError whose message starts with the path.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pricing/CatalogueDb.h"

struct sqlite3;
struct sqlite3_stmt;

namespace breakeven::pricing::sql {

// Throws CatalogueError for an SQLite result code: corruption codes become
// Corrupt, lock timeouts Busy, constraint failures InvalidInput, the rest Io.
[[noreturn]] void fail(const std::string& path, int code, const std::string& detail);

// "<path>: is corrupt or not a Breakeven catalogue (<why>); the file was left
// untouched. `breakeven-cli catalog reset --move-aside` keeps it …"
std::string corruptMessage(const std::string& path, const std::string& why);

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql, const std::string& path);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Parameters are 1-based, as in SQLite.
    Statement& bind(int index, double value);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, bool value) { return bind(index, value ? 1 : 0); }
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::optional<double>& value);
    Statement& bind(int index, const std::optional<std::string>& value);

    bool step();  // true while a row is available
    void run();   // steps to completion (statements that return no rows)
    void reset(); // ready to re-bind and run again

    [[nodiscard]] bool isNull(int column) const;
    [[nodiscard]] double getDouble(int column) const;
    [[nodiscard]] std::int64_t getInt(int column) const;
    [[nodiscard]] std::string getText(int column) const;
    [[nodiscard]] std::optional<double> getOptDouble(int column) const;
    [[nodiscard]] std::optional<std::string> getOptText(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string path_;  // for error messages
};

class Database {
public:
    // create=false never creates the file (SQLITE_OPEN_CREATE is not passed).
    Database(const std::string& path, bool create);
    Database(Database&& other) noexcept;
    Database& operator=(Database&&) = delete;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    [[nodiscard]] const std::string& path() const { return path_; }
    // Constant SQL only (DDL, PRAGMAs without values): values are bound.
    void exec(const char* sqlText);
    [[nodiscard]] Statement prepare(std::string_view sqlText) const;
    [[nodiscard]] std::int64_t lastInsertRowId() const;
    [[nodiscard]] std::int64_t queryInt(const char* sqlText) const;  // first column of first row
    [[nodiscard]] std::string queryText(const char* sqlText) const;

private:
    std::string path_;
    sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE takes the write lock up front, so two writers queue on the
// busy timeout instead of one failing at its first write with SQLITE_BUSY.
class Transaction {
public:
    enum class Mode { Read, Write };
    Transaction(Database& db, Mode mode);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& db_;
    bool open_ = true;
};

}  // namespace breakeven::pricing::sql
