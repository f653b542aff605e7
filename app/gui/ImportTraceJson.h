#pragma once
// How an imported trace is read (format and CSV mapping), as JSON in the
// scenario format's keys (docs/scenario-format.md, workload "trace"). The
// workspace's traces[] records only identity (path, size, SHA-256), so the
// app keeps each import's reading options in the workspace's opaque view
// settings, under view["importedTraces"][name], and copies them into a
// scenario's workload when the scenario is made to use the trace.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/io/Workspace.h"
#include "model/trace/TraceReader.h"

namespace breakeven::gui {

inline constexpr const char* kImportedTracesKey = "importedTraces";

// {"format": "azure-llm"} or {"format": "csv", "mapping": {...}}.
nlohmann::json readingJson(const trace::TraceOptions& options);
// The inverse for what readingJson writes; unknown or missing keys keep the
// defaults (format "auto").
trace::TraceOptions readingOptions(const nlohmann::json& reading);
// view["importedTraces"][name], or {} when the trace was not imported by the app.
nlohmann::json importedReading(const Workspace& workspace, const std::string& name);
// A scenario workload reading `trace` with `reading`.
nlohmann::json traceWorkloadJson(const WorkspaceTrace& trace, const nlohmann::json& reading);
// traces[index]'s file, resolved against the workspace folder.
std::string resolvedTracePath(const Workspace& workspace, const WorkspaceTrace& trace);

}  // namespace breakeven::gui
