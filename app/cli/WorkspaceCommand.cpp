#include "app/cli/WorkspaceCommand.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/cli/Args.h"
#include "app/cli/RepriceCommand.h"
#include "model/io/AtomicFile.h"
#include "model/io/Workspace.h"

namespace breakeven::cli {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr const char* kUsage = R"(usage: breakeven-cli workspace COMMAND ...

  inspect WS [--json]      scenarios, traces with their status (ok, missing,
                           changed, moved-found, unrecorded), embedded prices
  validate WS              exit 0 when WS reads cleanly and every trace is
                           found unchanged; 2 with the message otherwise
  migrate WS --out NEW     write WS in the current schema (atomically); records
         [--in-place]      the size and SHA-256 of traces that lack them;
                           --in-place allows NEW = WS (or omit --out)
  create --scenario FILE [--scenario FILE]... --out WS [--embed-traces] [--force]
                           a workspace from scenario files: their traces are
                           hashed and their paths made relative to WS
  reprice WS [--scenario NAME] [--catalog PATH] [--as-of DATE] [--json] [--save]
                           price the stored results again with today's
                           catalogue (no re-simulation): the price rows that
                           changed, each alternative's $/month old -> new and
                           whether the cheapest alternative flipped; --save
                           stores the new costs and prices in WS

Analysis commands take a workspace wherever they take a scenario file:
  breakeven-cli simulate WS --scenario NAME [--save] ...   (--save stores the
  result with the prices it was computed with in WS, atomically)
  breakeven-cli sweep WS --scenario NAME ...
)";

std::string shortHash(const std::optional<std::string>& h) { return h ? h->substr(0, 12) + "…" : "unrecorded"; }

std::string identity(const std::optional<std::uint64_t>& size, const std::optional<std::string>& sha) {
    if (!size) return "no recorded size/SHA-256";
    return fmt::format("{} bytes, sha256 {}", *size, shortHash(sha));
}

ojson checkToJson(const TraceCheck& c) {
    auto opt = [](const auto& v) { return v ? ojson(*v) : ojson(nullptr); };
    return {{"name", c.name},
            {"status", toString(c.status)},
            {"recordedPath", c.recordedPath},
            {"expectedPath", c.expectedPath},
            {"foundPath", c.foundPath.empty() ? ojson(nullptr) : ojson(c.foundPath)},
            {"recorded", {{"sizeBytes", opt(c.recordedSizeBytes)}, {"sha256", opt(c.recordedSha256)}}},
            {"actual", {{"sizeBytes", opt(c.actualSizeBytes)}, {"sha256", opt(c.actualSha256)}}},
            {"embedded", c.embedded}};
}

ojson inspectJson(const Workspace& ws, const std::vector<TraceCheck>& checks) {
    ojson j = {{"path", ws.path}, {"schemaVersion", kWorkspaceSchemaVersion},
               {"fileSchemaVersion", ws.loadedSchemaVersion}, {"appVersion", ws.appVersion}};
    j["scenarios"] = ojson::array();
    for (const auto& s : ws.scenarios)
        j["scenarios"].push_back({{"name", s.scenario.name},
                                  {"deployments", s.scenario.deployments.size()},
                                  {"workloadKind", s.json["workload"].value("kind", "")}});
    j["traces"] = ojson::array();
    for (const auto& c : checks) j["traces"].push_back(checkToJson(c));
    j["prices"] = ojson::array();
    for (const auto& p : ws.prices) j["prices"].push_back({{"snapshotId", p.snapshotId}, {"asOf", p.asOf}});
    j["results"] = ojson::array();
    for (const auto& r : ws.results) j["results"].push_back({{"scenario", r.scenario}, {"snapshotId", r.snapshotId}});
    for (const auto& [key, list] : {std::pair{"profiles", &ws.profiles}, {"models", &ws.models}, {"slos", &ws.slos}}) {
        j[key] = ojson::array();
        for (const auto& e : *list) j[key].push_back(e.name);
    }
    return j;
}

// One sentence per problem, shared by inspect (indented) and validate.
std::string traceProblem(const TraceCheck& c) {
    switch (c.status) {
    case TraceStatus::Ok: return {};
    case TraceStatus::Changed:
        return fmt::format("trace \"{}\" changed: recorded {}; found {} at {}", c.name,
                           identity(c.recordedSizeBytes, c.recordedSha256), identity(c.actualSizeBytes, c.actualSha256),
                           c.foundPath);
    case TraceStatus::MovedFound:
        return fmt::format("trace \"{}\" moved: not at {}; the same file was found at {}", c.name, c.expectedPath,
                           c.foundPath);
    case TraceStatus::Missing:
        return fmt::format("trace \"{}\" is missing: not at {}, nor beside the workspace{}", c.name, c.expectedPath,
                           c.embedded ? " (the workspace embeds a copy)" : "");
    case TraceStatus::Unrecorded:
        return fmt::format("trace \"{}\" has no recorded size and SHA-256 (found at {}); `workspace migrate` records them",
                           c.name, c.foundPath);
    }
    return {};
}

