#pragma once
// The catalogue browser: prices in force filtered by platform and text,
// the dated history of the selected price with its source link, and the
// requests to change a price or reset to the seed (the owner confirms and
// writes the catalogue).
#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
QT_END_NAMESPACE

namespace breakeven::views {

class CatalogueHistoryModel;
class CataloguePriceModel;

class CatalogueView : public QWidget {
    Q_OBJECT
public:
    CatalogueView(CataloguePriceModel* prices, CatalogueHistoryModel* history, QWidget* parent = nullptr);

    // Platform filter choices; call after the price model was reset.
    void updatePlatforms();
    void setCataloguePath(const QString& path);
    [[nodiscard]] QString currentId() const;
    void selectId(const QString& id);
    [[nodiscard]] QTableView* priceTable() const { return table_; }

signals:
    void currentPriceChanged(const QString& id);
    void editRequested(const QString& id);
    void resetRequested();

private:
    void currentChanged();

    CataloguePriceModel* prices_;
    QSortFilterProxyModel* byPlatform_;
    QSortFilterProxyModel* byText_;
    QComboBox* platform_;
    QLineEdit* search_;
    QTableView* table_;
    QTableView* historyTable_;
    QLabel* historyTitle_;
    QLabel* path_;
    QPushButton* edit_;
};

}  // namespace breakeven::views
