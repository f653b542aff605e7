// The generic CSV reader: columns chosen by name (CsvMapping), delimiter
// given or detected from the header, COLUMN=VALUE filters, and count-based
// rows (countColumn) expanded into arrivals inside each interval.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <vector>

#include "model/trace/TraceFields.h"
#include "model/trace/TraceFormats.h"
#include "model/trace/TraceSource.h"

namespace breakeven::trace::detail {
namespace {

enum Role : std::uint32_t { kTime, kService, kInput, kOutput, kKey, kCount, kRoles };
enum class TimeUnit { Seconds, Millis, Micros, Datetime };

struct CsvLayout {
    char delimiter = ',';
    std::vector<std::uint64_t> roles;  // per column: bit r = Role r, bit kRoles + k = filter k
    std::vector<std::string> names;
    std::vector<std::string> filterValues;
    std::array<bool, kRoles> mapped{};
    std::size_t columnsNeeded = 0;
    TimeUnit timeUnit = TimeUnit::Seconds;
    std::string timeFormat;  // expanded; empty = ISO 8601
    double serviceScale = 1.0;  // to seconds
};

char detectDelimiter(std::string_view header) {
    char best = ',';
    std::ptrdiff_t bestCount = 0;
    for (char c : {',', ';', '\t', '|'}) {
        const auto n = std::count(header.begin(), header.end(), c);
        if (n > bestCount) { best = c; bestCount = n; }
    }
    return best;
}

[[noreturn]] void mappingError(const std::string& file, std::string_view expected, std::string_view found) {
    throw TraceError(file, 0, 0, fmt::format("bad CSV mapping: expected {}, found {}", expected, found));
}

std::size_t findColumn(const CsvLayout& layout, const std::string& name, const std::string& file) {
    const auto it = std::find(layout.names.begin(), layout.names.end(), name);
    if (it == layout.names.end())
        throw TraceError(file, 1, 1, fmt::format("expected a column named '{}' in the header, found columns {}",
                                                 name, fmt::join(layout.names, ", ")));
    return static_cast<std::size_t>(it - layout.names.begin());
}

void assign(CsvLayout& layout, std::size_t column, std::uint32_t bit) {
    layout.roles[column] |= std::uint64_t{1} << bit;
    layout.columnsNeeded = std::max(layout.columnsNeeded, column + 1);
}

TimeUnit timeUnitOf(const CsvMapping& m, const std::string& file) {
    if (m.timeUnit == "s") return TimeUnit::Seconds;
    if (m.timeUnit == "ms") return TimeUnit::Millis;
    if (m.timeUnit == "us") return TimeUnit::Micros;
    if (m.timeUnit == "datetime") return TimeUnit::Datetime;
    mappingError(file, "--time-unit s|ms|us|datetime", describeFound(m.timeUnit));
}

CsvLayout buildLayout(const CsvMapping& m, std::string_view header, const std::string& file) {
    CsvLayout layout;
    if (m.timeColumn.empty()) mappingError(file, "--time-column NAME", "none");
    layout.delimiter = m.delimiter.value_or(detectDelimiter(header));
    FieldCursor cursor(header, layout.delimiter);
    for (std::string_view name; cursor.next(name);) layout.names.emplace_back(name);
    layout.roles.assign(layout.names.size(), 0);
    layout.timeUnit = timeUnitOf(m, file);
    if (m.timeFormat) layout.timeFormat = expandDatetimeFormat(*m.timeFormat);
    if (m.serviceUnit != "s" && m.serviceUnit != "ms")
        mappingError(file, "--service-unit s|ms", describeFound(m.serviceUnit));
    layout.serviceScale = m.serviceUnit == "ms" ? 1e-3 : 1.0;
    const std::array<const std::optional<std::string>*, kRoles> columns{
        nullptr, &m.serviceColumn, &m.inputTokensColumn, &m.outputTokensColumn, &m.keyColumn, &m.countColumn};
    assign(layout, findColumn(layout, m.timeColumn, file), kTime);
    layout.mapped[kTime] = true;
    for (std::uint32_t r = 1; r < kRoles; ++r) {
        if (!*columns[r]) continue;
        assign(layout, findColumn(layout, **columns[r], file), r);
        layout.mapped[r] = true;
    }
    if (m.filters.size() > 64 - kRoles) mappingError(file, "at most 58 filters", std::to_string(m.filters.size()));
    for (std::size_t k = 0; k < m.filters.size(); ++k) {
        assign(layout, findColumn(layout, m.filters[k].first, file), static_cast<std::uint32_t>(kRoles + k));
        layout.filterValues.push_back(m.filters[k].second);
    }
    if (m.countColumn && !(m.intervalSeconds > 0 && m.intervalSeconds < 1e9))
        mappingError(file, "--interval-seconds > 0", fmt::format("{}", m.intervalSeconds));
    return layout;
}

struct CsvParser {
    std::shared_ptr<const CsvLayout> layout;
    std::shared_ptr<const std::string> file;
    mutable std::uint64_t lastCount = 0;

