#include "views/charts/TraceCharts.h"

#include <algorithm>
#include <cmath>

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

namespace breakeven::views {

namespace {
const QColor kInputColour(31, 119, 180), kOutputColour(255, 127, 14);  // as the cost curves

// At most this many points are drawn: beyond it a line is only ink.
constexpr std::size_t kMaxPoints = 1500;

QChartView* makeView(QChart* chart, QWidget* owner) {
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto* view = new QChartView(chart, owner);
    view->setRenderHint(QPainter::Antialiasing);
    auto* layout = new QVBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
    return view;
}

void applyPalette(const QPalette& pal, QChart* chart, QChartView* view) {
    const QColor text = pal.color(QPalette::Text), base = pal.color(QPalette::Base);
    QColor grid = text;
    grid.setAlpha(60);
    chart->setBackgroundBrush(base);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    view->setBackgroundBrush(base);
}

// A 1, 2 or 5 x 10^k step giving at most `ticks` intervals over `span`.
double niceStep(double span, int ticks) {
    const double raw = span / ticks;
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * decade >= raw) return m * decade;
    return 10.0 * decade;
}

// 0 to a round number just above `peak`, ticks on round values.
void setNiceRange(QValueAxis* axis, double peak) {
    const double step = niceStep(std::max(1.0, peak), 5);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setTickInterval(step);
    axis->setRange(0.0, std::max(step, std::ceil(peak * 1.05 / step) * step));
}

// Token bin k >= 1 starts at 2^(k-1): "1", "2", ..., "512", "1k", ..., "64k".
QString binLabel(std::size_t bin) {
    if (bin == 0) return QStringLiteral("0");
    const std::uint64_t low = std::uint64_t{1} << (bin - 1);
    if (low >= 1024 * 1024) return QStringLiteral("%1M").arg(low / (1024 * 1024));
    if (low >= 1024) return QStringLiteral("%1k").arg(low / 1024);
    return QString::number(low);
}
}  // namespace

ArrivalsChart::ArrivalsChart(QWidget* parent)
    : QWidget(parent), chart_(new QChart), series_(new QLineSeries), xAxis_(new QValueAxis), yAxis_(new QValueAxis) {
    chart_->setTitle(tr("Arrivals per minute"));
    chart_->legend()->hide();
    chart_->addSeries(series_);
    xAxis_->setLabelFormat(QStringLiteral("%.4g"));
    yAxis_->setTitleText(tr("Requests per minute"));
    yAxis_->setLabelFormat(QStringLiteral("%.5g"));
    chart_->addAxis(xAxis_, Qt::AlignBottom);
    chart_->addAxis(yAxis_, Qt::AlignLeft);
    series_->attachAxis(xAxis_);
    series_->attachAxis(yAxis_);
    series_->setPen(QPen(kInputColour, 1.5));
    view_ = makeView(chart_, this);
    applyPalette(palette(), chart_, view_);
    clear();
}

void ArrivalsChart::setArrivalsPerMinute(const std::vector<std::uint64_t>& perMinute) {
    bucketMinutes_ = static_cast<int>(std::max<std::size_t>(1, (perMinute.size() + kMaxPoints - 1) / kMaxPoints));
    // Hours on the axis once the trace is longer than a few hours.
    const bool hours = perMinute.size() > 6 * 60;
    const double unit = hours ? 60.0 : 1.0;
    QList<QPointF> points;
    double peak = 0.0;
    for (std::size_t start = 0; start < perMinute.size(); start += static_cast<std::size_t>(bucketMinutes_)) {
        const std::size_t end = std::min(perMinute.size(), start + static_cast<std::size_t>(bucketMinutes_));
        double sum = 0.0;
        for (std::size_t m = start; m < end; ++m) sum += static_cast<double>(perMinute[m]);
        const double mean = sum / static_cast<double>(end - start);
        // A step per bucket: the count holds for the whole bucket.
        points.append(QPointF(static_cast<double>(start) / unit, mean));
        points.append(QPointF(static_cast<double>(end) / unit, mean));
        peak = std::max(peak, mean);
    }
    series_->replace(points);
    // The axis ends with the data; ticks fall on round minutes or hours.
    const double span = std::max(1.0, static_cast<double>(perMinute.size())) / unit;
    xAxis_->setRange(0.0, span);
    xAxis_->setTickType(QValueAxis::TicksDynamic);
    xAxis_->setTickAnchor(0.0);
    xAxis_->setTickInterval(niceStep(span, 10));
    xAxis_->setTitleText(hours ? tr("Hours since the first arrival") : tr("Minutes since the first arrival"));
    setNiceRange(yAxis_, peak);
    chart_->setTitle(bucketMinutes_ == 1 ? tr("Arrivals per minute")
                                         : tr("Arrivals per minute (mean over %1-minute buckets)").arg(bucketMinutes_));
}

