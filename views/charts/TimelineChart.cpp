#include "views/charts/TimelineChart.h"

#include <algorithm>
#include <cmath>

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QPushButton>
#include <QValueAxis>
#include <QVBoxLayout>
#include <QWheelEvent>

#include "views/charts/ColdStartStyle.h"

namespace breakeven::views {

namespace {
constexpr double kMinSpanMinutes = 5.0;

// Rubber band from QChartView; wheel, keys and right-click added here.
class ZoomView : public QChartView {
public:
    ZoomView(QChart* chart, TimelineChart* owner) : QChartView(chart, owner), owner_(owner) {
        setRubberBand(QChartView::HorizontalRubberBand);
        setFocusPolicy(Qt::StrongFocus);
        setRenderHint(QPainter::Antialiasing);
    }

protected:
    void wheelEvent(QWheelEvent* event) override {
        const QRectF plot = chart()->plotArea();
        const QPointF at = chart()->mapFromScene(mapToScene(event->position().toPoint()));
        const auto [lo, hi] = owner_->visibleMinutes();
        const double fraction = plot.width() > 0.0 ? std::clamp((at.x() - plot.left()) / plot.width(), 0.0, 1.0) : 0.5;
        const double steps = event->angleDelta().y() / 120.0;
        if (steps != 0.0) owner_->zoomTime(std::pow(1.25, steps), lo + fraction * (hi - lo));
        event->accept();
    }
    void keyPressEvent(QKeyEvent* event) override {
        const auto [lo, hi] = owner_->visibleMinutes();
        const double centre = 0.5 * (lo + hi);
        switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal: owner_->zoomTime(1.5, centre); break;
        case Qt::Key_Minus: owner_->zoomTime(1.0 / 1.5, centre); break;
        case Qt::Key_Left: chart()->scroll(-chart()->plotArea().width() / 5.0, 0.0); break;
        case Qt::Key_Right: chart()->scroll(chart()->plotArea().width() / 5.0, 0.0); break;
        case Qt::Key_0:
        case Qt::Key_Escape:
        case Qt::Key_Home: owner_->resetZoom(); break;
        default: QChartView::keyPressEvent(event); return;
        }
        event->accept();
    }
    void mouseReleaseEvent(QMouseEvent* event) override {
        if (event->button() == Qt::RightButton) {  // QChartView would zoom out one step
            owner_->resetZoom();
            event->accept();
            return;
        }
        QChartView::mouseReleaseEvent(event);
    }

private:
    TimelineChart* owner_;
};

QLineSeries* line(const QString& name, const QColor& colour, double width, Qt::PenStyle style,
                  const std::vector<double>& values) {
    auto* s = new QLineSeries;
    s->setName(name);
    s->setPen(QPen(colour, width, style));
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(values.size()));
    // Each value covers its minute: drawn at the minute's middle.
    for (std::size_t i = 0; i < values.size(); ++i) points.append({static_cast<double>(i) + 0.5, values[i]});
    s->replace(points);
    return s;
}
}  // namespace

