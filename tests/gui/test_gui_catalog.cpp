// The catalogue browser (offscreen): its models pass QAbstractItemModelTester,
// a price edit adds a dated row to the SQLite catalogue (after a confirmation
// that names the old and the new value) and re-prices the results table to
// exactly what the CLI computes with that price, without a new simulation;
// declining changes nothing; reset goes back to the seed.
#include <cstdlib>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include "app/gui/AnalysisController.h"
#include "app/gui/CatalogueController.h"
#include "app/gui/MainWindow.h"
#include "app/gui/RerunScheduler.h"
#include "tests/gui/GuiTestSupport.h"
#include "views/CatalogueModels.h"
#include "views/CatalogueView.h"
#include "views/ResultsTableModel.h"

using namespace breakeven;
using namespace breakeven::gui;

namespace {
constexpr int kRunTimeoutMs = 120000;
const std::string kLambdaCompute = "lambda.x86.gb-second";  // the fixture's Lambda alternative is x86

std::string cataloguePath() { return std::getenv("BREAKEVEN_CATALOG"); }

double usdPerMonthAt(const views::ResultsTableModel& m, int row) {
    return m.data(m.index(row, views::ResultsTableModel::UsdPerMonth), Qt::UserRole).toDouble();
}

QModelIndex priceIndex(const views::CataloguePriceModel& m, const std::string& id) {
    return m.index(m.rowOf(id), views::CataloguePriceModel::Usd);
}
}  // namespace

class CatalogueTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void modelsPassTheTester();
    void priceEditAddsARowAndRepricesWithoutSimulating();
    void declinedEditChangesNothing();
    void resetGoesBackToTheSeed();
};

// A fresh catalogue, whatever an earlier run of this test left behind.
void CatalogueTest::initTestCase() {
    const QFileInfo file(QString::fromStdString(cataloguePath()));
    QDir dir = file.dir();
    for (const QString& f : dir.entryList({file.fileName() + QStringLiteral("*")}, QDir::Files)) QVERIFY(dir.remove(f));
}

