// Extending a short trace (DESIGN.md "Workload"): extendToSeconds tiles the
// sliced, time-scaled trace; diurnalEnvelope and growthPercentPerMonth shape
// the tiled stream's rate by seeded copies / thinning like rateScale. Also the
// calendar-aligned peaks of relative-time traces (the file's clock, not the
// first arrival). Expected counts come from the raw files, parsed here.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numbers>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "SimTestSupport.h"
#include "model/io/ScenarioJson.h"
#include "model/sim/TraceSource.h"
#include "model/trace/TraceStats.h"

namespace breakeven::test {
namespace {

namespace fs = std::filesystem;

fs::path resource(const std::string& name) {
    return fs::path(BREAKEVEN_SOURCE_DIR) / "resources" / "traces" / name;
}

fs::path tempFile(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("breakeven-extend-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir / name;
}

// A one-column CSV of relative times in seconds (read with a csv mapping).
fs::path writeTimes(const std::string& name, const std::vector<double>& seconds) {
    const fs::path path = tempFile(name);
    std::ofstream out(path, std::ios::binary);
    out << "t\n";
    for (const double s : seconds) out << s << "\n";
    return path;
}

std::vector<double> evenlySpaced(int n, double step) {
    std::vector<double> t;
    for (int i = 0; i < n; ++i) t.push_back(i * step);
    return t;
}

std::string scenarioText(const std::string& workload, int seed = 5) {
    return R"({"schemaVersion": 1, "name": "t", "seed": )" + std::to_string(seed) +
           R"(, "workload": {"kind": "trace", )" + workload +
           R"(}, "deployments": [{"name": "d", "service": {"kind": "fixed", "seconds": 0.5}}]})";
}

std::string csvWorkload(const fs::path& path, const std::string& extra) {
    return R"("path": ")" + path.string() + R"(", "format": "csv",
        "mapping": {"timeColumn": "t", "timeUnit": "s"})" + extra;
}

std::vector<Request> readAll(const Scenario& s) {
    TraceSource source(*s.workload.trace, Rng::stream(s.seed, "trace-scale"));
    std::vector<Request> out;
    Request r;
    while (source.next(r)) out.push_back(r);
    return out;
}

std::vector<Request> readScenario(const std::string& workload, int seed = 5) {
    return readAll(parseScenarioText(scenarioText(workload, seed), "s.json"));
}

// Arrival times (µs) of the raw Azure LLM file, relative to its first row.
std::vector<SimTime> rawAzureTimes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::getline(in, line);  // header
    std::vector<SimTime> times;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        times.push_back(trace::parseIsoUtcMicros(line.substr(0, line.find(','))).value());
    }
    for (std::size_t i = times.size(); i-- > 0;) times[i] -= times.front();
    return times;
}

// Arrivals of `slice` (already shifted and scaled) tiled by `span` into [0, cut).
std::uint64_t tiledCount(const std::vector<SimTime>& slice, SimTime span, SimTime cut) {
    std::uint64_t n = 0;
    for (SimTime offset = 0; offset < cut; offset += span)
        for (const SimTime t : slice) n += offset + t < cut ? 1 : 0;
    return n;
}

// --- Tiling ------------------------------------------------------------------

