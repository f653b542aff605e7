// LLM services in scenario JSON: presets and overrides, step-time kinds, the
// canonical form round trip, and exact messages for impossible configurations.
#include <gtest/gtest.h>

#include <string>

#include "model/io/ScenarioJson.h"

namespace breakeven {
namespace {

using nlohmann::json;

json scenarioWith(const json& deploymentPatch) {
    json d = {{"name", "llm"}, {"platform", "modal"}, {"gpu", "H200"}, {"gpuCount", 2},
              {"service", {{"kind", "llm"}, {"model", "llama-2-7b"}}}};
    d.merge_patch(deploymentPatch);
    return {{"schemaVersion", 1}, {"name", "s"},
            {"workload", {{"kind", "poisson"}, {"ratePerSecond", 1}, {"durationSeconds", 60}}},
            {"deployments", json::array({d})}};
}

std::string errorOf(const json& j) {
    try {
        (void)scenarioFromJson(j, "s.json");
    } catch (const ScenarioError& e) {
        return e.what();
    }
    return "no error";
}

TEST(ScenarioLlm, PresetAndDefaults) {
    const Scenario s = scenarioFromJson(scenarioWith(json::object()), "s.json");
    const DeploymentSpec& d = s.deployments[0];
    ASSERT_TRUE(d.llm);
    EXPECT_DOUBLE_EQ(d.llm->model.paramsBillions, 6.738);
    EXPECT_EQ(d.llm->model.kvHeads, 32);
    EXPECT_DOUBLE_EQ(d.llm->model.kvBytesPerToken(), 2.0 * 32 * 32 * 128 * 2);
    EXPECT_EQ(d.llm->stepTime.kind, StepTimeKind::Roofline);
    EXPECT_DOUBLE_EQ(d.llm->stepTime.roofline.mfu, 0.5);
    EXPECT_EQ(d.llm->maxNumSeqs, 256);
    EXPECT_EQ(d.concurrencyPerInstance, 256);  // slots default to maxNumSeqs
    EXPECT_EQ(d.placement, Placement::LeastLoaded);
    EXPECT_FALSE(d.llm->gpuSpecGiven);
}

TEST(ScenarioLlm, OverridesRoundTripThroughTheCanonicalForm) {
    const json patch = {
        {"concurrencyPerInstance", 16},
        {"service",
         {{"model", {{"preset", "llama-3.1-8b"}, {"bytesPerWeight", 1}}},
          {"tp", 2},
          {"stepTime", {{"kind", "coefficients"}, {"a0Seconds", 0.004}, {"perContextTokenSeconds", 1e-8}}},
          {"maxNumSeqs", 64}, {"maxNumBatchedTokens", 4096}, {"chunkedPrefill", false},
          {"kvMode", "reserve"}, {"gpuMemoryUtilization", 0.85}, {"slo", {{"ttftSeconds", 0.5}}},
          {"gpuSpec", {{"memoryGb", 80}, {"memoryBandwidthGBs", 3350}, {"denseTflops", 989.5}}},
          {"coldStart", {{"storageBandwidthGBs", 1.5}, {"formatFactor", 4.2},
                         {"imagePullSeconds", {{"kind", "fixed"}, {"seconds", 30}}}}}}}};
    const Scenario s = scenarioFromJson(scenarioWith(patch), "s.json");
    const LlmServiceSpec& l = *s.deployments[0].llm;
    EXPECT_EQ(l.model.kvHeads, 8);
    EXPECT_DOUBLE_EQ(l.model.bytesPerWeight, 1.0);
    EXPECT_EQ(l.tp, 2);
    EXPECT_EQ(l.stepTime.kind, StepTimeKind::Coefficients);
    EXPECT_DOUBLE_EQ(l.stepTime.coefficients.perContextTokenSeconds, 1e-8);
    EXPECT_EQ(l.kvMode, KvMode::Reserve);
    EXPECT_FALSE(l.chunkedPrefill);
    EXPECT_DOUBLE_EQ(l.ttftSloSeconds, 0.5);
    EXPECT_DOUBLE_EQ(l.tpotSloSeconds, 0.1);
    EXPECT_TRUE(l.gpuSpecGiven);
    EXPECT_DOUBLE_EQ(l.gpu.memoryGb, 80);
    ASSERT_TRUE(l.coldStart);
    EXPECT_DOUBLE_EQ(l.coldStart->formatFactor, 4.2);
    EXPECT_EQ(s.deployments[0].concurrencyPerInstance, 16);
    const json canonical = scenarioToJson(s);
    EXPECT_EQ(scenarioToJson(scenarioFromJson(canonical, "c.json")), canonical);
}

TEST(ScenarioLlm, ProfilesAreFittedWhenRead) {
    const json builtin = {{"service", {{"stepTime", {{"kind", "profile"}, {"path", "builtin:h200-llama7b-shape"}}}}}};
    const Scenario s = scenarioFromJson(scenarioWith(builtin), "s.json");
    const StepTimeSpec& st = s.deployments[0].llm->stepTime;
    EXPECT_EQ(st.kind, StepTimeKind::Profile);
    EXPECT_GT(st.coefficients.a0Seconds, 0.004);  // the measured batch-1 decode step is 4.9 ms
    EXPECT_LT(st.coefficients.a0Seconds, 0.006);
    EXPECT_GT(st.profileMape, 0.0);
    EXPECT_LT(st.profileMape, 0.2);
    // Relative paths resolve against the scenario file; a missing file is this scenario's error.
    const json missing = {{"service", {{"stepTime", {{"kind", "profile"}, {"path", "profiles/h200.csv"}}}}}};
    const std::string message = errorOf(scenarioWith(missing));
    EXPECT_NE(message.find("s.json: deployments[0].service.stepTime.path: "), std::string::npos) << message;
    EXPECT_NE(message.find("profiles/h200.csv"), std::string::npos) << message;
}

TEST(ScenarioLlm, ImpossibleConfigurationsNameTheirPath) {
    EXPECT_EQ(errorOf(scenarioWith({{"service", {{"model", "llama-9"}}}})),
              "s.json: deployments[0].service.model: unknown model preset \"llama-9\" (known: \"llama-2-7b\", "
              "\"llama-2-13b\", \"llama-3.1-8b\", \"llama-3.1-70b\", \"mistral-7b\", \"qwen2.5-7b\", \"qwen2.5-32b\")");
    EXPECT_EQ(errorOf(scenarioWith({{"service", {{"tp", 4}}}})),
              "s.json: deployments[0].service.tp: must be ≤ the deployment's gpuCount (2)");
    EXPECT_EQ(errorOf(scenarioWith({{"service", {{"tp", 3}}}})),
              "s.json: deployments[0].service.tp: must be 1, 2, 4 or 8");
    EXPECT_EQ(errorOf(scenarioWith({{"gpu", nullptr}, {"gpuCount", 0}})),
              "s.json: deployments[0].service.kind: an LLM service needs a GPU: set the deployment's gpu "
              "(a catalogue GPU id) or service.gpuSpec");
    EXPECT_NE(errorOf(scenarioWith({{"service", {{"kvMode", "virtual"}}}})).find("deployments[0].service.kvMode"),
              std::string::npos);
    EXPECT_NE(errorOf(scenarioWith({{"service", {{"maxNumSeqs", 0}}}})).find("deployments[0].service.maxNumSeqs"),
              std::string::npos);
    EXPECT_NE(errorOf(scenarioWith({{"service", {{"stepTime", {{"kind", "roofline"}, {"mfu", 1.5}}}}}}))
                  .find("deployments[0].service.stepTime.mfu"),
              std::string::npos);
    EXPECT_NE(errorOf(scenarioWith({{"service", {{"chunkedPrefill", "yes"}}}}))
                  .find("deployments[0].service.chunkedPrefill: must be true or false"),
              std::string::npos);
    EXPECT_NE(errorOf(scenarioWith({{"service", {{"batch", 8}}}})).find("deployments[0].service"),
              std::string::npos);
}

}  // namespace
}  // namespace breakeven
