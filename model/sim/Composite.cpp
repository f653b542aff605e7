#include "model/sim/Composite.h"

#include <algorithm>

namespace breakeven {

CompositeRouter::CompositeRouter(const DeploymentSpec& alternative,
                                 std::vector<std::unique_ptr<InstancePool>> pools, Rng rng)
    : spec_(alternative), pools_(std::move(pools)), rng_(rng) {
    double sum = 0.0;
    for (const SplitRoute& r : spec_.routes) sum += r.weight;
    double acc = 0.0;
    for (const SplitRoute& r : spec_.routes) {
        acc += r.weight;
        cumulativeWeights_.push_back(sum > 0.0 ? acc / sum : 0.0);
    }
}

std::size_t CompositeRouter::route(const Request& request) {
    if (spec_.composite == Composite::Hybrid) {
        // The baseline takes a request while it is below the threshold and
        // nobody waits in its queue; a baseline with no capacity yet (a
        // function pool at zero) takes it too and scales itself.
        const InstancePool& baseline = *pools_[0];
        const auto capacity = static_cast<double>(baseline.slotCapacity());
        const bool baselineTakes =
            baseline.queueEmpty() &&
            (capacity == 0.0 || static_cast<double>(baseline.inFlight()) < spec_.thresholdUtilization * capacity);
        return baselineTakes ? 0 : 1;
    }
    if (!spec_.routes.empty() && spec_.routes.front().minInputTokens) {
        std::size_t best = 0;
        for (std::size_t i = 0; i < spec_.routes.size(); ++i)
            if (request.inputTokens >= *spec_.routes[i].minInputTokens) best = i;
        return best;
    }
    const double u = rng_.uniform01();
    const auto it = std::upper_bound(cumulativeWeights_.begin(), cumulativeWeights_.end(), u);
    return std::min<std::size_t>(static_cast<std::size_t>(it - cumulativeWeights_.begin()), pools_.size() - 1);
}

SimTime CompositeRouter::lastCompletion() const {
    SimTime last = 0;
    for (const auto& p : pools_) last = std::max(last, p->lastCompletion());
    return last;
}

namespace {
void addSeries(std::vector<double>& into, const std::vector<double>& add) {
    if (into.size() < add.size()) into.resize(add.size(), 0.0);
    for (std::size_t i = 0; i < add.size(); ++i) into[i] += add[i];
}

void mergeLlm(LlmMetrics& into, const LlmMetrics& m, double alive, double& aliveWeight) {
    into.ttft.merge(m.ttft);
    into.tpot.merge(m.tpot);
    into.itl.merge(m.itl);
    into.coldTtft.merge(m.coldTtft);
    into.coldTpot.merge(m.coldTpot);
    into.good += m.good;
    into.outputTokens += m.outputTokens;
    into.preemptions += m.preemptions;
    into.tooLarge += m.tooLarge;
    into.steps += m.steps;
    into.outputTokensPerSecond += m.outputTokensPerSecond;
    into.kvCapacityTokens = std::max(into.kvCapacityTokens, m.kvCapacityTokens);
    into.kvUtilization += m.kvUtilization * alive;  // normalised by the caller
    aliveWeight += alive;
    into.ttftSloSeconds = m.ttftSloSeconds;
    into.tpotSloSeconds = m.tpotSloSeconds;
}

void addCounts(DeploymentResult& r, const DeploymentResult& m) {
    r.requests += m.requests;
    r.served += m.served;
    r.queued += m.queued;
    r.rejected += m.rejected;
    r.queueTimeouts += m.queueTimeouts;
    r.requestTimeouts += m.requestTimeouts;
    r.coldStarts += m.coldStarts;
    r.coldStartsFromZero += m.coldStartsFromZero;
    r.coldStartsScaleOut += m.coldStartsScaleOut;
    r.coldRequests += m.coldRequests;
    r.latency.merge(m.latency);
    r.coldLatency.merge(m.coldLatency);
    r.queueDelay.merge(m.queueDelay);
    r.meanAlive += m.meanAlive;
    r.meanBusy += m.meanBusy;
    r.meanIdle += m.meanIdle;
    r.maxAlive += m.maxAlive;
    r.windowSeconds = std::max(r.windowSeconds, m.windowSeconds);
    r.simulatedSeconds = std::max(r.simulatedSeconds, m.simulatedSeconds);
    r.lastCompletionMicros = std::max(r.lastCompletionMicros, m.lastCompletionMicros);
}
}  // namespace

DeploymentResult aggregateMembers(const DeploymentSpec& alternative, std::vector<DeploymentResult> members) {
    DeploymentResult r;
    r.name = alternative.name;
    r.composite = alternative.composite;
    r.ledger.platform = "composite";
    double aliveWeight = 0.0;
    for (const DeploymentResult& m : members) {
        addCounts(r, m);
        if (m.llm) {
            if (!r.llm) r.llm.emplace();
            mergeLlm(*r.llm, *m.llm, m.meanAlive, aliveWeight);
        }
        for (const FeasibilityFinding& f : m.feasibility)
            r.feasibility.push_back({f.code, m.name + ": " + f.message, f.severity});
        addSeries(r.timeline.arrivals, m.timeline.arrivals);
        addSeries(r.timeline.alive, m.timeline.alive);
        addSeries(r.timeline.busy, m.timeline.busy);
        addSeries(r.timeline.queueLength, m.timeline.queueLength);
    }
    if (r.llm) {
        r.llm->kvUtilization = aliveWeight > 0.0 ? r.llm->kvUtilization / aliveWeight : 0.0;
        r.llm->goodputFraction =
            r.requests > 0 ? static_cast<double>(r.llm->good) / static_cast<double>(r.requests) : 0.0;
    }
    r.members = std::move(members);
    return r;
}

}  // namespace breakeven
