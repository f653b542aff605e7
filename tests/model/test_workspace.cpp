// Workspace files: strict reading, migration from the golden version 0 file,
// lossless round trips, atomic save under a killed writer, autosave, and
// trace identity checks (docs/workspace-format.md).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "model/core/Sha256.h"
#include "model/io/AtomicFile.h"
#include "model/io/Workspace.h"

namespace breakeven {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kData = fs::path(BREAKEVEN_TEST_DATA_DIR) / "workspaces";

// A private copy of tests/data/workspaces, so tests may move and edit traces.
class WorkspaceFiles : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("breakeven-ws-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        fs::copy(kData, dir_, fs::copy_options::recursive);
    }
    void TearDown() override { fs::remove_all(dir_); }
    [[nodiscard]] std::string at(const std::string& name) const { return (dir_ / name).string(); }
    fs::path dir_;
};

json withoutAppVersion(json j) {
    j.erase("appVersion");
    return j;
}

std::string errorOf(std::string_view text) {
    try {
        parseWorkspaceText(text, "ws.breakeven.json");
    } catch (const ScenarioError& e) {
        return e.what();
    }
    return "(no error)";
}

// A valid document with one scenario; `extra` is spliced in at the top level.
std::string doc(const std::string& scenarios, const std::string& extra = "") {
    return R"({"schemaVersion": 1, "scenarios": [)" + scenarios + "]" + extra + "}";
}
const std::string kScenario =
    R"({"schemaVersion": 1, "name": "a", "workload": {"kind": "poisson", "ratePerSecond": 1, "durationSeconds": 60},
        "deployments": [{"name": "d", "service": {"kind": "fixed", "seconds": 0.1}}]})";

TEST(WorkspaceRead, FullGoldenFileReadsEverySection) {
    const Workspace ws = loadWorkspace((kData / "full.breakeven.json").string());
    ASSERT_EQ(ws.scenarios.size(), 2U);
    EXPECT_EQ(ws.scenarios[0].scenario.deployments.size(), 2U);
    EXPECT_EQ(ws.scenarios[0].scenario.workload.trace->resolvedPath,
              (kData / "traces/tiny-conv.csv").lexically_normal().string());
    EXPECT_EQ(ws.scenarioByName("poisson classifier").deployments.size(), 1U);
    ASSERT_EQ(ws.traces.size(), 1U);
    EXPECT_EQ(ws.traces[0].sizeBytes, 217U);
    EXPECT_EQ(ws.profiles.at(0).name, "lambda-arm");
    EXPECT_EQ(ws.models.at(0).name, "llama-3-8b");
    EXPECT_EQ(ws.slos.at(0).name, "interactive");
    ASSERT_NE(ws.findPrices("cat-0123456789abcdef"), nullptr);
    EXPECT_EQ(ws.findPrices("cat-0123456789abcdef")->asOf, "2025-06-01T00:00:00Z");
    EXPECT_EQ(ws.results.at(0).snapshotId, "cat-0123456789abcdef");
    EXPECT_EQ(ws.view["splitter"][1], 700);
    EXPECT_EQ(ws.loadedSchemaVersion, 1);
    EXPECT_EQ(ws.appVersion, "0.1.0");
}

TEST(WorkspaceRead, ScenarioByNameListsTheNames) {
    const Workspace ws = loadWorkspace((kData / "full.breakeven.json").string());
    try {
        (void)ws.scenarioByName("tiny");
        FAIL() << "no error";
    } catch (const ScenarioError& e) {
        EXPECT_EQ(std::string(e.what()), (kData / "full.breakeven.json").string() +
                                             ": no scenario named \"tiny\"; scenarios: \"tiny-llm\", "
                                             "\"poisson classifier\"");
    }
}

