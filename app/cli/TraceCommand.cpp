#include "app/cli/TraceCommand.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <ostream>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/trace/TraceStats.h"

namespace breakeven::cli {

namespace {
constexpr const char* kTraceUsage = R"(usage: breakeven-cli trace inspect FILE [OPTIONS]

Summarises a request trace: requests, span, mean rate, peak arrivals in any
1 s / 60 s window, inter-arrival CV (burstiness) and token / service-time
mean, p50, p99 and max (nearest rank).

Options:
  --json                 machine-readable output
  --series FILE.csv      write arrivals per minute since the first arrival
  --format F             auto (default: detected from the header), azure-llm,
                         mooncake, burstgpt, azure-functions-2019,
                         azure-functions-2021 or csv
  --on-error fail|skip   stop at the first bad row (default) or skip and count
CSV mapping (--format csv; a --time-column or --count-column implies it):
  --time-column NAME --time-unit s|ms|us|datetime [--time-format STRFTIME]
  --service-column NAME [--service-unit s|ms]
  --input-tokens-column NAME  --output-tokens-column NAME  --key-column NAME
  --delimiter C          ',', ';', '|' or 'tab' (default: from the header)
  --filter COLUMN=VALUE  keep only rows whose COLUMN equals VALUE (repeatable: all must match)
  --count-column NAME [--interval-seconds N]   rows are per-interval counts
Count expansion (csv counts, azure-functions-2019):
  --count-expansion uniform|poisson  --seed N  --function HASH

Exit codes: 0 success, 1 failure, 2 bad input (FILE:LINE:COLUMN: ...).
)";

// Validates a value from a fixed set, naming the flag and the choices.
std::string oneOf(const Args& args, const std::string& name, std::initializer_list<std::string_view> choices,
                  std::string fallback) {
    const auto value = args.value(name);
    if (!value) return fallback;
    for (const std::string_view c : choices)
        if (*value == c) return *value;
    std::string list;
    for (const std::string_view c : choices) {
        if (!list.empty()) list.push_back('|');
        list.append(c);  // append, not operator+: GCC 12 -Wrestrict false positive
    }
    throw UsageError(fmt::format("--{}: expected {}, got '{}'", name, list, *value));
}

char delimiterFrom(const std::string& text) {
    if (text == "tab" || text == "\\t" || text == "\t") return '\t';
    if (text.size() != 1 || text == "\"" || text == "\n" || text == "\r")
        throw UsageError("--delimiter: expected one character (or 'tab'), got '" + text + "'");
    return text[0];
}

double positiveSeconds(const std::string& name, const std::string& text) {
    double v = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || !std::isfinite(v) || v <= 0.0)
        throw UsageError(fmt::format("--{}: expected a number of seconds > 0, got '{}'", name, text));
    return v;
}

trace::CsvMapping mappingFromArgs(const Args& args) {
    trace::CsvMapping m;
    m.timeColumn = args.value("time-column").value_or("");
    m.timeUnit = oneOf(args, "time-unit", {"s", "ms", "us", "datetime"}, m.timeUnit);
    m.timeFormat = args.value("time-format");
    m.serviceColumn = args.value("service-column");
    m.serviceUnit = oneOf(args, "service-unit", {"s", "ms"}, m.serviceUnit);
    m.inputTokensColumn = args.value("input-tokens-column");
    m.outputTokensColumn = args.value("output-tokens-column");
    m.keyColumn = args.value("key-column");
    if (const auto d = args.value("delimiter")) m.delimiter = delimiterFrom(*d);
    // Repeatable: a row must match every filter.
    for (const std::string& f : args.values("filter")) {
        const auto eq = f.find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError("--filter: expected COLUMN=VALUE, got '" + f + "'");
        m.filters.emplace_back(f.substr(0, eq), f.substr(eq + 1));
    }
    m.countColumn = args.value("count-column");
    if (const auto s = args.value("interval-seconds")) m.intervalSeconds = positiveSeconds("interval-seconds", *s);
    return m;
}
}  // namespace

