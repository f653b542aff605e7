#pragma once
// Scaling policies on an instance pool (DESIGN.md "Instance pool per
// deployment", docs/scenario-format.md "Autoscaling"). The pool executes
// the decisions (InstancePool's policy members live in Autoscaler.cpp);
// without a policy none of this runs.
//
// targetUtilization (function pools, Cloud Run's default 0.6): after a
// request is placed on a warm slot, a new instance starts when in-flight
// requests / slots of alive instances (starting ones included) exceed the
// target. It takes requests only once ready, unless no warm slot is left.
//
// nodePool (dedicated): every evaluationSeconds, on a fixed grid, the mean
// number of busy slots over the last period gives the HPA-style desired
// count ceil(meanBusySlots / (slotsPerNode x target)), clamped to
// [minNodes, maxNodes]. Above the current count (ready + spinning up) the
// missing nodes start at once, billed from the decision and taking requests
// after spinUpSeconds. Below it for cooldownSeconds (and as long after the
// last scale-up), the count drops to the highest desired count seen in that
// time: idle nodes go first, a busy node stops taking requests and shuts
// down when its last one completes.
#include <cstdint>
#include <optional>

#include "model/core/SimTime.h"
#include "model/domain/Deployment.h"
#include "model/sim/EventQueue.h"

namespace breakeven {

// EventQueue's kinds 0-2 are taken; the pool's policies use the last one,
// with the instance field naming the instance that becomes ready.
inline constexpr EventKind kInstanceReadyEvent = static_cast<EventKind>(3);
// ScaleTick events carry 0 (scale-up rate limit) or this (an evaluation).
inline constexpr std::uint32_t kAutoscaleTickInstance = 1;

class NodePoolAutoscaler {
public:
    NodePoolAutoscaler(const AutoscalingSpec& spec, int slotsPerNode);

    [[nodiscard]] SimTime periodMicros() const { return periodMicros_; }
    [[nodiscard]] int minNodes() const { return spec_.minNodes; }
    // The first evaluation instant strictly after `now` on the grid.
    [[nodiscard]] SimTime nextEvaluation(SimTime now) const { return (now / periodMicros_ + 1) * periodMicros_; }
    // Integrates busy slots; called before the in-flight count changes.
    void observe(SimTime now, std::int64_t inFlight) {
        busyArea_ += static_cast<double>(inFlight) * static_cast<double>(now - observedAt_);
        observedAt_ = now;
    }
    // An evaluation at `now`: nodes to add (> 0) or remove (< 0).
    int evaluate(SimTime now, std::int64_t inFlight, int currentNodes);

private:
    AutoscalingSpec spec_;
    int slotsPerNode_;
    SimTime periodMicros_, cooldownMicros_;
    double busyArea_ = 0.0;  // slot-microseconds since the last evaluation
    SimTime observedAt_ = 0;
    std::optional<SimTime> lastScaleUp_;
    std::optional<SimTime> belowSince_;  // desired < current at every evaluation since
    int highestDesiredBelow_ = 0;
};

// targetUtilization: would the pool, with this many in flight, be above target?
inline bool aboveTarget(std::int64_t inFlight, int alive, int slots, double target) {
    return static_cast<double>(inFlight) > target * static_cast<double>(alive) * static_cast<double>(slots);
}

}  // namespace breakeven
