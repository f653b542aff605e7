#include "app/gui/CompareController.h"

#include <QStringList>

#include "app/gui/WorkspaceDocument.h"
#include "views/CompareView.h"
#include "views/ResultRows.h"
#include "views/ResultsTableModel.h"
#include "views/ScenarioDelta.h"

namespace breakeven::gui {

CompareController::CompareController(views::CompareView* view, views::ResultsTableModel* current, QObject* parent)
    : QObject(parent), view_(view), current_(current) {
    connect(view_, &views::CompareView::compareRequested, this, &CompareController::compareWith);
    connect(current_, &QAbstractItemModel::modelReset, this, &CompareController::refresh);
    connect(&runner_, &SimulationRunner::simulated, this, [this](const SimulationPtr& run) { otherRun_ = run; });
    connect(&runner_, &SimulationRunner::failed, this, [this](const QString& message) { error_ = message; });
    connect(&runner_, &SimulationRunner::finished, this, [this](bool cancelled) {
        if (!error_.isEmpty()) view_->setCompareStatus(tr("Could not run the other scenario: %1").arg(error_));
        else if (!cancelled) refresh();
        if (!cancelled) emit comparisonReady();
    });
}

void CompareController::setDocument(const WorkspaceDocument* document, int currentScenario) {
    const bool sameDocument = document == document_;
    document_ = document;
    currentScenario_ = currentScenario;
    QStringList names;
    for (const auto& s : document_->workspace().scenarios) names << QString::fromStdString(s.scenario.name);
    if (!sameDocument) other_ = -1;
    view_->setScenarios(names, currentScenario);
    // The other scenario may have been edited: run it again.
    if (other_ >= 0 && other_ == view_->comparedScenario()) compareWith(other_);
}

void CompareController::compareWith(int index) {
    other_ = index;
    view_->setComparedScenario(index);
    otherRun_.reset();
    error_.clear();
    if (document_ == nullptr || index < 0 || index >= document_->scenarioCount()) {
        runner_.cancel();
        other_ = -1;
        refresh();
        return;
    }
    RunRequest request;
    request.scenario = document_->workspace().scenarios[static_cast<std::size_t>(index)].scenario;
    request.source = document_->source();
    request.cataloguePath = cataloguePath_;
    request.sweep = false;
    view_->deltaModel()->clear();  // the previous comparison is stale from here on
    view_->setCompareStatus(tr("Simulating “%1” for the comparison…").arg(QString::fromStdString(request.scenario.name)));
    runner_.start(std::move(request));
}

void CompareController::refresh() {
    if (document_ == nullptr) return;
    const auto& scenarios = document_->workspace().scenarios;
    const auto nameOf = [&scenarios](int i) {
        return i >= 0 && i < static_cast<int>(scenarios.size())
                   ? QString::fromStdString(scenarios[static_cast<std::size_t>(i)].scenario.name)
                   : QString();
    };
    if (other_ < 0 || !otherRun_) {  // nothing to compare (yet): no half-empty table
        view_->deltaModel()->clear();
        return;
    }
    view_->deltaModel()->setScenarios(nameOf(currentScenario_), current_->rows(), nameOf(other_),
                                      views::resultRows(otherRun_->scenario, otherRun_->result, otherRun_->costs));
}

}  // namespace breakeven::gui
