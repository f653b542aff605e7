#include "views/CompareView.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include "views/ResultsTableModel.h"

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
    : QWidget(parent), model_(model), verdict_(new QLabel(this)), table_(makeResultsTable(model, this)) {
    verdict_->setWordWrap(true);
    verdict_->setTextFormat(Qt::RichText);
    verdict_->setContentsMargins(8, 8, 8, 8);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(verdict_);
    layout->addWidget(table_, 1);
    connect(model_, &QAbstractItemModel::modelReset, this, &CompareView::updateVerdict);
    updateVerdict();
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
