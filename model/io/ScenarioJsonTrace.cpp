#include "model/io/ScenarioJsonTrace.h"

#include <array>
#include <cmath>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

namespace breakeven::scenario_json {

namespace {

constexpr std::array<std::string_view, 11> kTraceKeys{
    "path",      "format",  "mapping",         "startSeconds",    "durationSeconds",      "rateScale",
    "timeScale", "onError", "extendToSeconds", "diurnalEnvelope", "growthPercentPerMonth"};
constexpr std::array<std::string_view, 3> kEnvelopeKeys{"peakToTroughRatio", "periodSeconds", "phaseSeconds"};
// Like rateScale's bound: beyond it one request would fan out into too many copies.
constexpr double kMaxRateMultiplier = 1000.0;
constexpr std::array<std::string_view, 14> kMappingKeys{
    "timeColumn",        "timeUnit",        "timeFormat",         "serviceColumn",
    "serviceUnit",       "inputTokensColumn", "outputTokensColumn", "keyColumn",
    "delimiter",         "filter",          "countColumn",        "intervalSeconds",
    "function",          "countExpansion"};
constexpr std::array<std::string_view, 4> kTimeUnits{"s", "ms", "us", "datetime"};
constexpr std::array<std::string_view, 2> kServiceUnits{"s", "ms"};
constexpr std::array<std::string_view, 7> kFormats{
    "auto", "azure-llm", "mooncake", "burstgpt", "azure-functions-2019", "azure-functions-2021", "csv"};
constexpr std::array<std::string_view, 2> kPolicies{"fail", "skip"};
constexpr std::array<std::string_view, 2> kExpansions{"uniform", "poisson"};

std::string resolve(const std::string& path, std::string_view source) {
    namespace fs = std::filesystem;
    const fs::path p(path);
    if (p.is_absolute() || source == "<stdin>") return path;
    return (fs::path(std::string(source)).parent_path() / p).lexically_normal().string();
}

// "COLUMN=VALUE" (a string) or an array of them.
void readFilters(const ObjectReader& m, trace::CsvMapping& mapping) {
    const json* value = m.find("filter");
    if (value == nullptr || value->is_null()) return;
    const json list = value->is_array() ? *value : json::array({*value});
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = value->is_array() ? elementPath(m.pathOf("filter"), i) : m.pathOf("filter");
        if (!list[i].is_string()) fail(m.source(), path, "must be a string \"COLUMN=VALUE\"");
        const std::string text = list[i].get<std::string>();
        const auto eq = text.find('=');
        if (eq == std::string::npos || eq == 0)
            fail(m.source(), path, fmt::format("must be \"COLUMN=VALUE\", found \"{}\"", text));
        mapping.filters.emplace_back(text.substr(0, eq), text.substr(eq + 1));
    }
}

void readMapping(const ObjectReader& r, trace::TraceOptions& options) {
    const json* value = r.find("mapping");
    if (value == nullptr || value->is_null()) return;
    const ObjectReader m(*value, r.pathOf("mapping"), r.source());
    m.checkKeys(kMappingKeys);
    trace::CsvMapping& c = options.mapping;
    c.timeColumn = m.nullableString("timeColumn").value_or("");
    if (const auto unit = m.choice("timeUnit", kTimeUnits, false)) c.timeUnit = std::string(kTimeUnits[*unit]);
    c.timeFormat = m.nullableString("timeFormat");
    c.serviceColumn = m.nullableString("serviceColumn");
    if (const auto unit = m.choice("serviceUnit", kServiceUnits, false))
        c.serviceUnit = std::string(kServiceUnits[*unit]);
    c.inputTokensColumn = m.nullableString("inputTokensColumn");
    c.outputTokensColumn = m.nullableString("outputTokensColumn");
    c.keyColumn = m.nullableString("keyColumn");
    if (const auto delimiter = m.nullableString("delimiter")) {
        const std::string d = *delimiter == "\\t" ? "\t" : *delimiter;
        if (d.size() != 1) m.fail("delimiter", "must be one character (\"\\t\" for tab)");
        c.delimiter = d[0];
    }
    readFilters(m, c);
    c.countColumn = m.nullableString("countColumn");
    c.intervalSeconds = m.number("intervalSeconds", kPositiveSeconds, c.intervalSeconds);
    options.function = m.nullableString("function");
    if (const auto e = m.choice("countExpansion", kExpansions, false))
        options.countExpansion = *e == 0 ? trace::CountExpansion::Uniform : trace::CountExpansion::Poisson;
}

std::optional<TraceEnvelope> readEnvelope(const ObjectReader& r) {
    const json* value = r.find("diurnalEnvelope");
    if (value == nullptr || value->is_null()) return std::nullopt;
    const ObjectReader e(*value, r.pathOf("diurnalEnvelope"), r.source());
    e.checkKeys(kEnvelopeKeys);
    TraceEnvelope envelope;
    envelope.peakToTroughRatio = e.number("peakToTroughRatio", Range{1.0, false, kInfinity});
    envelope.periodSeconds = e.number("periodSeconds", kPositiveSeconds, envelope.periodSeconds);
    envelope.phaseSeconds = e.number("phaseSeconds", kNonNegativeSeconds, envelope.phaseSeconds);
    return envelope;
}

// extendToSeconds and the rate shaping that only makes sense on a tiled trace.
void readExtension(const ObjectReader& r, TraceWorkload& t) {
    t.extendToSeconds = r.nullableNumber("extendToSeconds", kPositiveSeconds);
    t.diurnalEnvelope = readEnvelope(r);
    t.growthPercentPerMonth = r.nullableNumber("growthPercentPerMonth", Range{0.0, true, 1000.0});
    const char* needs = "needs extendToSeconds (it shapes a tiled trace)";
    if (!t.extendToSeconds && t.diurnalEnvelope) r.fail("diurnalEnvelope", needs);
    if (!t.extendToSeconds && t.growthPercentPerMonth) r.fail("growthPercentPerMonth", needs);
    if (!t.growthPercentPerMonth) return;
    // Copies per request peak at the window's end: rateScale x growth x the
    // envelope's crest 1 + a (a < 1).
    const double months = *t.extendToSeconds / kSecondsPerMonth;
    const double growth = std::pow(1.0 + *t.growthPercentPerMonth / 100.0, months);
    const double crest = t.diurnalEnvelope ? 2.0 * t.diurnalEnvelope->peakToTroughRatio /
                                                 (t.diurnalEnvelope->peakToTroughRatio + 1.0)
                                           : 1.0;
    const double peak = t.rateScale * growth * crest;
    if (!(peak <= kMaxRateMultiplier))
        r.fail("growthPercentPerMonth",
               fmt::format("multiplies the rate by {} at extendToSeconds (with rateScale and the envelope's "
                           "crest); at most {} is allowed: lower the growth, rateScale or extendToSeconds",
                           formatNumber(peak), formatNumber(kMaxRateMultiplier)));
}

}  // namespace

