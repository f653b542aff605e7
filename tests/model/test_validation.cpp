// The simulation core against closed forms and a peer simulator
// (DESIGN.md "Validation the core must pass").
#include <gtest/gtest.h>

#include <cmath>

#include "SimTestSupport.h"

namespace breakeven::test {
namespace {

// M/G/inf: with unlimited instances and no cold start, the mean number of
// busy instances is lambda * E[S] whatever the service distribution.
TEST(Validation, MGInfinityMeanBusyIsLambdaTimesMeanService) {
    Scenario s = poissonScenario(5.0, 200000.0);
    const Distribution service = Distribution::logNormalFromP50P99(0.5, 3.0);
    s.deployments.push_back(functionDeployment("mginf", service));
    s.deployments[0].keepAliveSeconds = 0.0;
    const DeploymentResult r = runOne(s);
    const double expected = 5.0 * service.mean();  // 3.24
    EXPECT_NEAR(r.meanBusy, expected, 0.02 * expected);
    EXPECT_EQ(r.rejected, 0u);
    EXPECT_EQ(r.served, r.requests);
    // Served latency equals service time: its mean matches E[S].
    EXPECT_NEAR(r.latency.meanSeconds(), service.mean(), 0.02 * service.mean());
}

// Erlang B: c servers, no queue, Poisson arrivals: the rejected fraction.
TEST(Validation, ErlangBRejectionWithoutQueue) {
    Scenario s = poissonScenario(8.0, 200000.0);
    s.deployments.push_back(dedicatedDeployment("erlang-b", 10, Distribution::exponential(1.0)));
    const DeploymentResult r = runOne(s);
    const double expected = erlangB(10, 8.0);  // 0.1217
    const double rejected = static_cast<double>(r.rejected) / static_cast<double>(r.requests);
    EXPECT_NEAR(rejected, expected, 0.03 * expected);
    EXPECT_EQ(r.served + r.rejected, r.requests);
}

// Erlang B is insensitive to the service distribution (and holds for one
// instance with c slots as for c instances of one slot).
TEST(Validation, ErlangBInsensitiveToServiceShape) {
    Scenario s = poissonScenario(4.0, 200000.0);
    DeploymentSpec d = dedicatedDeployment("slots", 1, Distribution::uniform(0.0, 2.0));
    d.concurrencyPerInstance = 6;
    s.deployments.push_back(d);
    const DeploymentResult r = runOne(s);
    const double expected = erlangB(6, 4.0);  // 0.1172
    const double rejected = static_cast<double>(r.rejected) / static_cast<double>(r.requests);
    EXPECT_NEAR(rejected, expected, 0.04 * expected);
}

// Erlang C: an unbounded FIFO queue in front of c servers.
TEST(Validation, ErlangCMeanWaitWithFifoQueue) {
    Scenario s = poissonScenario(8.0, 200000.0);
    DeploymentSpec d = dedicatedDeployment("erlang-c", 10, Distribution::exponential(1.0));
    d.overflow = Overflow::Queue;
    d.queueTimeoutSeconds = 1e8;
    s.deployments.push_back(d);
    const DeploymentResult r = runOne(s);
    const double pWait = erlangC(10, 8.0);       // 0.4092
    const double meanWait = pWait / (10.0 - 8.0);  // mu = 1
    EXPECT_NEAR(r.queueDelay.meanSeconds(), meanWait, 0.04 * meanWait);
    EXPECT_NEAR(static_cast<double>(r.queued) / static_cast<double>(r.requests), pWait, 0.02 * pWait);
    EXPECT_EQ(r.rejected, 0u);
    EXPECT_EQ(r.queueTimeouts, 0u);
}

// One instance, instant service: an arrival is cold exactly when the gap
// since the previous one exceeds the keep-alive, so P(cold) = exp(-lambda T).
TEST(Validation, KeepAliveColdFractionClosedForm) {
    const double lambda = 0.5, keepAlive = 3.0;
    Scenario s = poissonScenario(lambda, 400000.0);
    DeploymentSpec d = functionDeployment("keepalive", Distribution::fixed(0.0));
    d.keepAliveSeconds = keepAlive;
    s.deployments.push_back(d);
    const DeploymentResult r = runOne(s);
    const double expected = std::exp(-lambda * keepAlive);  // 0.2231
    const double cold = static_cast<double>(r.coldStarts) / static_cast<double>(r.requests);
    EXPECT_NEAR(cold, expected, 0.02 * expected);
    EXPECT_EQ(r.coldStarts, r.coldStartsFromZero);  // never more than one instance
    EXPECT_EQ(r.maxAlive, 1);
    EXPECT_EQ(r.coldRequests, r.coldStarts);
}

// SimFaaS (Mahmoudi & Khazaei) reference case: Poisson 0.9/s, exponential
// warm service 1.991 s, cold total 2.244 s, keep-alive 600 s, 10^6 s.
TEST(Validation, SimFaasReferenceCase) {
    Scenario s = poissonScenario(0.9, 1e6);
    DeploymentSpec d = functionDeployment("simfaas", Distribution::exponential(1.991));
    d.coldStart = Distribution::fixed(2.244 - 1.991);
    d.keepAliveSeconds = 600.0;
    d.maxInstances = 1000;
    s.deployments.push_back(d);
    const DeploymentResult r = runOne(s);
    const double pCold = static_cast<double>(r.coldStarts) / static_cast<double>(r.requests);
    EXPECT_NEAR(pCold, 0.0014, 0.0004);
    EXPECT_NEAR(r.meanAlive, 7.66, 0.25);
    EXPECT_NEAR(r.meanBusy, 1.79, 0.03);
    EXPECT_NEAR(r.meanIdle, 5.87, 0.25);
    EXPECT_EQ(r.rejected, 0u);
}

}  // namespace
}  // namespace breakeven::test
