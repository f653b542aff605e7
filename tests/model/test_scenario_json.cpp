// Scenario JSON: exact values in, canonical JSON out, and an exact message
// (source, JSON path, reason) for every kind of bad input.
#include "model/io/ScenarioJson.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace breakeven {
namespace {

using nlohmann::json;

std::string fixture(const std::string& name) {
    return std::string(BREAKEVEN_TEST_DATA_DIR) + "/scenarios/" + name;
}

// The example of the scenario-format issue, verbatim.
constexpr const char* kIssueExample = R"json(
{ "schemaVersion": 1, "name": "...", "seed": 42,
  "workload": { "kind": "poisson", "ratePerSecond": 0.9, "durationSeconds": 1000000 },
  "deployments": [ { "name": "lambda-1024", "platform": "aws-lambda",
      "memoryMb": 1024, "vcpu": 1, "gpu": null, "gpuCount": 0,
      "service":   { "kind": "exponential", "meanSeconds": 1.991 },
      "coldStart": { "kind": "fixed", "seconds": 0.253 },
      "keepAliveSeconds": 600, "minInstances": 0, "maxInstances": 1000,
      "concurrencyPerInstance": 1, "overflow": "reject", "queueTimeoutSeconds": 60,
      "requestTimeoutSeconds": 900, "scaleUpPerSecond": null,
      "billing": "perRequestDuration" } ] }
)json";

void expectSame(const Distribution& a, const Distribution& b, const std::string& what) {
    SCOPED_TRACE(what);
    EXPECT_EQ(a.kind(), b.kind());
    EXPECT_EQ(a.param(0), b.param(0));
    EXPECT_EQ(a.param(1), b.param(1));
    EXPECT_EQ(a.samples(), b.samples());
}

void expectSame(const std::optional<Distribution>& a, const std::optional<Distribution>& b,
                const std::string& what) {
    ASSERT_EQ(a.has_value(), b.has_value()) << what;
    if (a) expectSame(*a, *b, what);
}

void expectSame(const WorkloadSpec& a, const WorkloadSpec& b) {
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.durationSeconds, b.durationSeconds);
    EXPECT_EQ(a.ratePerSecond, b.ratePerSecond);
    EXPECT_EQ(a.peakToTroughRatio, b.peakToTroughRatio);
    EXPECT_EQ(a.periodSeconds, b.periodSeconds);
    EXPECT_EQ(a.phaseSeconds, b.phaseSeconds);
    EXPECT_EQ(a.burstRatePerSecond, b.burstRatePerSecond);
    EXPECT_EQ(a.calmMeanSeconds, b.calmMeanSeconds);
    EXPECT_EQ(a.burstMeanSeconds, b.burstMeanSeconds);
    EXPECT_EQ(a.requestsPerBatch, b.requestsPerBatch);
    EXPECT_EQ(a.batchPeriodSeconds, b.batchPeriodSeconds);
    EXPECT_EQ(a.batchSpreadSeconds, b.batchSpreadSeconds);
    ASSERT_EQ(a.arrivalsSeconds != nullptr, b.arrivalsSeconds != nullptr);
    if (a.arrivalsSeconds) {
        EXPECT_EQ(*a.arrivalsSeconds, *b.arrivalsSeconds);
    }
    expectSame(a.inputTokens, b.inputTokens, "inputTokens");
    expectSame(a.outputTokens, b.outputTokens, "outputTokens");
}

void expectSame(const DeploymentSpec& a, const DeploymentSpec& b) {
    SCOPED_TRACE(a.name);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.platform, b.platform);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.nodes, b.nodes);
    EXPECT_EQ(a.memoryMb, b.memoryMb);
    EXPECT_EQ(a.vcpu, b.vcpu);
    EXPECT_EQ(a.gpu, b.gpu);
    EXPECT_EQ(a.gpuCount, b.gpuCount);
    EXPECT_EQ(a.instanceType, b.instanceType);
    expectSame(a.service, b.service, "service");
    expectSame(a.coldStart, b.coldStart, "coldStart");
    EXPECT_EQ(a.keepAliveSeconds, b.keepAliveSeconds);
    EXPECT_EQ(a.minInstances, b.minInstances);
    EXPECT_EQ(a.maxInstances, b.maxInstances);
    EXPECT_EQ(a.concurrencyPerInstance, b.concurrencyPerInstance);
    EXPECT_EQ(a.overflow, b.overflow);
    EXPECT_EQ(a.queueTimeoutSeconds, b.queueTimeoutSeconds);
    EXPECT_EQ(a.requestTimeoutSeconds, b.requestTimeoutSeconds);
    EXPECT_EQ(a.scaleUpPerSecond, b.scaleUpPerSecond);
    EXPECT_EQ(a.placement, b.placement);
    EXPECT_EQ(a.billing, b.billing);
    EXPECT_EQ(a.billingGranularitySeconds, b.billingGranularitySeconds);
    EXPECT_EQ(a.billingMinimumSeconds, b.billingMinimumSeconds);
}

void expectSame(const Scenario& a, const Scenario& b) {
    EXPECT_EQ(a.schemaVersion, b.schemaVersion);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.seed, b.seed);
    expectSame(a.workload, b.workload);
    ASSERT_EQ(a.deployments.size(), b.deployments.size());
    for (std::size_t i = 0; i < a.deployments.size(); ++i) {
        expectSame(a.deployments[i], b.deployments[i]);
    }
}

DeploymentSpec cloudRunL4() {
    DeploymentSpec run;
    run.name = "cloud-run-l4";
    run.platform = "gcp-cloud-run";
    run.memoryMb = 16384.0;
    run.vcpu = 4.0;
    run.gpu = "l4";
    run.gpuCount = 1;
    run.service = Distribution::uniform(0.2, 0.8);
    run.coldStart = Distribution::logNormalFromP50P99(8.0, 30.0);
    run.keepAliveSeconds = 900.0;
    run.minInstances = 1;
    run.maxInstances = 20;
    run.concurrencyPerInstance = 4;
    run.overflow = Overflow::Queue;
    run.queueTimeoutSeconds = 30.0;
    run.requestTimeoutSeconds = 300.0;
    run.scaleUpPerSecond = 2.5;
    run.placement = Placement::LeastLoaded;
    run.billing = BillingScope::InstanceActive;
    run.billingGranularitySeconds = 0.1;
    return run;
}

