#include "views/charts/CostCurvesChart.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QEvent>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

namespace breakeven::views {

namespace {
// Distinct on light and dark backgrounds (Tableau 10).
const QColor kColours[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                           QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                           QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                           QColor(23, 190, 207)};

QColor colourAt(std::size_t i) { return kColours[i % std::size(kColours)]; }

QString usd(double v) {
    return v >= 1000.0 ? QStringLiteral("$%L1").arg(v, 0, 'f', 0) : QStringLiteral("$%1").arg(v, 0, 'f', 2);
}

QString rate(double v) { return QStringLiteral("%1 req/s").arg(v, 0, 'g', 3); }

// The data with a margin; log axes label only powers of ten, so widen to
// whole decades when fewer than two powers of ten would be in view.
std::pair<double, double> logRange(double lo, double hi) {
    lo /= 1.3, hi *= 1.3;
    if (std::floor(std::log10(hi)) - std::ceil(std::log10(lo)) >= 1.0) return {lo, hi};
    return {std::pow(10.0, std::floor(std::log10(lo))), std::pow(10.0, std::ceil(std::log10(hi)))};
}
}  // namespace

CostCurvesChart::CostCurvesChart(QWidget* parent) : QWidget(parent) {
    chart_ = new QChart;
    chart_->setTitle(tr("Cost per month vs traffic"));
    chart_->setBackgroundRoundness(0);
    chart_->legend()->setAlignment(Qt::AlignBottom);
    createAxes();
    view_ = new QChartView(chart_, this);
    view_->setRenderHint(QPainter::Antialiasing);
    status_ = new QLabel(this);
    status_->setContentsMargins(8, 4, 8, 0);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(status_);
    layout->addWidget(view_, 1);
    connect(chart_, &QChart::plotAreaChanged, this, [this] { placeLabels(); });
    applyPalette();
    reset({});
}

CostCurvesChart::~CostCurvesChart() = default;

void CostCurvesChart::createAxes() {
    if (log_) {
        auto* x = new QLogValueAxis;
        x->setTitleText(tr("Traffic (mean requests/s, log)"));
        x->setLabelFormat(QStringLiteral("%.3g"));
        x->setMinorTickCount(8);
        auto* y = new QLogValueAxis;
        y->setTitleText(tr("Cost ($/month, log)"));
        y->setLabelFormat(QStringLiteral("$%.7g"));  // $100000, not $1e+05
        y->setMinorTickCount(8);
        xAxis_ = x, yAxis_ = y;
    } else {
        auto* x = new QValueAxis;
        x->setTitleText(tr("Traffic (mean requests/s)"));
        x->setLabelFormat(QStringLiteral("%.3g"));
        x->setMinorTickCount(1);
        auto* y = new QValueAxis;
        y->setTitleText(tr("Cost ($/month)"));
        y->setLabelFormat(QStringLiteral("$%.0f"));
        y->setMinorTickCount(1);
        xAxis_ = x, yAxis_ = y;
    }
    chart_->addAxis(xAxis_, Qt::AlignBottom);
    chart_->addAxis(yAxis_, Qt::AlignLeft);
}

void CostCurvesChart::setLogAxes(bool log) {
    if (log == log_) return;
    log_ = log;
    const QList<QAbstractSeries*> series = chart_->series();
    for (QAbstractAxis* axis : {xAxis_, yAxis_}) {
        chart_->removeAxis(axis);
        delete axis;
    }
    createAxes();
    for (QAbstractSeries* s : series) {
        s->attachAxis(xAxis_);
        s->attachAxis(yAxis_);
    }
    applyPalette();
    updateRanges();
}

void CostCurvesChart::setAxisRange(QAbstractAxis* axis, double lo, double hi) const {
    if (log_) {
        const auto [a, b] = logRange(lo, hi);
        axis->setRange(a, b);
        return;
    }
    // From zero: a linear cost axis that does not start at 0 exaggerates gaps.
    auto* linear = static_cast<QValueAxis*>(axis);
    linear->setRange(0.0, hi * 1.08);
    linear->applyNiceNumbers();
}

void CostCurvesChart::addSeries(QXYSeries* series, bool inLegend) {
    chart_->addSeries(series);
    series->attachAxis(xAxis_);
    series->attachAxis(yAxis_);
    if (!inLegend)
        for (QLegendMarker* m : chart_->legend()->markers(series)) m->setVisible(false);
}

void CostCurvesChart::connectTooltip(QXYSeries* series, const QString& name) {
    connect(series, &QXYSeries::hovered, this, [name](const QPointF& p, bool on) {
        if (on) QToolTip::showText(QCursor::pos(), QStringLiteral("%1\n%2 → %3/month").arg(name, rate(p.x()), usd(p.y())));
        else QToolTip::hideText();
    });
}

void CostCurvesChart::reset(const std::vector<std::string>& alternatives) {
    clearMarkers();
    chart_->removeAllSeries();
    curves_.clear();
    points_ = 0;
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
        Curve c;
        c.name = QString::fromStdString(alternatives[i]);
        c.line = new QLineSeries;
        c.line->setName(c.name);
        c.line->setPen(QPen(colourAt(i), 2.5));
        c.markers = new QScatterSeries;
        c.markers->setName(c.name + tr(" (simulated)"));
        c.markers->setMarkerSize(7);
        c.markers->setColor(colourAt(i));
        c.markers->setBorderColor(colourAt(i));
        c.missed = new QScatterSeries;
        c.missed->setName(c.name + tr(" (misses the SLOs)"));
        c.missed->setMarkerSize(9);
        c.missed->setColor(Qt::transparent);
        c.missed->setPen(QPen(colourAt(i), 2.0));
        addSeries(c.line, true);
        addSeries(c.markers, false);
        addSeries(c.missed, false);
        connectTooltip(c.line, c.name);
        connectTooltip(c.markers, c.name + tr(" (simulated point, meets the SLOs)"));
        connectTooltip(c.missed, c.name + tr(" (simulated point, MISSES the SLOs)"));
        curves_.push_back(std::move(c));
    }
    // Many alternatives: a legend column on the right keeps every name whole.
    chart_->legend()->setAlignment(alternatives.size() > 4 ? Qt::AlignRight : Qt::AlignBottom);
    current_ = new QLineSeries;
    current_->setName(tr("current traffic (×1)"));
    current_->setPen(QPen(palette().color(QPalette::Text), 1.5, Qt::DashLine));
    refined_ = new QScatterSeries;
    refined_->setName(tr("crossover (refined)"));
    refined_->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    refined_->setMarkerSize(14);
    interpolated_ = new QScatterSeries;
    interpolated_->setName(tr("crossover (interpolated)"));
    interpolated_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    interpolated_->setMarkerSize(13);
    missLegend_ = new QScatterSeries;
    missLegend_->setName(tr("hollow point: misses the SLOs"));
    missLegend_->setMarkerSize(9);
    for (QXYSeries* s : {static_cast<QXYSeries*>(current_), static_cast<QXYSeries*>(refined_),
                         static_cast<QXYSeries*>(interpolated_), static_cast<QXYSeries*>(missLegend_)})
        addSeries(s, true);
    connectTooltip(current_, tr("current traffic"));
    for (QScatterSeries* markers : {refined_, interpolated_})
        connect(markers, &QXYSeries::hovered, this, [this](const QPointF& p, bool on) {
            if (!on) return QToolTip::hideText();
            for (const auto& m : crossovers_)
                if (m.at == p) QToolTip::showText(QCursor::pos(), m.text);
        });
    applyPalette();
    updateRanges();
}

