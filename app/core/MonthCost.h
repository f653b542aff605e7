#pragma once
// The cost function every analysis command hands to model/analysis: one
// deployment's $/month, priced exactly as `simulate` prices it (its own
// discount and extra lines, the scenario's `pricing` object).
#include <memory>

#include "model/analysis/Sweep.h"
#include "pricing/Pricing.h"
#include "pricing/PriceSet.h"

namespace breakeven::appcore {

// Thread-safe; a bill with errors (no price row) is not priced (nullopt).
analysis::CostFunction monthCost(std::shared_ptr<const pricing::PriceSet> prices,
                                 const pricing::PricingOptions& options);
// `prices` must outlive the returned function.
analysis::CostFunction monthCost(const pricing::PriceSet& prices, const pricing::PricingOptions& options);

}  // namespace breakeven::appcore
