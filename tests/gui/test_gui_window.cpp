// The main window end to end (offscreen): open, run, results equal to the
// model+pricing API, undo/redo and the dirty marker, lossless save, cancel.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>
#include <QUndoStack>
#include <QtTest>

#include "app/gui/AnalysisController.h"
#include "app/gui/Autosave.h"
#include "app/gui/MainWindow.h"
#include "app/gui/WorkspaceDocument.h"
#include "app/gui/commands/SetScenarioValue.h"
#include "tests/gui/GuiTestSupport.h"
#include "views/ResultsTableModel.h"
#include "views/WorkspaceTreeModel.h"
#include "views/charts/CostCurvesChart.h"

using namespace breakeven;
using namespace breakeven::gui;

namespace {
constexpr int kRunTimeoutMs = 120000;

WindowOptions headlessOptions(int sweepPoints = 6) { return {"", sweepPoints, false}; }

double usdPerMonthAt(const views::ResultsTableModel& m, int row) {
    return m.data(m.index(row, views::ResultsTableModel::UsdPerMonth), Qt::UserRole).toDouble();
}
}  // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void opensRunsAndMatchesTheCli();
    void highlightsTheCheapestMeetingTheSlo();
    void renameIsUndoableAndMarksDirty();
    void numericEditsMergeAndInvalidOnesAreRefused();
    void treeRenamePushesACommand();
    void saveThenReopenIsLossless();
    void cancelLeavesNoWorker();
    void autosaveIsRemovedBySaving();
};

void MainWindowTest::opensRunsAndMatchesTheCli() {
    MainWindow w(headlessOptions());
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    QVERIFY(w.analysis()->isRunning());  // the run is off the UI thread
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);

    const auto expected = testing::referenceMonthlyCosts(testing::fixtureWorkspace(), 0);
    const views::ResultsTableModel& m = *w.resultsModel();
    QCOMPARE(m.rowCount(), static_cast<int>(expected.size()));
    QCOMPARE(static_cast<std::size_t>(m.rowCount()), w.document()->workspace().scenarios[0].scenario.deployments.size());
    for (int row = 0; row < m.rowCount(); ++row) QCOMPARE(usdPerMonthAt(m, row), expected[static_cast<std::size_t>(row)]);
    QCOMPARE(w.costChart()->pointCount(), 6);
    QVERIFY(w.analysis()->lastSweep() != nullptr);
    QCOMPARE(w.analysis()->lastSweep()->points.size(), std::size_t{6});
}

void MainWindowTest::highlightsTheCheapestMeetingTheSlo() {
    MainWindow w(headlessOptions(2));
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
    // Without SLOs: the cheapest priced alternative.
    const auto& rows = w.resultsModel()->rows();
    int highlighted = 0;
    std::size_t cheapest = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        highlighted += rows[i].cheapestMeetingSlo ? 1 : 0;
        if (*rows[i].usdPerMonth < *rows[cheapest].usdPerMonth) cheapest = i;
    }
    QCOMPARE(highlighted, 1);
    QVERIFY(rows[cheapest].cheapestMeetingSlo);
    // A p99 bound below the cheapest one's p99 moves the highlight elsewhere.
    const double bound = *rows[cheapest].p99Seconds * 0.999;
    QVERIFY(SetScenarioValue::push(w.document(), 0, "/slos", {{"p99Seconds", bound}}, "slo").isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning() && !w.resultsModel()->rows().empty(), kRunTimeoutMs);
    const auto& after = w.resultsModel()->rows();
    QVERIFY(!after[cheapest].cheapestMeetingSlo);
    QVERIFY(!after[cheapest].sloMisses.empty());
    for (const auto& r : after)
        if (r.cheapestMeetingSlo) QVERIFY(*r.p99Seconds <= bound);
    QCOMPARE(w.resultsModel()->data(w.resultsModel()->index(static_cast<int>(cheapest), views::ResultsTableModel::Slo),
                                    Qt::DisplayRole).toString(), QStringLiteral("missed"));
}

