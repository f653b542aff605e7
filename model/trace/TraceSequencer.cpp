// Ordering strategy (documented in TraceReader.h): a first pass over the file
// validates every row (so a malformed row fails at open, before anything is
// simulated), fills the report and measures how far rows run out of order.
// The second pass then streams
//   - directly when the file is in order (the common case),
//   - through a bounded reorder heap of kReorderWindow rows when every row is
//     at least as late as all rows kReorderWindow or more positions before it
//     (which guarantees the heap emits in order),
//   - else through an external merge sort of runs in anonymous temp files.
// Equal timestamps keep file order: every comparison breaks ties by row index.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <queue>
#include <vector>

#include "model/trace/TraceSource.h"

namespace breakeven::trace::detail {
namespace {

constexpr std::size_t kReorderWindow = 16384;   // rows held by the reorder heap
constexpr std::size_t kRunRows = 65536;         // rows per external-sort run (2.5 MB)
constexpr std::size_t kMergeBufferRows = 256;   // rows buffered per run while merging
constexpr std::int64_t kYear2000Micros = 946'684'800'000'000LL;

struct Entry {
    Request request;
    std::uint64_t seq;
};
struct Later {  // min-heap on (arrival, seq)
    bool operator()(const Entry& a, const Entry& b) const {
        return a.request.arrivalMicros != b.request.arrivalMicros
                   ? a.request.arrivalMicros > b.request.arrivalMicros
                   : a.seq > b.seq;
    }
};

struct FirstPass {
    std::uint64_t rows = 0, outOfOrder = 0;
    std::int64_t minTime = std::numeric_limits<std::int64_t>::max();
    bool fitsWindow = true;
};

FirstPass scan(RowSource& source) {
    FirstPass pass;
    std::vector<std::int64_t> ring(kReorderWindow);  // times of the last W rows
    std::int64_t runningMax = std::numeric_limits<std::int64_t>::min();
    std::int64_t laggedMax = runningMax;  // max over rows ≥ W positions back
    Request r;
    while (source.next(r)) {
        const std::int64_t t = r.arrivalMicros;
        const std::size_t slot = pass.rows % kReorderWindow;
        if (pass.rows >= kReorderWindow) laggedMax = std::max(laggedMax, ring[slot]);
        if (t < runningMax) ++pass.outOfOrder;
        if (t < laggedMax) pass.fitsWindow = false;
        runningMax = std::max(runningMax, t);
        pass.minTime = std::min(pass.minTime, t);
        ring[slot] = t;
        ++pass.rows;
    }
    return pass;
}

// Sorted runs in tmpfile()s (deleted automatically), merged with a heap.
class ExternalSort {
public:
    explicit ExternalSort(RowSource& source) {
        std::vector<Entry> run;
        run.reserve(kRunRows);
        Request r;
        std::uint64_t seq = 0;
        while (source.next(r)) {
            run.push_back({r, seq++});
            if (run.size() == kRunRows) flush(run);
        }
        flush(run);
        for (std::size_t i = 0; i < runs_.size(); ++i)
            if (refill(runs_[i])) heap_.push({runs_[i].buffer[0].request, i});
    }
    ~ExternalSort() {
        for (auto& run : runs_) std::fclose(run.file);
    }
    ExternalSort(const ExternalSort&) = delete;
    ExternalSort& operator=(const ExternalSort&) = delete;

    bool next(Request& out) {
        if (heap_.empty()) return false;
        const std::size_t i = heap_.top().seq;  // seq holds the run index here
        heap_.pop();
        Run& run = runs_[i];
        out = run.buffer[run.pos++].request;
        if (run.pos < run.count || refill(run))
            heap_.push({run.buffer[run.pos].request, i});
        return true;
    }

private:
    struct Run {
        std::FILE* file = nullptr;
        std::vector<Entry> buffer;
        std::size_t pos = 0, count = 0;
    };
    // Runs are ordered by their first row, so ties between runs follow file
    // order when the heap compares (arrival, run index).
    void flush(std::vector<Entry>& run) {
        if (run.empty()) return;
        std::sort(run.begin(), run.end(), [](const Entry& a, const Entry& b) { return Later{}(b, a); });
        Run r;
        r.file = std::tmpfile();
        if (r.file == nullptr || std::fwrite(run.data(), sizeof(Entry), run.size(), r.file) != run.size())
            throw TraceError("(temporary file)", 0, 0, "cannot write the external sort run");
        std::rewind(r.file);
        runs_.push_back(std::move(r));
        run.clear();
    }
    static bool refill(Run& run) {
        run.buffer.resize(kMergeBufferRows);
        run.count = std::fread(run.buffer.data(), sizeof(Entry), kMergeBufferRows, run.file);
        run.pos = 0;
        return run.count > 0;
    }
    std::vector<Run> runs_;
    std::priority_queue<Entry, std::vector<Entry>, Later> heap_;
};

class OrderedReader final : public TraceReader {
public:
    OrderedReader(const SourceFactory& factory, TraceReport report, const OrderedOptions& options)
        : report_(std::move(report)) {
        if (options.sortedByConstruction) {
            source_ = factory(silent_);
            return;
        }
        Diagnostics recording{options.policy, &report_, 0};
        const FirstPass pass = [&] {
            auto first = factory(recording);
            return scan(*first);
        }();
        total_ = pass.rows;
        origin_ = pass.rows > 0 ? pass.minTime : 0;
        originKnown_ = true;
        if (pass.rows > 0) report_.clockOriginMicros = origin_;
        addWarnings(pass, recording, options);
        if (pass.rows > 0 && (options.absoluteTime || (options.epochHeuristic && origin_ >= kYear2000Micros)))
            report_.startTime = isoFromMicros(origin_);
        source_ = factory(silent_);
        if (pass.outOfOrder > 0 && !pass.fitsWindow) {
            sorter_ = std::make_unique<ExternalSort>(*source_);
        } else if (pass.outOfOrder > 0) {
            heapStorage_.reserve(kReorderWindow + 1);
            useHeap_ = true;
        }
    }

