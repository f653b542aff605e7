// The cost-curves chart on its own: points stream in, crossovers are
// marked, and switching between log and linear axes keeps every series.
#include <QChart>
#include <QChartView>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QtTest>

#include "views/charts/CostCurvesChart.h"

using namespace breakeven;

namespace {
analysis::SweepPoint point(std::size_t index, double rate, double serverlessUsd, double nodesUsd,
                           bool nodesMeetSlos = true) {
    analysis::SweepPoint p;
    p.index = index;
    p.value = rate;
    p.ratePerSecond = rate;
    analysis::AlternativeOutcome a, b;
    a.name = "serverless", a.costUsdPerMonth = serverlessUsd;
    b.name = "nodes", b.costUsdPerMonth = nodesUsd, b.meetsSlos = nodesMeetSlos;
    p.alternatives = {a, b};
    return p;
}

template <class Axis>
Axis* axis(views::CostCurvesChart& chart, Qt::Orientation o) {
    QChart* c = chart.findChild<QChartView*>()->chart();
    const auto axes = c->axes(o);
    return axes.isEmpty() ? nullptr : qobject_cast<Axis*>(axes.first());
}
}  // namespace

namespace {
analysis::SweepCrossover crossoverAt8() {
    analysis::SweepCrossover x;
    x.a = 0, x.b = 1, x.aName = "serverless", x.bName = "nodes";
    x.crossover.at.ratePerSecond = 8.0;
    x.crossover.at.a.costUsdPerMonth = 400.0;
    x.crossover.at.b.costUsdPerMonth = 400.0;
    x.crossover.refined = true;
    return x;
}

// Sweeps 2..32 req/s; the node fleet rejects (misses its SLOs) from `missFrom` on.
void fill(views::CostCurvesChart& chart, double missFrom) {
    chart.reset({"serverless", "nodes"});
    for (std::size_t i = 0; i < 5; ++i) {
        const double rate = std::pow(2.0, static_cast<double>(i) + 1.0);
        chart.addPoint(point(i, rate, 50.0 * rate, 400.0, rate < missFrom));
    }
    chart.setCrossovers({crossoverAt8()});
}
}  // namespace

class CostChartTest : public QObject {
    Q_OBJECT
private slots:
    void linearAndLogAxesKeepTheData();
    void crossoversWithAnSloMissAreNotDecisive();
};

void CostChartTest::linearAndLogAxesKeepTheData() {
    views::CostCurvesChart chart;
    chart.resize(900, 600);
    chart.reset({"serverless", "nodes"});
    chart.setCurrentRate(2.0);
    // serverless: $50 per req/s; nodes: a flat $400 → they cross at 8 req/s.
    for (std::size_t i = 0; i < 5; ++i) {
        const double rate = std::pow(2.0, static_cast<double>(i) + 1.0);  // 2..32
        chart.addPoint(point(i, rate, 50.0 * rate, 400.0));
    }
    chart.setCrossovers({crossoverAt8()});
    QCOMPARE(chart.pointCount(), 5);
    QCOMPARE(chart.crossoverCount(), 1);
    QVERIFY(chart.logAxes());
    QVERIFY(axis<QLogValueAxis>(chart, Qt::Vertical) != nullptr);

    chart.setLogAxes(false);
    QVERIFY(!chart.logAxes());
    auto* y = axis<QValueAxis>(chart, Qt::Vertical);
    auto* xAxis = axis<QValueAxis>(chart, Qt::Horizontal);
    QVERIFY(y != nullptr && xAxis != nullptr);
    QCOMPARE(y->min(), 0.0);  // a linear cost axis starts at zero
    QVERIFY(y->max() >= 1600.0);          // the highest point, 50 × 32
    QVERIFY(xAxis->max() >= 32.0);
    QCOMPARE(chart.pointCount(), 5);
    QCOMPARE(chart.crossoverCount(), 1);
    QChart* c = chart.findChild<QChartView*>()->chart();
    for (QAbstractSeries* s : c->series()) QCOMPARE(s->attachedAxes().size(), 2);

    chart.setLogAxes(true);
    QVERIFY(axis<QLogValueAxis>(chart, Qt::Horizontal) != nullptr);
    QCOMPARE(c->axes().size(), 2);  // the linear pair is gone, not stacked up
    QVERIFY(!chart.grab().toImage().isNull());
}


void CostChartTest::crossoversWithAnSloMissAreNotDecisive() {
    views::CostCurvesChart chart;
    chart.resize(900, 600);
    fill(chart, 16.0);  // meets at 8: the crossover decides
    QCOMPARE(chart.crossoverCount(), 1);
    QCOMPARE(chart.decisiveCrossoverCount(), 1);
    fill(chart, 4.0);   // misses from 4 on: cheaper, but no option
    QCOMPARE(chart.crossoverCount(), 1);
    QCOMPARE(chart.decisiveCrossoverCount(), 0);
    QCOMPARE(chart.pointCount(), 5);
}

QTEST_MAIN(CostChartTest)
#include "test_gui_costchart.moc"
