// The demo traffic sweep of issue 8: workload.rateScale 0.1–20, 40 log
// points, every deployment, crossovers refined, priced from a catalogue seeded
// from the embedded pricing facts. Wall time on 2 threads.
// Run: build/benchmarks/bench_sweep (Release build).
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>

#include "model/analysis/Sweep.h"
#include "model/io/ScenarioJson.h"
#include "pricing/CatalogueDb.h"
#include "pricing/GpuResolve.h"
#include "pricing/ResultPricing.h"
#include "pricing/SeedFacts.h"

namespace breakeven {
namespace {

const pricing::PriceSet& prices() {
    static const pricing::PriceSet set = [] {
        const auto path = std::filesystem::temp_directory_path() /
                          ("breakeven-bench-sweep-" + std::to_string(getpid()) + ".sqlite");
        pricing::PriceSet loaded =
            pricing::Catalogue::openOrCreate(path.string(), [] {
                return pricing::parseSeed(pricing::embeddedPricingFacts(), "embedded pricing-facts.json");
            }).load();
        std::filesystem::remove(path);
        return loaded;
    }();
    return set;
}

std::optional<double> monthCost(const Scenario& s, std::size_t i, const DeploymentResult& r) {
    Scenario one;
    one.deployments = {s.deployments[i]};
    ScenarioResult result;
    result.deployments = {r};
    const auto costs = pricing::priceResult(one, result, prices(), {});
    if (!costs.front().month.errors.empty()) return std::nullopt;
    return costs.front().month.totalUsd;
}

void demoSweep(benchmark::State& state, const char* scenarioFile) {
    const std::string source = std::string(BREAKEVEN_SOURCE_DIR) + "/resources/demo/" + scenarioFile;
    Scenario base = loadScenarioFile(source);
    auto prepare = [&source](Scenario& s) { pricing::resolveLlmGpus(s, prices(), source); };
    prepare(base);
    const analysis::ParameterPath parameter(base, "workload.rateScale", source, prepare);
    const analysis::SweepRange range{0.1, 20.0, 40, analysis::SweepScale::Log};
    analysis::SweepResult result;
    double pointsSeconds = 0.0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        std::atomic<int> done{0};
        analysis::SweepOptions options;
        options.threads = 2;
        options.onPoint = [&](const analysis::SweepPoint&) {
            if (++done == range.points)
                pointsSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        };
        result = analysis::runSweep(parameter, range, monthCost, options);
        benchmark::DoNotOptimize(result.points.data());
    }
    std::uint64_t requests = 0;
    for (const auto& p : result.points) requests += p.arrivals * p.alternatives.size();
    int refined = 0;
    for (const auto& c : result.crossovers) refined += c.crossover.refined ? 1 : 0;
    state.counters["points/s"] = benchmark::Counter(static_cast<double>(result.points.size()),
                                                    benchmark::Counter::kIsIterationInvariantRate);
    state.counters["pointPhase_s"] = pointsSeconds;
    state.counters["runs"] = static_cast<double>(result.simulations);
    state.counters["crossovers"] = static_cast<double>(result.crossovers.size());
    state.counters["refined"] = refined;
    state.counters["simRequests"] = static_cast<double>(requests);
}

BENCHMARK_CAPTURE(demoSweep, demo_scenario_diurnal_day, "demo-scenario.json")
    ->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);
BENCHMARK_CAPTURE(demoSweep, azure_conv_trace_hour, "azure-conv-trace.json")
    ->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

}  // namespace
}  // namespace breakeven

BENCHMARK_MAIN();
