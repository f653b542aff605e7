#pragma once
// The Trace view: statistics of one request trace (trace::profileTrace) as a
// two-column table, its arrivals per minute and, for LLM traces, its token
// histograms. The trace is read lazily, when the view is visible, on a
// worker thread (a long trace must not freeze the window), and each (file,
// reading options) is profiled once.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QWidget>

#include "model/trace/TraceStats.h"

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace breakeven::views {

class ArrivalsChart;
class TokenHistogramChart;

// Rows (statistic, value) of a TraceProfile; empty without one.
class TraceStatsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit TraceStatsModel(QObject* parent = nullptr);
    void setProfile(const std::optional<trace::TraceProfile>& profile);
    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    // The value text of the row named `statistic` ("" when absent), for tests.
    [[nodiscard]] QString value(const QString& statistic) const;

private:
    struct Row {
        QString name, value, tip;
        bool section = false;
    };
    std::vector<Row> rows_;
};

// Identifies what to show: a file and how to read it.
struct TraceSelection {
    QString title;  // e.g. the workspace's trace name
    std::string path;
    trace::TraceOptions options;
    bool workspaceTrace = false;  // offers "Use for current scenario"
};

class TraceStatsView : public QWidget {
    Q_OBJECT
public:
    explicit TraceStatsView(QWidget* parent = nullptr);
    ~TraceStatsView() override;

    // Shows `selection` (read now when visible, else when next shown).
    void setTrace(const TraceSelection& selection);
    // Pre-fills the cache with a profile already computed (an import).
    void addProfile(const std::string& path, const trace::TraceOptions& options, trace::TraceProfile profile);
    // Nothing to show, with the reason.
    void setMessage(const QString& text);

    [[nodiscard]] TraceStatsModel* model() const { return model_; }
    [[nodiscard]] ArrivalsChart* arrivalsChart() const { return arrivals_; }
    [[nodiscard]] TokenHistogramChart* tokenChart() const { return tokens_; }
    [[nodiscard]] QString message() const;
    [[nodiscard]] const std::optional<TraceSelection>& selection() const { return selection_; }
    // A trace is being read on the worker.
    [[nodiscard]] bool isReading() const { return !pendingKey_.empty(); }

signals:
    void useForScenarioRequested();

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct ReadResult {
        std::string key;
        std::optional<trace::TraceProfile> profile;
        std::string error;
    };
    void refresh();
    void onRead();
    void showProfile(const trace::TraceProfile& profile);
    static std::string cacheKey(const std::string& path, const trace::TraceOptions& options);

    TraceStatsModel* model_;
    QLabel* title_;
    QLabel* message_;
    QPushButton* use_;
    QTableView* table_;
    ArrivalsChart* arrivals_;
    TokenHistogramChart* tokens_;
    std::optional<TraceSelection> selection_;
    bool stale_ = false;
    std::map<std::string, trace::TraceProfile> cache_;
    QFutureWatcher<ReadResult> watcher_;
    std::string pendingKey_;  // being read; "" when idle
};

}  // namespace breakeven::views
