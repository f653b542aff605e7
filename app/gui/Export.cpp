#include "app/gui/Export.h"

#include <ostream>
#include <stdexcept>

#include <QAbstractItemModel>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>
#include <QWidget>

#include "app/core/CsvWriter.h"
#include "app/core/WorkspaceInput.h"
#include "app/gui/report/ReportCharts.h"
#include "app/gui/report/ReportData.h"
#include "app/gui/report/ReportWriter.h"
#include "model/core/Sha256.h"
#include "model/io/ResultJson.h"
#include "pricing/ResultPricing.h"

namespace breakeven::gui {

namespace {
std::string fileError(const QString& path, const QString& why) {
    return (QStringLiteral("cannot write %1: %2").arg(path, why)).toStdString();
}

report::ReportRequest requestFor(const LaunchOptions& options, const QString& workspace) {
    report::ReportRequest request;
    request.workspace = appcore::openWorkspaceOrScenario(workspace.toStdString());
    request.source = request.workspace.path.empty() ? workspace.toStdString() : request.workspace.path;
    if (request.workspace.scenarios.empty())
        throw std::runtime_error(request.source + ": the workspace has no scenarios");
    if (options.scenario) request.scenario = appcore::scenarioIndex(request.workspace, *options.scenario);
    request.cataloguePath = options.cataloguePath;
    request.sweepPoints = options.sweepPoints;
    return request;
}
}  // namespace

void saveDrawing(const QString& path, QSize size, const QString& title, const Drawing& draw) {
    const QRectF box(0, 0, size.width(), size.height());
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(box);
        svg.setTitle(title);
        svg.setDescription(QStringLiteral("Breakeven %1").arg(QStringLiteral(BREAKEVEN_VERSION)));
        QPainter p;
        if (!p.begin(&svg)) throw std::runtime_error(fileError(path, QStringLiteral("cannot open the file")));
        p.fillRect(box, Qt::white);
        draw(p, box);
        p.end();
        if (!QFile::exists(path)) throw std::runtime_error(fileError(path, QStringLiteral("nothing was written")));
        return;
    }
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        draw(p, box);
    }
    if (!image.save(path, "PNG")) throw std::runtime_error(fileError(path, QStringLiteral("cannot save the PNG")));
}

void saveWidget(QWidget& widget, const QString& path, const QString& title) {
    saveDrawing(path, widget.size(), title,
                [&widget](QPainter& p, const QRectF& box) { report::drawWidget(p, box, widget); });
}

std::string modelCsv(const QAbstractItemModel& model) {
    std::vector<std::string> header;
    for (int c = 0; c < model.columnCount(); ++c)
        header.push_back(model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString().toStdString());
    std::string out = appcore::csvRecord(header);
    for (int r = 0; r < model.rowCount(); ++r) {
        std::vector<std::string> row;
        for (int c = 0; c < model.columnCount(); ++c)
            row.push_back(model.index(r, c).data(Qt::DisplayRole).toString().toStdString());
        out += appcore::csvRecord(row);
    }
    return out;
}

void saveText(const QString& path, const std::string& text) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) throw std::runtime_error(fileError(path, file.errorString()));
    if (file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()))
        throw std::runtime_error(fileError(path, file.errorString()));
}

std::string resultsJson(const appcore::PricedSimulation& run, const pricing::PriceSet& prices,
                        const std::string& scenarioText) {
    ScenarioResult result = run.result;
    result.scenarioSha256 = Sha256::hex(scenarioText);
    auto json = resultToJson(result, false);
    pricing::attachCosts(json, run.costs, prices);
    return json.dump(2) + '\n';
}

int runHeadlessReport(const LaunchOptions& options, std::ostream& err) {
    try {
        const report::ReportData data = report::gatherReport(requestFor(options, options.report));
        const auto size = options.pageSize == QLatin1String("Letter") ? QPageSize::Letter : QPageSize::A4;
        const int pages = report::writeReport(data, options.out, size);
        err << "breakeven: wrote " << options.out.toStdString() << " (" << pages << " pages)\n";
        return 0;
    } catch (const std::exception& e) {
        err << "breakeven: --report: " << e.what() << '\n';
        return 2;
    }
}

int runHeadlessChartExport(const LaunchOptions& options, const QString& workspace, std::ostream& err) {
    try {
        const report::ReportData data = report::gatherReport(requestFor(options, workspace));
        const QSize size = options.sizeGiven ? options.size : QSize(1200, 750);
        const QString& view = options.exportChart;
        Drawing draw;
        if (view == QLatin1String("cost")) draw = [&data](QPainter& p, const QRectF& b) { report::drawCostCurves(p, b, data); };
        else if (view == QLatin1String("coldstart")) draw = [&data](QPainter& p, const QRectF& b) { report::drawColdStartView(p, b, data); };
        else draw = [&data](QPainter& p, const QRectF& b) { report::drawTimelineView(p, b, data, true); };
        saveDrawing(options.out, size, QStringLiteral("Breakeven %1 chart — %2").arg(view, QString::fromStdString(data.scenarioName)),
                    [&draw](QPainter& p, const QRectF& b) { draw(p, b.adjusted(8, 8, -8, -8)); });
        return 0;
    } catch (const std::exception& e) {
        err << "breakeven: --export-chart: " << e.what() << '\n';
        return 2;
    }
}

}  // namespace breakeven::gui
