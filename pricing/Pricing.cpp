#include "pricing/Pricing.h"

#include <cmath>

namespace breakeven::pricing {

double roundCents(double usd) { return std::floor(usd * 100.0 + 0.5) / 100.0; }

CostBreakdown price(const UsageLedger&, const PriceSet&, const BillingPeriod&, const PricingOptions&) {
    return {};
}

}  // namespace breakeven::pricing
