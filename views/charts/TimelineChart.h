#pragma once
// The timeline view: for one deployment (picker), arrivals per minute
// (right axis) and alive instances, busy instances and queue length (minute
// means, left axis) over the simulated time, labelled as h:mm since the
// start. Zoom with a rubber band, the wheel or +/−; pan with ←/→; reset with
// 0, Esc, right-click or the button.
//
// Built from data alone: construct, setData(timelineViewData(result)),
// optionally setDeployment(i), renderTo(painter, rect) (the PDF report).
#include <utility>

#include <QWidget>

#include "views/TimelineViewData.h"

QT_BEGIN_NAMESPACE
class QCategoryAxis;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QPainter;
class QPushButton;
class QValueAxis;
QT_END_NAMESPACE

namespace breakeven::views {

class TimelineChart : public QWidget {
    Q_OBJECT
public:
    explicit TimelineChart(QWidget* parent = nullptr);
    ~TimelineChart() override;

    void setData(const TimelineViewData& data);
    // An index into data().deployments; out of range: nothing shown.
    void setDeployment(int index);
    [[nodiscard]] int deployment() const { return deployment_; }
    [[nodiscard]] const TimelineViewData& data() const { return data_; }
    void setStatus(const QString& text);

    // Zoom on the time axis by `factor` (> 1 zooms in) around minute `centre`.
    void zoomTime(double factor, double centreMinutes);
    void resetZoom();
    // The visible time range in minutes since the start.
    [[nodiscard]] std::pair<double, double> visibleMinutes() const;
    [[nodiscard]] QChartView* chartView() const { return view_; }
    void renderTo(QPainter* painter, const QRectF& target);

    // "1:05" for 65 minutes, "2d 03:00" beyond a day.
    static QString timeLabel(double minutes);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void relabelTime();
    void applyPalette();

    TimelineViewData data_;
    int deployment_ = -1;
    double minutes_ = 0.0;
    QLabel* status_ = nullptr;
    QComboBox* picker_ = nullptr;
    QPushButton* resetButton_ = nullptr;
    QChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    QCategoryAxis* time_ = nullptr;
    QValueAxis* instances_ = nullptr;
    QValueAxis* arrivals_ = nullptr;
    bool relabelling_ = false;
};

}  // namespace breakeven::views
