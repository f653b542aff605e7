#include "app/core/Recommendation.h"

#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/core/MonthCost.h"

namespace breakeven::appcore {

namespace {

std::string money(double usd) { return usd >= 1000.0 ? fmt::format("${:.0f}", usd) : fmt::format("${:.2f}", usd); }
std::string secs(double s) { return fmt::format("{:.3g} s", s); }

std::optional<std::size_t> cheapestMeeting(const std::vector<AssessedAlternative>& all) {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].outcome.eligible() &&
            (!best || *all[i].outcome.costUsdPerMonth < *all[*best].outcome.costUsdPerMonth))
            best = i;
    return best;
}

std::string latency(const analysis::SloOutcome& o) {
    std::string s = o.p99Seconds ? "p99 " + secs(*o.p99Seconds) : "nothing served";
    if (o.ttftP99Seconds) s += ", TTFT p99 " + secs(*o.ttftP99Seconds);
    if (o.tpotP99Seconds) s += ", TPOT p99 " + secs(*o.tpotP99Seconds);
    return s;
}

// The cheapest alternative other than `w` that runs and meets the SLOs at `p`
// (sweep points are judged as the results table judges: meetsSlos).
std::optional<std::size_t> cheapestRival(const analysis::SweepPoint& p, const std::vector<AssessedAlternative>& all,
                                         std::size_t w, const std::optional<double>& below) {
    std::optional<std::size_t> rival;
    for (std::size_t b = 0; b < p.alternatives.size(); ++b) {
        const auto& o = p.alternatives[b];
        if (b == w || !o.costUsdPerMonth || !o.meetsSlos || !all[b].outcome.limits.empty()) continue;
        if (below && *o.costUsdPerMonth >= *below) continue;
        if (!rival || *o.costUsdPerMonth < *p.alternatives[*rival].costUsdPerMonth) rival = b;
    }
    return rival;
}

// The first point past `base` (upwards or downwards) where the winner stops
// being the answer: another alternative meeting the SLOs is cheaper there
// (with the crossover between them), or the winner itself misses the SLOs.
std::string flipText(const analysis::SweepResult& r, const std::vector<AssessedAlternative>& all, std::size_t w,
                     double base, bool up) {
    const auto& points = r.points;
    for (std::size_t k = 0; k < points.size(); ++k) {
        const auto& p = points[up ? k : points.size() - 1 - k];
        if (up ? p.value <= base : p.value >= base) continue;
        const auto& mine = p.alternatives[w].costUsdPerMonth;
        if (!p.alternatives[w].meetsSlos) {
            const auto rival = cheapestRival(p, all, w, std::nullopt);
            return fmt::format("{} about {} = {:.3g} ({:.3g} requests/s), {} misses the SLOs; {}.\n",
                               up ? "Above" : "Below", r.parameter, p.value, p.ratePerSecond, all[w].name,
                               rival ? fmt::format("the cheapest that meets them there is {} ({} per month)",
                                                   p.alternatives[*rival].name,
                                                   formatMoney(p.alternatives[*rival].costUsdPerMonth))
                                     : std::string("no alternative meets them there"));
        }
        const auto rival = cheapestRival(p, all, w, mine);
        if (!rival) continue;
        double at = p.value, rate = p.ratePerSecond;
        for (const auto& c : r.crossovers) {
            const bool pair = (c.a == w && c.b == *rival) || (c.a == *rival && c.b == w);
            const double v = c.crossover.at.value;
            if (pair && (up ? v > base && v <= at : v < base && v >= at)) at = v, rate = c.crossover.at.ratePerSecond;
        }
        const auto& o = p.alternatives[*rival];
        return fmt::format("{} about {} = {:.3g} ({:.3g} requests/s), {} is cheaper ({} vs {} per month at "
                           "{:.3g}) and meets the SLOs there.\n",
                           up ? "Above" : "Below", r.parameter, at, rate, o.name, formatMoney(o.costUsdPerMonth),
                           formatMoney(mine), p.value);
    }
    return fmt::format("{} stays the cheapest alternative meeting the SLOs {} the scenario's traffic, {} {} = {:.3g}.\n",
                       all[w].name, up ? "above" : "below", up ? "up to" : "down to", r.parameter,
                       up ? points.back().value : points.front().value);
}

}  // namespace

std::string formatMoney(const std::optional<double>& usd) { return usd ? money(*usd) : std::string("not priced"); }

std::string describeSlos(const SloSpec& slos) {
    std::vector<std::string> parts;
    if (slos.p99Seconds) parts.push_back(fmt::format("p99 ≤ {:g} s", *slos.p99Seconds));
    if (slos.ttftP99Seconds) parts.push_back(fmt::format("TTFT p99 ≤ {:g} s", *slos.ttftP99Seconds));
    if (slos.tpotP99Seconds) parts.push_back(fmt::format("TPOT p99 ≤ {:g} s", *slos.tpotP99Seconds));
    if (slos.minGoodput) parts.push_back(fmt::format("goodput ≥ {:g} %", 100.0 * *slos.minGoodput));
    if (slos.maxColdStartFraction)
        parts.push_back(fmt::format("cold requests ≤ {:g} %", 100.0 * *slos.maxColdStartFraction));
    if (slos.maxRejectFraction) parts.push_back(fmt::format("rejected ≤ {:g} %", 100.0 * *slos.maxRejectFraction));
    return parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, ", "));
}

