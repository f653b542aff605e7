#pragma once
// Streaming request-trace readers (DESIGN.md "Workload"): named formats
// detected by their exact header, or a generic CSV with a column mapping.
// Constant memory whatever the file size; errors carry file:line:column.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/domain/Request.h"

namespace breakeven::trace {

enum class TraceFormat {
    Auto,                // detect from the header
    AzureLlm,            // TIMESTAMP,ContextTokens,GeneratedTokens
    Mooncake,            // JSON lines {timestamp ms, input_length, output_length, hash_ids}
    BurstGpt,            // Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type (+ v3)
    AzureFunctions2019,  // HashOwner,HashApp,HashFunction,Trigger,1..1440 (per-minute counts)
    AzureFunctions2021,  // app,func,end_timestamp,duration
    Csv,                 // any delimited file with a CsvMapping
};

const char* toString(TraceFormat format);  // "azure-llm", "mooncake", ..., "csv", "auto"
std::optional<TraceFormat> formatFromString(std::string_view name);

// Column mapping of the generic CSV reader (the CLI flags in camelCase).
struct CsvMapping {
    std::string timeColumn;
    std::string timeUnit = "s";  // "s", "ms", "us" or "datetime"
    std::optional<std::string> timeFormat;  // strftime-like, for "datetime"
    std::optional<std::string> serviceColumn;
    std::string serviceUnit = "s";  // "s" or "ms"
    std::optional<std::string> inputTokensColumn;
    std::optional<std::string> outputTokensColumn;
    std::optional<std::string> keyColumn;
    std::optional<char> delimiter;  // default: detected from the header (',', ';', '\t', '|')
    std::vector<std::pair<std::string, std::string>> filters;  // COLUMN=VALUE, all must match
    std::optional<std::string> countColumn;  // count-based series: rows are interval counts
    double intervalSeconds = 60.0;
};

enum class ErrorPolicy { Fail, Skip };
enum class CountExpansion { Uniform, Poisson };  // arrivals inside a count interval

struct TraceOptions {
    TraceFormat format = TraceFormat::Auto;
    CsvMapping mapping;
    ErrorPolicy onError = ErrorPolicy::Fail;
    CountExpansion countExpansion = CountExpansion::Uniform;
    std::uint64_t seed = 0;            // count expansion draws
    std::optional<std::string> function;  // azure-functions-2019: one HashFunction, else all
};

// "FILE:LINE:COLUMN: expected X, found Y" (1-based; the header is line 1).
class TraceError : public std::runtime_error {
public:
    TraceError(std::string file, std::uint64_t line, std::uint64_t column, std::string what);
    [[nodiscard]] const std::string& file() const { return file_; }
    [[nodiscard]] std::uint64_t line() const { return line_; }
    [[nodiscard]] std::uint64_t column() const { return column_; }

private:
    std::string file_;
    std::uint64_t line_, column_;
};

struct TraceReport {
    TraceFormat format = TraceFormat::Auto;  // the format actually read
    std::uint64_t skippedRows = 0;           // with ErrorPolicy::Skip
    std::vector<std::string> skippedSamples; // the first 20 skipped rows' messages
    std::vector<std::string> warnings;       // e.g. "N out-of-order rows were sorted"
    std::optional<std::string> startTime;    // absolute start, ISO 8601 UTC, when the file has one
    // The file's own clock at arrival 0 (µs; since the epoch for datetime
    // traces, since the file's t = 0 for relative ones), known once the first
    // request is read: calendar-aligned statistics bucket on this clock.
    std::optional<std::int64_t> clockOriginMicros;
    bool hasService = false, hasInputTokens = false, hasOutputTokens = false, hasKeys = false;
};

// Yields the trace's requests in arrival order, arrival times relative to
// the first arrival (which is t = 0). Not thread-safe; open one per thread.
class TraceReader {
public:
    virtual ~TraceReader() = default;
    // Throws TraceError on a malformed row (ErrorPolicy::Fail).
    virtual bool next(Request& out) = 0;
    [[nodiscard]] virtual const TraceReport& report() const = 0;
    [[nodiscard]] virtual double progress() const = 0;  // fraction of the input consumed
};

// Opens `path` (memory-mapped). Throws TraceError for an unreadable file, an
// unknown header without --format csv (the message says so), or a bad mapping.
std::unique_ptr<TraceReader> openTrace(const std::string& path, const TraceOptions& options);

}  // namespace breakeven::trace
