// The cold-start impact view: its data functions give exact values on the
// fixture (bill split bars sum to the priced total to the cent, the CDF at
// the p99 is 0.99 within a histogram bucket, a sweep point at the
// scenario's own value reproduces the simulation's bill), the charts build
// and render from data alone, and a cancelled cold-start run leaves no worker.
#include <cmath>
#include <memory>

#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QtTest>

#include "app/core/ColdStartData.h"
#include "app/core/PricedRun.h"
#include "app/gui/SimulationRunner.h"
#include "model/io/Workspace.h"
#include "model/sim/Simulator.h"
#include "tests/gui/GuiTestSupport.h"
#include "views/ColdStartViewData.h"
#include "views/charts/ColdStartCharts.h"

using namespace breakeven;

namespace {
std::shared_ptr<const pricing::PriceSet> prices() {
    static const auto set = std::make_shared<const pricing::PriceSet>(appcore::openCatalogue("").load());
    return set;
}

appcore::PricedSimulation simulateFixture(const std::string& workspace, std::size_t scenario) {
    const Workspace ws = loadWorkspace(workspace);
    return appcore::simulateAndPrice(ws.scenarios.at(scenario).scenario, workspace, *prices(),
                                     pricing::PricingOptions{}, nullptr, 0, true);
}

std::string demoWorkspace() { return BREAKEVEN_SOURCE_DIR "/resources/demo.breakeven.json"; }

// The share of samples in the bucket holding `seconds`.
double bucketMass(const LatencyHistogram& h, double seconds) {
    const auto micros = static_cast<std::uint64_t>(std::llround(seconds * 1e6));
    return static_cast<double>(h.bucketCount(LatencyHistogram::bucketOf(micros))) / static_cast<double>(h.count());
}

double greyStdDev(const QImage& image) {
    double sum = 0.0, sumSq = 0.0;
    long n = 0;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3) {
            const double g = qGray(image.pixel(x, y));
            sum += g, sumSq += g * g, ++n;
        }
    const double mean = sum / static_cast<double>(n);
    return std::sqrt(std::max(0.0, sumSq / static_cast<double>(n) - mean * mean));
}
}  // namespace

class ColdStartTest : public QObject {
    Q_OBJECT
private slots:
    void billBarsSumToThePricedTotal();
    void cdfOfAKnownHistogram();
    void cdfAtTheP99IsNinetyNinePercent();
    void llmCdfsSplitTtftAndTpotIntoWarmAndCold();
    void sweepAtTheScenarioValueReproducesTheBill();
    void cancelledSweepsThrow();
    void chartsBuildAndRenderFromData();
    void cancelledColdStartRunLeavesNoWorker();
};

void ColdStartTest::billBarsSumToThePricedTotal() {
    const auto run = simulateFixture(testing::fixtureWorkspace(), 0);
    const auto bars = views::billBars(run.scenario, run.costs);
    const auto reference = testing::referenceMonthlyCosts(testing::fixtureWorkspace(), 0);
    QCOMPARE(bars.size(), reference.size());
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto& b = bars[i];
        QVERIFY(b.priced);
        QCOMPARE(b.deployment, run.scenario.deployments[i].name);
        QCOMPARE(b.totalUsd, reference[i]);  // the CLI's $/month
        const double parts = b.usefulUsd + b.idleTaxUsd + b.coldStartTaxUsd + b.otherUsd;
        QVERIFY2(std::abs(std::round(parts * 100.0) - std::round(b.totalUsd * 100.0)) < 0.5,
                 qPrintable(QStringLiteral("%1: parts %2 vs total %3").arg(QString::fromStdString(b.deployment))
                                .arg(parts, 0, 'f', 4).arg(b.totalUsd, 0, 'f', 4)));
    }
    // Lambda with a 600 s keep-alive pays no idle tax; Cloud Run's keep-alive tail does.
    QCOMPARE(bars[0].idleTaxUsd, 0.0);
    QVERIFY(bars[0].coldStartTaxUsd > 0.0);
}