    bool next(Request& out) override {
        if (!pull(out)) return false;
        if (!originKnown_) {
            origin_ = out.arrivalMicros;
            originKnown_ = true;
            report_.clockOriginMicros = origin_;
        }
        out.arrivalMicros -= origin_;
        ++emitted_;
        return true;
    }
    [[nodiscard]] const TraceReport& report() const override { return report_; }
    [[nodiscard]] double progress() const override {
        if (total_ > 0) return static_cast<double>(emitted_) / static_cast<double>(total_);
        return source_ ? source_->progress() : 1.0;
    }

private:
    bool pull(Request& out) {
        if (sorter_) return sorter_->next(out);
        if (!useHeap_) return source_->next(out);
        Later later;
        Request r;
        while (heapStorage_.size() <= kReorderWindow && source_->next(r)) {
            heapStorage_.push_back({r, seq_++});
            std::push_heap(heapStorage_.begin(), heapStorage_.end(), later);
        }
        if (heapStorage_.empty()) return false;
        std::pop_heap(heapStorage_.begin(), heapStorage_.end(), later);
        out = heapStorage_.back().request;
        heapStorage_.pop_back();
        return true;
    }
    void addWarnings(const FirstPass& pass, const Diagnostics& diag, const OrderedOptions& options) {
        if (pass.outOfOrder > 0)
            report_.warnings.push_back(fmt::format(
                "{} out-of-order rows were sorted{}", pass.outOfOrder,
                pass.fitsWindow ? "" : " (external sort through temporary files)"));
        if (diag.failedRequests > 0 && !options.failedRequestsWarning.empty())
            report_.warnings.push_back(
                fmt::format(fmt::runtime(options.failedRequestsWarning), diag.failedRequests));
        if (report_.skippedRows > 0)
            report_.warnings.push_back(fmt::format("{} malformed rows were skipped", report_.skippedRows));
    }

    TraceReport report_;
    Diagnostics silent_{ErrorPolicy::Skip, nullptr, 0};
    std::unique_ptr<RowSource> source_;
    std::unique_ptr<ExternalSort> sorter_;
    std::vector<Entry> heapStorage_;
    bool useHeap_ = false, originKnown_ = false;
    std::uint64_t seq_ = 0, total_ = 0, emitted_ = 0;
    std::int64_t origin_ = 0;
};

}  // namespace

std::unique_ptr<TraceReader> makeOrderedReader(const SourceFactory& factory, TraceReport report,
                                               const OrderedOptions& options) {
    return std::make_unique<OrderedReader>(factory, std::move(report), options);
}

void IntervalExpander::reset(std::int64_t start, std::int64_t length, std::uint64_t count) {
    start_ = start;
    length_ = length;
    count_ = count;
    emitted_ = 0;
    position_ = 0.0;
    phase_ = count > 0 ? rng_.uniform01() : 0.0;
}

// Uniform: evenly spaced, one seeded phase per interval. Poisson: the arrival
// times of a Poisson process conditioned on `count` events, i.e. sorted iid
// uniforms, generated in ascending order without storing them
// (U(k) = U(k-1) + (1 - U(k-1)) * (1 - V^(1/remaining))).
bool IntervalExpander::next(std::int64_t& arrival) {
    if (emitted_ >= count_) return false;
    const double len = static_cast<double>(length_);
    double offset;
    if (mode_ == CountExpansion::Uniform) {
        offset = (static_cast<double>(emitted_) + phase_) * len / static_cast<double>(count_);
    } else {
        const double remaining = static_cast<double>(count_ - emitted_);
        position_ += (1.0 - position_) * (1.0 - std::pow(rng_.uniformOpen01(), 1.0 / remaining));
        offset = position_ * len;
    }
    const auto step = std::min(static_cast<std::int64_t>(offset), length_ - 1);
    arrival = start_ + std::max<std::int64_t>(step, 0);
    ++emitted_;
    return true;
}

}  // namespace breakeven::trace::detail
