#pragma once
// The instances of one deployment: placement, cold starts, keep-alive,
// min/max instances, scale-up rate, overflow queue, request timeout, and the
// usage ledger. Semantics: DESIGN.md "Instance pool per deployment".
//
// Keep-alive expiry is lazy: an idle instance is shut down (at exactly
// idleSince + keepAlive) when placement next looks at it, or at the end of
// the run. Placement only ever inspects the heap top and only creates an
// instance once no usable one is left, so alive counts seen by cold-start
// and max-instance decisions are exact — and no expiry events are needed.
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "model/core/Rng.h"
#include "model/domain/Deployment.h"
#include "model/domain/Request.h"
#include "model/sim/Autoscaler.h"
#include "model/sim/EventQueue.h"
#include "model/sim/InstanceHeap.h"
#include "model/sim/LlmEngine.h"
#include "model/sim/PackingSet.h"
#include "model/sim/Result.h"
#include "model/sim/Timeline.h"

namespace breakeven {

class InstancePool final : private LlmFinishSink {
public:
    InstancePool(const DeploymentSpec& spec, Rng rng, EventQueue& events,
                 std::uint16_t poolId, bool timeline);

    void arrive(const Request& request);
    void handle(const Event& event);
    // The source has no more arrivals; `windowEnd` is the workload's window.
    // A node-pool autoscaler stops evaluating once past it and idle.
    void endOfArrivals(SimTime windowEnd);
    // Shuts every instance down (idle tails end at simEnd) and fills the result.
    void finish(SimTime simEnd);

    [[nodiscard]] SimTime lastCompletion() const { return lastCompletion_; }
    // Instantaneous state, for routers in front of the pool.
    [[nodiscard]] std::int64_t inFlight() const { return inFlightTotal_; }
    [[nodiscard]] std::int64_t slotCapacity() const { return std::int64_t{aliveCount_} * slots_; }
    [[nodiscard]] bool queueEmpty() const { return queue_.empty(); }
    [[nodiscard]] DeploymentResult& result() { return result_; }

private:
    struct Instance {
        SimTime createdAt = 0;
        SimTime readyAt = 0;
        SimTime idleSince = 0;
        SimTime busySince = 0;  // start of the current busy interval
        SimTime billFrom = 0;   // same, but including start-up for a fresh instance
        SimTime busyMicros = 0;
        std::uint64_t order = 0;  // creation sequence: packing prefers the newest
        std::int32_t inFlight = 0;
        bool provisioned = false;
        bool billStartUp = false;  // the first busy interval bills the start-up
        // Autoscaling: a warming (early-started instance, spinning-up node)
        // or draining node is no placement candidate.
        bool inRotation = true;
        bool draining = false;
        SimTime timerAt = -1;      // LLM: the pending engine timer, -1 = none
    };

    std::uint64_t keyOf(const Instance& inst) const;
    [[nodiscard]] bool candidatesEmpty() const { return packing_ ? packed_.empty() : leastLoaded_.empty(); }
    [[nodiscard]] std::uint32_t bestCandidate() const { return packing_ ? packed_.top() : leastLoaded_.top(); }
    void removeBestCandidate() { packing_ ? packed_.removeTop() : leastLoaded_.removeTop(); }
    void addCandidate(std::uint32_t id) {
        if (packing_) packed_.insert(id, instances_[id].order); else leastLoaded_.insert(id, keyOf(instances_[id]));
    }
    std::int64_t pickInstance(SimTime now);
    bool mayStartInstance(SimTime now);
    // OnDemand: for a request, after a cold start; Provisioned: warm from
    // t=0; Early: targetUtilization scale-out; Node: node-pool spin-up.
    enum class StartKind { OnDemand, Provisioned, Early, Node };
    std::uint32_t startInstance(SimTime now, StartKind kind);
    void place(std::uint32_t id, const Request& request, SimTime now, bool startedForIt);
    void completeOne(std::uint32_t id, SimTime now);
    void record(const Request& request, SimTime exec, SimTime done, bool cold, bool provisioned);
    // LLM engines (InstancePoolLlm.cpp).
    void initLlm();
    double sampleColdStartSeconds();
    void placeLlm(std::uint32_t id, const Request& request, SimTime now);
    void handleLlmTimer(const Event& event);
    void scheduleLlmTimer(std::uint32_t id);
    void finished(const LlmFinish& finish) override;
    void finishLlm(SimTime simEnd);
    void shutdown(std::uint32_t id, SimTime at);
    bool placeOrStart(const Request& request, SimTime now);
    void overflow(const Request& request, SimTime now);
    void drainQueue(SimTime now);
    void scheduleScaleTick(SimTime now);
    SimTime billed(SimTime micros) const;
    void fillLedger(SimTime simEnd);
    // Autoscaling policies (Autoscaler.cpp).
    void initAutoscaling();
    void scaleOutEarly(SimTime now);
    bool placeOnWarming(const Request& request, SimTime now);
    void instanceReady(std::uint32_t id, SimTime now);
    void autoscaleTick(SimTime now);
    void scheduleAutoscaleTick(SimTime now);
    void removeNodes(int count, SimTime now);
    void observeInFlight(SimTime now) {
        if (nodePool_) nodePool_->observe(now, inFlightTotal_);
    }

