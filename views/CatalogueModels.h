#pragma once
// The catalogue browser's item models: every price in force (price items
// and instance types, by platform) and the dated history of one price.
// Editing a price in the table does not change the model: it asks for the
// edit (priceEditRequested) and the owner adds a dated catalogue row, then
// reloads.
#include <optional>
#include <string>
#include <vector>

#include <QAbstractTableModel>

#include "pricing/PriceSet.h"

namespace breakeven::views {

struct CatalogueRow {
    std::string platform;
    std::string id;     // price item or instance type id (what `catalog set` takes)
    std::string item;   // "compute", "gpu", or "instance" for instance types
    std::string unit;   // "GB-second", "hour"
    double usd = 0.0;   // per unit
    std::string effectiveFrom;
    std::string source;
    bool verified = false;
    std::int64_t rowId = 0;
};

// Price items then instance types, each sorted by platform and id.
std::vector<CatalogueRow> catalogueRows(const pricing::PriceSet& prices);

class CataloguePriceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Platform, Id, Usd, Unit, EffectiveFrom, Source, Item, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, UsdRole };

    explicit CataloguePriceModel(QObject* parent = nullptr);
    void setPrices(const pricing::PriceSet& prices);
    [[nodiscard]] const std::vector<CatalogueRow>& rows() const { return rows_; }
    [[nodiscard]] int rowOf(const std::string& id) const;  // -1 when absent

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

signals:
    void priceEditRequested(const QString& id, double usd);

private:
    std::vector<CatalogueRow> rows_;
};

class CatalogueHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { RowId, Usd, EffectiveFrom, Verified, Source, ColumnCount };

    explicit CatalogueHistoryModel(QObject* parent = nullptr);
    // Oldest first; `inForceRowId` is marked.
    void setHistory(std::vector<CatalogueRow> rows, std::int64_t inForceRowId);
    [[nodiscard]] const std::vector<CatalogueRow>& rows() const { return rows_; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<CatalogueRow> rows_;
    std::int64_t inForce_ = 0;
};

// "$0.0000166667", "$0.15": fixed notation, ten significant digits.
QString formatUnitPrice(double usd);

}  // namespace breakeven::views
