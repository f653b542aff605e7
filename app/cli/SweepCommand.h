#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "app/cli/ShardRun.h"

namespace breakeven::cli {

// `breakeven-cli sweep SCENARIO --parameter PATH --from A --to B --points N
// [--log] [--json] [--threads T] [--seed S] [--catalog FILE] [--as-of DATE]
// [--free-tier on|off]` (docs/analysis.md). Returns the exit code.
// --shard I/N [--out FILE] writes a part (points with index % N == I);
// --mpi spreads the points over MPI ranks (docs/scale-out.md).
int runSweep(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The JSON `sweep --json` prints, from every point of a merged set of parts
// (their crossovers refined here, by re-simulation).
void mergeSweep(const analysis::MergedParts& parts, const MergeSettings& settings, std::ostream& out,
                std::ostream& err);

}  // namespace breakeven::cli
