#include "model/sim/InstancePool.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace breakeven {

namespace {
constexpr std::uint64_t kOrderMask = (std::uint64_t{1} << 40) - 1;
}

InstancePool::InstancePool(const DeploymentSpec& spec, Rng rng, EventQueue& events,
                           std::uint16_t poolId, bool timeline)
    : spec_(spec),
      rng_(rng),
      events_(events),
      poolId_(poolId),
      keepAliveMicros_(secondsToSimTime(spec.keepAliveSeconds)),
      queueTimeoutMicros_(secondsToSimTime(spec.queueTimeoutSeconds)),
      requestTimeoutMicros_(secondsToSimTime(spec.requestTimeoutSeconds)),
      granularityMicros_(std::max<SimTime>(1, secondsToSimTime(spec.billingGranularitySeconds))),
      minimumMicros_(secondsToSimTime(spec.billingMinimumSeconds)),
      inverseGranularity_(1.0 / static_cast<double>(granularityMicros_)),
      halfBelowGranularity_(static_cast<double>(granularityMicros_) - 0.5),
      slots_(spec.concurrencyPerInstance),
      packing_(spec.placement == Placement::Packing) {
    result_.name = spec.name;
    if (timeline) {
        arrivalsSeries_.enable();
        aliveSeries_.enable();
        busySeries_.enable();
        queueSeries_.enable();
    }
    if (spec.scaleUpPerSecond) scaleTokens_ = std::max(1.0, *spec.scaleUpPerSecond);
    if (spec.llm) initLlm();
    if (spec.autoscaling) initAutoscaling();
    // Min instances (provisioned concurrency, dedicated nodes) are warm from t=0.
    const int warm = spec.kind == DeploymentKind::Dedicated ? spec.nodes : spec.minInstances;
    for (int i = 0; i < warm; ++i) startInstance(0, StartKind::Provisioned);
}

std::uint64_t InstancePool::keyOf(const Instance& inst) const {
    const auto freeSlots = static_cast<std::uint64_t>(slots_ - inst.inFlight);
    return (freeSlots << 40) | (kOrderMask - inst.order);  // most free, then oldest
}

// Rounds up to the billing granularity, then applies the minimum. A 64-bit
// division costs more than the rest of a request's handling, so below 2^40 µs
// (12 days) the quotient comes from one multiply: floor((x + g - 1/2) / g)
// equals ceil(x / g) and stays at least 1/(2g) from an integer, far more than
// the double's rounding error there.
SimTime InstancePool::billed(SimTime micros) const {
    SimTime units;
    if (micros < (SimTime{1} << 40)) {
        units = static_cast<SimTime>((static_cast<double>(micros) + halfBelowGranularity_) *
                                     inverseGranularity_);
    } else {
        units = (micros + granularityMicros_ - 1) / granularityMicros_;
    }
    return std::max(units * granularityMicros_, minimumMicros_);
}

// The instance placement prefers, or -1 if none has a free slot. Expired idle
// instances met on the way are shut down at their expiry instant.
std::int64_t InstancePool::pickInstance(SimTime now) {
    while (!candidatesEmpty()) {
        const std::uint32_t id = bestCandidate();
        const Instance& inst = instances_[id];
        if (inst.inFlight == 0 && !inst.provisioned && now - inst.idleSince > keepAliveMicros_) {
            removeBestCandidate();
            shutdown(id, inst.idleSince + keepAliveMicros_);
            continue;
        }
        if (inst.inFlight >= slots_) return -1;  // leastLoaded: even the top is full
        return id;
    }
    return -1;
}

bool InstancePool::mayStartInstance(SimTime now) {
    if (aliveCount_ >= spec_.maxInstances) return false;
    if (!spec_.scaleUpPerSecond) return true;
    const double rate = *spec_.scaleUpPerSecond;
    const double capacity = std::max(1.0, rate);
    scaleTokens_ = std::min(capacity, scaleTokens_ + simTimeToSeconds(now - tokensAt_) * rate);
    tokensAt_ = now;
    if (scaleTokens_ < 1.0) return false;
    scaleTokens_ -= 1.0;
    return true;
}

