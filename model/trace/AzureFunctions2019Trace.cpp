// Azure Functions 2019 invocation counts: one row per function, columns
// 1..1440 = invocations in each minute of the day. The rows are summed at open
// (one function, or all of them) into 1440 counters, so memory stays constant;
// arrivals are then generated minute by minute, already in time order.
#include <fmt/format.h>

#include <array>

#include "model/trace/TraceFields.h"
#include "model/trace/TraceFormats.h"
#include "model/trace/TraceSource.h"

namespace breakeven::trace::detail {
namespace {

constexpr std::size_t kMinutes = 1440, kIdColumns = 4;
using MinuteCounts = std::array<std::uint64_t, kMinutes>;

// Adds one row's counts; returns false when the row is another function.
bool addRow(std::string_view line, const RowContext& ctx, const TraceOptions& options, MinuteCounts& total) {
    FieldCursor cursor(line, ',');
    std::string_view text;
    MinuteCounts row{};
    std::size_t column = 0;
    for (; cursor.next(text); ++column) {
        if (column == 2 && options.function && text != *options.function) return false;
        if (column < kIdColumns) continue;
        if (column >= kIdColumns + kMinutes)
            throwRowError(*ctx.file, ctx.line, cursor.column(), "1444 fields", "more");
        if (!parseUint64(text, row[column - kIdColumns]))
            throwRowError(*ctx.file, ctx.line, cursor.column(),
                          fmt::format("an invocation count in minute {}", column - kIdColumns + 1),
                          describeFound(text));
    }
    if (column < kIdColumns + kMinutes)
        throwRowError(*ctx.file, ctx.line, cursor.endColumn(), "1444 fields",
                      fmt::format("{} (truncated line?)", column));
    for (std::size_t m = 0; m < kMinutes; ++m) total[m] += row[m];
    return true;
}

class MinuteSource final : public RowSource {
public:
    MinuteSource(std::shared_ptr<const MinuteCounts> counts, const TraceOptions& o)
        : counts_(std::move(counts)), expander_(o.countExpansion, o.seed) {}
    bool next(Request& out) override {
        std::int64_t t = 0;
        while (!expander_.next(t)) {
            if (minute_ >= kMinutes) return false;
            expander_.reset(static_cast<std::int64_t>(minute_) * kMicrosPerMinute, kMicrosPerMinute,
                            (*counts_)[minute_]);
            ++minute_;
        }
        out = Request{};
        out.arrivalMicros = t;
        return true;
    }
    [[nodiscard]] double progress() const override {
        return static_cast<double>(minute_) / static_cast<double>(kMinutes);
    }

private:
    std::shared_ptr<const MinuteCounts> counts_;
    IntervalExpander expander_;
    std::size_t minute_ = 0;
};

}  // namespace

const std::string& azureFunctions2019Header() {
    static const std::string header = [] {
        std::string h = "HashOwner,HashApp,HashFunction,Trigger";
        for (std::size_t m = 1; m <= kMinutes; ++m) h += fmt::format(",{}", m);
        return h;
    }();
    return header;
}

std::unique_ptr<TraceReader> openAzureFunctions2019(const FilePtr& file, const TraceOptions& options) {
    TraceReport report;
    report.format = TraceFormat::AzureFunctions2019;
    Diagnostics diag{options.onError, &report, 0};
    auto counts = std::make_shared<MinuteCounts>();
    LineCursor cursor(file->data());
    std::string_view line;
    cursor.next(line);  // header, checked by openTrace
    std::uint64_t matched = 0;
    while (cursor.next(line)) {
        if (LineCursor::blank(line)) continue;
        try {
            matched += addRow(line, RowContext{&file->path(), cursor.lineNumber()}, options, *counts) ? 1 : 0;
        } catch (const TraceError& e) {
            diag.skip(e);
        }
    }
    if (options.function && matched == 0)
        throw TraceError(file->path(), 0, 0,
                         fmt::format("expected a row with HashFunction '{}', found none", *options.function));
    if (report.skippedRows > 0)
        report.warnings.push_back(fmt::format("{} malformed rows were skipped", report.skippedRows));
    SourceFactory factory = [counts, options](Diagnostics&) -> std::unique_ptr<RowSource> {
        return std::make_unique<MinuteSource>(counts, options);
    };
    OrderedOptions ordered;
    ordered.sortedByConstruction = true;
    return makeOrderedReader(factory, std::move(report), ordered);
}

}  // namespace breakeven::trace::detail
