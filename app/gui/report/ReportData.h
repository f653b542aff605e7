#pragma once
// Everything one PDF report shows, computed before anything is drawn: the
// priced simulation (with per-minute timelines), the traffic sweep and its
// crossovers, and the recommendation. Only Qt-free app/core functions are
// called, so the numbers equal `breakeven-cli simulate --json` and
// `breakeven-cli recommend --points N` for the same workspace and catalogue.
// Safe to run on a worker thread.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/core/PricedRun.h"
#include "model/analysis/ColdStartImpact.h"
#include "app/core/Recommendation.h"
#include "model/io/Workspace.h"
#include "pricing/PriceSet.h"
#include "views/ResultRows.h"

namespace breakeven::report {

struct ReportRequest {
    Workspace workspace;
    std::string source;        // the workspace file (messages, relative paths)
    std::size_t scenario = 0;  // index into workspace.scenarios
    std::string cataloguePath; // "" = the default catalogue
    int sweepPoints = 24;
    int threads = 0;
};

// One price row a bill used, with where it came from.
struct UsedPrice {
    std::string id, platform, unit, effectiveFrom, source;
    double usdPerUnit = 0.0;
    bool verified = false;
};

struct ReportData {
    std::string workspacePath;
    std::string scenarioName;
    nlohmann::json scenarioJson;  // the scenario's inputs, as written
    pricing::PriceSet prices;
    appcore::PricedSimulation run;  // timelines included
    appcore::RecommendationSweep sweep;
    analysis::ColdStartResult coldStart;  // keep-alive and min-instance sweeps (the app's defaults)
    appcore::Recommendation recommendation;
    std::vector<views::ResultRow> rows;
    std::vector<UsedPrice> pricesUsed;           // sorted by id
    std::vector<std::string> assumptions;        // modelling assumptions, deduplicated
    std::vector<std::string> notPriced;          // "platform: item", deduplicated
    std::vector<std::string> warnings;           // "alternative: finding"
    std::string generatedOn;                     // ISO date, UTC
};

// Throws (ScenarioError, WorkspaceError, std::runtime_error) with a message
// naming the file or the field.
ReportData gatherReport(const ReportRequest& request);

// The scenario's inputs as "path: value" lines (one per JSON leaf).
std::vector<std::string> flattenInputs(const nlohmann::json& json);

}  // namespace breakeven::report
