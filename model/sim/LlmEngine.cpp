#include "model/sim/LlmEngine.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace breakeven {

namespace {
constexpr std::int64_t kNoLimit = std::int64_t{1} << 60;

bool heapAfter(const auto& a, const auto& b) {  // min-heap on (finishStep, order)
    return a.finishStep != b.finishStep ? a.finishStep > b.finishStep : a.order > b.order;
}

void requirePositive(double seconds, const char* what) {
    if (!(seconds > 0.0) || !std::isfinite(seconds))
        throw std::runtime_error(std::string("LLM step time model gives a non-positive or non-finite ") +
                                 what + " time (" + std::to_string(seconds) +
                                 " s); check the step-time coefficients");
}
}  // namespace

LlmEngine::LlmEngine(const LlmServiceSpec& spec, const StepTimeModel& steps, LlmStats& stats)
    : spec_(spec),
      steps_(steps),
      stats_(stats),
      paged_(spec.kvMode == KvMode::Paged),
      blockTokens_(std::max(1, spec.blockTokens)) {
    const double kvTokens = std::max(0.0, spec.kvCapacityBytes() / spec.model.kvBytesPerToken());
    totalBlocks_ = static_cast<std::int64_t>(std::floor(kvTokens / static_cast<double>(blockTokens_)));
    watermarkBlocks_ = paged_ ? static_cast<std::int64_t>(spec.watermarkFraction * static_cast<double>(totalBlocks_)) : 0;
    phaseCount_.assign(static_cast<std::size_t>(blockTokens_), 0);
    if ((blockTokens_ & (blockTokens_ - 1)) == 0) phaseMask_ = blockTokens_ - 1;
}

bool LlmEngine::fitsAlone(const Request& r) const {
    const std::int64_t input = std::max<std::uint32_t>(1, r.inputTokens);
    const std::int64_t output = std::max<std::uint32_t>(1, r.outputTokens);
    if (!spec_.chunkedPrefill && input > spec_.maxNumBatchedTokens) return false;
    return blocksFor(input + output) <= totalBlocks_ - watermarkBlocks_;
}

void LlmEngine::reset(double readyMicros) {
    for (Seq& s : seqs_) s.state = State::Free;
    freeSeqs_.clear();
    for (std::uint32_t i = static_cast<std::uint32_t>(seqs_.size()); i-- > 0;) freeSeqs_.push_back(i);
    waiting_.clear();
    prefilling_.clear();
    finishHeap_.clear();
    std::fill(phaseCount_.begin(), phaseCount_.end(), 0);
    live_ = 0;
    step_ = decoding_ = contextSum_ = usedBlocks_ = 0;
    planned_ = false;
    readyMicros_ = readyMicros;
    segStart_ = segEnd_ = readyMicros;
}

std::uint32_t LlmEngine::allocSeq() {
    if (!freeSeqs_.empty()) {
        const std::uint32_t id = freeSeqs_.back();
        freeSeqs_.pop_back();
        return id;
    }
    seqs_.emplace_back();
    return static_cast<std::uint32_t>(seqs_.size() - 1);
}

void LlmEngine::pushHeap(const HeapEntry& e) {
    finishHeap_.push_back(e);
    std::push_heap(finishHeap_.begin(), finishHeap_.end(), [](const HeapEntry& a, const HeapEntry& b) { return heapAfter(a, b); });
}

void LlmEngine::popHeap() {
    std::pop_heap(finishHeap_.begin(), finishHeap_.end(), [](const HeapEntry& a, const HeapEntry& b) { return heapAfter(a, b); });
    finishHeap_.pop_back();
}

std::int64_t LlmEngine::heldBlocks(const Seq& s) const {
    if (!paged_) return s.reservedBlocks;
    return s.state == State::Decoding ? blocksFor(kvLen(s)) : blocksFor(s.promptTotal);
}

// Blocks the decoding sequences newly need over steps [from, from + n): in
// any blockTokens_ consecutive steps each sequence crosses exactly one block edge.
std::int64_t LlmEngine::needsOver(std::int64_t from, std::int64_t n) const {
    const std::int64_t cycles = n / blockTokens_;
    std::int64_t total = cycles * decoding_;
    for (std::int64_t i = cycles * blockTokens_; i < n; ++i) total += needsAt(from + i);
    return total;
}

