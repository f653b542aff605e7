#pragma once
// Runs a scenario: every deployment sees the whole workload in its own event
// loop. Deployments are independent, so they run on worker threads and the
// result is identical for any thread count.
#include <atomic>
#include <cstddef>
#include <functional>
#include <stdexcept>

#include "model/domain/Scenario.h"
#include "model/sim/Result.h"

namespace breakeven {

struct SimulationOptions {
    bool timeline = false;
    int threads = 1;  // 0 = hardware concurrency
    // Called from worker threads (must be thread-safe): deployment index and
    // the fraction of its window simulated so far.
    std::function<void(std::size_t, double)> progress;
    const std::atomic<bool>* cancel = nullptr;
};

class SimulationCancelled : public std::runtime_error {
public:
    SimulationCancelled() : std::runtime_error("simulation cancelled") {}
};

// Simulates one deployment (the unit of parallel work).
DeploymentResult simulateDeployment(const Scenario& scenario, std::size_t index,
                                    const SimulationOptions& options);

// Simulates all deployments; scenarioSha256 and run.wallSeconds are left for
// the caller (they depend on the file bytes and the clock).
ScenarioResult simulate(const Scenario& scenario, const SimulationOptions& options);

}  // namespace breakeven
