#include "app/cli/ShardRun.h"

#include <ostream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "model/core/Sha256.h"
#include "model/io/AtomicFile.h"
#include "model/io/ScenarioJson.h"

namespace breakeven::cli {

Execution executionOf(const Args& args) {
    Execution e;
    if (const auto shard = args.value("shard")) {
        try {
            e.shard = analysis::parseShard(*shard);
        } catch (const std::invalid_argument& error) {
            throw UsageError(std::string("--shard ") + error.what());
        }
        e.mode = RunMode::Shard;
    }
    e.outPath = args.value("out");
    if (args.flag("mpi")) {
        if (e.mode == RunMode::Shard) throw UsageError("--mpi and --shard do not go together: MPI shares out every item");
        e.mode = RunMode::Mpi;
    }
    if (e.outPath && e.mode != RunMode::Shard)
        throw UsageError("--out FILE writes a shard's part: use it with --shard I/N");
    return e;
}

std::vector<std::string> partArguments(const std::vector<std::string>& argv, const std::set<std::string>& flags,
                                       const std::set<std::string>& valueOptions) {
    static const std::set<std::string> kDropped{"shard", "out", "mpi", "threads", "catalog", "scenario"};
    std::vector<std::string> kept;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        if (arg.size() < 3 || arg.rfind("--", 0) != 0) continue;  // the scenario (Args has validated the rest)
        std::string name = arg.substr(2);
        std::optional<std::string> value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        } else if (valueOptions.count(name) && i + 1 < argv.size()) {
            value = argv[++i];
        }
        if (kDropped.count(name)) continue;
        kept.push_back("--" + name);
        if (value && !flags.count(name)) kept.push_back(*value);
    }
    return kept;
}

analysis::PartHeader partHeader(const std::string& command, std::vector<std::string> arguments,
                                const ScenarioInput& input, const pricing::PriceSet& prices, std::size_t items,
                                const analysis::ShardSpec& shard) {
    analysis::PartHeader h;
    h.command = command;
    h.arguments = std::move(arguments);
    h.scenarioSource = input.source;
    h.scenarioSha256 = Sha256::hex(input.text);
    h.scenarioText = input.text;
    h.catalogSnapshotId = prices.snapshotId;
    h.catalogAsOf = prices.asOf;
    h.items = items;
    h.shard = shard;
    return h;
}

void emitPart(const Execution& execution, const analysis::PartHeader& header,
              const std::vector<nlohmann::json>& items, std::ostream& out) {
    if (!execution.outPath) {
        analysis::writePart(out, header, items);
        return;
    }
    std::ostringstream text;
    analysis::writePart(text, header, items);
    AtomicFileWriter file(*execution.outPath);
    file.write(text.str());
    file.commit();
}

ScenarioInput scenarioOf(const analysis::PartHeader& header) {
    ScenarioInput input;
    input.source = header.scenarioSource;
    input.text = header.scenarioText;
    input.scenario = parseScenarioText(input.text, input.source);
    input.scenarioName = input.scenario.name;
    return input;
}

std::vector<std::string> argumentsOf(const analysis::PartHeader& header, const MergeSettings& settings) {
    std::vector<std::string> argv{header.scenarioSource};
    argv.insert(argv.end(), header.arguments.begin(), header.arguments.end());
    if (settings.catalog) argv.insert(argv.end(), {"--catalog", *settings.catalog});
    if (settings.threads) argv.insert(argv.end(), {"--threads", *settings.threads});
    return argv;
}

void checkSnapshot(const analysis::PartHeader& header, const pricing::PriceSet& prices) {
    if (prices.snapshotId == header.catalogSnapshotId) return;
    throw std::runtime_error(fmt::format(
        "the catalogue here is snapshot {} (as of {}), the parts were priced with snapshot {} (as of {}): merge "
        "with the same catalogue (--catalog PATH), or the refined crossovers would mix two price sets",
        prices.snapshotId, prices.asOf, header.catalogSnapshotId, header.catalogAsOf));
}

}  // namespace breakeven::cli
