// The fixed-header CSV formats: azure-llm, burstgpt (+ BurstGPT_3 layout) and
// azure-functions-2021. Each is a row parser plugged into LineSource and the
// ordered reader (first pass validates and sorts, see TraceSequencer.cpp).
#include <array>

#include "model/trace/TraceFields.h"
#include "model/trace/TraceFormats.h"
#include "model/trace/TraceSource.h"

namespace breakeven::trace::detail {
namespace {

struct AzureLlmParser {
    std::shared_ptr<const std::string> file;
    mutable IsoDatetimeCache timeCache;  // per source: rows mostly share the hour
    bool parse(std::string_view line, std::uint64_t lineNo, Request& out, Diagnostics&) const {
        const RowContext ctx{file.get(), lineNo};
        std::array<Field, 3> f;
        splitExact(line, ',', ctx, f);
        if (!parseIsoDatetime(f[0].text, out.arrivalMicros, timeCache))
            throwRowError(*file, lineNo, f[0].column,
                          "a datetime 'YYYY-MM-DD HH:MM:SS.fffffff' in 'TIMESTAMP'",
                          describeFound(f[0].text));
        out.inputTokens = tokensField(f[1], "ContextTokens", ctx);
        out.outputTokens = tokensField(f[2], "GeneratedTokens", ctx);
        return true;
    }
};

// BurstGPT: Timestamp (s), [Session ID, Elapsed time (s),] Model, Request
// tokens, Response tokens, Total tokens, Log Type. 0 response tokens marks a
// failed request: kept (outputTokens 0) and counted for the report.
template <bool V3>
struct BurstGptParser {
    std::shared_ptr<const std::string> file;
    bool parse(std::string_view line, std::uint64_t lineNo, Request& out, Diagnostics& diag) const {
        const RowContext ctx{file.get(), lineNo};
        constexpr std::size_t kFields = V3 ? 8 : 6, kTokens = V3 ? 4 : 2;
        std::array<Field, kFields> f;
        splitExact(line, ',', ctx, f);
        out.arrivalMicros = secondsToSimTime(numberField(f[0], "Timestamp", ctx, false));
        if constexpr (V3) {
            // Elapsed time may be empty for a failed request: then no service time.
            if (!f[2].text.empty())
                out.serviceMicros = secondsToSimTime(numberField(f[2], "Elapsed time", ctx, true));
        }
        out.inputTokens = tokensField(f[kTokens], "Request tokens", ctx);
        out.outputTokens = tokensField(f[kTokens + 1], "Response tokens", ctx);
        if (out.outputTokens == 0) ++diag.failedRequests;
        return true;
    }
};

struct AzureFunctions2021Parser {
    std::shared_ptr<const std::string> file;
    bool parse(std::string_view line, std::uint64_t lineNo, Request& out, Diagnostics&) const {
        const RowContext ctx{file.get(), lineNo};
        std::array<Field, 4> f;
        splitExact(line, ',', ctx, f);
        const SimTime end = secondsToSimTime(numberField(f[2], "end_timestamp", ctx, false));
        out.serviceMicros = secondsToSimTime(numberField(f[3], "duration", ctx, true));
        out.arrivalMicros = end - out.serviceMicros;  // the trace records completions
        return true;
    }
};

template <class Parser>
std::unique_ptr<TraceReader> openLines(const FilePtr& file, const TraceOptions& options,
                                       const Parser& parser, TraceReport report,
                                       const OrderedOptions& ordered) {
    SourceFactory factory = [file, parser](Diagnostics& diag) -> std::unique_ptr<RowSource> {
        return std::make_unique<LineSource<Parser>>(file, 1, parser, diag);
    };
    OrderedOptions o = ordered;
    o.policy = options.onError;
    return makeOrderedReader(factory, std::move(report), o);
}

}  // namespace

std::unique_ptr<TraceReader> openAzureLlm(const FilePtr& file, const TraceOptions& options) {
    TraceReport report;
    report.format = TraceFormat::AzureLlm;
    report.hasInputTokens = report.hasOutputTokens = true;
    OrderedOptions ordered;
    ordered.absoluteTime = true;
    return openLines(file, options, AzureLlmParser{std::make_shared<std::string>(file->path()), {}},
                     std::move(report), ordered);
}

std::unique_ptr<TraceReader> openBurstGpt(const FilePtr& file, const TraceOptions& options, bool v3) {
    TraceReport report;
    report.format = TraceFormat::BurstGpt;
    report.hasInputTokens = report.hasOutputTokens = true;
    report.hasService = v3;
    OrderedOptions ordered;
    ordered.failedRequestsWarning =
        "{} failed requests (0 response tokens) kept with outputTokens 0";
    auto name = std::make_shared<std::string>(file->path());
    if (v3) return openLines(file, options, BurstGptParser<true>{name}, std::move(report), ordered);
    return openLines(file, options, BurstGptParser<false>{name}, std::move(report), ordered);
}

std::unique_ptr<TraceReader> openAzureFunctions2021(const FilePtr& file, const TraceOptions& options) {
    TraceReport report;
    report.format = TraceFormat::AzureFunctions2021;
    report.hasService = true;
    return openLines(file, options, AzureFunctions2021Parser{std::make_shared<std::string>(file->path())},
                     std::move(report), OrderedOptions{});
}

}  // namespace breakeven::trace::detail
