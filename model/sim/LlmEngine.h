#pragma once
// A vLLM-like continuous-batching engine on one instance (DESIGN.md
// "Service", issue 7). Each iteration serves the decoding sequences one token
// each plus prefill chunks of admitted prompts, within maxNumSeqs and
// maxNumBatchedTokens; the paged KV cache admits a prompt only with a
// watermark of free blocks left, and when a decoding sequence needs a block
// that is not there, the newest running sequence is preempted and later
// recomputed (its prompt plus the tokens it had generated).
//
// Fast by construction: while the batch is unchanged every step adds D tokens
// of context, so step times follow two lines (StepTime.h) and the engine
// plans a whole segment — up to the next finish or the next KV shortfall — in
// closed form. An arrival cuts the segment at the first step boundary at or
// after it. The engine is advanced lazily: nothing happens until the pool
// calls advanceTo() (for an arrival, or its timer at segmentEnd()). `oracle`
// mode plans one step a segment: the same rules, step by step, as a test oracle.
//
// Times are double microseconds: step times are fractions of a microsecond
// apart, and both modes must agree to well under one.
#include <cstdint>
#include <deque>
#include <vector>

#include "model/core/LatencyHistogram.h"
#include "model/domain/LlmService.h"
#include "model/domain/Request.h"
#include "model/sim/StepTime.h"

namespace breakeven {

// Counters shared by the engines of one pool.
struct LlmStats {
    LatencyHistogram itl;  // inter-token latency, one sample per token
    std::uint64_t preemptions = 0;
    double kvTokenMicros = 0.0;  // integral of KV tokens in use over time
    std::uint64_t steps = 0;
};

struct LlmFinish {
    Request request;
    double placedMicros = 0.0;      // when the pool gave it to this instance
    double firstTokenMicros = 0.0;
    double finishMicros = 0.0;
};

class LlmFinishSink {
public:
    virtual void finished(const LlmFinish& finish) = 0;

protected:
    ~LlmFinishSink() = default;
};

class LlmEngine {
public:
    LlmEngine(const LlmServiceSpec& spec, const StepTimeModel& steps, LlmStats& stats);

    // Whether a request can ever run on an empty engine (KV and batch limits).
    [[nodiscard]] bool fitsAlone(const Request& request) const;
    [[nodiscard]] double kvCapacityTokens() const { return static_cast<double>(totalBlocks_) * blockTokens_; }

    // A fresh instance whose engine can start at readyMicros.
    void reset(double readyMicros);
    // Runs every step boundary before `now` (inclusive: at `now` too).
    void advanceTo(double now, bool inclusive, LlmFinishSink& sink);
    // A request placed at `now`; call advanceTo(now, false) first.
    void add(const Request& request, double now);

    [[nodiscard]] bool idle() const { return !planned_; }
    [[nodiscard]] double segmentEnd() const { return segEnd_; }
    [[nodiscard]] std::size_t inFlight() const { return live_; }

private:
    enum class State : std::uint8_t { Free, Waiting, Prefilling, Decoding };
    struct Seq {
        Request request;
        double placedMicros = 0.0;
        double firstTokenMicros = -1.0;
        std::uint64_t order = 0;       // admission order: preemption takes the newest
        std::uint32_t promptTotal = 0; // tokens to prefill (recompute: input + generated)
        std::uint32_t promptDone = 0;
        std::uint32_t generated = 0;   // tokens generated when it joined decoding
        std::int64_t joinStep = 0;     // global index of its first decode step
        std::int64_t finishStep = 0;   // global index of the step producing its last token
        std::uint32_t reservedBlocks = 0;  // reserve mode; paged: prompt blocks at admission
        std::uint32_t version = 0;     // invalidates stale heap entries
        State state = State::Free;
    };
    struct Chunk {
        std::uint32_t seq;
        std::uint32_t tokens;
        bool admitted;  // admitted by this plan (undone if the plan is redone)
    };
    struct HeapEntry {
        std::int64_t finishStep;
        std::uint64_t order;
        std::uint32_t seq;
        std::uint32_t version;
    };

    // Planning at a boundary (time segStart_, global step step_).
    void plan();
    void undoPlan();
    void preemptForDecodes();
    void preempt(std::uint32_t id);
    void buildChunks();
    bool admit(std::uint32_t id, std::int64_t& budget);
    void planDecodeSegment();
    // Completing the planned segment at segEnd_.
    void complete(LlmFinishSink& sink);
    void completeChunks(LlmFinishSink& sink);
    void finishDecoders(LlmFinishSink& sink);
    void finishSeq(std::uint32_t id, LlmFinishSink& sink);
    void joinDecoding(std::uint32_t id);
    void recordSteps(const StepLines& lines, std::int64_t n, std::uint64_t weight);

    // KV blocks, paged mode.
    [[nodiscard]] std::int64_t blocksFor(std::int64_t tokens) const {
        return (tokens + blockTokens_ - 1) / blockTokens_;
    }
    [[nodiscard]] std::int64_t kvLen(const Seq& s) const {
        return s.promptTotal + (step_ - s.joinStep);
    }
    [[nodiscard]] std::int64_t heldBlocks(const Seq& s) const;
    [[nodiscard]] int phaseOf(std::int64_t v) const {
        if (phaseMask_ >= 0) return static_cast<int>(v & phaseMask_);  // two's complement: a true modulo
        const std::int64_t m = v % blockTokens_;
        return static_cast<int>(m < 0 ? m + blockTokens_ : m);
    }
    [[nodiscard]] std::int64_t needsAt(std::int64_t step) const { return phaseCount_[phaseOf(-step)]; }
    [[nodiscard]] std::int64_t needsOver(std::int64_t from, std::int64_t n) const;
    [[nodiscard]] std::int64_t stepsBeforeShortfall(std::int64_t from, std::int64_t freeBlocks,
                                                    std::int64_t horizon) const;
    [[nodiscard]] double boundary(std::int64_t m) const;

    std::uint32_t allocSeq();
    void pushHeap(const HeapEntry& e);
    void popHeap();

    LlmServiceSpec spec_;
    StepTimeModel steps_;
    LlmStats& stats_;
    bool paged_;
    std::int64_t blockTokens_;
    std::int64_t phaseMask_ = -1;  // blockTokens_ - 1 when a power of two
    std::int64_t totalBlocks_;
    std::int64_t watermarkBlocks_;

    std::vector<Seq> seqs_;
    std::vector<std::uint32_t> freeSeqs_;
    std::deque<std::uint32_t> waiting_;
    std::vector<std::uint32_t> prefilling_;  // admitted, prompt not yet done, FCFS
    std::vector<HeapEntry> finishHeap_;      // decoding sequences by finish step
    std::vector<std::int64_t> phaseCount_;   // decoding sequences by KV phase
    std::uint64_t nextOrder_ = 0;
    std::size_t live_ = 0;

    std::int64_t step_ = 0;         // global index of the next step
    std::int64_t decoding_ = 0;     // D
    std::int64_t contextSum_ = 0;   // sum of decoding sequences' KV lengths
    std::int64_t usedBlocks_ = 0;

    // The planned segment: from segStart_, n steps; a mixed (prefill) segment
    // is one step of `chunks_`, a decode segment n steps along `lines_`.
    bool planned_ = false;
    bool mixed_ = false;
    double readyMicros_ = 0.0;
    double segStart_ = 0.0, segEnd_ = 0.0;
    std::int64_t segSteps_ = 0;
    StepLines lines_;
    double mixedSeconds_ = 0.0;
    std::vector<Chunk> chunks_;
};

}  // namespace breakeven
