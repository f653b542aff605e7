#include "views/charts/ColdStartCharts.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

#include "views/charts/ColdStartStyle.h"

namespace breakeven::views {

namespace {
using chartstyle::deploymentColour;

// 0 -> "0", 10 -> "10 s", 300 -> "5 min", 3600 -> "1 h".
QString keepAliveLabel(double s) {
    if (s == 0.0) return QStringLiteral("0");
    if (s >= 3600.0 && std::fmod(s, 3600.0) == 0.0) return QStringLiteral("%1 h").arg(s / 3600.0);
    if (s >= 60.0 && std::fmod(s, 60.0) == 0.0) return QStringLiteral("%1 min").arg(s / 60.0);
    return QStringLiteral("%1 s").arg(s);
}

std::optional<double> metricValue(const ImpactPoint& p, int metric) {
    switch (metric) {
    case 0: return p.coldFraction * 100.0;
    case 1: return p.p99Seconds;
    default: return p.usdPerMonth;
    }
}

// A y range from 0 with round ticks.
void setRangeFromZero(QValueAxis* axis, double maximum) {
    axis->setRange(0.0, maximum > 0.0 ? maximum * 1.08 : 1.0);
    axis->applyNiceNumbers();
}

// Whole decades around the data: log axes label only powers of ten.
std::pair<double, double> decades(double lo, double hi) {
    return {std::pow(10.0, std::floor(std::log10(lo))), std::pow(10.0, std::ceil(std::log10(hi) + 1e-9))};
}

const QColor kSplitColours[] = {QColor(44, 160, 44), QColor(255, 127, 14), QColor(214, 39, 40),
                                QColor(127, 127, 127)};
}  // namespace

ColdStartCharts::ColdStartCharts(QWidget* parent) : QWidget(parent) {
    status_ = new QLabel(this);
    status_->setContentsMargins(8, 4, 8, 0);
    status_->setWordWrap(true);
    legend_ = new QLabel(this);
    legend_->setContentsMargins(8, 0, 8, 0);
    legend_->setWordWrap(true);
    auto* grid = new QGridLayout;
    grid->setSpacing(4);
    int i = 0;
    for (bool keepAlive : {true, false})
        for (Metric m : {Metric::ColdFraction, Metric::P99, Metric::Usd}) {
            sweeps_[static_cast<std::size_t>(i)] = makeSweepChart(keepAlive, m);
            grid->addWidget(sweeps_[static_cast<std::size_t>(i)].view, i / 3, (i % 3) * 2, 1, 2);
            ++i;
        }
    cdfChart_ = new QChart;
    cdfChart_->legend()->setAlignment(Qt::AlignBottom);
    cdfX_ = new QLogValueAxis;
    cdfX_->setTitleText(tr("Seconds (log)"));
    cdfX_->setLabelFormat(QStringLiteral("%.3g"));
    cdfX_->setMinorTickCount(8);
    cdfY_ = new QValueAxis;
    cdfY_->setTitleText(tr("Requests ≤ x (%)"));
    cdfY_->setRange(0.0, 100.0);
    cdfY_->setTickCount(6);
    cdfY_->setLabelFormat(QStringLiteral("%.0f"));
    cdfChart_->addAxis(cdfX_, Qt::AlignBottom);
    cdfChart_->addAxis(cdfY_, Qt::AlignLeft);
    cdfPicker_ = new QComboBox(this);
    cdfPicker_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(cdfPicker_, &QComboBox::activated, this, &ColdStartCharts::setCdfDeployment);
    auto* cdfBox = new QWidget(this);
    auto* cdfLayout = new QVBoxLayout(cdfBox);
    cdfLayout->setContentsMargins(0, 0, 0, 0);
    cdfLayout->setSpacing(2);
    auto* pickerRow = new QHBoxLayout;
    pickerRow->addWidget(new QLabel(tr("Latency CDF of:"), cdfBox));
    pickerRow->addWidget(cdfPicker_);
    pickerRow->addStretch(1);
    cdfLayout->addLayout(pickerRow);
    cdfLayout->addWidget(makeView(cdfChart_), 1);
    grid->addWidget(cdfBox, 2, 0, 1, 3);
    billChart_ = new QChart;
    billChart_->legend()->setAlignment(Qt::AlignBottom);
    grid->addWidget(makeView(billChart_), 2, 3, 1, 3);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 3);
    grid->setRowStretch(2, 4);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 4);
    layout->setSpacing(2);
    layout->addWidget(status_);
    layout->addWidget(legend_);
    layout->addLayout(grid, 1);
    chartstyle::makeCompact(billChart_, tr("$/month split: useful work, idle tax, cold-start tax"));
    setData({});
}