void CatalogueTest::modelsPassTheTester() {
    CatalogueController c("", nullptr);
    QAbstractItemModelTester prices(c.priceModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester history(c.historyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(c.reload());
    const auto& rows = c.priceModel()->rows();
    QCOMPARE(rows.size(), c.prices().items.size() + c.prices().instances.size());
    const int lambda = c.priceModel()->rowOf(kLambdaCompute);
    QVERIFY(lambda >= 0);
    QCOMPARE(c.priceModel()->data(priceIndex(*c.priceModel(), kLambdaCompute), views::CataloguePriceModel::UsdRole).toDouble(),
             c.prices().items.at(kLambdaCompute).usdPerUnit);
    QVERIFY(c.priceModel()->flags(priceIndex(*c.priceModel(), kLambdaCompute)) & Qt::ItemIsEditable);
    c.view()->selectId(QString::fromStdString(kLambdaCompute));
    QCOMPARE(c.view()->currentId(), QString::fromStdString(kLambdaCompute));
    QCOMPARE(c.historyModel()->rowCount(), 1);  // the seed row
    QCOMPARE(c.historyModel()->rows()[0].rowId, c.prices().items.at(kLambdaCompute).rowId);
}

void CatalogueTest::priceEditAddsARowAndRepricesWithoutSimulating() {
    MainWindow w({"", 2, false});
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
    const auto before = testing::referenceMonthlyCosts(testing::fixtureWorkspace(), 0);
    CatalogueController* c = w.catalogue();
    const double oldUsd = c->prices().items.at(kLambdaCompute).usdPerUnit;
    const double newUsd = oldUsd * 3.0;
    QString asked;
    c->setConfirm([&asked](const QString&, const QString& text) {
        asked = text;
        return true;
    });
    QSignalSpy started(&w.analysis()->runner(), &SimulationRunner::started);

    // An edit in the table (double-click, type) asks the controller.
    c->priceModel()->setData(priceIndex(*c->priceModel(), kLambdaCompute), newUsd, Qt::EditRole);
    QVERIFY2(asked.contains(views::formatUnitPrice(oldUsd)) && asked.contains(views::formatUnitPrice(newUsd)),
             qPrintable(asked));

    // A dated row in the SQLite file, the seed row kept.
    const auto history = pricing::Catalogue::openExisting(cataloguePath()).history(kLambdaCompute);
    QCOMPARE(history.size(), std::size_t{2});
    QCOMPARE(history.back().usdPerUnit, newUsd);
    QCOMPARE(history.back().effectiveFrom, c->prices().asOf);
    QCOMPARE(history.back().source, std::string("edited in the Breakeven desktop app"));
    QCOMPARE(c->prices().items.at(kLambdaCompute).usdPerUnit, newUsd);
    c->view()->selectId(QString::fromStdString(kLambdaCompute));  // the browser shows both rows
    QCOMPARE(c->historyModel()->rowCount(), 2);
    QCOMPARE(c->historyModel()->rows()[1].rowId, c->prices().items.at(kLambdaCompute).rowId);
    QVERIFY(c->historyModel()->index(1, views::CatalogueHistoryModel::EffectiveFrom).data().toString().contains(
        QStringLiteral("in force")));

    // Re-priced at once from the stored ledgers: no run started.
    QCOMPARE(started.count(), 0);
    const auto expected = testing::referenceMonthlyCosts(testing::fixtureWorkspace(), 0);  // as the CLI, new price
    const views::ResultsTableModel& m = *w.resultsModel();
    QCOMPARE(m.rowCount(), static_cast<int>(expected.size()));
    for (int row = 0; row < m.rowCount(); ++row) QCOMPARE(usdPerMonthAt(m, row), expected[static_cast<std::size_t>(row)]);
    QVERIFY(expected[0] > before[0]);   // Lambda got dearer
    QCOMPARE(expected[1], before[1]);   // Cloud Run did not use that price
    QCOMPARE(expected[2], before[2]);   // nor EC2

    // The curves follow with a new sweep (the sweep keeps only $/month).
    QVERIFY(w.rerunScheduler()->isPending());
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, kRunTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
    for (int row = 0; row < m.rowCount(); ++row) QCOMPARE(usdPerMonthAt(m, row), expected[static_cast<std::size_t>(row)]);
}

void CatalogueTest::declinedEditChangesNothing() {
    CatalogueController c("", nullptr);
    QVERIFY(c.reload());
    const auto rowsBefore = pricing::Catalogue::openExisting(cataloguePath()).history("cloudrun.t1.requests").size();
    const double usd = c.prices().items.at("cloudrun.t1.requests").usdPerUnit;
    QSignalSpy changed(&c, &CatalogueController::pricesChanged);
    c.setConfirm([](const QString&, const QString&) { return false; });
    QVERIFY(!c.setPrice(QStringLiteral("cloudrun.t1.requests"), usd + 1.0));
    QCOMPARE(pricing::Catalogue::openExisting(cataloguePath()).history("cloudrun.t1.requests").size(), rowsBefore);
    QCOMPARE(changed.count(), 0);
    // A negative price is the catalogue's error, not a write.
    QSignalSpy failed(&c, &CatalogueController::failed);
    c.setConfirm([](const QString&, const QString&) { return true; });
    QVERIFY(!c.setPrice(QStringLiteral("cloudrun.t1.requests"), -1.0));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(pricing::Catalogue::openExisting(cataloguePath()).history("cloudrun.t1.requests").size(), rowsBefore);
}

void CatalogueTest::resetGoesBackToTheSeed() {
    CatalogueController c("", nullptr);
    c.setConfirm([](const QString&, const QString&) { return true; });
    QVERIFY(c.reload());
    QVERIFY(c.setPrice(QString::fromStdString(kLambdaCompute), 1.0));
    QCOMPARE(c.prices().items.at(kLambdaCompute).usdPerUnit, 1.0);
    QSignalSpy changed(&c, &CatalogueController::pricesChanged);
    QVERIFY(c.resetToSeed());
    QCOMPARE(changed.count(), 1);
    const auto history = pricing::Catalogue::openExisting(cataloguePath()).history(kLambdaCompute);
    QCOMPARE(history.size(), std::size_t{1});
    QVERIFY(history[0].usdPerUnit != 1.0);
    QCOMPARE(c.prices().items.at(kLambdaCompute).usdPerUnit, history[0].usdPerUnit);
    // The old file was moved aside, not lost.
    const QFileInfo file(QString::fromStdString(cataloguePath()));
    QVERIFY(!file.dir().entryList({file.fileName() + QStringLiteral(".previous-*")}).isEmpty());
}

QTEST_MAIN(CatalogueTest)
#include "test_gui_catalog.moc"
