// The fixed-header CSV formats: azure-llm, burstgpt (+ BurstGPT_3 layout) and
// azure-functions-2021. Each is a row parser plugged into LineSource and the
// ordered reader (first pass validates and sorts, see TraceSequencer.cpp).
#include <array>
#include <bit>
#include <cstring>

#include "model/trace/TraceFields.h"
#include "model/trace/TraceFormats.h"
#include "model/trace/TraceSource.h"

namespace breakeven::trace::detail {
namespace {

// The leading ASCII digits (at most 8) of the 8 bytes at p and their value,
// without a branch per digit. The caller guarantees 8 readable bytes.
struct DigitRun {
    unsigned count;
    std::uint32_t value;
};
inline DigitRun digitRun8(const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    const std::uint64_t t = word ^ 0x3030303030303030ULL;  // digits become bytes 0..9
    // High bit of each byte that is not 0..9; a carry only leaves a byte
    // that is already flagged, so the lowest flag is exact.
    const std::uint64_t flags = ((t + 0x7676767676767676ULL) | t) & 0x8080808080808080ULL;
    const unsigned count = flags == 0 ? 8 : static_cast<unsigned>(std::countr_zero(flags)) / 8;
    if (count == 0) return {0, 0};
    std::uint64_t v = t << (8 * (8 - count));  // the digits in the top bytes, zeros before them
    v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FFULL;
    v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFFULL;
    v = (v * 10000 + (v >> 32)) & 0xFFFFFFFFULL;
    return {count, static_cast<std::uint32_t>(v)};
}

// The digits at p, within the line: count 0 when there is none, 9 when
// there are more than 8 (too long for the fast path).
inline DigitRun digitsAt(const char* p, const char* end, const char* readable) {
    if (p + 8 <= readable) {
        DigitRun run = digitRun8(p);
        if (run.count < 8 && p + run.count <= end) return run;
    }
    DigitRun run{0, 0};  // near the end of the mapping, or 8+ digits: byte by byte
    for (; p + run.count < end && static_cast<unsigned>(p[run.count] - '0') <= 9 && run.count < 9; ++run.count)
        run.value = run.value * 10 + static_cast<unsigned>(p[run.count] - '0');
    return run;
}

// The usual row, "YYYY-MM-DD HH:MM:SS[.f…],N,N" within the hour parsed last,
// in one scan without splitting fields. Anything else (another hour, a zone,
// blanks, quotes, long numbers, errors) returns false and the general path
// reads the row, so results and messages are the same either way; this only
// accepts rows the general path parses to the same values. `readable` is the
// end of the mapping: digits are read 8 bytes at a time up to it.
bool parseUsualAzureRow(std::string_view line, const char* readable, const IsoDatetimeCache& cache,
                        Request& out) {
    constexpr std::size_t kPrefix = sizeof cache.prefix;  // "YYYY-MM-DD HH"
    if (!cache.valid || line.size() < kPrefix + 10 || std::memcmp(line.data(), cache.prefix, kPrefix) != 0)
        return false;
    const char* p = line.data() + kPrefix;  // ":MM:SS" then at least 4 more bytes
    const char* end = line.data() + line.size();
    const auto digit = [](char c) { return static_cast<unsigned>(c - '0'); };
    if (p[0] != ':' || p[3] != ':' || digit(p[1]) > 5 || digit(p[2]) > 9 || digit(p[4]) > 6 || digit(p[5]) > 9)
        return false;
    const unsigned minute = digit(p[1]) * 10 + digit(p[2]), second = digit(p[4]) * 10 + digit(p[5]);
    if (second > 60) return false;
    p += 6;
    std::int64_t fraction = 0;
    if (*p == '.') {
        // Fractions beyond 1 µs truncate; 9+ digits are left to the general path.
        static constexpr std::int64_t kScale[] = {0, 100000, 10000, 1000, 100, 10, 1};
        const DigitRun run = digitsAt(++p, end, readable);
        if (run.count == 0 || run.count > 8) return false;
        fraction = run.count <= 6 ? run.value * kScale[run.count] : run.value / (run.count == 7 ? 10 : 100);
        p += run.count;
    }
    if (p == end || *p++ != ',') return false;
    const DigitRun in = digitsAt(p, end, readable);
    p += in.count;
    if (in.count == 0 || in.count > 8 || p == end || *p++ != ',') return false;
    const DigitRun generated = digitsAt(p, end, readable);
    if (generated.count == 0 || generated.count > 8 || p + generated.count != end) return false;
    out.inputTokens = in.value;
    out.outputTokens = generated.value;
    out.arrivalMicros = cache.hourMicros + minute * 60'000'000LL + second * 1'000'000LL + fraction;
    return true;
}

struct AzureLlmParser {
    std::shared_ptr<const std::string> file;
    const char* readable;                // end of the mapped file
    mutable IsoDatetimeCache timeCache;  // per source: rows mostly share the hour
    bool parse(std::string_view line, std::uint64_t lineNo, Request& out, Diagnostics&) const {
        if (parseUsualAzureRow(line, readable, timeCache, out)) return true;
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
    const char* readable = file->data().data() + file->data().size();
    return openLines(file, options, AzureLlmParser{std::make_shared<std::string>(file->path()), readable, {}},
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
