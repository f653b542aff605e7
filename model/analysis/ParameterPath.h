#pragma once
// One numeric scenario parameter, named by the JSON path the scenario reader
// uses in its messages (`workload.rateScale`, `deployments[2].keepAliveSeconds`,
// `deployments[1].service.maxNumSeqs`). Values are set on the canonical JSON
// and read back by the strict reader, so every numeric key is sweepable and a
// value out of range is reported exactly as in a scenario file.
#include <cstdint>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/domain/Scenario.h"

namespace breakeven::analysis {

// what() is "<path>: <reason>".
class ParameterError : public std::runtime_error {
public:
    ParameterError(std::string path, std::string reason);
    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] const std::string& reason() const { return reason_; }

private:
    std::string path_;
    std::string reason_;
};

// Runs on every scenario the parameter produces, after the reader (the CLI
// resolves LLM GPU figures from the catalogue here). Calls are serialised.
using PrepareScenario = std::function<void(Scenario&)>;

// The traffic multiplier: a trace's own `rateScale`, and on generator
// workloads (which have no such key) a factor on their rates — see apply().
inline constexpr std::string_view kRateScalePath = "workload.rateScale";

// The scenario's canonical JSON with its trace and step-profile paths made
// absolute (composite members' too): it reads back to the same scenario
// whatever the new source is called.
nlohmann::json scenarioJsonWithAbsolutePaths(const Scenario& s);

class ParameterPath {
public:
    // `source` is the scenario's file (relative trace and profile paths were
    // resolved against it). Throws ParameterError when `path` is malformed,
    // names nothing in `base`, or names a value that is not a number.
    ParameterPath(const Scenario& base, std::string path, std::string source, PrepareScenario prepare = {});

    [[nodiscard]] const std::string& path() const { return path_; }
    // Integer keys (`minInstances`, `nodes`, `maxNumSeqs`…) take whole values only.
    [[nodiscard]] bool isInteger() const { return integer_; }
    // The value the base scenario has (1 for workload.rateScale on generators).
    [[nodiscard]] double baseValue() const { return baseValue_; }

    // The base scenario with the parameter set to `value`, re-read by the
    // strict reader (ScenarioError names the path when the value is out of
    // range), then prepared. Throws ParameterError for a fractional value of
    // an integer key. Thread-safe.
    //
    // workload.rateScale = r on generator workloads: poisson `ratePerSecond`,
    // diurnal `meanRatePerSecond`, mmpp `calmRatePerSecond` and
    // `burstRatePerSecond` are multiplied by r; onoff `requestsPerBatch`
    // becomes max(1, round(n r)); a list emits arrival i
    // ⌊(i+1) r⌋ − ⌊i r⌋ times (evenly thinned or repeated, no randomness).
    [[nodiscard]] Scenario apply(double value) const;

    // The same in two steps, so several parameters built on one base
    // scenario can be set together (Monte Carlo inputs): write() sets the
    // value in a copy of canonical() (throws ParameterError like apply()),
    // read() runs the strict reader and the prepare hook on the result.
    [[nodiscard]] const nlohmann::json& canonical() const { return base_; }
    void write(nlohmann::json& scenario, double value) const;
    [[nodiscard]] Scenario read(const nlohmann::json& scenario) const;

private:
    void locate();
    void addPricingDefaults(const Scenario& base);
    void scaleGenerator(nlohmann::json& workload, double factor) const;

    std::string path_;
    std::string source_;
    PrepareScenario prepare_;
    nlohmann::json base_;  // canonical, with file paths made absolute
    nlohmann::json::json_pointer pointer_;
    bool generatorRateScale_ = false;
    bool integer_ = false;
    double baseValue_ = 0.0;
    mutable std::mutex prepareMutex_;
};

}  // namespace breakeven::analysis
