// LLM engines inside instance pools: TTFT includes cold starts, goodput counts
// every request, and the step-by-step oracle gives the same results as the
// closed form on serverless and dedicated deployments alike.
#include <gtest/gtest.h>

#include "model/io/ScenarioJson.h"
#include "model/sim/Simulator.h"

namespace breakeven {
namespace {

DeploymentSpec serverlessLlm() {
    DeploymentSpec d;
    d.name = "llm";
    d.platform = "modal";
    d.gpu = "tiny";
    d.gpuCount = 1;
    LlmServiceSpec l;
    l.model = *findLlmModelPreset("llama-2-7b");
    l.gpu = {"H200", 141, 4800, 989.5};
    l.stepTime.kind = StepTimeKind::Coefficients;
    l.stepTime.coefficients.a0Seconds = 0.010;               // decode steps: 10 ms
    l.stepTime.coefficients.perPrefillTokenSeconds = 0.0001;  // 100 prompt tokens: +10 ms
    l.ttftSloSeconds = 5.0;
    l.tpotSloSeconds = 0.05;
    d.llm = l;
    d.concurrencyPerInstance = 1;
    d.maxInstances = 1;
    d.coldStart = Distribution::fixed(10.0);
    d.placement = Placement::LeastLoaded;
    return d;
}

Scenario listScenario(std::vector<double> arrivals) {
    Scenario s;
    s.name = "llm";
    s.workload.kind = WorkloadKind::List;
    s.workload.durationSeconds = 100;
    s.workload.arrivalsSeconds = std::make_shared<const std::vector<double>>(std::move(arrivals));
    s.workload.inputTokens = Distribution::fixed(100);
    s.workload.outputTokens = Distribution::fixed(11);
    return s;
}

TEST(LlmPool, TtftIncludesTheColdStartAndGoodputCountsEveryRequest) {
    Scenario s = listScenario({1.0, 1.0, 50.0});
    s.deployments.push_back(serverlessLlm());
    const DeploymentResult r = simulateDeployment(s, 0, SimulationOptions{});
    ASSERT_TRUE(r.llm);
    EXPECT_EQ(r.requests, 3u);
    EXPECT_EQ(r.rejected, 1u);  // one slot, no queue
    EXPECT_EQ(r.served, 2u);
    // Cold: 10 s start + 20 ms prefill; warm at t = 50: 20 ms. TPOT 10 ms.
    EXPECT_NEAR(r.llm->ttft.maxSeconds(), 10.020, 1e-6);
    EXPECT_NEAR(r.llm->tpot.quantileSeconds(0.5), 0.010, 0.010 * 0.005);
    EXPECT_EQ(r.llm->good, 1u);  // the cold one misses the 5 s TTFT SLO
    EXPECT_NEAR(r.llm->goodputFraction, 1.0 / 3.0, 1e-12);
    EXPECT_EQ(r.llm->outputTokens, 22u);
    EXPECT_EQ(r.llm->itl.count(), 20u);
    EXPECT_NEAR(r.latency.maxSeconds(), 10.120, 1e-6);
}

TEST(LlmPool, OracleAndFastModeGiveTheSameResultsOnEveryDeployment) {
    Scenario fast = loadScenarioFile(BREAKEVEN_SOURCE_DIR "/tests/golden/scenarios/llm-engines.json");
    Scenario oracle = fast;
    for (auto& d : oracle.deployments) d.llm->oracle = true;
    const ScenarioResult a = simulate(fast, SimulationOptions{});
    const ScenarioResult b = simulate(oracle, SimulationOptions{});
    for (std::size_t i = 0; i < a.deployments.size(); ++i) {
        const DeploymentResult& x = a.deployments[i];
        const DeploymentResult& y = b.deployments[i];
        SCOPED_TRACE(x.name);
        EXPECT_EQ(x.served, y.served);
        EXPECT_EQ(x.rejected, y.rejected);
        EXPECT_EQ(x.coldStarts, y.coldStarts);
        EXPECT_EQ(x.llm->good, y.llm->good);
        EXPECT_EQ(x.llm->steps, y.llm->steps);
        EXPECT_EQ(x.llm->preemptions, y.llm->preemptions);
        for (double q : {0.5, 0.9, 0.99}) {
            EXPECT_NEAR(x.llm->ttft.quantileSeconds(q), y.llm->ttft.quantileSeconds(q), 1e-6);
            EXPECT_NEAR(x.llm->tpot.quantileSeconds(q), y.llm->tpot.quantileSeconds(q), 1e-6);
            EXPECT_NEAR(x.latency.quantileSeconds(q), y.latency.quantileSeconds(q), 1e-6);
        }
        EXPECT_NEAR(x.ledger.instanceBusySeconds, y.ledger.instanceBusySeconds, 1e-3);
    }
}

}  // namespace
}  // namespace breakeven
