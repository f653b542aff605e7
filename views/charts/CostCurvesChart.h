#pragma once
// Cost curves: $/month against mean requests/s for every alternative of a
// traffic sweep, on log (default) or linear axes, with the simulated points marked
// (hollow where the alternative misses the scenario's SLOs there), crossovers
// labelled (traffic, $; refined ones filled, interpolated ones hollow), the
// current traffic (rateScale 1) as a vertical line and hover tooltips.
// Points stream in one by one, in any order (addPoint).
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <QWidget>

#include "model/analysis/Sweep.h"

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QLabel;
class QLineSeries;
class QXYSeries;
class QAbstractAxis;
class QLogValueAxis;
class QValueAxis;
class QScatterSeries;
QT_END_NAMESPACE

namespace breakeven::views {

class CostCurvesChart : public QWidget {
    Q_OBJECT
public:
    explicit CostCurvesChart(QWidget* parent = nullptr);
    ~CostCurvesChart() override;

    // Starts a new sweep: one curve per alternative, in this order.
    void reset(const std::vector<std::string>& alternatives);
    void setCurrentRate(double requestsPerSecond);
    void addPoint(const analysis::SweepPoint& point);
    void setCrossovers(const std::vector<analysis::SweepCrossover>& crossovers);
    void setStatus(const QString& text);
    // Log axes show decades of traffic and cost at once; linear ones show
    // the absolute gap between alternatives. Keeps every series and marker.
    void setLogAxes(bool log);
    [[nodiscard]] bool logAxes() const { return log_; }

    [[nodiscard]] int pointCount() const { return points_; }
    [[nodiscard]] int crossoverCount() const { return static_cast<int>(crossovers_.size()); }
    // Crossovers that change the decision (both sides meet the SLOs there, on
    // the cheapest curve): the ones given a label.
    [[nodiscard]] int decisiveCrossoverCount() const {
        return static_cast<int>(std::count_if(crossovers_.begin(), crossovers_.end(),
                                              [](const Marker& m) { return m.labelled; }));
    }

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Curve {
        QString name;
        QLineSeries* line = nullptr;
        QScatterSeries* markers = nullptr;  // simulated points meeting the SLOs
        QScatterSeries* missed = nullptr;   // hollow: points that miss them
        std::map<double, double> usdByRate;  // requests/s -> $/month
        std::map<double, bool> meetsByRate;  // requests/s -> meets the SLOs
    };
    struct Marker {
        QPointF at;  // requests/s, $/month
        QString text;
        bool refined = false;
        bool labelled = false;  // only where the cheapest alternative changes
        QGraphicsRectItem* box = nullptr;
        QGraphicsSimpleTextItem* label = nullptr;
    };

    void addSeries(QXYSeries* series, bool inLegend);
    // The lowest $/month at `rate` (log-log interpolation) of the curves
    // whose neighbouring points both meet the SLOs.
    [[nodiscard]] double cheapestAt(double rate) const;
    [[nodiscard]] static bool meetsAround(const Curve& curve, double rate);
    void connectTooltip(QXYSeries* series, const QString& name);
    void updateRanges();
    void updateCurrentLine();
    void placeLabels();
    void clearMarkers();
    void applyPalette();

    QChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    QLabel* status_ = nullptr;
    void createAxes();
    void setAxisRange(QAbstractAxis* axis, double lo, double hi) const;

    bool log_ = true;
    QAbstractAxis* xAxis_ = nullptr;
    QAbstractAxis* yAxis_ = nullptr;
    std::vector<Curve> curves_;
    QScatterSeries* refined_ = nullptr;
    QScatterSeries* interpolated_ = nullptr;
    QScatterSeries* missLegend_ = nullptr;  // legend entry only: what a hollow point means
    QLineSeries* current_ = nullptr;
    double currentRate_ = 0.0;
    std::vector<Marker> crossovers_;
    int points_ = 0;
};

}  // namespace breakeven::views
