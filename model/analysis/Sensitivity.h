#pragma once
// Sensitivity (tornado): each input moved −X % and +X % on its own, every
// alternative re-costed, and whether the winner changes — "which assumption
// flips the answer". Simulated inputs (cold start, service time, traffic)
// are re-simulated on the scenario's seed (common random numbers, so the
// difference is the input's, not noise); price inputs re-price the base
// simulation with the caller's cost functions, without simulating again.
// Model-only: prices come from the caller (DESIGN.md), pricing/ is not used.
#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/analysis/ParameterPath.h"
#include "model/analysis/Sweep.h"
#include "model/analysis/Uncertainty.h"
#include "model/domain/Scenario.h"

namespace breakeven::analysis {

// A price input: the same simulation costed with one price at −X % and +X %.
struct PriceVariant {
    std::string input;  // what moved, e.g. "price lambda.x86.gb-second"
    std::string unit;   // of the values, e.g. "USD per GB-second"
    double lowValue = 0.0, highValue = 0.0;
    CostFunction lowCost, highCost;
};

struct SensitivityOptions {
    double percent = 10.0;  // X, in (0, 100)
    int threads = 0;        // 0 = hardware concurrency
    const std::atomic<bool>* cancel = nullptr;
};

struct SensitivitySide {
    double value = 0.0;  // the input's value on this side
    std::vector<RunOutcome> alternatives;
    std::optional<std::size_t> winner;
};

struct SensitivityRow {
    std::string input;
    std::string unit;
    double baseValue = 0.0;
    SensitivitySide low, high;  // at −X % and +X %
    // Largest |cost(+X %) − cost(−X %)| over the alternatives priced on both sides.
    double swingUsdPerMonth = 0.0;
    bool flipsWinner = false;  // either side's winner differs from the base winner
};

struct SensitivityResult {
    double percent = 0.0;
    std::vector<Alternative> alternatives;
    std::vector<RunOutcome> base;
    std::optional<std::size_t> baseWinner;
    std::vector<SensitivityRow> rows;  // by swing, largest first (ties: input order)
    std::size_t simulations = 0;
};

// The simulated inputs, applied to a (read and prepared) scenario:
// every deployment's cold start (composite members and an LLM's cold-start
// components included: component times × f, storage and upload bandwidth ÷ f)
// and service time (the `service` distribution; an LLM engine's step time —
// roofline fixed costs × f and utilisations ÷ f, fitted coefficients × f).
// A trace's own service-time column is not scaled.
void scaleColdStarts(Scenario& scenario, double factor);
void scaleServiceTimes(Scenario& scenario, double factor);

// Rows: "coldStart" and "serviceTime" (values are the factors 1 ∓ X/100),
// "workload.rateScale" (its base value × (1 ∓ X/100)), then every price
// variant. `source` and `prepare` as for ParameterPath. Throws
// std::invalid_argument for a percent outside (0, 100).
SensitivityResult runSensitivity(const Scenario& base, const std::string& source, const PrepareScenario& prepare,
                                 const CostFunction& cost, const std::vector<PriceVariant>& prices,
                                 const SensitivityOptions& options = {});

}  // namespace breakeven::analysis
