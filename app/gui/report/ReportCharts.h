#pragma once
// The report's charts, drawn as vectors with QPainter into a rectangle of a
// page: the cost curves (views::CostCurvesChart itself, the chart the app
// shows), the bill split (useful work / idle tax / cold-start tax / other),
// latency CDFs and the per-minute timeline of one hour.
#include <cstddef>
#include <vector>

#include <QRectF>

QT_BEGIN_NAMESPACE
class QPainter;
class QWidget;
QT_END_NAMESPACE

namespace breakeven::report {

struct ReportData;

// `widget` as on screen, scaled to `box`, as vectors on any device.
void drawWidget(QPainter& p, const QRectF& box, QWidget& widget);
// Renders views::CostCurvesChart filled with the report's sweep, scaled to
// `box` (the widget keeps its on-screen proportions and font sizes).
void drawCostCurves(QPainter& p, const QRectF& box, const ReportData& d);
// Stacked $/month bars per alternative.
void drawBillSplit(QPainter& p, const QRectF& box, const ReportData& d);
// Cumulative distribution of served latency (ttft: of LLM TTFT) per
// alternative, log seconds.
void drawLatencyCdf(QPainter& p, const QRectF& box, const ReportData& d, bool ttft);
// Instances alive per minute of the busiest (busy) or quietest hour of
// arrivals, with the arrivals per minute behind them. Returns false when no
// alternative has a timeline.
bool drawTimelineHour(QPainter& p, const QRectF& box, const ReportData& d, bool busy);

// How many minutes a "representative hour" spans: 60, or a quarter of a
// window shorter than two hours (at least 5 minutes), so busy and quiet differ.
std::size_t representativeSpanMinutes(std::size_t windowMinutes);
// The first minute of the span with the most (busy) or fewest arrivals in
// `arrivals` (per-minute counts).
std::size_t representativeHourStart(const std::vector<double>& arrivals, bool busy);

}  // namespace breakeven::report
