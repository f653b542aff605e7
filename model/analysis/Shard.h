#pragma once
// Deterministic sharding (docs/scale-out.md). A sweep or an uncertainty run
// is a list of independent work items with stable ids (sweep: the point's
// index in the value grid; uncertainty: the run index). Shard I of N owns the
// items with id % N == I and writes them as a *part*: JSON lines, a header
// first (what was run, on which scenario and catalogue), then one line per
// item. Merging checks that every item is present exactly once and that all
// parts agree on the header, then hands the items back by id, so the
// aggregation that follows is the one a single-machine run does.
#include <cstddef>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace breakeven::analysis {

// Bad parts (unreadable, inconsistent, missing or duplicated items). what()
// names the file and line, or the item ids.
class ShardError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ShardSpec {
    std::size_t index = 0;
    std::size_t count = 1;
    [[nodiscard]] bool owns(std::size_t id) const { return id % count == index; }
};

// "I/N" with 0 ≤ I < N; throws std::invalid_argument naming the text.
ShardSpec parseShard(std::string_view text);
// The ids in [0, total) the shard owns, ascending.
std::vector<std::size_t> shardItems(std::size_t total, const ShardSpec& shard);

inline constexpr int kPartFormatVersion = 1;

// Everything a merge needs to reproduce the single-machine result, and to
// refuse parts that do not belong together.
struct PartHeader {
    std::string command;                 // "sweep", "uncertainty"
    std::vector<std::string> arguments;  // the command's options, minus where it ran (shard, out, threads, catalog)
    std::string scenarioSource;          // the file it came from (relative paths in it resolve there)
    std::string scenarioSha256;          // of scenarioText
    std::string scenarioText;            // embedded, so a merge needs no access to the original file
    std::string catalogSnapshotId;
    std::string catalogAsOf;
    std::size_t items = 0;  // in the whole run, not this part
    ShardSpec shard;
};

nlohmann::json partHeaderToJson(const PartHeader& header);
// Throws ShardError naming `where` and the key.
PartHeader partHeaderFromJson(const nlohmann::json& json, const std::string& where);

// Writes the header line, then one line per item ({"id": …, …}).
void writePart(std::ostream& out, const PartHeader& header, const std::vector<nlohmann::json>& items);

struct PartItem {
    std::size_t id = 0;
    std::size_t line = 0;  // in its file, 1-based
    nlohmann::json json;
};
struct Part {
    std::string path;
    PartHeader header;
    std::vector<PartItem> items;
};
// `path` names the part in messages. Throws ShardError (file:line) on bad JSON,
// a missing header, or an item without an id or with one out of range.
Part readPart(std::istream& in, const std::string& path);

struct MergedParts {
    PartHeader header;                // the first part's, shard cleared
    std::vector<nlohmann::json> items;  // by id: items[i] has id i
};
// Every part must have the same command, arguments, scenario SHA-256,
// catalogue snapshot and item count, and together hold every id exactly
// once. Throws ShardError listing every problem found: mismatched parts (by
// file and field), duplicated ids (with both files) and missing ids.
MergedParts mergeParts(const std::vector<Part>& parts);

// "3, 5–9, 12" (at most `limit` ranges, then "… (N in all)").
std::string describeIds(const std::vector<std::size_t>& ids, std::size_t limit = 20);

}  // namespace breakeven::analysis
