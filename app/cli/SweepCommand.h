#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace breakeven::cli {

// `breakeven-cli sweep SCENARIO --parameter PATH --from A --to B --points N
// [--log] [--json] [--threads T] [--seed S] [--catalog FILE] [--as-of DATE]
// [--free-tier on|off]` (docs/analysis.md). Returns the exit code.
int runSweep(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace breakeven::cli
