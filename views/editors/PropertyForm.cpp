#include "views/editors/PropertyForm.h"

#include <cmath>
#include <limits>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QVBoxLayout>

#include "model/domain/LlmService.h"

namespace breakeven::views::editors {

nlohmann::json valueAt(const nlohmann::json& object, const std::string& pointer) {
    if (pointer.empty()) return object;
    try {  // a path through a string (a preset model's figure) is simply absent
        const nlohmann::json::json_pointer p(pointer);
        return object.contains(p) ? object.at(p) : nlohmann::json();
    } catch (const nlohmann::json::exception&) {
        return nullptr;
    }
}

namespace {

QString jsonText(const nlohmann::json& v) {
    if (v.is_null()) return {};
    if (v.is_string()) return QString::fromStdString(v.get<std::string>());
    return QString::fromStdString(v.dump());
}

// What the user typed, as JSON: integers stay integers (so "3008" gives back
// exactly the JSON the file had); anything that is not a number goes to the
// reader as a string, which answers with its own "must be a number".
nlohmann::json parseNumber(const QString& text) {
    const QString t = text.trimmed();
    bool ok = false;
    const qlonglong i = QLocale::c().toLongLong(t, &ok);
    if (ok) return static_cast<std::int64_t>(i);
    const double d = QLocale::c().toDouble(t, &ok);
    if (ok && std::isfinite(d)) return d;
    return t.toStdString();
}

double centerOf(const nlohmann::json& dist) {
    for (const char* key : {"seconds", "meanSeconds", "p50Seconds"})
        if (dist.contains(key) && dist[key].is_number()) return dist[key].get<double>();
    if (dist.contains("minSeconds") && dist.contains("maxSeconds") && dist["minSeconds"].is_number() &&
        dist["maxSeconds"].is_number())
        return (dist["minSeconds"].get<double>() + dist["maxSeconds"].get<double>()) / 2.0;
    return 1.0;
}

// A distribution of `kind` around the current one's centre, so switching
// kinds keeps the order of magnitude the user had.
nlohmann::json distributionOfKind(const std::string& kind, const nlohmann::json& current) {
    const double c = centerOf(current);
    if (kind == "fixed") return {{"kind", kind}, {"seconds", c}};
    if (kind == "exponential") return {{"kind", kind}, {"meanSeconds", c > 0.0 ? c : 1.0}};
    if (kind == "uniform") return {{"kind", kind}, {"minSeconds", 0}, {"maxSeconds", 2.0 * c}};
    return {{"kind", "lognormal"}, {"p50Seconds", c > 0.0 ? c : 1.0}, {"p99Seconds", c > 0.0 ? 2.0 * c : 2.0}};
}

nlohmann::json presetParameters(const std::string& preset) {
    const LlmModel* m = findLlmModelPreset(preset);
    if (m == nullptr) return {{"paramsBillions", 7}, {"layers", 32}, {"hidden", 4096}, {"kvHeads", 8}};
    return {{"preset", preset}, {"paramsBillions", m->paramsBillions}, {"layers", m->layers}, {"hidden", m->hidden},
            {"kvHeads", m->kvHeads}, {"headDim", m->headDim}, {"bytesPerWeight", m->bytesPerWeight},
            {"bytesPerKvElement", m->bytesPerKvElement}};
}

QStringList presetNames() {
    QStringList names;
    for (const auto& p : llmModelPresets()) names << QString::fromUtf8(p.name);
    return names;
}

}  // namespace

PropertyForm::PropertyForm(std::vector<FieldSpec> fields, QWidget* parent) : QWidget(parent) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    rows_.reserve(fields.size());
    QString section = QStringLiteral("\x01");
    QFormLayout* form = nullptr;
    for (auto& f : fields) {
        if (form == nullptr || f.section != section) {
            section = f.section;
            auto* box = new QGroupBox(section, this);
            form = new QFormLayout(box);
            form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
            outer->addWidget(box);
        }
        rows_.push_back(Row{std::move(f), nullptr, nullptr, form, form->rowCount(), true});
        Row& row = rows_.back();
        auto* cell = new QWidget(this);
        auto* cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(1);
        auto* line = new QHBoxLayout;
        line->addWidget(makeEditor(row), 1);
        if (!row.spec.unit.isEmpty()) line->addWidget(new QLabel(row.spec.unit, cell));
        cellLayout->addLayout(line);
        row.error = new QLabel(cell);
        row.error->setWordWrap(true);
        row.error->setStyleSheet(QStringLiteral("color: #c62828;"));
        row.error->setVisible(false);
        cellLayout->addWidget(row.error);
        auto* label = new QLabel(row.spec.label, this);
        label->setToolTip(row.spec.toolTip);
        row.editor->setToolTip(row.spec.toolTip);
        form->addRow(label, cell);
    }
    outer->addStretch(1);
}

