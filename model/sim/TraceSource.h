#pragma once
// A trace file as the simulation's request stream: the chosen time slice,
// shifted to start at 0, optionally tiled to extendToSeconds, scaled by
// rateScale and the rate envelope (DESIGN.md "Workload"), in arrival order,
// streamed with constant memory.
#include <cstdint>
#include <memory>
#include <optional>
#include <queue>
#include <vector>

#include "model/core/Rng.h"
#include "model/domain/Workload.h"
#include "model/trace/TraceReader.h"

namespace breakeven {

// Expected copies of a request arriving at `seconds` into the (tiled)
// window: rateScale x envelope x growth. Exactly rateScale when neither
// envelope nor growth is set.
double traceRateMultiplier(const TraceWorkload& workload, double seconds);

class TraceSource {
public:
    TraceSource(const TraceWorkload& workload, Rng rng);

    bool next(Request& out);
    // The window: extendToSeconds when given, else durationSeconds when
    // given, else the last arrival read.
    [[nodiscard]] double windowSeconds() const;
    [[nodiscard]] double progress() const;
    [[nodiscard]] const trace::TraceReport& report() const { return reader_->report(); }

private:
    bool readSlice(Request& out);
    bool readRaw(Request& out);
    bool startNextTile();
    bool advance();
    void emitCopies(const Request& request, SimTime previous, SimTime following);

    struct Pending {
        Request request;
        std::uint64_t seq;
        bool operator>(const Pending& o) const {
            return request.arrivalMicros != o.request.arrivalMicros
                       ? request.arrivalMicros > o.request.arrivalMicros
                       : seq > o.seq;
        }
    };

    TraceWorkload workload_;  // to re-open the file for each tile
    std::unique_ptr<trace::TraceReader> reader_;
    Rng rng_;
    SimTime startMicros_;
    std::optional<SimTime> endMicros_;  // relative to the slice start
    double rateScale_;
    double timeScale_;
    bool modulated_ = false;  // envelope or growth: the copy count varies with time
    SimTime lastRawMicros_ = 0;
    bool sawRequest_ = false;

    // Tiling (extendToSeconds): tile k is the slice shifted by k x span.
    std::optional<SimTime> extendMicros_;
    std::optional<SimTime> spanMicros_;  // known up front with durationSeconds, else after tile 0
    SimTime tileOffsetMicros_ = 0;
    std::uint64_t tile_ = 0;
    bool rawDone_ = false;

    // One request of lookahead on each side: the local gap for the jitter.
    std::optional<Request> current_, following_;
    SimTime previousMicros_ = 0;
    bool exhausted_ = false;
    // Copies waiting to be emitted in time order; everything at or before
    // safeMicros_ is final (later copies cannot precede it).
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending_;
    SimTime safeMicros_ = -1;
    std::uint64_t nextSeq_ = 0;
};

}  // namespace breakeven
