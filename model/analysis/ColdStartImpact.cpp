#include "model/analysis/ColdStartImpact.h"

#include <stdexcept>

#include <fmt/format.h>

#include "model/analysis/Parallel.h"
#include "model/sim/Simulator.h"

namespace breakeven::analysis {

namespace {

// One simulation: a deployment at one value of one of its two curves.
struct Task {
    std::size_t impact = 0;
    bool keepAlive = true;
    std::size_t row = 0;
    Scenario scenario;
};

std::optional<double> p99(const LatencyHistogram& h) {
    if (h.count() == 0) return std::nullopt;
    return h.quantileSeconds(0.99);
}

ColdStartRow measure(const Task& task, std::size_t deployment, double value, const SplitCostFunction& cost,
                     const std::atomic<bool>* cancel) {
    SimulationOptions options;
    options.threads = 1;
    options.cancel = cancel;
    const DeploymentResult r = simulateDeployment(task.scenario, deployment, options);
    ColdStartRow row;
    row.value = value;
    row.requests = r.requests;
    row.coldStarts = r.coldStarts;
    row.coldStartFraction =
        r.requests == 0 ? 0.0 : static_cast<double>(r.coldRequests) / static_cast<double>(r.requests);
    row.p99Seconds = r.llm ? p99(r.llm->ttft) : p99(r.latency);
    row.coldOnlyP99Seconds = p99(r.coldLatency);
    row.meanAliveInstances = r.meanAlive;
    row.costPerMonth = cost(task.scenario, deployment, r);
    return row;
}

void checkServerless(const Scenario& s, std::size_t index) {
    if (index >= s.deployments.size())
        throw std::invalid_argument(
            fmt::format("deployment index {} is out of range: the scenario has {}", index, s.deployments.size()));
    const DeploymentSpec& d = s.deployments[index];
    if (d.kind == DeploymentKind::Dedicated || d.composite != Composite::None)
        throw std::invalid_argument(fmt::format("deployment \"{}\" is {}: it has no keep-alive or min instances",
                                                d.name, d.composite != Composite::None ? "a composite" : "dedicated"));
}

// The curve's rows get their values now; the tasks that fill them run later.
void planCurve(const Scenario& base, std::size_t impact, std::size_t deployment, bool keepAlive,
               const std::vector<double>& values, const ColdStartOptions& options, const std::string& source,
               const PrepareScenario& prepare, ColdStartCurve& curve, std::vector<Task>& tasks) {
    const std::string path =
        fmt::format("deployments[{}].{}", deployment, keepAlive ? "keepAliveSeconds" : "minInstances");
    const ParameterPath parameter(base, path, source, prepare);
    curve.parameter = path;
    curve.baseValue = parameter.baseValue();
    const int maxInstances = base.deployments[deployment].maxInstances;
    for (double v : values) {
        if (!keepAlive && options.dropAboveMaxInstances && v > maxInstances) {
            curve.dropped.push_back(v);
            continue;
        }
        ColdStartRow row;
        row.value = v;
        curve.rows.push_back(row);
        tasks.push_back(Task{impact, keepAlive, curve.rows.size() - 1, parameter.apply(v)});
    }
}

}  // namespace

std::vector<std::size_t> serverlessDeployments(const Scenario& scenario) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < scenario.deployments.size(); ++i) {
        const DeploymentSpec& d = scenario.deployments[i];
        if (d.kind != DeploymentKind::Dedicated && d.composite == Composite::None) out.push_back(i);
    }
    return out;
}

ColdStartResult runColdStartImpact(const Scenario& base, const std::vector<std::size_t>& deployments,
                                   const std::string& source, const PrepareScenario& prepare,
                                   const SplitCostFunction& cost, const ColdStartOptions& options) {
    ColdStartResult result;
    std::vector<Task> tasks;
    for (std::size_t i = 0; i < deployments.size(); ++i) {
        const std::size_t d = deployments[i];
        checkServerless(base, d);
        ColdStartImpact impact;
        impact.deployment = base.deployments[d].name;
        impact.index = d;
        impact.llm = base.deployments[d].llm.has_value();
        planCurve(base, i, d, true, options.keepAliveSeconds, options, source, prepare, impact.keepAlive, tasks);
        planCurve(base, i, d, false, options.minInstances, options, source, prepare, impact.minInstances, tasks);
        result.deployments.push_back(std::move(impact));
    }
    // Each task writes its own row: no two tasks share an element.
    parallelFor(tasks.size(), options.threads, [&](std::size_t k) {
        const Task& task = tasks[k];
        ColdStartImpact& impact = result.deployments[task.impact];
        ColdStartCurve& curve = task.keepAlive ? impact.keepAlive : impact.minInstances;
        ColdStartRow& row = curve.rows[task.row];
        row = measure(task, impact.index, row.value, cost, options.cancel);
    });
    result.simulations = tasks.size();
    return result;
}

}  // namespace breakeven::analysis
