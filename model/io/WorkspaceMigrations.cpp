// One function per schema step, applied in order to the parsed document
// before the strict reader sees it (docs/workspace-format.md, "Versions").
// A migration touches only what changed in its step and reports problems with
// the paths of the document as written.
#include <array>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "model/io/ScenarioJsonReader.h"
#include "model/io/Workspace.h"

namespace breakeven {

namespace {

using namespace scenario_json;

using Migration = void (*)(json& j, std::string_view source);

// Version 0 (pre-release builds): one scenario under "scenario", traces as
// {name, path} without an identity, view settings under "viewSettings".
void migrate0to1(json& j, std::string_view source) {
    const json* scenario = j.contains("scenario") ? &j["scenario"] : nullptr;
    if (scenario == nullptr) fail(source, "scenario", "required key missing (a version 0 workspace holds one scenario)");
    if (!scenario->is_object()) fail(source, "scenario", "must be a scenario object");
    j["scenarios"] = json::array({*scenario});
    j.erase("scenario");
    if (j.contains("traces")) {
        json& traces = j["traces"];
        if (!traces.is_array()) fail(source, "traces", "must be an array");
        for (std::size_t i = 0; i < traces.size(); ++i) {
            if (!traces[i].is_object()) fail(source, elementPath("traces", i), "must be an object");
            // Unknown until a file is found and its identity recorded (workspace migrate does).
            traces[i].emplace("sha256", nullptr);
            traces[i].emplace("sizeBytes", nullptr);
        }
    }
    if (j.contains("viewSettings")) {
        if (j.contains("view")) fail(source, "view", "a version 0 workspace has viewSettings, not view");
        j["view"] = std::move(j["viewSettings"]);
        j.erase("viewSettings");
    }
}

// kMigrations[v] takes a version v document to version v + 1.
constexpr std::array<Migration, kWorkspaceSchemaVersion> kMigrations{migrate0to1};

}  // namespace

int migrateWorkspaceJson(json& j, std::string_view source) {
    if (!j.is_object()) fail(source, {}, "a workspace must be a JSON object");
    if (!j.contains("schemaVersion"))
        fail(source, "schemaVersion", "required key missing (is this a Breakeven workspace?)");
    const std::int64_t version = readInteger(j["schemaVersion"], "schemaVersion", source,
                                             std::numeric_limits<std::int64_t>::min(),
                                             std::numeric_limits<std::int64_t>::max());
    if (version > kWorkspaceSchemaVersion)
        fail(source, "schemaVersion",
             fmt::format("schema version {} is newer than this Breakeven supports ({}); upgrade Breakeven "
                         "to open it (the file was not changed)",
                         version, kWorkspaceSchemaVersion));
    if (version < 0) fail(source, "schemaVersion", fmt::format("unsupported schema version {}", version));
    for (auto v = static_cast<std::size_t>(version); v < kMigrations.size(); ++v) {
        kMigrations[v](j, source);
        j["schemaVersion"] = v + 1;
    }
    return static_cast<int>(version);
}

}  // namespace breakeven
