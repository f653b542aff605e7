#include "app/cli/SummaryTable.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace breakeven::cli {

namespace {
std::string seconds(double s) {
    if (s == 0.0) return "0";
    if (s < 1e-3) return fmt::format("{:.0f} µs", s * 1e6);
    if (s < 1.0) return fmt::format("{:.1f} ms", s * 1e3);
    return fmt::format("{:.2f} s", s);
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
    if (whole == 0) return "-";
    return fmt::format("{:.2f} %", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

using Row = std::vector<std::string>;

std::string renderTable(const std::vector<Row>& rows) {
    std::vector<std::size_t> width(rows.front().size(), 0);
    auto displayWidth = [](const std::string& s) {  // count UTF-8 code points
        return static_cast<std::size_t>(std::count_if(
            s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    };
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], displayWidth(row[c]));
    std::string out;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const std::string pad(width[c] - displayWidth(rows[r][c]), ' ');
            out += c == 0 ? rows[r][c] + pad : "  " + pad + rows[r][c];  // numbers right-aligned
        }
        out += '\n';
        if (r == 0) {
            std::size_t total = 0;
            for (auto w : width) total += w + 2;
            out += std::string(total - 2, '-') + '\n';
        }
    }
    return out;
}

std::string money(double usd) {
    if (usd >= 1000.0) return fmt::format("${:.0f}", usd);
    return fmt::format("${:.2f}", usd);
}
}  // namespace

std::string formatTable(const std::vector<std::vector<std::string>>& rows) {
    return rows.empty() ? std::string() : renderTable(rows);
}

std::string formatUsd(double usd) { return money(usd); }

namespace {
void addCostCells(Row& row, const pricing::DeploymentCost* c) {
    const bool failed = c == nullptr || !c->month.errors.empty();
    row.push_back(c == nullptr ? "" : failed ? "n/a" : money(c->month.totalUsd));
    row.push_back(failed || !c->per1MRequests ? (c == nullptr ? "" : "-") : money(*c->per1MRequests));
}

Row resultRow(const DeploymentResult& d, const std::string& label) {
    return {label, fmt::format("{}", d.served), fmt::format("{}", d.coldStarts),
            percent(d.coldRequests, d.requests), percent(d.rejected, d.requests),
            percent(d.timedOut(), d.requests), seconds(d.latency.quantileSeconds(0.5)),
            seconds(d.latency.quantileSeconds(0.99)), seconds(d.latency.quantileSeconds(0.999)),
            d.coldLatency.count() == 0 ? "-" : seconds(d.coldLatency.quantileSeconds(0.99)),
            fmt::format("{:.2f}", d.meanAlive), fmt::format("{:.2f}", d.meanBusy),
            fmt::format("{}", d.maxAlive)};
}

std::string costNotes(const ScenarioResult& result, const std::vector<pricing::DeploymentCost>& costs) {
    std::string out;
    for (std::size_t i = 0; i < costs.size() && i < result.deployments.size(); ++i)
        for (const auto& e : costs[i].month.errors)
            out += fmt::format("\n  ! {}: not priced: {}", result.deployments[i].name, e);
    if (!out.empty()) out += '\n';
    return out;
}
}  // namespace

