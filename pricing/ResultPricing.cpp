#include "pricing/ResultPricing.h"

#include <fmt/format.h>

namespace breakeven::pricing {

namespace {
using json = ResultJson;

std::optional<double> perMillion(double usd, std::uint64_t count) {
    if (count == 0) return std::nullopt;
    return usd / static_cast<double>(count) * 1e6;
}

json optionalJson(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json linesToJson(const std::vector<CostLine>& lines) {
    json out = json::array();
    for (const auto& l : lines)
        out.push_back({{"item", l.item},
                       {"quantity", l.quantity},
                       {"unit", l.unit},
                       {"usdPerUnit", l.usdPerUnit},
                       {"usd", l.usd},
                       {"priceId", l.priceId},
                       {"priceRowId", l.priceRowId}});
    return out;
}

json stringsToJson(const std::vector<std::string>& items) {
    json out = json::array();
    for (const auto& s : items) out.push_back(s);
    return out;
}

json splitToJson(const BillSplit& s) {
    return {{"usefulUsd", s.usefulUsd},
            {"idleTaxUsd", s.idleTaxUsd},
            {"coldStartTaxUsd", s.coldStartTaxUsd},
            {"otherUsd", s.otherUsd}};
}
}  // namespace

DeploymentCost priceDeployment(const DeploymentResult& result, const PriceSet& prices,
                               const PricingOptions& options) {
    DeploymentCost cost;
    BillingPeriod period;
    period.simulatedSeconds = result.simulatedSeconds;
    period.normaliseToMonth = false;
    cost.scenario = price(result.ledger, prices, period, options);
    period.normaliseToMonth = true;
    cost.month = price(result.ledger, prices, period, options);
    cost.scenarioSplit = splitBill(result.ledger, cost.scenario, options.userLines.size());
    cost.monthSplit = splitBill(result.ledger, cost.month, options.userLines.size());
    if (!cost.scenario.errors.empty()) return cost;  // a partial bill has no unit cost
    cost.per1MRequests = perMillion(cost.scenario.totalUsd, result.served);
    cost.per1MTokens =
        perMillion(cost.scenario.totalUsd, result.ledger.inputTokens + result.ledger.outputTokens);
    return cost;
}

namespace {
void addLines(PricingOptions& options, const std::vector<ExtraCostLine>& lines) {
    for (const auto& l : lines)
        options.userLines.push_back(UserCostLine{l.item, l.unit, l.usdPerUnit, l.quantityPerMonth, l.quantityPerRequest});
}

// A deployment's own discount wins over the scenario's discount for its platform.
PricingOptions optionsFor(const DeploymentSpec& spec, const ScenarioPricing& scenarioPricing, PricingOptions own) {
    if (spec.discountPercent > 0.0) {
        own.discountPercent = spec.discountPercent;
    } else if (const auto it = scenarioPricing.discountPercentByPlatform.find(spec.platform);
               it != scenarioPricing.discountPercentByPlatform.end()) {
        own.discountPercent = it->second;
    }
    addLines(own, spec.extraCostLines);
    return own;
}

void append(CostBreakdown& into, const CostBreakdown& part, const std::string& member) {
    for (CostLine line : part.lines) {
        line.item = member + ": " + line.item;
        into.lines.push_back(std::move(line));
    }
    into.totalUsd = roundCents(into.totalUsd + part.totalUsd);
    for (const auto& n : part.notPriced) into.notPriced.push_back(member + ": " + n);
    for (const auto& a : part.assumptions) into.assumptions.push_back(member + ": " + a);
    for (const auto& e : part.errors) into.errors.push_back(member + ": " + e);
}

// A composite's bill is its members' bills, each line named by its member.
// Scenario-wide extra lines are added once per alternative: to its first member.
DeploymentCost priceComposite(const DeploymentSpec& spec, const DeploymentResult& result,
                              const PriceSet& prices, const ScenarioPricing& scenarioPricing,
                              const PricingOptions& options) {
    DeploymentCost cost;
    for (std::size_t m = 0; m < result.members.size() && m < spec.members.size(); ++m) {
        PricingOptions memberOptions = optionsFor(spec.members[m], scenarioPricing, options);
        if (m == 0) addLines(memberOptions, scenarioPricing.extraLines);
        const DeploymentCost part = priceDeployment(result.members[m], prices, memberOptions);
        append(cost.scenario, part.scenario, result.members[m].name);
        append(cost.month, part.month, result.members[m].name);
        cost.scenarioSplit = cost.scenarioSplit + part.scenarioSplit;
        cost.monthSplit = cost.monthSplit + part.monthSplit;
    }
    if (!cost.scenario.errors.empty()) return cost;
    std::uint64_t tokens = 0;
    for (const auto& m : result.members) tokens += m.ledger.inputTokens + m.ledger.outputTokens;
    cost.per1MRequests = perMillion(cost.scenario.totalUsd, result.served);
    cost.per1MTokens = perMillion(cost.scenario.totalUsd, tokens);
    return cost;
}
}  // namespace

PriceSet scaledPrices(const PriceSet& prices, double factor) {
    PriceSet scaled = prices;
    for (auto& [id, item] : scaled.items) {
        item.usdPerUnit *= factor;
        for (auto& tier : item.tiers) tier.usdPerUnit *= factor;
    }
    for (auto& [id, type] : scaled.instances) {
        type.usdPerHourOnDemand *= factor;
        if (type.usdPerHourReserved1y) *type.usdPerHourReserved1y *= factor;
    }
    return scaled;
}

namespace {
// The scenario cache's own cost: usdPerHour x the period's hours (a month: 730 h).
void addCacheLine(DeploymentCost& cost, const DeploymentResult& result) {
    if (!result.cache || result.cache->usdPerHour <= 0.0) return;
    const auto add = [&](CostBreakdown& bill, BillSplit& split, double hours) {
        CostLine line;
        line.item = "cache";
        line.quantity = hours;
        line.unit = "hour";
        line.usdPerUnit = result.cache->usdPerHour;
        line.usdExact = hours * line.usdPerUnit;
        line.usd = roundCents(line.usdExact);
        bill.lines.push_back(line);
        bill.totalUsd = roundCents(bill.totalUsd + line.usd);
        split.otherUsd += line.usd;
    };
    add(cost.scenario, cost.scenarioSplit, result.simulatedSeconds / 3600.0);
    add(cost.month, cost.monthSplit, kHoursPerMonth);
    if (cost.per1MRequests) cost.per1MRequests = perMillion(cost.scenario.totalUsd, result.served);
}

// The scenario's `pricing` object applied to the command's prices and options.
struct ScenarioPrices {
    const ScenarioPricing& scenarioPricing;
    // Copied only when a factor is set (a what-if on every catalogue price).
    std::optional<PriceSet> scaled;
    const PriceSet& catalogue;
    PricingOptions options;

