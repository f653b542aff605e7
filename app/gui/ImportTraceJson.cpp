#include "app/gui/ImportTraceJson.h"

#include <filesystem>

namespace breakeven::gui {

namespace {
using nlohmann::json;

void putOptional(json& j, const char* key, const std::optional<std::string>& value) {
    if (value) j[key] = *value;
}

std::optional<std::string> optionalString(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}
}  // namespace

json readingJson(const trace::TraceOptions& options) {
    json j = json::object();
    j["format"] = trace::toString(options.format);
    if (options.format != trace::TraceFormat::Csv) return j;
    const trace::CsvMapping& m = options.mapping;
    json mapping = json::object();
    mapping["timeColumn"] = m.timeColumn;
    mapping["timeUnit"] = m.timeUnit;
    putOptional(mapping, "timeFormat", m.timeFormat);
    putOptional(mapping, "serviceColumn", m.serviceColumn);
    if (m.serviceColumn) mapping["serviceUnit"] = m.serviceUnit;
    putOptional(mapping, "inputTokensColumn", m.inputTokensColumn);
    putOptional(mapping, "outputTokensColumn", m.outputTokensColumn);
    putOptional(mapping, "keyColumn", m.keyColumn);
    if (m.delimiter) mapping["delimiter"] = std::string(1, *m.delimiter);
    j["mapping"] = mapping;
    return j;
}

trace::TraceOptions readingOptions(const json& reading) {
    trace::TraceOptions o;
    if (!reading.is_object()) return o;
    if (const auto format = optionalString(reading, "format"))
        o.format = trace::formatFromString(*format).value_or(trace::TraceFormat::Auto);
    const auto it = reading.find("mapping");
    if (it == reading.end() || !it->is_object()) return o;
    const json& m = *it;
    trace::CsvMapping& c = o.mapping;
    c.timeColumn = optionalString(m, "timeColumn").value_or("");
    c.timeUnit = optionalString(m, "timeUnit").value_or("s");
    c.timeFormat = optionalString(m, "timeFormat");
    c.serviceColumn = optionalString(m, "serviceColumn");
    c.serviceUnit = optionalString(m, "serviceUnit").value_or("s");
    c.inputTokensColumn = optionalString(m, "inputTokensColumn");
    c.outputTokensColumn = optionalString(m, "outputTokensColumn");
    c.keyColumn = optionalString(m, "keyColumn");
    if (const auto d = optionalString(m, "delimiter"); d && d->size() == 1) c.delimiter = (*d)[0];
    return o;
}

json importedReading(const Workspace& workspace, const std::string& name) {
    const auto imported = workspace.view.find(kImportedTracesKey);
    if (imported == workspace.view.end() || !imported->is_object()) return json::object();
    const auto it = imported->find(name);
    return it != imported->end() && it->is_object() ? *it : json::object();
}

json traceWorkloadJson(const WorkspaceTrace& trace, const json& reading) {
    json w = json::object();
    w["kind"] = "trace";
    w["path"] = trace.path;
    w["format"] = reading.value("format", std::string("auto"));
    if (const auto it = reading.find("mapping"); it != reading.end() && it->is_object()) w["mapping"] = *it;
    return w;
}

std::string resolvedTracePath(const Workspace& workspace, const WorkspaceTrace& trace) {
    namespace fs = std::filesystem;
    const fs::path p(trace.path);
    if (p.is_absolute() || workspace.path.empty()) return trace.path;
    return (fs::path(workspace.path).parent_path() / p).lexically_normal().string();
}

}  // namespace breakeven::gui
