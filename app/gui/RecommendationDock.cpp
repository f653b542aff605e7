#include "app/gui/RecommendationDock.h"

#include <QTextBrowser>

#include "app/core/Recommendation.h"

namespace breakeven::gui {

namespace {
QString paragraphs(const std::string& section) {
    QString html;
    for (const QString& line : QString::fromStdString(section).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        html += QStringLiteral("<p>%1</p>").arg(line.trimmed().toHtmlEscaped());
    return html;
}
}  // namespace

RecommendationDock::RecommendationDock(QWidget* parent)
    : QDockWidget(tr("Recommendation"), parent), browser_(new QTextBrowser(this)) {
    setObjectName(QStringLiteral("recommendationDock"));
    browser_->setOpenLinks(false);
    setWidget(browser_);
    clear(tr("Run a scenario to see which alternative to choose."));
}

void RecommendationDock::clear(const QString& why) { browser_->setHtml(QStringLiteral("<p>%1</p>").arg(why.toHtmlEscaped())); }

QString RecommendationDock::text() const { return browser_->toPlainText(); }

void RecommendationDock::showRun(const SimulationPtr& simulation, const SweepPtr& sweep) {
    if (!simulation) return clear(tr("No results yet."));
    const Scenario& s = simulation->scenario;
    appcore::RecommendationSweep traffic;
    if (sweep) {
        traffic.result = *sweep;
        // The sweep's base: a trace's own rateScale, 1 on generated workloads.
        traffic.baseValue = s.workload.trace && s.workload.trace->rateScale > 0.0 ? s.workload.trace->rateScale : 1.0;
        traffic.points = static_cast<int>(sweep->points.size());
    }
    const auto r = appcore::recommend(s.name, s.slos, appcore::describeSlos(s.slos), simulation->result,
                                      simulation->costs, sweep ? &traffic : nullptr);
    QString html = QStringLiteral("<h3>%1</h3>").arg(QString::fromStdString(s.name).toHtmlEscaped());
    html += QStringLiteral("<p><i>%1</i></p>")
                .arg(tr("SLOs: %1").arg(QString::fromStdString(r.slosText)).toHtmlEscaped());
    html += QStringLiteral("<div style='font-weight:600'>%1</div>").arg(paragraphs(appcore::recommendationHeadline(r)));
    html += paragraphs(appcore::recommendationCrossovers(r));
    html += paragraphs(appcore::recommendationColdStarts(r));
    html += paragraphs(appcore::recommendationProblems(r));
    browser_->setHtml(html);
}

}  // namespace breakeven::gui