    ScenarioPrices(const Scenario& scenario, const PriceSet& catalogueIn, const PricingOptions& commandOptions)
        : scenarioPricing(scenario.pricing),
          scaled(scenario.pricing.factor != 1.0 ? std::optional(scaledPrices(catalogueIn, scenario.pricing.factor))
                                                : std::nullopt),
          catalogue(catalogueIn),
          options(commandOptions) {
        if (scenarioPricing.freeTier) options.freeTier = *scenarioPricing.freeTier;
    }
    [[nodiscard]] const PriceSet& prices() const { return scaled ? *scaled : catalogue; }

    // `spec` is null for a result the scenario does not describe.
    [[nodiscard]] DeploymentCost price(const DeploymentSpec* spec, const DeploymentResult& result) const {
        DeploymentCost cost;
        if (spec == nullptr) {
            cost = priceDeployment(result, prices(), options);
        } else if (spec->composite != Composite::None) {
            cost = priceComposite(*spec, result, prices(), scenarioPricing, options);
        } else {
            PricingOptions own = optionsFor(*spec, scenarioPricing, options);
            addLines(own, scenarioPricing.extraLines);
            cost = priceDeployment(result, prices(), own);
        }
        addCacheLine(cost, result);
        if (scaled) {
            const std::string note =
                fmt::format("every catalogue price × {:g} (scenario pricing.factor)", scenarioPricing.factor);
            cost.scenario.assumptions.push_back(note);
            cost.month.assumptions.push_back(note);
        }
        return cost;
    }
};
}  // namespace

std::vector<DeploymentCost> priceResult(const Scenario& scenario, const ScenarioResult& result,
                                        const PriceSet& catalogue, const PricingOptions& commandOptions) {
    const ScenarioPrices context(scenario, catalogue, commandOptions);
    std::vector<DeploymentCost> costs;
    costs.reserve(result.deployments.size());
    for (std::size_t i = 0; i < result.deployments.size(); ++i)
        costs.push_back(context.price(i < scenario.deployments.size() ? &scenario.deployments[i] : nullptr,
                                      result.deployments[i]));
    return costs;
}

DeploymentCost priceScenarioDeployment(const Scenario& scenario, std::size_t index, const DeploymentResult& result,
                                       const PriceSet& catalogue, const PricingOptions& commandOptions) {
    const ScenarioPrices context(scenario, catalogue, commandOptions);
    return context.price(index < scenario.deployments.size() ? &scenario.deployments[index] : nullptr, result);
}

json costToJson(const DeploymentCost& c) {
    return {{"total", c.scenario.totalUsd},
            {"perMonth", c.month.totalUsd},
            {"per1MRequests", optionalJson(c.per1MRequests)},
            {"per1MTokens", optionalJson(c.per1MTokens)},
            {"lines", linesToJson(c.scenario.lines)},
            {"perMonthLines", linesToJson(c.month.lines)},
            {"split", splitToJson(c.scenarioSplit)},
            {"perMonthSplit", splitToJson(c.monthSplit)},
            {"notPriced", stringsToJson(c.scenario.notPriced)},
            {"assumptions", stringsToJson(c.scenario.assumptions)},
            {"errors", stringsToJson(c.scenario.errors)}};
}

json totalCostToJson(const std::vector<DeploymentCost>& costs) {
    double total = 0.0, perMonth = 0.0;
    BillSplit split, monthSplit;
    for (const auto& c : costs) {
        total += c.scenario.totalUsd;
        perMonth += c.month.totalUsd;
        split = split + c.scenarioSplit;
        monthSplit = monthSplit + c.monthSplit;
    }
    return {{"total", roundCents(total)},
            {"perMonth", roundCents(perMonth)},
            {"split", splitToJson(split)},
            {"perMonthSplit", splitToJson(monthSplit)}};
}

ResultJson catalogSnapshotJson(const PriceSet& prices) {
    return {{"id", prices.snapshotId}, {"asOf", prices.asOf}};
}

void attachCosts(json& result, const std::vector<DeploymentCost>& costs, const PriceSet& prices) {
    result["catalogSnapshot"] = catalogSnapshotJson(prices);
    result["total"]["costUsd"] = totalCostToJson(costs);
    auto& deployments = result["deployments"];
    for (std::size_t i = 0; i < costs.size() && i < deployments.size(); ++i)
        deployments[i]["costUsd"] = costToJson(costs[i]);
}

}  // namespace breakeven::pricing