    bool parse(std::string_view line, std::uint64_t lineNo, Request& out, Diagnostics&) const {
        const CsvLayout& L = *layout;
        const RowContext ctx{file.get(), lineNo};
        std::array<Field, kRoles> slot;
        FieldCursor cursor(line, L.delimiter);
        std::size_t column = 0;
        for (std::string_view text; column < L.columnsNeeded && cursor.next(text); ++column) {
            std::uint64_t roles = L.roles[column];
            if (roles == 0) continue;
            for (std::uint32_t r = 0; r < kRoles; ++r)
                if (roles & (std::uint64_t{1} << r)) slot[r] = Field{text, cursor.column()};
            for (roles >>= kRoles; roles != 0; roles &= roles - 1)
                if (text != L.filterValues[static_cast<std::size_t>(__builtin_ctzll(roles))]) return false;
        }
        if (column < L.columnsNeeded)
            throwRowError(*file, lineNo, cursor.endColumn(), fmt::format("at least {} fields", L.columnsNeeded),
                          fmt::format("{} (truncated line or wrong delimiter?)", column));
        out.arrivalMicros = time(slot[kTime], ctx);
        if (L.mapped[kService])
            out.serviceMicros = secondsToSimTime(numberField(slot[kService], "service", ctx, true) * L.serviceScale);
        if (L.mapped[kInput]) out.inputTokens = tokensField(slot[kInput], "input tokens", ctx);
        if (L.mapped[kOutput]) out.outputTokens = tokensField(slot[kOutput], "output tokens", ctx);
        if (L.mapped[kKey]) out.key = hashText(slot[kKey].text);
        if (L.mapped[kCount] && !parseUint64(slot[kCount].text, lastCount))
            throwRowError(*file, lineNo, slot[kCount].column, "a count (non-negative integer)",
                          describeFound(slot[kCount].text));
        return true;
    }

    SimTime time(const Field& f, const RowContext& ctx) const {
        const CsvLayout& L = *layout;
        if (L.timeUnit == TimeUnit::Datetime) {
            std::int64_t micros = 0;
            const bool ok = L.timeFormat.empty() ? parseIsoDatetime(f.text, micros)
                                                 : parseFormattedDatetime(f.text, L.timeFormat, micros);
            if (!ok)
                throwRowError(*file, ctx.line, f.column,
                              L.timeFormat.empty() ? std::string("an ISO 8601 datetime")
                                                   : "a datetime in the format '" + L.timeFormat + "'",
                              describeFound(f.text));
            return micros;
        }
        const double scale = L.timeUnit == TimeUnit::Seconds ? 1.0 : L.timeUnit == TimeUnit::Millis ? 1e-3 : 1e-6;
        return secondsToSimTime(numberField(f, "time", ctx, false) * scale);
    }
};

// Count rows: each row's request (tokens, key, service) is repeated `count`
// times inside [time, time + interval).
class ExpandingSource final : public RowSource {
public:
    ExpandingSource(std::unique_ptr<LineSource<CsvParser>> rows, SimTime interval, const TraceOptions& o)
        : rows_(std::move(rows)), interval_(interval), expander_(o.countExpansion, o.seed) {}
    bool next(Request& out) override {
        std::int64_t t = 0;
        while (!expander_.next(t)) {
            if (!rows_->next(row_)) return false;
            expander_.reset(row_.arrivalMicros, interval_, rows_->parser().lastCount);
        }
        out = row_;
        out.arrivalMicros = t;
        return true;
    }
    [[nodiscard]] double progress() const override { return rows_->progress(); }

private:
    std::unique_ptr<LineSource<CsvParser>> rows_;
    SimTime interval_;
    IntervalExpander expander_;
    Request row_;
};

}  // namespace

std::unique_ptr<TraceReader> openCsv(const FilePtr& file, const TraceOptions& options, std::string_view header) {
    auto layout = std::make_shared<const CsvLayout>(buildLayout(options.mapping, header, file->path()));
    CsvParser parser{layout, std::make_shared<std::string>(file->path()), 0};
    const bool counts = layout->mapped[kCount];
    const SimTime interval = secondsToSimTime(options.mapping.intervalSeconds);
    SourceFactory factory = [file, parser, counts, interval, options](Diagnostics& diag) -> std::unique_ptr<RowSource> {
        auto rows = std::make_unique<LineSource<CsvParser>>(file, 1, parser, diag);
        if (!counts) return rows;
        return std::make_unique<ExpandingSource>(std::move(rows), interval, options);
    };
    TraceReport report;
    report.format = TraceFormat::Csv;
    report.hasService = layout->mapped[kService];
    report.hasInputTokens = layout->mapped[kInput];
    report.hasOutputTokens = layout->mapped[kOutput];
    report.hasKeys = layout->mapped[kKey];
    OrderedOptions ordered;
    ordered.policy = options.onError;
    ordered.absoluteTime = layout->timeUnit == TimeUnit::Datetime;
    ordered.epochHeuristic = true;
    return makeOrderedReader(factory, std::move(report), ordered);
}

}  // namespace breakeven::trace::detail
