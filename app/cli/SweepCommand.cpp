#include "app/cli/SweepCommand.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "app/cli/Args.h"
#include "app/cli/MpiRunner.h"
#include "app/core/CsvWriter.h"
#include "app/cli/PricingArgs.h"
#include "app/core/CatalogueAccess.h"
#include "app/core/MonthCost.h"
#include "app/cli/ScenarioSource.h"
#include "model/analysis/Parallel.h"
#include "model/analysis/ShardItems.h"
#include "model/analysis/Sweep.h"
#include "model/core/Sha256.h"
#include "model/io/ResultJson.h"
#include "model/io/ScenarioJson.h"
#include "pricing/GpuResolve.h"
#include "pricing/ResultPricing.h"

namespace breakeven::cli {

using appcore::monthCost;
using appcore::openCatalogue;

namespace {
using analysis::SweepResult;
using Json = ResultJson;
using Clock = std::chrono::steady_clock;

double numberOption(const Args& args, const std::string& name) {
    const auto text = args.value(name);
    if (!text) throw UsageError("--" + name + " is required");
    double value = 0.0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value))
        throw UsageError("--" + name + ": expected a number, got '" + *text + "'");
    return value;
}

analysis::SweepRange sweepRange(const Args& args) {
    analysis::SweepRange range;
    range.from = numberOption(args, "from");
    range.to = numberOption(args, "to");
    const auto points = args.unsignedValue("points");
    if (!points) throw UsageError("--points is required");
    range.points = static_cast<int>(std::min<std::uint64_t>(*points, 100000));
    range.scale = args.flag("log") ? analysis::SweepScale::Log : analysis::SweepScale::Linear;
    try {
        (void)analysis::sweepValues(range);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    return range;
}


// Progress on stderr, only once the sweep has taken more than a second.
class SweepProgress {
public:
    SweepProgress(std::ostream& err, std::size_t points) : err_(err), points_(points), tty_(isatty(STDERR_FILENO) != 0) {}

    void pointDone() {
        std::lock_guard lock(mutex_);
        ++done_;
        const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
        if (elapsed < 1.0) return;
        const std::size_t tenth = done_ * 10 / points_;  // logs get a line per 10 %, terminals every point
        if (!tty_ && tenth == lastTenth_) return;
        lastTenth_ = tenth;
        err_ << (tty_ ? "\r" : "") << fmt::format("sweeping… {}/{} points  ({:.0f} s)", done_, points_, elapsed)
             << (tty_ ? "" : "\n") << std::flush;
        // Refinement follows the last point and may take as long again.
        if (done_ == points_) err_ << (tty_ ? "\n" : "") << "refining crossovers by re-simulation…\n" << std::flush;
    }

private:
    std::ostream& err_;
    std::mutex mutex_;
    std::size_t points_, done_ = 0, lastTenth_ = 0;
    Clock::time_point start_ = Clock::now();
    bool tty_;
};

Json nullable(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }
}  // namespace

