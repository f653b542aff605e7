#pragma once
// The recommendation in plain language, beside the views: the same words as
// `breakeven-cli recommend` and the PDF report (appcore::Recommendation),
// from the last run's priced simulation and traffic sweep — nothing is
// simulated again to write it.
#include <QDockWidget>

#include "app/gui/SimulationRunner.h"

QT_BEGIN_NAMESPACE
class QTextBrowser;
QT_END_NAMESPACE

namespace breakeven::gui {

class RecommendationDock : public QDockWidget {
    Q_OBJECT
public:
    explicit RecommendationDock(QWidget* parent = nullptr);

    // `sweep` may be null (cancelled, or not run): no "where it changes".
    void showRun(const SimulationPtr& simulation, const SweepPtr& sweep);
    void clear(const QString& why);
    [[nodiscard]] QString text() const;

private:
    QTextBrowser* browser_;
};

}  // namespace breakeven::gui
