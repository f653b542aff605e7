// Trace import (offscreen): the CSV mapping dialog on hand-made fixtures
// (exact counts and arrival times, an error at its line and column), import
// as one undoable command that undo reverts to the exact previous workspace
// JSON, drag-and-drop, "Use for current scenario" re-running the scenario on
// the trace, saving, and the Trace view's statistics.
#include <filesystem>

#include <QAbstractItemModelTester>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QUrl>
#include <QtTest>

#include "app/gui/AnalysisController.h"
#include "app/gui/CsvMappingDialog.h"
#include "app/gui/ImportTrace.h"
#include "app/gui/ImportTraceJson.h"
#include "app/gui/MainWindow.h"
#include "app/gui/WorkspaceDocument.h"
#include "tests/gui/GuiTestSupport.h"
#include "views/TracePreview.h"
#include "views/TraceStatsView.h"
#include "views/WorkspaceTreeModel.h"
#include "views/charts/TraceCharts.h"

using namespace breakeven;
using namespace breakeven::gui;

namespace {
constexpr int kRunTimeoutMs = 120000;

std::string fixture(const char* name) { return std::string(BREAKEVEN_TEST_DATA_DIR "/gui/import/") + name; }

trace::CsvMapping requestsMapping() {
    trace::CsvMapping m;
    m.timeColumn = "sent_ms";
    m.timeUnit = "ms";
    m.serviceColumn = "latency_ms";
    m.serviceUnit = "ms";
    m.inputTokensColumn = "prompt_tokens";
    m.outputTokensColumn = "completion_tokens";
    m.keyColumn = "tenant";
    m.delimiter = ',';
    return m;
}

trace::TraceOptions requestsOptions() {
    trace::TraceOptions o;
    o.format = trace::TraceFormat::Csv;
    o.mapping = requestsMapping();
    return o;
}

trace::TraceProfile profileOf(const std::string& path, const trace::TraceOptions& options) {
    auto reader = trace::openTrace(path, options);
    return trace::profileTrace(*reader);
}

std::string workspaceJson(const MainWindow& w) { return workspaceToJson(w.document()->workspace()).dump(); }

void openFixture(MainWindow& w) {
    QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
}

QStandardItem* tracesGroup(const MainWindow& w) {
    auto* tree = w.findChild<views::WorkspaceTreeModel*>();
    return tree == nullptr ? nullptr : tree->item(1);
}
}  // namespace

class ImportTest : public QObject {
    Q_OBJECT
private slots:
    void dialogGuessesAndReadsTheFixture();
    void dialogShowsTheErrorsLineAndColumn();
    void importIsOneUndoableCommand();
    void dropImports();
    void anotherFileOfTheSameNameGetsASuffix();
    void genericCsvGoesThroughTheDialog();
    void useForScenarioRunsItAndIsSaved();
    void traceViewShowsStatistics();
};

void ImportTest::dialogGuessesAndReadsTheFixture() {
    CsvMappingDialog dialog(fixture("requests.csv"));
    QAbstractItemModelTester tester(dialog.previewModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(dialog.previewModel()->rowCount(), 12);
    QCOMPARE(dialog.previewModel()->columns().size(), 6);
    QCOMPARE(dialog.previewModel()->headerData(0, Qt::Vertical, Qt::DisplayRole).toString(), QStringLiteral("2"));
    // The column names are guessed: sent_ms (ms), latency_ms (ms), prompt/completion tokens.
    const trace::CsvMapping guessed = dialog.options().mapping;
    QCOMPARE(guessed.timeColumn, std::string("sent_ms"));
    QCOMPARE(guessed.timeUnit, std::string("ms"));
    QCOMPARE(guessed.serviceColumn.value_or(""), std::string("latency_ms"));
    QCOMPARE(guessed.serviceUnit, std::string("ms"));
    QCOMPARE(guessed.inputTokensColumn.value_or(""), std::string("prompt_tokens"));
    QCOMPARE(guessed.outputTokensColumn.value_or(""), std::string("completion_tokens"));
    QVERIFY(!guessed.keyColumn);

    // Seconds instead of milliseconds: same count, a span 1000 times longer.
    trace::CsvMapping seconds = requestsMapping();
    seconds.timeUnit = "s";
    dialog.setMapping(seconds);
    QVERIFY(dialog.profile());
    QCOMPARE(dialog.profile()->stats.durationSeconds, 180000.0);

    dialog.setMapping(requestsMapping());
    QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
    QVERIFY(dialog.canAccept());
    const trace::TraceProfile& p = *dialog.profile();
    QCOMPARE(p.stats.requests, std::uint64_t{12});
    QCOMPARE(*p.report.clockOriginMicros, std::int64_t{1'000'000});  // first arrival: 1000 ms
    QCOMPARE(p.stats.durationSeconds, 180.0);                          // last arrival: 181000 ms
    QCOMPARE(p.arrivalsPerMinute, (std::vector<std::uint64_t>{5, 5, 1, 1}));
    QCOMPARE(dialog.arrivalsChart()->pointCount(), 8);  // a step per minute
    QVERIFY(dialog.summaryText().contains(QStringLiteral("12 requests")));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.options().mapping.keyColumn.value_or(""), std::string("tenant"));

    // A datetime unit on numbers: an error at line 2, column 5, and no import.
    trace::CsvMapping wrong = requestsMapping();
    wrong.timeUnit = "datetime";
    dialog.setMapping(wrong);
    QVERIFY(!dialog.canAccept());
    QVERIFY2(dialog.errorText().contains(QStringLiteral("requests.csv:2:5:")), qPrintable(dialog.errorText()));
}

