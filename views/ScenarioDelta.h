#pragma once
// Two scenarios side by side: every alternative matched by name, with its
// $/month, p99, cold and reject fractions in each and the change from the
// first to the second. Qt-free rows, and the table model that shows them.
#include <optional>
#include <string>
#include <vector>

#include <QAbstractTableModel>

#include "views/ResultRows.h"

namespace breakeven::views {

struct DeltaRow {
    std::string name;
    const ResultRow* a = nullptr;  // nullptr: the alternative is only in the other scenario
    const ResultRow* b = nullptr;
    // b − a when both are priced; relative to a when a is positive.
    [[nodiscard]] std::optional<double> usdPerMonthChange() const;
    [[nodiscard]] std::optional<double> usdPerMonthChangeFraction() const;
};

// Rows in the first scenario's order, then those only in the second. The
// pointers refer into `a` and `b`, which must outlive the rows.
std::vector<DeltaRow> scenarioDeltas(const std::vector<ResultRow>& a, const std::vector<ResultRow>& b);

class ScenarioDeltaModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Name, UsdA, UsdB, UsdChange, UsdChangePercent, P99A, P99B, ColdA, ColdB, RejectA, RejectB, SloA, SloB,
        ColumnCount
    };

    explicit ScenarioDeltaModel(QObject* parent = nullptr);

    // Replaces both sides; an empty `b` shows the first scenario alone.
    void setScenarios(const QString& nameA, std::vector<ResultRow> a, const QString& nameB, std::vector<ResultRow> b);
    void clear();
    [[nodiscard]] const std::vector<DeltaRow>& deltas() const { return deltas_; }
    [[nodiscard]] const std::vector<ResultRow>& first() const { return a_; }
    [[nodiscard]] const std::vector<ResultRow>& second() const { return b_; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    [[nodiscard]] QVariant display(const DeltaRow& row, int column) const;
    [[nodiscard]] QVariant number(const DeltaRow& row, int column) const;

    QString nameA_, nameB_;
    std::vector<ResultRow> a_, b_;
    std::vector<DeltaRow> deltas_;
};

}  // namespace breakeven::views