void ColdStartTest::cdfOfAKnownHistogram() {
    LatencyHistogram h;
    for (int us = 1; us <= 100; ++us) h.record(us);  // below 128 µs every value has its own bucket
    const auto cdf = views::histogramCdf(h);
    QCOMPARE(cdf.front().seconds, 1e-6);
    QCOMPARE(cdf.front().fraction, 0.0);
    QCOMPARE(cdf.back().fraction, 1.0);
    QCOMPARE(views::cdfAt(cdf, 50.5e-6), 0.495);  // half-way through the bucket of 50 µs
    QCOMPARE(views::cdfAt(cdf, 51e-6), 0.5);
    QCOMPARE(views::cdfAt(cdf, 1.0), 1.0);
    QCOMPARE(views::cdfAt(cdf, 0.0), 0.0);
    LatencyHistogram cold;
    for (int us = 51; us <= 100; ++us) cold.record(us);
    const auto warm = views::histogramCdf(h, &cold);  // 1..50 µs
    QCOMPARE(views::cdfAt(warm, 26e-6), 0.5);
    QCOMPARE(warm.back().seconds, 51e-6);
    QVERIFY(views::histogramCdf(cold, &cold).empty());
}

void ColdStartTest::cdfAtTheP99IsNinetyNinePercent() {
    const auto run = simulateFixture(testing::fixtureWorkspace(), 0);
    const auto cdfs = views::latencyCdfs(run.result);
    QCOMPARE(cdfs.size(), run.result.deployments.size());
    int checked = 0;
    for (std::size_t i = 0; i < cdfs.size(); ++i) {
        const DeploymentResult& d = run.result.deployments[i];
        if (d.latency.count() == 0) continue;
        const views::LatencyCdf& c = cdfs[i].metrics.at(0);
        QCOMPARE(c.metric, std::string("Latency"));
        QCOMPARE(c.warmCount + c.coldCount, d.latency.count());
        QCOMPARE(c.coldCount, d.coldLatency.count());
        const auto all = views::histogramCdf(d.latency);
        const double p99 = d.latency.quantileSeconds(0.99);
        const double at = views::cdfAt(all, p99);
        QVERIFY2(std::abs(at - 0.99) <= bucketMass(d.latency, p99) + 1e-12,
                 qPrintable(QStringLiteral("%1: CDF(p99 %2 s) = %3").arg(QString::fromStdString(d.name)).arg(p99).arg(at)));
        // Warm and cold requests recombine into all of them.
        const double p50 = d.latency.quantileSeconds(0.5);
        const double mixed = (views::cdfAt(c.warm, p50) * static_cast<double>(c.warmCount) +
                              views::cdfAt(c.cold, p50) * static_cast<double>(c.coldCount)) /
                             static_cast<double>(d.latency.count());
        QVERIFY(std::abs(mixed - views::cdfAt(all, p50)) < 1e-9);
        ++checked;
    }
    QCOMPARE(checked, 3);
}

void ColdStartTest::llmCdfsSplitTtftAndTpotIntoWarmAndCold() {
    const auto run = simulateFixture(demoWorkspace(), 0);
    const auto cdfs = views::latencyCdfs(run.result);
    int withCold = 0;
    for (std::size_t i = 0; i < cdfs.size(); ++i) {
        const DeploymentResult& d = run.result.deployments[i];
        QVERIFY(d.llm.has_value());
        QCOMPARE(cdfs[i].metrics.size(), std::size_t{2});
        const views::LatencyCdf& ttft = cdfs[i].metrics[0];
        QCOMPARE(ttft.metric, std::string("TTFT"));
        QCOMPARE(ttft.warmCount + ttft.coldCount, d.llm->ttft.count());
        QCOMPARE(cdfs[i].metrics[1].warmCount + cdfs[i].metrics[1].coldCount, d.llm->tpot.count());
        QVERIFY(ttft.coldCount <= d.coldRequests);
        if (ttft.coldCount == 0) continue;
        ++withCold;
        // A cold request waits for the instance to start: its TTFT median is
        // above the warm one's p99.
        const double warmP99 = ttft.warm.empty() ? 0.0 : d.llm->ttft.quantileSeconds(0.99);
        QVERIFY(views::cdfAt(ttft.cold, warmP99) < 0.5);
    }
    QVERIFY(withCold >= 3);
}

