#include "views/ResultRows.h"

#include <algorithm>

#include <fmt/format.h>

namespace breakeven::views {

namespace {
double fraction(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> quantile(const LatencyHistogram& h, double q) {
    if (h.count() == 0) return std::nullopt;
    return h.quantileSeconds(q);
}

void checkAtMost(std::vector<std::string>& out, const char* what, const std::optional<double>& bound,
                 const std::optional<double>& value, bool seconds) {
    if (!bound || !value || *value <= *bound) return;
    out.push_back(seconds ? fmt::format("{} {} > {}", what, formatSeconds(value), formatSeconds(bound))
                          : fmt::format("{} {} > {}", what, formatPercent(*value), formatPercent(*bound)));
}

std::string kindOf(const DeploymentSpec& spec, const DeploymentResult& d) {
    if (d.composite != Composite::None) return std::string(toString(d.composite));
    return spec.platform;
}
}  // namespace

std::vector<std::string> sloMisses(const SloSpec& slos, const DeploymentResult& d) {
    std::vector<std::string> out;
    checkAtMost(out, "p99", slos.p99Seconds, quantile(d.latency, 0.99), true);
    if (d.llm) {
        checkAtMost(out, "TTFT p99", slos.ttftP99Seconds, quantile(d.llm->ttft, 0.99), true);
        checkAtMost(out, "TPOT p99", slos.tpotP99Seconds, quantile(d.llm->tpot, 0.99), true);
        if (slos.minGoodput && d.llm->goodputFraction < *slos.minGoodput)
            out.push_back(fmt::format("goodput {} < {}", formatPercent(d.llm->goodputFraction),
                                      formatPercent(*slos.minGoodput)));
    }
    checkAtMost(out, "cold requests", slos.maxColdStartFraction, fraction(d.coldRequests, d.requests), false);
    checkAtMost(out, "rejected", slos.maxRejectFraction, fraction(d.rejected + d.timedOut(), d.requests), false);
    if (slos.p99Seconds && d.latency.count() == 0 && d.requests > 0) out.push_back("nothing served");
    return out;
}

std::vector<ResultRow> resultRows(const Scenario& scenario, const ScenarioResult& result,
                                  const std::vector<pricing::DeploymentCost>& costs) {
    std::vector<ResultRow> rows;
    for (std::size_t i = 0; i < result.deployments.size(); ++i) {
        const DeploymentResult& d = result.deployments[i];
        ResultRow row;
        row.name = d.name;
        if (i < scenario.deployments.size()) row.kind = kindOf(scenario.deployments[i], d);
        if (i < costs.size()) {
            const pricing::DeploymentCost& c = costs[i];
            if (c.month.errors.empty()) {
                row.usdPerMonth = c.month.totalUsd;
                row.usdPer1MRequests = c.per1MRequests;
                row.usdPer1MTokens = c.per1MTokens;
            }
            for (const auto& e : c.month.errors) row.warnings.push_back("not priced: " + e);
        }
        row.p50Seconds = quantile(d.latency, 0.5);
        row.p99Seconds = quantile(d.latency, 0.99);
        row.coldStartFraction = fraction(d.coldRequests, d.requests);
        row.rejected = d.rejected + d.timedOut();
        row.rejectFraction = fraction(row.rejected, d.requests);
        for (const auto& f : d.feasibility) row.warnings.push_back(f.message);
        row.sloMisses = sloMisses(scenario.slos, d);
        rows.push_back(std::move(row));
    }
    ResultRow* best = nullptr;
    for (auto& row : rows)
        if (row.usdPerMonth && row.sloMisses.empty() && (best == nullptr || *row.usdPerMonth < *best->usdPerMonth))
            best = &row;
    if (best != nullptr) best->cheapestMeetingSlo = true;
    return rows;
}

std::string formatUsd(const std::optional<double>& usd) {
    if (!usd) return "—";
    return *usd >= 1000.0 ? fmt::format("${:.0f}", *usd) : fmt::format("${:.2f}", *usd);
}

std::string formatSeconds(const std::optional<double>& s) {
    if (!s) return "—";
    if (*s == 0.0) return "0 s";
    if (*s < 1e-3) return fmt::format("{:.0f} µs", *s * 1e6);
    if (*s < 1.0) return fmt::format("{:.1f} ms", *s * 1e3);
    return fmt::format("{:.2f} s", *s);
}

std::string formatPercent(double f) { return fmt::format("{:.2f} %", 100.0 * f); }

namespace {
std::size_t displayWidth(const std::string& s) {  // UTF-8 code points
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}
}  // namespace

std::string formatResultRows(const std::vector<ResultRow>& rows) {
    std::vector<std::vector<std::string>> cells{
        {"alternative", "$/month", "$/1M req", "$/1M tokens", "p50", "p99", "cold req.", "rejected", "SLO"}};
    for (const auto& r : rows)
        cells.push_back({(r.cheapestMeetingSlo ? "* " : "  ") + r.name, formatUsd(r.usdPerMonth),
                         formatUsd(r.usdPer1MRequests), formatUsd(r.usdPer1MTokens), formatSeconds(r.p50Seconds),
                         formatSeconds(r.p99Seconds), formatPercent(r.coldStartFraction),
                         formatPercent(r.rejectFraction), r.sloMisses.empty() ? "met" : "missed"});
    std::vector<std::size_t> width(cells[0].size(), 0);
    for (const auto& row : cells)
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], displayWidth(row[c]));
    std::string out;
    for (const auto& row : cells) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            const std::string pad(width[c] - displayWidth(row[c]), ' ');
            out += c == 0 ? row[c] + pad : "  " + pad + row[c];  // numbers right-aligned
        }
        out += '\n';
    }
    for (const auto& r : rows) {
        for (const auto& m : r.sloMisses) out += fmt::format("  ! {}: misses the SLO: {}\n", r.name, m);
        for (const auto& w : r.warnings) out += fmt::format("  ! {}: {}\n", r.name, w);
    }
    return out;
}

}  // namespace breakeven::views
