// The instance pool's LLM side: one continuous-batching engine per instance,
// advanced lazily. Each instance keeps at most one useful timer: the end of
// its engine's planned segment; a timer made stale by a later plan fires
// harmlessly (advancing to it finds nothing due).
#include <algorithm>
#include <cmath>

#include "model/sim/InstancePool.h"
#include "model/sim/LlmColdStart.h"

namespace breakeven {

namespace {
SimTime ceilMicros(double micros) { return static_cast<SimTime>(std::ceil(micros)); }
SimTime roundMicros(double micros) { return static_cast<SimTime>(std::llround(micros)); }
}  // namespace

void InstancePool::initLlm() {
    const LlmServiceSpec& llm = *spec_.llm;
    stepModel_ = std::make_unique<StepTimeModel>(StepTimeModel::forService(llm));
    llmStats_ = std::make_unique<LlmStats>();
    probe_ = std::make_unique<LlmEngine>(llm, *stepModel_, *llmStats_);
    result_.llm.emplace();
    result_.llm->kvCapacityTokens = probe_->kvCapacityTokens();
    result_.llm->ttftSloSeconds = llm.ttftSloSeconds;
    result_.llm->tpotSloSeconds = llm.tpotSloSeconds;
    result_.llm->coldStartComponents = llm.coldStart.has_value();
}

// An LLM service with cold-start components draws them (and keeps their
// sums to say which one dominates); anything else uses `coldStart`.
double InstancePool::sampleColdStartSeconds() {
    if (!spec_.llm || !spec_.llm->coldStart) return spec_.coldStart.sample(rng_);
    const LlmColdStartTimes t = sampleLlmColdStart(*spec_.llm, rng_);
    LlmMetrics& m = *result_.llm;
    for (int p = 0; p < kLlmColdStartParts; ++p)
        m.coldStartPartSeconds[static_cast<std::size_t>(p)] += t.seconds(static_cast<LlmColdStartPart>(p));
    return t.totalSeconds();
}

void InstancePool::placeLlm(std::uint32_t id, const Request& request, SimTime now) {
    engines_[id].add(request, static_cast<double>(now));
    scheduleLlmTimer(id);
}

void InstancePool::scheduleLlmTimer(std::uint32_t id) {
    const LlmEngine& engine = engines_[id];
    if (engine.idle()) return;
    Instance& inst = instances_[id];
    const SimTime want = ceilMicros(engine.segmentEnd());
    if (inst.timerAt >= 0 && inst.timerAt <= want) return;
    events_.push(want, EventKind::InstanceTimer, poolId_, id);
    inst.timerAt = want;
}

void InstancePool::handleLlmTimer(const Event& event) {
    const std::uint32_t id = event.instance();
    if (!alive_[id]) return;  // a stale timer of an instance since shut down
    Instance& inst = instances_[id];
    if (inst.timerAt == event.time) inst.timerAt = -1;
    engineInstance_ = id;
    engines_[id].advanceTo(static_cast<double>(event.time), true, *this);
    scheduleLlmTimer(id);
}

void InstancePool::finished(const LlmFinish& f) {
    const std::uint32_t id = engineInstance_;
    const Instance& inst = instances_[id];
    const bool provisioned = inst.provisioned;
    const bool cold = f.placedMicros < static_cast<double>(inst.readyAt);
    const SimTime done = ceilMicros(f.finishMicros);
    const double start = std::max(f.placedMicros, static_cast<double>(inst.readyAt));
    const SimTime exec = roundMicros(f.finishMicros - start);
    completeOne(id, done);
    LlmMetrics& m = *result_.llm;
    if (exec > requestTimeoutMicros_) {  // ran to the end, but the caller gave up: billed, failed
        execMicros_ += exec;
        (provisioned ? billedReqProvisioned_ : billedReqOnDemand_) += billed(exec);
        ++result_.requestTimeouts;
        return;
    }
    const Request& r = f.request;
    record(r, exec, roundMicros(f.finishMicros - static_cast<double>(r.arrivalMicros)) + r.arrivalMicros,
           cold, provisioned);
    const double arrival = static_cast<double>(r.arrivalMicros);
    const SimTime ttft = roundMicros(f.firstTokenMicros - arrival);
    m.ttft.record(ttft);
    if (cold) m.coldTtft.record(ttft);
    bool good = ttft <= secondsToSimTime(m.ttftSloSeconds);
    const std::uint32_t outputs = std::max<std::uint32_t>(1, r.outputTokens);
    m.outputTokens += outputs;
    if (outputs > 1) {
        const SimTime tpot = roundMicros((f.finishMicros - f.firstTokenMicros) / (outputs - 1));
        m.tpot.record(tpot);
        if (cold) m.coldTpot.record(tpot);
        good = good && tpot <= secondsToSimTime(m.tpotSloSeconds);
    }
    if (good) ++m.good;
}

// Engines must run even without arrivals: the pool's own loop delivers their
// timers, so by finish() every engine is idle.
void InstancePool::finishLlm(SimTime simEnd) {
    LlmMetrics& m = *result_.llm;
    m.itl = llmStats_->itl;
    m.preemptions = llmStats_->preemptions;
    m.steps = llmStats_->steps;
    const double readyTokenMicros = m.kvCapacityTokens * static_cast<double>(readyMicrosTotal_);
    m.kvUtilization = readyTokenMicros > 0.0 ? llmStats_->kvTokenMicros / readyTokenMicros : 0.0;
    m.goodputFraction = result_.requests > 0 ? static_cast<double>(m.good) / static_cast<double>(result_.requests) : 0.0;
    const double seconds = simTimeToSeconds(std::max(simEnd, SimTime{1}));
    m.outputTokensPerSecond = static_cast<double>(m.outputTokens) / seconds;
}

}  // namespace breakeven
