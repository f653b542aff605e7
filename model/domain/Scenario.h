#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "model/domain/Deployment.h"
#include "model/domain/Workload.h"

namespace breakeven {

// A scenario: one workload seen in full by every deployment (the
// alternatives compared side by side). Composite alternatives (hybrid,
// split) will extend `deployments` with kinds of their own.
struct Scenario {
    static constexpr int kSchemaVersion = 1;

    int schemaVersion = kSchemaVersion;
    std::string name;
    std::uint64_t seed = 42;
    WorkloadSpec workload;
    std::vector<DeploymentSpec> deployments;
};

}  // namespace breakeven