std::vector<AssessedAlternative> assessAlternatives(const SloSpec& slos, const ScenarioResult& result,
                                                    const std::vector<pricing::DeploymentCost>& costs) {
    std::vector<AssessedAlternative> out;
    for (std::size_t i = 0; i < result.deployments.size(); ++i) {
        const auto& month = costs[i].month;
        const std::optional<double> cost = month.errors.empty() ? std::optional(month.totalUsd) : std::nullopt;
        out.push_back({result.deployments[i].name, analysis::assessResult(slos, result.deployments[i], cost),
                       costs[i].monthSplit});
    }
    return out;
}

RecommendationSweep recommendationSweep(const Scenario& scenario, const std::string& source,
                                        const analysis::PrepareScenario& prepare, const pricing::PriceSet& prices,
                                        const pricing::PricingOptions& options, int points, int threads) {
    const analysis::ParameterPath scale(scenario, std::string(analysis::kRateScalePath), source, prepare);
    RecommendationSweep out;
    out.baseValue = scale.baseValue() > 0.0 ? scale.baseValue() : 1.0;
    out.points = points;
    analysis::SweepOptions sweep;
    sweep.threads = threads;
    const analysis::SweepRange range{0.1 * out.baseValue, 20.0 * out.baseValue, points, analysis::SweepScale::Log};
    out.result = analysis::runSweep(scale, range, monthCost(prices, options), sweep);
    return out;
}

Recommendation recommend(const std::string& scenarioName, const SloSpec& slos, const std::string& slosText,
                         const ScenarioResult& result, const std::vector<pricing::DeploymentCost>& costs,
                         const RecommendationSweep* sweep) {
    Recommendation r;
    r.scenarioName = scenarioName;
    r.slosText = slosText;
    r.noSlos = slos.empty();
    r.alternatives = assessAlternatives(slos, result, costs);
    r.winner = cheapestMeeting(r.alternatives);
    if (r.winner && sweep != nullptr) {
        r.sweepPoints = sweep->points;
        for (const bool up : {true, false})
            r.flips.push_back(flipText(sweep->result, r.alternatives, *r.winner, sweep->baseValue, up));
    }
    return r;
}

std::string recommendationHeadline(const Recommendation& r) {
    if (!r.winner)
        return "No alternative meets the SLOs as configured at the scenario's traffic; `breakeven-cli optimize` "
               "searches for configurations that do.\n";
    const auto& w = r.alternatives[*r.winner];
    const auto& o = w.outcome;
    std::string out = fmt::format("At the scenario's traffic ({:.3g} requests/s) the cheapest alternative that meets "
                                  "the SLOs is {}: {}/month, {}.\n",
                                  o.ratePerSecond, w.name, formatMoney(o.costUsdPerMonth), latency(o));
    std::vector<std::string> others;
    for (const auto& a : r.alternatives)
        if (&a != &w && a.outcome.eligible())
            others.push_back(fmt::format("{} ({}/month)", a.name, formatMoney(a.outcome.costUsdPerMonth)));
    if (!others.empty()) out += fmt::format("Also meeting them: {}.\n", fmt::join(others, ", "));
    return out;
}

std::string recommendationCrossovers(const Recommendation& r) {
    if (r.flips.empty()) return {};
    std::string out = fmt::format("Where it stops being cheapest (traffic swept from 0.1× to 20×, {} points, "
                                  "crossovers refined by re-simulation):\n",
                                  r.sweepPoints);
    for (const auto& f : r.flips) out += f;
    return out;
}

std::string recommendationColdStarts(const Recommendation& r) {
    std::string out = "What cold starts cost (as configured):\n";
    for (const auto& a : r.alternatives) {
        const auto& o = a.outcome;
        std::string line = fmt::format("  {}: {:.3g} % of requests start cold", a.name, 100.0 * o.coldStartFraction);
        if (o.coldP99Seconds) line += fmt::format(" (their p99 {})", secs(*o.coldP99Seconds));
        if (o.costUsdPerMonth && *o.costUsdPerMonth > 0.0)
            line += fmt::format("; cold-start tax {}/month ({:.2g} % of its bill), idle tax {}/month",
                                money(a.monthSplit.coldStartTaxUsd),
                                100.0 * a.monthSplit.coldStartTaxUsd / *o.costUsdPerMonth,
                                money(a.monthSplit.idleTaxUsd));
        out += line + ".\n";
    }
    return out;
}

std::string recommendationProblems(const Recommendation& r) {
    std::string out;
    for (const auto& a : r.alternatives) {
        const auto& o = a.outcome;
        for (const auto& f : o.limits) out += fmt::format("  {} cannot run as configured: {}\n", a.name, f.message);
        if (!o.misses.empty()) out += fmt::format("  {} misses the SLOs: {}\n", a.name, fmt::join(o.misses, "; "));
        if (!o.costUsdPerMonth) out += fmt::format("  {} is not priced (no price row in the catalogue)\n", a.name);
    }
    return out.empty() ? out : "Infeasible or failing alternatives:\n" + out;
}

std::string recommendationText(const Recommendation& r) {
    std::ostringstream out;
    out << fmt::format("Recommendation for \"{}\" (SLOs: {}).\n\n", r.scenarioName, r.slosText);
    if (r.noSlos) out << "No SLOs given: any alternative the platforms can run counts as meeting them.\n";
    out << recommendationHeadline(r);
    if (const std::string c = recommendationCrossovers(r); !c.empty()) out << '\n' << c;
    out << '\n' << recommendationColdStarts(r);
    if (const std::string p = recommendationProblems(r); !p.empty()) out << '\n' << p;
    out << "\nFor the cheapest configuration of each alternative (node counts, min instances, keep-alive, GPU), "
           "run `breakeven-cli optimize` with the same SLOs.\n";
    return out.str();
}

}  // namespace breakeven::appcore
