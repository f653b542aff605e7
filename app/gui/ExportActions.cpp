#include "app/gui/ExportActions.h"

#include <memory>
#include <stdexcept>

#include <QAction>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QLocale>
#include <QMessageBox>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

#include "app/core/CatalogueAccess.h"
#include "app/gui/AnalysisController.h"
#include "app/gui/Export.h"
#include "app/gui/MainWindow.h"
#include "app/gui/WorkspaceDocument.h"
#include "app/gui/report/ReportData.h"
#include "app/gui/report/ReportWriter.h"
#include "views/ResultsTableModel.h"
#include "views/charts/CostCurvesChart.h"

namespace breakeven::gui {

namespace {
using ReportPtr = std::shared_ptr<const report::ReportData>;

void tell(MainWindow& window, const ExportSettings& settings, bool ok, const QString& message) {
    window.statusBar()->showMessage(message, 10000);
    if (!ok && settings.interactive) QMessageBox::critical(&window, QObject::tr("Export"), message);
}

// Asks for a file, runs `write`, says how it went.
void withFile(MainWindow& window, const ExportSettings& settings, const QString& title, const QString& filter,
              const std::function<void(const QString&)>& write) {
    const QString path = QFileDialog::getSaveFileName(&window, title, {}, filter);
    if (path.isEmpty()) return;
    try {
        write(path);
        tell(window, settings, true, QObject::tr("Exported %1").arg(path));
    } catch (const std::exception& e) {
        tell(window, settings, false, QString::fromStdString(e.what()));
    }
}

QPageSize::PageSizeId localPageSize() {
    const auto territory = QLocale().territory();
    return territory == QLocale::UnitedStates || territory == QLocale::Canada || territory == QLocale::Mexico
               ? QPageSize::Letter
               : QPageSize::A4;
}
}  // namespace

void exportChart(MainWindow& window, const QString& path) {
    saveWidget(*window.costChart(), path, QObject::tr("Breakeven cost curves"));
}

void exportTable(MainWindow& window, const QString& path) { saveText(path, modelCsv(*window.resultsModel())); }

void exportResults(MainWindow& window, const QString& path, const std::string& cataloguePath) {
    const SimulationPtr& run = window.analysis()->lastSimulation();
    if (!run) throw std::runtime_error("no results yet: run the scenario first");
    const auto& workspace = window.document()->workspace();
    const auto index = static_cast<std::size_t>(window.currentScenario());
    const std::string text = index < workspace.scenarios.size() ? workspace.scenarios[index].json.dump() : std::string();
    saveText(path, resultsJson(*run, appcore::openCatalogue(cataloguePath).load(), text));
}

void exportReport(MainWindow& window, const QString& path, QPageSize::PageSizeId size, const ExportSettings& settings,
                  std::function<void(bool, const QString&)> done) {
    report::ReportRequest request;
    request.workspace = window.document()->workspace();
    request.source = window.document()->filePath().isEmpty() ? std::string("(unsaved workspace)")
                                                              : window.document()->filePath().toStdString();
    request.scenario = static_cast<std::size_t>(window.currentScenario());
    request.cataloguePath = settings.cataloguePath;
    request.sweepPoints = settings.sweepPoints;
    auto* watcher = new QFutureWatcher<ReportPtr>(&window);
    QObject::connect(watcher, &QFutureWatcher<ReportPtr>::finished, &window, [watcher, path, size, done] {
        watcher->deleteLater();
        try {
            const int pages = report::writeReport(*watcher->result(), path, size);
            done(true, QObject::tr("Wrote the report %1 (%2 pages)").arg(path).arg(pages));
        } catch (const std::exception& e) {
            done(false, QObject::tr("Report not written: %1").arg(QString::fromStdString(e.what())));
        }
    });
    watcher->setFuture(QtConcurrent::run([request = std::move(request)] {
        return ReportPtr(std::make_shared<const report::ReportData>(report::gatherReport(request)));
    }));
}

void connectExportActions(MainWindow& window, const ExportSettings& settings) {
    const MainActions& a = window.actions();
    MainWindow* w = &window;
    QObject::connect(a.exportChart, &QAction::triggered, w, [w, settings] {
        withFile(*w, settings, QObject::tr("Export chart"), QObject::tr("SVG (*.svg);;PNG image (*.png)"),
                 [w](const QString& path) { exportChart(*w, path); });
    });
    QObject::connect(a.exportTable, &QAction::triggered, w, [w, settings] {
        withFile(*w, settings, QObject::tr("Export table"), QObject::tr("CSV (*.csv)"),
                 [w](const QString& path) { exportTable(*w, path); });
    });
    QObject::connect(a.exportResults, &QAction::triggered, w, [w, settings] {
        withFile(*w, settings, QObject::tr("Export results"), QObject::tr("JSON (*.json)"),
                 [w, settings](const QString& path) { exportResults(*w, path, settings.cataloguePath); });
    });
    QObject::connect(a.exportReport, &QAction::triggered, w, [w, settings] {
        const QString path = QFileDialog::getSaveFileName(w, QObject::tr("Export report"), {}, QObject::tr("PDF (*.pdf)"));
        if (path.isEmpty()) return;
        w->statusBar()->showMessage(QObject::tr("Writing the report (simulation and traffic sweep)…"));
        exportReport(*w, path, localPageSize(), settings,
                     [w, settings](bool ok, const QString& message) { tell(*w, settings, ok, message); });
    });
    for (QAction* action : {a.exportChart, a.exportTable, a.exportResults, a.exportReport}) action->setEnabled(true);
}

}  // namespace breakeven::gui
