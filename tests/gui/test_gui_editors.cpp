// The property dock's editors (offscreen): typing goes through the undo
// stack (one command per field, merged), undo restores the exact previous
// scenario JSON, the reader's message shows under a refused value and the
// scenario keeps its previous one, only the fields of the deployment's kind
// and platform are shown, and a burst of edits re-runs once (debounced).
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTreeView>
#include <QUndoStack>
#include <QtTest>

#include "app/gui/AnalysisController.h"
#include "app/gui/MainWindow.h"
#include "app/gui/PreferencesDialog.h"
#include "app/gui/PropertiesDock.h"
#include "app/gui/RerunScheduler.h"
#include "app/gui/WorkspaceDocument.h"
#include "app/gui/commands/SetScenarioValue.h"
#include "tests/gui/GuiTestSupport.h"
#include "views/editors/PropertyForm.h"

using namespace breakeven;
using namespace breakeven::gui;
using nlohmann::json;

namespace {
constexpr int kRunTimeoutMs = 120000;

// The demo workspace has LLM deployments; opened as a document only (no
// window, so nothing runs).
QString demoWorkspace() { return QStringLiteral(BREAKEVEN_SOURCE_DIR "/resources/demo.breakeven.json"); }

void type(QWidget* editor, const QString& text) {
    auto* edit = qobject_cast<QLineEdit*>(editor);
    QVERIFY(edit != nullptr);
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

// As a paste: the whole text in one edit.
void paste(QWidget* editor, const QString& text) {
    auto* edit = qobject_cast<QLineEdit*>(editor);
    QVERIFY(edit != nullptr);
    edit->setText(text);
    emit edit->textEdited(text);
}

void choose(QWidget* editor, const QString& text) {
    auto* combo = qobject_cast<QComboBox*>(editor);
    QVERIFY(combo != nullptr);
    const int index = combo->findText(text);
    QVERIFY2(index >= 0, qPrintable(text));
    combo->setCurrentIndex(index);
    emit combo->activated(index);
}
}  // namespace

class EditorsTest : public QObject {
    Q_OBJECT
private slots:
    void typingInOneFieldIsOneUndoStep();
    void invalidValueShowsTheReadersMessage();
    void onlyFieldsThatApplyAreShown();
    void kindChangeKeepsTheDeploymentValid();
    void gpuComboShowsCatalogueSpecs();
    void modelEditorOverridesAPreset();
    void scenarioEditorSetsAndRemovesAnSlo();
    void threeEditsInARowRunOnce();
    void distributionParametersAreSeparateSteps();
    void treeSelectionShowsItsEditor();
    void preferencesApplyWithoutRestart();
};

void EditorsTest::typingInOneFieldIsOneUndoStep() {
    MainWindow w({"", 2, false});
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    WorkspaceDocument* doc = w.document();
    const std::string before = doc->scenarioJson(0).dump();
    w.properties()->showDeployment(0, 0);
    views::editors::PropertyForm* form = w.properties()->form("/deployments/0");
    QVERIFY(form != nullptr);
    QWidget* memory = form->editorFor("/memoryMb");
    type(memory, QStringLiteral("2048"));
    QCOMPARE(doc->undoStack()->count(), 1);  // four keystrokes, one command
    QCOMPARE(doc->scenarioJson(0)["deployments"][0]["memoryMb"], json(2048));
    QCOMPARE(doc->workspace().scenarios[0].scenario.deployments[0].memoryMb, 2048.0);
    type(memory, QStringLiteral("4096"));
    type(memory, QStringLiteral("1536"));
    QCOMPARE(doc->undoStack()->count(), 1);  // three values typed in one field: merged
    QCOMPARE(doc->scenarioJson(0)["deployments"][0]["memoryMb"], json(1536));
    doc->undoStack()->undo();
    QCOMPARE(doc->scenarioJson(0).dump(), before);  // the exact previous JSON
    QCOMPARE(qobject_cast<QLineEdit*>(memory)->text(), QStringLiteral("3008"));  // the form follows undo
    doc->undoStack()->redo();
    QCOMPARE(qobject_cast<QLineEdit*>(memory)->text(), QStringLiteral("1536"));
    // Another field is another step.
    type(form->editorFor("/keepAliveSeconds"), QStringLiteral("120"));
    QCOMPARE(doc->undoStack()->count(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!w.rerunScheduler()->isPending() && !w.analysis()->isRunning(), kRunTimeoutMs);
}

void EditorsTest::invalidValueShowsTheReadersMessage() {
    WorkspaceDocument* doc = WorkspaceDocument::open(QString::fromStdString(testing::fixtureWorkspace()));
    PropertiesDock dock;
    dock.setDocument(doc);
    dock.showDeployment(0, 0);
    views::editors::PropertyForm* form = dock.form("/deployments/0");
    const std::string before = doc->scenarioJson(0).dump();

    type(form->editorFor("/keepAliveSeconds"), QStringLiteral("-5"));
    const QString error = form->errorFor("/keepAliveSeconds");
    QVERIFY2(error.contains(QStringLiteral("deployments[0].keepAliveSeconds")) && error.contains(QStringLiteral("≥ 0")),
             qPrintable(error));
    QCOMPARE(doc->scenarioJson(0).dump(), before);  // not applied, not clamped
    QCOMPARE(doc->undoStack()->count(), 0);
    QCOMPARE(doc->workspace().scenarios[0].scenario.deployments[0].keepAliveSeconds, 600.0);

    type(form->editorFor("/memoryMb"), QStringLiteral("lots"));
    QVERIFY2(form->errorFor("/memoryMb").contains(QStringLiteral("deployments[0].memoryMb")),
             qPrintable(form->errorFor("/memoryMb")));
    paste(form->editorFor("/concurrencyPerInstance"), QStringLiteral("1.5"));
    QVERIFY2(form->errorFor("/concurrencyPerInstance").contains(QStringLiteral("integer")),
             qPrintable(form->errorFor("/concurrencyPerInstance")));
    QCOMPARE(doc->scenarioJson(0).dump(), before);
    // A valid value clears the message and applies.
    type(form->editorFor("/keepAliveSeconds"), QStringLiteral("30"));
    QCOMPARE(form->errorFor("/keepAliveSeconds"), QString());
    QCOMPARE(doc->workspace().scenarios[0].scenario.deployments[0].keepAliveSeconds, 30.0);
    delete doc;
}

void EditorsTest::onlyFieldsThatApplyAreShown() {
    WorkspaceDocument* doc = WorkspaceDocument::open(QString::fromStdString(testing::fixtureWorkspace()));
    PropertiesDock dock;
    dock.setDocument(doc);
    dock.showDeployment(0, 0);  // AWS Lambda, function
    auto* lambda = dock.form("/deployments/0");
    QVERIFY(lambda->isShown("/architecture") && lambda->isShown("/keepAliveSeconds"));
    QVERIFY(!lambda->isShown("/nodes") && !lambda->isShown("/gpu") && !lambda->isShown("/queueTimeoutSeconds"));
    QVERIFY(lambda->isShown("/coldStart/p50Seconds") && !lambda->isShown("/coldStart/seconds"));
    QVERIFY(!lambda->isShown("/service/model"));
    dock.showDeployment(0, 2);  // EC2, dedicated, queue
    auto* ec2 = dock.form("/deployments/2");
    QVERIFY(ec2->isShown("/nodes") && ec2->isShown("/instanceType") && ec2->isShown("/queueTimeoutSeconds"));
    QVERIFY(!ec2->isShown("/keepAliveSeconds") && !ec2->isShown("/architecture") && !ec2->isShown("/maxInstances"));
    dock.showScenario(0);  // diurnal workload
    auto* scenario = dock.form("");
    QVERIFY(scenario->isShown("/workload/meanRatePerSecond") && !scenario->isShown("/workload/ratePerSecond"));
    QVERIFY(!scenario->isShown("/workload/path") && !scenario->isShown("/cache/hitRatio"));
    delete doc;
}

void EditorsTest::kindChangeKeepsTheDeploymentValid() {
    WorkspaceDocument* doc = WorkspaceDocument::open(QString::fromStdString(testing::fixtureWorkspace()));
    PropertiesDock dock;
    dock.setDocument(doc);
    dock.showDeployment(0, 1);  // Cloud Run
    const std::string before = doc->scenarioJson(0).dump();
    auto* form = dock.form("/deployments/1");
    choose(form->editorFor("/kind"), QStringLiteral("dedicated"));
    QCOMPARE(form->errorFor("/kind"), QString());
    const auto& d = doc->workspace().scenarios[0].scenario.deployments[1];
    QCOMPARE(d.kind, DeploymentKind::Dedicated);
    QCOMPARE(d.nodes, 1);
    QVERIFY(!doc->scenarioJson(0)["deployments"][1].contains("keepAliveSeconds"));
    QVERIFY(form->isShown("/nodes") && !form->isShown("/keepAliveSeconds"));
    QCOMPARE(doc->undoStack()->count(), 1);
    doc->undoStack()->undo();
    QCOMPARE(doc->scenarioJson(0).dump(), before);
    QVERIFY(form->isShown("/keepAliveSeconds"));
    delete doc;
}

void EditorsTest::gpuComboShowsCatalogueSpecs() {
    WorkspaceDocument* doc = WorkspaceDocument::open(QString::fromStdString(testing::fixtureWorkspace()));
    PropertiesDock dock;
    dock.setDocument(doc);
    pricing::PriceSet prices;
    prices.gpus["L4"] = pricing::GpuType{"L4", 24.0, 300.0, 121.0, 242.0, 72.0, "datasheet"};
    pricing::PriceItem gpuSecond;
    gpuSecond.platform = "gcp-cloud-run";
    gpuSecond.item = "gpu";
    gpuSecond.unit = "GPU-second";
    gpuSecond.usdPerUnit = 0.0002;
    prices.items["cloudrun.gpu.l4.no-zonal-redundancy.second"] = gpuSecond;
    dock.setPrices(prices);
    dock.showDeployment(0, 1);  // Cloud Run: $/h known
    auto* combo = qobject_cast<QComboBox*>(dock.form("/deployments/1")->editorFor("/gpu"));
    QVERIFY(combo != nullptr);
    QCOMPARE(combo->count(), 2);  // (none), L4
    QCOMPARE(combo->itemText(1), QStringLiteral("L4 — 24 GB, 300 GB/s, $0.72/h on gcp-cloud-run"));
    choose(combo, combo->itemText(1));
    const auto& d = doc->workspace().scenarios[0].scenario.deployments[1];
    QCOMPARE(d.gpu, std::optional<std::string>("L4"));
    QCOMPARE(d.gpuCount, 1);  // set with the GPU: a GPU with 0 of them is refused
    choose(combo, QStringLiteral("(none)"));
    QCOMPARE(doc->workspace().scenarios[0].scenario.deployments[1].gpuCount, 0);

    // A dedicated deployment's instance type comes with its size.
    pricing::InstanceType g6;
    g6.id = "aws-ec2.g6.xlarge";
    g6.vcpu = 4;
    g6.memoryGb = 16;
    g6.gpu = "L4";
    g6.gpuCount = 1;
    g6.usdPerHourOnDemand = 0.8048;
    prices.instances[g6.id] = g6;
    dock.setPrices(prices);
    dock.showDeployment(0, 2);  // EC2 c7g.xlarge ×2 (not in this catalogue: kept as is)
    auto* instance = qobject_cast<QComboBox*>(dock.form("/deployments/2")->editorFor("/instanceType"));
    QCOMPARE(instance->currentText(), QStringLiteral("c7g.xlarge (not in the catalogue)"));
    choose(instance, QStringLiteral("g6.xlarge — 4 vCPU, 16 GB, 1× L4, $0.805/h"));
    QCOMPARE(dock.form("/deployments/2")->errorFor("/instanceType"), QString());
    const auto& ec2 = doc->workspace().scenarios[0].scenario.deployments[2];
    QCOMPARE(ec2.instanceType, std::optional<std::string>("g6.xlarge"));
    QCOMPARE(ec2.vcpu, 4.0);
    QCOMPARE(ec2.memoryMb, 16384.0);
    QCOMPARE(ec2.gpu, std::optional<std::string>("L4"));
    QCOMPARE(ec2.gpuCount, 1);
    delete doc;
}

void EditorsTest::modelEditorOverridesAPreset() {
    WorkspaceDocument* doc = WorkspaceDocument::open(demoWorkspace());
    PropertiesDock dock;
    dock.setDocument(doc);
    dock.showDeployment(0, 1);  // Cloud Run L4, mistral-7b
    auto* form = dock.form("/deployments/1");
    QVERIFY(form->isShown("/service/model") && form->isShown("/service/coldStart/imagePullSeconds"));
    QVERIFY(!form->isShown("/coldStart") && !form->isShown("/service/seconds"));
    QCOMPARE(qobject_cast<QComboBox*>(form->editorFor("/service/model"))->currentText(), QStringLiteral("mistral-7b"));
    auto* params = qobject_cast<QLineEdit*>(form->editorFor("/service/model/paramsBillions"));
    QVERIFY(params->placeholderText().startsWith(QStringLiteral("7.")));  // the preset's figure
    const std::string before = doc->scenarioJson(0).dump();
    type(params, QStringLiteral("7.5"));
    QCOMPARE(doc->scenarioJson(0)["deployments"][1]["service"]["model"],
             json({{"preset", "mistral-7b"}, {"paramsBillions", 7.5}}));
    QCOMPARE(doc->workspace().scenarios[0].scenario.deployments[1].llm->model.paramsBillions, 7.5);
    auto* weights = qobject_cast<QLabel*>(form->editorFor("/service/model#weights"));
    QCOMPARE(weights->text(), QStringLiteral("15.0 GB"));  // 7.5e9 weights × 2 bytes
    QCOMPARE(doc->undoStack()->count(), 1);  // "7", "7.", "7.5": one field, one step
    doc->undoStack()->undo();
    QCOMPARE(doc->scenarioJson(0).dump(), before);
    delete doc;
}

void EditorsTest::scenarioEditorSetsAndRemovesAnSlo() {
    WorkspaceDocument* doc = WorkspaceDocument::open(QString::fromStdString(testing::fixtureWorkspace()));
    PropertiesDock dock;
    dock.setDocument(doc);
    dock.showScenario(0);
    auto* form = dock.form("");
    const std::string before = doc->scenarioJson(0).dump();
    type(form->editorFor("/slos/p99Seconds"), QStringLiteral("2"));
    QCOMPARE(doc->workspace().scenarios[0].scenario.slos.p99Seconds, std::optional<double>(2.0));
    paste(form->editorFor("/slos/p99Seconds"), QString());  // empty: no such SLO
    QVERIFY(!doc->workspace().scenarios[0].scenario.slos.p99Seconds.has_value());
    type(form->editorFor("/workload/meanRatePerSecond"), QStringLiteral("0"));
    QVERIFY(form->errorFor("/workload/meanRatePerSecond").contains(QStringLiteral("workload.meanRatePerSecond")));
    while (doc->undoStack()->canUndo()) doc->undoStack()->undo();
    QCOMPARE(doc->scenarioJson(0).dump(), before);
    delete doc;
}

void EditorsTest::threeEditsInARowRunOnce() {
    MainWindow w({"", 2, false});
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
    QSignalSpy started(&w.analysis()->runner(), &SimulationRunner::started);
    w.rerunScheduler()->setDelay(50);  // short for the test; the count, not the time, is asserted
    for (int seed : {7, 8, 9}) QVERIFY(SetScenarioValue::push(w.document(), 0, "/seed", seed, "seed").isEmpty());
    QCOMPARE(started.count(), 0);  // nothing yet: the edits are still coming
    QVERIFY(w.rerunScheduler()->isPending());
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, kRunTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
    QTest::qWait(200);
    QCOMPARE(started.count(), 1);  // one run for the three edits
    QCOMPARE(w.analysis()->lastSimulation()->scenario.seed, std::uint64_t{9});
}

void EditorsTest::distributionParametersAreSeparateSteps() {
    WorkspaceDocument* doc = WorkspaceDocument::open(QString::fromStdString(testing::fixtureWorkspace()));
    PropertiesDock dock;
    dock.setDocument(doc);
    dock.showDeployment(0, 0);
    auto* form = dock.form("/deployments/0");
    const std::string before = doc->scenarioJson(0).dump();
    type(form->editorFor("/coldStart/p50Seconds"), QStringLiteral("1.5"));
    type(form->editorFor("/coldStart/p99Seconds"), QStringLiteral("6"));
    QCOMPARE(doc->undoStack()->count(), 2);
    QCOMPARE(doc->scenarioJson(0)["deployments"][0]["coldStart"],
             json({{"kind", "lognormal"}, {"p50Seconds", 1.5}, {"p99Seconds", 6}}));
    // p99 below p50: the reader's rule, shown under p99; nothing changes.
    type(form->editorFor("/coldStart/p99Seconds"), QStringLiteral("1"));
    QVERIFY2(form->errorFor("/coldStart/p99Seconds").contains(QStringLiteral("deployments[0].coldStart")),
             qPrintable(form->errorFor("/coldStart/p99Seconds")));
    QCOMPARE(doc->scenarioJson(0)["deployments"][0]["coldStart"]["p99Seconds"], json(6));
    choose(form->editorFor("/coldStart"), QStringLiteral("fixed"));  // around the old centre
    QCOMPARE(doc->scenarioJson(0)["deployments"][0]["coldStart"], json({{"kind", "fixed"}, {"seconds", 1.5}}));
    QVERIFY(form->isShown("/coldStart/seconds") && !form->isShown("/coldStart/p50Seconds"));
    QCOMPARE(doc->undoStack()->count(), 3);
    while (doc->undoStack()->canUndo()) doc->undoStack()->undo();
    QCOMPARE(doc->scenarioJson(0).dump(), before);
    delete doc;
}

void EditorsTest::treeSelectionShowsItsEditor() {
    MainWindow w({"", 2, false});
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    auto* tree = w.findChild<QTreeView*>();
    const QModelIndex scenario = tree->model()->index(0, 0, tree->model()->index(0, 0));
    const QModelIndex ec2 = tree->model()->index(2, 0, scenario);
    emit tree->clicked(ec2);  // as a click on the alternative
    QCOMPARE(w.properties()->deployment(), 2);
    QVERIFY(w.properties()->form("/deployments/2") != nullptr);
    QVERIFY(w.properties()->form("/deployments/2")->isShown("/nodes"));
    emit tree->activated(scenario);  // as Enter on the scenario
    QCOMPARE(w.properties()->deployment(), -1);
    QVERIFY(w.properties()->form("") != nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
}

void EditorsTest::preferencesApplyWithoutRestart() {
    const Preferences chosen{3, 0.5, 4.0, {}, 0};
    chosen.save();
    QCOMPARE(Preferences::load({}), chosen);
    MainWindow w({"", 2, false});
    w.applyPreferences(chosen);
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
    const SweepPtr sweep = w.analysis()->lastSweep();
    QVERIFY(sweep != nullptr);
    QCOMPARE(sweep->points.size(), std::size_t{3});
    QCOMPARE(sweep->range.from, 0.5);
    QCOMPARE(sweep->range.to, 4.0);
    QCOMPARE(sweep->points.back().value, 4.0);

    PreferencesDialog dialog(chosen);
    QCOMPARE(dialog.preferences(), chosen);
    auto* to = dialog.findChildren<QDoubleSpinBox*>().at(1);
    to->setValue(0.2);  // below "from": refused, not swapped
    QVERIFY(!dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
}

QTEST_MAIN(EditorsTest)
#include "test_gui_editors.moc"
