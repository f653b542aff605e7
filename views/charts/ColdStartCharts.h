#pragma once
// The cold-start impact view: for the current scenario, cold requests, p99
// (TTFT p99 for LLM deployments) and $/month against keep-alive seconds and
// against min instances (one line per serverless deployment); the latency
// CDF of warm vs cold requests of one deployment (TTFT and TPOT for LLM
// deployments); and a stacked bar per deployment splitting its $/month into
// useful work, idle tax, cold-start tax and other.
//
// Built from data alone (setData), so the PDF report renders it without a
// MainWindow: construct, setData(coldStartViewData(...)), renderTo(painter,
// rect). Sweep results stream in deployment by deployment (addImpact).
#include <array>
#include <vector>

#include <QWidget>

#include "views/ColdStartViewData.h"

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QCategoryAxis;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLogValueAxis;
class QPainter;
class QValueAxis;
QT_END_NAMESPACE

namespace breakeven::views {

class ColdStartCharts : public QWidget {
    Q_OBJECT
public:
    explicit ColdStartCharts(QWidget* parent = nullptr);
    ~ColdStartCharts() override;

    // Replaces everything shown (empty data: empty charts).
    void setData(const ColdStartViewData& data);
    // Adds (or replaces, by deployment index) one deployment's sweeps.
    void addImpact(const ImpactSeries& series);
    void setStatus(const QString& text);
    // Which deployment the CDF shows: an index into data().cdfs.
    void setCdfDeployment(int index);
    [[nodiscard]] int cdfDeployment() const { return cdfDeployment_; }
    [[nodiscard]] const ColdStartViewData& data() const { return data_; }
    // Series currently drawn in the sweep charts (a test hook: one per
    // impact deployment and chart).
    [[nodiscard]] int sweepSeriesCount() const;
    // Paints the whole view into `target` (e.g. a PDF page), laid out at its size.
    void renderTo(QPainter* painter, const QRectF& target);

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class Metric { ColdFraction, P99, Usd };
    struct SweepChart {
        QChart* chart = nullptr;
        QChartView* view = nullptr;
        QCategoryAxis* x = nullptr;
        QValueAxis* y = nullptr;
        bool keepAlive = true;
        Metric metric = Metric::ColdFraction;
    };

    QChartView* makeView(QChart* chart);
    SweepChart makeSweepChart(bool keepAlive, Metric metric);
    void rebuildSweeps();
    void rebuildSweep(SweepChart& c);
    void rebuildCdf();
    void rebuildBills();
    void updateLegend();
    void applyPalette();

    ColdStartViewData data_;
    int cdfDeployment_ = -1;
    QLabel* status_ = nullptr;
    QLabel* legend_ = nullptr;
    std::array<SweepChart, 6> sweeps_{};
    QComboBox* cdfPicker_ = nullptr;
    QChart* cdfChart_ = nullptr;
    QLogValueAxis* cdfX_ = nullptr;
    QValueAxis* cdfY_ = nullptr;
    QChart* billChart_ = nullptr;
    QBarCategoryAxis* billY_ = nullptr;
    QValueAxis* billX_ = nullptr;
    std::vector<QChartView*> views_;
};

}  // namespace breakeven::views