DeploymentSpec modalProvisioned() {
    DeploymentSpec modal;
    modal.name = "modal";
    modal.platform = "modal";
    modal.service = Distribution::empirical({1.3, 0.5, 0.7});
    modal.coldStart = Distribution::exponential(4.0);
    modal.billing = BillingScope::Provisioned;
    modal.billingGranularitySeconds = 0.5;
    modal.billingMinimumSeconds = 60.0;
    return modal;
}

DeploymentSpec ec2Dedicated() {
    DeploymentSpec ec2;
    ec2.name = "ec2-g5";
    ec2.platform = "aws-ec2";
    ec2.kind = DeploymentKind::Dedicated;
    ec2.nodes = 3;
    ec2.minInstances = 3;
    ec2.maxInstances = 3;
    ec2.instanceType = "g5.xlarge";
    ec2.gpu = "a10g";
    ec2.gpuCount = 1;
    ec2.service = Distribution::fixed(0.05);
    ec2.placement = Placement::LeastLoaded;
    ec2.billing = BillingScope::NodeHours;
    ec2.billingGranularitySeconds = 3600.0;
    ec2.billingMinimumSeconds = 3600.0;
    return ec2;
}

// A scenario using every kind of workload parameter, distribution and deployment.
Scenario fullScenario() {
    Scenario s;
    s.name = "everything";
    s.seed = std::numeric_limits<std::uint64_t>::max();
    s.workload.kind = WorkloadKind::Diurnal;
    s.workload.ratePerSecond = 12.5;
    s.workload.peakToTroughRatio = 3.0;
    s.workload.periodSeconds = 86400.0;
    s.workload.phaseSeconds = 3600.0;
    s.workload.durationSeconds = 604800.0;
    s.workload.inputTokens = Distribution::logNormalFromP50P99(200.0, 2000.0);
    s.workload.outputTokens = Distribution::empirical({35.0, 10.0, 200.0});

    s.deployments = {cloudRunL4(), modalProvisioned(), ec2Dedicated()};
    return s;
}

// ScenarioError's what(), or a marker when nothing (or something else) was thrown.
std::string errorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const ScenarioError& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("not a ScenarioError: ") + e.what();
    }
    return "(no error)";
}

// ------------------------------------------------------------------ values

TEST(ScenarioJson, IssueExampleParsesIntoExactValues) {
    const Scenario s = parseScenarioText(kIssueExample, "issue.json");
    EXPECT_EQ(s.schemaVersion, 1);
    EXPECT_EQ(s.name, "...");
    EXPECT_EQ(s.seed, 42u);
    EXPECT_EQ(s.workload.kind, WorkloadKind::Poisson);
    EXPECT_EQ(s.workload.ratePerSecond, 0.9);
    EXPECT_EQ(s.workload.durationSeconds, 1000000.0);
    EXPECT_FALSE(s.workload.inputTokens.has_value());
    EXPECT_FALSE(s.workload.outputTokens.has_value());
    ASSERT_EQ(s.deployments.size(), 1u);
    const DeploymentSpec& d = s.deployments[0];
    EXPECT_EQ(d.name, "lambda-1024");
    EXPECT_EQ(d.platform, "aws-lambda");
    EXPECT_EQ(d.kind, DeploymentKind::Function);
    EXPECT_EQ(d.nodes, 0);
    EXPECT_EQ(d.memoryMb, 1024.0);
    EXPECT_EQ(d.vcpu, 1.0);
    EXPECT_FALSE(d.gpu.has_value());
    EXPECT_EQ(d.gpuCount, 0);
    EXPECT_FALSE(d.instanceType.has_value());
    EXPECT_EQ(d.service.kind(), DistributionKind::Exponential);
    EXPECT_EQ(d.service.param(0), 1.991);
    EXPECT_EQ(d.service.mean(), 1.991);
    EXPECT_EQ(d.coldStart.kind(), DistributionKind::Fixed);
    EXPECT_EQ(d.coldStart.param(0), 0.253);
    EXPECT_EQ(d.keepAliveSeconds, 600.0);
    EXPECT_EQ(d.minInstances, 0);
    EXPECT_EQ(d.maxInstances, 1000);
    EXPECT_EQ(d.concurrencyPerInstance, 1);
    EXPECT_EQ(d.overflow, Overflow::Reject);
    EXPECT_EQ(d.queueTimeoutSeconds, 60.0);
    EXPECT_EQ(d.requestTimeoutSeconds, 900.0);
    EXPECT_FALSE(d.scaleUpPerSecond.has_value());
    EXPECT_EQ(d.placement, Placement::Packing);
    EXPECT_EQ(d.billing, BillingScope::PerRequestDuration);
    EXPECT_EQ(d.billingGranularitySeconds, 0.001);
    EXPECT_EQ(d.billingMinimumSeconds, 0.0);
}

TEST(ScenarioJson, IssueExampleFixtureFileMatchesTheText) {
    const Scenario file = loadScenarioFile(fixture("good-simfaas-lambda.json"));
    Scenario text = parseScenarioText(kIssueExample, "issue.json");
    text.name = "simfaas-lambda";
    expectSame(file, text);
}

