#include "views/CatalogueView.h"

#include <algorithm>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "views/CatalogueModels.h"

namespace breakeven::views {

namespace {
QTableView* makeTable(QWidget* parent) {
    auto* t = new QTableView(parent);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->setVisible(false);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    t->horizontalHeader()->setStretchLastSection(true);
    t->setAlternatingRowColors(true);
    return t;
}
}  // namespace

CatalogueView::CatalogueView(CataloguePriceModel* prices, CatalogueHistoryModel* history, QWidget* parent)
    : QWidget(parent), prices_(prices), byPlatform_(new QSortFilterProxyModel(this)),
      byText_(new QSortFilterProxyModel(this)) {
    byPlatform_->setSourceModel(prices);
    byPlatform_->setFilterKeyColumn(CataloguePriceModel::Platform);
    byText_->setSourceModel(byPlatform_);
    byText_->setFilterKeyColumn(-1);
    byText_->setFilterCaseSensitivity(Qt::CaseInsensitive);

    platform_ = new QComboBox(this);
    search_ = new QLineEdit(this);
    search_->setPlaceholderText(tr("Filter: price id, item, unit, source…"));
    search_->setClearButtonEnabled(true);
    edit_ = new QPushButton(tr("Set price…"), this);
    edit_->setToolTip(tr("Adds a dated row to the catalogue; results are re-priced at once"));
    auto* reset = new QPushButton(tr("Reset to seed…"), this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Platform:"), this));
    bar->addWidget(platform_);
    bar->addWidget(search_, 1);
    bar->addWidget(edit_);
    bar->addWidget(reset);

    table_ = makeTable(this);
    table_->setModel(byText_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(-1, Qt::AscendingOrder);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);

    auto* lower = new QWidget(this);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    historyTitle_ = new QLabel(lower);
    historyTitle_->setTextFormat(Qt::RichText);
    historyTitle_->setOpenExternalLinks(true);
    historyTitle_->setWordWrap(true);
    historyTable_ = makeTable(lower);
    historyTable_->setModel(history);
    connect(history, &QAbstractItemModel::modelReset, historyTable_, &QTableView::resizeColumnsToContents);
    lowerLayout->addWidget(historyTitle_);
    lowerLayout->addWidget(historyTable_);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(table_);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    path_ = new QLabel(this);
    path_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    layout->addWidget(path_);

    connect(platform_, &QComboBox::currentIndexChanged, this, [this](int i) {
        const QString p = i <= 0 ? QString() : platform_->itemText(i);
        byPlatform_->setFilterRegularExpression(p.isEmpty() ? QString() : QStringLiteral("^%1$").arg(QRegularExpression::escape(p)));
    });
    connect(search_, &QLineEdit::textChanged, byText_, &QSortFilterProxyModel::setFilterFixedString);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CatalogueView::currentChanged);
    connect(edit_, &QPushButton::clicked, this, [this] {
        if (!currentId().isEmpty()) emit editRequested(currentId());
    });
    connect(reset, &QPushButton::clicked, this, &CatalogueView::resetRequested);
    connect(prices_, &QAbstractItemModel::modelReset, this, &CatalogueView::updatePlatforms);
    updatePlatforms();
    currentChanged();
}

void CatalogueView::updatePlatforms() {
    const QString current = platform_->currentText();
    QStringList platforms;
    QSet<QString> seen;
    for (const auto& r : prices_->rows()) {
        const QString p = QString::fromStdString(r.platform);
        if (!seen.contains(p)) platforms << p, seen.insert(p);
    }
    platforms.sort();
    const QSignalBlocker block(platform_);
    platform_->clear();
    platform_->addItem(tr("All platforms"));
    platform_->addItems(platforms);
    platform_->setCurrentIndex(std::max(0, platform_->findText(current)));
    table_->resizeColumnsToContents();
    // Long units ("fraction of EC2 on-demand price") and ids elide instead
    // of pushing the date and the source out of sight.
    table_->setColumnWidth(CataloguePriceModel::Unit, std::min(table_->columnWidth(CataloguePriceModel::Unit), 170));
    table_->setColumnWidth(CataloguePriceModel::Id, std::min(table_->columnWidth(CataloguePriceModel::Id), 320));
    table_->setColumnWidth(CataloguePriceModel::Source, std::min(table_->columnWidth(CataloguePriceModel::Source), 420));
}

void CatalogueView::setCataloguePath(const QString& path) {
    path_->setText(tr("Catalogue: %1 — edits add dated rows (history is kept); reset recreates it from the bundled "
                      "price facts.").arg(path));
}

QString CatalogueView::currentId() const { return table_->currentIndex().data(CataloguePriceModel::IdRole).toString(); }

void CatalogueView::selectId(const QString& id) {
    if (id.isEmpty() && byText_->rowCount() > 0) {  // nothing chosen yet: the first price
        table_->setCurrentIndex(byText_->index(0, CataloguePriceModel::Id));
        return;
    }
    for (int r = 0; r < byText_->rowCount(); ++r) {
        const QModelIndex i = byText_->index(r, CataloguePriceModel::Id);
        if (i.data(CataloguePriceModel::IdRole).toString() == id) {
            table_->setCurrentIndex(i);
            table_->scrollTo(i);
            return;
        }
    }
}

void CatalogueView::currentChanged() {
    const QModelIndex i = table_->currentIndex();
    edit_->setEnabled(i.isValid());
    if (!i.isValid()) {
        historyTitle_->setText(tr("<i>Select a price to see its history.</i>"));
    } else {
        const QString source = i.siblingAtColumn(CataloguePriceModel::Source).data().toString();
        const QString link = source.startsWith(QLatin1String("http"))
                                 ? QStringLiteral("<a href=\"%1\">%1</a>").arg(source.toHtmlEscaped())
                                 : source.toHtmlEscaped();
        historyTitle_->setText(tr("<b>History of %1</b> (USD per %2) — source: %3")
                                   .arg(currentId().toHtmlEscaped(),
                                        i.siblingAtColumn(CataloguePriceModel::Unit).data().toString().toHtmlEscaped(), link));
    }
    emit currentPriceChanged(currentId());
}

}  // namespace breakeven::views
