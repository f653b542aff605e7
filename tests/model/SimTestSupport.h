#pragma once
// Scenario builders shared by the simulation tests.
#include <cmath>
#include <string>

#include "model/domain/Scenario.h"
#include "model/sim/Simulator.h"

namespace breakeven::test {

inline Scenario poissonScenario(double ratePerSecond, double durationSeconds, std::uint64_t seed = 42) {
    Scenario s;
    s.name = "test";
    s.seed = seed;
    s.workload.kind = WorkloadKind::Poisson;
    s.workload.ratePerSecond = ratePerSecond;
    s.workload.durationSeconds = durationSeconds;
    return s;
}

inline DeploymentSpec functionDeployment(std::string name, Distribution service) {
    DeploymentSpec d;
    d.name = std::move(name);
    d.platform = "custom";
    d.service = std::move(service);
    d.coldStart = Distribution::fixed(0.0);
    d.maxInstances = 100000;
    d.requestTimeoutSeconds = 1e6;
    return d;
}

inline DeploymentSpec dedicatedDeployment(std::string name, int nodes, Distribution service) {
    DeploymentSpec d = functionDeployment(std::move(name), std::move(service));
    d.kind = DeploymentKind::Dedicated;
    d.nodes = nodes;
    d.minInstances = d.maxInstances = nodes;
    d.placement = Placement::LeastLoaded;
    d.billing = BillingScope::NodeHours;
    d.billingGranularitySeconds = 1.0;
    d.billingMinimumSeconds = 60.0;
    return d;
}

inline DeploymentResult runOne(const Scenario& s, std::size_t index = 0) {
    return simulateDeployment(s, index, SimulationOptions{});
}

// Erlang B by the stable recursion B(k) = a B(k-1) / (k + a B(k-1)).
inline double erlangB(int servers, double offered) {
    double b = 1.0;
    for (int k = 1; k <= servers; ++k) b = offered * b / (k + offered * b);
    return b;
}

// Erlang C: probability an arrival waits in an M/M/c queue.
inline double erlangC(int servers, double offered) {
    const double b = erlangB(servers, offered);
    return servers * b / (servers - offered * (1.0 - b));
}

}  // namespace breakeven::test
