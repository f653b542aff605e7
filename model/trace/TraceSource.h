#pragma once
// Internal plumbing of the readers: a RowSource yields requests in file order
// with absolute arrival times; makeOrderedReader turns a factory of sources
// into the public TraceReader (first pass for validation and order, then a
// sorted, origin-shifted stream). Internal to model/trace.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "model/core/Rng.h"
#include "model/trace/TraceReader.h"
#include "model/trace/TraceText.h"

namespace breakeven::trace::detail {

inline constexpr std::size_t kMaxSkippedSamples = 20;

// Where a source reports skipped rows and flagged requests. The first pass
// records into the report; the second pass uses a silent instance so that
// nothing is counted twice.
struct Diagnostics {
    ErrorPolicy policy = ErrorPolicy::Fail;
    TraceReport* report = nullptr;  // null: silent
    std::uint64_t failedRequests = 0;

    void skip(const TraceError& error) {
        if (policy == ErrorPolicy::Fail) throw error;
        if (report == nullptr) return;
        ++report->skippedRows;
        if (report->skippedSamples.size() < kMaxSkippedSamples)
            report->skippedSamples.emplace_back(error.what());
    }
};

class RowSource {
public:
    virtual ~RowSource() = default;
    virtual bool next(Request& out) = 0;  // absolute arrival µs, file order
    [[nodiscard]] virtual double progress() const = 0;
};

using SourceFactory = std::function<std::unique_ptr<RowSource>(Diagnostics&)>;

// A source over the data lines of a mapped file. Parser::parse(line, lineNo,
// out) returns false for a row that is filtered out and throws TraceError for
// a malformed one; a template (not a virtual) keeps the per-row call inlined.
template <class Parser>
class LineSource final : public RowSource {
public:
    LineSource(std::shared_ptr<const MappedFile> file, std::size_t skipLines, Parser parser,
               Diagnostics& diag)
        : file_(std::move(file)), cursor_(file_->data()), parser_(std::move(parser)), diag_(diag) {
        std::string_view line;
        for (std::size_t i = 0; i < skipLines && cursor_.next(line); ++i) {}
    }
    bool next(Request& out) override {
        std::string_view line;
        while (cursor_.next(line)) {
            if (LineCursor::blank(line)) continue;
            try {
                out = Request{};
                if (parser_.parse(line, cursor_.lineNumber(), out, diag_)) return true;
            } catch (const TraceError& e) {
                diag_.skip(e);
            }
        }
        return false;
    }
    [[nodiscard]] const Parser& parser() const { return parser_; }
    [[nodiscard]] double progress() const override {
        return cursor_.size() == 0 ? 1.0
                                   : static_cast<double>(cursor_.offset()) / static_cast<double>(cursor_.size());
    }

private:
    std::shared_ptr<const MappedFile> file_;
    LineCursor cursor_;
    Parser parser_;
    Diagnostics& diag_;
};

struct OrderedOptions {
    ErrorPolicy policy = ErrorPolicy::Fail;
    bool absoluteTime = false;     // report startTime (ISO 8601) from the first arrival
    bool epochHeuristic = false;   // numeric times ≥ year 2000 are Unix time
    bool sortedByConstruction = false;  // count expansions: skip the first pass
    std::string failedRequestsWarning;  // fmt pattern with {} for the count, or empty
};

std::unique_ptr<TraceReader> makeOrderedReader(const SourceFactory& factory, TraceReport report,
                                               const OrderedOptions& options);

// Generates `count` arrivals in [start, start + length) in ascending order.
class IntervalExpander {
public:
    IntervalExpander(CountExpansion mode, std::uint64_t seed) : mode_(mode), rng_(seed) {}
    void reset(std::int64_t start, std::int64_t length, std::uint64_t count);
    bool next(std::int64_t& arrival);

private:
    CountExpansion mode_;
    Rng rng_;
    std::int64_t start_ = 0, length_ = 0;
    std::uint64_t count_ = 0, emitted_ = 0;
    double phase_ = 0.0, position_ = 0.0;
};

}  // namespace breakeven::trace::detail