TEST(TraceExtend, TilesTheBundledConvTraceExactly) {
    const fs::path file = resource("AzureLLMInferenceTrace_conv.csv");
    const std::vector<SimTime> raw = rawAzureTimes(file);
    ASSERT_EQ(raw.size(), 19366u);
    const SimTime span = raw.back();  // the window: first to last arrival
    const double extendTo = 3.5 * simTimeToSeconds(span);
    const std::string workload = R"("path": ")" + file.string() + R"(", "extendToSeconds": )" +
                                 nlohmann::json(extendTo).dump();
    const auto requests = readScenario(workload);
    const SimTime cut = secondsToSimTime(extendTo);
    EXPECT_EQ(requests.size(), tiledCount(raw, span, cut));
    EXPECT_EQ(requests.size(), 3 * raw.size() + tiledCount(raw, span, cut - 3 * span));

    // Tile 1 is tile 0 shifted by the span, tokens included; the last tile is cut.
    ASSERT_GT(requests.size(), 2 * raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        ASSERT_EQ(requests[i].arrivalMicros, raw[i]) << i;
        const Request& copy = requests[raw.size() + i];
        ASSERT_EQ(copy.arrivalMicros, raw[i] + span) << i;
        ASSERT_EQ(copy.inputTokens, requests[i].inputTokens) << i;
        ASSERT_EQ(copy.outputTokens, requests[i].outputTokens) << i;
    }
    EXPECT_LT(requests.back().arrivalMicros, cut);

    const Scenario s = parseScenarioText(scenarioText(workload), "s.json");
    EXPECT_DOUBLE_EQ(s.workload.durationSeconds, extendTo);
    const DeploymentResult r = simulateDeployment(s, 0, SimulationOptions{});
    EXPECT_EQ(r.requests, requests.size());
    EXPECT_DOUBLE_EQ(r.windowSeconds, extendTo);
}

// With durationSeconds the tile is the slice's window (duration x timeScale),
// even where the slice's last arrival comes earlier.
TEST(TraceExtend, TilesASlicedScaledMooncakeWindow) {
    const fs::path file = resource("mooncake_conversation_trace.jsonl");
    std::ifstream in(file, std::ios::binary);
    std::vector<SimTime> slice;  // timestamps in [600, 1500) s, shifted and halved
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto ms = nlohmann::json::parse(line).at("timestamp").get<SimTime>();
        if (ms >= 600'000 && ms < 1'500'000) slice.push_back((ms - 600'000) * 500);
    }
    ASSERT_GT(slice.size(), 100u);
    const auto requests = readScenario(R"("path": ")" + file.string() + R"(", "startSeconds": 600,
        "durationSeconds": 900, "timeScale": 0.5, "extendToSeconds": 1000)");
    const SimTime span = 450'000'000;
    EXPECT_EQ(requests.size(), tiledCount(slice, span, 1'000'000'000));
    EXPECT_EQ(requests.size(), 2 * slice.size() + tiledCount(slice, span, 100'000'000));
    ASSERT_GT(requests.size(), slice.size());
    EXPECT_EQ(requests[slice.size()].arrivalMicros, slice.front() + span);
}

TEST(TraceExtend, ShorterThanTheSliceCutsIt) {
    const fs::path file = writeTimes("cut.csv", evenlySpaced(100, 1.0));
    const auto requests = readScenario(csvWorkload(file, R"(, "extendToSeconds": 10)"));
    ASSERT_EQ(requests.size(), 10u);
    EXPECT_EQ(requests.back().arrivalMicros, 9'000'000);
}

TEST(TraceExtend, AZeroSpanSliceCannotBeTiled) {
    const fs::path file = writeTimes("instant.csv", {5, 5, 5});
    try {
        (void)readScenario(csvWorkload(file, R"(, "extendToSeconds": 10)"));
        ADD_FAILURE() << "no error";
    } catch (const trace::TraceError& e) {
        EXPECT_NE(std::string(e.what()).find("spans 0 s"), std::string::npos) << e.what();
    }
    // A window given by durationSeconds is a valid tile even then.
    const auto requests = readScenario(csvWorkload(file, R"(, "durationSeconds": 4, "extendToSeconds": 10)"));
    EXPECT_EQ(requests.size(), 9u);  // tiles at 0, 4 and 8 s
}

// --- Determinism -------------------------------------------------------------

constexpr const char* kShaped = R"(, "rateScale": 1.5, "extendToSeconds": 2000,
    "diurnalEnvelope": {"peakToTroughRatio": 3, "periodSeconds": 600},
    "growthPercentPerMonth": 50)";

std::vector<SimTime> arrivals(const std::vector<Request>& requests) {
    std::vector<SimTime> t;
    for (const Request& r : requests) t.push_back(r.arrivalMicros);
    return t;
}