QString TimelineChart::timeLabel(double minutes) {
    const auto total = static_cast<long long>(std::llround(minutes));
    const long long days = total / 1440, hours = (total % 1440) / 60, mins = total % 60;
    if (days > 0)
        return QStringLiteral("%1d %2:%3").arg(days).arg(hours, 2, 10, QLatin1Char('0')).arg(mins, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(hours).arg(mins, 2, 10, QLatin1Char('0'));
}

TimelineChart::TimelineChart(QWidget* parent) : QWidget(parent) {
    chart_ = new QChart;
    chartstyle::makeCompact(chart_, tr("Timeline"));
    chart_->legend()->setAlignment(Qt::AlignBottom);
    time_ = new QCategoryAxis;
    time_->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    time_->setTitleText(tr("Time since the start (h:mm)"));
    instances_ = new QValueAxis;
    instances_->setTitleText(tr("Instances / queued requests (minute mean)"));
    instances_->setLabelFormat(QStringLiteral("%.3g"));
    arrivals_ = new QValueAxis;
    arrivals_->setTitleText(tr("Arrivals per minute"));
    arrivals_->setLabelFormat(QStringLiteral("%.0f"));
    chart_->addAxis(time_, Qt::AlignBottom);
    chart_->addAxis(instances_, Qt::AlignLeft);
    chart_->addAxis(arrivals_, Qt::AlignRight);
    connect(time_, &QValueAxis::rangeChanged, this, [this] { relabelTime(); });
    view_ = new ZoomView(chart_, this);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    picker_ = new QComboBox(this);
    picker_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(picker_, &QComboBox::activated, this, &TimelineChart::setDeployment);
    resetButton_ = new QPushButton(tr("Reset zoom"), this);
    connect(resetButton_, &QPushButton::clicked, this, &TimelineChart::resetZoom);
    auto* hint = new QLabel(tr("Drag to zoom into a time range · wheel or +/− to zoom · ←/→ to pan · "
                               "0, Esc or right-click to reset"), this);
    hint->setEnabled(false);  // secondary text
    auto* top = new QHBoxLayout;
    top->setContentsMargins(8, 4, 8, 0);
    top->addWidget(new QLabel(tr("Deployment:"), this));
    top->addWidget(picker_);
    top->addWidget(resetButton_);
    top->addSpacing(12);
    top->addWidget(hint, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    auto* statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(8, 0, 8, 0);
    statusRow->addWidget(status_);
    layout->addLayout(statusRow);
    layout->addWidget(view_, 1);
    setData({});
}

TimelineChart::~TimelineChart() = default;

void TimelineChart::setData(const TimelineViewData& data) {
    const std::string previous =
        deployment_ >= 0 ? data_.deployments[static_cast<std::size_t>(deployment_)].deployment : std::string();
    data_ = data;
    picker_->clear();
    for (const auto& d : data_.deployments) picker_->addItem(QString::fromStdString(d.deployment));
    picker_->setEnabled(!data_.deployments.empty());
    // Keep the deployment picked before (an edit re-runs the same scenario);
    // else the first one that ran any instance (an all-rejected one is flat).
    int pick = -1;
    for (std::size_t i = 0; i < data_.deployments.size() && pick < 0; ++i)
        if (data_.deployments[i].deployment == previous) pick = static_cast<int>(i);
    for (std::size_t i = 0; i < data_.deployments.size() && pick < 0; ++i)
        if (peak(data_.deployments[i].aliveInstances) > 0.0) pick = static_cast<int>(i);
    setDeployment(pick < 0 && !data_.deployments.empty() ? 0 : pick);
}

void TimelineChart::setDeployment(int index) {
    deployment_ = (index >= 0 && index < static_cast<int>(data_.deployments.size())) ? index : -1;
    if (picker_->currentIndex() != deployment_) picker_->setCurrentIndex(deployment_);
    rebuild();
}

void TimelineChart::setStatus(const QString& text) { status_->setText(text); }

void TimelineChart::rebuild() {
    chart_->removeAllSeries();
    minutes_ = 0.0;
    if (deployment_ < 0) {
        chart_->setTitle(tr("Timeline"));
        resetZoom();
        return;
    }
    const TimelineSeries& d = data_.deployments[static_cast<std::size_t>(deployment_)];
    chart_->setTitle(tr("Arrivals, instances and queue over time — %1").arg(QString::fromStdString(d.deployment)));
    minutes_ = static_cast<double>(d.minutes());
    QColor arrivalsColour(148, 103, 189);
    arrivalsColour.setAlpha(170);
    QLineSeries* series[] = {
        line(tr("Arrivals per minute (right axis)"), arrivalsColour, 1.2, Qt::SolidLine, d.arrivalsPerMinute),
        line(tr("Alive instances"), QColor(31, 119, 180), 2.0, Qt::SolidLine, d.aliveInstances),
        line(tr("Busy instances"), QColor(44, 160, 44), 2.0, Qt::SolidLine, d.busyInstances),
        line(tr("Queue length"), QColor(214, 39, 40), 1.6, Qt::DashLine, d.queueLength)};
    for (std::size_t i = 0; i < std::size(series); ++i) {
        chart_->addSeries(series[i]);
        series[i]->attachAxis(time_);
        series[i]->attachAxis(i == 0 ? arrivals_ : instances_);
    }
    if (minutes_ == 0.0)
        setStatus(tr("No per-minute series for %1: the simulation ran without a timeline.")
                      .arg(QString::fromStdString(d.deployment)));
    else
        setStatus(tr("%1: %L2 arrivals over %3 (h:mm), peak %L4 per minute; alive instances peak %5, "
                     "busy peak %6, longest queue %7 (minute means).")
                      .arg(QString::fromStdString(d.deployment))
                      .arg(totalArrivals(d), 0, 'f', 0)
                      .arg(timeLabel(minutes_))
                      .arg(peak(d.arrivalsPerMinute), 0, 'f', 0)
                      .arg(peak(d.aliveInstances), 0, 'f', 1)
                      .arg(peak(d.busyInstances), 0, 'f', 1)
                      .arg(peak(d.queueLength), 0, 'f', 1));
    resetZoom();
}

void TimelineChart::resetZoom() {
    double instances = 1.0, arrivals = 1.0;
    if (deployment_ >= 0) {
        const TimelineSeries& d = data_.deployments[static_cast<std::size_t>(deployment_)];
        instances = std::max({instances, peak(d.aliveInstances), peak(d.busyInstances), peak(d.queueLength)});
        arrivals = std::max(arrivals, peak(d.arrivalsPerMinute));
    }
    instances_->setRange(0.0, instances * 1.05);
    instances_->applyNiceNumbers();
    arrivals_->setRange(0.0, arrivals * 1.05);
    arrivals_->applyNiceNumbers();
    time_->setRange(0.0, std::max(minutes_, 1.0));
    relabelTime();
    applyPalette();
}

void TimelineChart::zoomTime(double factor, double centreMinutes) {
    const auto [lo, hi] = visibleMinutes();
    const double full = std::max(minutes_, 1.0);
    const double span = std::clamp((hi - lo) / factor, std::min(kMinSpanMinutes, full), full);
    double from = centreMinutes - (centreMinutes - lo) * span / (hi - lo);
    from = std::clamp(from, 0.0, full - span);  // the view stays inside the data
    time_->setRange(from, from + span);
}

std::pair<double, double> TimelineChart::visibleMinutes() const { return {time_->min(), time_->max()}; }

void TimelineChart::relabelTime() {
    if (relabelling_) return;
    relabelling_ = true;
    const double lo = time_->min(), hi = time_->max();
    static const double steps[] = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080};
    double step = steps[std::size(steps) - 1];
    for (double s : steps)
        if ((hi - lo) / s <= 8.0) {
            step = s;
            break;
        }
    for (const QString& label : time_->categoriesLabels()) time_->remove(label);
    time_->setStartValue(lo);
    for (double t = std::ceil(lo / step) * step; t <= hi + 1e-9; t += step) time_->append(timeLabel(t), t);
    relabelling_ = false;
}

void TimelineChart::applyPalette() {
    chartstyle::applyPalette(chart_, palette());
    view_->setBackgroundBrush(palette().color(QPalette::Base));
}

void TimelineChart::renderTo(QPainter* painter, const QRectF& target) {
    chartstyle::renderWidget(*this, painter, target);
}

void TimelineChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) applyPalette();
    QWidget::changeEvent(event);
}

}  // namespace breakeven::views
