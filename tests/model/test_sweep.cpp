// Sweeps and crossovers (issue 8): the crossover search on analytic curves,
// parameter paths and their errors, traffic scaling, determinism.
#include <atomic>
#include <cmath>
#include <filesystem>

#include <gtest/gtest.h>

#include "SimTestSupport.h"
#include "model/analysis/Crossover.h"
#include "model/analysis/ParameterPath.h"
#include "model/analysis/Sweep.h"
#include "model/io/ScenarioJson.h"
#include "model/sim/Simulator.h"

namespace breakeven {
namespace {

using namespace analysis;

// Two straight cost lines crossing at x = 3.7.
PairSample lines(double x) {
    PairSample s;
    s.value = x;
    s.ratePerSecond = 10.0 * x;
    s.a.costUsdPerMonth = 2.0 * x + 1.0;
    s.b.costUsdPerMonth = x + 4.7;
    s.a.p99Seconds = 1.0;
    s.b.p99Seconds = 2.0;
    return s;
}

// The sweep's coarse grid, its brackets, then refinement through the probe.
std::vector<Crossover> crossoversOf(const PairProbe& probe, const SweepRange& range, RefineOptions options) {
    std::vector<PairSample> grid;
    std::vector<std::optional<double>> differences;
    for (double v : sweepValues(range)) {
        grid.push_back(probe(v));
        differences.push_back(grid.back().difference());
    }
    std::vector<Crossover> out;
    options.scale = range.scale;
    for (const Bracket& b : findBrackets(differences))
        out.push_back(refineCrossover(grid[b.lo], grid[b.hi], probe, options));
    return out;
}

TEST(Crossover, AnalyticLinesOnALogSweepAreFoundWithinOnePercent) {
    const auto found = crossoversOf(lines, {0.1, 20.0, 12, SweepScale::Log}, {});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_TRUE(found[0].refined);
    EXPECT_NEAR(found[0].at.value, 3.7, 0.037);
    EXPECT_GT(found[0].probes, 0);
    // Every figure is the one simulated at the reported value.
    EXPECT_DOUBLE_EQ(*found[0].at.a.costUsdPerMonth, 2.0 * found[0].at.value + 1.0);
    EXPECT_DOUBLE_EQ(*found[0].at.b.costUsdPerMonth, found[0].at.value + 4.7);
    EXPECT_DOUBLE_EQ(found[0].at.ratePerSecond, 10.0 * found[0].at.value);
}

TEST(Crossover, LinearSweepAndTighterTolerance) {
    RefineOptions options;
    options.tolerance = 1e-4;
    const auto found = crossoversOf(lines, {0.0, 10.0, 5, SweepScale::Linear}, options);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NEAR(found[0].at.value, 3.7, 3.7e-4);
}

TEST(Crossover, CancelledRefinementIsInterpolatedAndSaysSo) {
    std::atomic<bool> cancel{true};
    RefineOptions options;
    options.cancel = &cancel;
    const auto found = crossoversOf(lines, {0.1, 20.0, 12, SweepScale::Log}, options);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_FALSE(found[0].refined);
    EXPECT_EQ(found[0].probes, 0);
    // Straight lines interpolated on a log axis: close, not exact.
    EXPECT_NEAR(found[0].at.value, 3.7, 0.5);
}

TEST(Crossover, UnpricedMidpointStopsRefinement) {
    const PairProbe probe = [](double x) {
        PairSample s = lines(x);
        if (x > 1.0 && x < 10.0) s.b.costUsdPerMonth.reset();
        return s;
    };
    const Crossover c = refineCrossover(lines(1.0), lines(10.0), probe, {});
    EXPECT_FALSE(c.refined);
    EXPECT_EQ(c.probes, 1);
    EXPECT_NEAR(c.at.value, 3.7, 1e-9);  // linear interpolation of straight lines is exact
}

TEST(Crossover, IntegerParametersStopAtAdjacentWholeValues) {
    const PairProbe probe = [](double x) {
        PairSample s;
        s.value = x;
        s.a.costUsdPerMonth = x;
        s.b.costUsdPerMonth = 5.5;
        return s;
    };
    RefineOptions options;
    options.integer = true;
    const Crossover c = refineCrossover(probe(0.0), probe(20.0), probe, options);
    EXPECT_TRUE(c.refined);
    EXPECT_TRUE(c.at.value == 5.0 || c.at.value == 6.0) << c.at.value;
}

TEST(Crossover, BracketsCountAZeroOnceAndSkipUnpriced) {
    using D = std::vector<std::optional<double>>;
    auto pairs = [](const D& d) {
        std::vector<std::pair<std::size_t, std::size_t>> out;
        for (const auto& b : findBrackets(d)) out.emplace_back(b.lo, b.hi);
        return out;
    };
    using P = std::vector<std::pair<std::size_t, std::size_t>>;
    EXPECT_EQ(pairs({1.0, -1.0}), (P{{0, 1}}));
    EXPECT_EQ(pairs({1.0, 0.0, -1.0}), (P{{1, 1}}));
    EXPECT_EQ(pairs({1.0, 0.0, 0.0, -1.0}), (P{{1, 1}}));
    EXPECT_EQ(pairs({1.0, std::nullopt, -1.0}), P{});
    EXPECT_EQ(pairs({-2.0, 1.0, 3.0, -1.0}), (P{{0, 1}, {2, 3}}));
}

TEST(SweepValues, RangesAndErrors) {
    const auto lin = sweepValues({0.0, 10.0, 3, SweepScale::Linear});
    EXPECT_EQ(lin, (std::vector<double>{0.0, 5.0, 10.0}));
    const auto log = sweepValues({0.1, 10.0, 3, SweepScale::Log});
    EXPECT_NEAR(log[1], 1.0, 1e-12);
    EXPECT_EQ(log.back(), 10.0);
    auto message = [](const SweepRange& r) {
        try {
            (void)sweepValues(r);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message({0.0, 1.0, 1, SweepScale::Linear}), "points must be ≥ 2, got 1");
    EXPECT_EQ(message({0.0, 1.0, 4, SweepScale::Log}), "a log sweep needs from and to > 0, got 0 and 1");
    EXPECT_EQ(message({1.0, 1.0, 4, SweepScale::Linear}), "from and to must differ");
}

// A Lambda-like function (cost grows with traffic) against two dedicated
// nodes (flat cost): their cost curves cross as traffic grows.
Scenario pairScenario() {
    Scenario s = test::poissonScenario(2.0, 600.0, 7);
    DeploymentSpec fn = test::functionDeployment("fn", Distribution::exponential(0.2));
    fn.coldStart = Distribution::fixed(0.5);
    fn.keepAliveSeconds = 60.0;
    s.deployments.push_back(fn);
    DeploymentSpec node = test::dedicatedDeployment("node", 2, Distribution::exponential(0.2));
    node.concurrencyPerInstance = 4;
    node.overflow = Overflow::Queue;
    s.deployments.push_back(node);
    return s;
}

// Prices without pricing/: $ per request-second on demand, $ per node-second.
std::optional<double> toyCost(const Scenario&, std::size_t, const DeploymentResult& r) {
    const double month = 730.0 * 3600.0 / r.simulatedSeconds;
    return month * (r.ledger.billedRequestSecondsOnDemand * 2e-4 + r.ledger.nodeSeconds * 1e-4);
}

std::string parameterError(const Scenario& s, const std::string& path, double value = 1.0) {
    try {
        (void)ParameterPath(s, path, "sweep-test.json").apply(value);
    } catch (const ParameterError& e) {
        return e.what();
    }
    return "no error";
}

TEST(ParameterPath, ErrorsNameThePathAndTheReason) {
    const Scenario s = pairScenario();
    EXPECT_EQ(parameterError(s, "deployments[5].keepAliveSeconds"),
              "deployments[5].keepAliveSeconds: index 5 is out of range: deployments has 2 elements");
    EXPECT_EQ(parameterError(s, "workload.rate"),
              "workload.rate: workload has no key \"rate\" (numeric keys there: durationSeconds, ratePerSecond)");
    EXPECT_EQ(parameterError(s, "deployments[0].name"), "deployments[0].name: is a string, not a number");
    EXPECT_EQ(parameterError(s, "deployments[0].scaleUpPerSecond"),
              "deployments[0].scaleUpPerSecond: is null, not a number");
    EXPECT_EQ(parameterError(s, "deployments[0].minInstances", 2.5),
              "deployments[0].minInstances: is an integer; 2.5 is not a whole number");
    EXPECT_EQ(parameterError(s, "deployments.0"),
              "deployments.0: malformed parameter path (expected keys joined by '.' and array indices in "
              "brackets, e.g. deployments[0].keepAliveSeconds)");
    EXPECT_EQ(parameterError(s, "workload.rateScale", 0.0), "workload.rateScale: must be > 0, got 0");
    EXPECT_EQ(parameterError(s, "name.x"), "name.x: name is a string, not an object");
}

TEST(ParameterPath, SetsNumbersAndIntegersThroughTheStrictReader) {
    const Scenario s = pairScenario();
    const ParameterPath keepAlive(s, "deployments[0].keepAliveSeconds", "sweep-test.json");
    EXPECT_FALSE(keepAlive.isInteger());
    EXPECT_EQ(keepAlive.baseValue(), 60.0);
    EXPECT_EQ(keepAlive.apply(12.5).deployments[0].keepAliveSeconds, 12.5);
    const ParameterPath nodes(s, "deployments[1].nodes", "sweep-test.json");
    EXPECT_TRUE(nodes.isInteger());
    EXPECT_EQ(nodes.apply(3.0).deployments[1].nodes, 3);
    // Out-of-range values are the reader's errors, with the same path.
    try {
        (void)keepAlive.apply(-1.0);
        FAIL() << "no error";
    } catch (const ScenarioError& e) {
        EXPECT_STREQ(e.what(), "sweep-test.json: deployments[0].keepAliveSeconds: must be ≥ 0");
    }
    // The prepare hook sees every produced scenario.
    int prepared = 0;
    const ParameterPath hooked(s, "seed", "sweep-test.json", [&](Scenario& x) { ++prepared, x.name = "prepared"; });
    EXPECT_EQ(hooked.apply(9.0).seed, 9u);
    EXPECT_EQ(hooked.apply(9.0).name, "prepared");
    EXPECT_EQ(prepared, 2);
}

TEST(ParameterPath, RateScaleDoublesPoissonArrivals) {
    const Scenario s = pairScenario();
    const ParameterPath scale(s, std::string(kRateScalePath), "sweep-test.json");
    const Scenario doubled = scale.apply(2.0);
    EXPECT_EQ(doubled.workload.ratePerSecond, 4.0);
    const double base = static_cast<double>(test::runOne(scale.apply(1.0)).requests);
    const double twice = static_cast<double>(test::runOne(doubled).requests);
    EXPECT_NEAR(twice / base, 2.0, 0.1);
}

TEST(ParameterPath, RateScaleOnOtherGenerators) {
    Scenario s = pairScenario();
    s.workload.kind = WorkloadKind::List;
    s.workload.arrivalsSeconds = std::make_shared<const std::vector<double>>(std::vector<double>{1, 2, 3, 4});
    const ParameterPath list(s, "workload.rateScale", "sweep-test.json");
    EXPECT_EQ(*list.apply(2.0).workload.arrivalsSeconds, (std::vector<double>{1, 1, 2, 2, 3, 3, 4, 4}));
    EXPECT_EQ(*list.apply(0.5).workload.arrivalsSeconds, (std::vector<double>{2, 4}));
    s.workload.kind = WorkloadKind::OnOff;
    s.workload.requestsPerBatch = 10;
    s.workload.batchPeriodSeconds = 60.0;
    EXPECT_EQ(ParameterPath(s, "workload.rateScale", "x.json").apply(0.26).workload.requestsPerBatch, 3);
    EXPECT_EQ(ParameterPath(s, "workload.rateScale", "x.json").apply(0.01).workload.requestsPerBatch, 1);
    s.workload.kind = WorkloadKind::Mmpp;
    s.workload.ratePerSecond = 1.0;
    s.workload.burstRatePerSecond = 8.0;
    const Scenario mmpp = ParameterPath(s, "workload.rateScale", "x.json").apply(3.0);
    EXPECT_EQ(mmpp.workload.ratePerSecond, 3.0);
    EXPECT_EQ(mmpp.workload.burstRatePerSecond, 24.0);
}

TEST(ParameterPath, TracePathsStayValidAfterTheRoundTrip) {
    const std::string source = std::string(BREAKEVEN_SOURCE_DIR) + "/resources/demo/azure-conv-trace.json";
    const Scenario s = loadScenarioFile(source);
    const ParameterPath scale(s, "workload.rateScale", "elsewhere/renamed.json");
    const Scenario half = scale.apply(0.5);
    EXPECT_EQ(half.workload.trace->rateScale, 0.5);
    EXPECT_TRUE(std::filesystem::exists(half.workload.trace->resolvedPath)) << half.workload.trace->resolvedPath;
}

SweepResult sweepWith(int threads, std::vector<std::size_t>* streamed = nullptr) {
    const ParameterPath scale(pairScenario(), "workload.rateScale", "sweep-test.json");
    SweepOptions options;
    options.threads = threads;
    if (streamed != nullptr) options.onPoint = [streamed](const SweepPoint& p) { streamed->push_back(p.index); };
    return runSweep(scale, {0.25, 16.0, 8, SweepScale::Log}, toyCost, options);
}

void expectSame(const SideSample& x, const SideSample& y) {
    EXPECT_EQ(x.costUsdPerMonth, y.costUsdPerMonth);
    EXPECT_EQ(x.p99Seconds, y.p99Seconds);
    EXPECT_EQ(x.dedicatedUtilization, y.dedicatedUtilization);
}

TEST(Sweep, FindsTheCrossoverAndIsIdenticalForAnyThreadCount) {
    std::vector<std::size_t> streamed;
    const SweepResult one = sweepWith(1, &streamed);
    const SweepResult two = sweepWith(2);
    EXPECT_EQ(streamed.size(), 8u);
    ASSERT_EQ(one.points.size(), 8u);
    ASSERT_EQ(one.crossovers.size(), 1u);
    ASSERT_EQ(two.crossovers.size(), one.crossovers.size());
    for (std::size_t i = 0; i < one.points.size(); ++i) {
        EXPECT_EQ(one.points[i].ratePerSecond, two.points[i].ratePerSecond);
        for (std::size_t k = 0; k < 2; ++k) {
            const auto& x = one.points[i].alternatives[k];
            const auto& y = two.points[i].alternatives[k];
            EXPECT_EQ(x.costUsdPerMonth, y.costUsdPerMonth);
            EXPECT_EQ(x.p99Seconds, y.p99Seconds);
            EXPECT_EQ(x.coldStartFraction, y.coldStartFraction);
        }
    }
    const Crossover& c = one.crossovers[0].crossover;
    EXPECT_TRUE(c.refined);
    EXPECT_EQ(c.at.value, two.crossovers[0].crossover.at.value);
    expectSame(c.at.a, two.crossovers[0].crossover.at.a);
    expectSame(c.at.b, two.crossovers[0].crossover.at.b);
    EXPECT_EQ(one.crossovers[0].aName, "fn");
    EXPECT_EQ(one.crossovers[0].bName, "node");
    // The dedicated side reports its utilisation, the function side does not.
    EXPECT_FALSE(c.at.a.dedicatedUtilization);
    ASSERT_TRUE(c.at.b.dedicatedUtilization);
    EXPECT_GT(*c.at.b.dedicatedUtilization, 0.0);
    EXPECT_LT(*c.at.b.dedicatedUtilization, 1.0);
    EXPECT_NEAR(*c.at.a.costUsdPerMonth, *c.at.b.costUsdPerMonth, 0.05 * *c.at.b.costUsdPerMonth);
}

TEST(Sweep, CancelBeforeTheStartThrows) {
    const ParameterPath scale(pairScenario(), "workload.rateScale", "sweep-test.json");
    std::atomic<bool> cancel{true};
    SweepOptions options;
    options.cancel = &cancel;
    EXPECT_THROW((void)runSweep(scale, {1.0, 2.0, 2, SweepScale::Linear}, toyCost, options), SimulationCancelled);
}

TEST(Sweep, FractionalValuesOfAnIntegerParameterFailBeforeSimulating) {
    const ParameterPath nodes(pairScenario(), "deployments[1].nodes", "sweep-test.json");
    std::size_t streamed = 0;
    SweepOptions options;
    options.onPoint = [&](const SweepPoint&) { ++streamed; };
    EXPECT_THROW((void)runSweep(nodes, {1.0, 4.0, 3, SweepScale::Linear}, toyCost, options), ParameterError);
    EXPECT_EQ(streamed, 0u);
    const SweepResult whole = runSweep(nodes, {1.0, 4.0, 4, SweepScale::Linear}, toyCost, options);
    EXPECT_EQ(whole.points[3].value, 4.0);
    EXPECT_EQ(streamed, 4u);
}

}  // namespace
}  // namespace breakeven
