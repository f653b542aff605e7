#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "app/cli/ShardRun.h"

namespace breakeven::cli {

// `breakeven-cli uncertainty SCENARIO|WS [--scenario NAME] --runs N
// [--vary PATH=LOW:HIGH]... [--grid-points K] [--grid-from A] [--grid-to B]
// [--refine P] [--json] [--threads T] [--seed S] [--catalog FILE]
// [--as-of DATE] [--free-tier on|off]` (docs/analysis.md). Returns the exit code.
// --shard I/N [--out FILE] writes a part (runs with index % N == I); --mpi
// spreads the runs over MPI ranks (docs/scale-out.md).
int runUncertainty(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The JSON `uncertainty --json` prints, from every run of a merged set of parts.
void mergeUncertainty(const analysis::MergedParts& parts, const MergeSettings& settings, std::ostream& out,
                      std::ostream& err);

}  // namespace breakeven::cli
