#include "views/ScenarioDelta.h"

#include <cmath>
#include <limits>

#include <QBrush>
#include <QColor>

namespace breakeven::views {

namespace {
QString text(const std::string& s) { return QString::fromStdString(s); }

double orNan(const std::optional<double>& v) { return v ? *v : std::numeric_limits<double>::quiet_NaN(); }

QString signedUsd(double usd) {
    const QString magnitude = text(formatUsd(std::abs(usd)));
    if (usd > 0.0) return QStringLiteral("+") + magnitude;
    return usd < 0.0 ? QStringLiteral("−") + magnitude : magnitude;
}

QString sloText(const ResultRow* row) {
    if (row == nullptr) return {};
    if (!row->sloMisses.empty()) return QObject::tr("missed");
    return row->cheapestMeetingSlo ? QObject::tr("met — cheapest") : QObject::tr("met");
}
}  // namespace

std::optional<double> DeltaRow::usdPerMonthChange() const {
    if (a == nullptr || b == nullptr || !a->usdPerMonth || !b->usdPerMonth) return std::nullopt;
    return *b->usdPerMonth - *a->usdPerMonth;
}

std::optional<double> DeltaRow::usdPerMonthChangeFraction() const {
    const auto change = usdPerMonthChange();
    if (!change || !(*a->usdPerMonth > 0.0)) return std::nullopt;
    return *change / *a->usdPerMonth;
}

std::vector<DeltaRow> scenarioDeltas(const std::vector<ResultRow>& a, const std::vector<ResultRow>& b) {
    std::vector<DeltaRow> rows;
    std::vector<bool> matched(b.size(), false);
    for (const ResultRow& ra : a) {
        DeltaRow row{ra.name, &ra, nullptr};
        for (std::size_t j = 0; j < b.size(); ++j)
            if (!matched[j] && b[j].name == ra.name) {
                row.b = &b[j];
                matched[j] = true;
                break;
            }
        rows.push_back(row);
    }
    for (std::size_t j = 0; j < b.size(); ++j)
        if (!matched[j]) rows.push_back(DeltaRow{b[j].name, nullptr, &b[j]});
    return rows;
}

ScenarioDeltaModel::ScenarioDeltaModel(QObject* parent) : QAbstractTableModel(parent) {}

void ScenarioDeltaModel::setScenarios(const QString& nameA, std::vector<ResultRow> a, const QString& nameB,
                                      std::vector<ResultRow> b) {
    beginResetModel();
    nameA_ = nameA, nameB_ = nameB;
    a_ = std::move(a), b_ = std::move(b);
    deltas_ = scenarioDeltas(a_, b_);  // points into the members: after they moved in
    endResetModel();
}

void ScenarioDeltaModel::clear() { setScenarios({}, {}, {}, {}); }

int ScenarioDeltaModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(deltas_.size());
}

int ScenarioDeltaModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ScenarioDeltaModel::display(const DeltaRow& row, int column) const {
    const ResultRow* a = row.a;
    const ResultRow* b = row.b;
    switch (column) {
    case Name: return text(row.name);
    case UsdA: return a ? text(formatUsd(a->usdPerMonth)) : tr("(absent)");
    case UsdB: return b ? text(formatUsd(b->usdPerMonth)) : tr("(absent)");
    case UsdChange: {
        const auto change = row.usdPerMonthChange();
        return change ? signedUsd(*change) : QString();
    }
    case UsdChangePercent: {
        const auto fraction = row.usdPerMonthChangeFraction();
        return fraction ? QStringLiteral("%1%2 %").arg(*fraction > 0 ? QStringLiteral("+") : QString())
                              .arg(*fraction * 100.0, 0, 'f', 1)
                        : QString();
    }
    case P99A: return a ? text(formatSeconds(a->p99Seconds)) : QString();
    case P99B: return b ? text(formatSeconds(b->p99Seconds)) : QString();
    case ColdA: return a ? text(formatPercent(a->coldStartFraction)) : QString();
    case ColdB: return b ? text(formatPercent(b->coldStartFraction)) : QString();
    case RejectA: return a ? text(formatPercent(a->rejectFraction)) : QString();
    case RejectB: return b ? text(formatPercent(b->rejectFraction)) : QString();
    case SloA: return sloText(a);
    case SloB: return sloText(b);
    default: return {};
    }
}

QVariant ScenarioDeltaModel::number(const DeltaRow& row, int column) const {
    const ResultRow* a = row.a;
    const ResultRow* b = row.b;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    switch (column) {
    case UsdA: return a ? orNan(a->usdPerMonth) : nan;
    case UsdB: return b ? orNan(b->usdPerMonth) : nan;
    case UsdChange: return orNan(row.usdPerMonthChange());
    case UsdChangePercent: return orNan(row.usdPerMonthChangeFraction());
    case P99A: return a ? orNan(a->p99Seconds) : nan;
    case P99B: return b ? orNan(b->p99Seconds) : nan;
    case ColdA: return a ? a->coldStartFraction : nan;
    case ColdB: return b ? b->coldStartFraction : nan;
    case RejectA: return a ? a->rejectFraction : nan;
    case RejectB: return b ? b->rejectFraction : nan;
    default: return display(row, column);
    }
}

QVariant ScenarioDeltaModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const DeltaRow& row = deltas_[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) return display(row, index.column());
    if (role == Qt::UserRole) return number(row, index.column());
    if (role == Qt::TextAlignmentRole && index.column() != Name)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && (index.column() == UsdChange || index.column() == UsdChangePercent)) {
        const auto change = row.usdPerMonthChange();
        if (change && *change != 0.0)  // cheaper in the second scenario: green
            return QBrush(*change < 0.0 ? QColor(44, 160, 44) : QColor(214, 39, 40));
    }
    return {};
}

QVariant ScenarioDeltaModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    const QString a = nameA_.isEmpty() ? tr("A") : nameA_;
    const QString b = nameB_.isEmpty() ? tr("B") : nameB_;
    switch (section) {
    case Name: return tr("Alternative");
    case UsdA: return tr("$/month\n%1").arg(a);
    case UsdB: return tr("$/month\n%1").arg(b);
    case UsdChange: return tr("Δ $/month");
    case UsdChangePercent: return tr("Δ %");
    case P99A: return tr("p99\n%1").arg(a);
    case P99B: return tr("p99\n%1").arg(b);
    case ColdA: return tr("Cold\n%1").arg(a);
    case ColdB: return tr("Cold\n%1").arg(b);
    case RejectA: return tr("Rejected\n%1").arg(a);
    case RejectB: return tr("Rejected\n%1").arg(b);
    case SloA: return tr("SLO\n%1").arg(a);
    case SloB: return tr("SLO\n%1").arg(b);
    default: return {};
    }
}

}  // namespace breakeven::views
