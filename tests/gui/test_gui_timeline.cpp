// The timeline view: per-minute series that add up to the simulation's
// counts, time labels, zoom and reset, rendering from data alone, and the
// main window feeding it from its run.
#include <cmath>
#include <numeric>

#include <QChartView>
#include <QImage>
#include <QPainter>
#include <QtTest>

#include "app/core/PricedRun.h"
#include "app/gui/AnalysisController.h"
#include "app/gui/MainWindow.h"
#include "model/io/Workspace.h"
#include "tests/gui/GuiTestSupport.h"
#include "views/TimelineViewData.h"
#include "views/charts/TimelineChart.h"

using namespace breakeven;

namespace {
ScenarioResult simulateFixture(bool timeline) {
    const Workspace ws = loadWorkspace(testing::fixtureWorkspace());
    const pricing::PriceSet prices = appcore::openCatalogue("").load();
    return appcore::simulateAndPrice(ws.scenarios.at(0).scenario, testing::fixtureWorkspace(), prices,
                                     pricing::PricingOptions{}, nullptr, 0, timeline)
        .result;
}
}  // namespace

class TimelineTest : public QObject {
    Q_OBJECT
private slots:
    void minuteSumsEqualArrivals();
    void timeLabels();
    void zoomAndReset();
    void windowFeedsTheTimeline();
};

void TimelineTest::minuteSumsEqualArrivals() {
    const ScenarioResult result = simulateFixture(true);
    const views::TimelineViewData data = views::timelineViewData(result);
    QCOMPARE(data.deployments.size(), result.deployments.size());
    for (std::size_t i = 0; i < data.deployments.size(); ++i) {
        const views::TimelineSeries& s = data.deployments[i];
        const DeploymentResult& d = result.deployments[i];
        QCOMPARE(s.deployment, d.name);
        QCOMPARE(views::totalArrivals(s), static_cast<double>(d.requests));
        QCOMPARE(result.arrivals, d.requests);
        // The two-hour window: 120 minutes, plus one for requests still running at the end.
        QVERIFY(s.minutes() >= 120 && s.minutes() <= 121);
        // Minute means of alive instances average to the deployment's mean alive.
        const double alive = std::accumulate(s.aliveInstances.begin(), s.aliveInstances.end(), 0.0) * 60.0;
        QVERIFY2(std::abs(alive / d.simulatedSeconds - d.meanAlive) < 1e-6 * std::max(1.0, d.meanAlive),
                 qPrintable(QStringLiteral("%1 vs %2").arg(alive / d.simulatedSeconds).arg(d.meanAlive)));
        for (std::size_t m = 0; m < s.busyInstances.size(); ++m) QVERIFY(s.busyInstances[m] <= s.aliveInstances[m] + 1e-9);
    }
    // Without the option the series stay empty.
    QCOMPARE(views::timelineViewData(simulateFixture(false)).deployments[0].minutes(), std::size_t{0});
}

void TimelineTest::timeLabels() {
    QCOMPARE(views::TimelineChart::timeLabel(0), QStringLiteral("0:00"));
    QCOMPARE(views::TimelineChart::timeLabel(65), QStringLiteral("1:05"));
    QCOMPARE(views::TimelineChart::timeLabel(1440 + 180), QStringLiteral("1d 03:00"));
}

void TimelineTest::zoomAndReset() {
    views::TimelineChart chart;
    chart.setData(views::timelineViewData(simulateFixture(true)));
    QCOMPARE(chart.deployment(), 0);
    const auto [lo, hi] = chart.visibleMinutes();
    QCOMPARE(lo, 0.0);
    QVERIFY(hi >= 120.0);
    chart.zoomTime(4.0, 60.0);
    const auto [zlo, zhi] = chart.visibleMinutes();
    QVERIFY(std::abs((zhi - zlo) - hi / 4.0) < 1e-9);
    QVERIFY(zlo < 60.0 && zhi > 60.0);
    chart.zoomTime(1000.0, zlo);  // never narrower than 5 minutes; the centre stays put
    QCOMPARE(chart.visibleMinutes().first, zlo);
    QVERIFY(std::abs(chart.visibleMinutes().second - (zlo + 5.0)) < 1e-9);
    chart.zoomTime(0.001, 100.0);  // never wider than the data, never before the start
    QCOMPARE(chart.visibleMinutes(), std::make_pair(lo, hi));
    chart.zoomTime(2.0, 60.0);
    QTest::keyClick(chart.chartView(), Qt::Key_Escape);
    QCOMPARE(chart.visibleMinutes(), std::make_pair(lo, hi));
    chart.setDeployment(2);
    QCOMPARE(chart.deployment(), 2);
    QImage image(1000, 600, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    chart.renderTo(&painter, QRectF(0, 0, 1000, 600));
    painter.end();
    int dark = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4) dark += qGray(image.pixel(x, y)) < 160 ? 1 : 0;
    QVERIFY2(dark > 200, qPrintable(QStringLiteral("%1 dark samples").arg(dark)));
}

void TimelineTest::windowFeedsTheTimeline() {
    gui::MainWindow w({"", 4, false});
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), 120000);
    auto* timeline = qobject_cast<views::TimelineChart*>(w.viewWidget(gui::MainWindow::View::Timeline));
    QVERIFY(timeline != nullptr);
    QCOMPARE(timeline->data().deployments.size(), std::size_t{3});
    QCOMPARE(views::totalArrivals(timeline->data().deployments[0]),
             static_cast<double>(w.analysis()->lastSimulation()->result.arrivals));
    QVERIFY(w.analysis()->lastColdStart() != nullptr);
    QCOMPARE(w.analysis()->lastColdStart()->deployments.size(), std::size_t{2});
    QVERIFY(w.showView(gui::MainWindow::View::ColdStart));
}

QTEST_MAIN(TimelineTest)
#include "test_gui_timeline.moc"