TEST(ScenarioJson, DocumentedExampleParses) {
    std::ifstream in(std::string(BREAKEVEN_SOURCE_DIR) + "/docs/scenario-format.md");
    ASSERT_TRUE(in) << "docs/scenario-format.md missing";
    const std::string doc{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto start = doc.find("```json\n");
    ASSERT_NE(start, std::string::npos);
    const auto end = doc.find("```", start + 8);
    const Scenario s = parseScenarioText(doc.substr(start + 8, end - start - 8), "doc");
    ASSERT_EQ(s.deployments.size(), 2u);
    EXPECT_EQ(s.deployments[0].service.param(0), 1.991);
    EXPECT_EQ(s.deployments[1].kind, DeploymentKind::Dedicated);
    EXPECT_EQ(s.deployments[1].maxInstances, 2);
    EXPECT_EQ(s.deployments[1].billing, BillingScope::NodeHours);
}

TEST(ScenarioJson, FullScenarioRoundTripsExactly) {
    const Scenario original = fullScenario();
    const json canonical = scenarioToJson(original);
    const Scenario parsed = scenarioFromJson(canonical, "canonical");
    expectSame(parsed, original);
    EXPECT_EQ(scenarioToJson(parsed), canonical);
    // Through text too: the dump keeps every double exactly.
    expectSame(parseScenarioText(canonical.dump(2), "canonical.json"), original);
}

TEST(ScenarioJson, EveryWorkloadKindRoundTrips) {
    std::vector<WorkloadSpec> workloads(5);
    workloads[0].kind = WorkloadKind::Poisson;
    workloads[0].ratePerSecond = 0.1;
    workloads[1].kind = WorkloadKind::Diurnal;
    workloads[1].phaseSeconds = 0.0;
    workloads[2].kind = WorkloadKind::Mmpp;
    workloads[2].ratePerSecond = 0.0;  // a calm state with no traffic at all
    workloads[2].burstRatePerSecond = 40.0;
    workloads[2].calmMeanSeconds = 1800.0;
    workloads[2].burstMeanSeconds = 30.0;
    workloads[2].inputTokens = Distribution::uniform(10.0, 4000.0);
    workloads[3].kind = WorkloadKind::OnOff;
    workloads[3].requestsPerBatch = 500;
    workloads[3].batchPeriodSeconds = 3600.0;
    workloads[3].batchSpreadSeconds = 3600.0;
    workloads[3].outputTokens = Distribution::fixed(128.0);
    workloads[4].kind = WorkloadKind::List;
    workloads[4].durationSeconds = 10.0;
    workloads[4].arrivalsSeconds = std::make_shared<const std::vector<double>>(
        std::vector<double>{0.0, 0.25, 0.25, 9.999});
    for (const auto& workload : workloads) {
        Scenario s = fullScenario();
        s.workload = workload;
        SCOPED_TRACE(scenarioToJson(s)["workload"].dump());
        expectSame(scenarioFromJson(scenarioToJson(s), "w").workload, workload);
    }
}

TEST(ScenarioJson, FixtureRoundTripsThroughCanonicalForm) {
    const Scenario s = loadScenarioFile(fixture("good-full.json"));
    expectSame(scenarioFromJson(scenarioToJson(s), "canonical"), s);
    EXPECT_EQ(s.workload.kind, WorkloadKind::Diurnal);
    EXPECT_EQ(s.workload.ratePerSecond, 12.5);
    EXPECT_EQ(s.workload.inputTokens->param(1), 2000.0);
    EXPECT_EQ(s.workload.outputTokens->samples(), (std::vector<double>{10.0, 35.0, 200.0}));
    ASSERT_EQ(s.deployments.size(), 3u);
    EXPECT_EQ(s.deployments[0].scaleUpPerSecond, 2.5);
    EXPECT_EQ(s.deployments[0].gpu, "l4");
    EXPECT_EQ(s.deployments[1].coldStart.kind(), DistributionKind::Exponential);
    EXPECT_EQ(s.deployments[2].instanceType, "g5.xlarge");
}

TEST(ScenarioJson, CanonicalFormWritesEveryKey) {
    const json j = scenarioToJson(fullScenario());
    const auto keys = [](const json& object) {
        std::vector<std::string> out;
        for (auto it = object.begin(); it != object.end(); ++it) out.push_back(it.key());
        return out;
    };
    using Keys = std::vector<std::string>;
    EXPECT_EQ(keys(j), (Keys{"deployments", "name", "schemaVersion", "seed", "workload"}));
    EXPECT_EQ(j["seed"].get<std::uint64_t>(), std::numeric_limits<std::uint64_t>::max());
    EXPECT_EQ(keys(j["workload"]),
              (Keys{"durationSeconds", "inputTokens", "kind", "meanRatePerSecond",
                    "outputTokens", "peakToTroughRatio", "periodSeconds", "phaseSeconds"}));
    const Keys common{"architecture", "billing", "billingGranularitySeconds",
                      "billingMinimumSeconds", "coldStart", "concurrencyPerInstance",
                      "discountPercent", "ephemeralStorageMb", "extraCostLines", "gpu", "gpuCount",
                      "instanceType", "kind", "memoryMb", "name", "overflow", "placement",
                      "platform", "queueTimeoutSeconds", "requestTimeoutSeconds", "service",
                      "useTraceServiceTimes", "vcpu"};
    auto function = common;
    function.insert(function.end(),
                    {"keepAliveSeconds", "maxInstances", "minInstances", "scaleUpPerSecond"});
    std::sort(function.begin(), function.end());
    auto dedicated = common;
    dedicated.push_back("nodes");
    std::sort(dedicated.begin(), dedicated.end());
    EXPECT_EQ(keys(j["deployments"][1]), function);
    EXPECT_EQ(keys(j["deployments"][2]), dedicated);
    EXPECT_TRUE(j["deployments"][1]["gpu"].is_null());
    EXPECT_TRUE(j["deployments"][1]["scaleUpPerSecond"].is_null());
    EXPECT_EQ(j["deployments"][0]["service"], json::parse(R"({"kind": "uniform",
              "minSeconds": 0.2, "maxSeconds": 0.8})"));
    EXPECT_EQ(j["workload"]["outputTokens"],
              json::parse(R"({"kind": "empirical", "samplesTokens": [10.0, 35.0, 200.0]})"));
}

// ------------------------------------------------------------------ defaults

TEST(ScenarioJson, MinimalDeploymentGetsTheDocumentedDefaults) {
    const Scenario s = loadScenarioFile(fixture("good-minimal.json"));
    EXPECT_EQ(s.seed, 42u);
    const DeploymentSpec& d = s.deployments.at(0);
    EXPECT_EQ(d.platform, "custom");
    EXPECT_EQ(d.kind, DeploymentKind::Function);
    EXPECT_EQ(d.memoryMb, 1024.0);
    EXPECT_EQ(d.vcpu, 1.0);
    EXPECT_EQ(d.service.param(0), 0.1);
    EXPECT_TRUE(d.coldStart.isZero());
    EXPECT_EQ(d.keepAliveSeconds, 600.0);
    EXPECT_EQ(d.minInstances, 0);
    EXPECT_EQ(d.maxInstances, 1000);
    EXPECT_EQ(d.concurrencyPerInstance, 1);
    EXPECT_EQ(d.overflow, Overflow::Reject);
    EXPECT_EQ(d.queueTimeoutSeconds, 60.0);
    EXPECT_EQ(d.requestTimeoutSeconds, 900.0);
    EXPECT_FALSE(d.scaleUpPerSecond.has_value());
    EXPECT_EQ(d.placement, Placement::Packing);
    EXPECT_EQ(d.billing, BillingScope::PerRequestDuration);
    EXPECT_EQ(d.billingGranularitySeconds, 0.001);
    EXPECT_EQ(d.billingMinimumSeconds, 0.0);
}

json minimalJson() {
    return json::parse(R"({"schemaVersion": 1, "name": "d",
        "workload": {"kind": "poisson", "ratePerSecond": 1, "durationSeconds": 60},
        "deployments": [{"name": "a", "service": {"kind": "fixed", "seconds": 0.1}}]})");
}

