#pragma once
// CSV per RFC 4180: fields with a comma, a double quote, CR or LF are quoted
// and their quotes doubled; records end in CRLF. Used by `breakeven-cli
// simulate --csv`, `sweep --csv` and the app's table export.
#include <string>
#include <vector>

#include "model/analysis/Sweep.h"
#include "model/sim/Result.h"
#include "pricing/ResultPricing.h"

namespace breakeven::appcore {

std::string csvField(const std::string& text);
std::string csvRecord(const std::vector<std::string>& fields);  // with the CRLF
// Splits a document written by csvRecord back into records (for tests and
// round trips); throws std::runtime_error on an unterminated quote.
std::vector<std::vector<std::string>> parseCsv(const std::string& text);

// One record per top-level alternative: counts, fractions, percentiles in
// seconds, $ (month and per 1M), the month's bill split and the feasibility
// findings; empty fields where a figure does not exist (nothing served, not
// priced, not an LLM).
std::string simulationCsv(const ScenarioResult& result, const std::vector<pricing::DeploymentCost>& costs);
// One record per sweep point and alternative.
std::string sweepCsv(const analysis::SweepResult& result);

}  // namespace breakeven::appcore
