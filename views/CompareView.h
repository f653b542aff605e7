#pragma once
// The compare view: a one-line verdict (the cheapest alternative meeting the
// SLOs, or why there is none) above the results table of every alternative;
// below, the current scenario against another one of the workspace, every
// alternative matched by name with the change in $/month, p99, cold starts
// and rejects. Which scenario to compare with is the owner's to run: the view
// asks (compareRequested) and shows what it is given (deltaModel()).
#include <QStringList>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QTableView;
QT_END_NAMESPACE

namespace breakeven::views {

class ResultsTableModel;
class ScenarioDeltaModel;

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(ResultsTableModel* model, QWidget* parent = nullptr);
    [[nodiscard]] QTableView* table() const { return table_; }
    [[nodiscard]] QTableView* deltaTable() const { return deltaTable_; }
    [[nodiscard]] ScenarioDeltaModel* deltaModel() const { return deltas_; }
    [[nodiscard]] QString verdict() const;
    [[nodiscard]] QString deltaVerdict() const;

    // The workspace's scenarios; `current` is the one shown above and is not
    // offered. Keeps the chosen scenario when it is still there.
    void setScenarios(const QStringList& names, int current);
    // Index of the scenario compared with, or -1.
    [[nodiscard]] int comparedScenario() const;
    // Shows `scenario` as the one compared with, without asking for a run.
    void setComparedScenario(int scenario);
    void setCompareStatus(const QString& text);

signals:
    void compareRequested(int scenario);  // -1: none

private:
    void updateVerdict();
    void updateDeltaVerdict();

    ResultsTableModel* model_;
    ScenarioDeltaModel* deltas_;
    QLabel* verdict_;
    QTableView* table_;
    QComboBox* other_;
    QLabel* deltaVerdict_;
    QTableView* deltaTable_;
};

// A table view set up for ResultsTableModel (shared by the dock and this view).
QTableView* makeResultsTable(ResultsTableModel* model, QWidget* parent);

}  // namespace breakeven::views
