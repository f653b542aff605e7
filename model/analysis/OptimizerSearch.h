#pragma once
// Internals of the optimiser (Optimizer.h): the scenario editor and the
// search of one alternative. Not part of the public API.
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/analysis/Optimizer.h"

namespace breakeven::analysis {

// The scenario's canonical JSON (file paths made absolute); apply() sets
// keys and reads it back through the strict reader. Thread-safe.
class ScenarioEditor {
public:
    ScenarioEditor(const Scenario& scenario, std::string source, PrepareScenario prepare);
    [[nodiscard]] Scenario apply(const std::vector<ConfigChange>& changes) const;
    // The value as written (null when the path names nothing).
    [[nodiscard]] nlohmann::json valueAt(const std::string& path) const;

private:
    nlohmann::json base_;
    std::string source_;
    PrepareScenario prepare_;
    mutable std::mutex prepareMutex_;
};

// a before b: eligible first, then cheaper; among ineligible ones the
// smaller SLO violation, then cheaper.
bool better(const Candidate& a, const Candidate& b);

// Smallest v in [lo, hi] with meets(v), for a monotone predicate: tries
// `guess`, then (if it fails) firstStep and doubling, then bisects the
// bracket. nullopt when even hi fails.
std::optional<int> smallestMeeting(int lo, int hi, int guess, int firstStep, const std::function<bool(int)>& meets);

using Changes = std::vector<ConfigChange>;

// A discrete knob: each option is a set of keys set together (tp with gpuCount).
struct ChoiceKnob {
    std::string path;
    std::vector<Changes> options;
    std::size_t current = 0;  // the option as written
};

enum class CapacityKind { None, Nodes, MinInstances, HybridBaseline };

class AlternativeSearch {
public:
    AlternativeSearch(const Scenario& scenario, std::size_t index, const ScenarioEditor& editor,
                      const CostFunction& cost, const OptimizerOptions& options, int threads);
    AlternativeOptimum run();
    // Every distinct configuration simulated, cheapest first (unpriced last).
    [[nodiscard]] std::vector<Candidate> candidates() const;

private:
    void planKnobs();
    void planLlmKnobs(const DeploymentSpec& d);
    Candidate evaluate(Changes changes);
    std::vector<Candidate> evaluateAll(const std::vector<Changes>& configs, int threads);
    Candidate capacityPhase(const Changes& fixed, int threads);
    Candidate nodesPhase(const Changes& fixed, int threads);
    Candidate minInstancesPhase(const Changes& fixed, int threads);
    Candidate hybridPhase(const Changes& fixed, int threads);
    Candidate keepAliveBisection(const Changes& fixed);
    Candidate choiceDescent(std::vector<std::size_t>& selection);
    [[nodiscard]] Changes choiceChanges(const std::vector<std::size_t>& selection) const;
    [[nodiscard]] int estimateInstances(int slots) const;

    const Scenario& scenario_;
    std::size_t index_;
    const ScenarioEditor& editor_;
    const CostFunction& cost_;
    const OptimizerOptions& options_;
    int threads_;
    std::string prefix_;  // "deployments[i]"

    std::vector<ChoiceKnob> choices_;
    CapacityKind capacity_ = CapacityKind::None;
    std::string capacityPath_;
    int capacityMax_ = 1;
    std::string keepAlivePath_;
    std::vector<double> keepAliveLadder_;  // empty: not searched
    std::vector<std::string> notes_;

    SloOutcome asWritten_;
    mutable std::mutex mutex_;
    std::map<std::string, Candidate> cache_;  // by canonical key of the changes
};

}  // namespace breakeven::analysis
