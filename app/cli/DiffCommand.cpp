#include "app/cli/DiffCommand.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "app/cli/Args.h"
#include "app/core/CatalogueAccess.h"
#include "app/cli/ScenarioSource.h"
#include "model/core/Sha256.h"
#include "model/io/ResultJson.h"
#include "model/io/ScenarioJson.h"
#include "model/sim/Simulator.h"
#include "pricing/GpuResolve.h"
#include "pricing/ResultPricing.h"

namespace breakeven::cli {

using appcore::openCatalogue;

namespace {
constexpr const char* kHelp = R"(usage: breakeven-cli diff A.json B.json [--json] [--seed N] [--threads N]
         [--catalog PATH] [--as-of DATE] [--free-tier on|off]

Compares two scenarios, two saved `simulate --json` results, or one of each
(told apart by content: a result has per-deployment latencySeconds and no
workload). Scenarios (or workspaces: their first scenario) are simulated and
priced as `simulate` does. Per deployment, matched by name: $/month, p99,
TTFT p99, cold-start and reject fractions on each side and B - A; deployments
only A has are "removed", only B has "added" (docs/analysis.md).
)";

using Json = ResultJson;

// What is compared of one deployment.
struct Figures {
    std::string name;
    std::optional<double> costUsdPerMonth, p99Seconds, ttftP99Seconds;
    double coldStartFraction = 0.0, rejectFraction = 0.0;
};

struct Side {
    std::string path;
    std::string kind;  // "scenario" or "result"
    std::string scenario, scenarioSha256;
    std::vector<Figures> deployments;
};

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ScenarioError(path, "", std::string("cannot open: ") + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// A saved result has per-deployment latencies and no workload; anything
// else goes to the scenario (or workspace) reader, which names what is wrong.
bool isResult(const Json& j) {
    if (!j.is_object() || j.contains("workload") || !j.contains("deployments")) return false;
    const Json& d = j["deployments"];
    return d.is_array() && (d.empty() ? j.contains("scenarioSha256") : d[0].contains("latencySeconds"));
}

std::optional<double> number(const Json& j, std::initializer_list<const char*> keys) {
    const Json* node = &j;
    for (const char* key : keys) {
        if (!node->is_object() || !node->contains(key)) return std::nullopt;
        node = &(*node)[key];
    }
    return node->is_number() ? std::optional(node->get<double>()) : std::nullopt;
}

Side sideFromResult(const std::string& path, const Json& j) {
    Side side{path, "result", j.value("scenario", ""), j.value("scenarioSha256", ""), {}};
    for (std::size_t i = 0; i < j["deployments"].size(); ++i) {
        const Json& d = j["deployments"][i];
        if (!d.is_object() || !d.contains("name") || !d["name"].is_string())
            throw ScenarioError(path, fmt::format("deployments[{}].name", i), "a saved result needs a name per deployment");
        Figures f;
        f.name = d["name"].get<std::string>();
        f.costUsdPerMonth = number(d, {"costUsd", "perMonth"});
        f.p99Seconds = number(d, {"latencySeconds", "p99"});
        f.ttftP99Seconds = number(d, {"ttftSeconds", "p99"});
        f.coldStartFraction = number(d, {"coldStartFraction"}).value_or(0.0);
        f.rejectFraction = number(d, {"rejectFraction"}).value_or(0.0);
        side.deployments.push_back(std::move(f));
    }
    return side;
}

struct SimulateSettings {
    const Args& args;
    std::ostream& err;
    std::optional<pricing::PriceSet> prices;  // opened on the first scenario
    pricing::PricingOptions options;
};

Side sideFromScenario(const std::string& path, SimulateSettings& settings) {
    const ScenarioInput input = loadScenarioInput(path, std::nullopt, settings.err);
    Scenario scenario = input.scenario;
    if (const auto seed = settings.args.unsignedValue("seed")) scenario.seed = *seed;
    if (!settings.prices)
        settings.prices = openCatalogue(settings.args.value("catalog"), settings.err, "diff").load(settings.args.value("as-of"));
    pricing::resolveLlmGpus(scenario, *settings.prices, input.source);
    SimulationOptions options;
    options.threads = static_cast<int>(settings.args.unsignedValue("threads").value_or(0));
    ScenarioResult result = simulate(scenario, options);
    result.scenarioSha256 = Sha256::hex(input.text);
    Json j = resultToJson(result, false, false);
    pricing::attachCosts(j, pricing::priceResult(scenario, result, *settings.prices, settings.options), *settings.prices);
    Side side = sideFromResult(path, j);
    side.kind = "scenario";
    return side;
}

Side loadSide(const std::string& path, SimulateSettings& settings) {
    const Json j = Json::parse(readFile(path), nullptr, false);
    if (!j.is_discarded() && isResult(j)) return sideFromResult(path, j);
    return sideFromScenario(path, settings);
}

Json nullable(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

std::optional<double> minus(const std::optional<double>& b, const std::optional<double>& a) {
    return a && b ? std::optional(*b - *a) : std::nullopt;
}

struct Row {
    std::string name;
    const Figures* a = nullptr;  // nullptr: added in B
    const Figures* b = nullptr;  // nullptr: removed (only in A)
    [[nodiscard]] const char* status() const { return !a ? "added" : !b ? "removed" : "both"; }
};

// A's deployments in its order, then those only B has, in B's order.
std::vector<Row> matchRows(const Side& a, const Side& b) {
    std::map<std::string, const Figures*> inB;
    for (const auto& f : b.deployments) inB.emplace(f.name, &f);
    std::vector<Row> rows;
    for (const auto& f : a.deployments) {
        const auto it = inB.find(f.name);
        rows.push_back({f.name, &f, it == inB.end() ? nullptr : it->second});
    }
    for (const auto& f : b.deployments) {
        const bool inA = std::any_of(a.deployments.begin(), a.deployments.end(),
                                     [&](const Figures& x) { return x.name == f.name; });
        if (!inA) rows.push_back({f.name, nullptr, &f});
    }
    return rows;
}

Json figuresJson(const Figures* f) {
    if (!f) return Json(nullptr);
    return {{"costUsdPerMonth", nullable(f->costUsdPerMonth)},
            {"p99Seconds", nullable(f->p99Seconds)},
            {"ttftP99Seconds", nullable(f->ttftP99Seconds)},
            {"coldStartFraction", f->coldStartFraction},
            {"rejectFraction", f->rejectFraction}};
}

Json deltaJson(const Row& r) {
    if (!r.a || !r.b) return Json(nullptr);
    const auto cost = minus(r.b->costUsdPerMonth, r.a->costUsdPerMonth);
    Json percent(nullptr);
    if (cost && *r.a->costUsdPerMonth != 0.0) percent = 100.0 * *cost / *r.a->costUsdPerMonth;
    return {{"costUsdPerMonth", nullable(cost)},
            {"costPercent", percent},
            {"p99Seconds", nullable(minus(r.b->p99Seconds, r.a->p99Seconds))},
            {"ttftP99Seconds", nullable(minus(r.b->ttftP99Seconds, r.a->ttftP99Seconds))},
            {"coldStartFraction", r.b->coldStartFraction - r.a->coldStartFraction},
            {"rejectFraction", r.b->rejectFraction - r.a->rejectFraction}};
}

Json sideJson(const Side& s) {
    return {{"path", s.path}, {"kind", s.kind}, {"scenario", s.scenario}, {"scenarioSha256", s.scenarioSha256}};
}

Json diffJson(const Side& a, const Side& b, const std::vector<Row>& rows) {
    Json list = Json::array();
    for (const auto& r : rows)
        list.push_back({{"name", r.name},
                        {"status", r.status()},
                        {"a", figuresJson(r.a)},
                        {"b", figuresJson(r.b)},
                        {"delta", deltaJson(r)}});
    Json j;
    j["schemaVersion"] = kResultSchemaVersion;
    j["version"] = BREAKEVEN_VERSION;
    j["a"] = sideJson(a);
    j["b"] = sideJson(b);
    j["deployments"] = list;
    return j;
}

std::string money(const std::optional<double>& usd, bool sign = false) {
    if (!usd) return "—";
    const std::string prefix = *usd < 0.0 ? "-" : sign ? "+" : "";
    const double v = std::abs(*usd);
    return v >= 1000.0 ? fmt::format("{}${:.0f}", prefix, v) : fmt::format("{}${:.2f}", prefix, v);
}

std::string secs(const std::optional<double>& s, bool sign = false) {
    if (!s) return "—";
    return sign ? fmt::format("{:+.3g} s", *s) : fmt::format("{:.3g} s", *s);
}

std::size_t displayWidth(const std::string& s) {  // UTF-8 code points
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string padded(const std::string& s, std::size_t width, bool left) {
    const std::string fill(width - std::min(width, displayWidth(s)), ' ');
    return left ? s + fill : fill + s;
}

std::string diffText(const Side& a, const Side& b, const std::vector<Row>& rows) {
    std::vector<std::vector<std::string>> cells{
        {"deployment", "status", "A $/mo", "B $/mo", "Δ $/mo", "Δ %", "A p99", "B p99", "Δ p99"}};
    for (const auto& r : rows) {
        const Figures none;
        const Figures& fa = r.a ? *r.a : none;
        const Figures& fb = r.b ? *r.b : none;
        const auto cost = r.a && r.b ? minus(fb.costUsdPerMonth, fa.costUsdPerMonth) : std::nullopt;
        const bool pct = cost && fa.costUsdPerMonth && *fa.costUsdPerMonth != 0.0;
        cells.push_back({r.name, r.status(), money(fa.costUsdPerMonth), money(fb.costUsdPerMonth), money(cost, true),
                         pct ? fmt::format("{:+.1f} %", 100.0 * *cost / *fa.costUsdPerMonth) : "—",
                         secs(fa.p99Seconds), secs(fb.p99Seconds),
                         secs(r.a && r.b ? minus(fb.p99Seconds, fa.p99Seconds) : std::nullopt, true)});
    }
    std::vector<std::size_t> width(cells[0].size(), 0);
    for (const auto& row : cells)
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], displayWidth(row[c]));
    std::string out = fmt::format("A: {} ({} {})\nB: {} ({} {})\n\n", a.path, a.kind, a.scenario, b.path, b.kind,
                                  b.scenario);
    for (const auto& row : cells) {
        for (std::size_t c = 0; c < row.size(); ++c)
            out += padded(row[c], width[c], c < 2) + "  ";
        out.erase(out.find_last_not_of(' ') + 1);
        out += '\n';
    }
    return out;
}

}  // namespace

int runDiff(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (std::find(argv.begin(), argv.end(), "--help") != argv.end()) {
        out << kHelp;
        return 0;
    }
    const Args args(argv, {"json"}, {"seed", "threads", "catalog", "as-of", "free-tier"});
    if (args.positional().size() != 2)
        throw UsageError("diff takes exactly two files: scenarios (or workspaces) and/or saved simulate --json results");
    SimulateSettings settings{args, err, std::nullopt, {}};
    if (const auto freeTier = args.value("free-tier")) {
        if (*freeTier != "on" && *freeTier != "off")
            throw UsageError("--free-tier: expected on or off, got '" + *freeTier + "'");
        settings.options.freeTier = *freeTier == "on";
    }
    const Side a = loadSide(args.positional()[0], settings);
    const Side b = loadSide(args.positional()[1], settings);
    const std::vector<Row> rows = matchRows(a, b);
    if (args.flag("json")) out << diffJson(a, b, rows).dump(2) << '\n';
    else out << diffText(a, b, rows);
    return 0;
}

}  // namespace breakeven::cli