TEST_F(WorkspaceFiles, RoundTripIsLossless) {
    const std::string path = at("full.breakeven.json");
    const json original = json::parse(readWholeFile(path));
    Workspace ws = loadWorkspace(path);
    EXPECT_EQ(withoutAppVersion(json::parse(workspaceToText(ws))), withoutAppVersion(original));
    saveWorkspace(ws, path);
    const std::string saved = readWholeFile(path);
    EXPECT_EQ(withoutAppVersion(json::parse(saved)), withoutAppVersion(original));
    // A second save is byte-identical: the writer is a fixed point.
    Workspace again = loadWorkspace(path);
    saveWorkspace(again, path);
    EXPECT_EQ(readWholeFile(path), saved);
}

TEST_F(WorkspaceFiles, SavingElsewhereRebasesRelativeTracePaths) {
    Workspace ws = loadWorkspace(at("full.breakeven.json"));
    fs::create_directories(dir_ / "sub");
    saveWorkspace(ws, at("sub/copy.breakeven.json"));
    EXPECT_EQ(ws.path, at("sub/copy.breakeven.json"));
    const Workspace copy = loadWorkspace(at("sub/copy.breakeven.json"));
    EXPECT_EQ(copy.traces[0].path, "../traces/tiny-conv.csv");
    EXPECT_EQ(copy.scenarios[0].json["workload"]["path"], "../traces/tiny-conv.csv");
    EXPECT_EQ(checkTraces(copy).at(0).status, TraceStatus::Ok);
}

TEST(WorkspaceMigration, GoldenVersion0MigratesToGoldenVersion1) {
    const Workspace ws = loadWorkspace((kData / "v0.breakeven.json").string());
    EXPECT_EQ(ws.loadedSchemaVersion, 0);
    const json expected = json::parse(readWholeFile((kData / "v0-migrated.breakeven.json").string()));
    EXPECT_EQ(withoutAppVersion(json::parse(workspaceToText(ws))), expected);
    // The migrated form is itself a valid current file.
    EXPECT_EQ(parseWorkspaceText(expected.dump(), "v1").loadedSchemaVersion, 1);
}

TEST(WorkspaceMigration, Version0ErrorsUseItsOwnPaths) {
    EXPECT_EQ(errorOf(R"({"schemaVersion": 0, "traces": []})"),
              "ws.breakeven.json: scenario: required key missing (a version 0 workspace holds one scenario)");
    EXPECT_EQ(errorOf(R"({"schemaVersion": 0, "scenario": )" + kScenario + R"(, "traces": [3]})"),
              "ws.breakeven.json: traces[0]: must be an object");
}

TEST(WorkspaceErrors, EveryClassHasItsExactMessage) {
    EXPECT_EQ(errorOf(doc(kScenario, R"(, "schemaVersion": 1)")),
              "ws.breakeven.json: schemaVersion: duplicate key");
    EXPECT_EQ(errorOf(R"({"schemaVersion": 2, "scenarios": [], "future": true})"),
              "ws.breakeven.json: schemaVersion: schema version 2 is newer than this Breakeven supports (1); "
              "upgrade Breakeven to open it (the file was not changed)");
    EXPECT_EQ(errorOf(R"({"scenarios": []})"),
              "ws.breakeven.json: schemaVersion: required key missing (is this a Breakeven workspace?)");
    EXPECT_EQ(errorOf("[1]"), "ws.breakeven.json: a workspace must be a JSON object");
    EXPECT_EQ(errorOf(R"({"schemaVersion": -1})"), "ws.breakeven.json: schemaVersion: unsupported schema version -1");
    EXPECT_EQ(errorOf(doc(kScenario, R"(, "scenario": {})")),
              "ws.breakeven.json: scenario: unknown key (did you mean \"scenarios\"?)");
    EXPECT_EQ(errorOf(doc(kScenario + "," + kScenario)),
              "ws.breakeven.json: scenarios[1].name: duplicate scenario name \"a\" (first at scenarios[0])");
    EXPECT_EQ(errorOf(doc("7")), "ws.breakeven.json: scenarios[0]: must be a scenario object");
    EXPECT_EQ(errorOf(doc(kScenario, R"(, "view": [])")), "ws.breakeven.json: view: must be an object");
    EXPECT_EQ(errorOf(doc(kScenario, R"(, "models": [{"params": 1}])")),
              "ws.breakeven.json: models[0].name: required key missing");
}

