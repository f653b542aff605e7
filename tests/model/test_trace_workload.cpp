// Traces as workloads: a scenario's "trace" kind streams the file through
// the simulator, sliced and scaled as DESIGN.md "Workload" defines.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "SimTestSupport.h"
#include "model/io/ScenarioJson.h"
#include "model/sim/TraceSource.h"

namespace breakeven::test {
namespace {

namespace fs = std::filesystem;

// A small azure-llm file: `n` requests one second apart from 10:00:00.
fs::path writeAzureTrace(const std::string& name, int n) {
    const fs::path dir = fs::temp_directory_path() / ("breakeven-trace-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path path = dir / name;
    std::ofstream out(path, std::ios::binary);
    out << "TIMESTAMP,ContextTokens,GeneratedTokens\r\n";
    for (int i = 0; i < n; ++i) {
        char line[96];
        std::snprintf(line, sizeof line, "2023-11-16 10:%02d:%02d.0000000,%d,%d", i / 60, i % 60,
                      100 + i, 10 + i);
        out << line << (i + 1 < n ? "\r\n" : "");
    }
    return path;
}

std::string traceScenario(const std::string& path, const std::string& extra) {
    return R"({"schemaVersion": 1, "name": "t", "seed": 5,
      "workload": {"kind": "trace", "path": ")" + path + R"(", "format": "azure-llm")" + extra + R"(},
      "deployments": [{"name": "d", "service": {"kind": "fixed", "seconds": 0.5}}]})";
}

std::vector<Request> readAll(const Scenario& s) {
    TraceSource source(*s.workload.trace, Rng::stream(s.seed, "trace-scale"));
    std::vector<Request> out;
    Request r;
    while (source.next(r)) out.push_back(r);
    return out;
}

TEST(TraceWorkload, EveryRowBecomesOneRequestInOrder) {
    const fs::path file = writeAzureTrace("plain.csv", 120);
    const Scenario s = parseScenarioText(traceScenario(file.string(), ""), "scenario.json");
    const auto requests = readAll(s);
    ASSERT_EQ(requests.size(), 120u);
    EXPECT_EQ(requests.front().arrivalMicros, 0);
    EXPECT_EQ(requests.back().arrivalMicros, 119'000'000);
    EXPECT_EQ(requests[7].inputTokens, 107u);
    EXPECT_EQ(requests[7].outputTokens, 17u);
    const DeploymentResult r = simulateDeployment(s, 0, SimulationOptions{});
    EXPECT_EQ(r.requests, 120u);
    EXPECT_DOUBLE_EQ(r.windowSeconds, 119.0);  // first to last arrival
    EXPECT_EQ(r.ledger.inputTokens, 120u * 100u + 119u * 120u / 2u);
}

TEST(TraceWorkload, RelativePathResolvesAgainstTheScenarioFile) {
    const fs::path file = writeAzureTrace("relative.csv", 5);
    const std::string scenarioPath = (file.parent_path() / "scenario.json").string();
    const Scenario s = parseScenarioText(traceScenario("relative.csv", ""), scenarioPath);
    EXPECT_EQ(s.workload.trace->resolvedPath, file.string());
    EXPECT_EQ(readAll(s).size(), 5u);
}

TEST(TraceWorkload, StartAndDurationSliceTheTrace) {
    const fs::path file = writeAzureTrace("slice.csv", 120);
    const Scenario s = parseScenarioText(
        traceScenario(file.string(), R"(, "startSeconds": 30, "durationSeconds": 60)"), "s.json");
    const auto requests = readAll(s);
    ASSERT_EQ(requests.size(), 60u);  // arrivals at 30 .. 89 s
    EXPECT_EQ(requests.front().arrivalMicros, 0);
    EXPECT_EQ(requests.front().inputTokens, 130u);
    EXPECT_EQ(simulateDeployment(s, 0, SimulationOptions{}).windowSeconds, 60.0);
}

// rateScale r: floor(r) copies plus one with probability r - floor(r); the
// copies stay in arrival order and inside the trace's span.
TEST(TraceWorkload, RateScaleReplicatesAndThins) {
    const fs::path file = writeAzureTrace("scale.csv", 3000);
    for (const double scale : {2.0, 2.5, 0.25}) {
        const Scenario s = parseScenarioText(
            traceScenario(file.string(), R"(, "rateScale": )" + std::to_string(scale)), "s.json");
        const auto requests = readAll(s);
        const double expected = 3000.0 * scale;
        const double sigma = std::sqrt(3000.0 * (scale - std::floor(scale)) * (1 - (scale - std::floor(scale))));
        EXPECT_NEAR(static_cast<double>(requests.size()), expected, 4.0 * sigma + 0.5) << scale;
        for (std::size_t i = 1; i < requests.size(); ++i)
            ASSERT_LE(requests[i - 1].arrivalMicros, requests[i].arrivalMicros) << scale << " at " << i;
        EXPECT_GE(requests.front().arrivalMicros, 0);
        EXPECT_LE(requests.back().arrivalMicros, 2999'000'000);
    }
}

TEST(TraceWorkload, TimeScaleCompressesTheSpan) {
    const fs::path file = writeAzureTrace("timescale.csv", 120);
    const Scenario s = parseScenarioText(traceScenario(file.string(), R"(, "timeScale": 0.5)"), "s.json");
    const auto requests = readAll(s);
    ASSERT_EQ(requests.size(), 120u);
    EXPECT_EQ(requests[1].arrivalMicros, 500'000);
    EXPECT_EQ(requests.back().arrivalMicros, 59'500'000);
    EXPECT_DOUBLE_EQ(simulateDeployment(s, 0, SimulationOptions{}).windowSeconds, 59.5);
}

TEST(TraceWorkload, CanonicalJsonRoundTrips) {
    const fs::path file = writeAzureTrace("roundtrip.csv", 3);
    const Scenario s = parseScenarioText(
        traceScenario(file.string(), R"(, "rateScale": 1.5, "startSeconds": 1)"), "s.json");
    const auto j = scenarioToJson(s);
    const Scenario back = scenarioFromJson(j, "s.json");
    EXPECT_EQ(scenarioToJson(back), j);
    EXPECT_DOUBLE_EQ(back.workload.trace->rateScale, 1.5);
}

TEST(TraceWorkload, BadTraceKeysAreRefusedWithTheirPath) {
    const auto message = [](const std::string& extra) {
        try {
            (void)parseScenarioText(traceScenario("x.csv", extra), "s.json");
        } catch (const ScenarioError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message(R"(, "rateScale": 0)"), "s.json: workload.rateScale: must be > 0");
    EXPECT_EQ(message(R"(, "inputTokens": null)"),
              "s.json: workload.inputTokens: not used by trace workloads (the trace has its own tokens)");
    EXPECT_EQ(message(R"(, "mapping": {"timeUnit": "hours"})"),
              "s.json: workload.mapping.timeUnit: must be one of \"s\", \"ms\", \"us\", \"datetime\"");
}

}  // namespace
}  // namespace breakeven::test