std::uint32_t InstancePool::startInstance(SimTime now, StartKind kind) {
    std::uint32_t id;
    if (!freeIds_.empty()) {
        id = freeIds_.back();
        freeIds_.pop_back();
    } else {
        id = static_cast<std::uint32_t>(instances_.size());
        if (id >= Event::kMaxInstances)  // the parser bounds maxInstances below this
            throw std::runtime_error("more than 262144 instances alive in one pool");
        instances_.emplace_back();
        alive_.push_back(false);
        if (probe_) engines_.push_back(*probe_);
    }
    Instance& inst = instances_[id];
    inst = Instance{};
    inst.createdAt = now;
    inst.order = nextOrder_++;
    // Nodes are always-on capacity once started: they never idle out.
    inst.provisioned = kind == StartKind::Provisioned || kind == StartKind::Node;
    if (kind == StartKind::Provisioned) {
        inst.readyAt = now;  // warm from the start: no cold start is simulated
    } else if (kind == StartKind::Node) {
        inst.readyAt = now + spinUpMicros_;  // billed by lifetime: no INIT line
        ++result_.coldStarts;
        ++result_.coldStartsScaleOut;
    } else {
        const SimTime cold = secondsToSimTime(sampleColdStartSeconds());
        inst.readyAt = now + cold;
        inst.billStartUp = true;
        billedInit_ += cold > 0 ? billed(cold) : 0;
        ++result_.coldStarts;
        ++(aliveCount_ == 0 ? result_.coldStartsFromZero : result_.coldStartsScaleOut);
    }
    inst.idleSince = inst.readyAt;
    if (probe_) engines_[id].reset(static_cast<double>(inst.readyAt));
    alive_[id] = true;
    ++aliveCount_;
    result_.maxAlive = std::max(result_.maxAlive, aliveCount_);
    if (kind == StartKind::Early || kind == StartKind::Node) {
        inst.inRotation = false;
        warming_.push_back(id);
        events_.push(inst.readyAt, kInstanceReadyEvent, poolId_, id);
    } else {
        addCandidate(id);
    }
    return id;
}

void InstancePool::place(std::uint32_t id, const Request& request, SimTime now,
                         bool startedForIt) {
    if (probe_) {
        engineInstance_ = id;
        engines_[id].advanceTo(static_cast<double>(now), false, *this);
    }
    Instance& inst = instances_[id];
    const SimTime start = std::max(now, inst.readyAt);
    observeInFlight(now);
    ++inFlightTotal_;
    if (inst.inFlight++ == 0) {
        inst.busySince = start;
        inst.billFrom = inst.billStartUp ? inst.createdAt : start;
        inst.billStartUp = false;
    }
    if (!inst.inRotation) {
        // A warming instance is in no candidate set until it is ready.
    } else if (packing_) {
        if (inst.inFlight == slots_) packed_.removeTop();  // placement always uses the top
    } else {
        leastLoaded_.update(id, keyOf(inst));
    }
    ++result_.ledger.invocations;
    if (now == request.arrivalMicros) {
        ++zeroQueueDelays_;
    } else {
        result_.queueDelay.record(now - request.arrivalMicros);
    }
    // Cold: it made an instance start, or waits for one that is starting.
    const bool cold = startedForIt || start > now;
    if (cold) ++result_.coldRequests;
    if (probe_) {
        placeLlm(id, request, now);
        return;
    }
    const SimTime service = request.serviceMicros >= 0 && spec_.useTraceServiceTimes
                                ? request.serviceMicros
                                : secondsToSimTime(spec_.service.sample(rng_));
    const bool timedOut = service > requestTimeoutMicros_;
    const SimTime exec = timedOut ? requestTimeoutMicros_ : service;
    const SimTime done = start + exec;
    events_.push(done, EventKind::Completion, poolId_, id);
    if (timedOut) {
        execMicros_ += exec;
        (inst.provisioned ? billedReqProvisioned_ : billedReqOnDemand_) += billed(exec);
        ++result_.requestTimeouts;
        return;
    }
    record(request, exec, done, cold, inst.provisioned);
}

// A request that ran `exec` and finished at `done` within its timeout.
void InstancePool::record(const Request& request, SimTime exec, SimTime done, bool cold,
                          bool provisioned) {
    execMicros_ += exec;
    (provisioned ? billedReqProvisioned_ : billedReqOnDemand_) += billed(exec);
    ++result_.served;
    tokensIn_ += request.inputTokens;
    tokensOut_ += request.outputTokens;
    result_.latency.record(done - request.arrivalMicros);
    if (cold) result_.coldLatency.record(done - request.arrivalMicros);
}

bool InstancePool::placeOrStart(const Request& request, SimTime now) {
    if (const std::int64_t id = pickInstance(now); id >= 0) {
        place(static_cast<std::uint32_t>(id), request, now, false);
        if (earlyTarget_ > 0.0) scaleOutEarly(now);
        return true;
    }
    if (earlyTarget_ > 0.0 && placeOnWarming(request, now)) return true;
    if (!mayStartInstance(now)) return false;
    place(startInstance(now, StartKind::OnDemand), request, now, true);
    return true;
}

