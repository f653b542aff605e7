#include "app/cli/OptimizeCommand.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/core/CatalogueAccess.h"
#include "app/core/Recommendation.h"
#include "app/core/MonthCost.h"
#include "model/analysis/Capacity.h"
#include "model/analysis/Parallel.h"
#include "model/analysis/Pareto.h"
#include "model/core/Sha256.h"
#include "model/io/ResultJson.h"
#include "pricing/GpuResolve.h"
#include "pricing/ResultPricing.h"

namespace breakeven::cli {

using appcore::monthCost;
using appcore::openCatalogue;

namespace {
using Json = ResultJson;
using Clock = std::chrono::steady_clock;

std::optional<double> numberFlag(const Args& args, const std::string& name, bool fraction) {
    const auto text = args.value(name);
    if (!text) return std::nullopt;
    double value = 0.0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value))
        throw UsageError("--" + name + ": expected a number, got '" + *text + "'");
    if (fraction && (value < 0.0 || value > 1.0))
        throw UsageError("--" + name + ": expected a fraction in [0, 1], got " + *text);
    if (!fraction && !(value > 0.0)) throw UsageError("--" + name + ": expected seconds > 0, got " + *text);
    return value;
}

SloSpec mergeSlos(const Args& args, SloSpec slos) {
    const std::pair<const char*, std::optional<double> SloSpec::*> seconds[] = {
        {"p99", &SloSpec::p99Seconds}, {"ttft-p99", &SloSpec::ttftP99Seconds}, {"tpot-p99", &SloSpec::tpotP99Seconds}};
    const std::pair<const char*, std::optional<double> SloSpec::*> fractions[] = {
        {"min-goodput", &SloSpec::minGoodput},
        {"max-cold", &SloSpec::maxColdStartFraction},
        {"max-reject", &SloSpec::maxRejectFraction}};
    for (const auto& [flag, member] : seconds)
        if (const auto v = numberFlag(args, flag, false)) slos.*member = v;
    for (const auto& [flag, member] : fractions)
        if (const auto v = numberFlag(args, flag, true)) slos.*member = v;
    return slos;
}

constexpr const char* kNoSlo =
    "no SLO to meet: give --p99 S (and for LLMs --ttft-p99 S, --tpot-p99 S, --min-goodput F), "
    "--max-cold F or --max-reject F, or a \"slos\" object in the scenario (docs/scenario-format.md)";

Json nullable(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json changesToJson(const std::vector<analysis::ConfigChange>& changes) {
    Json out = Json::array();
    for (const auto& c : changes) out.push_back({{"path", c.path}, {"value", Json::parse(c.value.dump())}});
    return out;
}

Json outcomeToJson(const analysis::Candidate& c) {
    const analysis::SloOutcome& o = c.outcome;
    Json limits = Json::array();
    for (const auto& f : o.limits) limits.push_back({{"code", f.code}, {"message", f.message}});
    return {{"changes", changesToJson(c.changes)},
            {"costUsdPerMonth", nullable(o.costUsdPerMonth)},
            {"p99Seconds", nullable(o.p99Seconds)},
            {"ttftP99Seconds", nullable(o.ttftP99Seconds)},
            {"tpotP99Seconds", nullable(o.tpotP99Seconds)},
            {"goodputFraction", nullable(o.goodputFraction)},
            {"coldStartFraction", o.coldStartFraction},
            {"rejectFraction", o.rejectFraction},
            {"meetsSlo", o.meetsSlo()},
            {"misses", o.misses},
            {"limits", limits}};
}

Json header(const PlanningSetup& s) {
    Json j = resultHeader(s.scenario.name, Sha256::hex(s.input.text), s.scenario.seed);
    j["slos"] = {{"p99Seconds", nullable(s.slos.p99Seconds)},
                 {"ttftP99Seconds", nullable(s.slos.ttftP99Seconds)},
                 {"tpotP99Seconds", nullable(s.slos.tpotP99Seconds)},
                 {"minGoodput", nullable(s.slos.minGoodput)},
                 {"maxColdStartFraction", nullable(s.slos.maxColdStartFraction)},
                 {"maxRejectFraction", nullable(s.slos.maxRejectFraction)}};
    return j;
}

void footer(Json& j, const PlanningSetup& s, double wallSeconds) {
    j["catalogSnapshot"] = pricing::catalogSnapshotJson(s.prices);
    j["run"] = {{"wallSeconds", wallSeconds}, {"threads", s.threads}};
}

std::string money(const std::optional<double>& usd) {
    if (!usd) return "not priced";
    return *usd >= 1000.0 ? fmt::format("${:.0f}", *usd) : fmt::format("${:.2f}", *usd);
}

std::string secs(const std::optional<double>& s) { return s ? fmt::format("{:.3g} s", *s) : "—"; }

std::string summary(const analysis::SloOutcome& o) {
    std::string s = fmt::format("{}/month, p99 {}", money(o.costUsdPerMonth), secs(o.p99Seconds));
    if (o.ttftP99Seconds) s += fmt::format(", TTFT p99 {}, TPOT p99 {}", secs(o.ttftP99Seconds), secs(o.tpotP99Seconds));
    s += fmt::format(", cold {:.3g} %, rejected {:.3g} %", 100.0 * o.coldStartFraction, 100.0 * o.rejectFraction);
    return s;
}

std::string changesText(const std::vector<analysis::ConfigChange>& changes) {
    if (changes.empty()) return "as written";
    std::string s;
    for (const auto& c : changes) s += fmt::format("{}{} = {}", s.empty() ? "" : ", ", c.path, c.value.dump());
    return s;
}

analysis::OptimizeResult runOptimizer(const PlanningSetup& s) {
    analysis::OptimizerOptions options;
    options.slos = s.slos;
    options.threads = s.threads;
    options.source = s.input.source;
    options.prepare = preparer(s);
    options.gpuCandidates = gpuCandidates(s);
    return analysis::optimize(s.scenario, monthCost(s.prices, s.priceOptions), options);
}

constexpr const char* kSloOptions = R"(SLOs (override the scenario's "slos"; at least one is needed):
  --p99 S          p99 of served requests ≤ S seconds
  --ttft-p99 S     LLM deployments: time-to-first-token p99 ≤ S
  --tpot-p99 S     LLM deployments: time-per-output-token p99 ≤ S
  --min-goodput F  LLM deployments: goodput ≥ F (0–1)
  --max-cold F     cold requests / requests ≤ F (0–1)
  --max-reject F   rejected and timed-out requests / requests ≤ F (0–1)
Other options: --scenario NAME (workspaces), --json, --threads N, --seed N,
--catalog PATH, --as-of DATE, --free-tier on|off. docs/analysis.md.
)";