void ImportTest::dialogShowsTheErrorsLineAndColumn() {
    CsvMappingDialog dialog(fixture("requests_bad.csv"));
    QAbstractItemModelTester tester(dialog.previewModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.setMapping(requestsMapping());
    QVERIFY(!dialog.profile());
    QVERIFY(!dialog.canAccept());
    const QString error = dialog.errorText();
    QVERIFY2(error.contains(QStringLiteral("requests_bad.csv:4:5:")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("2O00")), qPrintable(error));
    // Line 4 is the third data row; column 5 starts the second field.
    QCOMPARE(dialog.previewModel()->highlighted(), dialog.previewModel()->index(2, 1));
    QVERIFY(dialog.previewModel()->highlighted().data(Qt::BackgroundRole).isValid());
}

void ImportTest::importIsOneUndoableCommand() {
    MainWindow w({"", 2, false});
    openFixture(w);
    w.show();  // the Trace view reads a trace only while visible
    QVERIFY(w.actions().importTrace->isEnabled());
    const std::string before = workspaceJson(w);
    QUndoStack* stack = w.document()->undoStack();
    QCOMPARE(stack->count(), 0);

    // A generic CSV needs the mapping dialog, which a non-interactive window does not open.
    const QString refused = w.traceImport()->importFile(QString::fromStdString(fixture("requests.csv")));
    QVERIFY2(refused.contains(QStringLiteral("needs a column mapping")), qPrintable(refused));
    QCOMPARE(stack->count(), 0);

    const QString error = w.traceImport()->importFile(QString::fromStdString(fixture("azure_llm_small.csv")));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(stack->count(), 1);
    QVERIFY(w.document()->isModified());
    const Workspace& ws = w.document()->workspace();
    QCOMPARE(ws.traces.size(), std::size_t{1});
    QCOMPARE(ws.traces[0].name, std::string("azure_llm_small.csv"));
    QCOMPARE(ws.traces[0].path, std::string("import/azure_llm_small.csv"));  // relative to the workspace
    QCOMPARE(ws.traces[0].sizeBytes.value_or(0), std::uint64_t{216});
    QCOMPARE(importedReading(ws, "azure_llm_small.csv").value("format", ""), std::string("azure-llm"));
    QCOMPARE(tracesGroup(w)->rowCount(), 1);
    QCOMPARE(tracesGroup(w)->child(0)->data(views::WorkspaceTreeModel::TraceIndexRole).toInt(), 0);
    auto* view = qobject_cast<views::TraceStatsView*>(w.viewWidget(MainWindow::View::Trace));
    QVERIFY(view != nullptr);
    QCOMPARE(view->model()->value(QStringLiteral("Requests")), QStringLiteral("5"));

    // The same file again is not a second trace.
    QVERIFY(w.traceImport()->importFile(QString::fromStdString(fixture("azure_llm_small.csv"))).isEmpty());
    QCOMPARE(stack->count(), 1);

    stack->undo();
    QCOMPARE(workspaceJson(w), before);
    QCOMPARE(tracesGroup(w)->rowCount(), 0);
    stack->redo();
    QCOMPARE(w.document()->workspace().traces.size(), std::size_t{1});
}

void ImportTest::dropImports() {
    MainWindow w({"", 2, false});
    openFixture(w);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QString::fromStdString(fixture("azure_llm_small.csv")))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(w.document()->undoStack()->count(), 1);
    QCOMPARE(w.document()->workspace().traces.size(), std::size_t{1});

    // A workspace file is not a trace to import.
    QMimeData workspace;
    workspace.setUrls({QUrl::fromLocalFile(QString::fromStdString(testing::fixtureWorkspace()))});
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &workspace, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QApplication::sendEvent(&w, &refused);
    QVERIFY(!refused.isAccepted());
}

void ImportTest::anotherFileOfTheSameNameGetsASuffix() {
    MainWindow w({"", 2, false});
    openFixture(w);
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("azure_llm_small.csv"));
    QFile file(copy);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n");
    file.close();
    QVERIFY(w.traceImport()->importFile(QString::fromStdString(fixture("azure_llm_small.csv"))).isEmpty());
    QVERIFY(w.traceImport()->importFile(copy).isEmpty());
    const Workspace& ws = w.document()->workspace();
    QCOMPARE(ws.traces.size(), std::size_t{2});
    QCOMPARE(ws.traces[1].name, std::string("azure_llm_small-2.csv"));
    QCOMPARE(resolvedTracePath(ws, ws.traces[1]), std::filesystem::path(copy.toStdString()).lexically_normal().string());
    QCOMPARE(w.document()->undoStack()->count(), 2);
}