namespace {
Json pointsToJson(const SweepResult& r) {
    Json points = Json::array();
    for (const auto& p : r.points) {
        Json deployments = Json::array();
        for (const auto& a : p.alternatives)
            deployments.push_back({{"name", a.name},
                                   {"costUsdPerMonth", nullable(a.costUsdPerMonth)},
                                   {"p99Seconds", nullable(a.p99Seconds)},
                                   {"coldStartFraction", a.coldStartFraction},
                                   {"rejectFraction", a.rejectFraction}});
        points.push_back({{"value", p.value}, {"ratePerSecond", p.ratePerSecond}, {"deployments", deployments}});
    }
    return points;
}

Json crossoversToJson(const SweepResult& r) {
    Json crossovers = Json::array();
    for (const auto& c : r.crossovers) {
        const analysis::PairSample& at = c.crossover.at;
        crossovers.push_back(
            {{"a", c.aName},
             {"b", c.bName},
             {"value", at.value},
             {"ratePerSecond", at.ratePerSecond},
             {"costUsdPerMonth", {{"a", nullable(at.a.costUsdPerMonth)}, {"b", nullable(at.b.costUsdPerMonth)}}},
             {"aP99Seconds", nullable(at.a.p99Seconds)},
             {"bP99Seconds", nullable(at.b.p99Seconds)},
             {"refined", c.crossover.refined},
             {"dedicatedUtilization",
              {{"a", nullable(at.a.dedicatedUtilization)}, {"b", nullable(at.b.dedicatedUtilization)}}}});
    }
    return crossovers;
}

struct RunFacts {
    std::string sha256;
    double wallSeconds = 0.0;
    int threads = 1;
};

Json sweepToJson(const Scenario& s, const SweepResult& r, const pricing::PriceSet& prices, const RunFacts& run) {
    Json j = resultHeader(s.name, run.sha256, s.seed);
    j["parameter"] = r.parameter;
    j["scale"] = r.range.scale == analysis::SweepScale::Log ? "log" : "linear";
    j["points"] = pointsToJson(r);
    j["crossovers"] = crossoversToJson(r);
    j["catalogSnapshot"] = pricing::catalogSnapshotJson(prices);
    const double points = static_cast<double>(r.points.size());
    j["run"] = {{"wallSeconds", run.wallSeconds},
                {"pointsPerWallSecond", run.wallSeconds > 0.0 ? points / run.wallSeconds : 0.0},
                {"simulations", r.simulations},
                {"threads", run.threads}};
    return j;
}

std::string money(const std::optional<double>& usd) {
    if (!usd) return "—";
    return *usd >= 1000.0 ? fmt::format("${:.0f}", *usd) : fmt::format("${:.2f}", *usd);
}

std::string seconds(const std::optional<double>& s) { return s ? fmt::format("{:.3g} s", *s) : "—"; }

std::size_t displayWidth(const std::string& s) {  // UTF-8 code points
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pointTable(const SweepResult& r) {
    std::vector<std::vector<std::string>> rows{{r.parameter, "req/s"}};
    for (const auto& a : r.alternatives) rows[0].push_back(a.name + " $/mo");
    for (const auto& p : r.points) {
        std::vector<std::string> row{fmt::format("{:.4g}", p.value), fmt::format("{:.3g}", p.ratePerSecond)};
        for (const auto& a : p.alternatives) row.push_back(money(a.costUsdPerMonth));
        rows.push_back(std::move(row));
    }
    std::vector<std::size_t> width(rows[0].size(), 0);
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], displayWidth(row[c]));
    std::string out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t c = 0; c < rows[i].size(); ++c) {
            out.append(c == 0 ? 0 : 2, ' ');  // numbers right-aligned
            out.append(width[c] - displayWidth(rows[i][c]), ' ');
            out += rows[i][c];
        }
        out += '\n';
    }
    return out;
}

std::string crossoverText(const SweepResult& r) {
    if (r.crossovers.empty()) return "No crossovers: the cost curves do not cross in this range.\n";
    std::string out = "Crossovers (where two $/month curves cross):\n";
    for (const auto& c : r.crossovers) {
        const analysis::PairSample& at = c.crossover.at;
        std::string utilisation;
        for (const auto& [name, u] : {std::pair{c.aName, at.a.dedicatedUtilization}, {c.bName, at.b.dedicatedUtilization}})
            if (u) utilisation += fmt::format("; {} utilisation {:.0f} %", name, 100.0 * *u);
        out += fmt::format("  {} = {} at {} = {:.4g} ({:.3g} req/s): {} vs {} per month, p99 {} vs {}{} — {}\n",
                           c.aName, c.bName, r.parameter, at.value, at.ratePerSecond, money(at.a.costUsdPerMonth),
                           money(at.b.costUsdPerMonth), seconds(at.a.p99Seconds), seconds(at.b.p99Seconds),
                           utilisation, c.crossover.refined ? "refined" : "interpolated");
    }
    return out;
}
}  // namespace

