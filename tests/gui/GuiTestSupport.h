#pragma once
// Shared by the GUI tests: the fixture workspace and the reference numbers
// computed with the model and pricing APIs directly (not through app/).
#include <cstdlib>
#include <string>
#include <vector>

#include "model/io/Workspace.h"
#include "model/sim/Simulator.h"
#include "pricing/CatalogueDb.h"
#include "pricing/GpuResolve.h"
#include "pricing/ResultPricing.h"
#include "pricing/SeedFacts.h"

namespace breakeven::testing {

// Built by `breakeven-cli workspace create --scenario
// tests/data/gui/demo-2h-scenario.json --scenario resources/demo/demo-scenario.json`:
// the demo's first two hours (fast enough for tests) and the whole demo day.
inline std::string fixtureWorkspace() { return BREAKEVEN_TEST_DATA_DIR "/gui/demo.breakeven.json"; }

// $/month per top-level alternative, as `breakeven-cli simulate WS --json` computes it.
inline std::vector<double> referenceMonthlyCosts(const std::string& workspacePath, std::size_t scenario) {
    const Workspace ws = loadWorkspace(workspacePath);
    Scenario s = ws.scenarios.at(scenario).scenario;
    const char* catalogue = std::getenv("BREAKEVEN_CATALOG");
    const pricing::PriceSet prices =
        pricing::Catalogue::openOrCreate(catalogue != nullptr ? catalogue : pricing::defaultCataloguePath(),
                                         [] { return pricing::parseSeed(pricing::embeddedPricingFacts(), "seed"); })
            .load();
    pricing::resolveLlmGpus(s, prices, workspacePath);
    const ScenarioResult result = simulate(s, SimulationOptions{});
    std::vector<double> out;
    for (const auto& c : pricing::priceResult(s, result, prices, pricing::PricingOptions{}))
        out.push_back(c.month.totalUsd);
    return out;
}

}  // namespace breakeven::testing