void CostCurvesChart::setCurrentRate(double requestsPerSecond) {
    currentRate_ = requestsPerSecond;
    current_->setName(tr("current traffic (×1, %1)").arg(rate(requestsPerSecond)));
    updateRanges();
}

void CostCurvesChart::addPoint(const analysis::SweepPoint& point) {
    if (!(point.ratePerSecond > 0.0)) return;  // log axis
    for (std::size_t i = 0; i < curves_.size() && i < point.alternatives.size(); ++i) {
        const auto& cost = point.alternatives[i].costUsdPerMonth;
        if (!cost || !(*cost > 0.0)) continue;
        Curve& c = curves_[i];
        c.usdByRate[point.ratePerSecond] = *cost;
        c.meetsByRate[point.ratePerSecond] = point.alternatives[i].meetsSlos;
        QList<QPointF> xy, met, missed;
        for (const auto& [x, y] : c.usdByRate) {
            xy.append(QPointF(x, y));
            (c.meetsByRate[x] ? met : missed).append(QPointF(x, y));
        }
        c.line->replace(xy);
        c.markers->replace(met);
        c.missed->replace(missed);
    }
    ++points_;
    updateRanges();
}

void CostCurvesChart::setCrossovers(const std::vector<analysis::SweepCrossover>& crossovers) {
    clearMarkers();
    for (const auto& c : crossovers) {
        const analysis::PairSample& at = c.crossover.at;
        const auto& a = at.a.costUsdPerMonth;
        const auto& b = at.b.costUsdPerMonth;
        if (!a || !b || !(at.ratePerSecond > 0.0)) continue;
        const double cost = (*a + *b) / 2.0;
        if (!(cost > 0.0)) continue;
        Marker m;
        m.at = QPointF(at.ratePerSecond, cost);
        m.refined = c.crossover.refined;
        m.text = QStringLiteral("%1 = %2\n%3, %4/mo%5")
                     .arg(QString::fromStdString(c.aName), QString::fromStdString(c.bName), rate(at.ratePerSecond),
                          usd(cost), m.refined ? QString() : tr(" (interpolated)"));
        (m.refined ? refined_ : interpolated_)->append(m.at);
        // Crossovers above the cheapest curve change no decision: marked
        // (with a tooltip) but not labelled, so the labels stay readable.
        // So do crossovers with an alternative that misses the SLOs there.
        m.labelled = meetsAround(curves_.at(c.a), at.ratePerSecond) && meetsAround(curves_.at(c.b), at.ratePerSecond) &&
                     cost <= cheapestAt(at.ratePerSecond) * 1.02;
        m.box = new QGraphicsRectItem(chart_);
        m.label = new QGraphicsSimpleTextItem(m.text, m.box);
        m.box->setZValue(20);
        crossovers_.push_back(m);
    }
    applyPalette();
    updateRanges();
}

