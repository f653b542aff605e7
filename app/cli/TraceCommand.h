#pragma once
#include <iosfwd>
#include <set>
#include <string>
#include <vector>

#include "app/cli/Args.h"
#include "model/trace/TraceReader.h"

namespace breakeven::cli {

// The value options that traceOptionsFromArgs reads (--format, the CSV
// mapping, count expansion, --on-error), for merging into a command's Args.
const std::set<std::string>& traceValueOptions();

// Flags -> TraceOptions, validated; throws UsageError naming the flag. A CSV
// mapping flag (--time-column, --count-column) without --format implies csv.
// `defaultPolicy` applies when --on-error is absent.
trace::TraceOptions traceOptionsFromArgs(const Args& args,
                                         trace::ErrorPolicy defaultPolicy = trace::ErrorPolicy::Fail);

// `breakeven-cli trace inspect FILE [mapping flags] [--json] [--series FILE.csv]`
// Returns the process exit code: 0 ok, 2 bad input (FILE:LINE:COLUMN), 1 other failure.
int runTrace(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace breakeven::cli
