// Autoscaling policies on a pool: Cloud Run-like target utilisation on a
// function pool, a node-pool autoscaler on a dedicated one (hand-computed
// node timeline), and the scenario keys with their errors.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "SimTestSupport.h"
#include "model/io/ScenarioJson.h"

namespace breakeven::test {
namespace {

using nlohmann::json;

// --------------------------------------------------------------- targetUtilization

DeploymentSpec cloudRunLike(std::optional<double> target) {
    DeploymentSpec d = functionDeployment("run", Distribution::exponential(1.0));
    d.concurrencyPerInstance = 10;
    d.keepAliveSeconds = 120.0;
    d.coldStart = Distribution::fixed(2.0);
    if (target) {
        AutoscalingSpec a;
        a.policy = AutoscalingPolicy::TargetUtilization;
        a.targetUtilization = *target;
        d.autoscaling = a;
    }
    return d;
}

// Busy slots / alive slots over the run.
double slotUtilization(const DeploymentResult& r, int slots) {
    return r.ledger.requestSecondsRaw / (r.ledger.instanceAliveSeconds * slots);
}

TEST(Autoscaling, TargetUtilizationHoldsThePoolNearTheTarget) {
    // 20 requests in flight on average, 10 slots per instance. Packing and
    // the keep-alive tail keep some idle capacity either way; the policy
    // adds instances before the slots run out, so fewer requests wait for
    // a cold start.
    Scenario withPolicy = poissonScenario(20.0, 7200.0, 9);
    withPolicy.deployments.push_back(cloudRunLike(0.5));
    Scenario without = withPolicy;
    without.deployments[0] = cloudRunLike(std::nullopt);
    const DeploymentResult policy = runOne(withPolicy);
    const DeploymentResult none = runOne(without);
    EXPECT_NEAR(slotUtilization(policy, 10), 0.5, 0.08) << "meanAlive " << policy.meanAlive;
    EXPECT_LT(slotUtilization(policy, 10), slotUtilization(none, 10));
    EXPECT_GT(policy.meanAlive, none.meanAlive);
    EXPECT_LT(policy.coldRequests, none.coldRequests);
    EXPECT_GT(policy.coldStartsScaleOut, none.coldStartsScaleOut);  // the early starts
    EXPECT_EQ(policy.served, policy.requests);
}

TEST(Autoscaling, TargetOneIsTheDefaultBehaviour) {
    // Target 1.0 never starts early: identical to no policy (same name, same draws).
    Scenario a = poissonScenario(20.0, 600.0, 9);
    a.deployments.push_back(cloudRunLike(1.0));
    Scenario b = a;
    b.deployments[0] = cloudRunLike(std::nullopt);
    const DeploymentResult ra = runOne(a);
    const DeploymentResult rb = runOne(b);
    EXPECT_EQ(ra.coldStarts, rb.coldStarts);
    EXPECT_EQ(ra.coldRequests, rb.coldRequests);
    EXPECT_DOUBLE_EQ(ra.ledger.instanceAliveSeconds, rb.ledger.instanceAliveSeconds);
    EXPECT_EQ(ra.latency.quantileSeconds(0.99), rb.latency.quantileSeconds(0.99));
}

// --------------------------------------------------------------- nodePool

// Four arrivals a second (k + 0.1, 0.35, 0.6, 0.85) for 1200 s, then quiet
// until 3000 s; each takes 0.9 s on a one-slot node; no queue.
Scenario stepLoad() {
    auto arrivals = std::make_shared<std::vector<double>>();
    for (int k = 0; k < 1200; ++k)
        for (double f : {0.1, 0.35, 0.6, 0.85}) arrivals->push_back(k + f);
    Scenario s;
    s.name = "step";
    s.workload.kind = WorkloadKind::List;
    s.workload.durationSeconds = 3000.0;
    s.workload.arrivalsSeconds = arrivals;
    DeploymentSpec d = dedicatedDeployment("pool", 1, Distribution::fixed(0.9));
    d.billingGranularitySeconds = 1.0;
    d.billingMinimumSeconds = 60.0;
    AutoscalingSpec a;
    a.policy = AutoscalingPolicy::NodePool;
    a.targetUtilization = 0.8;
    a.minNodes = 1;
    a.maxNodes = 8;
    a.spinUpSeconds = 180.0;
    a.cooldownSeconds = 600.0;
    a.evaluationSeconds = 60.0;
    d.autoscaling = a;
    s.deployments.push_back(d);
    return s;
}

TEST(Autoscaling, NodePoolFollowsAStepLoadUpAndDown) {
    // Mean busy slots per node count n (one slot, 0.9 s per request, ties to
    // the oldest node): n=1 0.9, 2 1.8, 3 2.7, then all 4/s served: 3.6.
    // Desired ceil(busy / 0.8): 2, 3, 4, 5, 5. Decisions at 60, 300, 540,
    // 780 (each node ready 180 s later, evaluated one period after); quiet
    // from 1260 (desired 1), removed after the 600 s cooldown at 1860.
    const DeploymentResult r = runOne(stepLoad());
    EXPECT_EQ(r.maxAlive, 5);
    EXPECT_EQ(r.coldStartsScaleOut, 4u);
    const double nodeSeconds = 3000.0             // the initial node, the whole window
                               + (1860.0 - 60.0)  // decided at 60
                               + (1860.0 - 300.0) + (1860.0 - 540.0) + (1860.0 - 780.0);
    EXPECT_DOUBLE_EQ(r.ledger.nodeSeconds, nodeSeconds);  // 8760
    EXPECT_DOUBLE_EQ(r.ledger.billedNodeSeconds, nodeSeconds);
    EXPECT_DOUBLE_EQ(r.simulatedSeconds, 3000.0);
    // Served: one node takes 1/s for its 240 s alone, two 2/s, three 3/s, then all.
    const std::uint64_t served = 240 * 1 + 240 * 2 + 240 * 3 + (1200 - 720) * 4;
    EXPECT_EQ(r.served, served);
    EXPECT_EQ(r.rejected, 4800u - served);
}

TEST(Autoscaling, NodePoolShrinksAnIdleStartToMinNodesAfterTheCooldown) {
    // Two initial nodes, min 1, one request at 10 s: desired 1 from the
    // first evaluation (60 s), so the newest node goes at 60 + 600.
    Scenario s = stepLoad();
    s.workload.arrivalsSeconds = std::make_shared<std::vector<double>>(std::vector<double>{10.0});
    s.deployments[0].nodes = s.deployments[0].minInstances = s.deployments[0].maxInstances = 2;
    const DeploymentResult r = runOne(s);
    EXPECT_EQ(r.maxAlive, 2);
    EXPECT_EQ(r.coldStarts, 0u);
    EXPECT_DOUBLE_EQ(r.ledger.nodeSeconds, 3000.0 + 660.0);
    EXPECT_EQ(r.served, 1u);
}

// --------------------------------------------------------------- scenario keys

std::string scenarioWith(const std::string& deployment) {
    return R"({"schemaVersion": 1, "name": "a",
      "workload": {"kind": "poisson", "ratePerSecond": 1, "durationSeconds": 60},
      "deployments": [)" + deployment + "]}";
}