ColdStartCharts::~ColdStartCharts() = default;

QChartView* ColdStartCharts::makeView(QChart* chart) {
    auto* view = new QChartView(chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(220, 150);
    views_.push_back(view);
    return view;
}

ColdStartCharts::SweepChart ColdStartCharts::makeSweepChart(bool keepAlive, Metric metric) {
    SweepChart c;
    c.keepAlive = keepAlive;
    c.metric = metric;
    c.chart = new QChart;
    c.chart->legend()->setVisible(false);  // one shared legend above the grid
    c.x = new QCategoryAxis;
    c.x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    c.x->setTitleText(keepAlive ? tr("Keep-alive (listed values)") : tr("Min instances"));
    c.y = new QValueAxis;
    c.y->setLabelFormat(metric == Metric::Usd ? QStringLiteral("$%.0f") : QStringLiteral("%.3g"));
    c.y->setTickCount(5);
    c.chart->addAxis(c.x, Qt::AlignBottom);
    c.chart->addAxis(c.y, Qt::AlignLeft);
    c.view = makeView(c.chart);
    return c;
}

void ColdStartCharts::setData(const ColdStartViewData& data) {
    data_ = data;
    cdfPicker_->clear();
    for (const auto& d : data_.cdfs) cdfPicker_->addItem(QString::fromStdString(d.deployment));
    // The first deployment with cold requests shows what the view is about.
    cdfDeployment_ = data_.cdfs.empty() ? -1 : 0;
    for (std::size_t i = 0; i < data_.cdfs.size(); ++i)
        if (!data_.cdfs[i].metrics.empty() && data_.cdfs[i].metrics.front().coldCount > 0) {
            cdfDeployment_ = static_cast<int>(i);
            break;
        }
    cdfPicker_->setCurrentIndex(cdfDeployment_);
    cdfPicker_->setEnabled(!data_.cdfs.empty());
    rebuildSweeps();
    rebuildCdf();
    rebuildBills();
}

void ColdStartCharts::addImpact(const ImpactSeries& series) {
    auto same = std::find_if(data_.impact.begin(), data_.impact.end(),
                             [&](const ImpactSeries& s) { return s.index == series.index; });
    if (same != data_.impact.end()) *same = series;
    else data_.impact.push_back(series);
    std::sort(data_.impact.begin(), data_.impact.end(),
              [](const ImpactSeries& a, const ImpactSeries& b) { return a.index < b.index; });
    rebuildSweeps();
}

void ColdStartCharts::setStatus(const QString& text) { status_->setText(text); }

void ColdStartCharts::setCdfDeployment(int index) {
    cdfDeployment_ = (index >= 0 && index < static_cast<int>(data_.cdfs.size())) ? index : -1;
    if (cdfPicker_->currentIndex() != cdfDeployment_) cdfPicker_->setCurrentIndex(cdfDeployment_);
    rebuildCdf();
}

int ColdStartCharts::sweepSeriesCount() const {
    int n = 0;
    for (const auto& c : sweeps_) n += static_cast<int>(c.chart->series().size());
    return n;
}

void ColdStartCharts::rebuildSweeps() {
    for (auto& c : sweeps_) rebuildSweep(c);
    updateLegend();
    applyPalette();
}

void ColdStartCharts::rebuildSweep(SweepChart& c) {
    const bool anyLlm = std::any_of(data_.impact.begin(), data_.impact.end(), [](const auto& s) { return s.llm; });
    const bool allLlm = anyLlm && std::all_of(data_.impact.begin(), data_.impact.end(), [](const auto& s) { return s.llm; });
    const QString p99 = allLlm ? tr("TTFT p99") : anyLlm ? tr("p99 (TTFT for LLMs)") : tr("p99 latency");
    const QString against = c.keepAlive ? tr("keep-alive") : tr("min instances");
    const QString titles[] = {tr("Cold requests vs %1").arg(against), tr("%1 vs %2").arg(p99, against),
                              tr("Cost vs %1").arg(against)};
    const QString yTitles[] = {tr("Cold requests (%)"), tr("%1 (s)").arg(p99), tr("$/month")};
    const int metric = static_cast<int>(c.metric);
    chartstyle::makeCompact(c.chart, titles[metric]);
    c.y->setTitleText(yTitles[metric]);
    c.chart->removeAllSeries();
    // Keep-alive values run from seconds to an hour: evenly spaced by rank,
    // labelled with their values. Min instances are spaced by value.
    std::set<double> values;
    for (const auto& s : data_.impact)
        for (const auto& p : c.keepAlive ? s.keepAlive : s.minInstances) values.insert(p.value);
    std::map<double, double> position;
    for (double v : values) position[v] = c.keepAlive ? static_cast<double>(position.size()) : v;
    for (const QString& label : c.x->categoriesLabels()) c.x->remove(label);
    for (const auto& [v, x] : position) c.x->append(c.keepAlive ? keepAliveLabel(v) : QString::number(v), x);
    const double xMax = position.empty() ? 1.0 : position.rbegin()->second;
    c.x->setStartValue(-0.25);
    c.x->setRange(-0.25, xMax + 0.25);
    double yMax = 0.0;
    for (const auto& s : data_.impact) {
        const QColor colour = deploymentColour(s.index);
        auto* line = new QLineSeries;
        auto* dots = new QScatterSeries;
        line->setName(QString::fromStdString(s.deployment));
        line->setPen(QPen(colour, 2.0));
        dots->setMarkerSize(6);
        dots->setColor(colour);
        dots->setBorderColor(colour);
        for (const auto& p : c.keepAlive ? s.keepAlive : s.minInstances) {
            const std::optional<double> y = metricValue(p, metric);
            if (!y) continue;
            line->append(position[p.value], *y);
            dots->append(position[p.value], *y);
            yMax = std::max(yMax, *y);
        }
        const QString name = line->name();
        for (QXYSeries* series : {static_cast<QXYSeries*>(line), static_cast<QXYSeries*>(dots)}) {
            c.chart->addSeries(series);
            series->attachAxis(c.x);
            series->attachAxis(c.y);
        }
        connect(dots, &QXYSeries::hovered, this, [name, metric, keepAlive = c.keepAlive, position](QPointF p, bool on) {
            if (!on) return QToolTip::hideText();
            double value = p.x();
            for (const auto& [v, x] : position)
                if (x == p.x()) value = v;
            const QString at = keepAlive ? tr("keep-alive %1").arg(keepAliveLabel(value)) : tr("%1 min instances").arg(value);
            const QString y = metric == 0 ? QStringLiteral("%1 % cold").arg(p.y(), 0, 'f', 2)
                              : metric == 1 ? chartstyle::seconds(p.y())
                                            : chartstyle::usd(p.y()) + tr("/month");
            QToolTip::showText(QCursor::pos(), QStringLiteral("%1\n%2: %3").arg(name, at, y));
        });
    }
    setRangeFromZero(c.y, yMax);
}

void ColdStartCharts::rebuildCdf() {
    cdfChart_->removeAllSeries();
    if (cdfDeployment_ < 0) {
        chartstyle::makeCompact(cdfChart_, tr("Latency CDF, warm vs cold requests"));
        cdfX_->setRange(0.01, 100.0);
        applyPalette();
        return;
    }
    const DeploymentCdfs& d = data_.cdfs[static_cast<std::size_t>(cdfDeployment_)];
    chartstyle::makeCompact(cdfChart_, d.llm ? tr("TTFT and TPOT CDF, warm vs cold — %1").arg(QString::fromStdString(d.deployment))
                                             : tr("Latency CDF, warm vs cold — %1").arg(QString::fromStdString(d.deployment)));
    double lo = 0.0, hi = 0.0;
    for (std::size_t m = 0; m < d.metrics.size(); ++m) {
        const LatencyCdf& cdf = d.metrics[m];
        const QColor colour = deploymentColour(m == 0 ? 0 : 4);
        for (bool cold : {false, true}) {
            const auto& points = cold ? cdf.cold : cdf.warm;
            auto* line = new QLineSeries;
            line->setName(tr("%1 %2 (%L3 req.)")
                              .arg(QString::fromStdString(cdf.metric), cold ? tr("cold") : tr("warm"))
                              .arg(cold ? cdf.coldCount : cdf.warmCount));
            line->setPen(QPen(colour, 2.0, cold ? Qt::DashLine : Qt::SolidLine));
            for (const CdfPoint& p : points) {
                if (p.seconds <= 0.0) continue;  // a log axis has no zero
                line->append(p.seconds, p.fraction * 100.0);
                lo = lo == 0.0 ? p.seconds : std::min(lo, p.seconds);
                hi = std::max(hi, p.seconds);
            }
            cdfChart_->addSeries(line);
            line->attachAxis(cdfX_);
            line->attachAxis(cdfY_);
        }
    }
    const auto [from, to] = lo > 0.0 ? decades(lo, hi) : std::pair{0.01, 100.0};
    cdfX_->setRange(from, to);
    applyPalette();
}

void ColdStartCharts::rebuildBills() {
    billChart_->removeAllSeries();
    for (QAbstractAxis* axis : billChart_->axes()) {
        billChart_->removeAxis(axis);
        delete axis;
    }
    auto* series = new QHorizontalStackedBarSeries;
    const QString parts[] = {tr("Useful work"), tr("Idle tax"), tr("Cold-start tax"), tr("Other")};
    std::array<QBarSet*, 4> sets{};
    for (std::size_t k = 0; k < sets.size(); ++k) {
        sets[k] = new QBarSet(parts[k]);
        sets[k]->setColor(kSplitColours[k]);
        sets[k]->setBorderColor(kSplitColours[k]);
        series->append(sets[k]);
    }
    billY_ = new QBarCategoryAxis;
    billY_->setTruncateLabels(false);  // a deployment is known by its whole name
    double xMax = 0.0;
    // Horizontal bars run bottom-up: reversed, the first deployment is on top.
    for (auto it = data_.bills.rbegin(); it != data_.bills.rend(); ++it) {
        const BillBar& b = *it;
        const double values[] = {b.usefulUsd, b.idleTaxUsd, b.coldStartTaxUsd, b.otherUsd};
        for (std::size_t k = 0; k < sets.size(); ++k) *sets[k] << values[k];
        billY_->append(QString::fromStdString(b.deployment) + (b.priced ? QString() : tr(" (not priced)")));
        xMax = std::max(xMax, b.totalUsd);
    }
    series->setBarWidth(0.7);
    billChart_->addSeries(series);
    billX_ = new QValueAxis;
    billX_->setTitleText(tr("$/month (730-hour month)"));
    billX_->setLabelFormat(QStringLiteral("$%.0f"));
    billX_->setTickCount(5);
    setRangeFromZero(billX_, xMax);
    billChart_->addAxis(billX_, Qt::AlignBottom);
    billChart_->addAxis(billY_, Qt::AlignLeft);
    series->attachAxis(billX_);
    series->attachAxis(billY_);
    const std::vector<BillBar> bills(data_.bills.rbegin(), data_.bills.rend());
    connect(series, &QAbstractBarSeries::hovered, this, [bills](bool on, int index, QBarSet*) {
        if (!on || index < 0 || index >= static_cast<int>(bills.size())) return QToolTip::hideText();
        const BillBar& b = bills[static_cast<std::size_t>(index)];
        QToolTip::showText(QCursor::pos(), tr("%1: %2/month\nuseful %3 · idle tax %4 · cold-start tax %5 · other %6")
                                               .arg(QString::fromStdString(b.deployment), chartstyle::usd(b.totalUsd),
                                                    chartstyle::usd(b.usefulUsd), chartstyle::usd(b.idleTaxUsd),
                                                    chartstyle::usd(b.coldStartTaxUsd), chartstyle::usd(b.otherUsd)));
    });
    applyPalette();
}

void ColdStartCharts::updateLegend() {
    if (data_.impact.empty()) {
        legend_->clear();  // the status line says why (running, or no serverless deployment)
        return;
    }
    QString html = tr("Serverless deployments:") + QStringLiteral("&nbsp;&nbsp;");
    for (const auto& s : data_.impact)
        html += QStringLiteral("<span style='color:%1'>&#9632;</span>&nbsp;%2 &nbsp;&nbsp;")
                    .arg(deploymentColour(s.index).name(), QString::fromStdString(s.deployment).toHtmlEscaped());
    legend_->setText(html);
}

void ColdStartCharts::applyPalette() {
    const QPalette pal = palette();
    for (auto& c : sweeps_) chartstyle::applyPalette(c.chart, pal);
    chartstyle::applyPalette(cdfChart_, pal);
    chartstyle::applyPalette(billChart_, pal);
    for (QChartView* v : views_) v->setBackgroundBrush(pal.color(QPalette::Base));
}

void ColdStartCharts::renderTo(QPainter* painter, const QRectF& target) {
    chartstyle::renderWidget(*this, painter, target);
}

void ColdStartCharts::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) applyPalette();
    QWidget::changeEvent(event);
}

}  // namespace breakeven::views
