#include "app/gui/HeadlessModes.h"

#include <memory>
#include <ostream>

#include <QCoreApplication>
#include <QImage>
#include <QPixmap>
#include <QTimer>
#include <fmt/format.h>

#include "app/core/PricedRun.h"
#include "app/core/WorkspaceInput.h"
#include "app/gui/AnalysisController.h"
#include "app/gui/LaunchOptions.h"
#include "app/gui/MainWindow.h"
#include "views/ResultRows.h"

namespace breakeven::gui {

int printHeadlessSummary(const LaunchOptions& options, const QString& workspace, std::ostream& out,
                         std::ostream& err) {
    try {
        const Workspace ws = appcore::openWorkspaceOrScenario(workspace.toStdString());
        if (ws.scenarios.empty()) {
            err << "breakeven: " << workspace.toStdString() << ": the workspace has no scenarios\n";
            return 2;
        }
        const std::size_t index = options.scenario ? appcore::scenarioIndex(ws, *options.scenario) : 0;
        const Scenario& scenario = ws.scenarios[index].scenario;
        const pricing::PriceSet prices = appcore::openCatalogue(options.cataloguePath).load();
        const auto run = appcore::simulateAndPrice(scenario, ws.path.empty() ? workspace.toStdString() : ws.path,
                                                   prices, pricing::PricingOptions{});
        out << fmt::format("Scenario \"{}\" of {}: {} arrivals over {:.0f} s\n\n", scenario.name,
                           workspace.toStdString(), run.result.arrivals, run.result.windowSeconds);
        out << views::formatResultRows(views::resultRows(run.scenario, run.result, run.costs));
        out << fmt::format("\n* cheapest alternative meeting the scenario's SLOs. Prices: catalogue snapshot {} as "
                           "of {}; $/month scales the simulated usage to a 730-hour month.\n",
                           prices.snapshotId, prices.asOf);
        return 0;
    } catch (const std::exception& e) {
        err << "breakeven: " << e.what() << '\n';
        return 2;
    }
}

void scheduleScreenshot(MainWindow& window, const LaunchOptions& options) {
    window.resize(options.size);
    window.show();
    // viewKeys() lists MainWindow::View in declaration order.
    const auto view = static_cast<MainWindow::View>(viewKeys().indexOf(options.view));
    if (!window.showView(view)) {
        fprintf(stderr, "breakeven: --view %s: this window has no such view\n", qPrintable(options.view));
        QTimer::singleShot(0, &window, [] { QCoreApplication::exit(2); });
        return;
    }
    auto taken = std::make_shared<bool>(false);
    auto grab = [&window, path = options.screenshot, taken](bool ok) {
        if (*taken) return;
        *taken = true;
        // One more turn of the event loop so the last streamed point is laid out.
        QTimer::singleShot(50, &window, [&window, path, ok] {
            const QImage image = window.grab().toImage();
            const bool saved = image.save(path, "PNG");
            if (!saved) fprintf(stderr, "breakeven: cannot write %s\n", qPrintable(path));
            QCoreApplication::exit(saved && ok ? 0 : 2);
        });
    };
    QObject::connect(window.analysis(), &AnalysisController::runFinished, &window, grab);
    // Checked once the event loop runs, i.e. after the workspace was opened
    // and its run started: an empty workspace has nothing to wait for.
    QTimer::singleShot(0, &window, [&window, grab] {
        if (!window.analysis()->isRunning()) grab(true);
    });
    QTimer::singleShot(options.timeoutSeconds * 1000, &window, [] {
        fprintf(stderr, "breakeven: --screenshot: the runs did not finish in time\n");
        QCoreApplication::exit(3);
    });
}

}  // namespace breakeven::gui