TEST(ScenarioJson, BillingDefaultsFollowThePlatform) {
    struct Case {
        const char* platform;
        BillingScope billing;
        double granularitySeconds;
    };
    const Case cases[] = {
        {"aws-lambda", BillingScope::PerRequestDuration, 0.001},
        {"gcp-cloud-run", BillingScope::InstanceActive, 0.1},
        {"modal", BillingScope::InstanceLifetime, 1.0},
        {"runpod-serverless", BillingScope::InstanceLifetime, 1.0},
        {"custom", BillingScope::PerRequestDuration, 0.001},
        {"aws-ec2", BillingScope::PerRequestDuration, 0.001},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.platform);
        json j = minimalJson();
        j["deployments"][0]["platform"] = c.platform;
        const DeploymentSpec d = scenarioFromJson(j, "d").deployments[0];
        EXPECT_EQ(d.billing, c.billing);
        EXPECT_EQ(d.billingGranularitySeconds, c.granularitySeconds);
        EXPECT_EQ(d.billingMinimumSeconds, 0.0);
        EXPECT_EQ(d.placement, Placement::Packing);
    }
}

TEST(ScenarioJson, DedicatedDefaultsToNodeHoursLeastLoadedAndFixedNodes) {
    json j = minimalJson();
    j["deployments"][0]["kind"] = "dedicated";
    j["deployments"][0]["platform"] = "aws-lambda";  // kind decides the billing, not platform
    j["deployments"][0]["nodes"] = 4;
    const DeploymentSpec d = scenarioFromJson(j, "d").deployments[0];
    EXPECT_EQ(d.kind, DeploymentKind::Dedicated);
    EXPECT_EQ(d.nodes, 4);
    EXPECT_EQ(d.minInstances, 4);
    EXPECT_EQ(d.maxInstances, 4);
    EXPECT_EQ(d.placement, Placement::LeastLoaded);
    EXPECT_EQ(d.billing, BillingScope::NodeHours);
    EXPECT_EQ(d.billingGranularitySeconds, 1.0);
    EXPECT_EQ(d.billingMinimumSeconds, 60.0);
}

TEST(ScenarioJson, ExplicitBillingAndPlacementOverrideTheDefaults) {
    json j = minimalJson();
    j["deployments"][0]["platform"] = "aws-lambda";
    j["deployments"][0]["billing"] = "instanceLifetime";
    j["deployments"][0]["placement"] = "leastLoaded";
    DeploymentSpec d = scenarioFromJson(j, "d").deployments[0];
    EXPECT_EQ(d.billing, BillingScope::InstanceLifetime);
    EXPECT_EQ(d.billingGranularitySeconds, 1.0);  // the scope's default, not Lambda's 1 ms
    EXPECT_EQ(d.placement, Placement::LeastLoaded);
    j["deployments"][0]["billingGranularitySeconds"] = 60;
    j["deployments"][0]["billingMinimumSeconds"] = 120;
    d = scenarioFromJson(j, "d").deployments[0];
    EXPECT_EQ(d.billingGranularitySeconds, 60.0);
    EXPECT_EQ(d.billingMinimumSeconds, 120.0);
}

TEST(ScenarioJson, DiurnalPhaseDefaultsToZero) {
    json j = minimalJson();
    j["workload"] = {{"kind", "diurnal"}, {"meanRatePerSecond", 5}, {"peakToTroughRatio", 1},
                     {"periodSeconds", 86400}, {"durationSeconds", 86400}};
    const WorkloadSpec w = scenarioFromJson(j, "d").workload;
    EXPECT_EQ(w.kind, WorkloadKind::Diurnal);
    EXPECT_EQ(w.ratePerSecond, 5.0);
    EXPECT_EQ(w.peakToTroughRatio, 1.0);
    EXPECT_EQ(w.phaseSeconds, 0.0);
}

TEST(ScenarioJson, WholeNumbersWrittenAsDoublesAreIntegers) {
    json j = minimalJson();
    j["seed"] = 7.0;
    j["deployments"][0]["concurrencyPerInstance"] = 2.0;
    j["deployments"][0]["maxInstances"] = 1e3;
    const Scenario s = scenarioFromJson(j, "d");
    EXPECT_EQ(s.seed, 7u);
    EXPECT_EQ(s.deployments[0].concurrencyPerInstance, 2);
    EXPECT_EQ(s.deployments[0].maxInstances, 1000);
}

TEST(ScenarioJson, SeedCoversTheFullUnsignedRange) {
    std::string text = minimalJson().dump();
    text.insert(1, R"("seed": 18446744073709551615, )");
    EXPECT_EQ(parseScenarioText(text, "d").seed, std::numeric_limits<std::uint64_t>::max());
    json j = minimalJson();
    j["seed"] = 1e19;  // past int64, still a valid seed
    EXPECT_EQ(scenarioFromJson(j, "d").seed, 10000000000000000000u);
}

// ------------------------------------------------------------------ errors

struct BadCase {
    const char* label;
    std::function<void(json&)> edit;
    const char* expected;  // what() after "scenario.json: "
};

json& deployment(json& j) { return j["deployments"][0]; }

void makeDedicated(json& j) {
    json& d = deployment(j);
    d["kind"] = "dedicated";
    d["nodes"] = 2;
    for (const char* key : {"keepAliveSeconds", "minInstances", "maxInstances", "scaleUpPerSecond"}) {
        d.erase(key);
    }
}

json diurnal() {
    return {{"kind", "diurnal"}, {"meanRatePerSecond", 5}, {"peakToTroughRatio", 4},
            {"periodSeconds", 86400}, {"durationSeconds", 86400}};
}

json onOff() {
    return {{"kind", "onoff"}, {"requestsPerBatch", 100}, {"batchPeriodSeconds", 60},
            {"batchSpreadSeconds", 10}, {"durationSeconds", 3600}};
}

