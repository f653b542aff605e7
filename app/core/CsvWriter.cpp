#include "app/core/CsvWriter.h"

#include <stdexcept>

#include <fmt/format.h>

namespace breakeven::appcore {

namespace {
// Round-trippable doubles: shortest representation that reads back exactly.
std::string number(double v) { return fmt::format("{}", v); }
std::string number(const std::optional<double>& v) { return v ? number(*v) : std::string(); }
std::string count(std::uint64_t v) { return std::to_string(v); }

double fraction(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> quantile(const LatencyHistogram& h, double q) {
    return h.count() == 0 ? std::nullopt : std::optional(h.quantileSeconds(q));
}

std::optional<double> llmQuantile(const DeploymentResult& d, bool ttft, double q) {
    if (!d.llm) return std::nullopt;
    return quantile(ttft ? d.llm->ttft : d.llm->tpot, q);
}
}  // namespace

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csvRecord(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        out += csvField(fields[i]);
    }
    out += "\r\n";
    return out;
}

std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false, any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        any = true;
        if (quoted) {
            if (c != '"') field += c;
            else if (i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            record.push_back(std::move(field));
            field.clear();
            records.push_back(std::move(record));
            record.clear();
            any = false;
        } else {
            field += c;
        }
    }
    if (quoted) throw std::runtime_error("CSV: a quoted field is not closed");
    if (any) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
    }
    return records;
}

std::string simulationCsv(const ScenarioResult& result, const std::vector<pricing::DeploymentCost>& costs) {
    std::string out = csvRecord(
        {"alternative", "requests", "served", "rejected", "timed_out", "cold_requests", "cold_start_fraction",
         "reject_fraction", "p50_seconds", "p99_seconds", "ttft_p50_seconds", "ttft_p99_seconds", "tpot_p50_seconds",
         "tpot_p99_seconds", "usd_per_month", "usd_per_1m_requests", "usd_per_1m_tokens", "useful_usd_per_month",
         "idle_tax_usd_per_month", "cold_start_tax_usd_per_month", "other_usd_per_month", "feasibility"});
    for (std::size_t i = 0; i < result.deployments.size() && i < costs.size(); ++i) {
        const auto& d = result.deployments[i];
        const auto& c = costs[i];
        std::string findings;
        for (const auto& f : d.feasibility) findings += (findings.empty() ? "" : "; ") + f.severity + ": " + f.message;
        const std::string month = c.month.errors.empty() ? number(c.month.totalUsd) : std::string();
        out += csvRecord({d.name, count(d.requests), count(d.served), count(d.rejected), count(d.timedOut()),
                          count(d.coldRequests), number(fraction(d.coldRequests, d.requests)),
                          number(fraction(d.rejected + d.timedOut(), d.requests)), number(quantile(d.latency, 0.5)),
                          number(quantile(d.latency, 0.99)), number(llmQuantile(d, true, 0.5)),
                          number(llmQuantile(d, true, 0.99)), number(llmQuantile(d, false, 0.5)),
                          number(llmQuantile(d, false, 0.99)), month, number(c.per1MRequests),
                          number(c.per1MTokens), number(c.monthSplit.usefulUsd), number(c.monthSplit.idleTaxUsd),
                          number(c.monthSplit.coldStartTaxUsd), number(c.monthSplit.otherUsd), findings});
    }
    return out;
}

std::string sweepCsv(const analysis::SweepResult& result) {
    std::string out = csvRecord({result.parameter, "requests_per_second", "alternative", "usd_per_month",
                                 "p99_seconds", "cold_start_fraction", "reject_fraction"});
    for (const auto& p : result.points)
        for (const auto& a : p.alternatives)
            out += csvRecord({number(p.value), number(p.ratePerSecond), a.name, number(a.costUsdPerMonth),
                              number(a.p99Seconds), number(a.coldStartFraction), number(a.rejectFraction)});
    return out;
}

}  // namespace breakeven::appcore