void InstancePool::arrive(const Request& request) {
    const SimTime now = request.arrivalMicros;
    ++result_.requests;
    arrivalsSeries_.addPoint(now);
    if (nodePool_ && !autoscaleTickPending_) scheduleAutoscaleTick(now);
    if (probe_ && !probe_->fitsAlone(request)) {  // no instance could ever hold it
        ++result_.rejected;
        ++result_.llm->tooLarge;
        return;
    }
    if (!queue_.empty()) {  // FIFO: nobody overtakes the queue
        overflow(request, now);
        drainQueue(now);
        return;
    }
    if (!placeOrStart(request, now)) overflow(request, now);
}

void InstancePool::overflow(const Request& request, SimTime now) {
    if (spec_.overflow == Overflow::Reject) {
        ++result_.rejected;
        return;
    }
    ++result_.queued;
    queue_.push_back(request);
    scheduleScaleTick(now);
}

void InstancePool::drainQueue(SimTime now) {
    while (!queue_.empty()) {
        const Request& head = queue_.front();
        const SimTime deadline = head.arrivalMicros + queueTimeoutMicros_;
        if (now > deadline) {
            ++result_.queueTimeouts;
            queueSeries_.addInterval(head.arrivalMicros, deadline);
            queue_.pop_front();
            continue;
        }
        if (!placeOrStart(head, now)) {
            scheduleScaleTick(now);
            return;
        }
        queueSeries_.addInterval(head.arrivalMicros, now);
        queue_.pop_front();
    }
}

// With a scale-up rate limit, a waiting queue must get its instances when
// the limit allows, not only when some request completes.
void InstancePool::scheduleScaleTick(SimTime now) {
    if (tickPending_ || !spec_.scaleUpPerSecond || aliveCount_ >= spec_.maxInstances) return;
    const double rate = *spec_.scaleUpPerSecond;
    const double missing = std::max(0.0, 1.0 - scaleTokens_ - simTimeToSeconds(now - tokensAt_) * rate);
    const auto wait = static_cast<SimTime>(std::ceil(missing / rate * 1e6));
    events_.push(now + std::max<SimTime>(1, wait), EventKind::ScaleTick, poolId_, 0);
    tickPending_ = true;
}

void InstancePool::handle(const Event& event) {
    if (event.kind() == kInstanceReadyEvent) {
        instanceReady(event.instance(), event.time);
        return;
    }
    if (event.kind() == EventKind::ScaleTick) {
        if (event.instance() == kAutoscaleTickInstance) {
            autoscaleTick(event.time);
            return;
        }
        tickPending_ = false;
        drainQueue(event.time);
        return;
    }
    if (event.kind() == EventKind::InstanceTimer) {
        handleLlmTimer(event);
        if (!queue_.empty()) drainQueue(event.time);
        return;
    }
    completeOne(event.instance(), event.time);
    if (!queue_.empty()) drainQueue(event.time);
}

void InstancePool::completeOne(std::uint32_t id, SimTime now) {
    Instance& inst = instances_[id];
    lastCompletion_ = std::max(lastCompletion_, now);
    observeInFlight(now);
    --inFlightTotal_;
    if (--inst.inFlight == 0) {
        const SimTime busy = now - inst.busySince;
        inst.busyMicros += busy;
        busyMicros_ += busy;
        billedActive_ += billed(now - inst.billFrom);
        busySeries_.addInterval(inst.busySince, now);
        inst.idleSince = now;
    }
    if (!inst.inRotation) {
        if (inst.draining && inst.inFlight == 0) {  // a removed node's last request
            --drainingCount_;
            shutdown(id, now);
        }
    } else if (packing_) {
        if (inst.inFlight == slots_ - 1) packed_.insert(id, inst.order);
    } else {
        leastLoaded_.update(id, keyOf(inst));
    }
}

void InstancePool::shutdown(std::uint32_t id, SimTime at) {
    const Instance& inst = instances_[id];
    const SimTime life = at - inst.createdAt;
    aliveMicros_ += life;
    startingMicros_ += inst.readyAt - inst.createdAt;
    readyMicrosTotal_ += std::max<SimTime>(0, at - inst.readyAt);
    billedLifetime_ += billed(life);
    if (inst.provisioned) {
        billedLifetimeProvisioned_ += billed(life);
        provisionedMicros_ += life;
        provisionedIdleMicros_ += life - inst.busyMicros;
    }
    aliveSeries_.addInterval(inst.createdAt, at);
    alive_[id] = false;
    --aliveCount_;
    freeIds_.push_back(id);
}

