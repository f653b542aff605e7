#include "app/cli/RepriceCommand.h"

#include <cmath>
#include <optional>
#include <ostream>
#include <set>

#include <fmt/format.h>

#include "app/cli/Args.h"
#include "app/core/CatalogueAccess.h"
#include "app/cli/PriceSetJson.h"
#include "model/core/Sha256.h"
#include "model/io/Workspace.h"
#include "pricing/ResultPricing.h"

namespace breakeven::cli {

using appcore::openCatalogue;

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

// ---- a stored result back to what pricing reads: names, periods, ledgers

DeploymentResult deploymentFromStored(const json& d, const std::string& path) {
    DeploymentResult r;
    try {
        r.name = d.at("name").get<std::string>();
        r.simulatedSeconds = d.at("simulatedSeconds").get<double>();
        r.served = d.at("served").get<std::uint64_t>();
        if (const auto members = d.find("members"); members != d.end()) {
            r.composite = d.at("kind").get<std::string>() == "hybrid" ? Composite::Hybrid : Composite::Split;
            for (std::size_t m = 0; m < members->size(); ++m)
                r.members.push_back(deploymentFromStored((*members)[m], fmt::format("{}.members[{}]", path, m)));
        } else {
            r.ledger = ledgerFromJson(d.at("ledger"));
        }
    } catch (const std::exception& e) {
        throw std::runtime_error(fmt::format("{}: {}", path, e.what()));
    }
    return r;
}

// A "limit" finding means the platform cannot run the alternative as
// configured (Lambda has no GPU...): it cannot be the winner however cheap.
bool hasLimitFinding(const json& d) {
    for (const auto& f : d.value("feasibility", json::array()))
        if (f.value("severity", "") == "limit") return true;
    for (const auto& m : d.value("members", json::array()))
        if (hasLimitFinding(m)) return true;
    return false;
}

struct PriceChange {
    std::string priceId, unit;
    std::optional<double> oldUsd, newUsd;
};

struct Alternative {
    std::string name;
    std::optional<double> oldUsd, newUsd;  // $/month; nullopt when the bill has errors
    bool eligible = true;
};

struct Repriced {
    std::string scenario, oldSnapshot, oldAsOf;
    bool scenarioChanged = false;
    std::vector<PriceChange> changes;
    std::vector<Alternative> alternatives;
    std::optional<std::string> oldWinner, newWinner;
    std::vector<pricing::DeploymentCost> newCosts;
};

// The row's headline rate and unit: a price item's first tier, an instance's on-demand hour.
std::optional<std::pair<double, std::string>> rate(const pricing::PriceSet& prices, const std::string& id) {
    if (const auto* item = prices.findItem(id)) return std::pair{item->usdPerUnit, item->unit};
    if (const auto* inst = prices.findInstance(id)) return std::pair{inst->usdPerHourOnDemand, std::string("hour")};
    return std::nullopt;
}

bool sameRow(const pricing::PriceSet& a, const pricing::PriceSet& b, const std::string& id) {
    const auto *ia = a.findItem(id), *ib = b.findItem(id);
    if (ia != nullptr || ib != nullptr) {
        if (ia == nullptr || ib == nullptr || ia->usdPerUnit != ib->usdPerUnit || ia->tiers.size() != ib->tiers.size())
            return false;
        for (std::size_t t = 0; t < ia->tiers.size(); ++t)
            if (ia->tiers[t].usdPerUnit != ib->tiers[t].usdPerUnit || ia->tiers[t].upTo != ib->tiers[t].upTo) return false;
        return true;
    }
    const auto *na = a.findInstance(id), *nb = b.findInstance(id);
    if (na == nullptr || nb == nullptr) return na == nb;
    return na->usdPerHourOnDemand == nb->usdPerHourOnDemand && na->usdPerHourReserved1y == nb->usdPerHourReserved1y;
}

// Rows the old or the new bills use whose price differs.
std::vector<PriceChange> changedRows(const std::vector<pricing::DeploymentCost>& oldCosts,
                                     const std::vector<pricing::DeploymentCost>& newCosts,
                                     const pricing::PriceSet& oldPrices, const pricing::PriceSet& newPrices) {
    std::set<std::string> ids;
    for (const auto* costs : {&oldCosts, &newCosts})
        for (const auto& c : *costs)
            for (const auto& line : c.month.lines)
                if (!line.priceId.empty()) ids.insert(line.priceId);
    std::vector<PriceChange> out;
    for (const auto& id : ids) {
        if (sameRow(oldPrices, newPrices, id)) continue;
        const auto before = rate(oldPrices, id), after = rate(newPrices, id);
        PriceChange c{id, before ? before->second : after ? after->second : "", std::nullopt, std::nullopt};
        if (before) c.oldUsd = before->first;
        if (after) c.newUsd = after->first;
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<std::string> cheapest(const std::vector<Alternative>& alts, bool useNew) {
    std::optional<std::string> best;
    double bestUsd = 0.0;
    for (const auto& a : alts) {
        const auto& usd = useNew ? a.newUsd : a.oldUsd;
        if (!a.eligible || !usd) continue;
        if (!best || *usd < bestUsd) {
            best = a.name;
            bestUsd = *usd;
        }
    }
    return best;
}

std::optional<double> monthUsd(const pricing::DeploymentCost& c) {
    return c.month.errors.empty() ? std::optional(c.month.totalUsd) : std::nullopt;
}

Repriced repriceOne(const Workspace& ws, std::size_t index, const pricing::PriceSet& newPrices) {
    const WorkspaceResult& stored = ws.results[index];
    const std::string path = fmt::format("results[{}]", index);
    const WorkspaceScenario* scenario = nullptr;
    for (const auto& s : ws.scenarios)
        if (s.scenario.name == stored.scenario) scenario = &s;
    const WorkspacePrices* embedded = ws.findPrices(stored.snapshotId);
    if (scenario == nullptr || embedded == nullptr)  // the reader checks both; a bug if not
        throw std::logic_error(path + ": scenario or embedded prices missing");
    pricing::PriceSet oldPrices;
    try {
        oldPrices = priceSetFromJson(embedded->json);
    } catch (const std::exception& e) {
        throw ScenarioError(ws.path, fmt::format("prices (snapshot {})", stored.snapshotId), e.what());
    }
    ScenarioResult result;
    const json& deployments = stored.result.at("deployments");
    for (std::size_t i = 0; i < deployments.size(); ++i)
        result.deployments.push_back(deploymentFromStored(deployments[i], fmt::format("{}.result.deployments[{}]", path, i)));
    if (result.deployments.size() != scenario->scenario.deployments.size())
        throw ScenarioError(ws.path, path, fmt::format("the stored result has {} alternatives, scenario \"{}\" now has "
                                                       "{}: re-simulate it (simulate --save)",
                                                       result.deployments.size(), stored.scenario,
                                                       scenario->scenario.deployments.size()));
    pricing::PricingOptions options;
    options.freeTier = stored.freeTier.value_or(false);
    const auto oldCosts = pricing::priceResult(scenario->scenario, result, oldPrices, options);
    Repriced r;
    r.newCosts = pricing::priceResult(scenario->scenario, result, newPrices, options);
    r.scenario = stored.scenario;
    r.oldSnapshot = oldPrices.snapshotId;
    r.oldAsOf = oldPrices.asOf;
    r.scenarioChanged = stored.result.value("scenarioSha256", "") != Sha256::hex(scenario->json.dump());
    r.changes = changedRows(oldCosts, r.newCosts, oldPrices, newPrices);
    for (std::size_t i = 0; i < result.deployments.size(); ++i)
        r.alternatives.push_back({result.deployments[i].name, monthUsd(oldCosts[i]), monthUsd(r.newCosts[i]),
                                  !hasLimitFinding(deployments[i])});
    r.oldWinner = cheapest(r.alternatives, false);
    r.newWinner = cheapest(r.alternatives, true);
    return r;
}

// ---- output

ojson optionalJson(const std::optional<double>& v) { return v ? ojson(*v) : ojson(nullptr); }
ojson optionalJson(const std::optional<std::string>& v) { return v ? ojson(*v) : ojson(nullptr); }

ojson toJson(const Repriced& r) {
    ojson changes = ojson::array();
    for (const auto& c : r.changes)
        changes.push_back({{"priceId", c.priceId}, {"unit", c.unit}, {"oldUsdPerUnit", optionalJson(c.oldUsd)},
                           {"newUsdPerUnit", optionalJson(c.newUsd)}});
    ojson alts = ojson::array();
    for (const auto& a : r.alternatives)
        alts.push_back({{"name", a.name}, {"oldUsdPerMonth", optionalJson(a.oldUsd)},
                        {"newUsdPerMonth", optionalJson(a.newUsd)}, {"eligible", a.eligible}});
    return {{"scenario", r.scenario},
            {"storedSnapshot", {{"id", r.oldSnapshot}, {"asOf", r.oldAsOf}}},
            {"scenarioChanged", r.scenarioChanged},
            {"priceChanges", changes},
            {"alternatives", alts},
            {"winner", {{"old", optionalJson(r.oldWinner)}, {"new", optionalJson(r.newWinner)},
                        {"flipped", r.oldWinner != r.newWinner}}}};
}

std::string money(const std::optional<double>& usd) { return usd ? fmt::format("{:.2f}", *usd) : "not priced"; }

void printText(std::ostream& out, const Repriced& r) {
    out << fmt::format("\nScenario {}: stored with snapshot {} as of {}\n", r.scenario, r.oldSnapshot, r.oldAsOf);
    if (r.scenarioChanged)
        out << "  note: the scenario changed since this result was saved; its usage is re-priced with the "
               "scenario's current pricing keys\n";
    out << fmt::format("  Price rows changed ({}):\n", r.changes.size());
    for (const auto& c : r.changes)
        out << fmt::format("    {:<44} {} -> {} USD per {}\n", c.priceId, c.oldUsd ? fmt::format("{:g}", *c.oldUsd) : "none",
                           c.newUsd ? fmt::format("{:g}", *c.newUsd) : "none", c.unit);
    out << fmt::format("  {:<40} {:>14} {:>14} {:>12}\n", "alternative", "old $/month", "new $/month", "change");
    for (const auto& a : r.alternatives) {
        const std::string delta = a.oldUsd && a.newUsd ? fmt::format("{:+.2f}", *a.newUsd - *a.oldUsd) : "";
        out << fmt::format("  {:<40} {:>14} {:>14} {:>12}{}\n", a.name, money(a.oldUsd), money(a.newUsd), delta,
                           a.eligible ? "" : "  (platform limit: not a candidate)");
    }
    const std::string oldW = r.oldWinner.value_or("none"), newW = r.newWinner.value_or("none");
    out << (r.oldWinner == r.newWinner
                ? fmt::format("  Cheapest alternative: {} (unchanged)\n", newW)
                : fmt::format("  Cheapest alternative FLIPPED: {} -> {}\n", oldW, newW));
}

}  // namespace

void saveResultToWorkspace(const std::string& workspacePath, const std::string& scenarioName,
                           const ResultJson& result, const pricing::PriceSet& prices, bool freeTier,
                           std::ostream& err) {
    // Loaded afresh (not the copy the run read, whose moved traces may have
    // been relinked): only the result and its prices change.
    Workspace ws = loadWorkspace(workspacePath);
    WorkspaceResult stored{scenarioName, prices.snapshotId, freeTier, json(result)};
    ws.storeResult(std::move(stored), WorkspacePrices{prices.snapshotId, prices.asOf, priceSetToJson(prices)});
    saveWorkspace(ws, workspacePath);
    err << fmt::format("saved the result of \"{}\" with price snapshot {} in {}\n", scenarioName, prices.snapshotId,
                       workspacePath);
}

int runReprice(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args(argv, {"json", "save"}, {"scenario", "catalog", "as-of"});
    if (args.positional().size() != 1) throw UsageError("workspace reprice takes exactly one WS file");
    const std::string path = args.positional().front();
    Workspace ws = loadWorkspace(path);
    const auto only = args.value("scenario");
    if (only) (void)ws.scenarioByName(*only);  // throws, listing the names
    const pricing::PriceSet today = openCatalogue(args.value("catalog"), err, "workspace reprice").load(args.value("as-of"));
    std::vector<std::pair<std::size_t, Repriced>> done;
    for (std::size_t i = 0; i < ws.results.size(); ++i)
        if (!only || ws.results[i].scenario == *only) done.emplace_back(i, repriceOne(ws, i, today));
    if (done.empty())
        throw UsageError(fmt::format("{} has no stored result{}; store one with `simulate {} --scenario NAME --save`",
                                     path, only ? " for scenario \"" + *only + "\"" : "", path));
    if (args.flag("save")) {
        // Built first: storing replaces entries, which moves the indices.
        std::vector<WorkspaceResult> updates;
        for (auto& [index, r] : done) {
            ResultJson updated = ResultJson(ws.results[index].result);
            pricing::attachCosts(updated, r.newCosts, today);
            updates.push_back({r.scenario, today.snapshotId, ws.results[index].freeTier, json(updated)});
        }
        for (auto& u : updates)
            ws.storeResult(std::move(u), WorkspacePrices{today.snapshotId, today.asOf, priceSetToJson(today)});
        saveWorkspace(ws, path);
    }
    if (args.flag("json")) {
        ojson j = {{"workspace", path}, {"catalogSnapshot", {{"id", today.snapshotId}, {"asOf", today.asOf}}}};
        j["results"] = ojson::array();
        for (const auto& [index, r] : done) j["results"].push_back(toJson(r));
        j["saved"] = args.flag("save");
        out << j.dump(2) << '\n';
        return 0;
    }
    out << fmt::format("Re-priced {} stored result{} of {} with catalogue snapshot {} as of {} (no re-simulation)\n",
                       done.size(), done.size() == 1 ? "" : "s", path, today.snapshotId, today.asOf);
    for (const auto& [index, r] : done) printText(out, r);
    if (args.flag("save")) out << fmt::format("\nSaved the re-priced results and their prices in {}\n", path);
    return 0;
}

}  // namespace breakeven::cli