void ColdStartTest::sweepAtTheScenarioValueReproducesTheBill() {
    const Workspace ws = loadWorkspace(testing::fixtureWorkspace());
    const auto run = simulateFixture(testing::fixtureWorkspace(), 0);
    appcore::ColdStartRequest request;
    int calls = 0;
    request.onDeployment = [&calls](const analysis::ColdStartImpact&, std::size_t done, std::size_t total) {
        ++calls;
        QCOMPARE(done, static_cast<std::size_t>(calls));
        QCOMPARE(total, std::size_t{2});
    };
    const auto result = appcore::runColdStartSweeps(ws.scenarios[0].scenario, testing::fixtureWorkspace(), prices(),
                                                    pricing::PricingOptions{}, request);
    QCOMPARE(calls, 2);  // lambda and cloud run; the EC2 deployment is dedicated
    QCOMPARE(result.deployments.size(), std::size_t{2});
    const auto data = views::coldStartViewData(run.scenario, run.result, run.costs, &result);
    QCOMPARE(data.impact.size(), std::size_t{2});
    for (const auto& s : data.impact) {
        QCOMPARE(s.keepAlive.size(), std::size_t{7});
        QVERIFY(!s.minInstances.empty());
        const DeploymentResult& d = run.result.deployments[s.index];
        for (const auto& p : s.keepAlive) {
            if (p.value != s.keepAliveBaseSeconds) continue;
            QCOMPARE(*p.usdPerMonth, run.costs[s.index].month.totalUsd);
            QCOMPARE(p.coldFraction, static_cast<double>(d.coldRequests) / static_cast<double>(d.requests));
            QCOMPARE(*p.p99Seconds, d.latency.quantileSeconds(0.99));
        }
        // More min instances never make more requests cold here, and cost more at 8 than at 0.
        QVERIFY(s.minInstances.back().coldFraction <= s.minInstances.front().coldFraction);
    }
}

void ColdStartTest::cancelledSweepsThrow() {
    const Workspace ws = loadWorkspace(testing::fixtureWorkspace());
    std::atomic<bool> cancel{true};
    appcore::ColdStartRequest request;
    request.options.cancel = &cancel;
    QVERIFY_THROWS_EXCEPTION(SimulationCancelled,
                             appcore::runColdStartSweeps(ws.scenarios[0].scenario, testing::fixtureWorkspace(), prices(),
                                                         pricing::PricingOptions{}, request));
}

void ColdStartTest::chartsBuildAndRenderFromData() {
    const Workspace ws = loadWorkspace(testing::fixtureWorkspace());
    const auto run = simulateFixture(testing::fixtureWorkspace(), 0);
    const auto impact = appcore::runColdStartSweeps(ws.scenarios[0].scenario, testing::fixtureWorkspace(), prices(),
                                                    pricing::PricingOptions{}, {});
    views::ColdStartCharts charts;  // no window around it
    charts.setData(views::coldStartViewData(run.scenario, run.result, run.costs));
    QCOMPARE(charts.sweepSeriesCount(), 0);
    QCOMPARE(charts.cdfDeployment(), 0);  // the first deployment with cold requests
    charts.addImpact(views::impactSeries(impact.deployments[1]));
    QCOMPARE(charts.sweepSeriesCount(), 6 * 2);  // a line and its points in each of the six charts
    charts.addImpact(views::impactSeries(impact.deployments[0]));
    charts.addImpact(views::impactSeries(impact.deployments[0]));  // replaced, not added twice
    QCOMPARE(charts.sweepSeriesCount(), 6 * 2 * 2);
    QCOMPARE(charts.data().impact.front().index, std::size_t{0});
    charts.setCdfDeployment(1);
    QCOMPARE(charts.cdfDeployment(), 1);
    QImage image(1200, 800, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    charts.renderTo(&painter, QRectF(0, 0, 1200, 800));
    painter.end();
    QCOMPARE(charts.size(), QSize(1200, 800));
    QVERIFY2(greyStdDev(image) > 10.0, "the rendered charts are blank");
}

void ColdStartTest::cancelledColdStartRunLeavesNoWorker() {
    const Workspace ws = loadWorkspace(testing::fixtureWorkspace());
    gui::SimulationRunner runner;
    gui::RunRequest request;
    request.scenario = ws.scenarios.at(1).scenario;  // the whole day: the sweeps take a while
    request.source = testing::fixtureWorkspace();
    request.sweep = false;
    QSignalSpy finished(&runner, &gui::SimulationRunner::finished);
    QSignalSpy done(&runner, &gui::SimulationRunner::coldStartFinished);
    QElapsedTimer clock;
    connect(&runner, &gui::SimulationRunner::coldStartStarted, this, [&](int total) {
        QCOMPARE(total, 2);
        clock.start();
        runner.cancel();
    });
    runner.start(request);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    qInfo("cold-start sweeps stopped %lld ms after cancel", static_cast<long long>(clock.elapsed()));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(done.count(), 0);
    QVERIFY(!runner.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(runner.activeWorkers(), 0, 5000);
}

QTEST_MAIN(ColdStartTest)
#include "test_gui_coldstart.moc"
