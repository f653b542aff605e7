// Simulated requests per wall-clock second of the discrete-event core.
// Run: build/benchmarks/bench_simulator (Release build).
#include <benchmark/benchmark.h>

#include "model/domain/Scenario.h"
#include "model/sim/Simulator.h"

namespace breakeven {
namespace {

Scenario baseScenario(double ratePerSecond, double durationSeconds) {
    Scenario s;
    s.name = "bench";
    s.seed = 7;
    s.workload.kind = WorkloadKind::Poisson;
    s.workload.ratePerSecond = ratePerSecond;
    s.workload.durationSeconds = durationSeconds;
    return s;
}

// A Lambda-like function: one request per instance, packing, keep-alive.
DeploymentSpec lambdaLike() {
    DeploymentSpec d;
    d.name = "lambda";
    d.platform = "aws-lambda";
    d.service = Distribution::exponential(0.2);
    d.coldStart = Distribution::fixed(0.25);
    d.keepAliveSeconds = 600;
    d.maxInstances = 1000;
    return d;
}

// A GPU-like pool: 8 concurrent requests per instance, least-loaded.
DeploymentSpec gpuLike() {
    DeploymentSpec d;
    d.name = "gpu";
    d.platform = "modal";
    d.gpu = "l4";
    d.gpuCount = 1;
    d.concurrencyPerInstance = 8;
    d.placement = Placement::LeastLoaded;
    d.service = Distribution::logNormalFromP50P99(0.8, 3.0);
    d.coldStart = Distribution::fixed(20.0);
    d.keepAliveSeconds = 300;
    d.maxInstances = 50;
    d.overflow = Overflow::Queue;
    d.billing = BillingScope::InstanceLifetime;
    d.billingGranularitySeconds = 1.0;
    return d;
}

DeploymentSpec dedicatedLike() {
    DeploymentSpec d;
    d.name = "dedicated";
    d.platform = "aws-ec2";
    d.kind = DeploymentKind::Dedicated;
    d.nodes = 4;
    d.minInstances = d.maxInstances = 4;
    d.concurrencyPerInstance = 4;
    d.placement = Placement::LeastLoaded;
    d.service = Distribution::exponential(0.2);
    d.overflow = Overflow::Queue;
    d.billing = BillingScope::NodeHours;
    return d;
}

void runScenario(benchmark::State& state, const Scenario& scenario) {
    std::uint64_t requests = 0;
    for (auto _ : state) {
        ScenarioResult r = simulate(scenario, SimulationOptions{});
        benchmark::DoNotOptimize(r.deployments.data());
        requests += r.arrivals * r.deployments.size();
    }
    state.counters["requests/s"] =
        benchmark::Counter(static_cast<double>(requests), benchmark::Counter::kIsRate);
}

void BM_LambdaLikePool(benchmark::State& state) {
    Scenario s = baseScenario(10.0, 200000.0);  // 2 M requests
    s.deployments.push_back(lambdaLike());
    runScenario(state, s);
}
BENCHMARK(BM_LambdaLikePool)->Unit(benchmark::kMillisecond);

void BM_GpuLikePoolC8(benchmark::State& state) {
    Scenario s = baseScenario(20.0, 100000.0);  // 2 M requests, ~2 instances busy
    s.deployments.push_back(gpuLike());
    runScenario(state, s);
}
BENCHMARK(BM_GpuLikePoolC8)->Unit(benchmark::kMillisecond);

void BM_ThreeDeployments(benchmark::State& state) {
    Scenario s = baseScenario(10.0, 100000.0);  // 1 M requests x 3 deployments
    s.deployments = {lambdaLike(), gpuLike(), dedicatedLike()};
    runScenario(state, s);
}
BENCHMARK(BM_ThreeDeployments)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace breakeven

BENCHMARK_MAIN();
