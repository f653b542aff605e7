// Exports (issue 11): the cost chart as SVG (well-formed XML naming every
// alternative) and PNG, the results table as CSV (RFC 4180, round trip),
// the last run as JSON equal to `breakeven-cli simulate --json`, the
// headless `breakeven --export-chart`, and `breakeven-cli simulate --csv`.
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "GuiTestSupport.h"
#include "app/core/CsvWriter.h"
#include "app/gui/AnalysisController.h"
#include "app/gui/ExportActions.h"
#include "app/gui/MainWindow.h"
#include "app/gui/WorkspaceDocument.h"
#include "views/ResultsTableModel.h"
#include "views/charts/CostCurvesChart.h"

using namespace breakeven;
using namespace breakeven::gui;

namespace {
constexpr int kRunTimeoutMs = 120000;

QByteArray run(const QString& program, const QStringList& args) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qFatal("%s failed: %s", qPrintable(program), p.readAllStandardError().constData());
    return p.readAllStandardOutput();
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Every character of text in a well-formed XML document; fails on bad XML.
QString xmlText(const QByteArray& xml) {
    QXmlStreamReader reader(xml);
    QString text;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isCharacters()) text += reader.text();
    }
    if (reader.hasError()) qFatal("bad XML: %s", qPrintable(reader.errorString()));
    return text;
}
}  // namespace

class ExportTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

private slots:
    void csvQuotingFollowsRfc4180() {
        QCOMPARE(appcore::csvField("plain"), std::string("plain"));
        QCOMPARE(appcore::csvField("a,b"), std::string("\"a,b\""));
        QCOMPARE(appcore::csvField("say \"hi\""), std::string("\"say \"\"hi\"\"\""));
        QCOMPARE(appcore::csvRecord({"x", "line\nbreak", ""}), std::string("x,\"line\nbreak\",\r\n"));
        const std::vector<std::vector<std::string>> records{{"name", "note"}, {"a, b", "\"q\"\r\nz"}, {"", "1"}};
        std::string csv;
        for (const auto& r : records) csv += appcore::csvRecord(r);
        QVERIFY(appcore::parseCsv(csv) == records);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, appcore::parseCsv("\"open"));
    }

    void windowExports() {
        QVERIFY(dir_.isValid());
        MainWindow w({"", 3, false});
        w.resize(1400, 900);
        w.show();  // as the user has it: the chart laid out on screen
        QVERIFY(w.openWorkspace(QString::fromStdString(testing::fixtureWorkspace())));
        QTRY_VERIFY_WITH_TIMEOUT(!w.analysis()->isRunning(), kRunTimeoutMs);
        QVERIFY(w.actions().exportChart->isEnabled() && w.actions().exportReport->isEnabled());
        const auto& rows = w.resultsModel()->rows();
        QVERIFY(rows.size() >= 3);

        const QString svg = dir_.filePath(QStringLiteral("cost.svg"));
        exportChart(w, svg);
        const QString text = xmlText(readAll(svg));
        for (const auto& r : rows) QVERIFY2(text.contains(QString::fromStdString(r.name)), r.name.c_str());

        const QString png = dir_.filePath(QStringLiteral("cost.png"));
        exportChart(w, png);
        const QImage image(png);
        QCOMPARE(image.size(), w.costChart()->size());

        const QString csv = dir_.filePath(QStringLiteral("table.csv"));
        exportTable(w, csv);
        const auto records = appcore::parseCsv(readAll(csv).toStdString());
        const auto& model = *w.resultsModel();
        QCOMPARE(records.size(), rows.size() + 1);
        for (int c = 0; c < model.columnCount(); ++c)
            QCOMPARE(QString::fromStdString(records[0][static_cast<std::size_t>(c)]),
                     model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
        for (int r = 0; r < model.rowCount(); ++r)
            for (int c = 0; c < model.columnCount(); ++c)
                QCOMPARE(QString::fromStdString(records[static_cast<std::size_t>(r) + 1][static_cast<std::size_t>(c)]),
                         model.index(r, c).data().toString());

        const QString json = dir_.filePath(QStringLiteral("results.json"));
        exportResults(w, json, "");
        QJsonObject mine = QJsonDocument::fromJson(readAll(json)).object();
        const std::string name = w.document()->workspace().scenarios[0].scenario.name;
        QJsonObject cli = QJsonDocument::fromJson(run(QStringLiteral(BREAKEVEN_CLI_PATH),
                                                      {QStringLiteral("simulate"),
                                                       QString::fromStdString(testing::fixtureWorkspace()),
                                                       QStringLiteral("--scenario"), QString::fromStdString(name),
                                                       QStringLiteral("--json")}))
                              .object();
        QVERIFY(cli.contains(QLatin1String("deployments")) && cli.contains(QLatin1String("run")));
        mine.remove(QLatin1String("run"));  // wall time and threads
        cli.remove(QLatin1String("run"));
        QCOMPARE(mine, cli);
    }

    void headlessChartExport() {
        const QString svg = dir_.filePath(QStringLiteral("headless.svg"));
        run(QStringLiteral(BREAKEVEN_GUI_PATH), {QStringLiteral("--export-chart"), QStringLiteral("coldstart"),
                                                 QStringLiteral("--out"), svg,
                                                 QString::fromStdString(testing::fixtureWorkspace()),
                                                 QStringLiteral("--sweep-points"), QStringLiteral("2")});
        const QString text = xmlText(readAll(svg));
        QVERIFY(text.contains(QLatin1String("useful work")) && text.contains(QLatin1String("cold-start tax")));
        const Workspace ws = loadWorkspace(testing::fixtureWorkspace());
        for (const auto& d : ws.scenarios[0].scenario.deployments)
            QVERIFY2(text.contains(QString::fromStdString(d.name)), d.name.c_str());
    }

    void cliSimulateCsv() {
        const auto expected = testing::referenceMonthlyCosts(testing::fixtureWorkspace(), 0);
        const QByteArray out = run(QStringLiteral(BREAKEVEN_CLI_PATH),
                                   {QStringLiteral("simulate"), QString::fromStdString(testing::fixtureWorkspace()),
                                    QStringLiteral("--csv")});
        QVERIFY(out.contains("\r\n"));
        const auto records = appcore::parseCsv(out.toStdString());
        QCOMPARE(records.size(), expected.size() + 1);
        QCOMPARE(records[0][0], std::string("alternative"));
        QCOMPARE(records[0][14], std::string("usd_per_month"));
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(records[i + 1].size(), records[0].size());
            QCOMPARE(std::stod(records[i + 1][14]), expected[i]);
        }
    }
};

QTEST_MAIN(ExportTest)
#include "test_gui_export.moc"
