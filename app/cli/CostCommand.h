#pragma once
// breakeven-cli cost: a steady-state monthly estimate for one platform from
// a handful of flags, priced by the same pricing function as `simulate`.
#include <iosfwd>
#include <string>
#include <vector>

#include "model/sim/UsageLedger.h"
#include "pricing/PriceSet.h"
#include "pricing/Pricing.h"

namespace breakeven::cli {

// `breakeven-cli cost ... [--catalog PATH] [--as-of DATE]` priced from the
// catalogue; returns the exit code (0 ok, 1 failure such as a missing price
// row, 2 bad input).
int runCost(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The same with the caller's prices (e.g. the SQLite catalogue).
int runCost(const std::vector<std::string>& args, const pricing::PriceSet& prices,
            std::ostream& out, std::ostream& err);

// What the flags describe: one 730-hour month of usage and how to price it.
struct CostRequest {
    UsageLedger ledger;
    pricing::BillingPeriod period;
    pricing::PricingOptions options;
    std::vector<std::string> assumptions;  // the estimator's own simplifications
    bool json = false;
};

// Throws UsageError naming the offending flag or value; `prices` decides
// which EC2 instance types and GPUs exist.
CostRequest parseCostRequest(const std::vector<std::string>& args, const pricing::PriceSet& prices);

}  // namespace breakeven::cli
