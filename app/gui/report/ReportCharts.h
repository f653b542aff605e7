#pragma once
// The report's charts, drawn as vectors into a rectangle of a page: the
// app's own views (cost curves, cold-start impact with the bill split,
// timeline) and a latency CDF comparing every alternative.
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
// views::ColdStartCharts (the app's cold-start view): keep-alive and
// min-instance sweeps, warm vs cold latency of the recommended alternative,
// the bill split of every alternative.
void drawColdStartView(QPainter& p, const QRectF& box, const ReportData& d);
// views::TimelineChart of the recommended alternative (else the first),
// zoomed to its busiest (busy) or quietest span of arrivals.
void drawTimelineView(QPainter& p, const QRectF& box, const ReportData& d, bool busy);
// Cumulative distribution of served latency (ttft: of LLM TTFT) per
// alternative, log seconds.
void drawLatencyCdf(QPainter& p, const QRectF& box, const ReportData& d, bool ttft);

// How many minutes a "representative hour" spans: 60, or a quarter of a
// window shorter than two hours (at least 5 minutes), so busy and quiet differ.
std::size_t representativeSpanMinutes(std::size_t windowMinutes);
// The first minute of the span with the most (busy) or fewest arrivals in
// `arrivals` (per-minute counts).
std::size_t representativeHourStart(const std::vector<double>& arrivals, bool busy);

}  // namespace breakeven::report
