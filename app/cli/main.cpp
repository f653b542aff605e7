// breakeven-cli: the widget-free command line of Breakeven.
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/cli/Args.h"
#include "app/cli/CatalogCommand.h"
#include "app/cli/ColdStartCommand.h"
#include "app/cli/CostCommand.h"
#include "app/cli/EstimateCommand.h"
#include "app/cli/MergeCommand.h"
#include "app/cli/OptimizeCommand.h"
#include "app/cli/RecommendCommand.h"
#include "app/cli/SimulateCommand.h"
#include "app/cli/SweepCommand.h"
#include "app/cli/UncertaintyCommand.h"
#include "app/cli/SensitivityCommand.h"
#include "app/cli/DiffCommand.h"
#include "app/cli/TraceCommand.h"
#include "app/cli/WorkspaceCommand.h"
#include "model/io/ScenarioJson.h"
#include "model/sim/Simulator.h"
#include "pricing/CatalogueDb.h"

namespace {
constexpr const char* kUsage = R"(usage: breakeven-cli COMMAND [ARGS]

Commands:
  simulate SCENARIO.json|- [--seed N] [--json] [--timeline] [--threads N]
           [--catalog PATH] [--as-of DATE] [--free-tier on|off]
      Simulate every deployment of a scenario on its workload, price it from
      the catalogue and print a summary table, or with --json the full result
      (docs/scenario-format.md, docs/pricing.md).
      --timeline adds per-minute arrivals, alive, busy and queue length.
      --csv prints one CSV record (RFC 4180) per alternative instead.
      --threads N runs deployments on N threads (default: all cores); the
      result is the same for any N. --as-of prices with the rows effective on
      DATE (YYYY-MM-DD); free tiers are off unless --free-tier on.
      WS --scenario NAME [--save] runs a workspace's scenario; --save stores
      the result and its prices in the workspace.
  sweep SCENARIO.json|- --parameter PATH --from A --to B --points N [--log]
        [--json|--csv] [--threads N] [--seed N] [--catalog PATH] [--as-of DATE]
        [--free-tier on|off]
      Simulate the scenario at N values of one numeric parameter (a JSON path
      such as workload.rateScale or deployments[0].keepAliveSeconds; --log
      spaces them by equal ratios), price every deployment per month and find
      where two cost curves cross, refined by re-simulation (docs/analysis.md).
      --shard I/N [--out PART] runs only points with index % N == I and
      writes a part for merge; --mpi (under mpirun) shares the points out
      over MPI ranks (docs/scale-out.md). uncertainty takes both too.
  optimize SCENARIO|WS [--scenario NAME] [--p99 S] [--ttft-p99 S --tpot-p99 S]
           [--min-goodput F] [--max-cold F] [--max-reject F] [--json]
           [--threads N] [--seed N] [--catalog PATH] [--as-of DATE] [--free-tier on|off]
      Per alternative, the cheapest configuration that meets the SLOs (flags
      override the scenario's "slos"; at least one is needed): node count,
      baseline nodes, min instances, keep-alive, GPU type, tp, maxNumSeqs,
      each candidate simulated; the changed keys, $/month, p99/TTFT/TPOT, or
      the closest configuration when none meets them (docs/analysis.md).
  pareto SCENARIO|WS [same options as optimize] [--json]
      The cost vs p99 Pareto front of every configuration optimize simulates.
  capacity SCENARIO|WS --deployment NAME [same options as optimize] [--json]
      The highest workload.rateScale at which one deployment, as written,
      still meets the SLOs (bisected to 1 %): requests/s, requests per $,
      $ per 1M requests and per 1M tokens.
  recommend SCENARIO|WS [--scenario NAME] [SLO flags as optimize] [--points N]
      A plain-language recommendation: the cheapest alternative meeting the
      SLOs at the scenario's traffic, where it stops being cheapest (a
      traffic sweep 0.1×–20× with N log points, default 12, and its
      crossovers), what cold starts cost, which alternatives fail and why.
  uncertainty SCENARIO|WS [--scenario NAME] --runs N [--vary PATH=LOW:HIGH]...
        [--grid-points K] [--grid-from A] [--grid-to B] [--refine P] [--json]
        [--threads N] [--seed N] [--catalog PATH] [--as-of DATE] [--free-tier on|off]
      Monte Carlo: N runs, each with its own seed and uniform draws of the
      --vary inputs (any numeric path, e.g. pricing.factor=0.9:1.1): cost and
      p99 per alternative as mean and 5–95 % band, how often each is cheapest,
      and where two cost curves cross over workload.rateScale as a band
      (K log points from A to B per run, default 12 from 0.1 to 20, each
      crossing bisected P times, default 6) (docs/analysis.md).
  sensitivity SCENARIO|WS [--scenario NAME] --percent X [--json] [--threads N]
        [--seed N] [--catalog PATH] [--as-of DATE] [--free-tier on|off]
      Tornado: every price the scenario uses, cold start, service time and
      traffic moved ±X % one at a time; $/month per alternative, sorted by
      swing, and which input flips the winner (docs/analysis.md).
  diff A.json B.json [--json] [--seed N] [--threads N] [--catalog PATH]
        [--as-of DATE] [--free-tier on|off]
      Compare two scenarios (simulated and priced) or saved simulate --json
      results, or one of each: per deployment (matched by name) $/month and
      p99 deltas, and deployments added or removed (docs/analysis.md).
  coldstart SCENARIO.json|- [--deployment NAME] [--keep-alive 0,60,300]
            [--min-instances 0,1,2] [--json] [--threads N]
      What hiding cold starts costs: each serverless deployment re-simulated
      over keep-alive and min-instance values, with cold-start fraction, p99,
      cold-only p99 and $/month split into useful work, idle tax and
      cold-start tax (breakeven-cli coldstart --help, docs/analysis.md).
  merge PART... [--out RESULT.json]
      Join the parts of a sweep or uncertainty run split with --shard I/N
      (or run it over MPI ranks with --mpi under mpirun) into the JSON the
      single-machine run prints (breakeven-cli merge --help, docs/scale-out.md).
  cost --platform ID ...        steady-state monthly cost of one platform
                                (breakeven-cli cost --help)
  catalog COMMAND ...           list, show, edit, export, import or reset the
                                price catalogue (breakeven-cli catalog --help)
  trace inspect FILE ...        statistics of a request trace: rate, peaks,
                                burstiness, tokens (breakeven-cli trace --help)
  estimate --params N --bytes-per-weight B --gpu ID ...
                                an LLM's prefill/decode step times, tokens/s,
                                weight load and memory fit on one GPU
                                (breakeven-cli estimate --help)
  workspace inspect|validate|migrate|create|reprice ...
                                read, check, upgrade or build a workspace
                                file (breakeven-cli workspace --help)
  --version   print the version
  --help      print this help

The price catalogue is --catalog PATH, else $BREAKEVEN_CATALOG, else
$XDG_DATA_HOME/breakeven/catalog.sqlite (~/.local/share/breakeven/...); it is
created from the bundled pricing facts on first use.

Workspaces: every command that takes SCENARIO.json also takes a workspace
(*.breakeven.json) with --scenario NAME (default: its first scenario);
simulate WS --scenario NAME --save stores the result, with the prices it was
computed with, in the workspace (docs/workspace-format.md).

Exit codes: 0 success, 1 failure, 2 bad input (the message names the file and
the JSON path or line:column).
)";
}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::cout << "breakeven-cli " << BREAKEVEN_VERSION << '\n';
        return 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        if (args[0] == "simulate") return breakeven::cli::runSimulate(rest, std::cout, std::cerr);
        if (args[0] == "sweep") return breakeven::cli::runSweep(rest, std::cout, std::cerr);
        if (args[0] == "optimize") return breakeven::cli::runOptimize(rest, std::cout, std::cerr);
        if (args[0] == "pareto") return breakeven::cli::runPareto(rest, std::cout, std::cerr);
        if (args[0] == "capacity") return breakeven::cli::runCapacity(rest, std::cout, std::cerr);
        if (args[0] == "recommend") return breakeven::cli::runRecommend(rest, std::cout, std::cerr);
        if (args[0] == "uncertainty") return breakeven::cli::runUncertainty(rest, std::cout, std::cerr);
        if (args[0] == "sensitivity") return breakeven::cli::runSensitivity(rest, std::cout, std::cerr);
        if (args[0] == "diff") return breakeven::cli::runDiff(rest, std::cout, std::cerr);
        if (args[0] == "cost") return breakeven::cli::runCost(rest, std::cout, std::cerr);
        if (args[0] == "coldstart") return breakeven::cli::runColdStart(rest, std::cout, std::cerr);
        if (args[0] == "catalog") return breakeven::cli::runCatalog(rest, std::cout, std::cerr);
        if (args[0] == "trace") return breakeven::cli::runTrace(rest, std::cout, std::cerr);
        if (args[0] == "workspace") return breakeven::cli::runWorkspace(rest, std::cout, std::cerr);
        if (args[0] == "estimate") return breakeven::cli::runEstimate(rest, std::cout, std::cerr);
        if (args[0] == "merge") return breakeven::cli::runMerge(rest, std::cout, std::cerr);
        std::cerr << "breakeven-cli: unknown command '" << args[0] << "'\n\n" << kUsage;
        return 2;
    } catch (const breakeven::cli::UsageError& e) {
        std::cerr << "breakeven-cli " << args[0] << ": " << e.what() << '\n';
        return 2;
    } catch (const breakeven::pricing::CatalogueError& e) {
        std::cerr << "breakeven-cli " << args[0] << ": " << e.what() << '\n';
        return e.kind() == breakeven::pricing::CatalogueErrorKind::InvalidInput ? 2 : 1;
    } catch (const breakeven::ScenarioError& e) {
        std::cerr << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "breakeven-cli " << args[0] << ": error: " << e.what() << '\n';
        return 1;
    }
}
