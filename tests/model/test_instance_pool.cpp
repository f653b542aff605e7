// Instance-pool mechanics on hand-made arrivals, against values worked out
// by hand from DESIGN.md's semantics.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "SimTestSupport.h"

namespace breakeven::test {
namespace {

Scenario listScenario(std::vector<double> arrivals, double durationSeconds) {
    Scenario s;
    s.name = "pool";
    s.workload.kind = WorkloadKind::List;
    s.workload.durationSeconds = durationSeconds;
    s.workload.arrivalsSeconds = std::make_shared<const std::vector<double>>(std::move(arrivals));
    return s;
}

DeploymentSpec fixedService(double serviceSeconds, double coldSeconds, double keepAliveSeconds) {
    DeploymentSpec d = functionDeployment("pool", Distribution::fixed(serviceSeconds));
    d.coldStart = Distribution::fixed(coldSeconds);
    d.keepAliveSeconds = keepAliveSeconds;
    return d;
}

// t=0 starts A (ready 0.5, done 2.5); t=1 starts B (ready 1.5, done 3.5);
// at t=20 both expired (12.5, 13.5), so C starts from zero and idles until
// the window ends at 30 without billing the keep-alive tail.
TEST(InstancePool, ColdStartsKeepAliveAndLedger) {
    Scenario s = listScenario({0.0, 1.0, 20.0}, 30.0);
    s.deployments.push_back(fixedService(2.0, 0.5, 10.0));
    const DeploymentResult r = runOne(s);
    EXPECT_EQ(r.coldStarts, 3u);
    EXPECT_EQ(r.coldStartsFromZero, 2u);
    EXPECT_EQ(r.coldStartsScaleOut, 1u);
    EXPECT_EQ(r.coldRequests, 3u);
    EXPECT_EQ(r.maxAlive, 2);
    EXPECT_DOUBLE_EQ(r.simulatedSeconds, 30.0);
    EXPECT_NEAR(r.latency.quantileSeconds(0.5), 2.5, 0.01);
    EXPECT_DOUBLE_EQ(r.latency.meanSeconds(), 2.5);
    const UsageLedger& l = r.ledger;
    EXPECT_DOUBLE_EQ(l.instanceAliveSeconds, 12.5 + 12.5 + 10.0);
    EXPECT_DOUBLE_EQ(l.instanceBusySeconds, 6.0);
    EXPECT_DOUBLE_EQ(l.instanceStartingSeconds, 1.5);
    EXPECT_DOUBLE_EQ(l.instanceIdleSeconds, 35.0 - 6.0 - 1.5);
    EXPECT_DOUBLE_EQ(l.billedRequestSecondsOnDemand, 6.0);
    EXPECT_DOUBLE_EQ(l.billedInitSeconds, 1.5);
    EXPECT_DOUBLE_EQ(l.billedActiveSeconds, 7.5);  // busy intervals include start-up
    EXPECT_DOUBLE_EQ(l.billedLifetimeSeconds, 35.0);
    EXPECT_DOUBLE_EQ(r.meanAlive, 35.0 / 30.0);
}

TEST(InstancePool, ArrivalAtExactExpiryFindsInstanceWarm) {
    Scenario s = listScenario({0.0, 12.0, 24.000001}, 30.0);
    s.deployments.push_back(fixedService(2.0, 0.0, 10.0));
    const DeploymentResult r = runOne(s);
    // Idle from 2 s, expires at 12 s: the arrival at 12 s is warm. Idle from
    // 14 s, expired at 24 s: the arrival 1 µs later is cold.
    EXPECT_EQ(r.coldStarts, 2u);
}

// Two warm instances with two slots each; two arrivals. Packing puts both on
// the newest instance, least-loaded spreads them.
TEST(InstancePool, PackingVersusLeastLoaded) {
    for (const Placement placement : {Placement::Packing, Placement::LeastLoaded}) {
        Scenario s = listScenario({0.0, 1.0}, 20.0);
        DeploymentSpec d = fixedService(10.0, 0.0, 100.0);
        d.minInstances = 2;
        d.concurrencyPerInstance = 2;
        d.placement = placement;
        s.deployments.push_back(d);
        const DeploymentResult r = runOne(s);
        EXPECT_EQ(r.coldStarts, 0u);
        const double expectedBusy = placement == Placement::Packing ? 11.0 : 20.0;
        EXPECT_DOUBLE_EQ(r.ledger.instanceBusySeconds, expectedBusy) << toString(placement);
        EXPECT_DOUBLE_EQ(r.ledger.provisionedInstanceSeconds, 40.0);
        EXPECT_DOUBLE_EQ(r.ledger.billedRequestSecondsProvisioned, 20.0);
    }
}

// One instance start per second: three simultaneous arrivals start at 0, 1, 2.
TEST(InstancePool, ScaleUpRateLimitQueuesUntilTheLimitAllows) {
    Scenario s = listScenario({0.0, 0.0, 0.0}, 20.0);
    DeploymentSpec d = fixedService(10.0, 0.0, 100.0);
    d.scaleUpPerSecond = 1.0;
    d.overflow = Overflow::Queue;
    s.deployments.push_back(d);
    const DeploymentResult r = runOne(s);
    EXPECT_EQ(r.coldStarts, 3u);
    EXPECT_EQ(r.queued, 2u);
    EXPECT_DOUBLE_EQ(r.queueDelay.meanSeconds(), 1.0);  // (0 + 1 + 2) / 3
    EXPECT_DOUBLE_EQ(r.latency.maxSeconds(), 12.0);
}

TEST(InstancePool, ScaleUpRateLimitWithRejectOverflow) {
    Scenario s = listScenario({0.0, 0.0, 0.0}, 20.0);
    DeploymentSpec d = fixedService(10.0, 0.0, 100.0);
    d.scaleUpPerSecond = 1.0;
    s.deployments.push_back(d);
    const DeploymentResult r = runOne(s);
    EXPECT_EQ(r.coldStarts, 1u);
    EXPECT_EQ(r.rejected, 2u);
    EXPECT_EQ(r.ledger.requests, 1u);  // rejected requests never reach an instance
}

TEST(InstancePool, RequestTimeoutFailsButIsBilled) {
    Scenario s = listScenario({0.0, 10.0}, 20.0);
    DeploymentSpec d = fixedService(5.0, 0.0, 100.0);
    d.requestTimeoutSeconds = 2.0;
    s.deployments.push_back(d);
    const DeploymentResult r = runOne(s);
    EXPECT_EQ(r.requestTimeouts, 2u);
    EXPECT_EQ(r.served, 0u);
    EXPECT_EQ(r.latency.count(), 0u);
    EXPECT_DOUBLE_EQ(r.ledger.billedRequestSecondsOnDemand, 4.0);
    ASSERT_FALSE(r.feasibility.empty());
    EXPECT_EQ(r.feasibility.back().code, "requests-timed-out");
}

// One node, one slot, 3 s jobs: the two queued requests give up at 1.5 s
// and 1.6 s, before the slot frees at 3 s.
TEST(InstancePool, QueueTimeout) {
    Scenario s = listScenario({0.0, 0.5, 0.6}, 10.0);
    DeploymentSpec d = dedicatedDeployment("node", 1, Distribution::fixed(3.0));
    d.overflow = Overflow::Queue;
    d.queueTimeoutSeconds = 1.0;
    s.deployments.push_back(d);
    const DeploymentResult r = runOne(s);
    EXPECT_EQ(r.served, 1u);
    EXPECT_EQ(r.queued, 2u);
    EXPECT_EQ(r.queueTimeouts, 2u);
    EXPECT_EQ(r.timedOut(), 2u);
}

TEST(InstancePool, FifoQueueServesInArrivalOrder) {
    Scenario s = listScenario({0.0, 0.5, 0.6}, 10.0);
    DeploymentSpec d = dedicatedDeployment("node", 1, Distribution::fixed(1.0));
    d.overflow = Overflow::Queue;
    s.deployments.push_back(d);
    const DeploymentResult r = runOne(s);
    // Starts at 0, 1, 2: waits 0, 0.5, 1.4; latencies 1, 1.5, 2.4.
    EXPECT_EQ(r.served, 3u);
    EXPECT_NEAR(r.queueDelay.meanSeconds(), (0.0 + 0.5 + 1.4) / 3.0, 1e-9);
    EXPECT_DOUBLE_EQ(r.latency.maxSeconds(), 2.4);
}

TEST(InstancePool, DedicatedNodesBillEveryNodeForTheWholeWindow) {
    Scenario s = listScenario({1.0}, 30.0);
    s.deployments.push_back(dedicatedDeployment("nodes", 2, Distribution::fixed(1.0)));
    const DeploymentResult r = runOne(s);
    EXPECT_DOUBLE_EQ(r.ledger.nodeSeconds, 60.0);
    EXPECT_DOUBLE_EQ(r.ledger.billedNodeSeconds, 120.0);  // 1-minute minimum per node
    EXPECT_DOUBLE_EQ(r.meanAlive, 2.0);
    EXPECT_EQ(r.coldStarts, 0u);
}

TEST(InstancePool, ActiveBillingRoundsEachBusyInterval) {
    Scenario s = listScenario({0.0, 5.0}, 10.0);
    DeploymentSpec d = fixedService(0.25, 0.0, 100.0);
    d.billing = BillingScope::InstanceActive;
    d.billingGranularitySeconds = 0.1;
    s.deployments.push_back(d);
    const DeploymentResult r = runOne(s);
    EXPECT_DOUBLE_EQ(r.ledger.billedActiveSeconds, 0.6);  // 2 x 0.25 s -> 2 x 0.3 s
    EXPECT_DOUBLE_EQ(r.ledger.billedRequestSecondsOnDemand, 0.6);
    EXPECT_DOUBLE_EQ(r.ledger.instanceBusySeconds, 0.5);
}

// Exact multiples of the granularity stay as they are; a microsecond more
// bills a whole extra unit.
TEST(InstancePool, BillingRoundsUpToTheGranularityExactly) {
    for (const auto& [serviceSeconds, billedSeconds] :
         {std::pair{0.002, 0.002}, {0.002001, 0.003}, {0.000001, 0.001}, {1.0, 1.0}}) {
        Scenario s = listScenario({0.0}, 10.0);
        s.deployments.push_back(fixedService(serviceSeconds, 0.0, 100.0));
        const DeploymentResult r = runOne(s);
        EXPECT_DOUBLE_EQ(r.ledger.billedRequestSecondsOnDemand, billedSeconds) << serviceSeconds;
    }
}

TEST(InstancePool, TimelineCountsArrivalsPerMinute) {
    Scenario s = listScenario({1.0, 2.0, 61.0, 130.0}, 180.0);
    s.deployments.push_back(fixedService(30.0, 0.0, 0.0));
    SimulationOptions options;
    options.timeline = true;
    const DeploymentResult r = simulateDeployment(s, 0, options);
    ASSERT_EQ(r.timeline.arrivals.size(), 3u);
    EXPECT_DOUBLE_EQ(r.timeline.arrivals[0], 2.0);
    EXPECT_DOUBLE_EQ(r.timeline.arrivals[1], 1.0);
    EXPECT_DOUBLE_EQ(r.timeline.arrivals[2], 1.0);
    // Minute 0: two 30 s jobs on two instances from 1 s and 2 s -> 60 busy
    // instance-seconds, a mean of 1.0 busy instances.
    EXPECT_NEAR(r.timeline.busy[0], 1.0, 1e-12);
    EXPECT_NEAR(r.timeline.alive[0], 1.0, 1e-12);
}

}  // namespace
}  // namespace breakeven::test
