#pragma once
// Charts of one request trace: arrivals per minute over the trace's span,
// and input/output token histograms in power-of-two bins
// (trace::IntegerTally::log2Histogram). Passive: the owner hands in the
// series computed by model/trace (TraceStats).
#include <cstdint>
#include <vector>

#include <QWidget>

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QBarSeries;
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace breakeven::views {

class ArrivalsChart : public QWidget {
    Q_OBJECT
public:
    explicit ArrivalsChart(QWidget* parent = nullptr);
    // One value per minute since the first arrival. Long series are shown in
    // buckets of several minutes (mean arrivals per minute in each).
    void setArrivalsPerMinute(const std::vector<std::uint64_t>& perMinute);
    void clear();
    [[nodiscard]] int pointCount() const;
    [[nodiscard]] int minutesPerBucket() const { return bucketMinutes_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    QChart* chart_;
    QChartView* view_;
    QLineSeries* series_;
    QValueAxis* xAxis_;
    QValueAxis* yAxis_;
    int bucketMinutes_ = 1;
};

class TokenHistogramChart : public QWidget {
    Q_OBJECT
public:
    explicit TokenHistogramChart(QWidget* parent = nullptr);
    // Bins as IntegerTally::log2Histogram; either may be empty (no column).
    void setHistograms(const std::vector<std::uint64_t>& input, const std::vector<std::uint64_t>& output);
    void clear();
    [[nodiscard]] int binCount() const { return bins_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    QChart* chart_;
    QChartView* view_;
    QBarSeries* series_;
    QBarCategoryAxis* xAxis_;
    QValueAxis* yAxis_;
    int bins_ = 0;
};

}  // namespace breakeven::views