TEST(WorkspaceErrors, ScenarioErrorsPointIntoTheWorkspace) {
    std::string second = kScenario;
    second.replace(second.find("\"a\""), 3, "\"b\"");
    second.replace(second.find("\"service\""), 0, R"("keepAliveSeconds": -5, )");
    EXPECT_EQ(errorOf(doc(kScenario + "," + second)),
              "ws.breakeven.json: scenarios[1].deployments[0].keepAliveSeconds: must be ≥ 0");
    std::string typo = kScenario;
    typo.replace(typo.find("\"service\""), 0, R"("keepAliveSecond": 5, )");
    EXPECT_EQ(errorOf(doc(typo)), "ws.breakeven.json: scenarios[0].deployments[0].keepAliveSecond: unknown key "
                                  "(did you mean \"keepAliveSeconds\"?)");
}

TEST(WorkspaceErrors, SyntaxErrorsHaveLineAndColumn) {
    try {
        parseWorkspaceText("{\"schemaVersion\": 1,\n  \"scenarios\": [,]}", "ws.breakeven.json");
        FAIL() << "no error";
    } catch (const ScenarioError& e) {
        EXPECT_EQ(e.line(), 2U);
        EXPECT_EQ(e.column(), 17U);
        EXPECT_EQ(std::string(e.what()).rfind("ws.breakeven.json:2:17: ", 0), 0U) << e.what();
    }
}

TEST(WorkspaceErrors, TracesPricesAndResults) {
    const std::string sha(64, 'a');
    EXPECT_EQ(errorOf(doc(kScenario, R"(, "traces": [{"name": "t", "path": "t.csv", "sha256": "ABC", "sizeBytes": 1}])")),
              "ws.breakeven.json: traces[0].sha256: must be 64 lowercase hexadecimal digits");
    EXPECT_EQ(errorOf(doc(kScenario, R"(, "traces": [{"name": "t", "path": "t.csv", "sha256": ")" + sha + R"("}])")),
              "ws.breakeven.json: traces[0].sizeBytes: sha256 and sizeBytes are recorded together (both or neither)");
    EXPECT_EQ(errorOf(doc(kScenario, R"(, "traces": [{"name": "t", "path": "t.csv", "embedded": {"encoding": "zip", "data": ""}}])")),
              "ws.breakeven.json: traces[0].embedded.encoding: must be \"gzip+base64\"");
    EXPECT_EQ(errorOf(doc(kScenario, R"(, "prices": [{"snapshotId": "s", "asOf": "2025-01-01", "platforms": {}, "items": [], "instances": {}, "gpus": {}}])")),
              "ws.breakeven.json: prices[0].items: must be an object (keyed by id)");
    EXPECT_EQ(errorOf(doc(kScenario, R"(, "results": [{"scenario": "a", "result": {"catalogSnapshot": {"id": "cat-x"}}}])")),
              "ws.breakeven.json: results[0].result.catalogSnapshot.id: no embedded prices for snapshot \"cat-x\" (add it to prices)");
    EXPECT_EQ(errorOf(doc(kScenario, R"(, "results": [{"scenario": "zz", "result": {}}])")),
              "ws.breakeven.json: results[0].scenario: no scenario named \"zz\"");
}

TEST_F(WorkspaceFiles, FailedOpenLeavesTheFileUntouched) {
    const std::string path = at("newer.breakeven.json");
    const std::string text = R"({"schemaVersion": 9, "scenarios": []})";
    writeFileAtomically(path, text);
    const auto mtime = fs::last_write_time(path);
    EXPECT_THROW(loadWorkspace(path), ScenarioError);
    EXPECT_EQ(readWholeFile(path), text);
    EXPECT_EQ(fs::last_write_time(path), mtime);
    try {
        loadWorkspace(at("absent.breakeven.json"));
        FAIL() << "no error";
    } catch (const ScenarioError& e) {
        EXPECT_EQ(std::string(e.what()), at("absent.breakeven.json") + ": cannot open: No such file or directory");
    }
}