QWidget* PropertyForm::makeEditor(Row& row) {
    const std::size_t i = rows_.size() - 1;
    switch (row.spec.kind) {
    case FieldKind::Number:
    case FieldKind::Integer:
    case FieldKind::Text: {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QString::fromStdString(row.spec.pointer));
        connect(edit, &QLineEdit::textEdited, this, [this, i](const QString& t) { textEdited(rows_[i], t); });
        row.editor = edit;
        break;
    }
    case FieldKind::Bool: {
        auto* box = new QCheckBox(this);
        connect(box, &QCheckBox::clicked, this,
                [this, i](bool on) { edited(rows_[i], rows_[i].spec.pointer, on); });
        row.editor = box;
        break;
    }
    case FieldKind::Info:
        row.editor = new QLabel(this);
        static_cast<QLabel*>(row.editor)->setTextInteractionFlags(Qt::TextSelectableByMouse);
        break;
    default: {
        auto* combo = new QComboBox(this);
        // Long choices (GPU specs) must not widen the dock: they elide.
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(8);
        if (row.spec.kind == FieldKind::Choice) combo->addItems(row.spec.choices);
        if (row.spec.kind == FieldKind::DistKind)
            combo->addItems({QStringLiteral("fixed"), QStringLiteral("exponential"), QStringLiteral("uniform"),
                             QStringLiteral("lognormal")});
        if (row.spec.kind == FieldKind::ModelPreset) combo->addItems(presetNames() << tr("custom"));
        connect(combo, &QComboBox::activated, this, [this, i](int index) { choiceActivated(rows_[i], index); });
        row.editor = combo;
        break;
    }
    }
    row.editor->setObjectName(QString::fromStdString(row.spec.pointer));
    return row.editor;
}

void PropertyForm::setOptions(const std::string& pointer, std::vector<GpuOption> options) {
    options_[pointer] = std::move(options);
    for (auto& row : rows_)
        if (row.spec.pointer == pointer && (row.spec.kind == FieldKind::Gpu || row.spec.kind == FieldKind::Catalogue))
            fillGpuCombo(row);
}

