#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace breakeven::cli {

// `breakeven-cli merge PART... [--out RESULT.json] [--catalog FILE]
// [--threads N]`: the parts of a sharded sweep or uncertainty run, checked
// (every item exactly once, one scenario, catalogue and command line) and
// aggregated to the JSON the single-machine run prints (docs/scale-out.md).
// Returns the exit code.
int runMerge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace breakeven::cli