std::string errorOf(const std::string& text) {
    try {
        parseScenarioText(text, "s.json");
    } catch (const std::exception& e) {
        return e.what();
    }
    return "no error";
}

TEST(Autoscaling, ScenarioKeysRoundTrip) {
    const Scenario s = parseScenarioText(scenarioWith(R"(
        {"name": "run", "service": {"kind": "fixed", "seconds": 1}, "concurrencyPerInstance": 80,
         "autoscaling": {"policy": "targetUtilization"}},
        {"name": "gke", "kind": "dedicated", "nodes": 2, "service": {"kind": "fixed", "seconds": 1},
         "autoscaling": {"policy": "nodePool", "targetUtilization": 0.7, "minNodes": 1, "maxNodes": 8,
                         "spinUpSeconds": 180, "cooldownSeconds": 600, "evaluationSeconds": 60}})"),
                                         "s.json");
    ASSERT_TRUE(s.deployments[0].autoscaling.has_value());
    EXPECT_EQ(s.deployments[0].autoscaling->policy, AutoscalingPolicy::TargetUtilization);
    EXPECT_DOUBLE_EQ(s.deployments[0].autoscaling->targetUtilization, 0.6);  // Cloud Run's default
    const AutoscalingSpec& n = *s.deployments[1].autoscaling;
    EXPECT_EQ(n.policy, AutoscalingPolicy::NodePool);
    EXPECT_EQ(n.minNodes, 1);
    EXPECT_EQ(n.maxNodes, 8);
    EXPECT_DOUBLE_EQ(n.spinUpSeconds, 180.0);
    const json canonical = scenarioToJson(s);
    EXPECT_EQ(canonical["deployments"][1]["autoscaling"]["maxNodes"], 8);
    const Scenario again = scenarioFromJson(canonical, "again.json");
    EXPECT_EQ(scenarioToJson(again), canonical);
    // Without the key, the canonical text has none (older scenarios keep their SHA-256).
    const Scenario plain = parseScenarioText(
        scenarioWith(R"({"name": "f", "service": {"kind": "fixed", "seconds": 1}})"), "s.json");
    EXPECT_FALSE(scenarioToJson(plain)["deployments"][0].contains("autoscaling"));
}

TEST(Autoscaling, BadPoliciesAreRefusedWithTheirPath) {
    const std::string fn = R"({"name": "f", "service": {"kind": "fixed", "seconds": 1}, "autoscaling": )";
    const std::string box =
        R"({"name": "b", "kind": "dedicated", "nodes": 2, "service": {"kind": "fixed", "seconds": 1}, "autoscaling": )";
    EXPECT_EQ(errorOf(scenarioWith(fn + R"({"policy": "nodePool", "maxNodes": 3}})")),
              "s.json: deployments[0].autoscaling.policy: nodePool is for dedicated deployments "
              "(function pools use targetUtilization)");
    EXPECT_EQ(errorOf(scenarioWith(box + R"({"policy": "targetUtilization"}})")),
              "s.json: deployments[0].autoscaling.policy: targetUtilization is for function "
              "deployments (dedicated ones use nodePool)");
    EXPECT_EQ(errorOf(scenarioWith(fn + R"({"policy": "targetUtilization", "targetUtilization": 0}})")),
              "s.json: deployments[0].autoscaling.targetUtilization: must be > 0");
    EXPECT_EQ(errorOf(scenarioWith(box + R"({"policy": "nodePool", "minNodes": 3, "maxNodes": 4}})")),
              "s.json: deployments[0].autoscaling.minNodes: must be ≤ nodes (2), the initial node count");
    EXPECT_EQ(errorOf(scenarioWith(box + R"({"policy": "nodePool", "maxNodes": 1}})")),
              "s.json: deployments[0].autoscaling.maxNodes: must be ≥ nodes (2), the initial node count");
    EXPECT_NE(errorOf(scenarioWith(fn + R"({"policy": "targetUtilization", "maxNodes": 3}})"))
                  .find("deployments[0].autoscaling.maxNodes: only used by the nodePool policy"),
              std::string::npos);
}

}  // namespace
}  // namespace breakeven::test
