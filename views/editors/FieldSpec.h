#pragma once
// One editable value of a scenario object for the generic property form:
// where it lives (a JSON pointer relative to the object being edited), how it
// is edited, its unit, and when it applies. The form never validates ranges
// itself: the strict scenario reader does, so the rules live in one place.
#include <functional>
#include <string>

#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>

namespace breakeven::views::editors {

enum class FieldKind {
    Number,        // any finite number
    Integer,       // handed to the reader as typed: 1.5 gets the reader's "must be an integer"
    Text,          // non-empty string
    Choice,        // one of `choices`
    Bool,
    Gpu,           // catalogue GPU id or none; keeps gpuCount consistent (edits the whole object)
    Catalogue,     // a catalogue id from the form's options for this field (e.g. an instance type), or none
    DistKind,      // kind of the time distribution at `pointer`; a change rebuilds its parameters
    ModelPreset,   // LLM model preset name or custom parameters
    Info,          // read-only text from `fallback` (derived figures)
};

struct FieldSpec {
    QString section;  // group box title
    QString label;
    std::string pointer;  // relative to the edited object, e.g. "/memoryMb"
    FieldKind kind = FieldKind::Number;
    QString unit;           // suffix shown after the editor ("MB", "s")
    QStringList choices;    // Choice
    nlohmann::json defaultValue;  // shown greyed when the key is absent (null: none)
    bool removable = false;       // empty text removes the key (optional values)
    // Shown greyed when the key is absent and there is no defaultValue (e.g.
    // a preset's figure); for Info fields, the text to show.
    std::function<nlohmann::json(const nlohmann::json& object)> fallback;
    // When set, an edit replaces the whole object with transform(object,
    // value): for keys that must change together (kind and its keys).
    std::function<nlohmann::json(nlohmann::json object, const nlohmann::json& value)> transform;
    // Shown only when this holds for the edited object (null: always).
    std::function<bool(const nlohmann::json& object)> appliesTo;
    QString toolTip;
};

// The value at `pointer` in `object`, or null when absent.
nlohmann::json valueAt(const nlohmann::json& object, const std::string& pointer);

}  // namespace breakeven::views::editors
