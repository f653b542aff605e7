#include "app/gui/PreferencesDialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace breakeven::gui {

Preferences Preferences::load(const Preferences& defaults) {
    QSettings s;
    Preferences p;
    p.sweepPoints = s.value(QStringLiteral("analysis/sweepPoints"), defaults.sweepPoints).toInt();
    p.sweepFrom = s.value(QStringLiteral("analysis/sweepFrom"), defaults.sweepFrom).toDouble();
    p.sweepTo = s.value(QStringLiteral("analysis/sweepTo"), defaults.sweepTo).toDouble();
    p.cataloguePath = s.value(QStringLiteral("catalogue/path"), defaults.cataloguePath).toString();
    p.autosaveMinutes = s.value(QStringLiteral("autosave/minutes"), defaults.autosaveMinutes).toInt();
    // A hand-edited settings file must not break the sweep.
    if (p.sweepPoints < 2 || !(p.sweepFrom > 0.0) || !(p.sweepTo > p.sweepFrom)) {
        p.sweepPoints = defaults.sweepPoints, p.sweepFrom = defaults.sweepFrom, p.sweepTo = defaults.sweepTo;
    }
    return p;
}

void Preferences::save() const {
    QSettings s;
    s.setValue(QStringLiteral("analysis/sweepPoints"), sweepPoints);
    s.setValue(QStringLiteral("analysis/sweepFrom"), sweepFrom);
    s.setValue(QStringLiteral("analysis/sweepTo"), sweepTo);
    s.setValue(QStringLiteral("catalogue/path"), cataloguePath);
    s.setValue(QStringLiteral("autosave/minutes"), autosaveMinutes);
}

PreferencesDialog::PreferencesDialog(const Preferences& current, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Preferences"));
    points_ = new QSpinBox(this);
    points_->setRange(2, 400);
    points_->setValue(current.sweepPoints);
    from_ = new QDoubleSpinBox(this);
    to_ = new QDoubleSpinBox(this);
    for (QDoubleSpinBox* b : {from_, to_}) {
        b->setDecimals(3);
        b->setRange(0.001, 1000.0);
        b->setSuffix(tr(" ×"));
    }
    from_->setValue(current.sweepFrom);
    to_->setValue(current.sweepTo);
    catalogue_ = new QLineEdit(current.cataloguePath, this);
    catalogue_->setPlaceholderText(tr("default (BREAKEVEN_CATALOG or ~/.local/share/breakeven/catalog.sqlite)"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* catalogueRow = new QHBoxLayout;
    catalogueRow->addWidget(catalogue_, 1);
    catalogueRow->addWidget(browse);
    autosave_ = new QSpinBox(this);
    autosave_->setRange(0, 120);
    autosave_->setSuffix(tr(" min"));
    autosave_->setSpecialValueText(tr("never"));
    autosave_->setValue(current.autosaveMinutes);
    error_ = new QLabel(this);
    error_->setStyleSheet(QStringLiteral("color: #c62828;"));

    auto* form = new QFormLayout;
    form->addRow(tr("Cost-curve points:"), points_);
    form->addRow(tr("Traffic from:"), from_);
    form->addRow(tr("Traffic to:"), to_);
    form->addRow(tr("Price catalogue:"), catalogueRow);
    form->addRow(tr("Autosave every:"), autosave_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    ok_ = buttons->button(QDialogButtonBox::Ok);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Traffic is workload.rateScale: × the scenario's own rate (log scale)."), this));
    layout->addWidget(error_);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Price catalogue"), catalogue_->text(),
                                                       tr("SQLite catalogues (*.sqlite);;All files (*)"), nullptr,
                                                       QFileDialog::DontConfirmOverwrite);
        if (!f.isEmpty()) catalogue_->setText(f);
    });
    connect(from_, &QDoubleSpinBox::valueChanged, this, &PreferencesDialog::validate);
    connect(to_, &QDoubleSpinBox::valueChanged, this, &PreferencesDialog::validate);
    validate();
}

void PreferencesDialog::validate() {
    const bool ok = to_->value() > from_->value();
    error_->setText(ok ? QString() : tr("“Traffic to” must be above “Traffic from”."));
    ok_->setEnabled(ok);
}

Preferences PreferencesDialog::preferences() const {
    Preferences p;
    p.sweepPoints = points_->value();
    p.sweepFrom = from_->value();
    p.sweepTo = to_->value();
    p.cataloguePath = catalogue_->text().trimmed();
    p.autosaveMinutes = autosave_->value();
    return p;
}

}  // namespace breakeven::gui