std::vector<BadCase> topLevelCases() {
    return {
        {"root not an object", [](json& j) { j = json::array(); },
         "the scenario must be a JSON object"},
        {"schema missing", [](json& j) { j.erase("schemaVersion"); },
         "schemaVersion: required key missing"},
        {"schema newer", [](json& j) { j["schemaVersion"] = 2; },
         "schemaVersion: schema version 2 is newer than this Breakeven supports (1); upgrade "
         "Breakeven"},
        {"schema older", [](json& j) { j["schemaVersion"] = 0; },
         "schemaVersion: unsupported schema version 0"},
        {"schema string", [](json& j) { j["schemaVersion"] = "1"; },
         "schemaVersion: must be an integer"},
        {"schema fraction", [](json& j) { j["schemaVersion"] = 1.5; },
         "schemaVersion: must be an integer"},
        {"name empty", [](json& j) { j["name"] = ""; }, "name: must not be empty"},
        {"name number", [](json& j) { j["name"] = 7; }, "name: must be a string"},
        {"name missing", [](json& j) { j.erase("name"); }, "name: required key missing"},
        {"seed negative", [](json& j) { j["seed"] = -1; }, "seed: must be ≥ 0"},
        {"seed fraction", [](json& j) { j["seed"] = 1.5; }, "seed: must be an integer"},
        {"seed string", [](json& j) { j["seed"] = "42"; }, "seed: must be an integer"},
        {"seed too large", [](json& j) { j["seed"] = 1e20; },
         "seed: must be ≤ 18446744073709551615"},
        {"unknown top-level key", [](json& j) { j["slo"] = json::object(); },
         "slo: unknown key (did you mean \"slos\"?)"},
        {"top-level key case", [](json& j) { j["Seed"] = 1; },
         "Seed: unknown key (did you mean \"seed\"?)"},
    };
}

std::vector<BadCase> workloadCases() {
    return {
        {"workload missing", [](json& j) { j.erase("workload"); },
         "workload: required key missing"},
        {"workload array", [](json& j) { j["workload"] = json::array(); },
         "workload: must be an object"},
        {"workload kind case", [](json& j) { j["workload"]["kind"] = "Poisson"; },
         "workload.kind: must be one of \"poisson\", \"diurnal\", \"mmpp\", \"onoff\", \"list\", \"trace\" "
         "(did you mean \"poisson\"?)"},
        {"workload kind missing", [](json& j) { j["workload"].erase("kind"); },
         "workload.kind: required key missing"},
        {"rate zero", [](json& j) { j["workload"]["ratePerSecond"] = 0; },
         "workload.ratePerSecond: must be > 0"},
        {"rate string", [](json& j) { j["workload"]["ratePerSecond"] = "fast"; },
         "workload.ratePerSecond: must be a number"},
        {"duration too long", [](json& j) { j["workload"]["durationSeconds"] = 2e9; },
         "workload.durationSeconds: must be ≤ 1000000000"},
        {"duration missing", [](json& j) { j["workload"].erase("durationSeconds"); },
         "workload.durationSeconds: required key missing"},
        {"other kind's key", [](json& j) { j["workload"]["peakToTroughRatio"] = 2; },
         "workload.peakToTroughRatio: not used by poisson workloads"},
    };
}

std::vector<BadCase> workloadKindCases() {
    return {
        {"diurnal ratio below one",
         [](json& j) {
             j["workload"] = diurnal();
             j["workload"]["peakToTroughRatio"] = 0.5;
         },
         "workload.peakToTroughRatio: must be ≥ 1"},
        {"diurnal period missing",
         [](json& j) {
             j["workload"] = diurnal();
             j["workload"].erase("periodSeconds");
         },
         "workload.periodSeconds: required key missing"},
        {"diurnal with poisson's rate",
         [](json& j) {
             j["workload"] = diurnal();
             j["workload"]["ratePerSecond"] = 5;
         },
         "workload.ratePerSecond: not used by diurnal workloads"},
        {"mmpp negative calm rate",
         [](json& j) {
             j["workload"] = {{"kind", "mmpp"}, {"calmRatePerSecond", -1},
                              {"burstRatePerSecond", 10}, {"calmMeanSeconds", 600},
                              {"burstMeanSeconds", 60}, {"durationSeconds", 3600}};
         },
         "workload.calmRatePerSecond: must be ≥ 0"},
        {"onoff spread beyond period",
         [](json& j) {
             j["workload"] = onOff();
             j["workload"]["batchSpreadSeconds"] = 90;
         },
         "workload.batchSpreadSeconds: must be ≤ batchPeriodSeconds (60)"},
        {"onoff zero batch",
         [](json& j) {
             j["workload"] = onOff();
             j["workload"]["requestsPerBatch"] = 0;
         },
         "workload.requestsPerBatch: must be ≥ 1"},
        {"onoff fractional batch",
         [](json& j) {
             j["workload"] = onOff();
             j["workload"]["requestsPerBatch"] = 2.5;
         },
         "workload.requestsPerBatch: must be an integer"},
    };
}

std::vector<BadCase> listAndTokenCases() {
    return {
        {"list not an array",
         [](json& j) { j["workload"] = {{"kind", "list"}, {"arrivalsSeconds", 1}, {"durationSeconds", 10}}; },
         "workload.arrivalsSeconds: must be an array"},
        {"list descending",
         [](json& j) {
             j["workload"] = {{"kind", "list"}, {"arrivalsSeconds", {0.5, 2, 1.5}}, {"durationSeconds", 10}};
         },
         "workload.arrivalsSeconds[2]: must be ≥ the previous arrival (2)"},
        {"list beyond the window",
         [](json& j) {
             j["workload"] = {{"kind", "list"}, {"arrivalsSeconds", {0, 10}}, {"durationSeconds", 10}};
         },
         "workload.arrivalsSeconds[1]: must be < durationSeconds (10)"},
        {"tokens negative mean",
         [](json& j) { j["workload"]["inputTokens"] = {{"kind", "exponential"}, {"meanTokens", -3}}; },
         "workload.inputTokens.meanTokens: must be > 0"},
        {"tokens in seconds",
         [](json& j) { j["workload"]["outputTokens"] = {{"kind", "fixed"}, {"seconds", 3}}; },
         "workload.outputTokens.seconds: unknown key"},
    };
}

