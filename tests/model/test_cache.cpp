// The response cache in front of every alternative (scenario `cache`):
// exact dedup by key within the TTL, a seeded hit ratio identical for every
// alternative, hits served at cache latency without compute, and results
// without a cache unchanged.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "SimTestSupport.h"
#include "model/io/ResultJson.h"
#include "model/io/ScenarioJson.h"
#include "model/sim/Cache.h"

namespace breakeven::test {
namespace {

Request keyed(double seconds, std::uint64_t key) {
    Request r;
    r.arrivalMicros = secondsToSimTime(seconds);
    r.key = key;
    return r;
}

CacheSpec dedup(double ttlSeconds) {
    CacheSpec c;
    c.mode = CacheMode::Dedup;
    c.ttlSeconds = ttlSeconds;
    return c;
}

TEST(Cache, DedupHitsWithinTheTtlOfTheLastMiss) {
    ResponseCache cache(dedup(5.0), Rng(1));
    // t - t0 <= ttl is a hit; hits do not refresh the entry; key 0 never hits.
    EXPECT_FALSE(cache.hit(keyed(0.0, 7)));
    EXPECT_TRUE(cache.hit(keyed(2.0, 7)));
    EXPECT_TRUE(cache.hit(keyed(5.0, 7)));    // exactly the TTL
    EXPECT_FALSE(cache.hit(keyed(5.5, 7)));   // 5.5 after the miss at 0
    EXPECT_TRUE(cache.hit(keyed(10.5, 7)));   // 5.0 after the miss at 5.5
    EXPECT_FALSE(cache.hit(keyed(10.6, 0)));
    EXPECT_FALSE(cache.hit(keyed(10.7, 0)));
    EXPECT_FALSE(cache.hit(keyed(10.8, 9)));
    EXPECT_EQ(cache.hits(), 3u);
    EXPECT_EQ(cache.lookups(), 8u);
}

TEST(Cache, DedupMemoryHoldsOnlyKeysMissedWithinTheTtl) {
    ResponseCache cache(dedup(1.0), Rng(1));
    for (int i = 0; i < 100000; ++i) cache.hit(keyed(i * 0.01, static_cast<std::uint64_t>(i) + 1));
    // 1 s of distinct keys at 100/s: the rest were evicted.
    EXPECT_LE(cache.entries(), 102u);
    EXPECT_EQ(cache.hits(), 0u);
}

Scenario keyTraceScenario() {
    const std::string path = std::string(BREAKEVEN_TEST_DATA_DIR) + "/cache/keys.csv";
    return parseScenarioText(R"({"schemaVersion": 1, "name": "dedup", "seed": 3,
      "workload": {"kind": "trace", "path": ")" + path + R"(", "format": "csv",
                   "mapping": {"timeColumn": "time", "timeUnit": "s", "keyColumn": "key"}},
      "deployments": [
        {"name": "fn", "service": {"kind": "fixed", "seconds": 0.1}},
        {"name": "box", "kind": "dedicated", "nodes": 1, "service": {"kind": "fixed", "seconds": 0.1}}],
      "cache": {"ttlSeconds": 5, "cacheLatencySeconds": 0.002, "usdPerHour": 0.5}})",
                             "dedup.json");
}

TEST(Cache, DedupOnAKeyedTraceGivesTheHandCountedHits) {
    // keys.csv, TTL 5: a@0 miss, b@1 miss, a@2 hit, a@5 hit, a@6 miss, b@7 miss,
    // a@8 hit, a@11 hit, a@11.5 miss, b@12 hit, c@20 miss, c@21 hit.
    const Scenario s = keyTraceScenario();
    for (std::size_t i = 0; i < 2; ++i) {
        const DeploymentResult r = runOne(s, i);
        ASSERT_TRUE(r.cache.has_value());
        EXPECT_EQ(r.cache->hits, 6u);
        EXPECT_EQ(r.cache->lookups, 12u);
        EXPECT_DOUBLE_EQ(r.cache->hitFraction(), 0.5);
        EXPECT_EQ(r.requests, 12u);
        EXPECT_EQ(r.served, 12u);
        EXPECT_EQ(r.ledger.requests, 6u);  // hits never reach the deployment
        EXPECT_EQ(r.ledger.invocations, 6u);
        EXPECT_NEAR(r.ledger.requestSecondsRaw, 0.6, 1e-9);
        EXPECT_EQ(r.latency.count(), 12u);
        EXPECT_NEAR(r.latency.quantileSeconds(0.25), 0.002, 0.002 * 0.02);
    }
}