void ArrivalsChart::clear() {
    series_->clear();
    bucketMinutes_ = 1;
    // Whole ticks (0, 15, ..., 60 and 0, 1, ..., 4) rather than 0.33333 while empty.
    xAxis_->setTickType(QValueAxis::TicksFixed);
    yAxis_->setTickType(QValueAxis::TicksFixed);
    xAxis_->setRange(0.0, 60.0);
    yAxis_->setRange(0.0, 4.0);
    chart_->setTitle(tr("Arrivals per minute"));
    xAxis_->setTitleText(tr("Minutes since the first arrival"));
}

int ArrivalsChart::pointCount() const { return static_cast<int>(series_->count()); }

void ArrivalsChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) applyPalette(palette(), chart_, view_);
    QWidget::changeEvent(event);
}

TokenHistogramChart::TokenHistogramChart(QWidget* parent)
    : QWidget(parent), chart_(new QChart), series_(new QBarSeries), xAxis_(new QBarCategoryAxis),
      yAxis_(new QValueAxis) {
    chart_->setTitle(tr("Tokens per request"));
    chart_->addSeries(series_);
    xAxis_->setTitleText(tr("Tokens (bins start at powers of two)"));
    yAxis_->setTitleText(tr("Requests"));
    yAxis_->setLabelFormat(QStringLiteral("%.6g"));
    chart_->addAxis(xAxis_, Qt::AlignBottom);
    chart_->addAxis(yAxis_, Qt::AlignLeft);
    series_->attachAxis(xAxis_);
    series_->attachAxis(yAxis_);
    series_->setBarWidth(0.85);
    view_ = makeView(chart_, this);
    applyPalette(palette(), chart_, view_);
}

void TokenHistogramChart::setHistograms(const std::vector<std::uint64_t>& input,
                                        const std::vector<std::uint64_t>& output) {
    clear();
    bins_ = static_cast<int>(std::max(input.size(), output.size()));
    QStringList labels;
    for (int b = 0; b < bins_; ++b) labels << binLabel(static_cast<std::size_t>(b));
    xAxis_->setCategories(labels);
    double peak = 0.0;
    auto add = [&](const std::vector<std::uint64_t>& bins, const QString& name, const QColor& colour) {
        if (bins.empty()) return;
        auto* set = new QBarSet(name);
        set->setColor(colour);
        set->setBorderColor(colour);
        for (int b = 0; b < bins_; ++b) {
            const double n = static_cast<std::size_t>(b) < bins.size() ? static_cast<double>(bins[static_cast<std::size_t>(b)]) : 0.0;
            set->append(n);
            peak = std::max(peak, n);
        }
        series_->append(set);
    };
    add(input, tr("Input tokens"), kInputColour);
    add(output, tr("Output tokens"), kOutputColour);
    setNiceRange(yAxis_, peak);
}

void TokenHistogramChart::clear() {
    series_->clear();
    xAxis_->clear();
    bins_ = 0;
}

void TokenHistogramChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) applyPalette(palette(), chart_, view_);
    QWidget::changeEvent(event);
}

}  // namespace breakeven::views