std::vector<BadCase> deploymentListAndKeyCases() {
    return {
        {"deployments object", [](json& j) { j["deployments"] = json::object(); },
         "deployments: must be an array"},
        {"deployments empty", [](json& j) { j["deployments"] = json::array(); },
         "deployments: must not be empty"},
        {"deployment number", [](json& j) { j["deployments"][0] = 5; },
         "deployments[0]: must be an object"},
        {"duplicate names", [](json& j) { j["deployments"].push_back(deployment(j)); },
         "deployments[1].name: duplicate name \"lambda-1024\" (already used by deployments[0])"},
        {"name missing", [](json& j) { deployment(j).erase("name"); },
         "deployments[0].name: required key missing"},
        {"platform empty", [](json& j) { deployment(j)["platform"] = ""; },
         "deployments[0].platform: must not be empty"},
        {"key typo", [](json& j) { deployment(j)["keepAliveSecond"] = 300; },
         "deployments[0].keepAliveSecond: unknown key (did you mean \"keepAliveSeconds\"?)"},
        {"key case", [](json& j) { deployment(j)["KeepAliveSeconds"] = 300; },
         "deployments[0].KeepAliveSeconds: unknown key (did you mean \"keepAliveSeconds\"?)"},
        {"key unknown", [](json& j) { deployment(j)["colour"] = "red"; },
         "deployments[0].colour: unknown key"},
        {"key not an identifier", [](json& j) { deployment(j)["keep alive"] = 1; },
         "deployments[0][\"keep alive\"]: unknown key"},
    };
}

std::vector<BadCase> numberCases() {
    return {
        {"keep-alive negative", [](json& j) { deployment(j)["keepAliveSeconds"] = -1; },
         "deployments[0].keepAliveSeconds: must be ≥ 0"},
        {"memory string", [](json& j) { deployment(j)["memoryMb"] = "1024"; },
         "deployments[0].memoryMb: must be a number"},
        {"memory zero", [](json& j) { deployment(j)["memoryMb"] = 0; },
         "deployments[0].memoryMb: must be > 0"},
        {"memory NaN",
         [](json& j) { deployment(j)["memoryMb"] = std::numeric_limits<double>::quiet_NaN(); },
         "deployments[0].memoryMb: must be finite"},
        {"vcpu boolean", [](json& j) { deployment(j)["vcpu"] = true; },
         "deployments[0].vcpu: must be a number"},
        {"concurrency fraction", [](json& j) { deployment(j)["concurrencyPerInstance"] = 1.5; },
         "deployments[0].concurrencyPerInstance: must be an integer"},
        {"concurrency zero", [](json& j) { deployment(j)["concurrencyPerInstance"] = 0; },
         "deployments[0].concurrencyPerInstance: must be ≥ 1"},
        {"max instances beyond int", [](json& j) { deployment(j)["maxInstances"] = 3e9; },
         "deployments[0].maxInstances: must be ≤ 2147483647"},
        {"discount above 100", [](json& j) { deployment(j)["discountPercent"] = 120; },
         "deployments[0].discountPercent: must be ≤ 100"},
        {"extra cost line without price",
         [](json& j) { deployment(j)["extraCostLines"] = json::array({{{"item", "egress"}, {"unit", "GB"}}}); },
         "deployments[0].extraCostLines[0].usdPerUnit: required key missing"},
        {"architecture unknown", [](json& j) { deployment(j)["architecture"] = "riscv"; },
         "deployments[0].architecture: must be one of \"x86\", \"arm\""},
        {"ephemeral storage zero", [](json& j) { deployment(j)["ephemeralStorageMb"] = 0; },
         "deployments[0].ephemeralStorageMb: must be > 0"},
        {"max instances above engine bound", [](json& j) { deployment(j)["maxInstances"] = 300000; },
         "deployments[0].maxInstances: must be ≤ 262144"},
        {"concurrency above engine bound",
         [](json& j) { deployment(j)["concurrencyPerInstance"] = 2000000; },
         "deployments[0].concurrencyPerInstance: must be ≤ 1000000"},
        {"min instances negative", [](json& j) { deployment(j)["minInstances"] = -1; },
         "deployments[0].minInstances: must be ≥ 0"},
        {"min above max",
         [](json& j) {
             deployment(j)["minInstances"] = 5;
             deployment(j)["maxInstances"] = 2;
         },
         "deployments[0].minInstances: must be ≤ maxInstances (2)"},
        {"scale-up zero", [](json& j) { deployment(j)["scaleUpPerSecond"] = 0; },
         "deployments[0].scaleUpPerSecond: must be > 0"},
        {"scale-up string", [](json& j) { deployment(j)["scaleUpPerSecond"] = "fast"; },
         "deployments[0].scaleUpPerSecond: must be a number or null"},
        {"request timeout zero", [](json& j) { deployment(j)["requestTimeoutSeconds"] = 0; },
         "deployments[0].requestTimeoutSeconds: must be > 0"},
        {"queue timeout negative", [](json& j) { deployment(j)["queueTimeoutSeconds"] = -5; },
         "deployments[0].queueTimeoutSeconds: must be ≥ 0"},
        {"granularity zero", [](json& j) { deployment(j)["billingGranularitySeconds"] = 0; },
         "deployments[0].billingGranularitySeconds: must be > 0"},
        {"minimum negative", [](json& j) { deployment(j)["billingMinimumSeconds"] = -1; },
         "deployments[0].billingMinimumSeconds: must be ≥ 0"},
    };
}

std::vector<BadCase> enumerationAndHardwareCases() {
    return {
        {"overflow unknown", [](json& j) { deployment(j)["overflow"] = "drop"; },
         "deployments[0].overflow: must be one of \"reject\", \"queue\""},
        {"overflow case", [](json& j) { deployment(j)["overflow"] = "Queue"; },
         "deployments[0].overflow: must be one of \"reject\", \"queue\" (did you mean "
         "\"queue\"?)"},
        {"overflow number", [](json& j) { deployment(j)["overflow"] = 1; },
         "deployments[0].overflow: must be a string"},
        {"billing unknown", [](json& j) { deployment(j)["billing"] = "perRequest"; },
         "deployments[0].billing: must be one of \"perRequestDuration\", \"instanceActive\", "
         "\"instanceLifetime\", \"provisioned\", \"nodeHours\""},
        {"placement case", [](json& j) { deployment(j)["placement"] = "leastloaded"; },
         "deployments[0].placement: must be one of \"packing\", \"leastLoaded\" (did you mean "
         "\"leastLoaded\"?)"},
        {"kind unknown", [](json& j) { deployment(j)["kind"] = "vm"; },
         "deployments[0].kind: must be one of \"function\", \"dedicated\""},
        {"gpu without count", [](json& j) { deployment(j)["gpu"] = "l4"; },
         "deployments[0].gpuCount: must be ≥ 1 when gpu is set"},
        {"count without gpu", [](json& j) { deployment(j)["gpuCount"] = 1; },
         "deployments[0].gpuCount: must be 0 when gpu is null"},
        {"gpu number", [](json& j) { deployment(j)["gpu"] = 4; },
         "deployments[0].gpu: must be a string or null"},
        {"gpu count negative", [](json& j) { deployment(j)["gpuCount"] = -1; },
         "deployments[0].gpuCount: must be ≥ 0"},
    };
}

