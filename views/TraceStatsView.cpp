#include "views/TraceStatsView.h"

#include <filesystem>
#include <system_error>

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "views/charts/TraceCharts.h"

namespace breakeven::views {

namespace {
QString integer(std::uint64_t n) { return QStringLiteral("%L1").arg(n); }
QString number(double v, int decimals) { return QStringLiteral("%L1").arg(v, 0, 'f', decimals); }

QString duration(double seconds) {
    if (seconds < 120.0) return QObject::tr("%1 s").arg(number(seconds, 1));
    if (seconds < 3 * 3600.0) return QObject::tr("%1 min").arg(number(seconds / 60.0, 1));
    if (seconds < 3 * 86400.0) return QObject::tr("%1 h").arg(number(seconds / 3600.0, 2));
    return QObject::tr("%1 days").arg(number(seconds / 86400.0, 2));
}

// "2023-11-16T18:15:46.680590Z" -> "2023-11-16 18:15:46 UTC" (the tooltip has it all).
QString startTime(const std::string& iso) {
    QString t = QString::fromStdString(iso.substr(0, 19));
    t.replace(QLatin1Char('T'), QLatin1Char(' '));
    return t + QStringLiteral(" UTC");
}

// "mean · p50 · p99 · max", the row name says so.
QString tokens(const trace::ValueStats& v) {
    return QStringLiteral("%1 · %2 · %3 · %4").arg(number(v.mean, 0), number(v.p50, 0), number(v.p99, 0), number(v.max, 0));
}

QString seconds(const trace::ValueStats& v) {
    return QStringLiteral("%1 · %2 · %3 s").arg(number(v.mean, 3), number(v.p50, 3), number(v.p99, 3));
}
}  // namespace

TraceStatsModel::TraceStatsModel(QObject* parent) : QAbstractTableModel(parent) {}

void TraceStatsModel::setProfile(const std::optional<trace::TraceProfile>& profile) {
    beginResetModel();
    rows_.clear();
    if (profile) {
        const trace::TraceStatistics& s = profile->stats;
        const trace::TraceReport& r = profile->report;
        auto add = [this](QString name, QString value, QString tip = {}) {
            rows_.push_back({std::move(name), std::move(value), std::move(tip), false});
        };
        auto section = [this](QString name) { rows_.push_back({std::move(name), {}, {}, true}); };
        section(tr("Trace"));
        add(tr("Format"), QString::fromUtf8(trace::toString(r.format)));
        if (r.startTime) add(tr("Starts"), startTime(*r.startTime), QString::fromStdString(*r.startTime));
        add(tr("Requests"), integer(s.requests));
        add(tr("Duration"), duration(s.durationSeconds), tr("First to last arrival"));
        if (r.skippedRows > 0) add(tr("Skipped rows"), integer(r.skippedRows));
        section(tr("Rate"));
        add(tr("Mean rate"), s.meanRatePerSecond ? tr("%1 /s · %2 /min").arg(number(*s.meanRatePerSecond, 3),
                                                                             number(*s.meanRatePerSecond * 60.0, 1))
                                                 : tr("—"));
        add(tr("Peak rate"), tr("%1 /s · %2 /min").arg(integer(s.peakPerSecond), integer(s.peakPerMinute)),
            tr("Most arrivals in any 1 s / 60 s window"));
        section(tr("Burstiness"));
        add(tr("Inter-arrival CV"), s.interarrivalCv ? number(*s.interarrivalCv, 2) : tr("—"),
            tr("Standard deviation over mean of the gaps between arrivals: 1 for Poisson traffic"));
        const auto ratio = trace::peakToMeanPerMinute(s);
        add(tr("Peak / mean (per minute)"), ratio ? tr("%1×").arg(number(*ratio, 2)) : tr("—"));
        if (s.inputTokens || s.outputTokens || s.serviceSeconds) section(tr("Per request"));
        const QString tokensTip = tr("Mean, median, 99th percentile and maximum (nearest rank)");
        if (s.inputTokens) add(tr("Input tokens (mean · p50 · p99 · max)"), tokens(*s.inputTokens), tokensTip);
        if (s.outputTokens) add(tr("Output tokens (mean · p50 · p99 · max)"), tokens(*s.outputTokens), tokensTip);
        if (s.serviceSeconds)
            add(tr("Service time (mean · p50 · p99)"), seconds(*s.serviceSeconds),
                tr("From the trace's duration column (p50/p99 within 0.4 %)"));
    }
    endResetModel();
}

int TraceStatsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int TraceStatsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : 2; }

