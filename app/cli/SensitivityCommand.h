#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace breakeven::cli {

// `breakeven-cli sensitivity SCENARIO|WS [--scenario NAME] --percent X
// [--json] [--threads T] [--seed S] [--catalog FILE] [--as-of DATE]
// [--free-tier on|off]`: a tornado of ±X % on every price the scenario uses,
// cold start, service time and traffic (docs/analysis.md). Returns the exit code.
int runSensitivity(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace breakeven::cli