std::vector<BadCase> kindCases() {
    return {
        {"function with nodes", [](json& j) { deployment(j)["nodes"] = 2; },
         "deployments[0].nodes: not used by function deployments"},
        {"dedicated with function keys",
         [](json& j) {
             deployment(j)["kind"] = "dedicated";
             deployment(j)["nodes"] = 2;
         },
         "deployments[0].keepAliveSeconds: not used by dedicated deployments (use nodes)"},
        {"dedicated with min instances",
         [](json& j) {
             makeDedicated(j);
             deployment(j)["minInstances"] = 1;
         },
         "deployments[0].minInstances: not used by dedicated deployments (use nodes)"},
        {"dedicated without nodes",
         [](json& j) {
             makeDedicated(j);
             deployment(j).erase("nodes");
         },
         "deployments[0].nodes: required key missing"},
        {"dedicated zero nodes",
         [](json& j) {
             makeDedicated(j);
             deployment(j)["nodes"] = 0;
         },
         "deployments[0].nodes: must be ≥ 1"},
    };
}

std::vector<BadCase> distributionCases() {
    return {
        {"service missing", [](json& j) { deployment(j).erase("service"); },
         "deployments[0].service: required key missing"},
        {"service number", [](json& j) { deployment(j)["service"] = 1.5; },
         "deployments[0].service: must be an object"},
        {"service mean zero", [](json& j) { deployment(j)["service"]["meanSeconds"] = 0; },
         "deployments[0].service.meanSeconds: must be > 0"},
        {"service kind unknown", [](json& j) { deployment(j)["service"] = {{"kind", "gamma"}}; },
         "deployments[0].service.kind: must be one of \"fixed\", \"exponential\", \"uniform\", "
         "\"lognormal\", \"empirical\""},
        {"other distribution's key",
         [](json& j) { deployment(j)["service"] = {{"kind", "exponential"}, {"seconds", 1}}; },
         "deployments[0].service.seconds: not used by exponential distributions"},
        {"distribution kind missing", [](json& j) { deployment(j)["coldStart"] = {{"seconds", 1}}; },
         "deployments[0].coldStart.kind: required key missing"},
        {"uniform max below min",
         [](json& j) {
             deployment(j)["service"] = {{"kind", "uniform"}, {"minSeconds", 2}, {"maxSeconds", 1}};
         },
         "deployments[0].service.maxSeconds: must be ≥ minSeconds (2)"},
        {"lognormal p99 below p50",
         [](json& j) {
             deployment(j)["service"] = {
                 {"kind", "lognormal"}, {"p50Seconds", 0.5}, {"p99Seconds", 0.25}};
         },
         "deployments[0].service.p99Seconds: must be ≥ p50Seconds (0.5)"},
        {"lognormal p50 zero",
         [](json& j) {
             deployment(j)["service"] = {{"kind", "lognormal"}, {"p50Seconds", 0}, {"p99Seconds", 1}};
         },
         "deployments[0].service.p50Seconds: must be > 0"},
        {"empirical empty",
         [](json& j) {
             deployment(j)["service"] = {{"kind", "empirical"}, {"samplesSeconds", json::array()}};
         },
         "deployments[0].service.samplesSeconds: must not be empty"},
        {"empirical not an array",
         [](json& j) { deployment(j)["service"] = {{"kind", "empirical"}, {"samplesSeconds", 5}}; },
         "deployments[0].service.samplesSeconds: must be an array"},
        {"empirical negative sample",
         [](json& j) {
             deployment(j)["service"] = {{"kind", "empirical"}, {"samplesSeconds", {0.1, -1}}};
         },
         "deployments[0].service.samplesSeconds[1]: must be ≥ 0"},
        {"cold start too long", [](json& j) { deployment(j)["coldStart"]["seconds"] = 2e9; },
         "deployments[0].coldStart.seconds: must be ≤ 1000000000"},
    };
}

std::vector<BadCase> badCases() {
    std::vector<BadCase> all;
    for (auto* group : {&topLevelCases, &workloadCases, &workloadKindCases, &listAndTokenCases, &deploymentListAndKeyCases, &numberCases, &enumerationAndHardwareCases, &kindCases, &distributionCases}) {
        auto cases = group();
        all.insert(all.end(), cases.begin(), cases.end());
    }
    return all;
}

TEST(ScenarioJsonErrors, EveryBadValueIsReportedWithItsPathAndReason) {
    const auto cases = badCases();
    ASSERT_GE(cases.size(), 20u);
    for (const auto& c : cases) {
        SCOPED_TRACE(c.label);
        json j = json::parse(kIssueExample);
        c.edit(j);
        EXPECT_EQ(errorOf([&] { (void)scenarioFromJson(j, "scenario.json"); }),
                  std::string("scenario.json: ") + c.expected);
    }
}

TEST(ScenarioJsonErrors, ErrorKeepsItsParts) {
    json j = json::parse(kIssueExample);
    j["deployments"][0]["keepAliveSeconds"] = -1;
    try {
        (void)scenarioFromJson(j, "scenario.json");
        FAIL() << "no error";
    } catch (const ScenarioError& e) {
        EXPECT_EQ(e.source(), "scenario.json");
        EXPECT_EQ(e.jsonPath(), "deployments[0].keepAliveSeconds");
        EXPECT_EQ(e.reason(), "must be ≥ 0");
        EXPECT_STREQ(e.what(), "scenario.json: deployments[0].keepAliveSeconds: must be ≥ 0");
        EXPECT_EQ(e.line(), 0u);
    }
}

TEST(ScenarioJsonErrors, NewerSchemaVersionAsksForAnUpgrade) {
    const std::string path = fixture("bad-newer-schema.json");
    try {
        (void)loadScenarioFile(path);
        FAIL() << "no error";
    } catch (const ScenarioError& e) {
        // Reported before the newer file's unknown "slos" key.
        EXPECT_EQ(e.jsonPath(), "schemaVersion");
        EXPECT_EQ(e.reason(),
                  "schema version 3 is newer than this Breakeven supports (1); upgrade Breakeven");
    }
}