    DeploymentSpec spec_;
    Rng rng_;
    EventQueue& events_;
    std::uint16_t poolId_;

    // Parameters in microseconds.
    SimTime keepAliveMicros_, queueTimeoutMicros_, requestTimeoutMicros_;
    SimTime granularityMicros_, minimumMicros_;
    double inverseGranularity_, halfBelowGranularity_;  // division-free rounding
    std::int32_t slots_;
    bool packing_;

    std::vector<Instance> instances_;
    std::vector<std::uint32_t> freeIds_;
    std::vector<bool> alive_;
    // Candidates for placement. packing: instances with a free slot, newest
    // last; leastLoaded: all alive instances by free slots, then age.
    PackingSet packed_;
    InstanceHeap leastLoaded_;
    std::uint64_t nextOrder_ = 0;
    int aliveCount_ = 0;
    std::int64_t inFlightTotal_ = 0;

    std::deque<Request> queue_;
    bool tickPending_ = false;
    double scaleTokens_ = 0.0;
    SimTime tokensAt_ = 0;

    SimTime lastCompletion_ = 0;
    std::uint64_t zeroQueueDelays_ = 0;
    std::uint64_t tokensIn_ = 0, tokensOut_ = 0;  // of served requests  // folded into result_.queueDelay at the end
    // Exact integer sums, converted to seconds once at the end.
    SimTime aliveMicros_ = 0, startingMicros_ = 0, busyMicros_ = 0, execMicros_ = 0;
    SimTime billedReqOnDemand_ = 0, billedReqProvisioned_ = 0, billedInit_ = 0;
    SimTime billedActive_ = 0, billedLifetime_ = 0, billedLifetimeProvisioned_ = 0,
            provisionedMicros_ = 0,
            provisionedIdleMicros_ = 0;

    // LLM engines, one per instance slot (none for classic services).
    std::unique_ptr<StepTimeModel> stepModel_;
    std::unique_ptr<LlmStats> llmStats_;
    std::vector<LlmEngine> engines_;
    std::unique_ptr<LlmEngine> probe_;  // admission limits of an empty engine
    std::uint32_t engineInstance_ = 0;  // whose engine is reporting finishes
    SimTime readyMicrosTotal_ = 0;      // ready (alive, not starting) instance time

    // Autoscaling (none: earlyTarget_ 0, no nodePool_, nothing warming).
    double earlyTarget_ = 0.0;
    std::unique_ptr<NodePoolAutoscaler> nodePool_;
    std::vector<std::uint32_t> warming_;  // started, not yet ready, out of rotation
    SimTime spinUpMicros_ = 0;
    int drainingCount_ = 0;
    bool autoscaleTickPending_ = false;
    bool arrivalsEnded_ = false;
    SimTime windowEndMicros_ = 0;

    DeploymentResult result_;
    MinuteSeries arrivalsSeries_, aliveSeries_, busySeries_, queueSeries_;
};

}  // namespace breakeven