namespace {
// LLM deployments get a second table with vLLM's metrics.
std::string llmTable(const ScenarioResult& result, const std::vector<pricing::DeploymentCost>& costs) {
    std::vector<Row> rows{{"LLM deployment", "TTFT p50", "TTFT p99", "TPOT p50", "TPOT p99", "ITL p99",
                           "goodput", "out tok/s", "preempt.", "KV util.", "$/1M tokens"}};
    for (std::size_t i = 0; i < result.deployments.size(); ++i) {
        const DeploymentResult& d = result.deployments[i];
        if (!d.llm) continue;
        const LlmMetrics& m = *d.llm;
        const bool priced = i < costs.size() && costs[i].month.errors.empty() && costs[i].per1MTokens;
        rows.push_back({d.name, seconds(m.ttft.quantileSeconds(0.5)), seconds(m.ttft.quantileSeconds(0.99)),
                        seconds(m.tpot.quantileSeconds(0.5)), seconds(m.tpot.quantileSeconds(0.99)),
                        seconds(m.itl.quantileSeconds(0.99)), fmt::format("{:.1f} %", 100.0 * m.goodputFraction),
                        fmt::format("{:.0f}", m.outputTokensPerSecond), fmt::format("{}", m.preemptions),
                        fmt::format("{:.1f} %", 100.0 * m.kvUtilization),
                        priced ? money(*costs[i].per1MTokens) : "-"});
    }
    if (rows.size() == 1) return {};
    // Appended piece by piece: "\n" + std::string trips GCC 12's -Wrestrict.
    std::string out = "\n";
    out += renderTable(rows);
    out += "goodput: requests within TTFT and TPOT SLOs over all requests (rejected and timed-out ones fail).\n";
    return out;
}

std::string share(double part, double total) {
    return total > 0.0 ? fmt::format("{:.0f} %", 100.0 * part / total) : "-";
}

// Where each priced alternative's month goes (pricing/BillSplit.h).
std::string splitTable(const ScenarioResult& result, const std::vector<pricing::DeploymentCost>& costs) {
    std::vector<Row> rows{{"$/month split", "useful", "idle tax", "cold-start tax", "other", "idle %", "cold %"}};
    for (std::size_t i = 0; i < costs.size() && i < result.deployments.size(); ++i) {
        if (!costs[i].month.errors.empty()) continue;
        const pricing::BillSplit& s = costs[i].monthSplit;
        const double total = costs[i].month.totalUsd;
        rows.push_back({result.deployments[i].name, money(s.usefulUsd), money(s.idleTaxUsd),
                        money(s.coldStartTaxUsd), money(s.otherUsd), share(s.idleTaxUsd, total),
                        share(s.coldStartTaxUsd, total)});
    }
    if (rows.size() == 1) return {};
    std::string out = "\n";
    out += renderTable(rows);
    out += "useful: billed time with a request in flight and request fees; idle tax: billed time alive with "
           "nothing in flight;\ncold-start tax: billed start-up (INIT, instance start, model load); other: "
           "cost lines of your own (docs/pricing.md).\n";
    return out;
}
}  // namespace

std::string formatSummaryTable(const ScenarioResult& result,
                               const std::vector<pricing::DeploymentCost>& costs) {
    std::string out = fmt::format(
        "Scenario \"{}\"  seed {}  window {:.0f} s  simulated {:.0f} s  arrivals {}\n\n",
        result.scenarioName, result.seed, result.windowSeconds, result.simulatedSeconds,
        result.arrivals);
    std::vector<Row> rows{{"deployment", "served", "cold starts", "cold req.", "rejected",
                           "timed out", "p50", "p99", "p99.9", "cold p99", "alive", "busy",
                           "max alive"}};
    if (!costs.empty()) rows[0].insert(rows[0].end(), {"$/month", "$/1M req"});
    for (std::size_t i = 0; i < result.deployments.size(); ++i) {
        const DeploymentResult& d = result.deployments[i];
        const std::string label = d.composite == Composite::None ? d.name
                                                                 : fmt::format("{} ({})", d.name, toString(d.composite));
        rows.push_back(resultRow(d, label));
        if (!costs.empty()) addCostCells(rows.back(), i < costs.size() ? &costs[i] : nullptr);
        for (std::size_t m = 0; m < d.members.size(); ++m) {  // members under their alternative
            rows.push_back(resultRow(d.members[m], (m + 1 == d.members.size() ? "  └ " : "  ├ ") + d.members[m].name));
            if (!costs.empty()) addCostCells(rows.back(), nullptr);
        }
    }
    out += renderTable(rows);
    out += llmTable(result, costs);
    out += splitTable(result, costs);
    out += costNotes(result, costs);
    for (const auto& d : result.deployments)
        for (const auto& f : d.feasibility)
            out += fmt::format("\n  ! {}: {} [{}]", d.name, f.message, f.code);
    if (std::any_of(result.deployments.begin(), result.deployments.end(),
                    [](const auto& d) { return !d.feasibility.empty(); }))
        out += '\n';
    out += fmt::format("\nalive/busy: mean instances over the simulated time; cold req.: "
                       "requests delayed by an instance start.\n"
                       "Simulated {} requests in {:.3f} s ({:.1f} M requests/s, {} thread{}).\n",
                       result.arrivals * result.deployments.size(), result.run.wallSeconds,
                       result.run.requestsPerWallSecond / 1e6, result.run.threads,
                       result.run.threads == 1 ? "" : "s");
    return out;
}

}  // namespace breakeven::cli