TEST(TraceExtend, TheStreamIsAFunctionOfScenarioAndSeed) {
    const fs::path file = writeTimes("seeded.csv", evenlySpaced(300, 1.0));
    const auto a = arrivals(readScenario(csvWorkload(file, kShaped), 5));
    const auto b = arrivals(readScenario(csvWorkload(file, kShaped), 5));
    const auto c = arrivals(readScenario(csvWorkload(file, kShaped), 6));
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    for (std::size_t i = 1; i < a.size(); ++i) ASSERT_LE(a[i - 1], a[i]) << i;
}

// rateScale's draws continue through the tiles: tile 1 is not tile 0 again.
TEST(TraceExtend, TilesGetTheirOwnRateScaleDraws) {
    const fs::path file = writeTimes("draws.csv", evenlySpaced(1000, 1.0));
    const auto t = arrivals(readScenario(csvWorkload(file, R"(, "rateScale": 1.5, "extendToSeconds": 1998)")));
    std::vector<SimTime> first, second;
    for (const SimTime x : t) {
        if (x < 999'000'000) first.push_back(x);
        else if (x > 999'000'000) second.push_back(x - 999'000'000);
    }
    EXPECT_NEAR(static_cast<double>(first.size()), 1.5 * 999, 4 * std::sqrt(999 * 0.25) + 2);
    EXPECT_NE(first, second);
}

// --- Rate envelope and growth ------------------------------------------------

// The base (unmodulated) tiled arrival times in seconds.
std::vector<double> baseTimes(const fs::path& file, const std::string& extend) {
    std::vector<double> t;
    for (const Request& r : readScenario(csvWorkload(file, extend))) t.push_back(simTimeToSeconds(r.arrivalMicros));
    return t;
}

std::uint64_t countIn(const std::vector<Request>& requests, double from, double to) {
    std::uint64_t n = 0;
    for (const Request& r : requests) {
        const double t = simTimeToSeconds(r.arrivalMicros);
        n += t >= from && t < to ? 1 : 0;
    }
    return n;
}

// Expected copies of the base arrivals in [from, to) under multiplier f.
double expectedIn(const std::vector<double>& base, double from, double to,
                  const std::function<double(double)>& f) {
    double sum = 0.0;
    for (const double t : base) sum += t >= from && t < to ? f(t) : 0.0;
    return sum;
}

TEST(TraceExtend, DiurnalEnvelopeKeepsTheMeanAndShapesTheDay) {
    const fs::path file = writeTimes("hour.csv", evenlySpaced(3600, 1.0));
    const std::string extend = R"(, "extendToSeconds": 172800)";
    const std::vector<double> base = baseTimes(file, extend);
    const auto shaped = readScenario(csvWorkload(file, extend + R"(, "diurnalEnvelope": {"peakToTroughRatio": 4})"));
    // Mean preserved over whole periods: within 1 % (the draws' sd is ~0.1 %).
    EXPECT_NEAR(static_cast<double>(shaped.size()) / static_cast<double>(base.size()), 1.0, 0.01);
    const double a = 0.6;  // (4 - 1) / (4 + 1)
    const auto f = [a](double t) { return 1.0 + a * std::sin(2.0 * std::numbers::pi * t / 86400.0); };
    for (const double day : {0.0, 86400.0}) {
        // Two hours around the peak (t = period/4) and around the trough (3/4).
        const double peak = day + 21600, trough = day + 64800;
        const auto atPeak = static_cast<double>(countIn(shaped, peak - 3600, peak + 3600));
        const auto atTrough = static_cast<double>(countIn(shaped, trough - 3600, trough + 3600));
        EXPECT_NEAR(atPeak, expectedIn(base, peak - 3600, peak + 3600, f), 5 * std::sqrt(atPeak * 0.25) + 2);
        EXPECT_NEAR(atTrough, expectedIn(base, trough - 3600, trough + 3600, f), 5 * std::sqrt(atTrough * 0.25) + 2);
        EXPECT_GT(atPeak, 3.5 * atTrough);  // (1 + 0.6) / (1 - 0.6) = 4, less the 2 h averaging
    }
}

