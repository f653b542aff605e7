// The strict reader and the writer of the current workspace schema. Older
// documents reach readWorkspace only after migrateWorkspaceJson
// (WorkspaceMigrations.cpp) has brought them to kWorkspaceSchemaVersion.
#include "model/io/Workspace.h"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "model/io/ScenarioJsonReader.h"
#include "model/io/WorkspaceInternal.h"

namespace breakeven {

namespace {

using namespace scenario_json;
using workspace_json::joinPath;

constexpr std::array<std::string_view, 10> kWorkspaceKeys{
    "schemaVersion", "appVersion", "scenarios", "traces", "profiles",
    "models",        "slos",       "prices",    "results", "view"};
constexpr std::array<std::string_view, 5> kTraceKeys{"name", "path", "sha256", "sizeBytes", "embedded"};
constexpr std::array<std::string_view, 2> kEmbeddedKeys{"encoding", "data"};
constexpr std::string_view kEmbeddedEncoding = "gzip+base64";
constexpr std::array<std::string_view, 6> kPriceKeys{"snapshotId", "asOf",      "platforms",
                                                     "items",      "instances", "gpus"};
constexpr std::array<std::string_view, 3> kResultKeys{"scenario", "freeTier", "result"};

const json& requireArray(const ObjectReader& r, std::string_view key) {
    static const json kEmpty = json::array();
    const json* value = r.find(key);
    if (value == nullptr) return kEmpty;
    if (!value->is_array()) r.fail(key, "must be an array");
    return *value;
}

// Remembers names already used in one list, for "duplicate name" messages.
class NameRegistry {
public:
    NameRegistry(std::string_view source, std::string_view what) : source_(source), what_(what) {}
    void add(const std::string& name, const std::string& itemPath) {
        const auto [it, inserted] = first_.emplace(name, itemPath);
        if (!inserted)
            fail(source_, memberPath(itemPath, "name"),
                 fmt::format("duplicate {} name \"{}\" (first at {})", what_, name, it->second));
    }

private:
    std::string_view source_;
    std::string_view what_;
    std::map<std::string, std::string> first_;
};

std::vector<WorkspaceScenario> readScenarios(const ObjectReader& r) {
    const json& list = r.require("scenarios");
    if (!list.is_array()) r.fail("scenarios", "must be an array");
    std::vector<WorkspaceScenario> scenarios;
    NameRegistry names(r.source(), "scenario");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string itemPath = elementPath("scenarios", i);
        if (!list[i].is_object()) fail(r.source(), itemPath, "must be a scenario object");
        WorkspaceScenario entry;
        try {
            // The workspace is the source, so relative trace paths resolve against its folder.
            entry.scenario = scenarioFromJson(list[i], r.source());
        } catch (const ScenarioError& e) {
            if (e.line() != 0) throw;
            throw ScenarioError(e.source(), joinPath(itemPath, e.jsonPath()), e.reason());
        }
        names.add(entry.scenario.name, itemPath);
        entry.json = list[i];
        scenarios.push_back(std::move(entry));
    }
    return scenarios;
}

std::optional<std::string> readEmbedded(const ObjectReader& t) {
    const json* value = t.find("embedded");
    if (value == nullptr || value->is_null()) return std::nullopt;
    const ObjectReader e(*value, t.pathOf("embedded"), t.source());
    e.checkKeys(kEmbeddedKeys);
    if (e.string("encoding") != kEmbeddedEncoding)
        e.fail("encoding", fmt::format("must be \"{}\"", kEmbeddedEncoding));
    return e.string("data");
}

void readTraceIdentity(const ObjectReader& t, WorkspaceTrace& trace) {
    trace.sha256 = t.nullableString("sha256");
    const json* size = t.find("sizeBytes");
    if (size != nullptr && !size->is_null())
        trace.sizeBytes = static_cast<std::uint64_t>(
            readInteger(*size, t.pathOf("sizeBytes"), t.source(), 0, std::numeric_limits<std::int64_t>::max()));
    if (trace.sha256.has_value() != trace.sizeBytes.has_value())
        t.fail(trace.sha256 ? "sizeBytes" : "sha256", "sha256 and sizeBytes are recorded together (both or neither)");
    if (!trace.sha256) return;
    const std::string& h = *trace.sha256;
    if (h.size() != 64 || h.find_first_not_of("0123456789abcdef") != std::string::npos)
        t.fail("sha256", "must be 64 lowercase hexadecimal digits");
}

std::vector<WorkspaceTrace> readTraces(const ObjectReader& r) {
    const json& list = requireArray(r, "traces");
    std::vector<WorkspaceTrace> traces;
    NameRegistry names(r.source(), "trace");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const ObjectReader t(list[i], elementPath("traces", i), r.source());
        t.checkKeys(kTraceKeys);
        WorkspaceTrace trace;
        trace.name = t.string("name");
        names.add(trace.name, t.path());
        trace.path = t.string("path");
        readTraceIdentity(t, trace);
        trace.embeddedGzipBase64 = readEmbedded(t);
        traces.push_back(std::move(trace));
    }
    return traces;
}

