// breakeven-cli: the widget-free command line of Breakeven.
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/cli/Args.h"
#include "app/cli/CatalogCommand.h"
#include "app/cli/CostCommand.h"
#include "app/cli/EstimateCommand.h"
#include "app/cli/SimulateCommand.h"
#include "app/cli/SweepCommand.h"
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
      --threads N runs deployments on N threads (default: all cores); the
      result is the same for any N. --as-of prices with the rows effective on
      DATE (YYYY-MM-DD); free tiers are off unless --free-tier on.
  sweep SCENARIO.json|- --parameter PATH --from A --to B --points N [--log]
        [--json] [--threads N] [--seed N] [--catalog PATH] [--as-of DATE]
        [--free-tier on|off]
      Simulate the scenario at N values of one numeric parameter (a JSON path
      such as workload.rateScale or deployments[0].keepAliveSeconds; --log
      spaces them by equal ratios), price every deployment per month and find
      where two cost curves cross, refined by re-simulation (docs/analysis.md).
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
  workspace inspect|validate|migrate|create ...
                                read, check, upgrade or build a workspace
                                file (breakeven-cli workspace --help)
  --version   print the version
  --help      print this help

The price catalogue is --catalog PATH, else $BREAKEVEN_CATALOG, else
$XDG_DATA_HOME/breakeven/catalog.sqlite (~/.local/share/breakeven/...); it is
created from the bundled pricing facts on first use.

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
        if (args[0] == "cost") return breakeven::cli::runCost(rest, std::cout, std::cerr);
        if (args[0] == "catalog") return breakeven::cli::runCatalog(rest, std::cout, std::cerr);
        if (args[0] == "trace") return breakeven::cli::runTrace(rest, std::cout, std::cerr);
        if (args[0] == "workspace") return breakeven::cli::runWorkspace(rest, std::cout, std::cerr);
        if (args[0] == "estimate") return breakeven::cli::runEstimate(rest, std::cout, std::cerr);
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
