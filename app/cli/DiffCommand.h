#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace breakeven::cli {

// `breakeven-cli diff A.json B.json [--json] [--seed S] [--threads T]
// [--catalog FILE] [--as-of DATE] [--free-tier on|off]`: each side is a
// scenario (or workspace; simulated and priced) or a saved `simulate --json`
// result; per deployment (matched by name) the cost and latency deltas, and
// the deployments only one side has (docs/analysis.md). Returns the exit code.
int runDiff(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace breakeven::cli
