// breakeven: the desktop application (issue 10). See LaunchOptions.cpp for
// the command line; without a display it prints the results summary.
#include <iostream>
#include <stdexcept>

#include <QApplication>
#include <QCoreApplication>
#include <QStringList>
#include <QStyle>

#include "app/core/WorkspaceInput.h"
#include "app/gui/Export.h"
#include "app/gui/HeadlessModes.h"
#include "app/gui/LaunchOptions.h"
#include "app/gui/MainWindow.h"
#include "app/gui/Theme.h"
#include "app/gui/WorkspaceDocument.h"

namespace {
using namespace breakeven::gui;

QStringList argumentsOf(int argc, char** argv) {
    QStringList list;
    for (int i = 0; i < argc; ++i) list << QString::fromLocal8Bit(argv[i]);
    return list;
}

int runWindow(int argc, char** argv, const LaunchOptions& options) {
    QApplication app(argc, argv);
    const QString workspace =
        options.workspace.isEmpty() ? demoWorkspacePath(QCoreApplication::applicationDirPath()) : options.workspace;
    const bool headless = !options.screenshot.isEmpty();
    MainWindow window({options.cataloguePath, options.sweepPoints, !headless});
    if (!options.theme.isEmpty()) applyTheme(themeFromKey(options.theme), QApplication::style()->name());
    if (headless) scheduleScreenshot(window, options);
    else window.show();  // drawn first; the workspace opens and runs right after
    if (!workspace.isEmpty() && !window.openWorkspace(workspace) && headless) return 2;
    if (options.scenario) {
        try {
            window.setCurrentScenario(static_cast<int>(
                breakeven::appcore::scenarioIndex(window.document()->workspace(), *options.scenario)));
        } catch (const std::exception& e) {
            std::cerr << "breakeven: " << e.what() << '\n';
            if (headless) return 2;
        }
    }
    return QApplication::exec();
}
}  // namespace

int main(int argc, char** argv) {
    QCoreApplication::setOrganizationName(QStringLiteral("Breakeven"));
    QCoreApplication::setApplicationName(QStringLiteral("breakeven"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BREAKEVEN_VERSION));
    LaunchOptions options;
    try {
        options = parseLaunchOptions(argumentsOf(argc, argv));
    } catch (const std::invalid_argument& e) {
        std::cerr << "breakeven: " << e.what() << '\n';
        return 1;
    }
    if (options.help) {
        std::cout << usageText().toStdString();
        return 0;
    }
    if (options.version) {
        std::cout << "breakeven " << BREAKEVEN_VERSION << '\n';
        return 0;
    }
    if (!options.report.isEmpty() || !options.exportChart.isEmpty()) {
        // Charts are widgets and fonts need a GUI application; no window is shown.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && noDisplay()) qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        if (!options.report.isEmpty()) return runHeadlessReport(options, std::cerr);
        const QString workspace = options.workspace.isEmpty()
                                      ? demoWorkspacePath(QCoreApplication::applicationDirPath())
                                      : options.workspace;
        return runHeadlessChartExport(options, workspace, std::cerr);
    }
    if (options.headlessSummary || (options.screenshot.isEmpty() && noDisplay())) {
        QCoreApplication app(argc, argv);
        const QString workspace = options.workspace.isEmpty()
                                      ? demoWorkspacePath(QCoreApplication::applicationDirPath())
                                      : options.workspace;
        if (!options.headlessSummary)
            std::cerr << "breakeven: no display (set DISPLAY, or QT_QPA_PLATFORM=offscreen with --screenshot); "
                         "printing the results summary instead\n";
        if (workspace.isEmpty()) {
            std::cerr << "breakeven: no workspace given and no bundled demo found\n";
            return 2;
        }
        return printHeadlessSummary(options, workspace, std::cout, std::cerr);
    }
    return runWindow(argc, argv, options);
}
