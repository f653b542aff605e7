#pragma once
// Exports: charts to SVG (vector) or PNG, tables to CSV (RFC 4180), results
// to JSON in the `simulate --json` schema, and the headless `breakeven
// --report` / `--export-chart` modes built on them and on report/.
#include <functional>
#include <iosfwd>
#include <string>

#include <QRectF>
#include <QSize>
#include <QString>

#include "app/core/PricedRun.h"
#include "app/gui/LaunchOptions.h"
#include "pricing/PriceSet.h"

QT_BEGIN_NAMESPACE
class QAbstractItemModel;
class QPainter;
class QWidget;
QT_END_NAMESPACE

namespace breakeven::gui {

using Drawing = std::function<void(QPainter&, const QRectF&)>;

// SVG when `path` ends in .svg, else PNG (white background). Throws
// std::runtime_error naming the file when it cannot be written.
void saveDrawing(const QString& path, QSize size, const QString& title, const Drawing& draw);
// A widget as it is drawn on screen (vector in SVG).
void saveWidget(QWidget& widget, const QString& path, const QString& title);

// Header and display text of every row, RFC 4180.
std::string modelCsv(const QAbstractItemModel& model);
void saveText(const QString& path, const std::string& text);  // throws naming the file

// Exactly what `breakeven-cli simulate --json` prints for the same run
// (without --timeline); `scenarioText` is hashed into scenarioSha256.
std::string resultsJson(const appcore::PricedSimulation& run, const pricing::PriceSet& prices,
                        const std::string& scenarioText);

// `breakeven --report WS --out FILE.pdf`; exit code 0, or 2 with the reason on `err`.
int runHeadlessReport(const LaunchOptions& options, std::ostream& err);
// `breakeven --export-chart VIEW --out FILE [WS]`.
int runHeadlessChartExport(const LaunchOptions& options, const QString& workspace, std::ostream& err);

}  // namespace breakeven::gui
