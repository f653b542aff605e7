#pragma once
// File ▸ Export Report… and File ▸ Export ▸ Chart / Table / Results of the
// main window. Each export has a dialog-free function (tests, scripts) and
// an action that asks for the file first.
#include <functional>
#include <string>

#include <QPageSize>
#include <QString>

namespace breakeven::gui {

class MainWindow;

struct ExportSettings {
    std::string cataloguePath;  // as the window's runs
    int sweepPoints = 24;
    bool interactive = true;
};

// Connects and enables the export actions of `window`.
void connectExportActions(MainWindow& window, const ExportSettings& settings);

// The visible chart (the cost curves) as SVG or PNG by suffix.
void exportChart(MainWindow& window, const QString& path);
// The results table as CSV.
void exportTable(MainWindow& window, const QString& path);
// The last run as `simulate --json`; throws when there is none yet.
void exportResults(MainWindow& window, const QString& path, const std::string& cataloguePath);
// Gathers the report off the UI thread, then writes it; `done(ok, message)`
// is called on the UI thread.
void exportReport(MainWindow& window, const QString& path, QPageSize::PageSizeId size, const ExportSettings& settings,
                  std::function<void(bool, const QString&)> done);

}  // namespace breakeven::gui