TEST(TraceExtend, GrowthOfOneHundredPercentPerMonth) {
    const fs::path file = writeTimes("day.csv", evenlySpaced(865, 100.0));  // 0 .. 86400 s
    const double month = 30.4375 * 86400.0;
    const std::string extend = R"(, "extendToSeconds": )" + nlohmann::json(2 * month).dump();
    const std::vector<double> base = baseTimes(file, extend);
    const auto grown = readScenario(csvWorkload(file, extend + R"(, "growthPercentPerMonth": 100)"));
    // Over two months the mean multiplier is (1/2) ∫0..2 2^x dx = 3 / (2 ln 2) ≈ 2.164.
    const double ratio = static_cast<double>(grown.size()) / static_cast<double>(base.size());
    EXPECT_NEAR(ratio, 3.0 / (2.0 * std::numbers::ln2), 0.01);
    // The second month doubles the first (∫1..2 2^x dx = 2 ∫0..1 2^x dx).
    const auto first = static_cast<double>(countIn(grown, 0, month));
    const auto second = static_cast<double>(countIn(grown, month, 2 * month));
    EXPECT_NEAR(second / first, 2.0, 0.03);
    const auto f = [month](double t) { return std::pow(2.0, t / month); };
    EXPECT_NEAR(first, expectedIn(base, 0, month, f), 5 * std::sqrt(first * 0.25) + 2);
}

// --- Scenario keys -------------------------------------------------------------

std::string messageOf(const std::string& extra) {
    try {
        (void)parseScenarioText(scenarioText(R"("path": "x.csv", "format": "azure-llm")" + extra), "s.json");
    } catch (const ScenarioError& e) {
        return e.what();
    }
    return "no error";
}

TEST(TraceExtend, BadKeysAreRefusedWithTheirPath) {
    EXPECT_EQ(messageOf(R"(, "extendToSeconds": 0)"), "s.json: workload.extendToSeconds: must be > 0");
    EXPECT_EQ(messageOf(R"(, "extendToSeconds": -60)"), "s.json: workload.extendToSeconds: must be > 0");
    EXPECT_EQ(messageOf(R"(, "extendToSeconds": "NaN")"),
              "s.json: workload.extendToSeconds: must be a number or null");
    EXPECT_EQ(messageOf(R"(, "diurnalEnvelope": {"peakToTroughRatio": 2})"),
              "s.json: workload.diurnalEnvelope: needs extendToSeconds (it shapes a tiled trace)");
    EXPECT_EQ(messageOf(R"(, "growthPercentPerMonth": 5)"),
              "s.json: workload.growthPercentPerMonth: needs extendToSeconds (it shapes a tiled trace)");
    const std::string extend = R"(, "extendToSeconds": 86400)";
    EXPECT_EQ(messageOf(extend + R"(, "growthPercentPerMonth": 0)"),
              "s.json: workload.growthPercentPerMonth: must be > 0");
    EXPECT_EQ(messageOf(extend + R"(, "growthPercentPerMonth": -10)"),
              "s.json: workload.growthPercentPerMonth: must be > 0");
    EXPECT_EQ(messageOf(extend + R"(, "diurnalEnvelope": {"peakToTroughRatio": 0})"),
              "s.json: workload.diurnalEnvelope.peakToTroughRatio: must be ≥ 1");
    EXPECT_EQ(messageOf(extend + R"(, "diurnalEnvelope": {"peakToTroughRatio": 2, "periodSeconds": 0})"),
              "s.json: workload.diurnalEnvelope.periodSeconds: must be > 0");
    EXPECT_EQ(messageOf(extend + R"(, "diurnalEnvelope": {"peakToTroughRatio": 2, "phaseSeconds": -1})"),
              "s.json: workload.diurnalEnvelope.phaseSeconds: must be ≥ 0");
    EXPECT_NE(messageOf(extend + R"(, "diurnalEnvelope": {"periodSeconds": 60})")
                  .find("workload.diurnalEnvelope.peakToTroughRatio"),
              std::string::npos);
    EXPECT_NE(messageOf(extend + R"(, "diurnalEnvelope": {"peakToTroughRatio": 2, "period": 60})")
                  .find("workload.diurnalEnvelope.period"),
              std::string::npos);
    const std::string year = R"(, "extendToSeconds": 31557600, "growthPercentPerMonth": 100)";
    EXPECT_NE(messageOf(year).find("workload.growthPercentPerMonth: multiplies the rate by 4096"),
              std::string::npos)
        << messageOf(year);
}

