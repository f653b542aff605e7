// Stored results in a workspace: storeResult keeps one result per scenario
// and exactly the price snapshots stored results use; a result saved and
// reopened is identical to a fresh run of the reopened scenario (apart from
// `run`); the `freeTier` key round-trips only when present
// (docs/workspace-format.md "Stored results and re-pricing").
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "model/io/ResultJson.h"
#include "model/io/Workspace.h"
#include "model/sim/Simulator.h"

namespace breakeven {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kData = fs::path(BREAKEVEN_TEST_DATA_DIR) / "workspaces";

class WorkspaceResults : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("breakeven-wsr-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        fs::copy(kData, dir_, fs::copy_options::recursive);
    }
    void TearDown() override { fs::remove_all(dir_); }
    [[nodiscard]] std::string at(const std::string& name) const { return (dir_ / name).string(); }
    fs::path dir_;
};

WorkspacePrices prices(const std::string& id) {
    return {id, "2026-01-01T00:00:00Z",
            json{{"snapshotId", id}, {"asOf", "2026-01-01T00:00:00Z"}, {"platforms", json::object()},
                 {"items", json::object()}, {"instances", json::object()}, {"gpus", json::object()}}};
}

WorkspaceResult result(const std::string& scenario, const std::string& snapshot, double usd) {
    return {scenario, snapshot, std::nullopt,
            json{{"scenario", scenario}, {"catalogSnapshot", {{"id", snapshot}, {"asOf", "2026-01-01T00:00:00Z"}}},
                 {"deployments", json::array({{{"name", "d"}, {"costUsd", {{"perMonth", usd}}}}})}}};
}

TEST_F(WorkspaceResults, StoreResultKeepsOneResultPerScenarioAndOnlyUsedPrices) {
    Workspace ws = loadWorkspace(at("full.breakeven.json"));
    ASSERT_EQ(ws.results.size(), 1u);  // tiny-llm with snapshot cat-0123456789abcdef
    ws.storeResult(result("poisson classifier", "cat-b", 1.0), prices("cat-b"));
    ASSERT_EQ(ws.results.size(), 2u);
    ASSERT_EQ(ws.prices.size(), 2u);
    // Same snapshot again: embedded once.
    ws.storeResult(result("poisson classifier", "cat-b", 2.0), prices("cat-b"));
    ASSERT_EQ(ws.results.size(), 2u);
    EXPECT_EQ(ws.results[1].result["deployments"][0]["costUsd"]["perMonth"], 2.0);
    EXPECT_EQ(ws.prices.size(), 2u);
    // tiny-llm re-stored with cat-b: cat-0123… is used by nothing and dropped.
    ws.storeResult(result("tiny-llm", "cat-b", 3.0), prices("cat-b"));
    ASSERT_EQ(ws.prices.size(), 1u);
    EXPECT_EQ(ws.prices[0].snapshotId, "cat-b");
    EXPECT_EQ(ws.results.size(), 2u);
    EXPECT_THROW(ws.storeResult(result("tiny-llm", "cat-c", 3.0), prices("cat-b")), std::invalid_argument);
    // What was stored reads back (its snapshot is embedded, its scenario exists).
    saveWorkspace(ws, at("stored.breakeven.json"));
    const Workspace back = loadWorkspace(at("stored.breakeven.json"));
    ASSERT_EQ(back.results.size(), 2u);
    EXPECT_EQ(back.results[1].scenario, "tiny-llm");
    EXPECT_EQ(back.results[1].result, ws.results[1].result);
}

TEST_F(WorkspaceResults, FreeTierKeyRoundTripsOnlyWhenPresent) {
    Workspace ws = loadWorkspace(at("full.breakeven.json"));
    EXPECT_FALSE(ws.results[0].freeTier.has_value());
    EXPECT_FALSE(json::parse(workspaceToText(ws))["results"][0].contains("freeTier"));
    ws.results[0].freeTier = true;
    saveWorkspace(ws, at("free.breakeven.json"));
    const Workspace back = loadWorkspace(at("free.breakeven.json"));
    ASSERT_TRUE(back.results[0].freeTier.has_value());
    EXPECT_TRUE(*back.results[0].freeTier);
    auto doc = json::parse(workspaceToText(back));
    doc["results"][0]["freeTier"] = "yes";
    EXPECT_THROW(parseWorkspaceText(doc.dump(), at("x.breakeven.json")), ScenarioError);
}

// Issue 9: "results of a saved-and-reopened workspace are identical (apart
// from run)" — for a trace scenario (path relative to the workspace, which
// moves folder on save) and a generator.
TEST_F(WorkspaceResults, SavedAndReopenedResultsAreIdenticalApartFromRun) {
    Workspace ws = loadWorkspace(at("full.breakeven.json"));
    fs::create_directories(dir_ / "elsewhere");
    for (const auto& s : ws.scenarios) {
        const ScenarioResult fresh = simulate(s.scenario, {});
        ResultJson stored = resultToJson(fresh, false);
        stored["catalogSnapshot"] = {{"id", "cat-b"}, {"asOf", "2026-01-01T00:00:00Z"}};
        ws.storeResult({s.scenario.name, "cat-b", false, json(stored)}, prices("cat-b"));
    }
    saveWorkspace(ws, at("elsewhere/moved.breakeven.json"));
    const Workspace reopened = loadWorkspace(at("elsewhere/moved.breakeven.json"));
    ASSERT_EQ(reopened.results.size(), 2u);
    for (const auto& stored : reopened.results) {
        const ScenarioResult again = simulate(reopened.scenarioByName(stored.scenario), {});
        json expected = stored.result;
        expected.erase("run");
        expected.erase("catalogSnapshot");
        EXPECT_EQ(json(resultToJson(again, false, false)), expected) << stored.scenario;
        EXPECT_GT(again.arrivals, 0u) << stored.scenario;
    }
}

}  // namespace
}  // namespace breakeven
