// AWS Lambda (perRequestDuration + Provisioned Concurrency) and Lambda@Edge.
#include <algorithm>

#include <fmt/format.h>

#include "pricing/PricingInternal.h"

namespace breakeven::pricing::detail {

namespace {

constexpr double kMillion = 1e6;
constexpr double kMbPerGb = 1024.0;         // AWS: 1 GB = 1024 MB for memory and storage
constexpr double kFreeEphemeralMb = 512.0;  // /tmp up to 512 MB is included

const char* const kLambdaNotPriced[] = {
    "data transfer out (egress)",
    "API Gateway / Function URL / load balancer in front of the function",
    "NAT gateway and VPC endpoints",
    "CloudWatch logs, metrics and X-Ray",
    "container image / package storage (ECR, S3) and model weight storage",
    "SnapStart, response streaming, tenant isolation and Durable Functions charges (add them as "
    "cost lines)",
};

// The month's free allowance, or zeros when the option is off.
FreeTier lambdaFreeTier(const PricingOptions& options, Bill& bill) {
    if (!options.freeTier) return {};
    const auto it = bill.prices().platforms.find("aws-lambda");
    if (it == bill.prices().platforms.end()) {
        bill.error("free tier requested but platform 'aws-lambda' is not in the price set");
        return {};
    }
    const FreeTier& free = it->second.freeTier;
    bill.assume(
        fmt::format("free tier: {} requests and {} GB-s of on-demand compute (request duration "
                    "first, then INIT) deducted once per month; never Provisioned Concurrency",
                    grouped(free.requestsPerMonth), grouped(free.gbSecondsPerMonth)));
    return free;
}

void addRequests(const Usage& u, const FreeTier& free, Bill& bill) {
    if (u.requests <= 0.0) return;
    if (const PriceItem* row = bill.row("lambda.requests", "requests")) {
        const double billable = std::max(0.0, u.requests - free.requestsPerMonth);
        bill.add("requests", billable / kMillion, *row);
    }
}

// On-demand duration and INIT share one tiered, free-tier-reduced monthly
// total: duration fills it first, INIT continues where duration stopped, so
// the two lines add up to the price of the combined GB-seconds.
void addOnDemandCompute(const UsageLedger& l, const Usage& u, const std::string& arch,
                        const FreeTier& free, Bill& bill) {
    const double gb = l.memoryMb / kMbPerGb;
    const double durationGbs = u.billedRequestSecondsOnDemand * gb;
    const double initGbs = u.billedInitSeconds * gb;
    if (durationGbs <= 0.0 && initGbs <= 0.0) return;
    const PriceItem* row = bill.row("lambda." + arch + ".gb-second", "on-demand compute");
    if (row == nullptr) return;
    const double freeGbs = std::min(free.gbSecondsPerMonth, durationGbs + initGbs);
    const double durationBillable = std::max(0.0, durationGbs - freeGbs);
    const double initBillable = std::max(0.0, initGbs - std::max(0.0, freeGbs - durationGbs));
    if (durationGbs > 0.0)
        bill.addTiered(fmt::format("compute ({}, request duration)", arch), 0.0, durationBillable,
                       *row);
    if (initGbs > 0.0)
        bill.addTiered(fmt::format("compute ({}, INIT of cold starts)", arch), durationBillable,
                       initBillable, *row);
}

// /tmp above 512 MB is billed for every billed second the function runs
// (request duration, INIT and duration on provisioned environments).
void addEphemeral(const UsageLedger& l, const Usage& u, Bill& bill) {
    if (l.ephemeralStorageMb <= kFreeEphemeralMb) return;
    const double seconds =
        u.billedRequestSecondsOnDemand + u.billedInitSeconds + u.billedRequestSecondsProvisioned;
    if (seconds <= 0.0) return;
    if (const PriceItem* row = bill.row("lambda.ephemeral.gb-second", "ephemeral storage")) {
        const double extraGb = (l.ephemeralStorageMb - kFreeEphemeralMb) / kMbPerGb;
        bill.add("ephemeral storage above 512 MB", extraGb * seconds, *row);
    }
}

void addProvisioned(const UsageLedger& l, const Usage& u, const std::string& arch, Bill& bill) {
    const double gb = l.memoryMb / kMbPerGb;
    if (u.provisionedInstanceSeconds > 0.0) {
        if (const PriceItem* row =
                bill.row("lambda.pc." + arch + ".gb-second", "Provisioned Concurrency"))
            bill.add(fmt::format("provisioned concurrency ({})", arch),
                     u.provisionedInstanceSeconds * gb, *row);
    }
    if (u.billedRequestSecondsProvisioned > 0.0) {
        if (const PriceItem* row = bill.row("lambda.pc." + arch + ".duration.gb-second",
                                            "duration on Provisioned Concurrency"))
            bill.add(fmt::format("provisioned concurrency duration ({})", arch),
                     u.billedRequestSecondsProvisioned * gb, *row);
    }
}

bool lambdaScope(const UsageLedger& l, Bill& bill) {
    if (l.billing == BillingScope::PerRequestDuration || l.billing == BillingScope::Provisioned)
        return true;
    bill.error(
        fmt::format("{}: billing scope '{}' does not apply (perRequestDuration or provisioned)",
                    l.platform, toString(l.billing)));
    return false;
}

}  // namespace

void priceLambda(const UsageLedger& l, const Usage& u, const PricingOptions& options, Bill& bill) {
    for (const char* item : kLambdaNotPriced) bill.notPriced({item});
    if (!lambdaScope(l, bill)) return;
    const std::string arch = lambdaArchitecture(l.architecture);
    if (arch.empty()) {
        bill.error("aws-lambda: unknown architecture '" + l.architecture + "' (x86 or arm)");
        return;
    }
    if (l.gpu) bill.error("aws-lambda has no GPUs: GPU '" + *l.gpu + "' not priced");
    const FreeTier free = lambdaFreeTier(options, bill);
    addRequests(u, free, bill);
    addOnDemandCompute(l, u, arch, free, bill);
    addEphemeral(l, u, bill);
    addProvisioned(l, u, arch, bill);
    if (l.billedInitSeconds > 0.0)
        bill.assume("INIT of on-demand cold starts is billed as duration (AWS, since August 2025)");
}

// Lambda@Edge: its own request price and a per-128-MB-second duration price;
// no free tier, no tiers, no Provisioned Concurrency.
void priceLambdaEdge(const UsageLedger& l, const Usage& u, const PricingOptions& options,
                     Bill& bill) {
    for (const char* item : kLambdaNotPriced) bill.notPriced({item});
    bill.notPriced({"CloudFront requests and data transfer"});
    if (!lambdaScope(l, bill)) return;
    if (options.freeTier) bill.assume("Lambda@Edge has no free tier: none deducted");
    if (u.requests > 0.0) {
        if (const PriceItem* row = bill.row("lambda.edge.requests", "Lambda@Edge requests"))
            bill.add("requests (Lambda@Edge)", u.requests / kMillion, *row);
    }
    const double seconds =
        u.billedRequestSecondsOnDemand + u.billedInitSeconds + u.billedRequestSecondsProvisioned;
    if (seconds > 0.0) {
        if (const PriceItem* row = bill.row("lambda.edge.128mb-second", "Lambda@Edge compute"))
            bill.add("compute (Lambda@Edge)", seconds * l.memoryMb / 128.0, *row);
    }
}

}  // namespace breakeven::pricing::detail
