#pragma once
// The results table: one row per top-level alternative of the last priced
// simulation (ResultRow), the cheapest one meeting the SLOs highlighted.
// Display text comes from the same helpers as the headless summary; the
// numbers themselves are under Qt::UserRole (NaN when absent) for sorting
// and tests.
#include <vector>

#include <QAbstractTableModel>

#include "views/ResultRows.h"

namespace breakeven::views {

class ResultsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Name, Kind, UsdPerMonth, UsdPer1MRequests, UsdPer1MTokens, P50, P99, ColdFraction,
        RejectFraction, Slo, Warnings, ColumnCount
    };

    explicit ResultsTableModel(QObject* parent = nullptr);

    void setRows(std::vector<ResultRow> rows);
    void clear();
    [[nodiscard]] const std::vector<ResultRow>& rows() const { return rows_; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    [[nodiscard]] QVariant display(const ResultRow& row, int column) const;
    [[nodiscard]] QVariant number(const ResultRow& row, int column) const;
    [[nodiscard]] QVariant toolTip(const ResultRow& row, int column) const;

    std::vector<ResultRow> rows_;
};

}  // namespace breakeven::views