// The most steps from `from` whose block needs fit in freeBlocks, or
// kNoLimit when the first `horizon` steps surely fit (each sequence needs at
// most one block per blockTokens_ steps, plus one).
std::int64_t LlmEngine::stepsBeforeShortfall(std::int64_t from, std::int64_t freeBlocks,
                                             std::int64_t horizon) const {
    if (!paged_ || decoding_ == 0) return kNoLimit;
    if ((horizon / blockTokens_ + 1) * decoding_ <= freeBlocks) return kNoLimit;
    const std::int64_t cycles = freeBlocks / decoding_;
    std::int64_t n = cycles * blockTokens_, used = cycles * decoding_;
    for (;;) {  // ends within one cycle: a cycle needs decoding_ > freeBlocks - used
        const std::int64_t need = needsAt(from + n);
        if (used + need > freeBlocks) return n;
        used += need;
        ++n;
    }
}

double LlmEngine::boundary(std::int64_t m) const {
    if (mixed_) return m == 0 ? segStart_ : segEnd_;
    return segStart_ + sumSteps(lines_, m) * 1e6;
}

void LlmEngine::advanceTo(double now, bool inclusive, LlmFinishSink& sink) {
    while (planned_ && (segEnd_ < now || (inclusive && segEnd_ == now))) complete(sink);
}

void LlmEngine::add(const Request& request, double now) {
    const std::uint32_t id = allocSeq();
    Seq& s = seqs_[id];
    s = Seq{};
    s.request = request;
    s.request.inputTokens = std::max<std::uint32_t>(1, request.inputTokens);
    s.request.outputTokens = std::max<std::uint32_t>(1, request.outputTokens);
    s.placedMicros = now;
    s.order = nextOrder_++;
    s.promptTotal = s.request.inputTokens;
    s.state = State::Waiting;
    waiting_.push_back(id);
    ++live_;
    if (!planned_) {
        segStart_ = std::max(now, readyMicros_);
        plan();
        return;
    }
    if (segStart_ >= now) {  // the plan starts at or after the arrival: redo it with it
        undoPlan();
        plan();
        return;
    }
    if (mixed_) return;  // one step already running; it joins at its end
    // Admission can only change at a finish (a segment end) unless this
    // request heads the queue and a slot and blocks are free now: KV only
    // fills within a segment. Otherwise the plan stands as it is.
    const auto running = decoding_ + static_cast<std::int64_t>(prefilling_.size());
    const std::int64_t need = paged_ ? blocksFor(s.promptTotal)
                                     : blocksFor(std::int64_t{s.request.inputTokens} + s.request.outputTokens);
    if (waiting_.size() > 1 || running >= spec_.maxNumSeqs ||
        totalBlocks_ - usedBlocks_ - need < watermarkBlocks_)
        return;
    // Cut the decode segment at the first boundary at or after `now`.
    std::int64_t m = stepsWithin(lines_, (now - segStart_) * 1e-6, segSteps_);
    while (m < segSteps_ && boundary(m) < now) ++m;
    while (m > 1 && boundary(m - 1) >= now) --m;
    if (m < segSteps_) {
        segSteps_ = m;
        segEnd_ = boundary(m);
    }
}

void LlmEngine::plan() {
    planned_ = false;
    if (live_ == 0) return;
    preemptForDecodes();
    buildChunks();
    if (!chunks_.empty()) {
        StepLoad load;
        load.decodeSeqs = static_cast<int>(decoding_);
        load.decodeContext = static_cast<double>(contextSum_);
        for (const Chunk& c : chunks_) {
            const double p = seqs_[c.seq].promptDone, t = c.tokens;
            load.prefillTokens += t;
            ++load.prefillChunks;
            load.prefillAttention += t * (p + t / 2.0);
            load.prefillContext += p;
        }
        mixedSeconds_ = steps_.stepSeconds(load);
        requirePositive(mixedSeconds_, "prefill step");
        mixed_ = true;
        segSteps_ = 1;
        segEnd_ = segStart_ + mixedSeconds_ * 1e6;
        planned_ = true;
        return;
    }
    if (decoding_ > 0) {
        planDecodeSegment();
        return;
    }
    throw std::logic_error("LLM engine: requests waiting but none admissible on an empty engine");
}

void LlmEngine::planDecodeSegment() {
    while (seqs_[finishHeap_.front().seq].version != finishHeap_.front().version) popHeap();
    std::int64_t n = finishHeap_.front().finishStep - step_ + 1;
    n = std::min(n, stepsBeforeShortfall(step_, totalBlocks_ - usedBlocks_, n));
    if (spec_.oracle) n = 1;
    lines_ = steps_.decodeLines(static_cast<int>(decoding_), static_cast<double>(contextSum_));
    requirePositive(lines_.at(0), "decode step");
    requirePositive(lines_.at(static_cast<double>(n - 1)), "decode step");
    mixed_ = false;
    segSteps_ = n;
    segEnd_ = boundary(n);
    planned_ = true;
}

