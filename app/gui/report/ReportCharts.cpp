#include "app/gui/report/ReportCharts.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <QApplication>
#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QPainterPath>
#include <QPicture>

#include "app/gui/report/ReportData.h"
#include "views/ColdStartViewData.h"
#include "views/TimelineViewData.h"
#include "views/charts/ColdStartCharts.h"
#include "views/charts/CostCurvesChart.h"
#include "views/charts/TimelineChart.h"

namespace breakeven::report {

namespace {

QColor seriesColor(std::size_t i) {
    static const QColor colors[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                    QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                                    QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                                    QColor(23, 190, 207)};
    return colors[i % (sizeof colors / sizeof colors[0])];
}

QFont chartFont(double points, bool bold = false) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

struct Axis {
    QString title;
    double lo = 0.0, hi = 1.0;
    bool log = false;
    [[nodiscard]] double fraction(double v) const {
        if (log) return (std::log10(std::max(v, lo)) - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
        return (v - lo) / (hi - lo);
    }
    [[nodiscard]] std::vector<double> ticks() const {
        std::vector<double> out;
        if (log) {
            for (double t = std::pow(10.0, std::floor(std::log10(lo))); t <= hi * 1.0001; t *= 10.0)
                if (t >= lo * 0.9999) out.push_back(t);
            return out;
        }
        const double raw = (hi - lo) / 5.0;
        const double mag = std::pow(10.0, std::floor(std::log10(raw)));
        const double step = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
        for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-6; t += step) out.push_back(t);
        return out;
    }
};

struct Series {
    QString name;
    QColor color;
    std::vector<QPointF> points;
    Qt::PenStyle style = Qt::SolidLine;  // overlapping curves stay apart
};

Qt::PenStyle seriesStyle(std::size_t i) {
    static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::SolidLine, Qt::DotLine, Qt::DashDotLine};
    return styles[i % 5];
}

double unit(const QPainter& p) { return p.device()->logicalDpiY() / 72.0; }

// Legend rows under the plot: as many columns as fit.
double legendHeight(const QPainter& p, const QRectF& box, const std::vector<Series>& series, int& columns) {
    const double u = unit(p);
    const QFontMetricsF fm(chartFont(7.5), p.device());
    double widest = 0.0;
    for (const auto& s : series) widest = std::max(widest, fm.horizontalAdvance(s.name) + 22 * u);
    columns = std::max(1, static_cast<int>(box.width() / std::max(widest, 1.0)));
    const auto rows = (static_cast<int>(series.size()) + columns - 1) / columns;
    return rows * fm.height() * 1.25;
}

void drawLegend(QPainter& p, const QRectF& area, const std::vector<Series>& series, int columns) {
    const double u = unit(p);
    p.setFont(chartFont(7.5));
    const QFontMetricsF fm(p.font(), p.device());
    const double cell = area.width() / columns, row = fm.height() * 1.25;
    for (std::size_t i = 0; i < series.size(); ++i) {
        const double x = area.left() + cell * static_cast<double>(i % static_cast<std::size_t>(columns));
        const double y = area.top() + row * static_cast<double>(i / static_cast<std::size_t>(columns));
        QPen pen(series[i].color, 1.6 * u);
        pen.setStyle(series[i].style);
        p.setPen(pen);
        p.drawLine(QPointF(x, y + row / 2), QPointF(x + 14 * u, y + row / 2));
        p.setPen(Qt::black);
        p.drawText(QRectF(x + 18 * u, y, cell - 20 * u, row), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(series[i].name, Qt::ElideRight, cell - 20 * u));
    }
}

QString tickLabel(double v) { return QString::number(v, 'g', 4); }

// Axes, grid, title and legend; returns the plot rectangle.
QRectF frame(QPainter& p, const QRectF& box, const QString& title, const Axis& x, const Axis& y,
             const std::vector<Series>& series) {
    const double u = unit(p);
    int columns = 1;
    const double legend = legendHeight(p, box, series, columns);
    const QFontMetricsF fm(chartFont(7.5), p.device());
    const QRectF plot(box.left() + 48 * u, box.top() + 18 * u, box.width() - 58 * u,
                      box.height() - 18 * u - 30 * u - legend);
    p.setFont(chartFont(9.0, true));
    p.setPen(Qt::black);
    p.drawText(QRectF(box.left(), box.top(), box.width(), 16 * u), Qt::AlignLeft | Qt::AlignVCenter, title);
    p.setFont(chartFont(7.5));
    for (double t : x.ticks()) {
        const double px = plot.left() + x.fraction(t) * plot.width();
        p.setPen(QPen(QColor(225, 225, 225), 0.5 * u));
        p.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
        p.setPen(Qt::black);
        p.drawText(QRectF(px - 30 * u, plot.bottom() + 2 * u, 60 * u, fm.height()), Qt::AlignCenter, tickLabel(t));
    }
    for (double t : y.ticks()) {
        const double py = plot.bottom() - y.fraction(t) * plot.height();
        p.setPen(QPen(QColor(225, 225, 225), 0.5 * u));
        p.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py));
        p.setPen(Qt::black);
        p.drawText(QRectF(plot.left() - 46 * u, py - fm.height() / 2, 43 * u, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, tickLabel(t));
    }
    p.setPen(QPen(Qt::black, 0.7 * u));
    p.drawRect(plot);
    p.drawText(QRectF(plot.left(), plot.bottom() + 2 * u + fm.height(), plot.width(), fm.height() + 2 * u),
               Qt::AlignCenter, x.title);
    p.save();
    p.translate(box.left() + fm.height() * 0.2, plot.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-plot.height() / 2, 0, plot.height(), fm.height()), Qt::AlignCenter, y.title);
    p.restore();
    drawLegend(p, QRectF(box.left() + 20 * u, box.bottom() - legend, box.width() - 20 * u, legend), series, columns);
    return plot;
}

