#include "app/gui/report/ReportData.h"

#include <algorithm>
#include <chrono>
#include <set>

#include <fmt/format.h>

#include "app/core/CatalogueAccess.h"
#include "app/core/ColdStartData.h"
#include "model/sim/Simulator.h"
#include "pricing/GpuResolve.h"

namespace breakeven::report {

namespace {

void addUnique(std::vector<std::string>& list, std::set<std::string>& seen, std::string text) {
    if (seen.insert(text).second) list.push_back(std::move(text));
}

std::optional<UsedPrice> lookUpPrice(const pricing::PriceSet& prices, const std::string& id) {
    if (const auto* item = prices.findItem(id))
        return UsedPrice{item->id, item->platform, item->unit, item->effectiveFrom, item->source, item->usdPerUnit,
                         item->verified};
    if (const auto* node = prices.findInstance(id)) {
        const std::string platform = id.substr(0, id.find('.'));
        return UsedPrice{node->id, platform, "hour (on demand)", node->effectiveFrom, node->source,
                         node->usdPerHourOnDemand, node->verified};
    }
    return std::nullopt;
}

// Prices, assumptions, what was not priced and the feasibility findings of
// every alternative, each once.
void collectNotes(ReportData& d) {
    std::set<std::string> ids, assumptions, notPriced;
    for (std::size_t i = 0; i < d.run.costs.size(); ++i) {
        const auto& bill = d.run.costs[i].month;
        for (const auto& line : bill.lines)
            if (!line.priceId.empty() && ids.insert(line.priceId).second)
                if (auto used = lookUpPrice(d.prices, line.priceId)) d.pricesUsed.push_back(std::move(*used));
        for (const auto& a : bill.assumptions) addUnique(d.assumptions, assumptions, a);
        const std::string kind = i < d.rows.size() ? d.rows[i].kind : std::string();
        for (const auto& n : bill.notPriced) addUnique(d.notPriced, notPriced, fmt::format("{}: {}", kind, n));
    }
    std::sort(d.pricesUsed.begin(), d.pricesUsed.end(),
              [](const UsedPrice& a, const UsedPrice& b) { return a.id < b.id; });
    for (const auto& dep : d.run.result.deployments)
        for (const auto& f : dep.feasibility)
            d.warnings.push_back(fmt::format("{} ({}): {}", dep.name, f.severity, f.message));
}

std::string todayUtc() {
    const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::chrono::year_month_day ymd{days};
    return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

void flatten(const nlohmann::json& j, const std::string& path, std::vector<std::string>& out) {
    if (j.is_object() && !j.empty()) {
        for (const auto& [key, value] : j.items()) flatten(value, path.empty() ? key : path + "." + key, out);
    } else if (j.is_array() && !j.empty() && !std::all_of(j.begin(), j.end(), [](const auto& e) {
                   return e.is_primitive();
               })) {
        for (std::size_t i = 0; i < j.size(); ++i) flatten(j[i], fmt::format("{}[{}]", path, i), out);
    } else {
        out.push_back(fmt::format("{}: {}", path, j.is_string() ? j.get<std::string>() : j.dump()));
    }
}

}  // namespace

std::vector<std::string> flattenInputs(const nlohmann::json& json) {
    std::vector<std::string> out;
    flatten(json, "", out);
    return out;
}

ReportData gatherReport(const ReportRequest& request) {
    if (request.scenario >= request.workspace.scenarios.size())
        throw std::runtime_error(request.source + ": the workspace has no scenario to report on");
    const WorkspaceScenario& entry = request.workspace.scenarios[request.scenario];
    ReportData d;
    d.workspacePath = request.source;
    d.scenarioName = entry.scenario.name;
    d.scenarioJson = entry.json;
    d.generatedOn = todayUtc();
    d.prices = appcore::openCatalogue(request.cataloguePath).load();
    // simulateAndPrice without its options struct: the same calls, with the
    // per-minute timelines on (they never change the results).
    Scenario scenario = entry.scenario;
    pricing::resolveLlmGpus(scenario, d.prices, request.source);
    SimulationOptions options;
    options.threads = request.threads;
    options.timeline = true;
    d.run.result = simulate(scenario, options);
    d.run.costs = pricing::priceResult(scenario, d.run.result, d.prices, pricing::PricingOptions{});
    d.run.scenario = scenario;
    d.rows = views::resultRows(d.run.scenario, d.run.result, d.run.costs);
    const auto& prices = d.prices;
    const std::string source = request.source;
    const analysis::PrepareScenario prepare = [&prices, source](Scenario& s) {
        pricing::resolveLlmGpus(s, prices, source);
    };
    d.sweep = appcore::recommendationSweep(scenario, source, prepare, d.prices, pricing::PricingOptions{},
                                           request.sweepPoints, request.threads);
    d.recommendation = appcore::recommend(scenario.name, scenario.slos, appcore::describeSlos(scenario.slos),
                                          d.run.result, d.run.costs, &d.sweep);
    // As the app's cold-start view runs them: the scenario as written.
    d.coldStart = appcore::runColdStartSweeps(entry.scenario, source, std::make_shared<const pricing::PriceSet>(d.prices),
                                              pricing::PricingOptions{}, appcore::ColdStartRequest{});
    collectNotes(d);
    return d;
}

}  // namespace breakeven::report
