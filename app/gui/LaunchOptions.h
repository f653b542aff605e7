#pragma once
// The `breakeven` command line (see usageText()).
#include <optional>
#include <string>

#include <QSize>
#include <QString>

namespace breakeven::gui {

struct LaunchOptions {
    QString workspace;        // "" = the bundled demo
    QString screenshot;       // --screenshot OUT.png
    QString view = QStringLiteral("cost");  // --view KEY (viewKeys())
    QSize size{1600, 1000};   // --size WxH
    QString theme;            // --theme system|light|dark ("" = the saved preference)
    bool headlessSummary = false;
    std::optional<std::string> scenario;  // --scenario NAME
    std::string cataloguePath;            // --catalog PATH
    int sweepPoints = 24;
    int timeoutSeconds = 600;             // headless runs give up after this
    QString report;                       // --report WORKSPACE: write a PDF (with --out)
    QString exportChart;                  // --export-chart VIEW (cost|coldstart|timeline)
    QString out;                          // --out FILE of --report / --export-chart
    QString pageSize = QStringLiteral("A4");  // --page-size A4|Letter
    bool sizeGiven = false;               // --size was given (chart exports default to 1200x750)
    bool help = false;
    bool version = false;
};

// Throws std::invalid_argument with a one-line message on bad usage.
LaunchOptions parseLaunchOptions(const QStringList& arguments);
QString usageText();
// The --view keys, in tab order: cost, coldstart, timeline, compare, trace, catalog.
QStringList viewKeys();

// The --export-chart keys: cost, coldstart, timeline.
QStringList exportChartKeys();

// The bundled demo: the installed copy beside the executable, else the
// source tree's resources/demo.breakeven.json, else its demo scenario file.
QString demoWorkspacePath(const QString& applicationDir);

// True when no window can be seen (no DISPLAY/WAYLAND_DISPLAY and no
// QT_QPA_PLATFORM chosen, or the offscreen/minimal platform): without
// --screenshot the app then prints the summary instead.
bool noDisplay();

}  // namespace breakeven::gui
