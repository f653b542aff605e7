// The `breakeven` executable's headless modes: --screenshot writes a PNG of
// the real window that is not blank, for every view; --headless-summary and
// the no-display fallback print the results table.
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "tests/gui/GuiTestSupport.h"
#include "views/ResultRows.h"

namespace {
struct Run {
    int exitCode = -1;
    QString out, err;
};

Run runApp(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(BREAKEVEN_GUI_PATH), args);
    if (!p.waitForFinished(240000)) p.kill();
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// Standard deviation of the grey level: a blank or single-colour image is ~0.
double greyStdDev(const QImage& image) {
    double sum = 0.0, sumSq = 0.0;
    const int step = 3;
    long n = 0;
    for (int y = 0; y < image.height(); y += step)
        for (int x = 0; x < image.width(); x += step) {
            const double g = qGray(image.pixel(x, y));
            sum += g, sumSq += g * g, ++n;
        }
    const double mean = sum / static_cast<double>(n);
    return std::sqrt(std::max(0.0, sumSq / static_cast<double>(n) - mean * mean));
}
}  // namespace

class HeadlessTest : public QObject {
    Q_OBJECT
private slots:
    void screenshot_data();
    void screenshot();
    void summaryPrintsEveryAlternative();
    void noDisplayFallsBackToTheSummary();
    void badUsageFails();
};

void HeadlessTest::screenshot_data() {
    QTest::addColumn<QString>("view");
    QTest::newRow("cost") << QStringLiteral("cost");
    QTest::newRow("compare") << QStringLiteral("compare");
    QTest::newRow("coldstart") << QStringLiteral("coldstart");
    QTest::newRow("timeline") << QStringLiteral("timeline");
}

void HeadlessTest::screenshot() {
    QFETCH(QString, view);
    QTemporaryDir dir;
    const QString png = dir.filePath(view + QStringLiteral(".png"));
    const Run r = runApp({QString::fromStdString(breakeven::testing::fixtureWorkspace()), QStringLiteral("--screenshot"),
                          png, QStringLiteral("--view"), view, QStringLiteral("--size"), QStringLiteral("1200x800"),
                          QStringLiteral("--sweep-points"), QStringLiteral("6")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1200, 800));
    const double spread = greyStdDev(image);
    QVERIFY2(spread > 10.0, qPrintable(QStringLiteral("grey level std dev %1").arg(spread)));
}

void HeadlessTest::summaryPrintsEveryAlternative() {
    const Run r = runApp({QString::fromStdString(breakeven::testing::fixtureWorkspace()),
                          QStringLiteral("--headless-summary")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const breakeven::Workspace ws = breakeven::loadWorkspace(breakeven::testing::fixtureWorkspace());
    const auto costs = breakeven::testing::referenceMonthlyCosts(breakeven::testing::fixtureWorkspace(), 0);
    const auto& deployments = ws.scenarios[0].scenario.deployments;
    int marked = 0;  // the cheapest meeting the SLOs is marked "* ", once
    for (std::size_t i = 0; i < deployments.size(); ++i) {
        const QString line = r.out.split(QLatin1Char('\n')).filter(QString::fromStdString(deployments[i].name)).value(0);
        QVERIFY2(line.contains(QString::fromStdString(breakeven::views::formatUsd(costs[i]))), qPrintable(r.out));
        marked += line.startsWith(QStringLiteral("* ")) ? 1 : 0;
    }
    QCOMPARE(marked, 1);
}

void HeadlessTest::noDisplayFallsBackToTheSummary() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* var : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) env.remove(QString::fromLatin1(var));
    const Run r = runApp({QString::fromStdString(breakeven::testing::fixtureWorkspace())}, env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("no display")));
    QVERIFY(r.out.contains(QStringLiteral("$/month")));
    // The offscreen platform shows nothing either: summary, not a hung window.
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const Run offscreen = runApp({QString::fromStdString(breakeven::testing::fixtureWorkspace())}, env);
    QVERIFY2(offscreen.exitCode == 0, qPrintable(offscreen.err));
    QVERIFY(offscreen.out.contains(QStringLiteral("$/month")));
}

void HeadlessTest::badUsageFails() {
    QCOMPARE(runApp({QStringLiteral("--view"), QStringLiteral("nope"), QStringLiteral("--headless-summary")}).exitCode, 1);
    const Run missing = runApp({QStringLiteral("/nonexistent.breakeven.json"), QStringLiteral("--headless-summary")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains(QStringLiteral("/nonexistent.breakeven.json")));
}

QTEST_GUILESS_MAIN(HeadlessTest)
#include "test_gui_headless.moc"