// Profiles, models, SLOs: only "name" is interpreted for now.
std::vector<WorkspaceEntry> readEntries(const ObjectReader& r, std::string_view key, std::string_view what) {
    const json& list = requireArray(r, key);
    std::vector<WorkspaceEntry> entries;
    NameRegistry names(r.source(), what);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const ObjectReader e(list[i], elementPath(r.pathOf(key), i), r.source());
        WorkspaceEntry entry{e.string("name"), list[i]};
        names.add(entry.name, e.path());
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::vector<WorkspacePrices> readPrices(const ObjectReader& r) {
    const json& list = requireArray(r, "prices");
    std::vector<WorkspacePrices> prices;
    std::map<std::string, std::string> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const ObjectReader p(list[i], elementPath("prices", i), r.source());
        p.checkKeys(kPriceKeys);
        WorkspacePrices entry{p.string("snapshotId"), p.string("asOf"), list[i]};
        for (const std::string_view map : {"platforms", "items", "instances", "gpus"})
            if (!p.require(map).is_object()) p.fail(map, "must be an object (keyed by id)");
        if (const auto [it, inserted] = seen.emplace(entry.snapshotId, p.path()); !inserted)
            p.fail("snapshotId", fmt::format("duplicate snapshot \"{}\" (first at {})", entry.snapshotId, it->second));
        prices.push_back(std::move(entry));
    }
    return prices;
}

std::vector<WorkspaceResult> readResults(const ObjectReader& r, const Workspace& ws) {
    const json& list = requireArray(r, "results");
    std::vector<WorkspaceResult> results;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const ObjectReader e(list[i], elementPath("results", i), r.source());
        e.checkKeys(kResultKeys);
        WorkspaceResult entry;
        entry.scenario = e.string("scenario");
        bool known = false;
        for (const auto& s : ws.scenarios) known = known || s.scenario.name == entry.scenario;
        if (!known) e.fail("scenario", fmt::format("no scenario named \"{}\"", entry.scenario));
        const ObjectReader result(e.require("result"), e.pathOf("result"), r.source());
        const ObjectReader snapshot(result.require("catalogSnapshot"), result.pathOf("catalogSnapshot"), r.source());
        entry.snapshotId = snapshot.string("id");
        if (ws.findPrices(entry.snapshotId) == nullptr)
            snapshot.fail("id", fmt::format("no embedded prices for snapshot \"{}\" (add it to prices)",
                                            entry.snapshotId));
        if (const json* freeTier = e.find("freeTier"); freeTier != nullptr && !freeTier->is_null())
            entry.freeTier = e.boolean("freeTier", false);
        entry.result = e.require("result");
        results.push_back(std::move(entry));
    }
    return results;
}

Workspace readWorkspace(const json& j, std::string_view source) {
    const ObjectReader r(j, {}, source);
    r.checkKeys(kWorkspaceKeys);
    Workspace ws;
    ws.path = std::string(source);
    ws.appVersion = r.string("appVersion", "");
    ws.scenarios = readScenarios(r);
    ws.traces = readTraces(r);
    ws.profiles = readEntries(r, "profiles", "profile");
    ws.models = readEntries(r, "models", "model");
    ws.slos = readEntries(r, "slos", "SLO");
    ws.prices = readPrices(r);
    ws.results = readResults(r, ws);
    if (const json* view = r.find("view")) {
        if (!view->is_object()) r.fail("view", "must be an object");
        ws.view = *view;
    }
    return ws;
}

