#pragma once
// Shared by the pricing tests: the seeded prices and a one-month period.
#include "pricing/Pricing.h"
#include "pricing/SeedFacts.h"

namespace breakeven::pricing {

inline const PriceSet& seedPrices() {
    static const PriceSet prices =
        priceSetFromSeed(parseSeed(embeddedPricingFacts(), "embedded pricing-facts.json"));
    return prices;
}

inline const BillingPeriod kMonth{kHoursPerMonth * 3600.0, false};

}  // namespace breakeven::pricing