// Undoes the admissions of a plan that has not started (its start instant
// gained an arrival); preemptions it made stay, they were due at that instant.
void LlmEngine::undoPlan() {
    if (planned_ && mixed_) {
        for (auto it = chunks_.rbegin(); it != chunks_.rend(); ++it) {
            if (!it->admitted) continue;
            Seq& s = seqs_[it->seq];
            usedBlocks_ -= s.reservedBlocks;
            s.state = State::Waiting;
            prefilling_.pop_back();  // admitted ones were appended in chunk order
            waiting_.push_front(it->seq);
        }
    }
    chunks_.clear();
    planned_ = false;
}

void LlmEngine::preemptForDecodes() {
    if (!paged_) return;
    while (decoding_ > 0 && needsAt(step_) > totalBlocks_ - usedBlocks_) {
        // The newest running sequence (vLLM's recompute preemption).
        std::uint32_t victim = 0;
        std::uint64_t newest = 0;
        bool found = false;
        for (const std::uint32_t id : prefilling_) {
            if (!found || seqs_[id].order > newest) victim = id, newest = seqs_[id].order, found = true;
        }
        for (const HeapEntry& e : finishHeap_) {
            const Seq& s = seqs_[e.seq];
            if (s.version != e.version) continue;
            if (!found || s.order > newest) victim = e.seq, newest = s.order, found = true;
        }
        preempt(victim);
    }
}

void LlmEngine::preempt(std::uint32_t id) {
    Seq& s = seqs_[id];
    usedBlocks_ -= heldBlocks(s);
    if (s.state == State::Decoding) {
        const std::int64_t len = kvLen(s);
        --phaseCount_[phaseOf(s.promptTotal - s.joinStep)];
        --decoding_;
        contextSum_ -= len;
        s.generated += static_cast<std::uint32_t>(step_ - s.joinStep);
        ++s.version;  // its heap entry is stale now
    } else {
        prefilling_.erase(std::find(prefilling_.begin(), prefilling_.end(), id));
    }
    // Recompute later: the prompt and every token generated so far.
    s.promptTotal = s.request.inputTokens + s.generated;
    s.promptDone = 0;
    s.state = State::Waiting;
    waiting_.push_front(id);
    ++stats_.preemptions;
}

void LlmEngine::buildChunks() {
    chunks_.clear();
    std::int64_t budget = spec_.maxNumBatchedTokens - decoding_;
    for (const std::uint32_t id : prefilling_) {
        if (budget <= 0) break;
        const Seq& s = seqs_[id];
        const std::int64_t left = s.promptTotal - s.promptDone;
        const std::int64_t tokens = spec_.chunkedPrefill ? std::min(left, budget) : left;
        chunks_.push_back({id, static_cast<std::uint32_t>(tokens), false});
        budget -= tokens;
    }
    while (!waiting_.empty() && admit(waiting_.front(), budget)) waiting_.pop_front();
}

bool LlmEngine::admit(std::uint32_t id, std::int64_t& budget) {
    const auto running = decoding_ + static_cast<std::int64_t>(prefilling_.size());
    if (running >= spec_.maxNumSeqs || budget <= 0) return false;
    Seq& s = seqs_[id];
    const std::int64_t prompt = s.promptTotal;
    // Without chunking a prompt needs the budget whole (alone, it may exceed it:
    // a recomputed sequence can be longer than maxNumBatchedTokens).
    if (!spec_.chunkedPrefill && prompt > budget && running > 0) return false;
    const std::int64_t need = paged_ ? blocksFor(prompt)
                                     : blocksFor(std::int64_t{s.request.inputTokens} + s.request.outputTokens);
    // The decoding sequences' blocks for this step come first.
    if (totalBlocks_ - usedBlocks_ - needsAt(step_) - need < watermarkBlocks_) return false;
    usedBlocks_ += need;
    s.reservedBlocks = static_cast<std::uint32_t>(need);
    s.state = State::Prefilling;
    s.promptDone = 0;
    prefilling_.push_back(id);
    const std::int64_t tokens = spec_.chunkedPrefill ? std::min(prompt, budget) : prompt;
    chunks_.push_back({id, static_cast<std::uint32_t>(tokens), true});
    budget -= tokens;
    return true;
}

void LlmEngine::complete(LlmFinishSink& sink) {
    const double duration = segEnd_ - segStart_;
    const auto d = static_cast<std::uint64_t>(decoding_);
    if (mixed_) {
        double prefilled = 0.0;
        for (const std::uint32_t id : prefilling_) prefilled += seqs_[id].promptDone;
        stats_.kvTokenMicros += (static_cast<double>(contextSum_) + prefilled) * duration;
        if (d > 0) stats_.itl.recordMany(secondsToSimTime(mixedSeconds_), d);
        if (paged_) usedBlocks_ += needsAt(step_);
        contextSum_ += decoding_;
        ++step_;
        ++stats_.steps;
        finishDecoders(sink);
        completeChunks(sink);
    } else {
        const auto n = segSteps_;
        stats_.kvTokenMicros += (static_cast<double>(contextSum_) + static_cast<double>(decoding_) * static_cast<double>(n - 1) / 2.0) * duration;
        recordSteps(lines_, n, d);
        if (paged_) usedBlocks_ += needsOver(step_, n);
        contextSum_ += decoding_ * n;
        step_ += n;
        stats_.steps += static_cast<std::uint64_t>(n);
        finishDecoders(sink);
    }
    segStart_ = segEnd_;
    plan();
}

