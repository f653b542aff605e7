#pragma once
// Prices as of one moment, loaded from the catalogue (or built in tests).
// A plain value: the pricing function reads it and never does I/O.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace breakeven::pricing {

// One tier of a tiered price: applies to the cumulative monthly quantity up
// to `upTo` (nullopt = unbounded).
struct PriceTier {
    std::optional<double> upTo;
    double usdPerUnit = 0.0;
};

struct PriceItem {
    std::string id;        // stable, e.g. "lambda.x86.gb-second"
    std::string platform;  // "aws-lambda"
    std::string item;      // "compute", "requests", "gpu", ...
    std::string unit;      // as published: "GB-second", "1M requests", "GPU-second"
    double usdPerUnit = 0.0;       // first tier when tiered
    std::vector<PriceTier> tiers;  // empty: flat price
    std::string effectiveFrom;     // ISO date the price row takes effect
    std::string source;            // URL or the user's note
    bool verified = false;
    std::int64_t rowId = 0;        // catalogue row (traceability of every dollar)
};

// Monthly free allowance of a platform (DESIGN.md "Money": off by default).
struct FreeTier {
    double requestsPerMonth = 0.0;
    double gbSecondsPerMonth = 0.0;    // Lambda: GB-seconds of on-demand compute
    double vcpuSecondsPerMonth = 0.0;  // Cloud Run (request-based)
    double gibSecondsPerMonth = 0.0;   // Cloud Run (request-based)
    bool appliesToProvisioned = false;
};

struct BillingRule {
    std::string scope;                // pricing-facts "scope"
    double granularitySeconds = 0.0;  // metering increment
    double minimumSeconds = 0.0;      // per billed span
    std::string notes;
};

struct InstanceType {
    std::string id;  // "aws-ec2.g5.xlarge"
    double vcpu = 0.0;
    double memoryGb = 0.0;
    std::optional<std::string> gpu;  // GPU id, e.g. "A10G"
    int gpuCount = 0;
    double usdPerHourOnDemand = 0.0;
    std::optional<double> usdPerHourReserved1y;
    std::string effectiveFrom;
    std::string source;
    bool verified = false;
    std::int64_t rowId = 0;
};

struct GpuType {
    std::string id;  // "L4"
    double memoryGb = 0.0;
    double memoryBandwidthGBs = 0.0;
    double fp16DenseTflops = 0.0;
    double int8DenseTops = 0.0;
    double tdpWatts = 0.0;
    std::string source;
};

struct Platform {
    std::string id;  // "aws-lambda"
    std::string name;
    std::string region;
    BillingRule billing;
    FreeTier freeTier;
};

struct PriceSet {
    std::string snapshotId;  // identifies exactly these rows; recorded in results
    std::string asOf;        // ISO date-time the prices were read for
    std::map<std::string, Platform> platforms;
    std::map<std::string, PriceItem> items;
    std::map<std::string, InstanceType> instances;
    std::map<std::string, GpuType> gpus;

    [[nodiscard]] const PriceItem* findItem(const std::string& id) const {
        const auto it = items.find(id);
        return it == items.end() ? nullptr : &it->second;
    }
    [[nodiscard]] const InstanceType* findInstance(const std::string& id) const {
        const auto it = instances.find(id);
        return it == instances.end() ? nullptr : &it->second;
    }
};

}  // namespace breakeven::pricing
