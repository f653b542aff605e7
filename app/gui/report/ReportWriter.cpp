#include "app/gui/report/ReportWriter.h"

#include <stdexcept>

#include <QBuffer>
#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>
#include <fmt/format.h>

#include "app/gui/report/PageFlow.h"
#include "app/gui/report/ReportCharts.h"
#include "app/gui/report/ReportData.h"

namespace breakeven::report {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }
QString usd2(const std::optional<double>& v) { return v ? q(fmt::format("${:.2f}", *v)) : QStringLiteral("—"); }
QString secs(const std::optional<double>& v) { return q(views::formatSeconds(v)); }
QString pct(double v) { return q(views::formatPercent(v)); }

// Splits text at its newlines into paragraphs; `skipTitle` drops its first
// line (the section's heading already says it).
void paragraphs(PageFlow& f, const std::string& text, bool skipTitle = false) {
    QStringList lines = q(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (skipTitle && !lines.isEmpty()) lines.removeFirst();
    for (const QString& line : lines) f.paragraph(line.trimmed());
}

QFont smallFont(const PageFlow& f, double points = 7.5) {
    QFont font = f.bodyFont();
    font.setPointSizeF(points);
    return font;
}

void titlePage(PageFlow& f, const ReportData& d, QPageSize::PageSizeId size) {
    f.space(120);
    QFont big = f.bodyFont();
    big.setPointSizeF(26);
    big.setBold(true);
    f.paragraph(QStringLiteral("Breakeven report"), big, 10);
    QFont sub = f.bodyFont();
    sub.setPointSizeF(15);
    f.paragraph(QStringLiteral("Scenario “%1”").arg(q(d.scenarioName)), sub, 30);
    const QStringList lines{
        QStringLiteral("Workspace: %1").arg(q(d.workspacePath)),
        QStringLiteral("Generated: %1 (UTC)").arg(q(d.generatedOn)),
        QStringLiteral("Breakeven version: %1").arg(QStringLiteral(BREAKEVEN_VERSION)),
        QStringLiteral("Price catalogue snapshot: %1").arg(q(d.prices.snapshotId)),
        QStringLiteral("Prices as of: %1").arg(q(d.prices.asOf)),
        QStringLiteral("SLOs: %1").arg(q(d.recommendation.slosText)),
        QStringLiteral("Traffic: %1 arrivals over %2 s simulated; traffic sweep of %3 points from 0.1× to 20×")
            .arg(d.run.result.arrivals).arg(d.run.result.windowSeconds, 0, 'f', 0).arg(d.sweep.points),
        QStringLiteral("Page size: %1").arg(QPageSize::name(size)),
    };
    for (const QString& l : lines) f.paragraph(l, f.bodyFont(), 4);
    f.space(24);
    QFont bold = f.bodyFont();
    bold.setBold(true);
    bold.setPointSizeF(11);
    f.paragraph(q(appcore::recommendationHeadline(d.recommendation)).split(QLatin1Char('\n')).first(), bold, 6);
    f.space(24);
    f.paragraph(QStringLiteral("Every dollar figure is the simulated usage scaled to a 730-hour month and priced from "
                               "the catalogue snapshot above; the sources of every price are listed under "
                               "Assumptions. The figures equal `breakeven-cli simulate --json` for the same "
                               "workspace and catalogue."),
                smallFont(f, 8.5));
    f.newPage();
}

void contentsPage(PageFlow& f, const std::vector<TocEntry>& toc) {
    f.heading(QStringLiteral("Contents"));
    const QFont font = f.bodyFont();
    for (const auto& e : toc) {
        if (e.title == QLatin1String("Contents")) continue;
        f.drawing(e.level == 1 ? 15 : 13, [&](QPainter& p, const QRectF& box) {
            QFont ef = font;
            ef.setBold(e.level == 1);
            p.setFont(ef);
            const QFontMetricsF fm(ef, p.device());
            const double indent = e.level == 1 ? 0.0 : box.height() * 1.2;
            const QString number = QString::number(e.page);
            const QString title = fm.elidedText(e.title, Qt::ElideRight, box.width() * 0.85 - indent);
            p.drawText(QRectF(box.left() + indent, box.top(), box.width(), box.height()), Qt::AlignLeft | Qt::AlignVCenter, title);
            p.drawText(box, Qt::AlignRight | Qt::AlignVCenter, number);
            const double from = box.left() + indent + fm.horizontalAdvance(title) + fm.horizontalAdvance(QLatin1Char(' '));
            const double to = box.right() - fm.horizontalAdvance(number) - fm.horizontalAdvance(QLatin1Char(' '));
            p.setPen(QPen(QColor(150, 150, 150), 1.0, Qt::DotLine));
            if (to > from) p.drawLine(QPointF(from, box.center().y() + fm.descent()), QPointF(to, box.center().y() + fm.descent()));
        });
    }
    f.newPage();
}

void summary(PageFlow& f, const ReportData& d) {
    const auto& r = d.recommendation;
    f.heading(QStringLiteral("Executive summary"));
    f.paragraph(QStringLiteral("Recommendation for “%1” (SLOs: %2).").arg(q(r.scenarioName), q(r.slosText)));
    if (r.noSlos) f.paragraph(QStringLiteral("No SLOs given: any alternative the platforms can run counts as meeting them."));
    QFont bold = f.bodyFont();
    bold.setBold(true);
    for (const QString& line : q(appcore::recommendationHeadline(r)).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        f.paragraph(line, bold);
    if (!r.flips.empty()) {
        f.heading(QStringLiteral("Where the recommendation changes"), 2);
        paragraphs(f, appcore::recommendationCrossovers(r));
    }
    f.heading(QStringLiteral("What cold starts cost (as configured)"), 2);
    paragraphs(f, appcore::recommendationColdStarts(r), true);
    if (const std::string problems = appcore::recommendationProblems(r); !problems.empty()) {
        f.heading(QStringLiteral("Alternatives that cannot run or miss the SLOs"), 2);
        paragraphs(f, problems, true);
    }
    f.paragraph(QStringLiteral("For the cheapest configuration of each alternative (node counts, min instances, "
                               "keep-alive, GPU), run `breakeven-cli optimize` with the same SLOs."),
                smallFont(f, 8.5));
}

std::optional<double> llmQuantile(const DeploymentResult& d, bool ttft, double quantile) {
    if (!d.llm) return std::nullopt;
    const auto& h = ttft ? d.llm->ttft : d.llm->tpot;
    return h.count() == 0 ? std::nullopt : std::optional(h.quantileSeconds(quantile));
}

void comparison(PageFlow& f, const ReportData& d) {
    f.heading(QStringLiteral("Comparison of the alternatives"));
    f.paragraph(QStringLiteral("At the scenario's traffic. $/month: usage scaled to 730 hours; $/1M: per million served "
                               "requests or tokens of the simulated period. ★ marks the cheapest alternative "
                               "meeting the SLOs."));
    std::vector<QStringList> rows, llmRows;
    for (std::size_t i = 0; i < d.rows.size(); ++i) {
        const auto& r = d.rows[i];
        rows.push_back({q(r.name) + (r.cheapestMeetingSlo ? QStringLiteral(" ★") : QString()), q(r.kind),
                        usd2(r.usdPerMonth), usd2(r.usdPer1MRequests), usd2(r.usdPer1MTokens), secs(r.p50Seconds),
                        secs(r.p99Seconds), pct(r.coldStartFraction),
                        QStringLiteral("%1 (%2)").arg(r.rejected).arg(pct(r.rejectFraction)),
                        r.sloMisses.empty() && d.recommendation.alternatives[i].outcome.limits.empty()
                            ? QStringLiteral("feasible, meets SLOs")
                            : !d.recommendation.alternatives[i].outcome.limits.empty() ? QStringLiteral("cannot run")
                                                                                        : QStringLiteral("misses SLOs")});
        const auto& dep = d.run.result.deployments[i];
        if (dep.llm)
            llmRows.push_back({q(r.name), secs(llmQuantile(dep, true, 0.5)), secs(llmQuantile(dep, true, 0.99)),
                               secs(llmQuantile(dep, false, 0.5)), secs(llmQuantile(dep, false, 0.99)),
                               pct(dep.llm->goodputFraction),
                               QString::number(dep.llm->outputTokensPerSecond, 'f', 1)});
    }
    f.table({{QStringLiteral("Alternative"), 3.2}, {QStringLiteral("Platform"), 1.6},
             {QStringLiteral("$/month"), 1.3, true}, {QStringLiteral("$/1M req"), 1.2, true},
             {QStringLiteral("$/1M tok"), 1.1, true}, {QStringLiteral("p50"), 1.0, true},
             {QStringLiteral("p99"), 1.0, true}, {QStringLiteral("Cold"), 0.9, true},
             {QStringLiteral("Rejects"), 1.3, true}, {QStringLiteral("Feasibility"), 1.4}},
            rows, smallFont(f, 7));
    if (!llmRows.empty()) {
        f.heading(QStringLiteral("LLM serving metrics"), 2);
        f.table({{QStringLiteral("Alternative"), 3.2}, {QStringLiteral("TTFT p50"), 1, true},
                 {QStringLiteral("TTFT p99"), 1, true}, {QStringLiteral("TPOT p50"), 1, true},
                 {QStringLiteral("TPOT p99"), 1, true}, {QStringLiteral("Goodput"), 1, true},
                 {QStringLiteral("Output tok/s"), 1.1, true}},
                llmRows, smallFont(f, 7.5));
    }
}

void costCurves(PageFlow& f, const ReportData& d) {
    f.keep(440);
    f.heading(QStringLiteral("Cost curves and crossovers"));
    f.paragraph(QStringLiteral("$/month of every alternative as the traffic (%1) is swept from 0.1× to 20× of the "
                               "scenario's, %2 log-spaced points; the vertical line is the scenario's traffic. "
                               "Crossovers are where two curves cross (filled: refined by re-simulation).")
                    .arg(q(d.sweep.result.parameter)).arg(d.sweep.points));
    f.drawing(330, [&](QPainter& p, const QRectF& box) { drawCostCurves(p, box, d); });
    std::vector<QStringList> rows;
    for (const auto& c : d.sweep.result.crossovers) {
        const auto& at = c.crossover.at;
        rows.push_back({q(c.aName), q(c.bName), QString::number(at.value, 'g', 4),
                        QString::number(at.ratePerSecond, 'g', 4), usd2(at.a.costUsdPerMonth),
                        c.crossover.refined ? QStringLiteral("refined") : QStringLiteral("interpolated")});
    }
    if (rows.empty()) {
        f.paragraph(QStringLiteral("No crossovers: the cost curves do not cross in this range."));
        return;
    }
    f.table({{QStringLiteral("Alternative A"), 3}, {QStringLiteral("Alternative B"), 3},
             {QStringLiteral("rateScale"), 1.1, true}, {QStringLiteral("requests/s"), 1.1, true},
             {QStringLiteral("$/month there"), 1.3, true}, {QStringLiteral("how found"), 1.2}},
            rows, smallFont(f, 7.5));
}

void coldStarts(PageFlow& f, const ReportData& d) {
    f.keep(260);  // heading, paragraph and the table together
    f.heading(QStringLiteral("Cold-start impact and the bill split"));
    f.paragraph(QStringLiteral("The app's cold-start view: cold requests, p99 (TTFT p99 for LLMs) and $/month of "
                               "every serverless alternative against keep-alive seconds and min instances; warm vs "
                               "cold latency of the recommended alternative; and each bill split into useful work "
                               "(time with a request in flight, request and token fees), idle tax (alive with "
                               "nothing in flight), cold-start tax (billed start-up) and other lines, per month."));
    std::vector<QStringList> rows;
    for (std::size_t i = 0; i < d.rows.size(); ++i) {
        const auto& s = d.run.costs[i].monthSplit;
        const auto& dep = d.run.result.deployments[i];
        rows.push_back({q(d.rows[i].name), usd2(s.usefulUsd), usd2(s.idleTaxUsd), usd2(s.coldStartTaxUsd),
                        usd2(s.otherUsd), pct(d.rows[i].coldStartFraction), QString::number(dep.coldStarts),
                        secs(dep.coldLatency.count() ? std::optional(dep.coldLatency.quantileSeconds(0.99))
                                                     : std::nullopt)});
    }
    f.table({{QStringLiteral("Alternative"), 3.2}, {QStringLiteral("useful"), 1.2, true},
             {QStringLiteral("idle tax"), 1.1, true}, {QStringLiteral("cold-start tax"), 1.2, true},
             {QStringLiteral("other"), 1, true}, {QStringLiteral("cold req."), 1, true},
             {QStringLiteral("cold starts"), 1, true}, {QStringLiteral("cold p99"), 1, true}},
            rows, smallFont(f, 7.5));
    f.drawing(640, [&](QPainter& p, const QRectF& box) { drawColdStartView(p, box, d); });
}

void latencies(PageFlow& f, const ReportData& d) {
    f.keep(340);
    f.heading(QStringLiteral("Latency distributions"));
    f.drawing(300, [&](QPainter& p, const QRectF& box) { drawLatencyCdf(p, box, d, false); });
    bool llm = false;
    for (const auto& dep : d.run.result.deployments) llm = llm || (dep.llm && dep.llm->ttft.count() > 0);
    if (llm) f.drawing(300, [&](QPainter& p, const QRectF& box) { drawLatencyCdf(p, box, d, true); });
}

void timelines(PageFlow& f, const ReportData& d) {
    f.keep(360);
    f.heading(QStringLiteral("A busy hour and a quiet hour"));
    const auto& rows = d.rows;
    const std::string featured = rows.empty() ? std::string() : rows[d.recommendation.winner.value_or(0)].name;
    f.paragraph(QStringLiteral("The app's timeline view of %1: arrivals per minute, instances alive and busy, queue "
                               "length, zoomed to the hour with the most arrivals and the hour with the fewest (in a "
                               "window shorter than two hours: its busiest and quietest quarter).")
                    .arg(q(featured)));
    for (const bool busy : {true, false}) {
        f.paragraph(busy ? QStringLiteral("Busiest") : QStringLiteral("Quietest"), smallFont(f, 9), 2);
        f.drawing(270, [&](QPainter& p, const QRectF& box) { drawTimelineView(p, box, d, busy); });
    }
}

void warnings(PageFlow& f, const ReportData& d) {
    f.heading(QStringLiteral("Feasibility warnings"));
    if (d.warnings.empty()) {
        f.paragraph(QStringLiteral("None: every alternative can run as configured."));
        return;
    }
    f.paragraph(QStringLiteral("limit: the platform cannot run it so; quota: a default account quota to raise first; "
                               "outcome: what the simulated traffic suffered."));
    QStringList lines;
    for (const auto& w : d.warnings) lines << q(w);
    f.bullets(lines, f.bodyFont());
}

void assumptions(PageFlow& f, const ReportData& d) {
    f.heading(QStringLiteral("Assumptions"));
    f.heading(QStringLiteral("Prices used"), 2);
    f.paragraph(QStringLiteral("Catalogue snapshot %1, prices as of %2.").arg(q(d.prices.snapshotId), q(d.prices.asOf)));
    std::vector<QStringList> rows;
    for (const auto& u : d.pricesUsed)
        rows.push_back({q(u.id), QString::number(u.usdPerUnit, 'g', 6), q(u.unit), q(u.effectiveFrom), q(u.source)});
    f.table({{QStringLiteral("Price"), 2.4}, {QStringLiteral("USD per unit"), 1.1, true}, {QStringLiteral("unit"), 1.4},
             {QStringLiteral("effective"), 1.1}, {QStringLiteral("source"), 4.0}},
            rows, smallFont(f, 7));
    f.heading(QStringLiteral("Modelling assumptions"), 2);
    QStringList lines;
    for (const auto& a : d.assumptions) lines << q(a);
    f.bullets(lines, smallFont(f, 8.5));
    f.heading(QStringLiteral("Scenario inputs"), 2);
    lines.clear();
    for (const auto& input : flattenInputs(d.scenarioJson)) lines << q(input);
    f.bullets(lines, f.monoFont());
}

void notPriced(PageFlow& f, const ReportData& d) {
    f.heading(QStringLiteral("What was not priced"));
    f.paragraph(QStringLiteral("Costs the bills above leave out, by platform; add them as cost lines where they matter."));
    QStringList lines;
    for (const auto& n : d.notPriced) lines << q(n);
    f.bullets(lines, smallFont(f, 8.5));
}

struct Pass {
    std::vector<TocEntry> toc;
    int pages = 0;
};

// One full layout; the first pass only finds the page numbers.
Pass render(QPdfWriter& writer, const ReportData& d, QPageSize::PageSizeId size, const Pass& previous) {
    QPainter painter;
    if (!painter.begin(&writer)) throw std::runtime_error("cannot start drawing the PDF");
    PageFlow f(writer, painter, QStringLiteral("Breakeven report — %1").arg(q(d.scenarioName)), previous.pages);
    titlePage(f, d, size);
    contentsPage(f, previous.toc);
    summary(f, d);
    comparison(f, d);
    costCurves(f, d);
    coldStarts(f, d);
    latencies(f, d);
    timelines(f, d);
    warnings(f, d);
    assumptions(f, d);
    notPriced(f, d);
    f.finish();
    painter.end();
    return {f.toc(), f.page()};
}

void setUp(QPdfWriter& writer, const ReportData& d, QPageSize::PageSizeId size) {
    writer.setPageSize(QPageSize(size));
    writer.setPageMargins(QMarginsF(18, 18, 18, 14), QPageLayout::Millimeter);
    writer.setResolution(300);
    writer.setTitle(QStringLiteral("Breakeven report — %1").arg(q(d.scenarioName)));
    writer.setCreator(QStringLiteral("Breakeven %1").arg(QStringLiteral(BREAKEVEN_VERSION)));
}

}  // namespace

int writeReport(const ReportData& data, const QString& path, QPageSize::PageSizeId pageSize) {
    // Pass 1 into memory finds each section's page and the page count (the
    // contents page has a fixed length, so pass 2 lays out the same).
    QBuffer scratch;
    scratch.open(QIODevice::WriteOnly);
    Pass first;
    {
        QPdfWriter writer(&scratch);
        setUp(writer, data, pageSize);
        Pass none;
        none.toc = {};
        first = render(writer, data, pageSize, none);
    }
    QPdfWriter writer(path);
    setUp(writer, data, pageSize);
    const Pass second = render(writer, data, pageSize, first);
    return second.pages;
}

}  // namespace breakeven::report
