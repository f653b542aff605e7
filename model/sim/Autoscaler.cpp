// The node-pool autoscaler's decisions, and the InstancePool members that
// carry out both policies (semantics: Autoscaler.h).
#include "model/sim/Autoscaler.h"

#include <algorithm>
#include <cmath>

#include "model/sim/InstancePool.h"

namespace breakeven {

NodePoolAutoscaler::NodePoolAutoscaler(const AutoscalingSpec& spec, int slotsPerNode)
    : spec_(spec),
      slotsPerNode_(slotsPerNode),
      periodMicros_(std::max<SimTime>(1, secondsToSimTime(spec.evaluationSeconds))),
      cooldownMicros_(secondsToSimTime(spec.cooldownSeconds)) {}

int NodePoolAutoscaler::evaluate(SimTime now, std::int64_t inFlight, int currentNodes) {
    observe(now, inFlight);
    // Evaluations sit on a fixed grid and pause only while the pool is idle
    // (no busy slot), so the area always belongs to the last period.
    const double meanBusySlots = busyArea_ / static_cast<double>(periodMicros_);
    busyArea_ = 0.0;
    // The HPA rule; the epsilon keeps an exact ratio (4.0000000001) from
    // asking for one more node than the arithmetic means.
    const double ratio = meanBusySlots / (static_cast<double>(slotsPerNode_) * spec_.targetUtilization);
    const int desired = std::clamp(static_cast<int>(std::ceil(ratio - 1e-9)), spec_.minNodes, spec_.maxNodes);
    if (desired > currentNodes) {
        lastScaleUp_ = now;
        belowSince_.reset();
        return desired - currentNodes;
    }
    if (desired == currentNodes) {
        belowSince_.reset();
        return 0;
    }
    if (!belowSince_) {
        belowSince_ = now;
        highestDesiredBelow_ = desired;
    }
    highestDesiredBelow_ = std::max(highestDesiredBelow_, desired);
    const bool cooled = now - *belowSince_ >= cooldownMicros_ &&
                        (!lastScaleUp_ || now - *lastScaleUp_ >= cooldownMicros_);
    if (!cooled) return 0;
    belowSince_.reset();
    return highestDesiredBelow_ - currentNodes;
}

void InstancePool::initAutoscaling() {
    const AutoscalingSpec& a = *spec_.autoscaling;
    if (a.policy == AutoscalingPolicy::TargetUtilization) {
        earlyTarget_ = a.targetUtilization;
        return;
    }
    nodePool_ = std::make_unique<NodePoolAutoscaler>(a, slots_);
    spinUpMicros_ = secondsToSimTime(a.spinUpSeconds);
}

// targetUtilization, after a request took a warm slot.
void InstancePool::scaleOutEarly(SimTime now) {
    if (!aboveTarget(inFlightTotal_, aliveCount_, slots_, earlyTarget_)) return;
    if (mayStartInstance(now)) startInstance(now, StartKind::Early);
}

// No warm slot: an early-started instance with room takes the request (it
// would wait for a fresh one anyway), the one ready first.
bool InstancePool::placeOnWarming(const Request& request, SimTime now) {
    std::int64_t best = -1;
    for (const std::uint32_t id : warming_) {
        const Instance& inst = instances_[id];
        if (inst.inFlight >= slots_) continue;
        if (best < 0 || inst.readyAt < instances_[static_cast<std::uint32_t>(best)].readyAt) best = id;
    }
    if (best < 0) return false;
    place(static_cast<std::uint32_t>(best), request, now, false);
    return true;
}

void InstancePool::instanceReady(std::uint32_t id, SimTime now) {
    const auto it = std::find(warming_.begin(), warming_.end(), id);
    if (it == warming_.end()) return;
    warming_.erase(it);
    Instance& inst = instances_[id];
    inst.inRotation = true;
    if (!packing_) {
        leastLoaded_.insert(id, keyOf(inst));
    } else if (inst.inFlight < slots_) {
        packed_.insert(id, inst.order);
    }
    if (!queue_.empty()) drainQueue(now);
}

void InstancePool::scheduleAutoscaleTick(SimTime now) {
    events_.push(nodePool_->nextEvaluation(now), EventKind::ScaleTick, poolId_, kAutoscaleTickInstance);
    autoscaleTickPending_ = true;
}

void InstancePool::autoscaleTick(SimTime now) {
    autoscaleTickPending_ = false;
    const int current = aliveCount_ - drainingCount_;
    const int change = nodePool_->evaluate(now, inFlightTotal_, current);
    for (int i = 0; i < change; ++i) startInstance(now, StartKind::Node);
    if (change < 0) removeNodes(-change, now);
    // Evaluate again while anything can still change: load, nodes on their
    // way in or out, or more nodes than the minimum before the window ends.
    // An arrival restarts the evaluations after an idle pause.
    const bool busy = inFlightTotal_ > 0 || !queue_.empty();
    const bool settling = !warming_.empty() || drainingCount_ > 0 ||
                          (aliveCount_ - drainingCount_ > nodePool_->minNodes() &&
                           !(arrivalsEnded_ && now >= windowEndMicros_));
    if (busy || settling) scheduleAutoscaleTick(now);
}

// Idle nodes first (newest first), then the least busy, which stop taking
// requests and shut down once their last one completes. Spinning-up nodes
// are left to arrive.
void InstancePool::removeNodes(int count, SimTime now) {
    std::vector<std::uint32_t> ready;
    for (std::uint32_t id = 0; id < instances_.size(); ++id)
        if (alive_[id] && instances_[id].inRotation) ready.push_back(id);
    std::sort(ready.begin(), ready.end(), [&](std::uint32_t a, std::uint32_t b) {
        const Instance& x = instances_[a];
        const Instance& y = instances_[b];
        return x.inFlight != y.inFlight ? x.inFlight < y.inFlight : x.order > y.order;
    });
    const auto n = std::min<std::size_t>(static_cast<std::size_t>(count), ready.size());
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t id = ready[i];
        Instance& inst = instances_[id];
        leastLoaded_.remove(id);  // nodePool requires leastLoaded placement
        inst.inRotation = false;
        if (inst.inFlight == 0) {
            shutdown(id, now);
        } else {
            inst.draining = true;
            ++drainingCount_;
        }
    }
}

void InstancePool::endOfArrivals(SimTime windowEnd) {
    arrivalsEnded_ = true;
    windowEndMicros_ = windowEnd;
}

}  // namespace breakeven
