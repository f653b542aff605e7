#include "app/cli/MergeCommand.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "app/cli/Args.h"
#include "app/cli/ShardRun.h"
#include "app/cli/SweepCommand.h"
#include "app/cli/UncertaintyCommand.h"
#include "model/io/AtomicFile.h"

namespace breakeven::cli {

namespace {

constexpr const char* kHelp = R"(usage: breakeven-cli merge PART... [--out RESULT.json] [--catalog PATH] [--threads N]

Joins the parts written by `sweep … --shard I/N` or `uncertainty … --shard I/N`
(JSON lines: a header, then one line per item) into the JSON the same command
prints on one machine (byte for byte apart from the "run" object). Every part
must come from the same command line, scenario (SHA-256) and catalogue
snapshot; every item id must be present exactly once. Missing, duplicated or
mismatched items are listed by id and nothing is written. A sweep's
crossovers are refined here, by re-simulation: the catalogue (--catalog,
else $BREAKEVEN_CATALOG or the default) must be the parts' snapshot.
)";

analysis::Part readPartFile(const std::string& path) {
    if (path == "-") return analysis::readPart(std::cin, "<stdin>");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw analysis::ShardError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    return analysis::readPart(in, path);
}

}  // namespace

int runMerge(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (std::find(argv.begin(), argv.end(), "--help") != argv.end()) {
        out << kHelp;
        return 0;
    }
    const Args args(argv, {}, {"out", "catalog", "threads"});
    if (args.positional().empty()) throw UsageError("merge needs the part files (breakeven-cli merge --help)");
    try {
        std::vector<analysis::Part> parts;
        for (const auto& path : args.positional()) parts.push_back(readPartFile(path));
        const analysis::MergedParts merged = analysis::mergeParts(parts);
        const MergeSettings settings{args.value("catalog"), args.value("threads")};
        std::ostringstream result;
        if (merged.header.command == "sweep") mergeSweep(merged, settings, result, err);
        else if (merged.header.command == "uncertainty") mergeUncertainty(merged, settings, result, err);
        else throw analysis::ShardError(fmt::format("{}: unknown command \"{}\"", parts.front().path,
                                                    merged.header.command));
        if (const auto path = args.value("out")) {
            AtomicFileWriter file(*path);
            file.write(result.str());
            file.commit();
        } else {
            out << result.str();
        }
    } catch (const analysis::ShardError& e) {
        err << "breakeven-cli merge: " << e.what() << '\n';
        return 2;
    }
    return 0;
}

}  // namespace breakeven::cli