void printTrace(std::ostream& out, const TraceCheck& c) {
    out << fmt::format("  {:<24} {:<12} {}{}\n", c.name, toString(c.status), c.recordedPath,
                       c.embedded ? "  (embedded copy)" : "");
    if (c.status != TraceStatus::Ok) out << "      " << traceProblem(c) << '\n';
}

void printInspect(std::ostream& out, const Workspace& ws, const std::vector<TraceCheck>& checks) {
    out << fmt::format("Workspace {} (schema {}{})\n", ws.path, ws.loadedSchemaVersion,
                       ws.appVersion.empty() ? "" : ", saved by Breakeven " + ws.appVersion);
    if (ws.loadedSchemaVersion < kWorkspaceSchemaVersion)
        out << fmt::format("  migrated in memory to schema {}; `workspace migrate` updates the file\n",
                           kWorkspaceSchemaVersion);
    out << fmt::format("Scenarios ({}):\n", ws.scenarios.size());
    for (const auto& s : ws.scenarios)
        out << fmt::format("  {:<32} {} deployment{}, {} workload\n", s.scenario.name, s.scenario.deployments.size(),
                           s.scenario.deployments.size() == 1 ? "" : "s", s.json["workload"].value("kind", "?"));
    out << fmt::format("Traces ({}):\n", checks.size());
    for (const auto& c : checks) printTrace(out, c);
    out << fmt::format("Embedded prices ({}):\n", ws.prices.size());
    for (const auto& p : ws.prices) {
        const auto used = std::count_if(ws.results.begin(), ws.results.end(),
                                        [&](const WorkspaceResult& r) { return r.snapshotId == p.snapshotId; });
        out << fmt::format("  snapshot {} as of {} ({} stored result{})\n", p.snapshotId, p.asOf, used,
                           used == 1 ? "" : "s");
    }
    out << fmt::format("Stored results: {}; profiles: {}; models: {}; SLOs: {}\n", ws.results.size(),
                       ws.profiles.size(), ws.models.size(), ws.slos.size());
}

std::string onlyWorkspace(const Args& args, const char* command) {
    if (args.positional().size() != 1) throw UsageError(fmt::format("workspace {} takes exactly one WS file", command));
    return args.positional().front();
}

int inspect(const std::vector<std::string>& argv, std::ostream& out) {
    const Args args(argv, {"json"}, {});
    const Workspace ws = loadWorkspace(onlyWorkspace(args, "inspect"));
    const auto checks = checkTraces(ws);
    if (args.flag("json")) out << inspectJson(ws, checks).dump(2) << '\n';
    else printInspect(out, ws, checks);
    return 0;
}

int validate(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args(argv, {}, {});
    const Workspace ws = loadWorkspace(onlyWorkspace(args, "validate"));
    int problems = 0;
    for (const auto& c : checkTraces(ws)) {
        if (c.status == TraceStatus::Ok) continue;
        const bool bad = c.status == TraceStatus::Missing || c.status == TraceStatus::Changed;
        err << ws.path << ": " << (bad ? "error: " : "warning: ") << traceProblem(c) << '\n';
        problems += bad ? 1 : 0;
    }
    if (problems > 0) return 2;
    out << fmt::format("{}: ok (schema {}, {} scenario{}, {} trace{})\n", ws.path, ws.loadedSchemaVersion,
                       ws.scenarios.size(), ws.scenarios.size() == 1 ? "" : "s", ws.traces.size(),
                       ws.traces.size() == 1 ? "" : "s");
    return 0;
}

