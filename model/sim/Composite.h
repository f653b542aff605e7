#pragma once
// Composite alternatives (hybrid, split): a router in front of member pools
// that share one event loop, and the alternative's result as the sum of its
// members' (DESIGN.md "Router/cache").
#include <memory>
#include <vector>

#include "model/core/Rng.h"
#include "model/domain/Deployment.h"
#include "model/sim/InstancePool.h"

namespace breakeven {

class CompositeRouter {
public:
    CompositeRouter(const DeploymentSpec& alternative, std::vector<std::unique_ptr<InstancePool>> pools, Rng rng);

    void arrive(const Request& request) { pools_[route(request)]->arrive(request); }
    void handle(const Event& event) { pools_[event.pool()]->handle(event); }
    void endOfArrivals(SimTime windowEnd) {
        for (auto& p : pools_) p->endOfArrivals(windowEnd);
    }
    [[nodiscard]] SimTime lastCompletion() const;
    [[nodiscard]] std::vector<std::unique_ptr<InstancePool>>& pools() { return pools_; }

private:
    std::size_t route(const Request& request);

    const DeploymentSpec& spec_;
    std::vector<std::unique_ptr<InstancePool>> pools_;
    Rng rng_;
    std::vector<double> cumulativeWeights_;  // split by weight
};

// The alternative's result: counts summed, histograms merged, members kept.
DeploymentResult aggregateMembers(const DeploymentSpec& alternative, std::vector<DeploymentResult> members);

}  // namespace breakeven