QVariant TraceStatsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= 2) return {};
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole: return index.column() == 0 ? row.name : row.value;
        case Qt::ToolTipRole: return row.tip.isEmpty() ? QVariant() : QVariant(row.tip);
        case Qt::FontRole: {
            if (!row.section) return {};
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        default: return {};
    }
}

QVariant TraceStatsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    if (section == 0) return tr("Statistic");
    if (section == 1) return tr("Value");
    return {};
}

QString TraceStatsModel::value(const QString& statistic) const {
    for (const Row& r : rows_)
        if (r.name == statistic) return r.value;
    return {};
}

TraceStatsView::TraceStatsView(QWidget* parent)
    : QWidget(parent), model_(new TraceStatsModel(this)), title_(new QLabel(this)), message_(new QLabel(this)),
      use_(new QPushButton(tr("Use for current scenario"), this)), table_(new QTableView(this)),
      arrivals_(new ArrivalsChart(this)), tokens_(new TokenHistogramChart(this)) {
    setObjectName(QStringLiteral("traceView"));
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    title_->setFont(big);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    use_->setToolTip(tr("Make the current scenario's workload this trace (undoable)"));
    use_->setVisible(false);
    connect(use_, &QPushButton::clicked, this, &TraceStatsView::useForScenarioRequested);
    connect(&watcher_, &QFutureWatcher<ReadResult>::finished, this, &TraceStatsView::onRead);
    table_->setModel(model_);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->setWordWrap(true);
    table_->setMinimumWidth(400);
    auto* charts = new QSplitter(Qt::Vertical, this);
    charts->addWidget(arrivals_);
    charts->addWidget(tokens_);
    auto* help = new QLabel(tr("<p><b>Peak rate</b>: most arrivals in any 1 s or 60 s window.</p>"
                               "<p><b>Inter-arrival CV</b>: standard deviation over mean of the gaps between "
                               "arrivals; 1 for Poisson traffic, above 1 bursty.</p>"
                               "<p><b>Peak / mean</b>: the busiest minute over the average one; capacity sized "
                               "for the mean falls short by this factor.</p>"),
                            this);
    help->setWordWrap(true);
    help->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(table_);
    leftLayout->addWidget(help);
    leftLayout->addStretch(1);
    auto* body = new QSplitter(Qt::Horizontal, this);
    body->addWidget(left);
    body->addWidget(charts);
    body->setStretchFactor(1, 1);
    body->setSizes({440, 900});
    auto* header = new QHBoxLayout;
    header->addWidget(title_, 1);
    header->addWidget(use_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(header);
    layout->addWidget(message_);
    layout->addWidget(body, 1);
    setMessage(tr("The current scenario reads no trace. Import one with File ▸ Import Trace… or drop a file here."));
}

TraceStatsView::~TraceStatsView() = default;

std::string TraceStatsView::cacheKey(const std::string& path, const trace::TraceOptions& o) {
    // The file's size and time stamp too: a file changed on disk is read again.
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    const auto stamp = std::filesystem::last_write_time(path, ec).time_since_epoch().count();
    const trace::CsvMapping& m = o.mapping;
    auto opt = [](const std::optional<std::string>& s) { return s.value_or("\x01"); };
    std::string key = path;
    for (const std::string& part :
         {std::to_string(size), std::to_string(stamp), std::string(trace::toString(o.format)), m.timeColumn, m.timeUnit,
          opt(m.timeFormat), opt(m.serviceColumn), m.serviceUnit, opt(m.inputTokensColumn),
          opt(m.outputTokensColumn), opt(m.keyColumn), std::string(1, m.delimiter.value_or('\0')),
          std::to_string(static_cast<int>(o.onError))})
        key.append(1, '\x1f').append(part);
    return key;
}

void TraceStatsView::addProfile(const std::string& path, const trace::TraceOptions& options,
                                trace::TraceProfile profile) {
    cache_[cacheKey(path, options)] = std::move(profile);
}

void TraceStatsView::setTrace(const TraceSelection& selection) {
    selection_ = selection;
    stale_ = true;
    if (isVisible()) refresh();
}

void TraceStatsView::setMessage(const QString& text) {
    selection_.reset();
    pendingKey_.clear();
    stale_ = false;
    title_->setText(tr("Trace"));
    message_->setText(text);
    message_->setVisible(true);
    use_->setVisible(false);
    model_->setProfile(std::nullopt);
    arrivals_->clear();
    tokens_->clear();
    tokens_->setVisible(false);
}

QString TraceStatsView::message() const { return message_->isVisible() ? message_->text() : QString(); }

void TraceStatsView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (stale_) refresh();
}