bool sameFile(const std::string& a, const std::string& b) {
    std::error_code ec;
    if (fs::equivalent(a, b, ec)) return true;
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

int migrate(const std::vector<std::string>& argv, std::ostream& out) {
    const Args args(argv, {"in-place"}, {"out"});
    const std::string path = onlyWorkspace(args, "migrate");
    const bool inPlace = args.flag("in-place");
    const std::string target = args.value("out").value_or(inPlace ? path : "");
    if (target.empty()) throw UsageError("workspace migrate needs --out NEW (or --in-place)");
    if (!inPlace && sameFile(path, target))
        throw UsageError("--out names the workspace itself; pass --in-place to overwrite it");
    Workspace ws = loadWorkspace(path);
    const int from = ws.loadedSchemaVersion;
    const int recorded = recordTraceIdentities(ws, checkTraces(ws));
    saveWorkspace(ws, target);
    out << fmt::format("{} (schema {}) -> {} (schema {}){}\n", path, from, target, kWorkspaceSchemaVersion,
                       recorded > 0 ? fmt::format("; recorded the identity of {} trace(s)", recorded) : "");
    return 0;
}


// Traces shared by several scenarios are recorded once; different files with
// the same file name get "-2", "-3" suffixes.
class TraceCollector {
public:
    TraceCollector(std::string workspacePath, bool embed) : workspacePath_(std::move(workspacePath)), embed_(embed) {}

    // The path to write into the scenario: relative to the workspace.
    std::string add(const std::string& file) {
        const std::string key = fs::absolute(file).lexically_normal().string();
        if (const auto it = byFile_.find(key); it != byFile_.end()) return traces_[it->second].path;
        std::string name = fs::path(file).filename().string();
        for (int n = 2; usedNames_.count(name) > 0; ++n)
            name = fmt::format("{}-{}{}", fs::path(file).stem().string(), n, fs::path(file).extension().string());
        usedNames_.insert(name);
        byFile_[key] = traces_.size();
        traces_.push_back(describeTraceFile(name, file, workspacePath_, embed_));
        return traces_.back().path;
    }
    std::vector<WorkspaceTrace> take() { return std::move(traces_); }

private:
    std::string workspacePath_;
    bool embed_;
    std::map<std::string, std::size_t> byFile_;
    std::set<std::string> usedNames_;
    std::vector<WorkspaceTrace> traces_;
};

WorkspaceScenario scenarioForWorkspace(const std::string& file, const std::string& target, TraceCollector& traces) {
    // Read twice on purpose: loadScenarioFile validates strictly (and resolves
    // the trace path against the scenario's folder); the JSON keeps the
    // user's own spelling for the workspace.
    const Scenario checked = loadScenarioFile(file);
    json j = json::parse(readWholeFile(file));
    if (checked.workload.trace) {
        const std::string& trace = checked.workload.trace->resolvedPath;
        std::error_code ec;
        if (!fs::is_regular_file(trace, ec)) throw ScenarioError(file, "workload.path", "no such trace file: " + trace);
        j["workload"]["path"] = traces.add(trace);
    }
    return {scenarioFromJson(j, target), std::move(j)};
}

int runCreate(const std::vector<std::string>& argv, std::ostream& out) {
    const Args args(argv, {"embed-traces", "force"}, {"scenario", "out"});
    if (!args.positional().empty()) throw UsageError("workspace create takes --scenario FILE options, not " + args.positional().front());
    const auto& files = args.values("scenario");
    const auto target = args.value("out");
    if (files.empty() || !target) throw UsageError("workspace create needs --scenario FILE (one or more) and --out WS");
    if (fs::exists(*target) && !args.flag("force"))
        throw UsageError(*target + " exists; pass --force to replace it");
    for (const auto& file : files)
        if (file == "-") throw UsageError("workspace create reads scenario files, not standard input");
    Workspace ws;
    TraceCollector traces(*target, args.flag("embed-traces"));
    std::map<std::string, std::string> names;
    for (const auto& file : files) {
        ws.scenarios.push_back(scenarioForWorkspace(file, *target, traces));
        const std::string& name = ws.scenarios.back().scenario.name;
        if (const auto [it, fresh] = names.emplace(name, file); !fresh)
            throw UsageError(fmt::format("scenario name \"{}\" is used by both {} and {}", name, it->second, file));
    }
    ws.traces = traces.take();
    saveWorkspace(ws, *target);
    // What was written must read back: a failure here is a bug, not bad input.
    const Workspace check = loadWorkspace(*target);
    out << fmt::format("{}: {} scenario{}, {} trace{}\n", *target, check.scenarios.size(),
                       check.scenarios.size() == 1 ? "" : "s", check.traces.size(), check.traces.size() == 1 ? "" : "s");
    return 0;
}

}  // namespace

int runWorkspace(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? err : out) << kUsage;
        return args.empty() ? 2 : 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "inspect") return inspect(rest, out);
    if (args[0] == "validate") return validate(rest, out, err);
    if (args[0] == "migrate") return migrate(rest, out);
    if (args[0] == "create") return runCreate(rest, out);
    if (args[0] == "reprice") return runReprice(rest, out, err);
    err << "breakeven-cli workspace: unknown command '" << args[0] << "'\n\n" << kUsage;
    return 2;
}

}  // namespace breakeven::cli