namespace {

const std::set<std::string> kFlags{"json", "log", "mpi", "csv"};
const std::set<std::string> kValueOptions{"parameter", "from",      "to",       "points", "seed",  "threads",
                                          "catalog",   "as-of",     "free-tier", "scenario", "shard", "out"};

// Everything a sweep needs before its points run. Built in place and never
// moved: the parameter's prepare hook points at `prices` and `input`.
struct SweepSetup {
    ScenarioInput input;
    Scenario scenario;
    pricing::PriceSet prices;
    pricing::PricingOptions priceOptions;
    std::unique_ptr<analysis::ParameterPath> parameter;
    analysis::SweepPlan plan;
    analysis::CostFunction cost;
    std::optional<int> threadsOption;  // --threads, when given
};

std::unique_ptr<SweepSetup> setUp(const Args& args, const std::function<ScenarioInput()>& load, std::ostream& err,
                                  MpiSession* mpi) {
    if (args.positional().size() != 1) throw UsageError("sweep takes exactly one scenario file, workspace (with --scenario NAME) or - for stdin");
    const auto parameterPath = args.value("parameter");
    if (!parameterPath) throw UsageError("--parameter is required (e.g. --parameter workload.rateScale)");
    auto setup = std::make_unique<SweepSetup>();
    const analysis::SweepRange range = sweepRange(args);
    setup->priceOptions = pricingOptions(args);
    if (const auto threads = args.unsignedValue("threads")) setup->threadsOption = static_cast<int>(*threads);
    setup->input = load();
    setup->scenario = setup->input.scenario;
    if (const auto seed = args.unsignedValue("seed")) setup->scenario.seed = *seed;
    // Prices first: a broken catalogue is reported before a long run, not after.
    auto openPrices = [&] { setup->prices = openCatalogue(args.value("catalog"), err, "sweep").load(args.value("as-of")); };
    if (mpi != nullptr) mpi->rootFirst(openPrices);  // rank 0 creates a missing catalogue, once
    else openPrices();
    SweepSetup* raw = setup.get();
    auto prepare = [raw](Scenario& s) { pricing::resolveLlmGpus(s, raw->prices, raw->input.source); };
    prepare(setup->scenario);  // an unknown GPU is reported once, before the sweep
    setup->cost = monthCost(setup->prices, setup->priceOptions);
    try {
        setup->parameter =
            std::make_unique<analysis::ParameterPath>(setup->scenario, *parameterPath, setup->input.source, prepare);
        setup->plan = analysis::planSweep(*setup->parameter, range);
    } catch (const analysis::ParameterError& e) {
        throw UsageError(std::string("--parameter ") + e.what());
    }
    return setup;
}

std::vector<std::size_t> allIds(std::size_t count) {
    std::vector<std::size_t> ids(count);
    for (std::size_t i = 0; i < count; ++i) ids[i] = i;
    return ids;
}

// The aggregation every mode shares: all points in, crossovers refined.
SweepResult finish(const SweepSetup& setup, std::vector<analysis::SweepPoint> points,
                   const analysis::SweepOptions& options) {
    try {
        return analysis::finishSweep(*setup.parameter, setup.plan, std::move(points), setup.cost, options);
    } catch (const analysis::ParameterError& e) {
        throw UsageError(std::string("--parameter ") + e.what());
    }
}

void printSweep(const SweepSetup& setup, const SweepResult& result, const RunFacts& run, bool json, bool csv,
                std::ostream& out) {
    if (csv) {
        out << appcore::sweepCsv(result);
        return;
    }
    if (json) {
        out << sweepToJson(setup.scenario, result, setup.prices, run).dump(2) << '\n';
        return;
    }
    out << pointTable(result) << '\n' << crossoverText(result);
    out << fmt::format("\n{} points, {} deployment runs in {:.2f} s on {} thread{}. Prices: catalogue snapshot {} as "
                       "of {}; $/month scales the simulated usage to a 730-hour month{}.\n",
                       result.points.size(), result.simulations, run.wallSeconds, run.threads,
                       run.threads == 1 ? "" : "s", setup.prices.snapshotId, setup.prices.asOf,
                       setup.priceOptions.freeTier ? ", free tiers applied" : ", no free tiers");
}

// A sweep point validated against the plan: same alternatives, same order.
analysis::SweepPoint pointFromJson(const nlohmann::json& item, const SweepSetup& setup) {
    analysis::SweepPoint p = analysis::sweepPointFromJson(item);
    const auto& alternatives = setup.plan.alternatives;
    bool same = p.alternatives.size() == alternatives.size() && p.value == setup.plan.values.at(p.index);
    for (std::size_t a = 0; same && a < alternatives.size(); ++a) same = p.alternatives[a].name == alternatives[a].name;
    if (!same)
        throw analysis::ShardError(fmt::format("item {}: its value or deployments differ from the scenario's sweep",
                                               p.index));
    return p;
}

std::vector<analysis::SweepPoint> pointsOverMpi(MpiSession& mpi, const SweepSetup& setup, std::ostream& err,
                                                bool& root) {
    analysis::SweepOptions options;
    options.threads = setup.threadsOption.value_or(1);  // a rank per core: one thread per item
    const auto lines = mpi.distribute(
        setup.plan.values.size(),
        [&](std::size_t id) {
            const auto points = analysis::runSweepPoints(setup.plan, {id}, setup.cost, options);
            return analysis::sweepPointToJson(points.front(), setup.plan.parameter).dump();
        },
        err);
    root = lines.has_value();
    std::vector<analysis::SweepPoint> points;
    if (lines)
        for (const auto& line : *lines) points.push_back(pointFromJson(nlohmann::json::parse(line), setup));
    return points;
}

}  // namespace