TEST(Cache, RequestsWithoutAKeyAlwaysMiss) {
    Scenario s = poissonScenario(50.0, 100.0);
    s.deployments.push_back(functionDeployment("fn", Distribution::fixed(0.1)));
    s.cache = dedup(1000.0);
    const DeploymentResult r = runOne(s);
    ASSERT_TRUE(r.cache.has_value());
    EXPECT_EQ(r.cache->hits, 0u);
    EXPECT_EQ(r.ledger.invocations, r.requests);
}

Scenario ratioScenario(double hitRatio) {
    Scenario s = poissonScenario(100.0, 1000.0, 11);  // ~10^5 requests
    s.deployments.push_back(functionDeployment("fn", Distribution::fixed(0.1)));
    s.deployments.push_back(dedicatedDeployment("box", 40, Distribution::fixed(0.1)));
    CacheSpec c;
    c.mode = CacheMode::HitRatio;
    c.hitRatio = hitRatio;
    c.cacheLatencySeconds = 0.005;
    s.cache = c;
    return s;
}

TEST(Cache, HitRatioIsSeededAndIdenticalForEveryAlternative) {
    const Scenario s = ratioScenario(0.3);
    const ScenarioResult result = simulate(s, SimulationOptions{});
    const DeploymentResult& fn = result.deployments[0];
    const DeploymentResult& box = result.deployments[1];
    ASSERT_TRUE(fn.cache && box.cache);
    const auto n = static_cast<double>(fn.requests);
    ASSERT_GT(n, 99000.0);
    // Binomial(n, 0.3): 5 standard deviations is about 0.0072.
    EXPECT_NEAR(fn.cache->hitFraction(), 0.3, 5.0 * std::sqrt(0.3 * 0.7 / n));
    EXPECT_EQ(fn.cache->hits, box.cache->hits);
    EXPECT_EQ(fn.requests, box.requests);
    EXPECT_EQ(result.arrivals, fn.requests);
}

TEST(Cache, AHitCostsNoCompute) {
    Scenario plain = ratioScenario(0.3);
    plain.cache.reset();
    const DeploymentResult without = runOne(plain);
    const DeploymentResult with = runOne(ratioScenario(0.3));
    ASSERT_TRUE(with.cache.has_value());
    EXPECT_FALSE(without.cache.has_value());
    EXPECT_EQ(with.requests, without.requests);  // the same arrivals
    const std::uint64_t hits = with.cache->hits;
    EXPECT_EQ(with.ledger.requests, without.ledger.requests - hits);
    EXPECT_EQ(with.ledger.invocations, without.ledger.invocations - hits);
    EXPECT_NEAR(with.ledger.requestSecondsRaw, 0.1 * static_cast<double>(without.requests - hits), 1e-6);
    EXPECT_EQ(with.served, without.served);  // hits are answered too
}

TEST(Cache, HitLatencyIsInThePercentiles) {
    // 60 % hits at 5 ms, the rest 100 ms on a warm pool: the median is a hit.
    const DeploymentResult r = runOne(ratioScenario(0.6), 1);
    EXPECT_NEAR(r.latency.quantileSeconds(0.5), 0.005, 0.005 * 0.02);
    EXPECT_NEAR(r.latency.quantileSeconds(0.99), 0.1, 0.1 * 0.02);
}

TEST(Cache, ResultJsonHasTheCacheOnlyWhenConfigured) {
    Scenario s = ratioScenario(0.3);
    const ResultJson with = deploymentResultToJson(runOne(s), false);
    ASSERT_TRUE(with.contains("cache"));
    EXPECT_EQ(with["cache"]["hits"].get<std::uint64_t>(), runOne(s).cache->hits);
    EXPECT_DOUBLE_EQ(with["cache"]["latencySeconds"].get<double>(), 0.005);
    EXPECT_NEAR(with["cache"]["hours"].get<double>(), 1000.0 / 3600.0, 1e-3);
    s.cache.reset();
    EXPECT_FALSE(deploymentResultToJson(runOne(s), false).contains("cache"));
}

TEST(Cache, CompositeAlternativesSeeTheSameHits) {
    Scenario s = ratioScenario(0.3);
    DeploymentSpec hybrid;
    hybrid.name = "hybrid";
    hybrid.composite = Composite::Hybrid;
    hybrid.members = {dedicatedDeployment("base", 4, Distribution::fixed(0.1)),
                      functionDeployment("burst", Distribution::fixed(0.1))};
    s.deployments.push_back(hybrid);
    const ScenarioResult result = simulate(s, SimulationOptions{});
    const DeploymentResult& h = result.deployments[2];
    ASSERT_TRUE(h.cache.has_value());
    EXPECT_EQ(h.cache->hits, result.deployments[0].cache->hits);
    EXPECT_EQ(h.members[0].requests + h.members[1].requests + h.cache->hits, h.requests);
    EXPECT_FALSE(h.members[0].cache.has_value());
}

}  // namespace
}  // namespace breakeven::test
