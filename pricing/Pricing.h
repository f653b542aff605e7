#pragma once
// price(ledger, prices, period, options) -> cost breakdown: a pure function
// (no I/O, no clock), so a price edit re-prices a stored ledger instantly.
// Line items are rounded half-up to the cent and then summed, as the
// platforms' pricing pages do; full precision is kept inside each line.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/sim/UsageLedger.h"
#include "pricing/PriceSet.h"

namespace breakeven::pricing {

inline constexpr double kHoursPerMonth = 730.0;  // the cloud calculators' month

struct BillingPeriod {
    double simulatedSeconds = kHoursPerMonth * 3600.0;  // what the ledger covers
    // true: scale usage to a 730-hour month before tiers and free tiers.
    bool normaliseToMonth = false;
};

// A cost line the catalogue does not model, per deployment.
struct UserCostLine {
    std::string item;      // "egress", "load balancer"
    std::string unit;      // "GB", "month", "1M requests"
    double usdPerUnit = 0.0;
    // quantity = fixedQuantityPerMonth (scaled to the period) +
    //            quantityPerRequest x requests
    double fixedQuantityPerMonth = 0.0;
    double quantityPerRequest = 0.0;
};

struct PricingOptions {
    bool freeTier = false;          // off by default (DESIGN.md "Money")
    double discountPercent = 0.0;   // negotiated / savings plan, its own line
    int regionTier = 1;             // Cloud Run tier 1 or 2
    bool zonalRedundancy = false;   // Cloud Run GPU
    std::string ec2Purchase = "onDemand";  // "onDemand" | "reserved1y"
    double spotDiscountPercent = 0.0;      // EC2 spot as a discount on on-demand
    std::vector<UserCostLine> userLines;
};

struct CostLine {
    std::string item;      // readable, e.g. "compute (x86, GB-seconds)"
    double quantity = 0.0;
    std::string unit;      // unit of quantity, as in the price row
    double usdPerUnit = 0.0;
    double usd = 0.0;      // rounded half-up to the cent
    double usdExact = 0.0; // before rounding
    std::string priceId;   // the catalogue row's id ("" for user lines)
    std::int64_t priceRowId = 0;
};

struct CostBreakdown {
    std::vector<CostLine> lines;
    double totalUsd = 0.0;  // sum of rounded lines
    std::vector<std::string> notPriced;  // what this bill leaves out
    std::vector<std::string> assumptions;
    std::vector<std::string> errors;  // e.g. no price for this GPU on this platform
};

CostBreakdown price(const UsageLedger& ledger, const PriceSet& prices, const BillingPeriod& period,
                    const PricingOptions& options = {});

// Half-up rounding to the cent, robust to binary representation (2.675 -> 2.68).
// Negative amounts (discounts, credits) round half away from zero, so a
// discount mirrors the amount it is taken from.
double roundCents(double usd);

// Dollars per one million of `count` (requests, tokens); 0 when count is 0.
double per1M(double usd, double count);

// The price row that bills one second of one `gpu` on `platform`:
// "cloudrun.gpu.l4.no-zonal-redundancy.second" (options.zonalRedundancy
// picks the variant), "modal.gpu.h100.second", "runpod.80gb-pro.flex.second"
// (`alwaysOn` picks RunPod's active-worker row). GPU names match
// case-insensitively, with the platforms' aliases ("A10G" on Modal is its
// "a10"; RunPod maps a GPU to its memory class). nullopt when the platform
// has no GPUs or no class for that GPU; the row may still be missing from a
// price set (check PriceSet::findItem).
std::optional<std::string> gpuPriceId(std::string_view platform, std::string_view gpu,
                                      const PricingOptions& options = {}, bool alwaysOn = false);

// GPU names `platform` accepts that have a row in `prices` (for messages).
std::vector<std::string> gpuNames(const PriceSet& prices, std::string_view platform);

}  // namespace breakeven::pricing
