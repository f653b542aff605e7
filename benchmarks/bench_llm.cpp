// Simulated LLM requests per wall-clock second: the Azure LLM conversation
// trace (bundled, one hour) replicated with rateScale to about a million
// requests, served by continuous-batching engines (Llama-2-7B shape on H200,
// roofline step times). Run: build/benchmarks/bench_llm (Release build).
#include <benchmark/benchmark.h>

#include <memory>

#include "model/domain/Scenario.h"
#include "model/sim/Simulator.h"

namespace breakeven {
namespace {

constexpr double kRateScale = 52.0;  // 19,366 x 52 = ~1.0 M requests

Scenario azureConv() {
    Scenario s;
    s.name = "bench-llm";
    s.seed = 7;
    auto t = std::make_shared<TraceWorkload>();
    t->path = t->resolvedPath = BREAKEVEN_SOURCE_DIR "/resources/traces/AzureLLMInferenceTrace_conv.csv";
    t->options.format = trace::TraceFormat::AzureLlm;
    t->rateScale = kRateScale;
    s.workload.kind = WorkloadKind::Trace;
    s.workload.trace = t;
    return s;
}

LlmServiceSpec h200Llama7b() {
    LlmServiceSpec llm;
    llm.model = *findLlmModelPreset("llama-2-7b");
    llm.gpu = {"H200", 141, 4800, 989.5};
    return llm;
}

DeploymentSpec dedicatedH200(int nodes) {
    DeploymentSpec d;
    d.name = "h200-dedicated";
    d.platform = "aws-ec2";
    d.kind = DeploymentKind::Dedicated;
    d.nodes = d.minInstances = d.maxInstances = nodes;
    d.gpu = "H200";
    d.gpuCount = 1;
    d.llm = h200Llama7b();
    d.concurrencyPerInstance = d.llm->maxNumSeqs;
    d.placement = Placement::LeastLoaded;
    d.overflow = Overflow::Queue;
    d.queueTimeoutSeconds = 600;
    d.billing = BillingScope::NodeHours;
    return d;
}

DeploymentSpec serverlessH200() {
    DeploymentSpec d = dedicatedH200(0);
    d.name = "h200-serverless";
    d.platform = "modal";
    d.kind = DeploymentKind::Function;
    d.minInstances = 0;
    d.maxInstances = 200;
    d.concurrencyPerInstance = 32;
    d.coldStart = Distribution::fixed(20.0);
    d.keepAliveSeconds = 120;
    d.billing = BillingScope::InstanceLifetime;
    d.billingGranularitySeconds = 1.0;
    return d;
}

void runScenario(benchmark::State& state, const Scenario& scenario) {
    std::uint64_t requests = 0;
    for (auto _ : state) {
        ScenarioResult r = simulate(scenario, SimulationOptions{});
        benchmark::DoNotOptimize(r.deployments.data());
        requests += r.arrivals * r.deployments.size();
    }
    state.counters["requests/s"] = benchmark::Counter(static_cast<double>(requests), benchmark::Counter::kIsRate);
}

void BM_AzureConvDedicatedH200(benchmark::State& state) {
    Scenario s = azureConv();
    s.deployments.push_back(dedicatedH200(static_cast<int>(state.range(0))));
    runScenario(state, s);
}
BENCHMARK(BM_AzureConvDedicatedH200)->Arg(16)->Arg(52)->Unit(benchmark::kMillisecond);

void BM_AzureConvServerlessH200(benchmark::State& state) {
    Scenario s = azureConv();
    s.deployments.push_back(serverlessH200());
    runScenario(state, s);
}
BENCHMARK(BM_AzureConvServerlessH200)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace breakeven

BENCHMARK_MAIN();
