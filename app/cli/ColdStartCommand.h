#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace breakeven::cli {

// `breakeven-cli coldstart SCENARIO [--deployment NAME] [--keep-alive LIST]
// [--min-instances LIST] [--json] [--threads N] [--seed S] [--catalog FILE]
// [--as-of DATE] [--free-tier on|off] [--scenario NAME]`: what hiding cold
// starts costs (docs/analysis.md "Cold-start impact"). Returns the exit code.
int runColdStart(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace breakeven::cli
