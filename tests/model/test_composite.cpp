// Composite alternatives: the hybrid router sends exactly the baseline's
// overflow to burst, splits route by weight and by input tokens, results sum
// over members, and the scenario JSON round-trips with exact errors.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "model/io/ScenarioJson.h"
#include "model/sim/Simulator.h"

namespace breakeven {
namespace {

using nlohmann::json;

DeploymentSpec member(std::string name, DeploymentKind kind, double serviceSeconds) {
    DeploymentSpec d;
    d.name = std::move(name);
    d.kind = kind;
    d.service = Distribution::fixed(serviceSeconds);
    d.requestTimeoutSeconds = 1e6;
    if (kind == DeploymentKind::Dedicated) {
        d.nodes = d.minInstances = d.maxInstances = 1;
        d.placement = Placement::LeastLoaded;
        d.billing = BillingScope::NodeHours;
    }
    return d;
}

Scenario listScenario(std::vector<double> arrivals, double duration) {
    Scenario s;
    s.name = "composite";
    s.workload.kind = WorkloadKind::List;
    s.workload.durationSeconds = duration;
    s.workload.arrivalsSeconds = std::make_shared<const std::vector<double>>(std::move(arrivals));
    return s;
}

TEST(Composite, HybridSendsExactlyTheOverflowToBurst) {
    // One baseline slot busy 1 s per request: 0.5 and 1.3 find it busy.
    Scenario s = listScenario({0.0, 0.5, 1.2, 1.3, 3.0}, 10.0);
    DeploymentSpec hybrid;
    hybrid.name = "hybrid";
    hybrid.composite = Composite::Hybrid;
    hybrid.thresholdUtilization = 1.0;
    hybrid.members = {member("baseline", DeploymentKind::Dedicated, 1.0),
                      member("burst", DeploymentKind::Function, 1.0)};
    s.deployments.push_back(hybrid);
    const DeploymentResult r = simulateDeployment(s, 0, SimulationOptions{});
    ASSERT_EQ(r.members.size(), 2u);
    EXPECT_EQ(r.members[0].requests, 3u);
    EXPECT_EQ(r.members[1].requests, 2u);
    EXPECT_EQ(r.requests, 5u);
    EXPECT_EQ(r.served, 5u);
    EXPECT_EQ(r.members[0].rejected, 0u);
    EXPECT_EQ(r.members[1].coldStarts, 2u);  // the instance started at 0.5 is still busy at 1.3
    EXPECT_EQ(r.latency.count(), 5u);
    EXPECT_EQ(r.composite, Composite::Hybrid);
}

TEST(Composite, HybridThresholdBelowOneBurstsEarlier) {
    Scenario s = listScenario({0.0, 0.1, 0.2, 0.3}, 10.0);
    DeploymentSpec hybrid;
    hybrid.name = "hybrid";
    hybrid.composite = Composite::Hybrid;
    hybrid.thresholdUtilization = 0.5;
    DeploymentSpec baseline = member("baseline", DeploymentKind::Dedicated, 1.0);
    baseline.concurrencyPerInstance = 4;
    hybrid.members = {baseline, member("burst", DeploymentKind::Function, 1.0)};
    s.deployments.push_back(hybrid);
    const DeploymentResult r = simulateDeployment(s, 0, SimulationOptions{});
    EXPECT_EQ(r.members[0].requests, 2u);  // 0/4 and 1/4 busy take it; 2/4 = 0.5 bursts
    EXPECT_EQ(r.members[1].requests, 2u);
}

TEST(Composite, SplitByInputTokensAndByWeight) {
    Scenario s;
    s.name = "split";
    s.workload.kind = WorkloadKind::Poisson;
    s.workload.ratePerSecond = 100;
    s.workload.durationSeconds = 200;
    s.workload.inputTokens = Distribution::uniform(0, 4000);
    DeploymentSpec byTokens;
    byTokens.name = "by-tokens";
    byTokens.composite = Composite::Split;
    byTokens.members = {member("short", DeploymentKind::Function, 0.01), member("long", DeploymentKind::Function, 0.01)};
    byTokens.routes = {SplitRoute{0.0, 0u}, SplitRoute{0.0, 3000u}};
    DeploymentSpec byWeight = byTokens;
    byWeight.name = "by-weight";
    byWeight.routes = {SplitRoute{3.0, std::nullopt}, SplitRoute{1.0, std::nullopt}};
    s.deployments = {byTokens, byWeight};
    const ScenarioResult r = simulate(s, SimulationOptions{});
    const double n = static_cast<double>(r.deployments[0].requests);
    EXPECT_NEAR(static_cast<double>(r.deployments[0].members[1].requests) / n, 0.25, 0.01);
    EXPECT_NEAR(static_cast<double>(r.deployments[1].members[0].requests) / n, 0.75, 0.01);
    EXPECT_EQ(r.deployments[1].members[0].requests + r.deployments[1].members[1].requests,
              r.deployments[1].requests);
}

std::string errorOf(const std::string& alternative) {
    const std::string text = R"({"schemaVersion": 1, "name": "s",
        "workload": {"kind": "poisson", "ratePerSecond": 1, "durationSeconds": 60},
        "deployments": [)" + alternative + "]}";
    try {
        (void)parseScenarioText(text, "s.json");
    } catch (const ScenarioError& e) {
        return e.what();
    }
    return "no error";
}

