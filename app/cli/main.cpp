// breakeven-cli: the widget-free command line of Breakeven.
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/cli/Args.h"
#include "app/cli/CatalogCommand.h"
#include "app/cli/CostCommand.h"
#include "app/cli/SimulateCommand.h"
#include "model/io/ScenarioJson.h"
#include "model/sim/Simulator.h"

namespace {
constexpr const char* kUsage = R"(usage: breakeven-cli COMMAND [ARGS]

Commands:
  simulate SCENARIO.json|- [--seed N] [--json] [--timeline] [--threads N]
      Simulate every deployment of a scenario on its workload and print a
      summary table, or with --json the full result (docs/scenario-format.md).
      --timeline adds per-minute arrivals, alive, busy and queue length.
      --threads N runs deployments on N threads (default: all cores); the
      result is the same for any N.
  --version   print the version
  --help      print this help

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
        if (args[0] == "cost") return breakeven::cli::runCost(rest, std::cout, std::cerr);
        if (args[0] == "catalog") return breakeven::cli::runCatalog(rest, std::cout, std::cerr);
        std::cerr << "breakeven-cli: unknown command '" << args[0] << "'\n\n" << kUsage;
        return 2;
    } catch (const breakeven::cli::UsageError& e) {
        std::cerr << "breakeven-cli " << args[0] << ": " << e.what() << '\n';
        return 2;
    } catch (const breakeven::ScenarioError& e) {
        std::cerr << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "breakeven-cli " << args[0] << ": error: " << e.what() << '\n';
        return 1;
    }
}