nlohmann::ordered_json traceToJson(const WorkspaceTrace& t) {
    using ojson = nlohmann::ordered_json;
    ojson embedded = nullptr;
    if (t.embeddedGzipBase64) embedded = {{"encoding", kEmbeddedEncoding}, {"data", *t.embeddedGzipBase64}};
    return {{"name", t.name},
            {"path", t.path},
            {"sha256", t.sha256 ? ojson(*t.sha256) : ojson(nullptr)},
            {"sizeBytes", t.sizeBytes ? ojson(*t.sizeBytes) : ojson(nullptr)},
            {"embedded", embedded}};
}

}  // namespace

namespace workspace_json {
Workspace workspaceFromOwnedJson(json j, std::string_view source) {
    const int version = migrateWorkspaceJson(j, source);
    Workspace ws = readWorkspace(j, source);
    ws.loadedSchemaVersion = version;
    return ws;
}
}  // namespace workspace_json

const Scenario& Workspace::scenarioByName(std::string_view name) const {
    for (const auto& s : scenarios)
        if (s.scenario.name == name) return s.scenario;
    std::string names;
    for (const auto& s : scenarios) names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", s.scenario.name);
    throw ScenarioError(path, {},
                        names.empty() ? fmt::format("no scenario named \"{}\": the workspace has no scenarios", name)
                                      : fmt::format("no scenario named \"{}\"; scenarios: {}", name, names));
}

const WorkspacePrices* Workspace::findPrices(std::string_view snapshotId) const {
    for (const auto& p : prices)
        if (p.snapshotId == snapshotId) return &p;
    return nullptr;
}

Workspace workspaceFromJson(const nlohmann::json& j, std::string_view source) {
    return workspace_json::workspaceFromOwnedJson(j, source);
}

Workspace parseWorkspaceText(std::string_view text, std::string_view source) {
    return workspace_json::workspaceFromOwnedJson(scenario_json::parseStrictJson(text, source), source);
}

nlohmann::ordered_json workspaceToJson(const Workspace& ws) {
    using ojson = nlohmann::ordered_json;
    auto list = [](const auto& items, auto&& convert) {
        ojson out = ojson::array();
        for (const auto& item : items) out.push_back(convert(item));
        return out;
    };
    auto whole = [](const WorkspaceEntry& e) { return ojson(e.json); };
    ojson j = ojson::object();
    j["schemaVersion"] = kWorkspaceSchemaVersion;
    j["appVersion"] = BREAKEVEN_VERSION;
    j["scenarios"] = list(ws.scenarios, [](const WorkspaceScenario& s) { return ojson(s.json); });
    j["traces"] = list(ws.traces, traceToJson);
    j["profiles"] = list(ws.profiles, whole);
    j["models"] = list(ws.models, whole);
    j["slos"] = list(ws.slos, whole);
    j["prices"] = list(ws.prices, [](const WorkspacePrices& p) { return ojson(p.json); });
    j["results"] = list(ws.results, [](const WorkspaceResult& r) {
        ojson entry = {{"scenario", r.scenario}};
        if (r.freeTier) entry["freeTier"] = *r.freeTier;  // absent stays absent: round trips are lossless
        entry["result"] = ojson(r.result);
        return entry;
    });
    j["view"] = ojson(ws.view);
    return j;
}

void Workspace::storeResult(WorkspaceResult result, WorkspacePrices snapshot) {
    if (result.snapshotId != snapshot.snapshotId)
        throw std::invalid_argument("storeResult: the result's snapshot is not the prices given");
    std::erase_if(results, [&](const WorkspaceResult& r) { return r.scenario == result.scenario; });
    results.push_back(std::move(result));
    if (findPrices(snapshot.snapshotId) == nullptr) prices.push_back(std::move(snapshot));
    std::erase_if(prices, [&](const WorkspacePrices& p) {
        return std::none_of(results.begin(), results.end(),
                            [&](const WorkspaceResult& r) { return r.snapshotId == p.snapshotId; });
    });
}

std::string workspaceToText(const Workspace& ws) { return workspaceToJson(ws).dump(2) + "\n"; }

}  // namespace breakeven