std::vector<std::string> filesIn(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

TEST_F(WorkspaceFiles, AtomicWriteReplacesAndCleansUpOnError) {
    const std::string path = at("plain.txt");
    writeFileAtomically(path, "one");
    writeFileAtomically(path, "two");
    EXPECT_EQ(readWholeFile(path), "two");
    const auto before = filesIn(dir_);
    // Renaming a file over a folder fails after the temporary file was written.
    fs::create_directories(dir_ / "folder.breakeven.json");
    EXPECT_THROW(writeFileAtomically(at("folder.breakeven.json"), "x"), std::system_error);
    EXPECT_TRUE(fs::is_directory(dir_ / "folder.breakeven.json"));
    auto after = filesIn(dir_);
    std::erase(after, "folder.breakeven.json");
    EXPECT_EQ(after, before);  // no temporary file left behind
    EXPECT_THROW(writeFileAtomically(at("no/such/dir/x.json"), "x"), std::system_error);
}

// A writer killed mid-save (SIGKILL: no destructor, no cleanup) must leave the
// original byte-identical and loadable; only a stale temporary file remains.
TEST_F(WorkspaceFiles, KilledWriterLeavesTheOriginalIntact) {
    const std::string path = at("full.breakeven.json");
    const std::string original = readWholeFile(path);
    Workspace big = loadWorkspace(path);
    big.view["padding"] = std::string(2 << 20, 'x');  // a large save, written in pieces
    const std::string text = workspaceToText(big);
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        AtomicFileWriter writer(path);
        writer.write(std::string_view(text).substr(0, text.size() / 2));
        const char byte = 1;
        if (::write(ready[1], &byte, 1) != 1) ::_exit(3);
        for (;;) ::pause();  // "slow": the rest never comes
    }
    ::close(ready[1]);
    char byte = 0;
    ASSERT_EQ(::read(ready[0], &byte, 1), 1);
    ::close(ready[0]);
    // The half-written temporary file exists beside the target right now.
    std::size_t partial = 0;
    for (const auto& e : fs::directory_iterator(dir_))
        if (e.path().filename().string().starts_with(".full.breakeven.json.")) partial = e.file_size();
    EXPECT_EQ(partial, text.size() / 2);
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(readWholeFile(path), original);
    EXPECT_EQ(loadWorkspace(path).scenarios.size(), 2U);
    // And a complete save afterwards still works beside the stale temporary.
    saveWorkspace(big, path);
    EXPECT_EQ(readWholeFile(path), text);
}

TEST_F(WorkspaceFiles, AutosaveRecoveryAndDiscard) {
    const std::string path = at("full.breakeven.json");
    EXPECT_EQ(autosavePath(path), at(".full.breakeven.json.autosave"));
    EXPECT_FALSE(recoveryAvailable(path));
    Workspace ws = loadWorkspace(path);
    ws.view["unsaved"] = true;
    saveAutosave(ws, path);
    EXPECT_TRUE(recoveryAvailable(path));
    const Workspace recovered = loadAutosave(path);
    EXPECT_EQ(recovered.path, path);
    EXPECT_EQ(recovered.view["unsaved"], true);
    EXPECT_EQ(checkTraces(recovered).at(0).status, TraceStatus::Ok);
    EXPECT_TRUE(discardAutosave(path));
    EXPECT_FALSE(discardAutosave(path));
    EXPECT_FALSE(recoveryAvailable(path));
}