void InstancePool::finish(SimTime simEnd) {
    for (const Request& r : queue_) {  // cannot happen once all events ran; kept honest
        ++result_.queueTimeouts;
        queueSeries_.addInterval(r.arrivalMicros, std::min(simEnd, r.arrivalMicros + queueTimeoutMicros_));
    }
    queue_.clear();
    for (std::uint32_t id = 0; id < instances_.size(); ++id) {
        if (!alive_[id]) continue;
        const Instance& inst = instances_[id];
        // Idle tails past the end are not billed: in a month of repeated
        // windows they would merge into the next one.
        const SimTime end = inst.provisioned ? simEnd
                                             : std::min(inst.idleSince + keepAliveMicros_, simEnd);
        shutdown(id, std::max(end, inst.readyAt));
    }
    const double simSeconds = simTimeToSeconds(simEnd);
    DeploymentResult& r = result_;
    r.queueDelay.recordMany(0, zeroQueueDelays_);
    zeroQueueDelays_ = 0;
    const double alive = simTimeToSeconds(aliveMicros_);
    const double busy = simTimeToSeconds(busyMicros_);
    const double starting = simTimeToSeconds(startingMicros_);
    r.meanAlive = simSeconds > 0 ? alive / simSeconds : 0.0;
    r.meanBusy = simSeconds > 0 ? busy / simSeconds : 0.0;
    r.meanIdle = simSeconds > 0 ? (alive - busy - starting) / simSeconds : 0.0;
    r.lastCompletionMicros = lastCompletion_;

    fillLedger(simEnd);
    if (probe_) finishLlm(simEnd);

    r.timeline.arrivals = arrivalsSeries_.take(simEnd);
    r.timeline.alive = aliveSeries_.take(simEnd);
    r.timeline.busy = busySeries_.take(simEnd);
    r.timeline.queueLength = queueSeries_.take(simEnd);
}

// Everything a bill needs, in seconds, for the deployment's billing scope.
void InstancePool::fillLedger(SimTime simEnd) {
    const DeploymentResult& r = result_;
    UsageLedger& l = result_.ledger;
    const double simSeconds = simTimeToSeconds(simEnd);
    const double alive = simTimeToSeconds(aliveMicros_);
    const double busy = simTimeToSeconds(busyMicros_);
    const double starting = simTimeToSeconds(startingMicros_);
    l.platform = spec_.platform;
    l.instanceType = spec_.instanceType;
    l.architecture = spec_.architecture;
    l.ephemeralStorageMb = spec_.ephemeralStorageMb;
    l.inputTokens = tokensIn_;
    l.outputTokens = tokensOut_;
    l.billing = spec_.billing;
    l.billingGranularitySeconds = spec_.billingGranularitySeconds;
    l.billingMinimumSeconds = spec_.billingMinimumSeconds;
    l.memoryMb = spec_.memoryMb;
    l.vcpu = spec_.vcpu;
    l.gpu = spec_.gpu;
    l.gpuCount = spec_.gpuCount;
    l.requests = r.requests - r.rejected;
    l.requestSecondsRaw = simTimeToSeconds(execMicros_);
    l.billedRequestSecondsOnDemand = simTimeToSeconds(billedReqOnDemand_);
    l.billedRequestSecondsProvisioned = simTimeToSeconds(billedReqProvisioned_);
    l.billedInitSeconds = simTimeToSeconds(billedInit_);
    l.instanceAliveSeconds = alive;
    l.instanceStartingSeconds = starting;
    l.instanceBusySeconds = busy;
    l.instanceIdleSeconds = alive - busy - starting;
    l.billedActiveSeconds = simTimeToSeconds(billedActive_);
    l.billedLifetimeSeconds = simTimeToSeconds(billedLifetime_);
    l.billedLifetimeSecondsProvisioned = simTimeToSeconds(billedLifetimeProvisioned_);
    l.provisionedInstanceSeconds = simTimeToSeconds(provisionedMicros_);
    l.provisionedIdleSeconds = simTimeToSeconds(provisionedIdleMicros_);
    if (nodePool_) {  // each node's life, from the scale-up decision, rounded per node
        l.nodeSeconds = alive;
        l.billedNodeSeconds = simTimeToSeconds(billedLifetime_);
    } else if (spec_.kind == DeploymentKind::Dedicated) {
        l.nodeSeconds = spec_.nodes * simSeconds;
        l.billedNodeSeconds = spec_.nodes * simTimeToSeconds(billed(simEnd));
    }
    l.gpuSeconds = alive * spec_.gpuCount;
    l.coldStarts = r.coldStarts;

}

}  // namespace breakeven
