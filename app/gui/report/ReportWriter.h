#pragma once
// The PDF report (issue 11): title page, contents, executive summary with
// the recommendation, comparison table, cost curves with crossovers,
// cold-start impact, latency distributions, a busy and a quiet hour,
// feasibility warnings, assumptions (inputs, prices with their sources,
// modelling assumptions) and what was not priced. Vector text and charts,
// page numbers on every page.
#include <QPageSize>
#include <QString>

namespace breakeven::report {

struct ReportData;

// Writes `path`; returns the number of pages. Throws std::runtime_error when
// the file cannot be written. Needs a QApplication (the cost chart is the
// app's widget), on its thread.
int writeReport(const ReportData& data, const QString& path, QPageSize::PageSizeId pageSize);

}  // namespace breakeven::report
