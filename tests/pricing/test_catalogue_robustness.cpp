// Robustness: corrupt, foreign and newer files are refused and left
// byte-for-byte untouched; reset keeps them aside on request; concurrent
// catalogues on one file lose nothing; the default location follows XDG.
#include <cstdlib>
#include <optional>
#include <thread>

#include "test_catalogue_support.h"

namespace breakeven::pricing {
namespace {

using testing::TempDir;

// A healthy catalogue file, checkpointed so all of it is in the main file.
std::string makeCatalogue(const TempDir& dir, const std::string& name) {
    const std::string path = dir.file(name);
    {
        Catalogue cat = Catalogue::openOrCreate(path, testing::handBuiltSeed());
        cat.setPrice("lambda.requests", 0.25, "edit", "2026-12-01");
    }
    testing::execSql(path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
    return path;
}

// Opening `path` fails with `kind`, a message that starts with the path and
// contains `expect`, and leaves the file's bytes as they were.
void expectRefusedUntouched(const std::string& path, CatalogueErrorKind kind, const std::string& expect) {
    const std::string before = testing::readBytes(path);
    for (const bool create : {true, false}) {
        try {
            if (create) (void)Catalogue::openOrCreate(path, testing::handBuiltSeed());
            else (void)Catalogue::openExisting(path);
            ADD_FAILURE() << path << " opened";
        } catch (const CatalogueError& e) {
            EXPECT_EQ(e.kind(), kind) << e.what();
            EXPECT_TRUE(testing::startsWith(e.what(), path + ": ")) << e.what();
            EXPECT_NE(std::string(e.what()).find(expect), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("catalog reset --move-aside"), std::string::npos) << e.what();
        }
    }
    EXPECT_EQ(testing::readBytes(path), before) << path << " was modified";
}

TEST(CatalogueRobustness, CorruptFilesAreRefusedUntouched) {
    TempDir dir;
    std::string random(8192, '\0');
    std::mt19937 rng(42);
    for (char& c : random) c = static_cast<char>(rng());
    testing::writeBytes(dir.file("random.sqlite"), random);
    testing::writeBytes(dir.file("text.sqlite"), "platform,price\naws-lambda,0.2\n");

    const std::string good = testing::readBytes(makeCatalogue(dir, "good.sqlite"));
    ASSERT_GT(good.size(), 8192u);
    testing::writeBytes(dir.file("truncated.sqlite"), good.substr(0, good.size() / 2));
    testing::writeBytes(dir.file("header-only.sqlite"), good.substr(0, 100));

    for (const char* name : {"random.sqlite", "text.sqlite", "truncated.sqlite", "header-only.sqlite"})
        expectRefusedUntouched(dir.file(name), CatalogueErrorKind::Corrupt, "is corrupt or not a Breakeven catalogue");
}

TEST(CatalogueRobustness, OtherSqliteDatabasesAreNotCatalogues) {
    TempDir dir;
    const std::string foreign = dir.file("foreign.sqlite");
    testing::execSql(foreign, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); "
                              "INSERT INTO notes (text) VALUES ('keep me');");
    expectRefusedUntouched(foreign, CatalogueErrorKind::Corrupt, "application_id 0");

    // Ours, but its version was lost: corruption, never a guess.
    const std::string noVersion = makeCatalogue(dir, "no-version.sqlite");
    testing::execSql(noVersion, "PRAGMA user_version = 0");
    expectRefusedUntouched(noVersion, CatalogueErrorKind::Corrupt, "unreadable schema version 0");

    const std::string missingTable = makeCatalogue(dir, "missing-table.sqlite");
    testing::execSql(missingTable, "DROP TABLE gpu_types");
    expectRefusedUntouched(missingTable, CatalogueErrorKind::Corrupt, "table gpu_types is missing");
}

TEST(CatalogueRobustness, NewerVersionIsRefusedUntouched) {
    TempDir dir;
    const std::string path = makeCatalogue(dir, "newer.sqlite");
    testing::execSql(path, "PRAGMA user_version = 7");
    expectRefusedUntouched(path, CatalogueErrorKind::NewerVersion,
                           path + ": catalogue schema version 7 is newer than this Breakeven supports (2)");
}

TEST(CatalogueRobustness, MissingAndEmptyFiles) {
    TempDir dir;
    try {
        (void)Catalogue::openExisting(dir.file("none.sqlite"));
        FAIL();
    } catch (const CatalogueError& e) {
        EXPECT_EQ(e.kind(), CatalogueErrorKind::NotFound);
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("none.sqlite")));