void MainWindowTest::renameIsUndoableAndMarksDirty() {
    MainWindow w(headlessOptions(2));
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    WorkspaceDocument* doc = w.document();
    const nlohmann::json before = doc->scenarioJson(0);
    const std::string name = doc->workspace().scenarios[0].scenario.name;
    QVERIFY(!w.isWindowModified());
    QVERIFY(w.windowTitle().startsWith(QStringLiteral("demo.breakeven.json[*]")));

    QVERIFY(SetScenarioValue::push(doc, 0, "/name", "Renamed", "rename").isEmpty());
    QCOMPARE(doc->workspace().scenarios[0].scenario.name, std::string("Renamed"));
    QVERIFY(w.isWindowModified());
    QVERIFY(doc->isModified());

    doc->undoStack()->undo();
    QCOMPARE(doc->workspace().scenarios[0].scenario.name, name);
    QCOMPARE(doc->scenarioJson(0), before);  // the exact previous JSON
    QVERIFY(!w.isWindowModified());
    doc->undoStack()->redo();
    QCOMPARE(doc->workspace().scenarios[0].scenario.name, std::string("Renamed"));
    QVERIFY(w.actions().undo->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
}

void MainWindowTest::numericEditsMergeAndInvalidOnesAreRefused() {
    MainWindow w(headlessOptions(2));
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    WorkspaceDocument* doc = w.document();
    const nlohmann::json before = doc->scenarioJson(0);
    QVERIFY(SetScenarioValue::push(doc, 0, "/seed", 7, "seed").isEmpty());
    QVERIFY(SetScenarioValue::push(doc, 0, "/seed", 8, "seed").isEmpty());
    QCOMPARE(doc->undoStack()->count(), 1);  // typing in one field is one step
    QCOMPARE(doc->workspace().scenarios[0].scenario.seed, std::uint64_t{8});
    doc->undoStack()->undo();
    QCOMPARE(doc->scenarioJson(0), before);

    const QString error = SetScenarioValue::push(doc, 0, "/workload/meanRatePerSecond", -1.0, "rate");
    QVERIFY2(error.contains(QStringLiteral("workload.meanRatePerSecond")), qPrintable(error));
    QCOMPARE(doc->scenarioJson(0), before);  // nothing changed
    QCOMPARE(doc->undoStack()->index(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
}

void MainWindowTest::treeRenamePushesACommand() {
    MainWindow w(headlessOptions(2));
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    auto* tree = w.findChild<QTreeView*>();
    QVERIFY(tree != nullptr);
    auto* model = qobject_cast<views::WorkspaceTreeModel*>(tree->model());
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester results(w.resultsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex scenario = model->scenarioIndex(0);
    QCOMPARE(scenario.data().toString(), QString::fromStdString(w.document()->workspace().scenarios[0].scenario.name));
    QCOMPARE(model->rowCount(scenario),
             static_cast<int>(w.document()->workspace().scenarios[0].scenario.deployments.size()));
    model->setData(scenario, QStringLiteral("From the tree"), Qt::EditRole);
    QCOMPARE(w.document()->undoStack()->count(), 1);
    QCOMPARE(model->scenarioIndex(0).data().toString(), QStringLiteral("From the tree"));
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
}

void MainWindowTest::saveThenReopenIsLossless() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("copy.breakeven.json"));
    const std::string original = workspaceToText(loadWorkspace(testing::fixtureWorkspace()));
    MainWindow w(headlessOptions(2));
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    QVERIFY(SetScenarioValue::push(w.document(), 0, "/name", "Saved name", "rename").isEmpty());
    QVERIFY(w.isWindowModified());
    QVERIFY(w.saveTo(copy));
    QVERIFY(!w.isWindowModified());
    QVERIFY(w.windowTitle().startsWith(QStringLiteral("copy.breakeven.json")));
    // Atomic save: the file and nothing else (no temporary left behind).
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("copy.breakeven.json")});

    const Workspace reopened = loadWorkspace(copy.toStdString());
    QCOMPARE(workspaceToText(reopened), workspaceToText(w.document()->workspace()));
    // Undo the rename and save again: byte-identical to the fixture's content.
    w.document()->undoStack()->undo();
    QVERIFY(w.saveTo(copy));
    QCOMPARE(workspaceToText(loadWorkspace(copy.toStdString())), original);
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
}

void MainWindowTest::cancelLeavesNoWorker() {
    MainWindow w(headlessOptions(24));
    QSignalSpy finished(&w.analysis()->runner(), &SimulationRunner::finished);
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    QVERIFY(w.analysis()->isRunning());
    w.actions().cancel->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), 10000);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(w.analysis()->runner().activeWorkers(), 0, 5000);
    QVERIFY(w.costChart()->pointCount() < 24);
}

void MainWindowTest::autosaveIsRemovedBySaving() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.breakeven.json"));
    QVERIFY(QFile::copy(QString::fromStdString(testing::fixtureWorkspace()), path));
    auto* doc = WorkspaceDocument::open(path);
    Autosave autosave(0);
    autosave.setDocument(doc);
    autosave.saveNow();
    QVERIFY(!recoveryAvailable(path.toStdString()));  // nothing modified: nothing written
    QVERIFY(SetScenarioValue::push(doc, 0, "/seed", 99, "seed").isEmpty());
    autosave.saveNow();
    QVERIFY(recoveryAvailable(path.toStdString()));
    QCOMPARE(loadAutosave(path.toStdString()).scenarios[0].scenario.seed, std::uint64_t{99});
    doc->save(path);
    QVERIFY(!recoveryAvailable(path.toStdString()));
    QVERIFY(!QFile::exists(QString::fromStdString(autosavePath(path.toStdString()))));
    delete doc;
}

QTEST_MAIN(MainWindowTest)
#include "test_gui_window.moc"
