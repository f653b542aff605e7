// Sharding (docs/scale-out.md): shard specs and ownership, parts written and
// read back, merge errors that name item ids, and work items that survive a
// trip through a part bit for bit (so a merged run aggregates to the same
// bytes as a local one).
#include <cmath>
#include <limits>
#include <sstream>

#include <gtest/gtest.h>

#include "SimTestSupport.h"
#include "model/analysis/ParameterPath.h"
#include "model/analysis/Shard.h"
#include "model/analysis/ShardItems.h"
#include "model/analysis/Sweep.h"
#include "model/analysis/Uncertainty.h"

namespace breakeven {
namespace {

using namespace analysis;
using nlohmann::json;

TEST(Shard, ParsesIOfNAndRejectsNonsense) {
    const ShardSpec s = parseShard("2/7");
    EXPECT_EQ(s.index, 2u);
    EXPECT_EQ(s.count, 7u);
    for (const char* bad : {"7/7", "1/0", "3", "a/2", "-1/2", "1/2x", "/2"})
        EXPECT_THROW((void)parseShard(bad), std::invalid_argument) << bad;
}

TEST(Shard, EveryItemBelongsToExactlyOneShard) {
    EXPECT_EQ(shardItems(10, {1, 3}), (std::vector<std::size_t>{1, 4, 7}));
    EXPECT_EQ(shardItems(2, {5, 7}), std::vector<std::size_t>{});
    std::vector<int> seen(23, 0);
    for (std::size_t i = 0; i < 4; ++i)
        for (std::size_t id : shardItems(23, {i, 4})) ++seen[id];
    for (int n : seen) EXPECT_EQ(n, 1);
}

TEST(Shard, DescribesIdsAsRanges) {
    EXPECT_EQ(describeIds({1, 2, 3, 5, 9, 10}), "1–3, 5, 9–10");
    EXPECT_EQ(describeIds({0, 2, 4, 6}, 2), "0, 2, … (4 in all)");
}

PartHeader header(std::size_t items, ShardSpec shard) {
    PartHeader h;
    h.command = "sweep";
    h.arguments = {"--points", "5"};
    h.scenarioSource = "s.json";
    h.scenarioText = "{}";
    h.scenarioSha256 = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";  // of "{}"
    h.catalogSnapshotId = "cat-1";
    h.catalogAsOf = "2026-01-01";
    h.items = items;
    h.shard = shard;
    return h;
}

Part part(const PartHeader& h, const std::string& path) {
    std::vector<json> items;
    for (std::size_t id : shardItems(h.items, h.shard)) items.push_back({{"id", id}, {"x", 10 * id}});
    std::stringstream text;
    writePart(text, h, items);
    return readPart(text, path);
}

TEST(Shard, PartsMergeBackInIdOrder) {
    const MergedParts m = mergeParts({part(header(5, {1, 2}), "b"), part(header(5, {0, 2}), "a")});
    ASSERT_EQ(m.items.size(), 5u);
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(m.items[i]["x"], 10 * i);
    EXPECT_EQ(m.header.arguments, (std::vector<std::string>{"--points", "5"}));
}

std::string mergeError(const std::vector<Part>& parts) {
    try {
        (void)mergeParts(parts);
    } catch (const ShardError& e) {
        return e.what();
    }
    return "no error";
}

TEST(Shard, MissingDuplicatedAndMismatchedItemsAreNamed) {
    EXPECT_EQ(mergeError({part(header(7, {0, 3}), "a")}), "4 of 7 items missing: 1–2, 4–5");
    EXPECT_EQ(mergeError({part(header(3, {0, 2}), "a"), part(header(3, {1, 2}), "b"), part(header(3, {1, 2}), "c")}),
              "item 1 is duplicated: in b:2 and c:2");
    PartHeader other = header(3, {1, 2});
    other.scenarioText = "[]";
    other.scenarioSha256 = "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";  // of "[]"
    EXPECT_EQ(mergeError({part(header(3, {0, 2}), "a"), part(other, "b")}),
              "b does not belong with a: scenario SHA-256 "
              "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945 vs "
              "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
}

TEST(Shard, AlteredOrForeignLinesAreRefused) {
    PartHeader h = header(4, {0, 2});
    std::stringstream altered;
    h.scenarioText = "{ }";  // the hash no longer matches
    writePart(altered, h, {});
    EXPECT_THROW((void)readPart(altered, "p"), ShardError);
    std::stringstream foreign;
    writePart(foreign, header(4, {0, 2}), {json{{"id", 1}}});  // item 1 is shard 1's
    EXPECT_THROW((void)readPart(foreign, "p"), ShardError);
    std::stringstream truncated(partHeaderToJson(header(4, {0, 2})).dump() + "\n{\"id\": 0, \"x\"");
    EXPECT_THROW((void)readPart(truncated, "p"), ShardError);
}

// serverless: $ = busy seconds; node: flat 100 (Sweep tests use the same idea).
std::optional<double> toyCost(const Scenario&, std::size_t d, const DeploymentResult& r) {
    if (d == 1) return 100.0;
    return r.ledger.requestSecondsRaw;
}

Scenario twoAlternatives() {
    Scenario s = test::poissonScenario(5.0, 120.0, 3);
    s.deployments.push_back(test::functionDeployment("serverless", Distribution::exponential(0.1)));
    s.deployments.push_back(test::functionDeployment("node", Distribution::fixed(0.1)));
    return s;
}

TEST(ShardItems, SweepPointsSurviveAPartExactly) {
    const Scenario s = twoAlternatives();
    const ParameterPath scale(s, "workload.rateScale", "s.json");
    const SweepPlan plan = planSweep(scale, {0.3, 3.0, 4, SweepScale::Log});
    std::vector<SweepPoint> points = runSweepPoints(plan, {0, 1, 2, 3}, toyCost);
    points[2].alternatives[0].p99Seconds = std::numeric_limits<double>::infinity();
    for (const SweepPoint& p : points) {
        const SweepPoint back = sweepPointFromJson(json::parse(sweepPointToJson(p, plan.parameter).dump()));
        EXPECT_EQ(back.index, p.index);
        EXPECT_EQ(back.value, p.value);
        EXPECT_EQ(back.ratePerSecond, p.ratePerSecond);
        EXPECT_EQ(back.arrivals, p.arrivals);
        ASSERT_EQ(back.alternatives.size(), 2u);
        for (std::size_t a = 0; a < 2; ++a) {
            EXPECT_EQ(back.alternatives[a].costUsdPerMonth, p.alternatives[a].costUsdPerMonth);
            EXPECT_EQ(back.alternatives[a].p99Seconds, p.alternatives[a].p99Seconds);
            EXPECT_EQ(back.alternatives[a].coldStartFraction, p.alternatives[a].coldStartFraction);
            EXPECT_EQ(back.alternatives[a].dedicatedUtilization, p.alternatives[a].dedicatedUtilization);
            ASSERT_EQ(back.alternatives[a].ledgers.size(), 1u);
            EXPECT_EQ(back.alternatives[a].ledgers[0].requestSecondsRaw, p.alternatives[a].ledgers[0].requestSecondsRaw);
        }
    }
}

TEST(ShardItems, ShardedSweepEqualsTheWholeSweep) {
    const Scenario s = twoAlternatives();
    const ParameterPath scale(s, "workload.rateScale", "s.json");
    const SweepRange range{0.3, 3.0, 5, SweepScale::Log};
    SweepOptions options;
    options.threads = 2;
    const SweepResult whole = runSweep(scale, range, toyCost, options);
    ASSERT_FALSE(whole.crossovers.empty());  // so finishSweep refines something
    const SweepPlan plan = planSweep(scale, range);
    std::vector<SweepPoint> points(5);
    for (std::size_t shard = 0; shard < 3; ++shard)
        for (const SweepPoint& p : runSweepPoints(plan, shardItems(5, {shard, 3}), toyCost, options))
            points[p.index] = sweepPointFromJson(json::parse(sweepPointToJson(p, plan.parameter).dump()));
    const SweepResult merged = finishSweep(scale, plan, points, toyCost, options);
    EXPECT_EQ(merged.simulations, whole.simulations);
    ASSERT_EQ(merged.crossovers.size(), whole.crossovers.size());
    for (std::size_t k = 0; k < whole.crossovers.size(); ++k) {
        EXPECT_EQ(merged.crossovers[k].crossover.at.value, whole.crossovers[k].crossover.at.value);
        EXPECT_EQ(merged.crossovers[k].crossover.refined, whole.crossovers[k].crossover.refined);
    }
    points.pop_back();
    EXPECT_THROW((void)finishSweep(scale, plan, points, toyCost, options), std::invalid_argument);
}

TEST(ShardItems, UncertaintyRunsSurviveAPartExactly) {
    UncertaintyOptions o;
    o.runs = 3;
    o.vary = {{"pricing.factor", 0.5, 2.0}};
    o.gridPoints = 4;
    o.gridFrom = 0.2;
    o.gridTo = 5.0;
    const UncertaintyModel model(twoAlternatives(), "u.json", {}, o);
    std::vector<UncertaintyRun> runs, back;
    for (std::size_t i = 0; i < 3; ++i) {
        runs.push_back(model.run(i, toyCost));
        back.push_back(uncertaintyRunFromJson(json::parse(uncertaintyRunToJson(runs.back(), model).dump())));
        EXPECT_EQ(back[i].seed, runs[i].seed);
        EXPECT_EQ(back[i].inputs, runs[i].inputs);
        EXPECT_EQ(back[i].winner, runs[i].winner);
        ASSERT_EQ(back[i].crossings.size(), 1u);
        EXPECT_EQ(back[i].crossings[0].values, runs[i].crossings[0].values);
    }
    const UncertaintyResult a = aggregateUncertainty(model, runs), b = aggregateUncertainty(model, back);
    ASSERT_TRUE(a.bands[0].costUsdPerMonth && b.bands[0].costUsdPerMonth);
    EXPECT_EQ(a.bands[0].costUsdPerMonth->mean, b.bands[0].costUsdPerMonth->mean);
    EXPECT_EQ(a.bands[0].costUsdPerMonth->p95, b.bands[0].costUsdPerMonth->p95);
    EXPECT_EQ(a.simulations, b.simulations);
    EXPECT_THROW((void)uncertaintyRunFromJson(json{{"id", 0}, {"seed", 1}}), ShardError);
}

}  // namespace
}  // namespace breakeven