void LlmEngine::finishDecoders(LlmFinishSink& sink) {
    while (!finishHeap_.empty()) {
        const HeapEntry top = finishHeap_.front();
        if (seqs_[top.seq].version != top.version) {
            popHeap();
            continue;
        }
        if (top.finishStep >= step_) break;
        popHeap();
        finishSeq(top.seq, sink);
    }
}

void LlmEngine::completeChunks(LlmFinishSink& sink) {
    for (const Chunk& c : chunks_) {
        Seq& s = seqs_[c.seq];
        s.promptDone += c.tokens;
        if (s.promptDone < s.promptTotal) continue;
        prefilling_.erase(std::find(prefilling_.begin(), prefilling_.end(), c.seq));
        ++s.generated;  // the prefill step emits a token
        if (s.firstTokenMicros < 0.0) s.firstTokenMicros = segEnd_;
        if (s.generated >= s.request.outputTokens) {
            finishSeq(c.seq, sink);
        } else {
            joinDecoding(c.seq);
        }
    }
    chunks_.clear();
}

void LlmEngine::joinDecoding(std::uint32_t id) {
    Seq& s = seqs_[id];
    s.state = State::Decoding;
    s.joinStep = step_;
    s.finishStep = step_ + (s.request.outputTokens - s.generated) - 1;
    if (paged_) ++phaseCount_[phaseOf(std::int64_t{s.promptTotal} - s.joinStep)];
    ++decoding_;
    contextSum_ += s.promptTotal;
    pushHeap({s.finishStep, s.order, id, s.version});
}

void LlmEngine::finishSeq(std::uint32_t id, LlmFinishSink& sink) {
    Seq& s = seqs_[id];
    usedBlocks_ -= heldBlocks(s);
    if (s.state == State::Decoding) {
        if (paged_) --phaseCount_[phaseOf(std::int64_t{s.promptTotal} - s.joinStep)];
        --decoding_;
        contextSum_ -= kvLen(s);
    }
    LlmFinish f;
    f.request = s.request;
    f.placedMicros = s.placedMicros;
    f.firstTokenMicros = s.firstTokenMicros;
    f.finishMicros = segEnd_;
    s.state = State::Free;
    ++s.version;
    freeSeqs_.push_back(id);
    --live_;
    sink.finished(f);
}

// One inter-token sample per sequence per step. Long segments are recorded a
// histogram bucket at a time: T(k) is linear on each piece, so the steps whose
// rounded time falls in one bucket form a run of k computed in closed form.
void LlmEngine::recordSteps(const StepLines& lines, std::int64_t n, std::uint64_t weight) {
    if (weight == 0 || n <= 0) return;
    if (n <= 16) {
        for (std::int64_t k = 0; k < n; ++k)
            stats_.itl.recordMany(secondsToSimTime(lines.at(static_cast<double>(k))), weight);
        return;
    }
    StepPiece pieces[2];
    const int count = stepPieces(lines, n, pieces);
    for (int i = 0; i < count; ++i) {
        const double a = pieces[i].a * 1e6, s = pieces[i].s * 1e6;
        for (std::int64_t k = pieces[i].from; k < pieces[i].to;) {
            const SimTime v = secondsToSimTime(pieces[i].a + pieces[i].s * static_cast<double>(k));
            std::int64_t next = pieces[i].to;
            const int b = LatencyHistogram::bucketOf(static_cast<std::uint64_t>(std::max<SimTime>(0, v)));
            if (s > 0.0) {
                const double high = static_cast<double>(LatencyHistogram::bucketLow(b) + LatencyHistogram::bucketWidth(b));
                next = static_cast<std::int64_t>(std::ceil((high - 0.5 - a) / s));
            } else if (s < 0.0) {
                const double low = static_cast<double>(LatencyHistogram::bucketLow(b));
                next = static_cast<std::int64_t>(std::floor((low - 0.5 - a) / s)) + 1;
            }
            next = std::clamp(next, k + 1, pieces[i].to);
            stats_.itl.recordMany(v, static_cast<std::uint64_t>(next - k) * weight);
            k = next;
        }
    }
}

}  // namespace breakeven
