#pragma once
// The compare view: a one-line verdict (the cheapest alternative meeting the
// SLOs, or why there is none) above the results table of every alternative.
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QTableView;
QT_END_NAMESPACE

namespace breakeven::views {

class ResultsTableModel;

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(ResultsTableModel* model, QWidget* parent = nullptr);
    [[nodiscard]] QTableView* table() const { return table_; }
    [[nodiscard]] QString verdict() const;

private:
    void updateVerdict();

    ResultsTableModel* model_;
    QLabel* verdict_;
    QTableView* table_;
};

// A table view set up for ResultsTableModel (shared by the dock and this view).
QTableView* makeResultsTable(ResultsTableModel* model, QWidget* parent);

}  // namespace breakeven::views