void plotLines(QPainter& p, const QRectF& plot, const Axis& x, const Axis& y, const std::vector<Series>& series) {
    p.save();
    p.setClipRect(plot);
    for (const auto& s : series) {
        QPainterPath path;
        for (std::size_t i = 0; i < s.points.size(); ++i) {
            const QPointF at(plot.left() + x.fraction(s.points[i].x()) * plot.width(),
                             plot.bottom() - y.fraction(s.points[i].y()) * plot.height());
            if (i == 0) path.moveTo(at);
            else path.lineTo(at);
        }
        QPen pen(s.color, 1.4 * unit(p));
        pen.setStyle(s.style);
        p.setPen(pen);
        p.drawPath(path);
    }
    p.restore();
}

}  // namespace

void drawWidget(QPainter& p, const QRectF& box, QWidget& widget) {
    // Recorded at screen resolution first: a chart lays its legend out for
    // the device it paints on, and a 300 dpi PDF clips all but its first entry.
    QPicture picture;
    QPainter recorder(&picture);
    widget.render(&recorder, QPoint(), QRegion(), QWidget::DrawChildren);
    recorder.end();
    p.save();
    p.translate(box.topLeft());
    p.scale(box.width() / widget.width(), box.height() / widget.height());
    // drawPicture scales by the device's resolution over the picture's: undo it.
    const double dpi = static_cast<double>(picture.logicalDpiX()) / p.device()->logicalDpiX();
    p.scale(dpi, dpi);
    p.drawPicture(0, 0, picture);
    p.restore();
}

namespace {
// A view widget at a screen-like width with the page box's proportions,
// laid out as if shown.
void prepareView(QWidget& widget, const QRectF& box, int logicalWidth) {
    widget.setAttribute(Qt::WA_DontShowOnScreen);
    widget.resize(logicalWidth, static_cast<int>(logicalWidth * box.height() / box.width()));
    widget.show();
    // Charts lay their legends out in posted layout requests: let them run.
    for (int i = 0; i < 4; ++i) {
        QApplication::sendPostedEvents();
        QApplication::processEvents();
    }
}

std::size_t featured(const ReportData& d) { return d.recommendation.winner.value_or(0); }
}  // namespace

void drawColdStartView(QPainter& p, const QRectF& box, const ReportData& d) {
    views::ColdStartCharts view;
    view.setData(views::coldStartViewData(d.run.scenario, d.run.result, d.run.costs, &d.coldStart));
    view.setStatus({});
    const auto& cdfs = view.data().cdfs;
    for (std::size_t i = 0; i < cdfs.size(); ++i)
        if (cdfs[i].index == featured(d)) view.setCdfDeployment(static_cast<int>(i));
    prepareView(view, box, 1100);
    drawWidget(p, box, view);
}