constexpr const char* kOptimizeHelp = R"(usage: breakeven-cli optimize SCENARIO|WS [options]
Per alternative, the cheapest configuration that meets the SLOs (node count,
hybrid baseline, min instances, keep-alive, GPU type, tp, maxNumSeqs), each
candidate simulated; the changed keys, $/month, p99/TTFT/TPOT, or the
closest configuration when none meets them.
)";
constexpr const char* kParetoHelp = R"(usage: breakeven-cli pareto SCENARIO|WS [options]
The $/month vs p99 Pareto front of every configuration optimize simulates.
)";

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void optimizeText(const PlanningSetup& s, const analysis::OptimizeResult& r, double wall, std::ostream& out) {
    out << "SLOs: " << describeSlos(s.slos) << "\n\n";
    for (const auto& a : r.alternatives) {
        const auto& o = a.best.outcome;
        if (a.feasible) out << fmt::format("{}: {} — meets the SLOs\n", a.name, summary(o));
        else out << fmt::format("{}: no configuration meets the SLOs; closest: {}\n", a.name, summary(o));
        out << fmt::format("  configuration: {}\n", changesText(a.best.changes));
        if (!o.misses.empty()) out << "  misses: " << fmt::format("{}", fmt::join(o.misses, "; ")) << '\n';
        for (const auto& f : o.limits) out << "  cannot run so: " << f.message << '\n';
        out << fmt::format("  as written: {}{}\n", summary(a.asWritten.outcome),
                           a.asWritten.outcome.meetsSlo() ? " (meets the SLOs)" : "");
        out << fmt::format("  {} configurations simulated; searched: {}\n", a.evaluations,
                           a.knobs.empty() ? "nothing" : fmt::format("{}", fmt::join(a.knobs, ", ")));
        if (!a.note.empty()) out << "  note: " << a.note << '\n';
    }
    out << fmt::format("\n{} simulations in {:.2f} s on {} thread{}. Prices: catalogue snapshot {} as of {}.\n",
                       r.evaluations, wall, s.threads, s.threads == 1 ? "" : "s", s.prices.snapshotId, s.prices.asOf);
}
}  // namespace

std::set<std::string> planningOptions() {
    return {"scenario", "p99",  "ttft-p99", "tpot-p99",  "max-cold", "max-reject",
            "min-goodput", "threads", "catalog", "as-of", "seed", "free-tier"};
}

std::string describeSlos(const SloSpec& slos) { return appcore::describeSlos(slos); }