TEST(ScenarioJsonErrors, BadFixtureFilesReportExactMessages) {
    const std::pair<const char*, const char*> cases[] = {
        {"bad-newer-schema.json",
         "schemaVersion: schema version 3 is newer than this Breakeven supports (1); upgrade "
         "Breakeven"},
        {"bad-unknown-key-typo.json",
         "deployments[0].keepAliveSecond: unknown key (did you mean \"keepAliveSeconds\"?)"},
        {"bad-dedicated-keepalive.json",
         "deployments[1].keepAliveSeconds: not used by dedicated deployments (use nodes)"},
        {"bad-duplicate-key.json", "deployments[0].memoryMb: duplicate key"},
        {"bad-min-above-max.json", "deployments[0].minInstances: must be ≤ maxInstances (4)"},
        {"bad-negative-sample.json", "deployments[0].service.samplesSeconds[2]: must be ≥ 0"},
        {"bad-gpu-without-count.json", "deployments[0].gpuCount: must be ≥ 1 when gpu is set"},
    };
    for (const auto& [name, expected] : cases) {
        const std::string path = fixture(name);
        EXPECT_EQ(errorOf([&] { (void)loadScenarioFile(path); }), path + ": " + expected);
    }
}

// ------------------------------------------------------------------ syntax

ScenarioError syntaxErrorOf(const std::string& text) {
    try {
        (void)parseScenarioText(text, "scenario.json");
    } catch (const ScenarioError& e) {
        return e;
    }
    return ScenarioError("", "", "(no error)");
}

TEST(ScenarioJsonSyntax, MissingCommaReportsLineAndColumn) {
    const std::string path = fixture("bad-syntax-missing-comma.json");
    const std::string message = errorOf([&] { (void)loadScenarioFile(path); });
    // Line 4 starts with two spaces, then the key nlohmann did not expect.
    EXPECT_EQ(message.rfind(path + ":4:3: syntax error while parsing object - ", 0), 0u)
        << message;
    EXPECT_NE(message.find("unexpected string literal; expected '}'"), std::string::npos)
        << message;
}

TEST(ScenarioJsonSyntax, PositionsCountLinesAndCharacters) {
    struct Case {
        std::string text;
        std::size_t line, column;
        const char* reasonPart;
    };
    const Case cases[] = {
        {"{\n  \"schemaVersion\": 1,\n  \"name\": \"x\",,\n}", 3, 15, "unexpected ','"},
        {"{\n  \"a\": 1\n", 3, 1, "unexpected end of input"},
        {"", 1, 1, "unexpected end of input"},
        {"{\"name\": \"é€\", x}", 1, 16, "invalid literal"},  // 2- and 3-byte characters
        {"{\"a\": 1} x", 1, 10, "expected end of input"},
        {"{\"a\": 1,}", 1, 9, "unexpected '}'"},
        {"{\"a\" 5}", 1, 6, "unexpected number literal"},
        {"{\"a\": 1 \"bé\": 2}", 1, 9, "unexpected string literal"},  // the literal's start
        {"{\"a\": [1, 2,\n 1e400]}", 2, 2, "number overflow parsing '1e400'"},
        {"{\"a\": \"b\nc\"}", 1, 9, "control character U+000A (LF) must be escaped"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        const ScenarioError e = syntaxErrorOf(c.text);
        EXPECT_EQ(e.source(), "scenario.json");
        EXPECT_EQ(e.line(), c.line);
        EXPECT_EQ(e.column(), c.column);
        EXPECT_EQ(e.jsonPath(), "");
        EXPECT_NE(e.reason().find(c.reasonPart), std::string::npos) << e.reason();
        EXPECT_EQ(std::string(e.what()), "scenario.json:" + std::to_string(c.line) + ":" +
                                             std::to_string(c.column) + ": " + e.reason());
        EXPECT_EQ(e.reason().find("json.exception"), std::string::npos) << e.reason();
    }
}

TEST(ScenarioJsonSyntax, DuplicateKeysAreReportedAtTheirPath) {
    EXPECT_EQ(errorOf([] {
                  (void)parseScenarioText(R"({"schemaVersion": 1, "schemaVersion": 1})", "s.json");
              }),
              "s.json: schemaVersion: duplicate key");
    EXPECT_EQ(errorOf([] {
                  (void)parseScenarioText(
                      R"({"deployments": [{"a": 1}, {"service": {"kind": "fixed", "kind": "x"}}]})",
                      "s.json");
              }),
              "s.json: deployments[1].service.kind: duplicate key");
    // The same key in sibling objects is fine.
    EXPECT_EQ(errorOf([] { (void)parseScenarioText(R"({"a": {"k": 1}, "b": {"k": 2}})", "s.json"); }),
              "s.json: schemaVersion: required key missing");
}

// ------------------------------------------------------------------ files

TEST(ScenarioJsonFiles, UnreadableFilesNameTheOsError) {
    const std::string missing = fixture("no-such-file.json");
    EXPECT_EQ(errorOf([&] { (void)loadScenarioFile(missing); }),
              missing + ": cannot open: No such file or directory");
    const std::string directory = std::string(BREAKEVEN_TEST_DATA_DIR) + "/scenarios";
    EXPECT_EQ(errorOf([&] { (void)loadScenarioFile(directory); }),
              directory + ": cannot read: Is a directory");
    try {
        (void)loadScenarioFile(missing);
    } catch (const ScenarioError& e) {
        EXPECT_EQ(e.source(), missing);
        EXPECT_EQ(e.jsonPath(), "");
    }
}

// Last in the file: it replaces this process's standard input.
TEST(ScenarioJsonFiles, DashReadsStandardInput) {
    ASSERT_NE(std::freopen(fixture("good-simfaas-lambda.json").c_str(), "r", stdin), nullptr);
    const Scenario s = loadScenarioFile("-");
    EXPECT_EQ(s.name, "simfaas-lambda");
    EXPECT_EQ(s.deployments.at(0).service.param(0), 1.991);
    ASSERT_NE(std::freopen(fixture("bad-min-above-max.json").c_str(), "r", stdin), nullptr);
    EXPECT_EQ(errorOf([] { (void)loadScenarioFile("-"); }),
              "<stdin>: deployments[0].minInstances: must be ≤ maxInstances (4)");
}

}  // namespace
}  // namespace breakeven
