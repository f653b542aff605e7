#include "app/cli/UncertaintyCommand.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>

#include <fmt/format.h>

#include "app/cli/Args.h"
#include "app/cli/MpiRunner.h"
#include "app/cli/PricingArgs.h"
#include "app/core/CatalogueAccess.h"
#include "app/core/MonthCost.h"
#include "app/cli/ScenarioSource.h"
#include "model/analysis/Parallel.h"
#include "model/analysis/ShardItems.h"
#include "model/analysis/Uncertainty.h"
#include "model/core/Sha256.h"
#include "model/io/ResultJson.h"
#include "pricing/GpuResolve.h"
#include "pricing/ResultPricing.h"

namespace breakeven::cli {

using appcore::monthCost;
using appcore::openCatalogue;

namespace {
constexpr const char* kHelp = R"(usage: breakeven-cli uncertainty SCENARIO.json|WORKSPACE|- [--scenario NAME] --runs N
         [--vary PATH=LOW:HIGH]... [--grid-points K] [--grid-from A] [--grid-to B]
         [--refine P] [--json] [--threads N] [--seed N] [--catalog PATH]
         [--as-of DATE] [--free-tier on|off] [--shard I/N [--out PART] | --mpi]

Monte Carlo over seeds and uncertain inputs. Run i (0 … N-1) has its own seed
and its own uniform draw of every --vary input (any numeric scenario path, as
for sweep: workload.rateScale=0.8:1.5, deployments[0].coldStart.seconds=2:6,
pricing.factor=0.9:1.1, pricing.discountPercent.aws-ec2=0:30); integer keys
draw whole values. Output per alternative: $/month and p99 as mean and
5-95 % band (TTFT p99 for LLM services), and the fraction of runs it is the
cheapest (meeting the scenario's slos, when it has any).

Crossover bands: every run also evaluates each alternative at K log-spaced
workload.rateScale values from A to B (default 12 from 0.1 to 20; K = 0
turns bands off) and bisects each crossing with up to P re-simulations of
the pair (default 6; 0 = interpolate). The band is the 5-95 % range of each
run's lowest crossing. Cost: N x (K + 1) x deployments simulations plus the
bisections. Output is identical for any --threads; wall-clock figures are
only in the JSON "run" object (docs/analysis.md).

Scale-out (docs/scale-out.md): --shard I/N runs only runs with index % N == I
and writes a part (JSON lines) to stdout or --out PART; breakeven-cli merge
PARTS... prints the JSON of the whole run. --mpi, under mpirun, hands the
runs out to MPI ranks and prints that JSON on rank 0.
)";

using analysis::Band;
using analysis::UncertaintyResult;
using Json = ResultJson;
using Clock = std::chrono::steady_clock;

std::optional<double> parseNumber(const std::string& text) {
    double value = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
    return value;
}

double numberOption(const Args& args, const std::string& name, double fallback) {
    const auto text = args.value(name);
    if (!text) return fallback;
    const auto value = parseNumber(*text);
    if (!value) throw UsageError("--" + name + ": expected a number, got '" + *text + "'");
    return *value;
}

// PATH=LOW:HIGH, or PATH=VALUE for a fixed value.
analysis::VariedInput parseVary(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw UsageError("--vary '" + text + "': expected PATH=LOW:HIGH, e.g. workload.rateScale=0.8:1.5");
    analysis::VariedInput v{text.substr(0, eq), 0.0, 0.0};
    const std::string range = text.substr(eq + 1);
    const auto colon = range.find(':');
    const auto low = parseNumber(range.substr(0, colon));
    const auto high = colon == std::string::npos ? low : parseNumber(range.substr(colon + 1));
    if (!low || !high)
        throw UsageError("--vary " + v.path + ": expected LOW:HIGH numbers after '=', got '" + range + "'");
    if (*low > *high) throw UsageError(fmt::format("--vary {}: LOW {} is above HIGH {}", v.path, *low, *high));
    v.low = *low;
    v.high = *high;
    return v;
}


analysis::UncertaintyOptions uncertaintyOptions(const Args& args) {
    analysis::UncertaintyOptions o;
    const auto runs = args.unsignedValue("runs");
    if (!runs || *runs == 0) throw UsageError("--runs N (≥ 1) is required");
    o.runs = static_cast<std::size_t>(std::min<std::uint64_t>(*runs, 1000000));
    for (const auto& text : args.values("vary")) o.vary.push_back(parseVary(text));
    o.gridPoints = static_cast<int>(std::min<std::uint64_t>(args.unsignedValue("grid-points").value_or(12), 10000));
    o.gridFrom = numberOption(args, "grid-from", 0.1);
    o.gridTo = numberOption(args, "grid-to", 20.0);
    o.refineProbes = static_cast<int>(std::min<std::uint64_t>(args.unsignedValue("refine").value_or(6), 60));
    o.threads = analysis::resolveThreads(static_cast<int>(args.unsignedValue("threads").value_or(0)));
    return o;
}

Json bandJson(const std::optional<Band>& b) {
    if (!b) return Json(nullptr);
    return {{"mean", b->mean}, {"p5", b->p5}, {"median", b->median}, {"p95", b->p95}, {"runs", b->count}};
}

Json alternativesJson(const UncertaintyResult& r) {
    Json list = Json::array();
    for (const auto& a : r.bands)
        list.push_back({{"name", a.name},
                        {"costUsdPerMonth", bandJson(a.costUsdPerMonth)},
                        {"p99Seconds", bandJson(a.p99Seconds)},
                        {"ttftP99Seconds", bandJson(a.ttftP99Seconds)},
                        {"winFraction", a.winFraction}});
    return list;
}

Json bandsJson(const UncertaintyResult& r) {
    Json list = Json::array();
    for (const auto& c : r.crossoverBands)
        list.push_back({{"a", c.aName},
                        {"b", c.bName},
                        {"parameter", std::string(analysis::kRateScalePath)},
                        {"low", c.rateScale->p5},
                        {"high", c.rateScale->p95},
                        {"median", c.rateScale->median},
                        {"mean", c.rateScale->mean},
                        {"runsWithCrossover", c.runsWithCrossover}});
    return list;
}

struct RunFacts {
    std::string sha256;
    double wallSeconds = 0.0;
    int threads = 1;
    int refineProbes = 0;
};

Json resultJson(const Scenario& s, const UncertaintyResult& r, const pricing::PriceSet& prices, const RunFacts& run) {
    Json inputs = Json::array();
    for (const auto& v : r.inputs) inputs.push_back({{"path", v.path}, {"low", v.low}, {"high", v.high}});
    Json j = resultHeader(s.name, run.sha256, s.seed);
    j["runs"] = r.runs;
    j["inputs"] = inputs;
    j["grid"] = {{"parameter", std::string(analysis::kRateScalePath)},
                 {"values", r.grid},
                 {"refineProbes", run.refineProbes}};
    j["alternatives"] = alternativesJson(r);
    j["runsWithoutWinner"] = r.runsWithoutWinner;
    j["crossoverBands"] = bandsJson(r);
    j["catalogSnapshot"] = pricing::catalogSnapshotJson(prices);
    j["run"] = {{"wallSeconds", run.wallSeconds},
                {"runsPerWallSecond", run.wallSeconds > 0.0 ? static_cast<double>(r.runs) / run.wallSeconds : 0.0},
                {"simulations", r.simulations},
                {"threads", run.threads}};
    return j;
}

std::string money(double usd) { return usd >= 1000.0 ? fmt::format("${:.0f}", usd) : fmt::format("${:.2f}", usd); }

std::string bandText(const std::optional<Band>& b, bool usd) {
    if (!b) return "—";
    if (usd) return fmt::format("{} [{} – {}]", money(b->mean), money(b->p5), money(b->p95));
    return fmt::format("{:.3g} s [{:.3g} – {:.3g}]", b->mean, b->p5, b->p95);
}

std::string textReport(const UncertaintyResult& r) {
    std::size_t width = 11;
    for (const auto& a : r.bands) width = std::max(width, a.name.size());
    std::string out = fmt::format("{:<{}}  {:>30}  {:>30}  {:>6}\n", "alternative", width,
                                  "$/month mean [p5 – p95]", "p99 mean [p5 – p95]", "wins");
    for (const auto& a : r.bands)
        out += fmt::format("{:<{}}  {:>30}  {:>30}  {:>5.0f}%\n", a.name, width, bandText(a.costUsdPerMonth, true),
                           bandText(a.p99Seconds, false), 100.0 * a.winFraction);
    for (const auto& a : r.bands)
        if (a.ttftP99Seconds) out += fmt::format("  {} TTFT p99: {}\n", a.name, bandText(a.ttftP99Seconds, false));
    if (r.grid.empty()) return out + "\nNo crossover bands (--grid-points 0).\n";
    if (r.crossoverBands.empty())
        return out + fmt::format("\nNo crossovers: no two cost curves cross for workload.rateScale {:g}–{:g}.\n",
                                 r.grid.front(), r.grid.back());
    out += "\nCrossover bands (workload.rateScale where two $/month curves cross, 5–95 % of runs):\n";
    for (const auto& c : r.crossoverBands)
        out += fmt::format("  {} = {} at {:.4g} – {:.4g} (median {:.4g}; crosses in {}/{} runs)\n", c.aName, c.bName,
                           c.rateScale->p5, c.rateScale->p95, c.rateScale->median, c.runsWithCrossover, r.runs);
    return out;
}

// Progress on stderr once the runs have taken more than a second.
class RunProgress {
public:
    RunProgress(std::ostream& err, std::size_t runs) : err_(err), runs_(runs) {}
    void runDone() {
        std::lock_guard lock(mutex_);
        ++done_;
        const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
        const std::size_t tenth = done_ * 10 / runs_;
        if (elapsed < 1.0 || tenth == lastTenth_) return;
        lastTenth_ = tenth;
        err_ << fmt::format("uncertainty… {}/{} runs ({:.0f} s)\n", done_, runs_, elapsed) << std::flush;
    }

private:
    std::ostream& err_;
    std::mutex mutex_;
    std::size_t runs_, done_ = 0, lastTenth_ = 0;
    Clock::time_point start_ = Clock::now();
};

}  // namespace

namespace {

const std::set<std::string> kFlags{"json", "mpi"};
const std::set<std::string> kValueOptions{"runs",    "vary",    "grid-points", "grid-from", "grid-to",
                                          "refine",  "seed",    "threads",     "catalog",   "as-of",
                                          "free-tier", "scenario", "shard",     "out"};

// Everything the runs need. Built in place and never moved: the model's
// prepare hook points at `prices` and `input`.
struct UncertaintySetup {
    ScenarioInput input;
    Scenario scenario;
    pricing::PriceSet prices;
    std::unique_ptr<analysis::UncertaintyModel> model;
    analysis::CostFunction cost;
    int threads = 1;
    int refineProbes = 0;
};

std::unique_ptr<UncertaintySetup> setUp(const Args& args, const std::function<ScenarioInput()>& load,
                                        std::ostream& err, MpiSession* mpi) {
    if (args.positional().size() != 1)
        throw UsageError("uncertainty takes exactly one scenario file, workspace (with --scenario NAME) or - for stdin");
    analysis::UncertaintyOptions options = uncertaintyOptions(args);
    const pricing::PricingOptions priceOptions = pricingOptions(args);
    auto setup = std::make_unique<UncertaintySetup>();
    setup->input = load();
    setup->scenario = setup->input.scenario;
    if (const auto seed = args.unsignedValue("seed")) setup->scenario.seed = *seed;
    auto openPrices = [&] {
        setup->prices = openCatalogue(args.value("catalog"), err, "uncertainty").load(args.value("as-of"));
    };
    if (mpi != nullptr) mpi->rootFirst(openPrices);  // rank 0 creates a missing catalogue, once
    else openPrices();
    UncertaintySetup* raw = setup.get();
    auto prepare = [raw](Scenario& s) { pricing::resolveLlmGpus(s, raw->prices, raw->input.source); };
    prepare(setup->scenario);
    setup->cost = monthCost(setup->prices, priceOptions);
    setup->threads = options.threads;
    setup->refineProbes = options.refineProbes;
    try {
        setup->model = std::make_unique<analysis::UncertaintyModel>(setup->scenario, setup->input.source, prepare,
                                                                    std::move(options));
    } catch (const analysis::ParameterError& e) {
        throw UsageError(std::string("--vary ") + e.what());
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    return setup;
}

// A run read back from a part, checked against the model it must belong to.
analysis::UncertaintyRun runFromJson(const nlohmann::json& item, const analysis::UncertaintyModel& model) {
    analysis::UncertaintyRun run = analysis::uncertaintyRunFromJson(item);
    const std::size_t m = model.alternatives().size();
    const std::size_t pairs = model.grid().empty() ? 0 : m * (m - 1) / 2;
    bool same = run.seed == model.seedOf(run.index) && run.inputs == model.inputsOf(run.index) &&
                run.alternatives.size() == m && run.crossings.size() == pairs;
    for (const auto& c : run.crossings) same = same && c.a < m && c.b < m;
    same = same && (!run.winner || *run.winner < m);
    if (!same)
        throw analysis::ShardError(
            fmt::format("item {}: its seed, inputs or alternatives differ from this scenario's run {}", run.index,
                        run.index));
    return run;
}

std::vector<analysis::UncertaintyRun> runsOverMpi(MpiSession& mpi, const UncertaintySetup& setup, std::ostream& err,
                                                  bool& root) {
    const auto lines = mpi.distribute(
        setup.model->options().runs,
        [&](std::size_t id) {
            return analysis::uncertaintyRunToJson(setup.model->run(id, setup.cost), *setup.model).dump();
        },
        err);
    root = lines.has_value();
    std::vector<analysis::UncertaintyRun> runs;
    if (lines)
        for (const auto& line : *lines) runs.push_back(runFromJson(nlohmann::json::parse(line), *setup.model));
    return runs;
}

void printResult(const UncertaintySetup& setup, const UncertaintyResult& result, const RunFacts& run, bool json,
                 std::ostream& out) {
    if (json) {
        out << resultJson(setup.scenario, result, setup.prices, run).dump(2) << '\n';
        return;
    }
    out << textReport(result);
    out << fmt::format("\n{} runs, {} deployment runs in {:.2f} s on {} thread{}. Prices: catalogue snapshot {} as of "
                       "{}; $/month scales the simulated usage to a 730-hour month.\n",
                       result.runs, result.simulations, run.wallSeconds, run.threads, run.threads == 1 ? "" : "s",
                       setup.prices.snapshotId, setup.prices.asOf);
}

}  // namespace

int runUncertainty(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (std::find(argv.begin(), argv.end(), "--help") != argv.end()) {
        out << kHelp;
        return 0;
    }
    const Args args(argv, kFlags, kValueOptions);
    const Execution execution = executionOf(args);
    std::optional<MpiSession> mpi;
    if (execution.mode == RunMode::Mpi) mpi.emplace();
    const auto setup = setUp(
        args, [&] { return loadScenarioInput(args.positional().front(), args.value("scenario"), err); }, err,
        mpi ? &*mpi : nullptr);
    const analysis::UncertaintyModel& model = *setup->model;
    const std::size_t count = model.options().runs;
    const auto start = Clock::now();
    std::vector<analysis::UncertaintyRun> runs;
    if (execution.mode == RunMode::Mpi) {
        bool root = false;
        runs = runsOverMpi(*mpi, *setup, err, root);
        if (!root) return 0;  // rank 0 prints
    } else {
        const auto ids = execution.mode == RunMode::Shard ? analysis::shardItems(count, execution.shard)
                                                          : std::vector<std::size_t>{};
        const std::size_t todo = execution.mode == RunMode::Shard ? ids.size() : count;
        RunProgress progress(err, std::max<std::size_t>(1, todo));
        runs.resize(todo);
        std::mutex mutex;
        analysis::parallelFor(todo, setup->threads, [&](std::size_t k) {
            runs[k] = model.run(execution.mode == RunMode::Shard ? ids[k] : k, setup->cost);
            std::lock_guard lock(mutex);
            progress.runDone();
        });
    }
    if (execution.mode == RunMode::Shard) {
        std::vector<nlohmann::json> items;
        for (const auto& r : runs) items.push_back(analysis::uncertaintyRunToJson(r, model));
        emitPart(execution,
                 partHeader("uncertainty", partArguments(argv, kFlags, kValueOptions), setup->input, setup->prices,
                            count, execution.shard),
                 items, out);
        return 0;
    }
    const UncertaintyResult result = analysis::aggregateUncertainty(model, runs);
    const RunFacts run{Sha256::hex(setup->input.text), std::chrono::duration<double>(Clock::now() - start).count(),
                       mpi ? mpi->size() : setup->threads, setup->refineProbes};
    printResult(*setup, result, run, args.flag("json"), out);
    return 0;
}

void mergeUncertainty(const analysis::MergedParts& parts, const MergeSettings& settings, std::ostream& out,
                      std::ostream& err) {
    const Args args(argumentsOf(parts.header, settings), kFlags, kValueOptions);
    const auto setup = setUp(args, [&] { return scenarioOf(parts.header); }, err, nullptr);
    checkSnapshot(parts.header, setup->prices);
    const analysis::UncertaintyModel& model = *setup->model;
    if (parts.items.size() != model.options().runs)
        throw analysis::ShardError(
            fmt::format("the parts hold {} runs, the command asked for {}", parts.items.size(), model.options().runs));
    const auto start = Clock::now();
    std::vector<analysis::UncertaintyRun> runs;
    for (const auto& item : parts.items) runs.push_back(runFromJson(item, model));
    const UncertaintyResult result = analysis::aggregateUncertainty(model, runs);
    const RunFacts run{Sha256::hex(setup->input.text), std::chrono::duration<double>(Clock::now() - start).count(),
                       setup->threads, setup->refineProbes};
    printResult(*setup, result, run, true, out);
}

}  // namespace breakeven::cli
