#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace breakeven::cli {

// `breakeven-cli uncertainty SCENARIO|WS [--scenario NAME] --runs N
// [--vary PATH=LOW:HIGH]... [--grid-points K] [--grid-from A] [--grid-to B]
// [--refine P] [--json] [--threads T] [--seed S] [--catalog FILE]
// [--as-of DATE] [--free-tier on|off]` (docs/analysis.md). Returns the exit code.
int runUncertainty(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace breakeven::cli