double CostCurvesChart::cheapestAt(double rate) const {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& c : curves_) {
        if (!meetsAround(c, rate)) continue;
        const auto hi = c.usdByRate.lower_bound(rate);
        if (hi == c.usdByRate.end()) continue;
        if (hi->first == rate || hi == c.usdByRate.begin()) {
            if (hi->first == rate) best = std::min(best, hi->second);
            continue;
        }
        const auto lo = std::prev(hi);
        const double t = std::log(rate / lo->first) / std::log(hi->first / lo->first);
        best = std::min(best, std::exp(std::log(lo->second) + t * std::log(hi->second / lo->second)));
    }
    return best;
}

bool CostCurvesChart::meetsAround(const Curve& curve, double rate) {
    const auto hi = curve.meetsByRate.lower_bound(rate);
    if (hi == curve.meetsByRate.end()) return false;
    if (hi->first == rate || hi == curve.meetsByRate.begin()) return hi->second;
    return hi->second && std::prev(hi)->second;
}

void CostCurvesChart::setStatus(const QString& text) { status_->setText(text); }

void CostCurvesChart::clearMarkers() {
    for (auto& m : crossovers_) delete m.box;
    crossovers_.clear();
    if (refined_ != nullptr) refined_->clear();
    if (interpolated_ != nullptr) interpolated_->clear();
}

