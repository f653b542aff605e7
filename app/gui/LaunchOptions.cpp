#include "app/gui/LaunchOptions.h"

#include <stdexcept>

#include <QDir>
#include <QFileInfo>
#include <QStringList>

namespace breakeven::gui {

namespace {
QString valueAfter(const QStringList& args, int& i) {
    if (i + 1 >= args.size()) throw std::invalid_argument(args[i].toStdString() + " needs a value");
    return args[++i];
}

int positiveInt(const QString& option, const QString& text) {
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1) throw std::invalid_argument((option + ": expected a positive integer, got '" + text + "'").toStdString());
    return value;
}

QSize parseSize(const QString& text) {
    const QStringList parts = text.split(QLatin1Char('x'));
    if (parts.size() != 2) throw std::invalid_argument("--size: expected WIDTHxHEIGHT, got '" + text.toStdString() + "'");
    return {positiveInt(QStringLiteral("--size"), parts[0]), positiveInt(QStringLiteral("--size"), parts[1])};
}

void parseOption(LaunchOptions& o, const QStringList& args, int& i) {
    const QString& a = args[i];
    if (a == QLatin1String("--screenshot")) o.screenshot = valueAfter(args, i);
    else if (a == QLatin1String("--view")) o.view = valueAfter(args, i);
    else if (a == QLatin1String("--size")) o.size = parseSize(valueAfter(args, i)), o.sizeGiven = true;
    else if (a == QLatin1String("--report")) o.report = valueAfter(args, i);
    else if (a == QLatin1String("--export-chart")) o.exportChart = valueAfter(args, i);
    else if (a == QLatin1String("--out")) o.out = valueAfter(args, i);
    else if (a == QLatin1String("--page-size")) o.pageSize = valueAfter(args, i);
    else if (a == QLatin1String("--theme")) o.theme = valueAfter(args, i);
    else if (a == QLatin1String("--scenario")) o.scenario = valueAfter(args, i).toStdString();
    else if (a == QLatin1String("--catalog")) o.cataloguePath = valueAfter(args, i).toStdString();
    else if (a == QLatin1String("--sweep-points")) o.sweepPoints = positiveInt(a, valueAfter(args, i));
    else if (a == QLatin1String("--timeout")) o.timeoutSeconds = positiveInt(a, valueAfter(args, i));
    else if (a == QLatin1String("--headless-summary")) o.headlessSummary = true;
    else if (a == QLatin1String("--help") || a == QLatin1String("-h")) o.help = true;
    else if (a == QLatin1String("--version")) o.version = true;
    else throw std::invalid_argument("unknown option " + a.toStdString() + " (see --help)");
}
}  // namespace

LaunchOptions parseLaunchOptions(const QStringList& arguments) {
    LaunchOptions o;
    for (int i = 1; i < arguments.size(); ++i) {
        if (arguments[i].startsWith(QLatin1String("-"))) {
            parseOption(o, arguments, i);
        } else if (o.workspace.isEmpty()) {
            o.workspace = arguments[i];
        } else {
            throw std::invalid_argument("only one workspace can be opened, got '" + arguments[i].toStdString() + "' too");
        }
    }
    if (!viewKeys().contains(o.view))
        throw std::invalid_argument("--view: expected one of " + viewKeys().join(QLatin1Char('|')).toStdString() +
                                    ", got '" + o.view.toStdString() + "'");
    if (!o.theme.isEmpty() && o.theme != QLatin1String("system") && o.theme != QLatin1String("light") &&
        o.theme != QLatin1String("dark"))
        throw std::invalid_argument("--theme: expected system, light or dark, got '" + o.theme.toStdString() + "'");
    if (o.sweepPoints < 2) throw std::invalid_argument("--sweep-points: at least 2");
    if (o.pageSize != QLatin1String("A4") && o.pageSize != QLatin1String("Letter"))
        throw std::invalid_argument("--page-size: expected A4 or Letter, got '" + o.pageSize.toStdString() + "'");
    if ((!o.report.isEmpty() || !o.exportChart.isEmpty()) && o.out.isEmpty())
        throw std::invalid_argument("--report and --export-chart need --out FILE");
    if (!o.exportChart.isEmpty() && !exportChartKeys().contains(o.exportChart))
        throw std::invalid_argument("--export-chart: expected one of " +
                                    exportChartKeys().join(QLatin1Char('|')).toStdString() + ", got '" +
                                    o.exportChart.toStdString() + "'");
    return o;
}

QStringList viewKeys() {
    return {QStringLiteral("cost"),  QStringLiteral("coldstart"), QStringLiteral("timeline"),
            QStringLiteral("compare"), QStringLiteral("trace"),   QStringLiteral("catalog")};
}

QStringList exportChartKeys() {
    return {QStringLiteral("cost"), QStringLiteral("coldstart"), QStringLiteral("timeline")};
}

QString usageText() {
    return QStringLiteral(R"(usage: breakeven [WORKSPACE] [options]

Opens WORKSPACE (*.breakeven.json; default: the bundled demo), runs its first
scenario and shows the cost curves, crossovers and the results table.

  --scenario NAME        run this scenario of the workspace (default: the first)
  --catalog PATH         price catalogue (default: $BREAKEVEN_CATALOG, else the
                         user's data directory, as breakeven-cli)
  --sweep-points N       points of the traffic sweep (default 24, log 0.1–20 ×)
  --theme system|light|dark
  --screenshot OUT.png   open the window (QT_QPA_PLATFORM=offscreen works), wait
                         for the runs, save the window as PNG and exit
    --view VIEW          the view in front: cost (default), coldstart, timeline,
                         compare, trace or catalog
    --size WxH           window size (default 1600x1000)
    --timeout SECONDS    give up (exit 3) after this long (default 600)
  --headless-summary     print the results table to stdout, no window; also
                         what happens when no window can be seen (no display,
                         or QT_QPA_PLATFORM=offscreen without --screenshot)
  --report WORKSPACE --out REPORT.pdf [--scenario NAME] [--page-size A4|Letter]
                         write the PDF report (no window; runs the simulation
                         and a --sweep-points traffic sweep first)
  --export-chart cost|coldstart|timeline --out FILE.svg|FILE.png [WORKSPACE]
                         save one chart as SVG (vector) or PNG, --size WxH
                         (default 1200x750)
  --version, --help
)");
}

QString demoWorkspacePath(const QString& applicationDir) {
    const QStringList candidates{
        QDir(applicationDir).filePath(QStringLiteral("../share/breakeven/demo.breakeven.json")),
        QStringLiteral(BREAKEVEN_SOURCE_DIR "/resources/demo.breakeven.json"),
        QStringLiteral(BREAKEVEN_SOURCE_DIR "/resources/demo/demo-scenario.json"),
    };
    for (const QString& c : candidates)
        if (QFileInfo::exists(c)) return QFileInfo(c).absoluteFilePath();
    return {};
}

bool noDisplay() {
    // An invisible window that nobody can close would hang a script.
    const QString platform = qEnvironmentVariable("QT_QPA_PLATFORM");
    if (platform == QLatin1String("offscreen") || platform == QLatin1String("minimal")) return true;
    return qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
           platform.isEmpty();
}

}  // namespace breakeven::gui