std::span<const std::string_view> traceWorkloadKeys() { return kTraceKeys; }

void readTraceWorkload(const ObjectReader& r, WorkloadSpec& w) {
    auto t = std::make_shared<TraceWorkload>();
    t->path = r.string("path");
    t->resolvedPath = resolve(t->path, r.source());
    if (const auto f = r.choice("format", kFormats, false))
        t->options.format = *trace::formatFromString(kFormats[*f]);
    readMapping(r, t->options);
    if (const auto p = r.choice("onError", kPolicies, false))
        t->options.onError = *p == 0 ? trace::ErrorPolicy::Fail : trace::ErrorPolicy::Skip;
    if (t->options.format == trace::TraceFormat::Csv && t->options.mapping.timeColumn.empty() &&
        !t->options.mapping.countColumn)
        r.fail("mapping", "format \"csv\" needs mapping.timeColumn (or mapping.countColumn)");
    t->startSeconds = r.number("startSeconds", kNonNegativeSeconds, 0.0);
    t->durationSeconds = r.nullableNumber("durationSeconds", kPositiveSeconds);
    t->rateScale = r.number("rateScale", Range{0.0, true, 1000.0}, 1.0);
    t->timeScale = r.number("timeScale", Range{0.0, true, 1000.0}, 1.0);
    readExtension(r, *t);
    w.durationSeconds = t->extendToSeconds.value_or(t->durationSeconds.value_or(0.0) * t->timeScale);
    w.trace = std::move(t);
}

json traceWorkloadToJson(const WorkloadSpec& w) {
    const TraceWorkload& t = *w.trace;
    const trace::CsvMapping& c = t.options.mapping;
    auto nullable = [](const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); };
    auto nullableNumber = [](const std::optional<double>& x) { return x ? json(*x) : json(nullptr); };
    json envelope = nullptr;
    if (const auto& e = t.diurnalEnvelope)
        envelope = {{"peakToTroughRatio", e->peakToTroughRatio},
                    {"periodSeconds", e->periodSeconds},
                    {"phaseSeconds", e->phaseSeconds}};
    json filters = json::array();
    for (const auto& [column, value] : c.filters) filters.push_back(column + "=" + value);
    json mapping = {{"timeColumn", c.timeColumn.empty() ? json(nullptr) : json(c.timeColumn)},
                    {"timeUnit", c.timeUnit},
                    {"timeFormat", nullable(c.timeFormat)},
                    {"serviceColumn", nullable(c.serviceColumn)},
                    {"serviceUnit", c.serviceUnit},
                    {"inputTokensColumn", nullable(c.inputTokensColumn)},
                    {"outputTokensColumn", nullable(c.outputTokensColumn)},
                    {"keyColumn", nullable(c.keyColumn)},
                    {"delimiter", c.delimiter ? json(std::string(1, *c.delimiter)) : json(nullptr)},
                    {"filter", filters},
                    {"countColumn", nullable(c.countColumn)},
                    {"intervalSeconds", c.intervalSeconds},
                    {"function", nullable(t.options.function)},
                    {"countExpansion", t.options.countExpansion == trace::CountExpansion::Uniform
                                           ? "uniform" : "poisson"}};
    return {{"kind", "trace"},
            {"path", t.path},
            {"format", trace::toString(t.options.format)},
            {"mapping", mapping},
            {"onError", t.options.onError == trace::ErrorPolicy::Fail ? "fail" : "skip"},
            {"startSeconds", t.startSeconds},
            {"durationSeconds", nullableNumber(t.durationSeconds)},
            {"rateScale", t.rateScale},
            {"timeScale", t.timeScale},
            {"extendToSeconds", nullableNumber(t.extendToSeconds)},
            {"diurnalEnvelope", envelope},
            {"growthPercentPerMonth", nullableNumber(t.growthPercentPerMonth)}};
}

}  // namespace breakeven::scenario_json
