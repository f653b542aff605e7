#pragma once
// Everything a bill needs, recorded by the simulation and priced elsewhere
// (pricing/ turns a ledger and a price set into a cost breakdown). Billed
// quantities are already rounded to the deployment's granularity and
// minimum, so a price edit re-prices without re-simulating.
#include <cstdint>
#include <optional>
#include <string>

#include "model/domain/Deployment.h"

namespace breakeven {

struct UsageLedger {
    // Where it ran: catalogue ids that select the price rows.
    std::string platform;                     // "aws-lambda", "gcp-cloud-run", "aws-ec2", ...
    std::optional<std::string> instanceType;  // dedicated: "g5.xlarge" (price id aws-ec2.<type>)
    std::string architecture = "x86";         // Lambda: "x86" or "arm"
    double ephemeralStorageMb = 512.0;        // Lambda: above 512 MB is billed

    // What the quantities below are "per": the size of one instance.
    BillingScope billing = BillingScope::PerRequestDuration;
    double billingGranularitySeconds = 0.001;
    double billingMinimumSeconds = 0.0;
    double memoryMb = 0.0;
    double vcpu = 0.0;
    std::optional<std::string> gpu;
    int gpuCount = 0;

    // Requests (every arrival is billed as a request, served or not, except
    // those rejected before reaching an instance).
    std::uint64_t requests = 0;
    std::uint64_t invocations = 0;  // requests that started executing
    // Tokens of served requests (0 for classic models): $ per 1M tokens.
    std::uint64_t inputTokens = 0;
    std::uint64_t outputTokens = 0;

    // perRequestDuration: execution time of each request rounded up to the
    // granularity, split by where it ran (on-demand vs provisioned instance).
    double requestSecondsRaw = 0.0;
    double billedRequestSecondsOnDemand = 0.0;
    double billedRequestSecondsProvisioned = 0.0;
    // INIT of on-demand cold starts, rounded up per start (Lambda bills it).
    double billedInitSeconds = 0.0;

    // Instance time. alive = starting + busy + idle.
    double instanceAliveSeconds = 0.0;
    double instanceStartingSeconds = 0.0;
    double instanceBusySeconds = 0.0;  // >= 1 request in flight
    double instanceIdleSeconds = 0.0;
    // instanceActive: busy intervals (start-up included) rounded per interval.
    double billedActiveSeconds = 0.0;
    // instanceLifetime: each instance's life rounded up, with the minimum;
    // the part of it spent by always-on (min) instances listed separately.
    double billedLifetimeSeconds = 0.0;
    double billedLifetimeSecondsProvisioned = 0.0;
    // Always-on instances (minInstances / provisioned concurrency).
    double provisionedInstanceSeconds = 0.0;
    double provisionedIdleSeconds = 0.0;
    // Dedicated nodes: node count x window, billed at granularity/minimum.
    double nodeSeconds = 0.0;
    double billedNodeSeconds = 0.0;
    // GPU time of alive instances (instanceAliveSeconds x gpuCount).
    double gpuSeconds = 0.0;

    // Instance starts by reason.
    std::uint64_t coldStarts = 0;
};

}  // namespace breakeven
