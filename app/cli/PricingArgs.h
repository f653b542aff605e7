#pragma once
// Pricing options every pricing command takes: --free-tier on|off.
#include "app/cli/Args.h"
#include "pricing/Pricing.h"

namespace breakeven::cli {

// Throws UsageError for a value other than on or off.
pricing::PricingOptions pricingOptions(const Args& args);

}  // namespace breakeven::cli
