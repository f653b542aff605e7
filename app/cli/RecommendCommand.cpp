#include "app/cli/RecommendCommand.h"

#include <cmath>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/core/MonthCost.h"
#include "app/cli/OptimizeCommand.h"
#include "model/analysis/Sweep.h"
#include "model/sim/Simulator.h"
#include "pricing/ResultPricing.h"

namespace breakeven::cli {

using appcore::monthCost;

namespace {

struct Assessed {
    std::string name;
    analysis::SloOutcome outcome;
    pricing::BillSplit monthSplit;
};

std::string money(double usd) { return usd >= 1000.0 ? fmt::format("${:.0f}", usd) : fmt::format("${:.2f}", usd); }
std::string money(const std::optional<double>& usd) { return usd ? money(*usd) : std::string("not priced"); }
std::string secs(double s) { return fmt::format("{:.3g} s", s); }

std::vector<Assessed> assessAsWritten(const PlanningSetup& s) {
    SimulationOptions options;
    options.threads = s.threads;
    const ScenarioResult result = simulate(s.scenario, options);
    const auto costs = pricing::priceResult(s.scenario, result, s.prices, s.priceOptions);
    std::vector<Assessed> out;
    for (std::size_t i = 0; i < result.deployments.size(); ++i) {
        const auto& month = costs[i].month;
        const std::optional<double> cost = month.errors.empty() ? std::optional(month.totalUsd) : std::nullopt;
        out.push_back({result.deployments[i].name, analysis::assessResult(s.slos, result.deployments[i], cost),
                       costs[i].monthSplit});
    }
    return out;
}

const Assessed* cheapestMeeting(const std::vector<Assessed>& all) {
    const Assessed* best = nullptr;
    for (const auto& a : all)
        if (a.outcome.eligible() && (best == nullptr || *a.outcome.costUsdPerMonth < *best->outcome.costUsdPerMonth))
            best = &a;
    return best;
}

std::string latency(const analysis::SloOutcome& o) {
    std::string s = o.p99Seconds ? "p99 " + secs(*o.p99Seconds) : "nothing served";
    if (o.ttftP99Seconds) s += ", TTFT p99 " + secs(*o.ttftP99Seconds);
    if (o.tpotP99Seconds) s += ", TPOT p99 " + secs(*o.tpotP99Seconds);
    return s;
}

void winnerText(const std::vector<Assessed>& all, const Assessed& w, std::ostream& out) {
    const auto& o = w.outcome;
    out << fmt::format("At the scenario's traffic ({:.3g} requests/s) the cheapest alternative that meets the SLOs "
                       "is {}: {}/month, {}.\n",
                       o.ratePerSecond, w.name, money(o.costUsdPerMonth), latency(o));
    std::vector<std::string> others;
    for (const auto& a : all)
        if (&a != &w && a.outcome.eligible())
            others.push_back(fmt::format("{} ({}/month)", a.name, money(a.outcome.costUsdPerMonth)));
    if (!others.empty()) out << fmt::format("Also meeting them: {}.\n", fmt::join(others, ", "));
}

// The SLOs a sweep point can check (it keeps p99, cold and reject fractions).
bool pointMeets(const SloSpec& slos, const analysis::AlternativeOutcome& a) {
    if (slos.p99Seconds && (!a.p99Seconds || *a.p99Seconds > *slos.p99Seconds)) return false;
    if (slos.maxColdStartFraction && a.coldStartFraction > *slos.maxColdStartFraction) return false;
    return !(slos.maxRejectFraction && a.rejectFraction > *slos.maxRejectFraction);
}

// The first point past `base` (upwards or downwards) where another runnable
// alternative is cheaper than the winner, with the crossover between them.
void flipText(const PlanningSetup& s, const analysis::SweepResult& r, const std::vector<Assessed>& all,
              std::size_t w, double base, bool up, std::ostream& out) {
    const auto& points = r.points;
    for (std::size_t k = 0; k < points.size(); ++k) {
        const auto& p = points[up ? k : points.size() - 1 - k];
        if (up ? p.value <= base : p.value >= base) continue;
        const auto& mine = p.alternatives[w].costUsdPerMonth;
        std::optional<std::size_t> rival;
        for (std::size_t b = 0; b < p.alternatives.size(); ++b) {
            const auto& c = p.alternatives[b].costUsdPerMonth;
            if (b == w || !c || !all[b].outcome.limits.empty() || (mine && *c >= *mine)) continue;
            if (!rival || *c < *p.alternatives[*rival].costUsdPerMonth) rival = b;
        }
        if (!rival) continue;
        double at = p.value, rate = p.ratePerSecond;
        for (const auto& c : r.crossovers) {
            const bool pair = (c.a == w && c.b == *rival) || (c.a == *rival && c.b == w);
            const double v = c.crossover.at.value;
            if (pair && (up ? v > base && v <= at : v < base && v >= at)) at = v, rate = c.crossover.at.ratePerSecond;
        }
        const auto& o = p.alternatives[*rival];
        out << fmt::format("{} about {} = {:.3g} ({:.3g} requests/s), {} is cheaper ({} vs {} per month at "
                           "{:.3g}){}.\n",
                           up ? "Above" : "Below", r.parameter, at, rate, o.name, money(o.costUsdPerMonth),
                           money(mine), p.value,
                           pointMeets(s.slos, o) ? "" : fmt::format(", but it misses the SLOs there (p99 {})",
                                                                    o.p99Seconds ? secs(*o.p99Seconds) : "—"));
        return;
    }
    out << fmt::format("{} stays the cheapest runnable alternative {} the scenario's traffic, {} {} = {:.3g}.\n",
                       all[w].name, up ? "above" : "below", up ? "up to" : "down to", r.parameter,
                       up ? points.back().value : points.front().value);
}

void crossoverText(const PlanningSetup& s, const std::vector<Assessed>& all, std::size_t w, int points,
                   std::ostream& out) {
    const analysis::ParameterPath scale(s.scenario, std::string(analysis::kRateScalePath), s.input.source,
                                        preparer(s));
    const double base = scale.baseValue() > 0.0 ? scale.baseValue() : 1.0;
    analysis::SweepOptions options;
    options.threads = s.threads;
    const analysis::SweepRange range{0.1 * base, 20.0 * base, points, analysis::SweepScale::Log};
    const auto r = analysis::runSweep(scale, range, monthCost(s.prices, s.priceOptions), options);
    out << fmt::format("\nWhere it stops being cheapest (traffic swept from 0.1× to 20×, {} points, crossovers "
                       "refined by re-simulation):\n",
                       points);
    flipText(s, r, all, w, base, true, out);
    flipText(s, r, all, w, base, false, out);
}

void coldText(const std::vector<Assessed>& all, std::ostream& out) {
    out << "\nWhat cold starts cost (as configured):\n";
    for (const auto& a : all) {
        const auto& o = a.outcome;
        std::string line = fmt::format("  {}: {:.3g} % of requests start cold", a.name, 100.0 * o.coldStartFraction);
        if (o.coldP99Seconds) line += fmt::format(" (their p99 {})", secs(*o.coldP99Seconds));
        if (o.costUsdPerMonth && *o.costUsdPerMonth > 0.0)
            line += fmt::format("; cold-start tax {}/month ({:.2g} % of its bill), idle tax {}/month",
                                money(a.monthSplit.coldStartTaxUsd),
                                100.0 * a.monthSplit.coldStartTaxUsd / *o.costUsdPerMonth,
                                money(a.monthSplit.idleTaxUsd));
        out << line << ".\n";
    }
}

void problemsText(const std::vector<Assessed>& all, std::ostream& out) {
    std::vector<std::string> lines;
    for (const auto& a : all) {
        const auto& o = a.outcome;
        for (const auto& f : o.limits) lines.push_back(fmt::format("  {} cannot run as configured: {}", a.name, f.message));
        if (!o.misses.empty()) lines.push_back(fmt::format("  {} misses the SLOs: {}", a.name, fmt::join(o.misses, "; ")));
        if (!o.costUsdPerMonth) lines.push_back(fmt::format("  {} is not priced (no price row in the catalogue)", a.name));
    }
    if (lines.empty()) return;
    out << "\nInfeasible or failing alternatives:\n";
    for (const auto& l : lines) out << l << '\n';
}

}  // namespace

int runRecommend(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (planningHelp(argv, R"(usage: breakeven-cli recommend SCENARIO|WS [options] [--points N]
A plain-language recommendation: the cheapest alternative meeting the SLOs at
the scenario's traffic, where it stops being cheapest (a workload.rateScale
sweep 0.1x-20x, N log points, default 12, with refined crossovers), what cold
starts cost (cold fraction, cold p99, cold-start and idle tax), and which
alternatives cannot run or miss the SLOs, and why. Without SLOs, any
alternative the platforms can run counts as meeting them. (--json is not
offered: use optimize, sweep and simulate --json.)
)", out))
        return 0;
    std::set<std::string> options = planningOptions();
    options.insert("points");
    const Args args(argv, {}, options);
    const int points = static_cast<int>(args.unsignedValue("points").value_or(12));
    if (points < 2 || points > 200) throw UsageError("--points: expected 2 to 200");
    PlanningSetup s;
    loadPlanning(args, err, "recommend", s);
    const std::vector<Assessed> all = assessAsWritten(s);
    out << fmt::format("Recommendation for \"{}\" (SLOs: {}).\n\n", s.scenario.name, describeSlos(s.slos));
    if (s.slos.empty()) out << "No SLOs given: any alternative the platforms can run counts as meeting them.\n";
    const Assessed* winner = cheapestMeeting(all);
    if (winner == nullptr) {
        out << "No alternative meets the SLOs as configured at the scenario's traffic; `breakeven-cli optimize` "
               "searches for configurations that do.\n";
    } else {
        winnerText(all, *winner, out);
        crossoverText(s, all, static_cast<std::size_t>(winner - all.data()), points, out);
    }
    coldText(all, out);
    problemsText(all, out);
    out << "\nFor the cheapest configuration of each alternative (node counts, min instances, keep-alive, GPU), "
           "run `breakeven-cli optimize` with the same SLOs.\n";
    return 0;
}

}  // namespace breakeven::cli