void loadPlanning(const Args& args, std::ostream& err, const std::string& command, PlanningSetup& s) {
    if (args.positional().size() != 1)
        throw UsageError(command + " takes exactly one scenario file, workspace (with --scenario NAME) or - for stdin");
    s.slos = mergeSlos(args, {});  // flags are checked before anything is read
    if (const auto freeTier = args.value("free-tier")) {
        if (*freeTier != "on" && *freeTier != "off")
            throw UsageError("--free-tier: expected on or off, got '" + *freeTier + "'");
        s.priceOptions.freeTier = *freeTier == "on";
    }
    s.input = loadScenarioInput(args.positional().front(), args.value("scenario"), err);
    s.scenario = s.input.scenario;
    if (const auto seed = args.unsignedValue("seed")) s.scenario.seed = *seed;
    s.slos = mergeSlos(args, s.scenario.slos);
    s.threads = analysis::resolveThreads(static_cast<int>(args.unsignedValue("threads").value_or(0)));
    s.prices = openCatalogue(args.value("catalog"), err, command).load(args.value("as-of"));
    pricing::resolveLlmGpus(s.scenario, s.prices, s.input.source);
}

std::function<std::vector<std::string>(const DeploymentSpec&)> gpuCandidates(const PlanningSetup& s) {
    return [&s](const DeploymentSpec& d) {
        std::vector<std::string> ids;
        for (const auto& [id, gpu] : s.prices.gpus) {
            if (gpu.memoryGb <= 0 || gpu.memoryBandwidthGBs <= 0 || gpu.fp16DenseTflops <= 0) continue;
            const auto row = pricing::gpuPriceId(d.platform, id, s.priceOptions);
            if (row && s.prices.findItem(*row) != nullptr) ids.push_back(id);
        }
        return ids;
    };
}

analysis::PrepareScenario preparer(const PlanningSetup& s) {
    return [&s](Scenario& scenario) { pricing::resolveLlmGpus(scenario, s.prices, s.input.source); };
}

bool planningHelp(const std::vector<std::string>& argv, const char* usage, std::ostream& out) {
    if (std::find(argv.begin(), argv.end(), "--help") == argv.end()) return false;
    out << usage << '\n' << kSloOptions;
    return true;
}

int runOptimize(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (planningHelp(argv, kOptimizeHelp, out)) return 0;
    const Args args(argv, {"json"}, planningOptions());
    PlanningSetup s;
    loadPlanning(args, err, "optimize", s);
    if (s.slos.empty()) throw UsageError(kNoSlo);
    const auto start = Clock::now();
    const analysis::OptimizeResult r = runOptimizer(s);
    const double wall = since(start);
    if (!args.flag("json")) {
        optimizeText(s, r, wall, out);
        return 0;
    }
    Json j = header(s);
    Json alternatives = Json::array();
    for (const auto& a : r.alternatives)
        alternatives.push_back({{"name", a.name},
                                {"feasible", a.feasible},
                                {"best", outcomeToJson(a.best)},
                                {"asWritten", outcomeToJson(a.asWritten)},
                                {"knobs", a.knobs},
                                {"evaluations", a.evaluations},
                                {"note", a.note}});
    j["alternatives"] = alternatives;
    j["evaluations"] = r.evaluations;
    footer(j, s, wall);
    out << j.dump(2) << '\n';
    return 0;
}

int runPareto(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (planningHelp(argv, kParetoHelp, out)) return 0;
    const Args args(argv, {"json"}, planningOptions());
    PlanningSetup s;
    loadPlanning(args, err, "pareto", s);
    if (s.slos.empty()) throw UsageError(kNoSlo);
    const auto start = Clock::now();
    const analysis::OptimizeResult r = runOptimizer(s);
    std::vector<analysis::ParetoPoint> points;
    for (std::size_t i = 0; i < r.candidates.size(); ++i) {
        const auto& o = r.candidates[i].outcome;
        if (o.costUsdPerMonth && o.p99Seconds && o.limits.empty())
            points.push_back({*o.costUsdPerMonth, *o.p99Seconds, i});
    }
    const auto front = analysis::paretoFront(points);
    const double wall = since(start);
    Json list = Json::array();
    for (const auto& p : front) {
        const auto& c = r.candidates[p.index];
        Json entry = outcomeToJson(c);
        entry.erase("limits");
        entry["alternative"] = r.alternatives[c.alternative].name;
        list.push_back(std::move(entry));
    }
    if (args.flag("json")) {
        Json j = header(s);
        j["front"] = list;
        j["candidates"] = r.candidates.size();
        footer(j, s, wall);
        out << j.dump(2) << '\n';
        return 0;
    }
    out << fmt::format("Pareto front of $/month vs p99 over {} simulated configurations (SLOs: {}):\n",
                       r.candidates.size(), describeSlos(s.slos));
    for (const auto& p : front) {
        const auto& c = r.candidates[p.index];
        out << fmt::format("  {:>10}  p99 {:>8}  {}{}  {}\n", money(c.outcome.costUsdPerMonth), secs(c.outcome.p99Seconds),
                           r.alternatives[c.alternative].name, c.outcome.meetsSlo() ? "" : " (misses the SLOs)",
                           changesText(c.changes));
    }
    return 0;
}

}  // namespace breakeven::cli
