#pragma once
// The plain-language recommendation (docs/analysis.md "Recommend") as data
// and as text: the cheapest alternative meeting the SLOs at the scenario's
// traffic, where it stops being cheapest, what cold starts cost, and which
// alternatives cannot run and why. Qt-free: `breakeven-cli recommend`, the
// PDF report and the app use the same words.
#include <optional>
#include <string>
#include <vector>

#include "model/analysis/Optimizer.h"
#include "model/analysis/ParameterPath.h"
#include "model/analysis/Sweep.h"
#include "model/domain/Scenario.h"
#include "model/sim/Result.h"
#include "pricing/BillSplit.h"
#include "pricing/PriceSet.h"
#include "pricing/Pricing.h"
#include "pricing/ResultPricing.h"

namespace breakeven::appcore {

struct AssessedAlternative {
    std::string name;
    analysis::SloOutcome outcome;
    pricing::BillSplit monthSplit;
};

// The traffic sweep behind "where it stops being cheapest": workload.rateScale
// from 0.1× to 20× of the scenario's own value, `points` log points.
struct RecommendationSweep {
    analysis::SweepResult result;
    double baseValue = 1.0;  // the scenario's rateScale
    int points = 12;
};

struct Recommendation {
    std::string scenarioName;
    std::string slosText;  // describeSlos()
    bool noSlos = false;
    std::vector<AssessedAlternative> alternatives;  // scenario order
    std::optional<std::size_t> winner;              // cheapest meeting the SLOs
    // One sentence each, upwards then downwards from the scenario's traffic
    // (empty without a winner).
    std::vector<std::string> flips;
    int sweepPoints = 0;
};

// "p99 ≤ 2 s, cold requests ≤ 5 %", or "none".
std::string describeSlos(const SloSpec& slos);

// Judges every top-level alternative of a priced simulation against `slos`.
std::vector<AssessedAlternative> assessAlternatives(const SloSpec& slos, const ScenarioResult& result,
                                                    const std::vector<pricing::DeploymentCost>& costs);

// `scenario` as simulated (LLM GPUs resolved); `prepare` resolves them on
// every swept copy. Deterministic for a given scenario seed.
RecommendationSweep recommendationSweep(const Scenario& scenario, const std::string& source,
                                        const analysis::PrepareScenario& prepare, const pricing::PriceSet& prices,
                                        const pricing::PricingOptions& options, int points, int threads);

// `sweep` may be null when there is nothing to sweep (no winner needs it).
Recommendation recommend(const std::string& scenarioName, const SloSpec& slos, const std::string& slosText,
                         const ScenarioResult& result, const std::vector<pricing::DeploymentCost>& costs,
                         const RecommendationSweep* sweep);

// The sections of the text, each ending in a newline (or empty).
std::string recommendationHeadline(const Recommendation& r);  // the winner, or that there is none
std::string recommendationCrossovers(const Recommendation& r);
std::string recommendationColdStarts(const Recommendation& r);
std::string recommendationProblems(const Recommendation& r);
// Everything, as `breakeven-cli recommend` prints it.
std::string recommendationText(const Recommendation& r);

// "$12.34", "$1234" over $1000, "not priced".
std::string formatMoney(const std::optional<double>& usd);

}  // namespace breakeven::appcore