void ImportTest::genericCsvGoesThroughTheDialog() {
    MainWindow w({"", 2, true});  // interactive: the dialog opens (modal); the timer plays the user
    bool seen = false;
    QTimer::singleShot(0, &w, [&seen] {
        auto* dialog = qobject_cast<CsvMappingDialog*>(QApplication::activeModalWidget());
        if (dialog == nullptr) return;
        seen = true;
        dialog->setMapping(requestsMapping());
        dialog->accept();
    });
    const QString error = w.traceImport()->importFile(QString::fromStdString(fixture("requests.csv")));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(seen);
    const Workspace& ws = w.document()->workspace();
    QCOMPARE(ws.traces.size(), std::size_t{1});
    // An untitled workspace has no folder: the path is absolute.
    QCOMPARE(ws.traces[0].path, std::filesystem::absolute(fixture("requests.csv")).lexically_normal().string());
    const trace::TraceOptions read = readingOptions(importedReading(ws, "requests.csv"));
    QVERIFY(read.format == trace::TraceFormat::Csv);
    QCOMPARE(read.mapping.timeColumn, std::string("sent_ms"));
    QCOMPARE(read.mapping.keyColumn.value_or(""), std::string("tenant"));
    QCOMPARE(read.mapping.delimiter.value_or('?'), ',');
    w.document()->undoStack()->setClean();  // no "save changes?" prompt on close
}

void ImportTest::useForScenarioRunsItAndIsSaved() {
    MainWindow w({"", 2, false});
    openFixture(w);
    const nlohmann::json scenarioBefore = w.document()->scenarioJson(0);
    const std::string path = fixture("requests.csv");
    QVERIFY(w.traceImport()->addTrace(QString::fromStdString(path), requestsOptions(), profileOf(path, requestsOptions()))
                .isEmpty());
    const QString error = w.traceImport()->useForCurrentScenario(0);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(w.document()->undoStack()->count(), 2);
    const nlohmann::json& workload = w.document()->scenarioJson(0)["workload"];
    QCOMPARE(workload["kind"].get<std::string>(), std::string("trace"));
    QCOMPARE(workload["mapping"]["timeColumn"].get<std::string>(), std::string("sent_ms"));
    // The edit re-runs the scenario (debounced: RerunScheduler) on the new trace.
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning() && w.analysis()->lastSimulation() != nullptr &&
                                 w.analysis()->lastSimulation()->result.arrivals == 12,
                             kRunTimeoutMs);
    auto* view = qobject_cast<views::TraceStatsView*>(w.viewWidget(MainWindow::View::Trace));
    QVERIFY(view->selection() && !view->selection()->workspaceTrace);  // the scenario's own trace

    QTemporaryDir dir;
    const QString saved = dir.filePath(QStringLiteral("imported.breakeven.json"));
    QVERIFY(w.saveTo(saved));
    const Workspace reloaded = loadWorkspace(saved.toStdString());
    QCOMPARE(reloaded.traces.size(), std::size_t{1});
    const auto checks = checkTraces(reloaded);
    QVERIFY2(checks[0].status == TraceStatus::Ok, toString(checks[0].status).data());
    QCOMPARE(readingOptions(importedReading(reloaded, "requests.csv")).mapping.keyColumn.value_or(""),
             std::string("tenant"));
    QVERIFY(reloaded.scenarios[0].scenario.workload.kind == WorkloadKind::Trace);

    w.document()->undoStack()->undo();
    QCOMPARE(w.document()->scenarioJson(0), scenarioBefore);
    QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
}

void ImportTest::traceViewShowsStatistics() {
    views::TraceStatsView view;
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    view.resize(1200, 700);
    view.setTrace({QStringLiteral("requests.csv"), fixture("requests.csv"), requestsOptions(), true});
    QCOMPARE(view.model()->rowCount(), 0);  // read only once visible
    view.show();
    QTRY_VERIFY(!view.isReading());  // read on a worker
    QVERIFY2(view.message().isEmpty(), qPrintable(view.message()));
    QCOMPARE(view.model()->value(QStringLiteral("Requests")), QStringLiteral("12"));
    QCOMPARE(view.model()->value(QStringLiteral("Peak / mean (per minute)")), QStringLiteral("1.50×"));
    QCOMPARE(view.model()->value(QStringLiteral("Peak rate")), QStringLiteral("2 /s · 6 /min"));
    QCOMPARE(view.arrivalsChart()->pointCount(), 8);
    QCOMPARE(view.tokenChart()->binCount(), 12);  // up to 2000 tokens: bin [1024, 2047]
    QVERIFY(view.tokenChart()->isVisible());

    view.setTrace({QStringLiteral("missing"), fixture("missing.csv"), requestsOptions(), true});
    QTRY_VERIFY(!view.isReading());
    QVERIFY2(view.message().contains(QStringLiteral("Cannot read")), qPrintable(view.message()));
    QVERIFY(view.message().contains(QStringLiteral("missing.csv")));
    QCOMPARE(view.model()->rowCount(), 0);
}

QTEST_MAIN(ImportTest)
#include "test_gui_import.moc"
