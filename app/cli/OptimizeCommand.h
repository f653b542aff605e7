#pragma once
// breakeven-cli optimize / pareto / capacity (docs/analysis.md "Optimiser",
// "Capacity", "Pareto"), and the setup they share with recommend.
#include <functional>
#include <iosfwd>
#include <set>
#include <string>
#include <vector>

#include "app/cli/Args.h"
#include "app/cli/ScenarioSource.h"
#include "model/analysis/Optimizer.h"
#include "pricing/PriceSet.h"
#include "pricing/Pricing.h"

namespace breakeven::cli {

int runOptimize(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);
int runPareto(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);
int runCapacity(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);

// Options every planning command takes (the SLO flags, catalogue, threads).
std::set<std::string> planningOptions();

// A scenario with its SLOs (flags over the scenario's `slos`) and prices.
struct PlanningSetup {
    ScenarioInput input;
    Scenario scenario;  // seed from --seed, LLM GPUs resolved
    SloSpec slos;
    pricing::PriceSet prices;
    pricing::PricingOptions priceOptions;
    int threads = 1;
};

// Throws UsageError for a bad flag value; `command` names the caller in
// catalogue messages. The setup must outlive functions made from it.
void loadPlanning(const Args& args, std::ostream& err, const std::string& command, PlanningSetup& setup);

// Prints `usage` and the SLO options when argv has --help.
bool planningHelp(const std::vector<std::string>& argv, const char* usage, std::ostream& out);

// "--p99 2 s" etc., for messages and the usage error of a missing SLO.
std::string describeSlos(const SloSpec& slos);

// Catalogue GPUs the deployment's platform has a price row for (and the
// datasheet figures the roofline needs): the optimiser's GPU candidates.
std::function<std::vector<std::string>(const DeploymentSpec&)> gpuCandidates(const PlanningSetup& setup);

// Resolves LLM GPU figures on every scenario the analyses build.
analysis::PrepareScenario preparer(const PlanningSetup& setup);

}  // namespace breakeven::cli