const std::set<std::string>& traceValueOptions() {
    static const std::set<std::string> names{
        "format", "time-column", "time-unit", "time-format", "service-column", "service-unit",
        "input-tokens-column", "output-tokens-column", "key-column", "delimiter", "filter",
        "count-column", "interval-seconds", "function", "count-expansion", "seed", "on-error"};
    return names;
}

trace::TraceOptions traceOptionsFromArgs(const Args& args, trace::ErrorPolicy defaultPolicy) {
    trace::TraceOptions options;
    options.mapping = mappingFromArgs(args);
    if (const auto name = args.value("format")) {
        const auto format = trace::formatFromString(*name);
        if (!format)
            throw UsageError("--format: expected auto, azure-llm, mooncake, burstgpt, azure-functions-2019, "
                             "azure-functions-2021 or csv, got '" + *name + "'");
        options.format = *format;
    } else if (args.value("time-column") || args.value("count-column")) {
        options.format = trace::TraceFormat::Csv;  // a column mapping only means something for csv
    }
    const std::string policy = oneOf(args, "on-error", {"fail", "skip"},
                                     defaultPolicy == trace::ErrorPolicy::Skip ? "skip" : "fail");
    options.onError = policy == "skip" ? trace::ErrorPolicy::Skip : trace::ErrorPolicy::Fail;
    options.countExpansion = oneOf(args, "count-expansion", {"uniform", "poisson"}, "uniform") == "poisson"
                                 ? trace::CountExpansion::Poisson
                                 : trace::CountExpansion::Uniform;
    options.seed = args.unsignedValue("seed").value_or(0);
    options.function = args.value("function");
    return options;
}

