#include "views/ResultsTableModel.h"

#include <cmath>
#include <limits>

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QStringList>

namespace breakeven::views {

namespace {
QString text(const std::string& s) { return QString::fromStdString(s); }

double orNan(const std::optional<double>& v) { return v ? *v : std::numeric_limits<double>::quiet_NaN(); }

QString joined(const std::vector<std::string>& items, const char* separator) {
    QStringList list;
    for (const auto& i : items) list << text(i);
    return list.join(QString::fromUtf8(separator));
}
}  // namespace

ResultsTableModel::ResultsTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ResultsTableModel::setRows(std::vector<ResultRow> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

void ResultsTableModel::clear() { setRows({}); }

int ResultsTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ResultsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ResultsTableModel::display(const ResultRow& row, int column) const {
    switch (column) {
    case Name: return text(row.name);
    case Kind: return text(row.kind);
    case UsdPerMonth: return text(formatUsd(row.usdPerMonth));
    case UsdPer1MRequests: return text(formatUsd(row.usdPer1MRequests));
    case UsdPer1MTokens: return text(formatUsd(row.usdPer1MTokens));
    case P50: return text(formatSeconds(row.p50Seconds));
    case P99: return text(formatSeconds(row.p99Seconds));
    case ColdFraction: return text(formatPercent(row.coldStartFraction));
    case RejectFraction: return text(formatPercent(row.rejectFraction));
    case Slo:
        if (!row.sloMisses.empty()) return tr("missed");
        return row.cheapestMeetingSlo ? tr("met — cheapest") : tr("met");
    case Warnings: return row.warnings.empty() ? QString() : joined(row.warnings, "; ");
    default: return {};
    }
}

QVariant ResultsTableModel::number(const ResultRow& row, int column) const {
    switch (column) {
    case UsdPerMonth: return orNan(row.usdPerMonth);
    case UsdPer1MRequests: return orNan(row.usdPer1MRequests);
    case UsdPer1MTokens: return orNan(row.usdPer1MTokens);
    case P50: return orNan(row.p50Seconds);
    case P99: return orNan(row.p99Seconds);
    case ColdFraction: return row.coldStartFraction;
    case RejectFraction: return row.rejectFraction;
    case Slo: return row.cheapestMeetingSlo;
    default: return display(row, column);
    }
}

QVariant ResultsTableModel::toolTip(const ResultRow& row, int column) const {
    if (column == Slo && !row.sloMisses.empty()) return joined(row.sloMisses, "\n");
    if (column == Warnings && !row.warnings.empty()) return joined(row.warnings, "\n");
    if (row.cheapestMeetingSlo) return tr("The cheapest alternative meeting the scenario's SLOs");
    return {};
}

QVariant ResultsTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const ResultRow& row = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case Qt::UserRole: return number(row, index.column());
    case Qt::ToolTipRole: return toolTip(row, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == Name || index.column() == Kind || index.column() == Warnings)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (row.cheapestMeetingSlo) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::BackgroundRole:
        // Translucent, so it reads on light and dark palettes alike.
        if (row.cheapestMeetingSlo) return QBrush(QColor(46, 160, 67, 70));
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Slo && !row.sloMisses.empty()) return QBrush(QColor(200, 50, 40));
        if (index.column() == Warnings && !row.warnings.empty()) return QBrush(QColor(190, 110, 0));
        return {};
    default: return {};
    }
}

QVariant ResultsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Alternative");
    case Kind: return tr("Platform");
    case UsdPerMonth: return tr("$/month");
    case UsdPer1MRequests: return tr("$/1M requests");
    case UsdPer1MTokens: return tr("$/1M tokens");
    case P50: return tr("p50");
    case P99: return tr("p99");
    case ColdFraction: return tr("Cold requests");
    case RejectFraction: return tr("Rejected");
    case Slo: return tr("SLO");
    case Warnings: return tr("Feasibility warnings");
    default: return {};
    }
}

}  // namespace breakeven::views
