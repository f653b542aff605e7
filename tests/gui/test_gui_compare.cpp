// Two scenarios side by side: alternatives matched by name, the changes in
// $/month exact, the model clean under QAbstractItemModelTester, and the
// window's comparison equal to the model+pricing API for both scenarios.
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QSignalSpy>
#include <QtTest>

#include "app/gui/AnalysisController.h"
#include "app/gui/CompareController.h"
#include "app/gui/MainWindow.h"
#include "app/gui/RecommendationDock.h"
#include "views/ResultsTableModel.h"
#include "tests/gui/GuiTestSupport.h"
#include "views/CompareView.h"
#include "views/ScenarioDelta.h"

using namespace breakeven;
using namespace breakeven::views;

namespace {
ResultRow row(const std::string& name, std::optional<double> usd, double p99, bool meets = true) {
    ResultRow r;
    r.name = name;
    r.usdPerMonth = usd;
    r.p99Seconds = p99;
    if (!meets) r.sloMisses.push_back("p99 too high");
    return r;
}

double number(const ScenarioDeltaModel& m, int r, int column) {
    return m.data(m.index(r, column), Qt::UserRole).toDouble();
}
}  // namespace

class CompareTest : public QObject {
    Q_OBJECT
private slots:
    void matchesByNameAndKeepsUnmatchedRows();
    void modelPassesTheTesterAndShowsSignedChanges();
    void windowComparesTwoScenariosOfTheWorkspace();
};

void CompareTest::matchesByNameAndKeepsUnmatchedRows() {
    const std::vector<ResultRow> a{row("lambda", 100.0, 0.5), row("nodes", 250.0, 0.2), row("modal", std::nullopt, 1.0)};
    const std::vector<ResultRow> b{row("nodes", 200.0, 0.3), row("lambda", 150.0, 0.6), row("runpod", 80.0, 2.0)};
    const auto deltas = scenarioDeltas(a, b);
    QCOMPARE(deltas.size(), std::size_t{4});
    QCOMPARE(deltas[0].name, std::string("lambda"));
    QCOMPARE(*deltas[0].usdPerMonthChange(), 50.0);
    QCOMPARE(*deltas[0].usdPerMonthChangeFraction(), 0.5);
    QCOMPARE(*deltas[1].usdPerMonthChange(), -50.0);
    QCOMPARE(*deltas[1].usdPerMonthChangeFraction(), -0.2);
    QVERIFY(deltas[2].b == nullptr);              // only in the first
    QVERIFY(!deltas[2].usdPerMonthChange());
    QCOMPARE(deltas[3].name, std::string("runpod"));  // only in the second, last
    QVERIFY(deltas[3].a == nullptr);
}

void CompareTest::modelPassesTheTesterAndShowsSignedChanges() {
    ScenarioDeltaModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setScenarios(QStringLiteral("today"), {row("lambda", 100.0, 0.5), row("nodes", 250.0, 0.2, false)},
                       QStringLiteral("x2 traffic"), {row("lambda", 180.0, 0.7), row("nodes", 250.0, 0.25)});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(0, ScenarioDeltaModel::UsdChange), Qt::DisplayRole).toString(), QStringLiteral("+$80.00"));
    QCOMPARE(model.data(model.index(0, ScenarioDeltaModel::UsdChangePercent), Qt::DisplayRole).toString(),
             QStringLiteral("+80.0 %"));
    QCOMPARE(number(model, 1, ScenarioDeltaModel::UsdChange), 0.0);
    QCOMPARE(model.data(model.index(1, ScenarioDeltaModel::SloA), Qt::DisplayRole).toString(), QStringLiteral("missed"));
    QVERIFY(model.headerData(ScenarioDeltaModel::UsdB, Qt::Horizontal, Qt::DisplayRole).toString().contains("x2 traffic"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void CompareTest::windowComparesTwoScenariosOfTheWorkspace() {
    gui::MainWindow w({"", 3, false});
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), 120000);
    // The recommendation dock names the highlighted row, in the CLI's words.
    const QString advice = w.recommendation()->text();
    int highlighted = 0;
    for (const auto& r : w.resultsModel()->rows())
        if (r.cheapestMeetingSlo) {
            ++highlighted;
            QVERIFY2(advice.contains(QString::fromStdString(r.name)), qPrintable(advice));
        }
    QCOMPARE(highlighted, 1);
    QVERIFY(advice.contains(QStringLiteral("cheapest")));
    auto* combo = w.compareView()->findChild<QComboBox*>(QStringLiteral("compareWith"));
    QVERIFY(combo != nullptr);
    QCOMPARE(combo->count(), 2);  // "(none)" and the other scenario, not the current one
    QCOMPARE(combo->itemData(1).toInt(), 1);
    QSignalSpy ready(w.comparison(), &gui::CompareController::comparisonReady);
    w.comparison()->compareWith(1);
    QVERIFY(ready.wait(120000));

    const auto first = testing::referenceMonthlyCosts(testing::fixtureWorkspace(), 0);
    const auto second = testing::referenceMonthlyCosts(testing::fixtureWorkspace(), 1);
    const ScenarioDeltaModel& m = *w.compareView()->deltaModel();
    QCOMPARE(static_cast<std::size_t>(m.rowCount()), first.size());
    for (int r = 0; r < m.rowCount(); ++r) {
        const auto i = static_cast<std::size_t>(r);
        QCOMPARE(number(m, r, ScenarioDeltaModel::UsdA), first[i]);
        QCOMPARE(number(m, r, ScenarioDeltaModel::UsdB), second[i]);
        QCOMPARE(number(m, r, ScenarioDeltaModel::UsdChange), second[i] - first[i]);
    }
    QVERIFY(w.compareView()->deltaVerdict().contains(QStringLiteral("Cheapest meeting the SLOs")));
}

QTEST_MAIN(CompareTest)
#include "test_gui_compare.moc"