void drawTimelineView(QPainter& p, const QRectF& box, const ReportData& d, bool busy) {
    views::TimelineChart view;
    view.setData(views::timelineViewData(d.run.result));
    view.setStatus({});
    const auto& series = view.data().deployments;
    int chosen = series.empty() ? -1 : 0;
    for (std::size_t i = 0; i < series.size(); ++i)
        if (series[i].index == featured(d)) chosen = static_cast<int>(i);
    view.setDeployment(chosen);
    prepareView(view, box, 900);
    if (chosen >= 0) {
        const auto& arrivals = series[static_cast<std::size_t>(chosen)].arrivalsPerMinute;
        const std::size_t span = representativeSpanMinutes(arrivals.size());
        const std::size_t start = representativeHourStart(arrivals, busy);
        // zoomTime keeps the point under `centre` in place (a wheel zoom):
        // pick the point that puts the span's start at the left edge.
        const auto [lo, hi] = view.visibleMinutes();
        const double width = static_cast<double>(span);
        if (span > 0 && width < hi - lo)
            view.zoomTime((hi - lo) / width, lo + (static_cast<double>(start) - lo) / (1.0 - width / (hi - lo)));
        QApplication::sendPostedEvents();
    }
    drawWidget(p, box, view);
}

void drawCostCurves(QPainter& p, const QRectF& box, const ReportData& d) {
    // The app's own chart at a screen-like size, scaled onto the page: same
    // code, same labels, vector output.
    views::CostCurvesChart chart;
    prepareView(chart, box, 900);
    std::vector<std::string> names;
    for (const auto& a : d.sweep.result.alternatives) names.push_back(a.name);
    chart.reset(names);
    chart.setCurrentRate(d.run.result.windowSeconds > 0
                             ? static_cast<double>(d.run.result.arrivals) / d.run.result.windowSeconds
                             : 0.0);
    for (const auto& point : d.sweep.result.points) chart.addPoint(point);
    chart.setCrossovers(d.sweep.result.crossovers);
    chart.setStatus({});
    prepareView(chart, box, 900);
    drawWidget(p, box, chart);
}

void drawLatencyCdf(QPainter& p, const QRectF& box, const ReportData& d, bool ttft) {
    std::vector<Series> series;
    double lo = 1e9, hi = 0.0;
    for (std::size_t i = 0; i < d.run.result.deployments.size(); ++i) {
        const auto& dep = d.run.result.deployments[i];
        const LatencyHistogram* h = ttft ? (dep.llm ? &dep.llm->ttft : nullptr) : &dep.latency;
        if (h == nullptr || h->count() == 0) continue;
        Series s{QString::fromStdString(dep.name), seriesColor(i), {}, seriesStyle(i)};
        for (int k = 1; k <= 200; ++k) {
            const double q = std::min(0.9995, k / 200.0);
            const double v = std::max(h->quantileSeconds(q), 1e-4);
            s.points.emplace_back(v, q);
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        series.push_back(std::move(s));
    }
    if (series.empty()) return;
    const Axis x{ttft ? QStringLiteral("time to first token (s), log scale") : QStringLiteral("latency (s), log scale"),
                 std::pow(10.0, std::floor(std::log10(lo))), std::pow(10.0, std::ceil(std::log10(hi * 1.01))), true};
    const Axis y{QStringLiteral("fraction of served requests"), 0.0, 1.0, false};
    const QString title = ttft ? QStringLiteral("Time to first token: cumulative distribution (LLM alternatives)")
                               : QStringLiteral("Latency of served requests: cumulative distribution");
    const QRectF plot = frame(p, box, title, x, y, series);
    plotLines(p, plot, x, y, series);
}

std::size_t representativeSpanMinutes(std::size_t windowMinutes) {
    return windowMinutes >= 120 ? 60 : std::max<std::size_t>(std::min<std::size_t>(windowMinutes, 5), windowMinutes / 4);
}

std::size_t representativeHourStart(const std::vector<double>& arrivals, bool busy) {
    const std::size_t span = representativeSpanMinutes(arrivals.size());
    if (arrivals.size() <= span) return 0;
    double sum = 0.0;
    for (std::size_t i = 0; i < span; ++i) sum += arrivals[i];
    double best = sum;
    std::size_t at = 0;
    for (std::size_t i = span; i < arrivals.size(); ++i) {
        sum += arrivals[i] - arrivals[i - span];
        if (busy ? sum > best : sum < best) best = sum, at = i + 1 - span;
    }
    return at;
}

}  // namespace breakeven::report