void CostCurvesChart::updateRanges() {
    double xLo = std::numeric_limits<double>::infinity(), xHi = 0.0;
    double yLo = std::numeric_limits<double>::infinity(), yHi = 0.0;
    for (const auto& c : curves_)
        for (const auto& [x, y] : c.usdByRate) {
            xLo = std::min(xLo, x), xHi = std::max(xHi, x);
            yLo = std::min(yLo, y), yHi = std::max(yHi, y);
        }
    if (currentRate_ > 0.0) xLo = std::min(xLo, currentRate_), xHi = std::max(xHi, currentRate_);
    if (!(xHi > 0.0)) xLo = 0.1, xHi = 100.0;
    if (!(yHi > 0.0)) yLo = 1.0, yHi = 1000.0;
    setAxisRange(xAxis_, xLo, xHi);
    setAxisRange(yAxis_, yLo, yHi);
    updateCurrentLine();
    placeLabels();
}

void CostCurvesChart::updateCurrentLine() {
    if (current_ == nullptr) return;
    double yMin = 0.0, yMax = 0.0;
    if (log_) {
        const auto* y = static_cast<const QLogValueAxis*>(yAxis_);
        yMin = y->min(), yMax = y->max();
    } else {
        const auto* y = static_cast<const QValueAxis*>(yAxis_);
        yMin = y->min(), yMax = y->max();
    }
    if (currentRate_ > 0.0)
        current_->replace({QPointF(currentRate_, yMin), QPointF(currentRate_, yMax)});
    else
        current_->clear();
}

void CostCurvesChart::placeLabels() {
    const QRectF plot = chart_->plotArea();
    std::vector<QRectF> placed;
    for (auto& m : crossovers_) {
        m.box->setVisible(m.labelled);
        if (!m.labelled) continue;
        const QPointF p = chart_->mapToPosition(m.at, refined_);
        const QRectF text = m.label->boundingRect();
        const QSizeF size(text.width() + 8, text.height() + 4);
        // Below right of the marker: past a crossover the curve that got
        // cheaper runs below the other and the rising one above, so that
        // corner is usually empty. Left of it near the right edge, above it
        // near the bottom; then stepped down until it overlaps no earlier label.
        QPointF origin(p.x() + 12, p.y() + 12);
        if (origin.x() + size.width() > plot.right()) origin.setX(p.x() - 12 - size.width());
        origin.setX(std::clamp(origin.x(), plot.left(), std::max(plot.left(), plot.right() - size.width())));
        if (origin.y() + size.height() > plot.bottom()) origin.setY(p.y() - 12 - size.height());
        QRectF r(origin, size);
        for (int step = 0; step < 12 && std::any_of(placed.begin(), placed.end(),
                                                   [&](const QRectF& o) { return o.intersects(r); });
             ++step)
            r.translate(0, size.height() + 4);
        // No free place inside the plot: the marker's tooltip still tells.
        if (r.bottom() > plot.bottom() + 2 || r.top() < plot.top() - 2) {
            m.box->setVisible(false);
            continue;
        }
        placed.push_back(r);
        m.box->setRect(0, 0, r.width(), r.height());
        m.box->setPos(r.topLeft());
        m.label->setPos(4, 2);
    }
}

void CostCurvesChart::applyPalette() {
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor base = pal.color(QPalette::Base);
    QColor grid = text;
    grid.setAlpha(60);
    QColor minor = text;
    minor.setAlpha(22);
    chart_->setBackgroundBrush(base);
    chart_->setTitleBrush(text);
    chart_->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : {xAxis_, yAxis_}) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(minor);
        axis->setLinePenColor(grid);
    }
    view_->setBackgroundBrush(base);
    if (current_ != nullptr) current_->setPen(QPen(text, 1.5, Qt::DashLine));
    if (refined_ != nullptr) {
        refined_->setColor(text);
        refined_->setBorderColor(base);
        interpolated_->setColor(Qt::transparent);
        interpolated_->setBorderColor(text);
        QPen pen(text, 2.0);
        interpolated_->setPen(pen);
        missLegend_->setColor(Qt::transparent);
        missLegend_->setPen(QPen(text, 2.0));
    }
    QColor boxFill = base;
    boxFill.setAlpha(225);
    for (auto& m : crossovers_) {
        m.box->setBrush(boxFill);
        m.box->setPen(QPen(grid));
        m.label->setBrush(text);
    }
}

void CostCurvesChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) applyPalette();
    QWidget::changeEvent(event);
}

}  // namespace breakeven::views
