#include "app/cli/SimulateCommand.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>

#include <fmt/format.h>

#include "app/cli/Args.h"
#include "app/cli/PricingArgs.h"
#include "app/core/CatalogueAccess.h"
#include "app/core/CsvWriter.h"
#include "app/cli/RepriceCommand.h"
#include "app/cli/ScenarioSource.h"
#include "app/cli/SummaryTable.h"
#include "model/core/Sha256.h"
#include "model/io/ResultJson.h"
#include "model/io/ScenarioJson.h"
#include "model/sim/Simulator.h"
#include "pricing/GpuResolve.h"
#include "pricing/ResultPricing.h"

namespace breakeven::cli {

using appcore::openCatalogue;

namespace {
// Progress on stderr, only once a run has taken more than a second.
class ProgressReporter {
public:
    ProgressReporter(std::ostream& err, std::size_t deployments)
        : err_(err), fractions_(deployments, 0.0), start_(Clock::now()),
          tty_(isatty(STDERR_FILENO) != 0) {}

    void update(std::size_t index, double fraction) {
        std::lock_guard lock(mutex_);
        fractions_[index] = fraction;
        const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
        if (elapsed < 1.0) return;
        double sum = 0.0;
        for (double f : fractions_) sum += f;
        const int percent = static_cast<int>(100.0 * sum / static_cast<double>(fractions_.size()));
        if (percent == lastPercent_ || (!tty_ && percent < lastPercent_ + 10)) return;
        lastPercent_ = percent;
        err_ << (tty_ ? "\r" : "") << fmt::format("simulating… {:3d} %  ({:.0f} s)", percent, elapsed)
             << (tty_ ? "" : "\n") << std::flush;
        shown_ = true;
    }
    void done() {
        if (shown_ && tty_) err_ << '\n';
    }

private:
    using Clock = std::chrono::steady_clock;
    std::ostream& err_;
    std::mutex mutex_;
    std::vector<double> fractions_;
    Clock::time_point start_;
    bool tty_;
    bool shown_ = false;
    int lastPercent_ = -1;
};

}  // namespace

int runSimulate(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args(argv, {"json", "timeline", "save", "csv"},
                    {"seed", "threads", "catalog", "as-of", "free-tier", "scenario"});
    if (args.positional().size() != 1)
        throw UsageError("simulate takes exactly one scenario file, workspace (with --scenario NAME) or - for stdin");
    const pricing::PricingOptions priceOptions = pricingOptions(args);
    const ScenarioInput input = loadScenarioInput(args.positional().front(), args.value("scenario"), err);
    if (args.flag("save") && !input.workspacePath)
        throw UsageError("--save stores the result in a workspace: give WS --scenario NAME, not a scenario file");
    Scenario scenario = input.scenario;
    // Prices first: a broken catalogue is reported before a long run, not after.
    const pricing::PriceSet prices =
        openCatalogue(args.value("catalog"), err, "simulate").load(args.value("as-of"));
    pricing::resolveLlmGpus(scenario, prices, input.source);
    if (const auto seed = args.unsignedValue("seed")) scenario.seed = *seed;

    SimulationOptions options;
    options.timeline = args.flag("timeline");
    options.threads = static_cast<int>(args.unsignedValue("threads").value_or(0));
    ProgressReporter progress(err, scenario.deployments.size());
    options.progress = [&progress](std::size_t i, double f) { progress.update(i, f); };

    const auto start = std::chrono::steady_clock::now();
    ScenarioResult result = simulate(scenario, options);
    progress.done();
    result.run.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double simulated = static_cast<double>(result.arrivals * result.deployments.size());
    result.run.requestsPerWallSecond = result.run.wallSeconds > 0 ? simulated / result.run.wallSeconds : 0.0;
    result.scenarioSha256 = Sha256::hex(input.text);

    const auto costs = pricing::priceResult(scenario, result, prices, priceOptions);
    auto json = resultToJson(result, options.timeline);
    pricing::attachCosts(json, costs, prices);
    if (args.flag("save"))
        saveResultToWorkspace(*input.workspacePath, input.scenarioName, json, prices, priceOptions.freeTier, err);
    if (args.flag("json")) {
        out << json.dump(2) << '\n';
    } else if (args.flag("csv")) {
        out << appcore::simulationCsv(result, costs);
    } else {
        out << formatSummaryTable(result, costs);
        out << fmt::format("Prices: catalogue snapshot {} as of {}; $/month scales the simulated "
                           "usage to a 730-hour month{}.\n",
                           prices.snapshotId, prices.asOf,
                           priceOptions.freeTier ? ", free tiers applied" : ", no free tiers");
    }
    return 0;
}

}  // namespace breakeven::cli
