#include "app/gui/CatalogueController.h"

#include <exception>

#include <QInputDialog>
#include <QMessageBox>

#include "app/core/CatalogueAccess.h"
#include "views/CatalogueModels.h"
#include "views/CatalogueView.h"

namespace breakeven::gui {

namespace {
const char* const kEditSource = "edited in the Breakeven desktop app";
}

CatalogueController::CatalogueController(std::string path, QWidget* dialogParent, QObject* parent)
    : QObject(parent), path_(std::move(path)), dialogParent_(dialogParent),
      priceModel_(new views::CataloguePriceModel(this)), historyModel_(new views::CatalogueHistoryModel(this)),
      view_(new views::CatalogueView(priceModel_, historyModel_)) {
    confirm_ = [this](const QString& title, const QString& text) {
        return QMessageBox::question(dialogParent_, title, text) == QMessageBox::Yes;
    };
    askPrice_ = [this](const QString& id, const QString& unit, double current) -> std::optional<double> {
        bool ok = false;
        const double usd = QInputDialog::getDouble(dialogParent_, tr("Set price"),
                                                   tr("New price of %1 in USD per %2:").arg(id, unit), current, 0.0,
                                                   1e9, 10, &ok, Qt::WindowFlags(), current / 100.0);
        return ok ? std::optional<double>(usd) : std::nullopt;
    };
    connect(view_, &views::CatalogueView::currentPriceChanged, this, &CatalogueController::showHistory);
    connect(view_, &views::CatalogueView::editRequested, this, &CatalogueController::askAndSet);
    connect(view_, &views::CatalogueView::resetRequested, this, &CatalogueController::resetToSeed);
    connect(priceModel_, &views::CataloguePriceModel::priceEditRequested, this, &CatalogueController::setPrice);
}

std::string CatalogueController::displayPath() const {
    return path_.empty() ? pricing::defaultCataloguePath() : path_;
}

void CatalogueController::setPath(std::string path) {
    path_ = std::move(path);
    if (reload()) emit pricesChanged(prices_);
}

bool CatalogueController::reload() {
    const QString selected = view_->currentId();
    try {
        prices_ = appcore::openCatalogue(path_).load();
    } catch (const std::exception& e) {
        emit failed(tr("Price catalogue"), QString::fromStdString(e.what()));
        return false;
    }
    priceModel_->setPrices(prices_);
    view_->setCataloguePath(QString::fromStdString(displayPath()));
    view_->selectId(selected);
    showHistory(view_->currentId());
    return true;
}

void CatalogueController::showHistory(const QString& id) {
    std::vector<views::CatalogueRow> rows;
    std::int64_t inForce = 0;
    if (!id.isEmpty()) try {
            const pricing::Catalogue cat = appcore::openCatalogue(path_);
            const std::string key = id.toStdString();
            for (const auto& p : cat.history(key))
                rows.push_back({p.platform, p.id, p.item, p.unit, p.usdPerUnit, p.effectiveFrom, p.source, p.verified, p.rowId});
            for (const auto& t : cat.instanceHistory(key))
                rows.push_back({{}, t.id, "instance", "hour", t.usdPerHourOnDemand, t.effectiveFrom, t.source, t.verified, t.rowId});
            if (const auto* item = prices_.findItem(key)) inForce = item->rowId;
            if (const auto* instance = prices_.findInstance(key)) inForce = instance->rowId;
        } catch (const std::exception& e) {
            emit failed(tr("Price history"), QString::fromStdString(e.what()));
        }
    historyModel_->setHistory(std::move(rows), inForce);
}

void CatalogueController::askAndSet(const QString& id) {
    const int row = priceModel_->rowOf(id.toStdString());
    if (row < 0) return;
    const auto& r = priceModel_->rows()[static_cast<std::size_t>(row)];
    if (const auto usd = askPrice_(id, QString::fromStdString(r.unit), r.usd)) setPrice(id, *usd);
}

bool CatalogueController::setPrice(const QString& id, double usd) {
    const int row = priceModel_->rowOf(id.toStdString());
    if (row < 0) return false;
    const views::CatalogueRow old = priceModel_->rows()[static_cast<std::size_t>(row)];
    const QString unit = QString::fromStdString(old.unit);
    if (!confirm_(tr("Change price"),
                  tr("Change %1 from %2 to %3 per %4?\n\nThis adds a row effective %5 to the catalogue "
                     "(the old row stays in the history); results are re-priced.")
                      .arg(id, views::formatUnitPrice(old.usd), views::formatUnitPrice(usd), unit,
                           QString::fromStdString(prices_.asOf))))
        return false;
    try {
        pricing::Catalogue cat = appcore::openCatalogue(path_);
        cat.setPrice(id.toStdString(), usd, kEditSource, cat.load().asOf);
    } catch (const std::exception& e) {
        emit failed(tr("Change price"), QString::fromStdString(e.what()));
        return false;
    }
    if (!reload()) return false;
    emit message(tr("%1: %2 → %3 per %4").arg(id, views::formatUnitPrice(old.usd), views::formatUnitPrice(usd), unit));
    emit pricesChanged(prices_);
    return true;
}

bool CatalogueController::resetToSeed() {
    const QString path = QString::fromStdString(displayPath());
    if (!confirm_(tr("Reset catalogue"),
                  tr("Reset the price catalogue to the bundled price facts?\n\n%1 is moved aside (kept as a "
                     ".previous file) and recreated; every price you added is gone from the new one.").arg(path)))
        return false;
    std::string movedTo;
    try {
        (void)pricing::Catalogue::reset(displayPath(), appcore::embeddedSeed(), true, &movedTo);
    } catch (const std::exception& e) {
        emit failed(tr("Reset catalogue"), QString::fromStdString(e.what()));
        return false;
    }
    if (!reload()) return false;
    emit message(tr("Catalogue reset to the bundled price facts; the old one is %1")
                     .arg(QString::fromStdString(movedTo.empty() ? std::string("deleted") : movedTo)));
    emit pricesChanged(prices_);
    return true;
}

}  // namespace breakeven::gui
