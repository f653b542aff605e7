#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace breakeven::cli {

// `breakeven-cli simulate SCENARIO.json|- [--seed N] [--json] [--timeline] [--threads N]`
// Returns the process exit code: 0 ok, 2 bad input, 1 other failure.
int runSimulate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace breakeven::cli