void TraceStatsView::refresh() {
    stale_ = false;
    if (!selection_) return;
    const TraceSelection s = *selection_;
    title_->setText(s.title);
    title_->setToolTip(QString::fromStdString(s.path));
    use_->setVisible(s.workspaceTrace);
    const std::string key = cacheKey(s.path, s.options);
    if (const auto it = cache_.find(key); it != cache_.end()) {
        pendingKey_.clear();
        showProfile(it->second);
        return;
    }
    if (key == pendingKey_) return;  // already being read
    pendingKey_ = key;
    message_->setText(tr("Reading %1…").arg(QString::fromStdString(s.path)));
    message_->setVisible(true);
    model_->setProfile(std::nullopt);
    arrivals_->clear();
    tokens_->setVisible(false);
    watcher_.setFuture(QtConcurrent::run([key, path = s.path, options = s.options] {
        ReadResult r{key, std::nullopt, {}};
        try {
            auto reader = trace::openTrace(path, options);
            r.profile = trace::profileTrace(*reader);
        } catch (const std::exception& e) {
            r.error = e.what();
        }
        return r;
    }));
}

void TraceStatsView::onRead() {
    const ReadResult r = watcher_.result();
    if (r.profile) cache_[r.key] = *r.profile;
    if (r.key != pendingKey_) return;  // the selection changed meanwhile
    pendingKey_.clear();
    if (!selection_) return;
    if (r.profile) {
        showProfile(*r.profile);
        return;
    }
    const QString title = selection_->title;
    setMessage(tr("Cannot read this trace: %1").arg(QString::fromStdString(r.error)));
    title_->setText(title);
}

void TraceStatsView::showProfile(const trace::TraceProfile& p) {
    message_->setVisible(false);
    model_->setProfile(p);
    table_->resizeColumnToContents(0);
    table_->resizeRowsToContents();
    // As tall as its rows, so the notes below follow it instead of a blank.
    int height = table_->horizontalHeader()->height() + 2 * table_->frameWidth();
    for (int row = 0; row < model_->rowCount(); ++row) height += table_->rowHeight(row);
    table_->setFixedHeight(height);
    arrivals_->setArrivalsPerMinute(p.arrivalsPerMinute);
    const bool llm = !p.inputTokensLog2.empty() || !p.outputTokensLog2.empty();
    tokens_->setVisible(llm);
    if (llm) tokens_->setHistograms(p.inputTokensLog2, p.outputTokensLog2);
}

}  // namespace breakeven::views
