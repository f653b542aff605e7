#pragma once
// Where a sweep or uncertainty run's work items run (docs/scale-out.md): all
// here (local), only shard I of N (--shard I/N [--out FILE], writing a part),
// or spread over MPI ranks (--mpi). Every mode ends in the same aggregation:
// a local run, `merge` and MPI rank 0 print the same JSON.
#include <iosfwd>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/cli/Args.h"
#include "app/cli/ScenarioSource.h"
#include "model/analysis/Shard.h"
#include "pricing/PriceSet.h"

namespace breakeven::cli {

// Options every sharded command takes, beside its own.
inline const std::set<std::string> kShardFlags{"mpi"};
inline const std::set<std::string> kShardValueOptions{"shard", "out"};

enum class RunMode { Local, Shard, Mpi };

struct Execution {
    RunMode mode = RunMode::Local;
    analysis::ShardSpec shard;
    std::optional<std::string> outPath;  // --out: a part file (shard mode only)
};

// Throws UsageError for a bad --shard, --shard with --mpi, or --out without --shard.
Execution executionOf(const Args& args);

// The command's options as a part records them: positional (the scenario),
// --shard, --out, --mpi, --threads, --catalog and --scenario dropped (where
// and how it ran, not what), "--key=value" split into "--key" "value".
std::vector<std::string> partArguments(const std::vector<std::string>& argv, const std::set<std::string>& flags,
                                       const std::set<std::string>& valueOptions);

analysis::PartHeader partHeader(const std::string& command, std::vector<std::string> arguments,
                                const ScenarioInput& input, const pricing::PriceSet& prices, std::size_t items,
                                const analysis::ShardSpec& shard);

// Writes the part to --out (through a temporary file renamed into place, so
// a killed shard never leaves a half part) or to `out`.
void emitPart(const Execution& execution, const analysis::PartHeader& header,
              const std::vector<nlohmann::json>& items, std::ostream& out);

// What merge rebuilds a run from: the embedded scenario (parsed with its
// original source name, so relative trace paths resolve as they did) and the
// recorded arguments, plus the merge's own --catalog and --threads.
ScenarioInput scenarioOf(const analysis::PartHeader& header);
struct MergeSettings {
    std::optional<std::string> catalog;
    std::optional<std::string> threads;
};
std::vector<std::string> argumentsOf(const analysis::PartHeader& header, const MergeSettings& settings);

// Throws std::runtime_error when the catalogue is not the one the parts were
// priced with: a merge must price refinement probes with the same rows.
void checkSnapshot(const analysis::PartHeader& header, const pricing::PriceSet& prices);

}  // namespace breakeven::cli
