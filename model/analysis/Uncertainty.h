#pragma once
// Monte Carlo uncertainty: N runs, each with its own seed and its own draw of
// the uncertain inputs, give every alternative's cost and p99 as a mean and a
// 5–95 % band, how often each alternative wins, and where two alternatives'
// cost curves over traffic cross — as a band, not a point.
//
// A run is a pure function of (scenario, options, run index): its seed and
// its inputs are derived from the scenario seed and the index alone, so runs
// can be computed anywhere (another thread, another machine: shard by
// index % shards) and aggregated afterwards, in index order, to the same bytes.
// Model-only: cost comes from the caller (DESIGN.md), pricing/ is not used.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/analysis/ParameterPath.h"
#include "model/analysis/Sweep.h"
#include "model/domain/Scenario.h"

namespace breakeven::analysis {

// `path` drawn uniformly from [low, high] in every run (integer keys: a whole
// number in [low, high], each equally likely).
struct VariedInput {
    std::string path;
    double low = 0.0;
    double high = 0.0;
};

struct UncertaintyOptions {
    std::size_t runs = 100;
    std::vector<VariedInput> vary;
    // Crossover bands: every run evaluates each alternative at gridPoints
    // log-spaced traffic scales (workload.rateScale) from gridFrom to gridTo,
    // then bisects each sign change of a pair's cost difference with up to
    // refineProbes re-simulations of the pair (0: linear interpolation only).
    // gridPoints 0: no bands.
    int gridPoints = 12;
    double gridFrom = 0.1;
    double gridTo = 20.0;
    int refineProbes = 6;
    double tolerance = 0.01;
    int threads = 0;  // 0 = hardware concurrency
    const std::atomic<bool>* cancel = nullptr;
    // Each finished run (its index), from worker threads; calls serialised.
    std::function<void(std::size_t)> onRun;
};

// One alternative in one run (also one side of a sensitivity row).
struct RunOutcome {
    std::optional<double> costUsdPerMonth;  // nullopt: not priced
    std::optional<double> p99Seconds;       // end to end; nullopt: nothing served
    std::optional<double> ttftP99Seconds;   // LLM alternatives only
    std::optional<double> tpotP99Seconds;   // LLM alternatives only
    std::optional<double> goodputFraction;  // LLM alternatives only
    double coldStartFraction = 0.0;
    double rejectFraction = 0.0;
    std::vector<UsageLedger> ledgers;  // the members', member order: what was priced
};

// Bounds that do not apply to an alternative (TTFT on a classic model) pass;
// a bound on a figure the run does not have (p99 with nothing served) fails.
bool meetsSlos(const SloSpec& slos, const RunOutcome& outcome);
// The cheapest priced alternative meeting the SLOs (any, without SLOs); ties
// go to the earlier one. nullopt when none qualifies.
std::optional<std::size_t> winnerOf(const std::vector<RunOutcome>& alternatives, const SloSpec& slos);

// An alternative's members simulated on one thread (results in member
// order), folded into one outcome with `cost`, or both at once.
std::vector<DeploymentResult> simulateAlternative(const Scenario& s, const Alternative& alt,
                                                  const std::atomic<bool>* cancel);
RunOutcome foldAlternative(const Scenario& s, const Alternative& alt, const std::vector<DeploymentResult>& results,
                           const CostFunction& cost);
RunOutcome evaluateAlternative(const Scenario& s, const Alternative& alt, const CostFunction& cost,
                               const std::atomic<bool>* cancel);

struct PairCrossings {
    std::size_t a = 0, b = 0;    // alternative indices, a < b
    std::vector<double> values;  // rateScale values where the costs cross, ascending
};

struct UncertaintyRun {
    std::size_t index = 0;
    std::uint64_t seed = 0;
    std::vector<double> inputs;  // one per varied input
    std::vector<RunOutcome> alternatives;
    std::optional<std::size_t> winner;
    std::vector<PairCrossings> crossings;  // every pair, (0,1), (0,2), …, (1,2), …
    std::size_t simulations = 0;           // deployment runs
};

// Mean and percentiles over the runs that have the figure. Percentiles
// interpolate linearly between order statistics (p of n sorted values sits
// at rank p (n − 1)).
struct Band {
    double mean = 0.0, p5 = 0.0, median = 0.0, p95 = 0.0;
    std::size_t count = 0;
};
std::optional<Band> bandOf(std::vector<double> values);

struct AlternativeBands {
    std::string name;
    std::optional<Band> costUsdPerMonth, p99Seconds, ttftP99Seconds;
    double winFraction = 0.0;  // runs it won / runs
};

struct CrossoverBand {
    std::size_t a = 0, b = 0;
    std::string aName, bName;
    // Over the runs where the pair crosses on the grid: the lowest crossing
    // rateScale of each run (a pair may cross more than once).
    std::optional<Band> rateScale;
    std::size_t runsWithCrossover = 0;
};

struct UncertaintyResult {
    std::vector<Alternative> alternatives;
    std::vector<VariedInput> inputs;
    std::vector<double> grid;
    std::vector<AlternativeBands> bands;  // scenario order
    std::vector<CrossoverBand> crossoverBands;  // pairs with at least one crossing
    std::size_t runs = 0;
    std::size_t runsWithoutWinner = 0;
    std::size_t simulations = 0;
};

class UncertaintyModel {
public:
    // Throws ParameterError for a bad --vary path (or a value in its range
    // the scenario reader rejects: both ends are tried), std::invalid_argument
    // for a bad range, grid or run count.
    UncertaintyModel(const Scenario& base, const std::string& source, PrepareScenario prepare,
                     UncertaintyOptions options);

    [[nodiscard]] const UncertaintyOptions& options() const { return options_; }
    [[nodiscard]] const std::vector<Alternative>& alternatives() const { return alternatives_; }
    [[nodiscard]] const std::vector<double>& grid() const { return grid_; }
    [[nodiscard]] const SloSpec& slos() const { return slos_; }

    // The run's seed and inputs: a pure function of the scenario seed and index.
    [[nodiscard]] std::uint64_t seedOf(std::size_t index) const;
    [[nodiscard]] std::vector<double> inputsOf(std::size_t index) const;
    // Everything about run `index`; thread-safe.
    [[nodiscard]] UncertaintyRun run(std::size_t index, const CostFunction& cost) const;

private:
    [[nodiscard]] nlohmann::json scenarioJson(std::size_t index, bool withRateScale) const;
    [[nodiscard]] PairCrossings crossPair(const nlohmann::json& base, const std::vector<std::vector<RunOutcome>>& grid,
                                          std::size_t a, std::size_t b, const CostFunction& cost,
                                          std::size_t& simulations) const;

    UncertaintyOptions options_;
    std::uint64_t baseSeed_ = 0;
    SloSpec slos_;
    std::vector<std::unique_ptr<ParameterPath>> paths_;  // one per varied input
    std::unique_ptr<ParameterPath> rateScale_;
    std::vector<Alternative> alternatives_;
    std::vector<double> grid_;
};

// Runs in index order (all of them, 0 … N−1, however they were computed).
UncertaintyResult aggregateUncertainty(const UncertaintyModel& model, const std::vector<UncertaintyRun>& runs);

// Every run on options().threads threads, then aggregated. Cancelling throws
// SimulationCancelled.
UncertaintyResult runUncertainty(const UncertaintyModel& model, const CostFunction& cost);

}  // namespace breakeven::analysis
