#include "views/CatalogueModels.h"

#include <algorithm>
#include <cmath>

#include <QBrush>
#include <QFont>
#include <QPalette>

namespace breakeven::views {

std::vector<CatalogueRow> catalogueRows(const pricing::PriceSet& prices) {
    std::vector<CatalogueRow> items, instances;
    for (const auto& [id, p] : prices.items)
        items.push_back({p.platform, id, p.item, p.unit, p.usdPerUnit, p.effectiveFrom, p.source, p.verified, p.rowId});
    for (const auto& [id, t] : prices.instances) {
        const std::string platform = id.substr(0, id.find('.'));
        instances.push_back({platform, id, "instance", "hour", t.usdPerHourOnDemand, t.effectiveFrom, t.source,
                             t.verified, t.rowId});
    }
    auto byPlatform = [](const CatalogueRow& a, const CatalogueRow& b) {
        return std::tie(a.platform, a.id) < std::tie(b.platform, b.id);
    };
    std::sort(items.begin(), items.end(), byPlatform);
    std::sort(instances.begin(), instances.end(), byPlatform);
    items.insert(items.end(), instances.begin(), instances.end());
    return items;
}

QString formatUnitPrice(double usd) {
    // Fixed notation with ten significant digits: $0.0000166667, not 1.66667e-05.
    if (usd == 0.0 || !std::isfinite(usd)) return QStringLiteral("$") + QString::number(usd);
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(usd))));
    QString text = QString::number(usd, 'f', std::clamp(9 - magnitude, 2, 16));
    while (text.endsWith(QLatin1Char('0')) && text.indexOf(QLatin1Char('.')) < text.size() - 3) text.chop(1);
    return QStringLiteral("$") + text;
}

CataloguePriceModel::CataloguePriceModel(QObject* parent) : QAbstractTableModel(parent) {}

void CataloguePriceModel::setPrices(const pricing::PriceSet& prices) {
    beginResetModel();
    rows_ = catalogueRows(prices);
    endResetModel();
}

int CataloguePriceModel::rowOf(const std::string& id) const {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].id == id) return static_cast<int>(i);
    return -1;
}

int CataloguePriceModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int CataloguePriceModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant CataloguePriceModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const CatalogueRow& r = rows_[static_cast<std::size_t>(index.row())];
    if (role == IdRole) return QString::fromStdString(r.id);
    if (role == UsdRole) return r.usd;
    if (role == Qt::EditRole && index.column() == Usd) return r.usd;
    if (role == Qt::TextAlignmentRole && index.column() == Usd)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (index.column() == Usd) return tr("Double-click to set a new price: adds a dated row, the history is kept");
        if (index.column() == Source) return QString::fromStdString(r.source);
        return {};
    }
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case Platform: return QString::fromStdString(r.platform);
    case Id: return QString::fromStdString(r.id);
    case Item: return QString::fromStdString(r.item);
    case Unit: return QString::fromStdString(r.unit);
    case Usd: return formatUnitPrice(r.usd);
    case EffectiveFrom: return QString::fromStdString(r.effectiveFrom);
    case Source: return QString::fromStdString(r.source);
    default: return {};
    }
}

QVariant CataloguePriceModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const names[] = {"Platform", "Price", "USD per unit", "Unit", "Effective from", "Source", "Item"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

Qt::ItemFlags CataloguePriceModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Usd) f |= Qt::ItemIsEditable;
    return f;
}

bool CataloguePriceModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != Usd) return false;
    bool ok = false;
    const double usd = value.toDouble(&ok);
    const CatalogueRow& r = rows_[static_cast<std::size_t>(index.row())];
    if (ok && usd != r.usd) emit priceEditRequested(QString::fromStdString(r.id), usd);
    return false;  // the reload after the catalogue write shows the new row
}

CatalogueHistoryModel::CatalogueHistoryModel(QObject* parent) : QAbstractTableModel(parent) {}

void CatalogueHistoryModel::setHistory(std::vector<CatalogueRow> rows, std::int64_t inForceRowId) {
    beginResetModel();
    rows_ = std::move(rows);
    inForce_ = inForceRowId;
    endResetModel();
}

int CatalogueHistoryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int CatalogueHistoryModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant CatalogueHistoryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const CatalogueRow& r = rows_[static_cast<std::size_t>(index.row())];
    if (role == Qt::FontRole && r.rowId == inForce_) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ToolTipRole && r.rowId == inForce_) return tr("In force today");
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case RowId: return QVariant::fromValue<qlonglong>(r.rowId);
    case Usd: return formatUnitPrice(r.usd);
    case EffectiveFrom: return QString::fromStdString(r.effectiveFrom) + (r.rowId == inForce_ ? tr("  (in force)") : QString());
    case Source: return QString::fromStdString(r.source);
    case Verified: return r.verified ? tr("yes") : tr("no");
    default: return {};
    }
}

QVariant CatalogueHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const names[] = {"Row", "USD per unit", "Effective from", "Verified", "Source"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

}  // namespace breakeven::views
