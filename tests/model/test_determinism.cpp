// A run is a pure function of (scenario, seed): same seed -> same result
// (apart from `run`), any thread count -> same result, and golden
// fingerprints pin whole runs (a changed fingerprint needs a reason in the
// commit). Set BREAKEVEN_PRINT_FINGERPRINTS=1 to print the current values.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "SimTestSupport.h"
#include "model/core/Sha256.h"
#include "model/io/ResultJson.h"
#include "model/io/ScenarioJson.h"

namespace breakeven::test {
namespace {

std::string fingerprint(const ScenarioResult& r) {
    return Sha256::hex(resultToJson(r, /*timeline=*/true, /*includeRun=*/false).dump());
}

ScenarioResult run(const Scenario& s, int threads) {
    SimulationOptions options;
    options.timeline = true;
    options.threads = threads;
    return simulate(s, options);
}

Scenario demo() {
    return loadScenarioFile(std::string(BREAKEVEN_SOURCE_DIR) + "/resources/demo/demo-scenario.json");
}

TEST(Determinism, SameSeedSameResult) {
    const Scenario s = demo();
    EXPECT_EQ(fingerprint(run(s, 1)), fingerprint(run(s, 1)));
}

TEST(Determinism, ThreadCountDoesNotChangeResult) {
    const Scenario s = demo();
    const auto one = resultToJson(run(s, 1), true, false);
    const auto three = resultToJson(run(s, 3), true, false);
    EXPECT_EQ(one, three);
}

TEST(Determinism, DifferentSeedDifferentResult) {
    Scenario s = demo();
    const std::string a = fingerprint(run(s, 1));
    s.seed += 1;
    EXPECT_NE(a, fingerprint(run(s, 1)));
}

// Adding a deployment must not change the others' draws (named streams).
TEST(Determinism, DeploymentsHaveIndependentStreams) {
    Scenario s = demo();
    const auto before = resultToJson(run(s, 1), false, false)["deployments"][0];
    DeploymentSpec extra = s.deployments[0];
    extra.name = "extra";
    s.deployments.insert(s.deployments.begin(), extra);
    const auto after = resultToJson(run(s, 1), false, false)["deployments"][1];
    EXPECT_EQ(before, after);
}

TEST(Determinism, GoldenFingerprints) {
    std::ifstream in(std::string(BREAKEVEN_SOURCE_DIR) + "/tests/golden/fingerprints.csv");
    ASSERT_TRUE(in) << "tests/golden/fingerprints.csv missing";
    const bool print = std::getenv("BREAKEVEN_PRINT_FINGERPRINTS") != nullptr;
    std::string line;
    int checked = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string path, seedText, expected;
        std::getline(fields, path, ',');
        std::getline(fields, seedText, ',');
        std::getline(fields, expected, ',');
        Scenario s = loadScenarioFile(std::string(BREAKEVEN_SOURCE_DIR) + "/" + path);
        s.seed = std::stoull(seedText);
        const std::string actual = fingerprint(run(s, 2));
        if (print) std::cout << path << ',' << seedText << ',' << actual << '\n';
        EXPECT_EQ(actual, expected) << path << " seed " << seedText;
        ++checked;
    }
    EXPECT_GE(checked, 3);
}

}  // namespace
}  // namespace breakeven::test

namespace breakeven::test {
namespace {

// A stored result's ledger reads back exactly: re-pricing needs no re-run.
TEST(ResultJson, LedgerRoundTripsThroughJson) {
    const ScenarioResult r = run(demo(), 1);
    for (const auto& d : r.deployments) {
        const auto written = ledgerToJson(d.ledger);
        const UsageLedger back = ledgerFromJson(nlohmann::json::parse(written.dump()));
        EXPECT_EQ(ledgerToJson(back), written) << d.name;
    }
}

TEST(ResultJson, LedgerWithMissingKeyIsRefusedByName) {
    auto j = nlohmann::json::parse(ledgerToJson(UsageLedger{}).dump());
    j.erase("billedActiveSeconds");
    try {
        (void)ledgerFromJson(j);
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "ledger.billedActiveSeconds: missing");
    }
}

}  // namespace
}  // namespace breakeven::test
