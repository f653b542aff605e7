#include "model/domain/Deployment.h"

namespace breakeven {

const char* toString(BillingScope scope) {
    switch (scope) {
    case BillingScope::PerRequestDuration: return "perRequestDuration";
    case BillingScope::InstanceActive: return "instanceActive";
    case BillingScope::InstanceLifetime: return "instanceLifetime";
    case BillingScope::Provisioned: return "provisioned";
    case BillingScope::NodeHours: return "nodeHours";
    }
    return "?";
}

const char* toString(Overflow overflow) {
    return overflow == Overflow::Reject ? "reject" : "queue";
}

const char* toString(Placement placement) {
    return placement == Placement::Packing ? "packing" : "leastLoaded";
}

const char* toString(DeploymentKind kind) {
    return kind == DeploymentKind::Function ? "function" : "dedicated";
}

const char* toString(Composite composite) {
    switch (composite) {
    case Composite::None: return "single";
    case Composite::Hybrid: return "hybrid";
    case Composite::Split: return "split";
    }
    return "?";
}

double DeploymentSpec::defaultGranularitySeconds(BillingScope scope) {
    switch (scope) {
    case BillingScope::PerRequestDuration: return 0.001;  // Lambda: 1 ms
    case BillingScope::InstanceActive: return 0.1;        // Cloud Run: 100 ms
    case BillingScope::InstanceLifetime: return 1.0;      // Modal, RunPod: 1 s
    case BillingScope::Provisioned: return 1.0;
    case BillingScope::NodeHours: return 1.0;             // EC2: per second
    }
    return 1.0;
}

double DeploymentSpec::defaultMinimumSeconds(BillingScope scope) {
    return scope == BillingScope::NodeHours ? 60.0 : 0.0;  // EC2 Linux: 1-minute minimum
}

Placement DeploymentSpec::defaultPlacement(DeploymentKind kind) {
    return kind == DeploymentKind::Function ? Placement::Packing : Placement::LeastLoaded;
}

}  // namespace breakeven