TEST_F(WorkspaceFiles, TraceStatuses) {
    const std::string path = at("full.breakeven.json");
    Workspace ws = loadWorkspace(path);
    auto check = checkTraces(ws).at(0);
    EXPECT_EQ(check.status, TraceStatus::Ok);
    EXPECT_EQ(check.foundPath, at("traces/tiny-conv.csv"));

    // Moved: recorded under old/, found by name beside the workspace.
    fs::copy_file(dir_ / "traces/tiny-conv.csv", dir_ / "tiny-conv.csv");
    ws.traces[0].path = "old/tiny-conv.csv";
    check = checkTraces(ws).at(0);
    EXPECT_EQ(check.status, TraceStatus::MovedFound);
    EXPECT_EQ(check.expectedPath, at("old/tiny-conv.csv"));
    EXPECT_EQ(check.foundPath, at("tiny-conv.csv"));

    // Changed: both identities reported.
    std::ofstream(dir_ / "traces/tiny-conv.csv", std::ios::app) << "2023-11-16 18:15:51.0000000,1,1\n";
    ws.traces[0].path = "traces/tiny-conv.csv";
    check = checkTraces(ws).at(0);
    EXPECT_EQ(check.status, TraceStatus::Changed);
    EXPECT_EQ(check.recordedSizeBytes, 217U);
    EXPECT_EQ(check.actualSizeBytes, 217U + 32U);
    EXPECT_EQ(check.actualSha256, sha256FileHex(at("traces/tiny-conv.csv")));
    EXPECT_NE(check.actualSha256, check.recordedSha256);

    // Missing: neither at the path nor beside the workspace.
    ws.traces[0].path = "gone/elsewhere.csv";
    check = checkTraces(ws).at(0);
    EXPECT_EQ(check.status, TraceStatus::Missing);
    EXPECT_TRUE(check.foundPath.empty());
    EXPECT_FALSE(check.actualSha256);
}

TEST_F(WorkspaceFiles, RelinkMovedTraceAndRecordMissingIdentity) {
    Workspace v0 = loadWorkspace(at("v0.breakeven.json"));
    auto checks = checkTraces(v0);
    EXPECT_EQ(checks.at(0).status, TraceStatus::Unrecorded);
    EXPECT_EQ(recordTraceIdentities(v0, checks), 1);
    EXPECT_EQ(v0.traces[0].sizeBytes, 217U);
    EXPECT_EQ(checkTraces(v0).at(0).status, TraceStatus::Ok);

    // The folder of traces is flattened: scenario and reference both moved.
    fs::rename(dir_ / "traces/tiny-conv.csv", dir_ / "tiny-conv.csv");
    checks = checkTraces(v0);
    ASSERT_EQ(checks.at(0).status, TraceStatus::MovedFound);
    relinkMovedTraces(v0, checks);
    EXPECT_EQ(v0.scenarios[0].scenario.workload.trace->resolvedPath, at("tiny-conv.csv"));
}

TEST_F(WorkspaceFiles, EmbeddedCopyRoundTrips) {
    const std::string ws = at("full.breakeven.json");
    WorkspaceTrace t = describeTraceFile("tiny", at("traces/tiny-conv.csv"), ws, true);
    EXPECT_EQ(t.path, "traces/tiny-conv.csv");
    EXPECT_EQ(t.sizeBytes, 217U);
    EXPECT_EQ(t.sha256, "2c7d5a9e6dedb0a3a622ef59a80f432e66dbae5b3b97922fec1db47ec3f895fa");
    ASSERT_TRUE(t.embeddedGzipBase64);
    extractEmbeddedTrace(t, at("extracted.csv"));
    EXPECT_EQ(readWholeFile(at("extracted.csv")), readWholeFile(at("traces/tiny-conv.csv")));
    t.sizeBytes = 218;
    EXPECT_THROW(extractEmbeddedTrace(t, at("bad.csv")), std::runtime_error);
    t.embeddedGzipBase64 = "not base64!";
    EXPECT_THROW(extractEmbeddedTrace(t, at("bad.csv")), std::runtime_error);
    EXPECT_FALSE(fs::exists(at("bad.csv")));
}

}  // namespace
}  // namespace breakeven
