#pragma once
// Workspace files `*.breakeven.json` (docs/workspace-format.md): named
// scenarios, trace references, opaque profiles/models/SLOs, the prices each
// stored result was computed with, stored results and view settings.
// Reading is strict (unknown keys rejected with their JSON path) and migrates
// older schema versions in memory; the file is only ever written by
// saveWorkspace, atomically.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/domain/Scenario.h"
#include "model/io/ScenarioJson.h"

namespace breakeven {

inline constexpr int kWorkspaceSchemaVersion = 1;
// Errors are ScenarioError: "<file>: <jsonPath>: <reason>" or
// "<file>:<line>:<column>: <reason>" for JSON syntax.
using WorkspaceError = ScenarioError;

struct WorkspaceScenario {
    // Parsed from `json`; its trace paths resolve against the workspace folder.
    Scenario scenario;
    // As stored, written back unchanged so a load/save round trip is lossless.
    nlohmann::json json;
};

struct WorkspaceTrace {
    std::string name;
    std::string path;  // as recorded: relative to the workspace folder, or absolute
    // Both absent only in files migrated from version 0, which recorded none.
    std::optional<std::string> sha256;
    std::optional<std::uint64_t> sizeBytes;
    // The file's bytes, gzip-compressed then base64-encoded (RFC 4648).
    std::optional<std::string> embeddedGzipBase64;
};

// Profiles, models and SLOs: opaque to this increment, kept whole (the
// object includes its "name").
struct WorkspaceEntry {
    std::string name;
    nlohmann::json json;
};

// A price set in pricing::PriceSet's shape (pricing/ converts it).
struct WorkspacePrices {
    std::string snapshotId;
    std::string asOf;
    nlohmann::json json;
};

// A stored `simulate --json` result; its catalogSnapshot.id names an entry
// of `prices`, so re-opening never needs the catalogue it came from.
struct WorkspaceResult {
    std::string scenario;
    std::string snapshotId;
    // The command-line pricing switch the result was priced with (`--free-tier`);
    // absent in results stored without it (then: off). Re-pricing uses it.
    std::optional<bool> freeTier;
    nlohmann::json result;
};

struct Workspace {
    std::string path;  // the file it was read from or last saved to; "" when new
    int loadedSchemaVersion = kWorkspaceSchemaVersion;  // older: migrated in memory
    std::string appVersion;  // the Breakeven that last saved it ("" when unknown)
    std::vector<WorkspaceScenario> scenarios;
    std::vector<WorkspaceTrace> traces;
    std::vector<WorkspaceEntry> profiles;
    std::vector<WorkspaceEntry> models;
    std::vector<WorkspaceEntry> slos;
    std::vector<WorkspacePrices> prices;
    std::vector<WorkspaceResult> results;
    nlohmann::json view = nlohmann::json::object();

    // Stores `result` as the scenario's result (replacing an earlier one of the
    // same scenario) with the prices it was computed with, embedded unless a
    // snapshot with that id already is; snapshots no result uses any more are
    // dropped. result.snapshotId must equal prices.snapshotId.
    void storeResult(WorkspaceResult result, WorkspacePrices prices);

    // Throws WorkspaceError listing the scenario names when none matches.
    [[nodiscard]] const Scenario& scenarioByName(std::string_view name) const;
    [[nodiscard]] const WorkspacePrices* findPrices(std::string_view snapshotId) const;
};

// `source` names the file in messages; relative trace paths resolve against
// its folder. Older schema versions are migrated first; newer ones refused.
Workspace workspaceFromJson(const nlohmann::json& j, std::string_view source);
// Rejects JSON syntax errors (file:line:column) and duplicate keys.
Workspace parseWorkspaceText(std::string_view text, std::string_view source);
// Reads, never writes: a failed open leaves the file as it was.
Workspace loadWorkspace(const std::string& path);

// Current schema, keys in documented order, `appVersion` stamped.
nlohmann::ordered_json workspaceToJson(const Workspace& ws);
std::string workspaceToText(const Workspace& ws);
// Atomic (AtomicFile.h). Saving into another folder rewrites relative trace
// paths (traces[].path and trace workloads) so they still name the same files.
// Sets ws.path on success.
void saveWorkspace(Workspace& ws, const std::string& path);

// Runs the migration chain on a parsed document, without the strict read.
// Returns the version found in the document.
int migrateWorkspaceJson(nlohmann::json& j, std::string_view source);

// Autosave/recovery: ".NAME.autosave" beside NAME (same folder, so relative
// trace paths stay valid). The app autosaves there, deletes it after a real
// save, and on open offers recovery when it is newer than the file.
std::string autosavePath(const std::string& workspacePath);
void saveAutosave(const Workspace& ws, const std::string& workspacePath);
// True when an autosave exists and is at least as new as the workspace file
// (or the workspace file is gone).
bool recoveryAvailable(const std::string& workspacePath);
// The autosave's content; ws.path is the workspace's own path, so a later
// saveWorkspace(ws, ws.path) writes the recovered work to the real file.
Workspace loadAutosave(const std::string& workspacePath);
// Removes the autosave if present; false when there was none.
bool discardAutosave(const std::string& workspacePath);

// ---- traces: identity checks on open (WorkspaceTraces.cpp)

enum class TraceStatus {
    Ok,          // at the recorded path, same size and SHA-256
    Missing,     // not at the recorded path, nor by name next to the workspace
    Changed,     // found, but size or SHA-256 differs from the record
    MovedFound,  // not at the recorded path; same-named file next to the workspace matches
    Unrecorded,  // found, but the file records no identity (migrated from version 0)
};
std::string_view toString(TraceStatus status);

struct TraceCheck {
    std::string name;
    TraceStatus status = TraceStatus::Missing;
    std::string recordedPath;  // as in the file
    std::string expectedPath;  // recorded path resolved against the workspace folder
    std::string foundPath;     // the file examined ("" when missing)
    std::optional<std::string> recordedSha256;
    std::optional<std::uint64_t> recordedSizeBytes;
    std::optional<std::string> actualSha256;
    std::optional<std::uint64_t> actualSizeBytes;
    bool embedded = false;
};

// Size + SHA-256 of every trace reference (reads each found file once).
std::vector<TraceCheck> checkTraces(const Workspace& ws);
// Points scenarios that read a MovedFound trace at its found path.
void relinkMovedTraces(Workspace& ws, const std::vector<TraceCheck>& checks);
// Fills a missing identity (Unrecorded) from the file found; returns how many.
int recordTraceIdentities(Workspace& ws, const std::vector<TraceCheck>& checks);

// Describes `file` for a workspace saved at `workspacePath`: path relative to
// its folder, size, SHA-256, and optionally an embedded copy.
WorkspaceTrace describeTraceFile(std::string name, const std::string& file,
                                 const std::string& workspacePath, bool embed);
// Writes an embedded copy back out (atomically); throws when there is none or
// it does not match the recorded size and SHA-256.
void extractEmbeddedTrace(const WorkspaceTrace& trace, const std::string& destination);

}  // namespace breakeven