void PropertyForm::fillGpuCombo(Row& row) {
    auto* combo = static_cast<QComboBox*>(row.editor);
    combo->clear();
    combo->addItem(tr("(none)"), QString());
    for (const auto& g : options_[row.spec.pointer]) combo->addItem(g.label, g.id);
    const nlohmann::json v = valueAt(object_, row.spec.pointer);
    const QString current = v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
    int index = combo->findData(current);
    if (index < 0) {  // e.g. a RunPod memory class: keep it selectable as is
        combo->addItem(tr("%1 (not in the catalogue)").arg(current), current);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

void PropertyForm::setObject(const nlohmann::json& object) {
    object_ = object;
    for (auto& row : rows_) {
        row.shown = !row.spec.appliesTo || row.spec.appliesTo(object_);
        row.layout->setRowVisible(row.layoutRow, row.shown);
        if (row.shown) refresh(row);
    }
    // A section with nothing that applies (no cache, not an LLM) is hidden whole.
    for (auto& row : rows_) row.layout->parentWidget()->setVisible(false);
    for (auto& row : rows_)
        if (row.shown) row.layout->parentWidget()->setVisible(true);
}

void PropertyForm::refresh(Row& row) {
    const nlohmann::json v = valueAt(object_, row.spec.pointer);
    const nlohmann::json shownDefault =
        !row.spec.defaultValue.is_null() ? row.spec.defaultValue
                                         : (row.spec.fallback ? row.spec.fallback(object_) : nlohmann::json());
    switch (row.spec.kind) {
    case FieldKind::Number:
    case FieldKind::Integer:
    case FieldKind::Text: {
        auto* edit = static_cast<QLineEdit*>(row.editor);
        const nlohmann::json typed = row.spec.kind == FieldKind::Text ? nlohmann::json(edit->text().toStdString())
                                                                      : parseNumber(edit->text());
        // Leave what the user is typing alone when it already is the value.
        if (edit->text().isEmpty() != v.is_null() || typed != v) {
            edit->setText(jsonText(v));
            row.error->setVisible(false);
        }
        if (!shownDefault.is_null()) edit->setPlaceholderText(tr("%1 (default)").arg(jsonText(shownDefault)));
        else edit->setPlaceholderText(row.spec.removable ? tr("none") : QString());
        break;
    }
    case FieldKind::Bool:
        static_cast<QCheckBox*>(row.editor)->setChecked(v.is_boolean() ? v.get<bool>()
                                                                       : shownDefault.is_boolean() && shownDefault.get<bool>());
        break;
    case FieldKind::Info:
        static_cast<QLabel*>(row.editor)->setText(jsonText(shownDefault));
        break;
    case FieldKind::Gpu:
    case FieldKind::Catalogue:
        fillGpuCombo(row);
        break;
    default: {
        auto* combo = static_cast<QComboBox*>(row.editor);
        QString current = jsonText(v.is_null() ? shownDefault : v);
        if (row.spec.kind == FieldKind::DistKind) current = jsonText(v.is_object() ? v.value("kind", nlohmann::json()) : v);
        if (row.spec.kind == FieldKind::ModelPreset && v.is_object())
            current = v.contains("preset") ? jsonText(v["preset"]) : tr("custom");
        combo->setCurrentIndex(std::max(0, combo->findText(current)));
        break;
    }
    }
}

void PropertyForm::textEdited(Row& row, const QString& text) {
    if (text.trimmed().isEmpty()) {
        if (row.spec.removable) {
            const std::string& p = row.spec.pointer;
            edited(row, nlohmann::json::json_pointer(p).parent_pointer().to_string(), withoutKey(p));
        } else {
            row.error->setText(tr("%1: enter a value").arg(row.spec.label));
            row.error->setVisible(true);
        }
        return;
    }
    const nlohmann::json value = row.spec.kind == FieldKind::Text ? nlohmann::json(text.toStdString()) : parseNumber(text);
    edited(row, row.spec.pointer, value);
}

void PropertyForm::choiceActivated(Row& row, int index) {
    auto* combo = static_cast<QComboBox*>(row.editor);
    const std::string text = combo->itemText(index).toStdString();
    const std::string& p = row.spec.pointer;
    if (row.spec.kind == FieldKind::Gpu) {
        nlohmann::json next = object_;
        const QString id = combo->itemData(index).toString();
        const auto ptr = nlohmann::json::json_pointer(p);
        if (id.isEmpty()) {
            next[ptr] = nullptr;
            next["gpuCount"] = 0;
        } else {
            next[ptr] = id.toStdString();
            if (next.value("gpuCount", 0) < 1) next["gpuCount"] = 1;
        }
        edited(row, "", next);
    } else if (row.spec.kind == FieldKind::Catalogue) {
        const QString id = combo->itemData(index).toString();
        edited(row, p, id.isEmpty() ? nlohmann::json() : nlohmann::json(id.toStdString()));
    } else if (row.spec.kind == FieldKind::DistKind) {
        edited(row, p, distributionOfKind(text, valueAt(object_, p)));
    } else if (row.spec.kind == FieldKind::ModelPreset) {
        const nlohmann::json current = valueAt(object_, p);
        if (index == combo->count() - 1)
            edited(row, p, presetParameters(current.is_string() ? current.get<std::string>()
                                                                : current.value("preset", std::string())));
        else
            edited(row, p, text);
    } else {
        edited(row, p, text);
    }
}

void PropertyForm::edited(Row& row, const std::string& pointer, const nlohmann::json& value) {
    if (!apply_) return;
    const bool whole = row.spec.transform && pointer == row.spec.pointer;
    const QString message = whole ? apply_("", row.spec.transform(object_, value), row.spec.pointer)
                                  : apply_(pointer, value, row.spec.pointer);
    row.error->setText(message);
    row.error->setVisible(!message.isEmpty());
}

nlohmann::json PropertyForm::withoutKey(const std::string& pointer) const {
    const nlohmann::json::json_pointer p(pointer);
    nlohmann::json parent = valueAt(object_, p.parent_pointer().to_string());
    if (parent.is_object()) parent.erase(p.back());
    return parent;
}

QWidget* PropertyForm::editorFor(const std::string& pointer) const {
    for (const auto& row : rows_)
        if (row.spec.pointer == pointer) return row.editor;
    return nullptr;
}

QString PropertyForm::errorFor(const std::string& pointer) const {
    for (const auto& row : rows_)
        if (row.spec.pointer == pointer) return row.error->isHidden() ? QString() : row.error->text();
    return {};
}

bool PropertyForm::isShown(const std::string& pointer) const {
    for (const auto& row : rows_)
        if (row.spec.pointer == pointer) return row.shown;
    return false;
}

}  // namespace breakeven::views::editors
