#pragma once
// The "Catalogue" view's logic: loads the prices in force from the SQLite
// catalogue into the browser's models, shows a price's history, and writes
// edits — a new dated row (never an overwrite) or a reset to the embedded
// seed — after a confirmation naming the old and the new value. Every
// change emits pricesChanged so results can be re-priced without
// re-simulating.
#include <functional>
#include <optional>
#include <string>

#include <QObject>

#include "pricing/PriceSet.h"

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace breakeven::views {
class CatalogueHistoryModel;
class CataloguePriceModel;
class CatalogueView;
}  // namespace breakeven::views

namespace breakeven::gui {

class CatalogueController : public QObject {
    Q_OBJECT
public:
    using ConfirmFn = std::function<bool(const QString& title, const QString& text)>;
    using AskPriceFn = std::function<std::optional<double>(const QString& id, const QString& unit, double current)>;

    // "" = the default catalogue. The view is unparented: add it to a window.
    explicit CatalogueController(std::string path, QWidget* dialogParent, QObject* parent = nullptr);

    void setPath(std::string path);
    [[nodiscard]] const std::string& path() const { return path_; }
    // Re-reads the prices in force; false (and failed()) when it cannot.
    bool reload();
    [[nodiscard]] const pricing::PriceSet& prices() const { return prices_; }

    // Dialogs (tests and headless runs replace them).
    void setConfirm(ConfirmFn confirm) { confirm_ = std::move(confirm); }
    void setAskPrice(AskPriceFn ask) { askPrice_ = std::move(ask); }

    // Confirms, adds a row effective today, reloads. True when written.
    bool setPrice(const QString& id, double usd);
    bool resetToSeed();

    [[nodiscard]] views::CatalogueView* view() const { return view_; }
    [[nodiscard]] views::CataloguePriceModel* priceModel() const { return priceModel_; }
    [[nodiscard]] views::CatalogueHistoryModel* historyModel() const { return historyModel_; }

signals:
    void pricesChanged(const breakeven::pricing::PriceSet& prices);
    void failed(const QString& title, const QString& message);
    void message(const QString& text);

private:
    void showHistory(const QString& id);
    void askAndSet(const QString& id);
    [[nodiscard]] std::string displayPath() const;

    std::string path_;
    QWidget* dialogParent_;
    pricing::PriceSet prices_;
    views::CataloguePriceModel* priceModel_;
    views::CatalogueHistoryModel* historyModel_;
    views::CatalogueView* view_;
    ConfirmFn confirm_;
    AskPriceFn askPrice_;
};

}  // namespace breakeven::gui
