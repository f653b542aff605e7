#include "views/CompareView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "views/ResultsTableModel.h"
#include "views/ScenarioDelta.h"

namespace breakeven::views {

QTableView* makeResultsTable(ResultsTableModel* model, QWidget* parent) {
    auto* table = new QTableView(parent);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(ResultsTableModel::Warnings, QHeaderView::Stretch);
    return table;
}

CompareView::CompareView(ResultsTableModel* model, QWidget* parent)
    : QWidget(parent), model_(model), deltas_(new ScenarioDeltaModel(this)), verdict_(new QLabel(this)),
      table_(makeResultsTable(model, this)), other_(new QComboBox(this)), deltaVerdict_(new QLabel(this)),
      deltaTable_(new QTableView(this)) {
    for (QLabel* label : {verdict_, deltaVerdict_}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        label->setContentsMargins(8, 8, 8, 8);
    }
    other_->setObjectName(QStringLiteral("compareWith"));
    other_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    deltaTable_->setModel(deltas_);
    deltaTable_->setAlternatingRowColors(true);
    deltaTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
    deltaTable_->verticalHeader()->setVisible(false);
    deltaTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    deltaTable_->horizontalHeader()->setStretchLastSection(true);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(verdict_);
    topLayout->addWidget(table_, 1);
    auto* bottom = new QWidget(this);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto* picker = new QHBoxLayout;
    picker->setContentsMargins(8, 8, 8, 0);
    picker->addWidget(new QLabel(tr("Compare with scenario:"), bottom));
    picker->addWidget(other_);
    picker->addStretch(1);
    bottomLayout->addLayout(picker);
    bottomLayout->addWidget(deltaVerdict_);
    bottomLayout->addWidget(deltaTable_, 1);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    connect(model_, &QAbstractItemModel::modelReset, this, &CompareView::updateVerdict);
    connect(deltas_, &QAbstractItemModel::modelReset, this, &CompareView::updateDeltaVerdict);
    connect(other_, &QComboBox::activated, this, [this] { emit compareRequested(comparedScenario()); });
    setScenarios({}, -1);
    updateVerdict();
}

void CompareView::setScenarios(const QStringList& names, int current) {
    const int previous = comparedScenario();
    other_->clear();
    other_->addItem(tr("(none)"), -1);
    for (int i = 0; i < names.size(); ++i)
        if (i != current) other_->addItem(names[i], i);
    const int keep = other_->findData(previous);
    other_->setCurrentIndex(keep >= 0 ? keep : 0);
    other_->setEnabled(other_->count() > 1);
    if (keep < 0 && previous >= 0) emit compareRequested(-1);
    updateDeltaVerdict();
}

int CompareView::comparedScenario() const {
    return other_->currentIndex() < 0 ? -1 : other_->currentData().toInt();
}

void CompareView::setComparedScenario(int scenario) {
    const int at = other_->findData(scenario);
    other_->setCurrentIndex(at >= 0 ? at : 0);
}

void CompareView::setCompareStatus(const QString& text) { deltaVerdict_->setText(text); }

QString CompareView::deltaVerdict() const { return deltaVerdict_->text(); }

void CompareView::updateDeltaVerdict() {
    deltaTable_->setVisible(!deltas_->second().empty());
    if (other_->count() <= 1) {
        deltaVerdict_->setText(tr("The workspace has one scenario: add another to compare against."));
        return;
    }
    if (comparedScenario() < 0 || deltas_->second().empty()) {
        deltaVerdict_->setText(tr("Pick a scenario to see every alternative's change in cost and latency."));
        return;
    }
    const auto cheapest = [](const std::vector<ResultRow>& rows) -> const ResultRow* {
        for (const auto& r : rows)
            if (r.cheapestMeetingSlo) return &r;
        return nullptr;
    };
    const ResultRow* a = cheapest(deltas_->first());
    const ResultRow* b = cheapest(deltas_->second());
    const auto describe = [](const ResultRow* r) {
        return r == nullptr ? tr("none meets the SLOs")
                            : tr("%1 at %2/month").arg(QString::fromStdString(r->name).toHtmlEscaped(),
                                                       QString::fromStdString(formatUsd(r->usdPerMonth)));
    };
    const QString nameB = other_->currentText().toHtmlEscaped();
    deltaVerdict_->setText(tr("<b>Cheapest meeting the SLOs:</b> this scenario — %1; “%2” — %3.")
                               .arg(describe(a), nameB, describe(b)));
}

QString CompareView::verdict() const { return verdict_->text(); }

void CompareView::updateVerdict() {
    const auto& rows = model_->rows();
    if (rows.empty()) {
        verdict_->setText(tr("No results yet: run the scenario (Run ▸ Run, Ctrl+R)."));
        return;
    }
    for (const auto& r : rows)
        if (r.cheapestMeetingSlo) {
            verdict_->setText(tr("<b>Cheapest meeting the SLOs:</b> %1 at <b>%2/month</b> (%3 per 1M requests, p99 %4).")
                                  .arg(QString::fromStdString(r.name).toHtmlEscaped(),
                                       QString::fromStdString(formatUsd(r.usdPerMonth)),
                                       QString::fromStdString(formatUsd(r.usdPer1MRequests)),
                                       QString::fromStdString(formatSeconds(r.p99Seconds))));
            return;
        }
    verdict_->setText(tr("<b>No priced alternative meets the SLOs</b> at the current traffic; see the SLO column."));
}

}  // namespace breakeven::views
