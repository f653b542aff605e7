// The committed demo workspace (resources/demo.breakeven.json) must hold the
// demo scenario files unchanged (resources/demo/*.json), apart from the trace
// path, which is relative to the workspace instead of the scenario file but
// names the same file — so the two never drift. Its trace must match the
// recorded size and SHA-256.
#include <gtest/gtest.h>

#include <filesystem>

#include "model/io/AtomicFile.h"
#include "model/io/Workspace.h"

namespace breakeven {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kResources = fs::path(BREAKEVEN_SOURCE_DIR) / "resources";

TEST(DemoWorkspace, ScenariosAreTheDemoFilesInOrder) {
    const Workspace ws = loadWorkspace((kResources / "demo.breakeven.json").string());
    const char* files[] = {"llm-comparison.json", "cpu-classifier.json"};
    ASSERT_EQ(ws.scenarios.size(), std::size(files));
    for (std::size_t i = 0; i < std::size(files); ++i) {
        const fs::path file = kResources / "demo" / files[i];
        json expected = json::parse(readWholeFile(file.string()));
        const json& stored = ws.scenarios[i].json;
        SCOPED_TRACE(files[i]);
        EXPECT_EQ(ws.scenarios[i].scenario.name, fs::path(files[i]).stem().string());
        // The same trace file by either path...
        const std::string filePath = expected["workload"]["path"];
        const std::string wsPath = stored["workload"]["path"];
        EXPECT_EQ(fs::canonical(file.parent_path() / filePath), fs::canonical(kResources / wsPath));
        // ...and everything else identical.
        expected["workload"]["path"] = wsPath;
        EXPECT_EQ(stored, expected) << "resources/demo.breakeven.json drifted from resources/demo/" << files[i]
                                    << "; rebuild it with `breakeven-cli workspace create` (docs/workspace-format.md)";
    }
}

TEST(DemoWorkspace, TraceIsRecordedAndUnchanged) {
    const Workspace ws = loadWorkspace((kResources / "demo.breakeven.json").string());
    ASSERT_EQ(ws.traces.size(), 1u);  // both scenarios read the same trace
    EXPECT_EQ(ws.traces[0].path, "traces/AzureLLMInferenceTrace_conv.csv");
    for (const auto& check : checkTraces(ws)) EXPECT_EQ(check.status, TraceStatus::Ok) << check.name;
    EXPECT_TRUE(ws.results.empty());
    EXPECT_TRUE(ws.prices.empty());
}

}  // namespace
}  // namespace breakeven
