#pragma once
// A generic editor for one JSON object of a scenario (a deployment, the
// scenario itself): one row per FieldSpec, grouped by section, each with its
// unit and a red message line under it. The form never changes the scenario
// itself: every edit goes to the apply callback (which pushes an undoable
// command after the strict reader accepted it) and the callback's message,
// when the reader refused the value, is shown under the field; the scenario
// keeps its previous valid value. setObject() refreshes values and which
// rows apply.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <QWidget>

#include "views/editors/FieldSpec.h"

QT_BEGIN_NAMESPACE
class QFormLayout;
class QLabel;
QT_END_NAMESPACE

namespace breakeven::views::editors {

struct GpuOption {
    QString id;     // the scenario's value, e.g. "L4", "g6.xlarge"
    QString label;  // "L4 — 24 GB, $0.80/h"
};

class PropertyForm : public QWidget {
    Q_OBJECT
public:
    // `pointer` relative to the edited object ("" = the object itself);
    // `field` is the edited field's own pointer (edits of one field merge).
    // Returns "" when accepted, else the message to show under the field.
    using ApplyFn =
        std::function<QString(const std::string& pointer, const nlohmann::json& value, const std::string& field)>;

    explicit PropertyForm(std::vector<FieldSpec> fields, QWidget* parent = nullptr);

    void setApply(ApplyFn apply) { apply_ = std::move(apply); }
    // Choices of a Gpu or Catalogue field (by its pointer).
    void setOptions(const std::string& pointer, std::vector<GpuOption> options);
    void setObject(const nlohmann::json& object);
    [[nodiscard]] const nlohmann::json& object() const { return object_; }

    // For tests and the dock: the editor widget and the message of a field.
    [[nodiscard]] QWidget* editorFor(const std::string& pointer) const;
    [[nodiscard]] QString errorFor(const std::string& pointer) const;
    [[nodiscard]] bool isShown(const std::string& pointer) const;

private:
    struct Row {
        FieldSpec spec;
        QWidget* editor = nullptr;
        QLabel* error = nullptr;
        QFormLayout* layout = nullptr;
        int layoutRow = 0;
        bool shown = true;
    };

    QWidget* makeEditor(Row& row);
    void refresh(Row& row);
    void edited(Row& row, const std::string& pointer, const nlohmann::json& value);
    void textEdited(Row& row, const QString& text);
    void choiceActivated(Row& row, int index);
    void fillGpuCombo(Row& row);
    [[nodiscard]] nlohmann::json withoutKey(const std::string& pointer) const;

    std::vector<Row> rows_;
    std::map<std::string, std::vector<GpuOption>> options_;
    nlohmann::json object_;
    ApplyFn apply_;
};

}  // namespace breakeven::views::editors