TEST(TraceExtend, CanonicalJsonRoundTrips) {
    const Scenario s = parseScenarioText(
        scenarioText(R"("path": "x.csv", "extendToSeconds": 7200, "growthPercentPerMonth": 12.5,
                        "diurnalEnvelope": {"peakToTroughRatio": 3, "phaseSeconds": 600})"),
        "s.json");
    const auto j = scenarioToJson(s);
    EXPECT_EQ(j["workload"]["diurnalEnvelope"]["periodSeconds"], 86400.0);
    const Scenario back = scenarioFromJson(j, "s.json");
    EXPECT_EQ(scenarioToJson(back), j);
    ASSERT_TRUE(back.workload.trace->diurnalEnvelope);
    EXPECT_DOUBLE_EQ(back.workload.trace->diurnalEnvelope->phaseSeconds, 600.0);
    EXPECT_DOUBLE_EQ(*back.workload.trace->growthPercentPerMonth, 12.5);
    EXPECT_DOUBLE_EQ(back.workload.durationSeconds, 7200.0);
}

// --- Aligned peaks of relative-time traces -------------------------------------

trace::TraceStatistics statsOfFile(const fs::path& path, const trace::TraceOptions& options) {
    const auto reader = trace::openTrace(path.string(), options);
    return trace::collectTraceStats(*reader);
}

// Times are seconds from the file's t = 0: the calendar buckets are [0, 1),
// [1, 2) ... of that clock, not of the first arrival at 0.7 s.
TEST(TraceExtend, AlignedPeaksOfRelativeTracesFollowTheFilesClock) {
    const fs::path file = writeTimes("aligned.csv", {0.7, 1.2, 1.3, 59.5, 60.2, 60.4});
    trace::TraceOptions options;
    options.format = trace::TraceFormat::Csv;
    options.mapping.timeColumn = "t";
    const trace::TraceStatistics s = statsOfFile(file, options);
    EXPECT_EQ(s.peakPerSecond, 3u);         // sliding: 0.7, 1.2, 1.3
    EXPECT_EQ(s.alignedPeakPerSecond, 2u);  // [1, 2) s of the file
    EXPECT_EQ(s.alignedPeakPerMinute, 4u);  // [0, 60) s: 0.7 .. 59.5
}

// The published table (../shared/data/traces/README.md) buckets the raw times.
TEST(TraceExtend, AlignedPeaksMatchThePublishedRelativeFixtures) {
    struct Case {
        const char* file;
        std::uint64_t aligned1s, aligned60s;
    };
    const fs::path dir = fs::path(BREAKEVEN_SHARED_DIR) / "data" / "traces" / "fixtures";
    for (const Case c : {Case{"azure_functions_2021_invitro_subset.csv", 22, 42},
                         Case{"burstgpt_synthetic.csv", 18, 47}, Case{"burstgpt_v3_synthetic.csv", 3, 17},
                         Case{"azure_functions_2019_synthetic_invocations.csv", 0, 2678}}) {
        if (!fs::exists(dir / c.file)) {
            GTEST_SKIP() << "no " << c.file;
        }
        SCOPED_TRACE(c.file);
        const trace::TraceStatistics s = statsOfFile(dir / c.file, trace::TraceOptions{});
        if (c.aligned1s > 0) {
            EXPECT_EQ(s.alignedPeakPerSecond, c.aligned1s);
        }
        EXPECT_EQ(s.alignedPeakPerMinute, c.aligned60s);
    }
}

}  // namespace
}  // namespace breakeven::test