    // A 0-byte file is what an interrupted first run leaves: it is initialised.
    testing::writeBytes(dir.file("empty.sqlite"), "");
    EXPECT_THROW((void)Catalogue::openExisting(dir.file("empty.sqlite")), CatalogueError);
    const Catalogue cat = Catalogue::openOrCreate(dir.file("empty.sqlite"), testing::handBuiltSeed());
    EXPECT_TRUE(cat.wasCreated());
    EXPECT_EQ(cat.load("2026-11-26").items.size(), 4u);
}

TEST(CatalogueRobustness, ResetMoveAsideKeepsABrokenFile) {
    TempDir dir;
    const std::string path = dir.file("catalog.sqlite");
    testing::writeBytes(path, "not a database at all");

    // Without --move-aside a broken file is never deleted.
    EXPECT_THROW((void)Catalogue::reset(path, testing::handBuiltSeed(), false), CatalogueError);
    EXPECT_EQ(testing::readBytes(path), "not a database at all");

    std::string movedTo;
    const Catalogue fresh = Catalogue::reset(path, testing::handBuiltSeed(), true, &movedTo);
    EXPECT_TRUE(testing::startsWith(movedTo, path + ".broken-")) << movedTo;
    EXPECT_EQ(movedTo.size(), path.size() + std::string(".broken-YYYYMMDDTHHMMSS").size()) << movedTo;
    EXPECT_EQ(testing::readBytes(movedTo), "not a database at all");
    EXPECT_TRUE(fresh.wasCreated());
    EXPECT_EQ(fresh.history("lambda.requests").size(), 1u);
}

TEST(CatalogueRobustness, ResetOfAHealthyCatalogue) {
    TempDir dir;
    const std::string path = dir.file("catalog.sqlite");
    {
        Catalogue cat = Catalogue::openOrCreate(path, testing::handBuiltSeed());
        cat.setPrice("lambda.requests", 0.25, "edit", "2026-12-01");
    }
    std::string movedTo;
    {
        const Catalogue fresh = Catalogue::reset(path, testing::handBuiltSeed(), true, &movedTo);
        EXPECT_EQ(fresh.history("lambda.requests").size(), 1u);
    }
    // The kept file (with its WAL) still holds the edit.
    EXPECT_TRUE(testing::startsWith(movedTo, path + ".previous-")) << movedTo;
    EXPECT_EQ(Catalogue::openExisting(movedTo).history("lambda.requests").size(), 2u);

    {
        Catalogue cat = Catalogue::openExisting(path);
        cat.setPrice("lambda.requests", 0.3, "edit", "2026-12-01");
    }
    const Catalogue again = Catalogue::reset(path, testing::handBuiltSeed(), false);
    EXPECT_EQ(again.history("lambda.requests").size(), 1u);
}

// Two catalogues on one file (as the GUI and the CLI would be) interleave
// edits and loads from two threads: no errors, no lost rows.
TEST(CatalogueRobustness, ConcurrentCataloguesLoseNothing) {
    TempDir dir;
    const std::string path = dir.file("catalog.sqlite");
    (void)Catalogue::openOrCreate(path, testing::handBuiltSeed());
    constexpr int kEdits = 60;
    std::vector<std::string> errors(2);
    auto worker = [&](int who) {
        try {
            Catalogue cat = Catalogue::openExisting(path);
            for (int i = 0; i < kEdits; ++i) {
                cat.setPrice("lambda.requests", 0.2 + who * 0.01 + i * 1e-4, "thread " + std::to_string(who),
                             "2026-12-01");
                cat.setPrice(who == 0 ? "aws-ec2.g5.xlarge" : "lambda.x86.gb-second", 1.0 + i, "t", "2026-12-02");
                const PriceSet set = cat.load("2026-12-01");
                if (set.items.size() != 4) throw std::runtime_error("partial load");
            }
        } catch (const std::exception& e) {
            errors[static_cast<std::size_t>(who)] = e.what();
        }
    };
    std::thread a(worker, 0), b(worker, 1);
    a.join();
    b.join();
    EXPECT_EQ(errors[0], "");
    EXPECT_EQ(errors[1], "");
    const Catalogue cat = Catalogue::openExisting(path);
    const auto rows = cat.history("lambda.requests");
    EXPECT_EQ(rows.size(), 1u + 2 * kEdits);
    std::set<std::int64_t> ids;
    for (const auto& r : rows) ids.insert(r.rowId);
    EXPECT_EQ(ids.size(), rows.size());
    EXPECT_EQ(cat.instanceHistory("aws-ec2.g5.xlarge").size(), 1u + kEdits);
    EXPECT_EQ(cat.history("lambda.x86.gb-second").size(), 1u + kEdits);
    EXPECT_EQ(testing::querySql(path, "PRAGMA integrity_check"), "ok");
}

// Several first runs at once: exactly one creates and seeds, all succeed.
TEST(CatalogueRobustness, ConcurrentFirstUseSeedsOnce) {
    TempDir dir;
    const std::string path = dir.file("new/catalog.sqlite");
    constexpr int kOpeners = 4;
    std::vector<int> created(kOpeners, -1);
    std::vector<std::string> errors(kOpeners);
    std::vector<std::thread> threads;
    for (int i = 0; i < kOpeners; ++i)
        threads.emplace_back([&, i] {
            const auto n = static_cast<std::size_t>(i);
            try {
                created[n] = Catalogue::openOrCreate(path, testing::handBuiltSeed()).wasCreated() ? 1 : 0;
            } catch (const std::exception& e) {
                errors[n] = e.what();
            }
        });
    for (auto& t : threads) t.join();
    for (const std::string& e : errors) EXPECT_EQ(e, "");
    EXPECT_EQ(std::count(created.begin(), created.end(), 1), 1);
    EXPECT_EQ(Catalogue::openExisting(path).history("lambda.requests").size(), 1u);
}

// Sets (or unsets) an environment variable for one scope.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value) ::setenv(name, value, 1);
        else ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (old_) ::setenv(name_, old_->c_str(), 1);
        else ::unsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST(CatalogueRobustness, DefaultPathFollowsEnvironment) {
    ScopedEnv home("HOME", "/home/ada");
    {
        ScopedEnv explicitPath("BREAKEVEN_CATALOG", "/tmp/team/catalog.sqlite");
        ScopedEnv xdg("XDG_DATA_HOME", "/data");
        EXPECT_EQ(defaultCataloguePath(), "/tmp/team/catalog.sqlite");
    }
    ScopedEnv noExplicit("BREAKEVEN_CATALOG", nullptr);
    {
        ScopedEnv xdg("XDG_DATA_HOME", "/data");
        EXPECT_EQ(defaultCataloguePath(), "/data/breakeven/catalog.sqlite");
    }
    {
        ScopedEnv xdg("XDG_DATA_HOME", nullptr);
        EXPECT_EQ(defaultCataloguePath(), "/home/ada/.local/share/breakeven/catalog.sqlite");
    }
    {
        ScopedEnv relative("XDG_DATA_HOME", "relative/dir");  // the XDG spec says: ignore
        EXPECT_EQ(defaultCataloguePath(), "/home/ada/.local/share/breakeven/catalog.sqlite");
    }
}

}  // namespace
}  // namespace breakeven::pricing
