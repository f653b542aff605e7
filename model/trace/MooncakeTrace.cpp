// Mooncake JSON lines: {"timestamp": ms, "input_length": n, "output_length": n,
// "hash_ids": [ids…]}. A hand-rolled scanner for these four keys (unknown keys
// are skipped) because a DOM parser would allocate per row and run ~10x slower.
#include <fast_float/fast_float.h>

#include <charconv>

#include "model/trace/TraceFields.h"
#include "model/trace/TraceFormats.h"
#include "model/trace/TraceSource.h"

namespace breakeven::trace::detail {
namespace {

class JsonLine {
public:
    JsonLine(std::string_view line, const RowContext& ctx) : s_(line), ctx_(ctx) {}

    void parse(Request& out) {
        bool haveTime = false, haveIn = false, haveOut = false;
        expect('{', "'{' starting a JSON object");
        skipWs();
        if (peek() == '}') { ++p_; }
        else {
            for (;;) {
                const std::string_view key = string();
                expect(':', "':' after a key");
                skipWs();
                if (key == "timestamp") {
                    out.arrivalMicros = secondsToSimTime(number("a number of milliseconds in 'timestamp'") / 1000.0);
                    haveTime = true;
                } else if (key == "input_length") {
                    out.inputTokens = tokens("input_length");
                    haveIn = true;
                } else if (key == "output_length") {
                    out.outputTokens = tokens("output_length");
                    haveOut = true;
                } else if (key == "hash_ids") {
                    out.key = hashIds();
                } else {
                    skipValue();
                }
                skipWs();
                if (peek() == ',') { ++p_; continue; }
                expect('}', "',' or '}'");
                break;
            }
        }
        skipWs();
        if (p_ != s_.size()) fail("the end of the line after the JSON object", rest());
        if (!haveTime) fail("a \"timestamp\" key", "none");
        if (!haveIn) fail("an \"input_length\" key", "none");
        if (!haveOut) fail("an \"output_length\" key", "none");
    }

private:
    [[noreturn]] void fail(std::string_view expected, std::string_view found) const {
        throwRowError(*ctx_.file, ctx_.line, p_ + 1, expected, found);
    }
    std::string rest() const { return p_ >= s_.size() ? "end of line" : describeFound(s_.substr(p_, 20)); }
    char peek() const { return p_ < s_.size() ? s_[p_] : '\0'; }
    void skipWs() {
        while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t' || s_[p_] == '\r')) ++p_;
    }
    void expect(char c, std::string_view what) {
        skipWs();
        if (peek() != c) fail(what, rest());
        ++p_;
    }
    std::string_view string() {
        expect('"', "'\"' starting a key");
        const std::size_t begin = p_;
        while (p_ < s_.size() && s_[p_] != '"') p_ += s_[p_] == '\\' ? 2 : 1;
        if (p_ >= s_.size()) fail("a closing '\"'", "end of line");
        return s_.substr(begin, p_++ - begin);
    }
    double number(std::string_view what) {
        double v = 0;
        auto [end, ec] = fast_float::from_chars(s_.data() + p_, s_.data() + s_.size(), v);
        if (ec != std::errc() || !std::isfinite(v)) fail(what, rest());
        p_ = static_cast<std::size_t>(end - s_.data());
        return v;
    }
    std::uint32_t tokens(std::string_view key) {
        std::uint32_t v = 0;
        auto [end, ec] = std::from_chars(s_.data() + p_, s_.data() + s_.size(), v);
        if (ec != std::errc())
            fail("a token count (non-negative integer) in '" + std::string(key) + "'", rest());
        p_ = static_cast<std::size_t>(end - s_.data());
        return v;
    }
    // The prefix-cache key: a hash of the whole id list (order matters).
    std::uint64_t hashIds() {
        expect('[', "'[' starting 'hash_ids'");
        std::uint64_t h = 0x6a09e667f3bcc908ULL, n = 0;
        skipWs();
        if (peek() == ']') { ++p_; return 0; }
        for (;;) {
            skipWs();
            std::uint64_t id = 0;
            auto [end, ec] = std::from_chars(s_.data() + p_, s_.data() + s_.size(), id);
            if (ec != std::errc()) fail("an integer block id in 'hash_ids'", rest());
            p_ = static_cast<std::size_t>(end - s_.data());
            h = mix64(h ^ id) + ++n;
            skipWs();
            if (peek() == ',') { ++p_; continue; }
            expect(']', "',' or ']' in 'hash_ids'");
            return h == 0 ? 1 : h;
        }
    }
    void skipValue() {
        int depth = 0;
        for (; p_ < s_.size(); ++p_) {
            const char c = s_[p_];
            if (c == '"') { string(); --p_; continue; }
            if (c == '[' || c == '{') ++depth;
            else if (c == ']' || c == '}') { if (depth == 0) return; --depth; }
            else if (c == ',' && depth == 0) return;
        }
    }

    std::string_view s_;
    const RowContext& ctx_;
    std::size_t p_ = 0;
};

struct MooncakeParser {
    std::shared_ptr<const std::string> file;
    bool parse(std::string_view line, std::uint64_t lineNo, Request& out, Diagnostics&) const {
        const RowContext ctx{file.get(), lineNo};
        JsonLine(line, ctx).parse(out);
        return true;
    }
};

}  // namespace

std::unique_ptr<TraceReader> openMooncake(const FilePtr& file, const TraceOptions& options) {
    TraceReport report;
    report.format = TraceFormat::Mooncake;
    report.hasInputTokens = report.hasOutputTokens = report.hasKeys = true;
    MooncakeParser parser{std::make_shared<std::string>(file->path())};
    SourceFactory factory = [file, parser](Diagnostics& diag) -> std::unique_ptr<RowSource> {
        return std::make_unique<LineSource<MooncakeParser>>(file, 0, parser, diag);
    };
    OrderedOptions ordered;
    ordered.policy = options.onError;
    return makeOrderedReader(factory, std::move(report), ordered);
}

}  // namespace breakeven::trace::detail
