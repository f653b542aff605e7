// Google Cloud Run: request-based billing (scope instanceActive) and
// instance-based billing (scope instanceLifetime, GPUs).
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "pricing/PricingInternal.h"

namespace breakeven::pricing::detail {

namespace {

constexpr double kMillion = 1e6;
constexpr double kMibPerGib = 1024.0;

// Free allowance of one billing mode: the platform entry holds the
// request-based one, "gcp-cloud-run.instance-based" the instance-based one.
const FreeTier* freeTierOf(const std::string& modeId, Bill& bill) {
    const auto it = bill.prices().platforms.find(modeId);
    if (it == bill.prices().platforms.end()) {
        bill.assume("no free tier for '" + modeId + "' in the price set: none deducted");
        return nullptr;
    }
    return &it->second.freeTier;
}

// Google applies the free tier "as a spending based discount using Tier 1
// pricing", so it is a credit line at the Tier 1 rate whatever the region.
void addCredit(const std::string& what, double used, double allowance, const std::string& tier1Id,
               double unitDivisor, Bill& bill) {
    const double covered = std::min(used, allowance);
    if (covered <= 0.0) return;
    if (const PriceItem* row = bill.row(tier1Id, "free tier credit"))
        bill.addCredit(
            fmt::format("free tier: {} ({} at the Tier 1 rate)", what, grouped(allowance)),
            covered / unitDivisor, *row);
}

void addIfUsed(const std::string& item, double quantity, const std::string& id, Bill& bill) {
    if (quantity <= 0.0) return;
    if (const PriceItem* row = bill.row(id, item)) bill.add(item, quantity, *row);
}

void requestBased(const UsageLedger& l, const Usage& u, const PricingOptions& o, Bill& bill) {
    const std::string rb = fmt::format("cloudrun.t{}.request-based.", o.regionTier);
    const double gib = l.memoryMb / kMibPerGib;
    const double vcpuSeconds = u.billedActiveSeconds * l.vcpu;
    const double gibSeconds = u.billedActiveSeconds * gib;
    if (l.gpu)
        bill.error("gcp-cloud-run: GPUs require instance-based billing: GPU '" + *l.gpu +
                   "' not priced");
    addIfUsed("CPU (request-based, active)", vcpuSeconds, rb + "vcpu-second", bill);
    addIfUsed("memory (request-based, active)", gibSeconds, rb + "gib-second", bill);
    addIfUsed("requests", u.requests / kMillion, "cloudrun.t1.requests", bill);
    addIfUsed("idle min-instance CPU", u.provisionedIdleSeconds * l.vcpu,
              rb + "idle-min.vcpu-second", bill);
    addIfUsed("idle min-instance memory", u.provisionedIdleSeconds * gib,
              rb + "idle-min.gib-second", bill);
    if (!o.freeTier) return;
    const FreeTier* free = freeTierOf("gcp-cloud-run", bill);
    if (free == nullptr) return;
    bill.assume("free tier covers active CPU, memory and requests, not idle min-instances");
    addCredit("vCPU-seconds", vcpuSeconds, free->vcpuSecondsPerMonth,
              "cloudrun.t1.request-based.vcpu-second", 1.0, bill);
    addCredit("GiB-seconds", gibSeconds, free->gibSecondsPerMonth,
              "cloudrun.t1.request-based.gib-second", 1.0, bill);
    addCredit("requests", u.requests, free->requestsPerMonth, "cloudrun.t1.requests", kMillion,
              bill);
}

int gpusPerInstance(const UsageLedger& l, Bill& bill) {
    if (l.gpuCount > 0) return l.gpuCount;
    bill.assume("gpuCount not set: 1 GPU per instance");
    return 1;
}

void addGpu(const UsageLedger& l, const Usage& u, const PricingOptions& o, Bill& bill) {
    const auto id = gpuPriceId("gcp-cloud-run", *l.gpu, o);
    const PriceItem* row = id ? bill.prices().findItem(*id) : nullptr;
    if (row == nullptr) {
        bill.error(fmt::format("gcp-cloud-run: no price for GPU '{}' (priced: {}); GPU not priced",
                               *l.gpu, fmt::join(gpuNames(bill.prices(), "gcp-cloud-run"), ", ")));
        return;
    }
    const int count = gpusPerInstance(l, bill);
    const char* redundancy = o.zonalRedundancy ? "zonal redundancy" : "no zonal redundancy";
    bill.add(fmt::format("GPU {} ({})", *l.gpu, redundancy), u.billedLifetimeSeconds * count, *row);
}

void instanceBased(const UsageLedger& l, const Usage& u, const PricingOptions& o, Bill& bill) {
    const std::string ib = fmt::format("cloudrun.t{}.instance-based.", o.regionTier);
    const double vcpuSeconds = u.billedLifetimeSeconds * l.vcpu;
    const double gibSeconds = u.billedLifetimeSeconds * l.memoryMb / kMibPerGib;
    addIfUsed("CPU (instance-based)", vcpuSeconds, ib + "vcpu-second", bill);
    addIfUsed("memory (instance-based)", gibSeconds, ib + "gib-second", bill);
    if (l.gpu && u.billedLifetimeSeconds > 0.0) addGpu(l, u, o, bill);
    if (!o.freeTier) return;
    const FreeTier* free = freeTierOf("gcp-cloud-run.instance-based", bill);
    if (free == nullptr) return;
    bill.assume("instance-based free tier covers CPU and memory; there is no GPU free tier");
    addCredit("vCPU-seconds", vcpuSeconds, free->vcpuSecondsPerMonth,
              "cloudrun.t1.instance-based.vcpu-second", 1.0, bill);
    addCredit("GiB-seconds", gibSeconds, free->gibSecondsPerMonth,
              "cloudrun.t1.instance-based.gib-second", 1.0, bill);
}

}  // namespace

void priceCloudRun(const UsageLedger& l, const Usage& u, const PricingOptions& o, Bill& bill) {
    bill.notPriced({"network egress", "load balancer / API gateway in front of the service",
                    "Cloud Logging and Cloud Monitoring",
                    "Artifact Registry image storage and model weight storage (Cloud Storage)",
                    "Serverless VPC Access / Cloud NAT"});
    if (o.regionTier != 1 && o.regionTier != 2) {
        bill.error(
            fmt::format("gcp-cloud-run: region tier {} does not exist (1 or 2)", o.regionTier));
        return;
    }
    if (l.billing == BillingScope::InstanceActive) {
        requestBased(l, u, o, bill);
    } else if (l.billing == BillingScope::InstanceLifetime) {
        instanceBased(l, u, o, bill);
    } else {
        bill.error(
            fmt::format("gcp-cloud-run: billing scope '{}' does not apply (instanceActive = "
                        "request-based, instanceLifetime = instance-based)",
                        toString(l.billing)));
    }
}

}  // namespace breakeven::pricing::detail