constexpr const char* kMember = R"({"name": "%s", "service": {"kind": "fixed", "seconds": 1}})";

std::string memberJson(const std::string& name) {
    std::string m = kMember;
    m.replace(m.find("%s"), 2, name);
    return m;
}

TEST(Composite, ScenarioJsonRoundTripsAndNamesErrors) {
    const std::string hybrid = R"({"kind": "hybrid", "name": "h", "baseline": )" + memberJson("a") +
                               R"(, "burst": )" + memberJson("b") + R"(, "thresholdUtilization": 0.7})";
    const Scenario s = parseScenarioText(R"({"schemaVersion": 1, "name": "s",
        "workload": {"kind": "poisson", "ratePerSecond": 1, "durationSeconds": 60},
        "deployments": [)" + hybrid + "]}", "s.json");
    ASSERT_EQ(s.deployments[0].composite, Composite::Hybrid);
    EXPECT_DOUBLE_EQ(s.deployments[0].thresholdUtilization, 0.7);
    const json canonical = scenarioToJson(s);
    EXPECT_EQ(scenarioToJson(scenarioFromJson(canonical, "c.json")), canonical);

    EXPECT_EQ(errorOf(R"({"kind": "hybrid", "name": "h", "baseline": )" + memberJson("a") + "}"),
              "s.json: deployments[0].burst: required key missing");
    EXPECT_EQ(errorOf(R"({"kind": "hybrid", "name": "h", "baseline": )" + memberJson("a") + R"(, "burst": )" +
                      memberJson("a") + "}"),
              "s.json: deployments[0].burst: member name \"a\" is used twice");
    EXPECT_EQ(errorOf(R"({"kind": "split", "name": "s", "routes": [{"weight": 1, "deployment": )" + memberJson("a") +
                      R"(}, {"minInputTokens": 5, "deployment": )" + memberJson("b") + "}]}"),
              "s.json: deployments[0].routes[1].minInputTokens: every route needs either weight or "
              "minInputTokens, the same for all routes");
    EXPECT_NE(errorOf(R"({"kind": "split", "name": "s", "routes": [{"weight": 1, "deployment": {"kind": "hybrid"}}, )"
                      R"({"weight": 1, "deployment": )" + memberJson("b") + "}]}")
                  .find("a member cannot itself be a hybrid or a split"),
              std::string::npos);
}

}  // namespace
}  // namespace breakeven