int runSweep(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args(argv, kFlags, kValueOptions);
    const Execution execution = executionOf(args);
    std::optional<MpiSession> mpi;
    if (execution.mode == RunMode::Mpi) mpi.emplace();
    const auto setup = setUp(
        args, [&] { return loadScenarioInput(args.positional().front(), args.value("scenario"), err); }, err,
        mpi ? &*mpi : nullptr);
    const std::size_t count = setup->plan.values.size();
    analysis::SweepOptions options;
    options.threads = analysis::resolveThreads(setup->threadsOption.value_or(0));
    const auto start = Clock::now();
    std::vector<analysis::SweepPoint> points;
    if (execution.mode == RunMode::Mpi) {
        bool root = false;
        points = pointsOverMpi(*mpi, *setup, err, root);
        if (!root) return 0;  // rank 0 prints
    } else {
        const auto ids = execution.mode == RunMode::Shard ? analysis::shardItems(count, execution.shard) : allIds(count);
        SweepProgress progress(err, std::max<std::size_t>(1, ids.size()));
        options.onPoint = [&progress](const analysis::SweepPoint&) { progress.pointDone(); };
        points = analysis::runSweepPoints(setup->plan, ids, setup->cost, options);
        options.onPoint = nullptr;
    }
    if (execution.mode == RunMode::Shard) {
        std::vector<nlohmann::json> items;
        for (const auto& p : points) items.push_back(analysis::sweepPointToJson(p, setup->plan.parameter));
        emitPart(execution,
                 partHeader("sweep", partArguments(argv, kFlags, kValueOptions), setup->input, setup->prices, count,
                            execution.shard),
                 items, out);
        return 0;
    }
    const SweepResult result = finish(*setup, std::move(points), options);
    const RunFacts run{Sha256::hex(setup->input.text), std::chrono::duration<double>(Clock::now() - start).count(),
                       mpi ? mpi->size() : options.threads};
    printSweep(*setup, result, run, args.flag("json"), args.flag("csv"), out);
    return 0;
}

void mergeSweep(const analysis::MergedParts& parts, const MergeSettings& settings, std::ostream& out,
                std::ostream& err) {
    const Args args(argumentsOf(parts.header, settings), kFlags, kValueOptions);
    const auto setup = setUp(args, [&] { return scenarioOf(parts.header); }, err, nullptr);
    checkSnapshot(parts.header, setup->prices);
    if (parts.items.size() != setup->plan.values.size())
        throw analysis::ShardError(fmt::format("the parts hold {} points, the sweep has {}", parts.items.size(),
                                               setup->plan.values.size()));
    analysis::SweepOptions options;
    options.threads = analysis::resolveThreads(setup->threadsOption.value_or(0));
    const auto start = Clock::now();
    std::vector<analysis::SweepPoint> points;
    for (const auto& item : parts.items) points.push_back(pointFromJson(item, *setup));
    const SweepResult result = finish(*setup, std::move(points), options);
    const RunFacts run{Sha256::hex(setup->input.text), std::chrono::duration<double>(Clock::now() - start).count(),
                       options.threads};
    printSweep(*setup, result, run, true, false, out);
}

}  // namespace breakeven::cli