namespace {
nlohmann::json valueJson(const std::optional<trace::ValueStats>& v) {
    if (!v) return nullptr;
    nlohmann::json j;
    j["mean"] = v->mean;
    if (v->integral) {  // token counts print as integers
        j["p50"] = static_cast<std::uint64_t>(v->p50);
        j["p99"] = static_cast<std::uint64_t>(v->p99);
        j["max"] = static_cast<std::uint64_t>(v->max);
    } else {
        j["p50"] = v->p50;
        j["p99"] = v->p99;
        j["max"] = v->max;
    }
    if (v->approximate) j["approximate"] = true;  // histogram percentiles, within 0.4 %
    return j;
}

template <class T>
nlohmann::json orNull(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json statsJson(const std::string& file, const trace::TraceReport& report,
                         const trace::TraceStatistics& s) {
    nlohmann::json j;
    j["format"] = trace::toString(report.format);
    j["requests"] = s.requests;
    j["skippedRows"] = report.skippedRows;
    j["startTime"] = orNull(report.startTime);
    j["durationSeconds"] = s.durationSeconds;
    j["meanRatePerSecond"] = orNull(s.meanRatePerSecond);
    j["peakPerSecond"] = s.peakPerSecond;
    j["peakPerMinute"] = s.peakPerMinute;
    j["interarrivalCv"] = orNull(s.interarrivalCv);
    j["inputTokens"] = valueJson(s.inputTokens);
    j["outputTokens"] = valueJson(s.outputTokens);
    j["serviceSeconds"] = valueJson(s.serviceSeconds);
    j["warnings"] = report.warnings;
    // Extras beyond the issue's list.
    j["file"] = file;
    j["skippedSamples"] = report.skippedSamples;
    j["alignedPeakPerSecond"] = s.alignedPeakPerSecond;
    j["alignedPeakPerMinute"] = s.alignedPeakPerMinute;
    j["alignedTo"] = report.startTime ? "startTime" : "firstArrival";
    j["minutes"] = s.minutes;
    return j;
}

// 19366 -> "19,366", locale-independent like the README's table.
std::string grouped(std::uint64_t n) {
    const std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

std::string valueRow(const char* label, const std::optional<trace::ValueStats>& v) {
    if (!v) return fmt::format("  {:<18}–\n", label);
    const int digits = v->integral ? 0 : 3;
    return fmt::format("  {:<18}{:>12.{}f}{:>12.{}f}{:>12.{}f}{:>12.{}f}{}\n", label, v->mean,
                       v->integral ? 1 : 3, v->p50, digits,
                       v->p99, digits, v->max, digits, v->approximate ? "  (p50/p99 ±0.4 %)" : "");
}

void printSummary(std::ostream& out, const std::string& file, const trace::TraceReport& report,
                  const trace::TraceStatistics& s) {
    const auto optional = [](const std::optional<double>& v, int digits) {
        return v ? fmt::format("{:.{}f}", *v, digits) : std::string("–");
    };
    out << fmt::format("{} ({})\n", file, trace::toString(report.format));
    out << fmt::format("  {:<18}{} ({} rows skipped)\n", "requests", grouped(s.requests), report.skippedRows);
    out << fmt::format("  {:<18}{}\n", "start", report.startTime.value_or("– (relative times)"));
    out << fmt::format("  {:<18}{:.3f} s ({:.1f} min)\n", "duration", s.durationSeconds, s.durationSeconds / 60);
    out << fmt::format("  {:<18}{} req/s\n", "mean rate", optional(s.meanRatePerSecond, 4));
    out << fmt::format("  {:<18}{} / {}  (calendar second / minute: {} / {})\n", "peak 1 s / 60 s",
                       s.peakPerSecond, s.peakPerMinute, s.alignedPeakPerSecond, s.alignedPeakPerMinute);
    out << fmt::format("  {:<18}{}\n", "inter-arrival CV", optional(s.interarrivalCv, 3));
    out << fmt::format("  {:<18}{:>12}{:>12}{:>12}{:>12}\n", "", "mean", "p50", "p99", "max");
    out << valueRow("input tokens", s.inputTokens) << valueRow("output tokens", s.outputTokens)
        << valueRow("service s", s.serviceSeconds);
    for (const std::string& w : report.warnings) out << "warning: " << w << '\n';
    for (const std::string& sample : report.skippedSamples) out << "skipped: " << sample << '\n';
}

int inspect(const Args& args, std::ostream& out, std::ostream& err) {
    if (args.positional().size() != 2)
        throw UsageError("trace inspect takes exactly one trace file");
    const std::string& file = args.positional()[1];
    const trace::TraceOptions options = traceOptionsFromArgs(args);
    std::ofstream series;
    trace::MinuteSink sink;
    if (const auto path = args.value("series")) {
        series.open(*path, std::ios::binary);
        if (!series) {
            err << fmt::format("breakeven-cli trace: cannot write {}: {}\n", *path, std::strerror(errno));
            return 1;
        }
        series << "minute,arrivals\n";
        sink = [&series](std::uint64_t minute, std::uint64_t n) { series << minute << ',' << n << '\n'; };
    }
    try {
        const auto reader = trace::openTrace(file, options);
        const trace::TraceStatistics stats = trace::collectTraceStats(*reader, sink);
        if (args.flag("json")) {
            out << statsJson(file, reader->report(), stats).dump(2) << '\n';
        } else {
            printSummary(out, file, reader->report(), stats);
        }
    } catch (const trace::TraceError& e) {
        err << e.what() << '\n';  // already FILE:LINE:COLUMN: expected ..., found ...
        return 2;
    }
    if (series && !series.flush()) {
        err << "breakeven-cli trace: writing " << *args.value("series") << " failed\n";
        return 1;
    }
    return 0;
}
}  // namespace

int runTrace(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
        out << kTraceUsage;
        return argv.empty() ? 2 : 0;
    }
    std::set<std::string> values = traceValueOptions();
    values.insert("series");
    const Args args(argv, {"json", "help"}, values);
    if (args.flag("help")) {
        out << kTraceUsage;
        return 0;
    }
    if (args.positional().empty() || args.positional()[0] != "inspect")
        throw UsageError("expected 'trace inspect FILE' (breakeven-cli trace --help)");
    return inspect(args, out, err);
}

}  // namespace breakeven::cli
