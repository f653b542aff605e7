#include "app/cli/PricingArgs.h"

namespace breakeven::cli {

pricing::PricingOptions pricingOptions(const Args& args) {
    pricing::PricingOptions options;
    if (const auto freeTier = args.value("free-tier")) {
        if (*freeTier != "on" && *freeTier != "off")
            throw UsageError("--free-tier: expected on or off, got '" + *freeTier + "'");
        options.freeTier = *freeTier == "on";
    }
    return options;
}

}  // namespace breakeven::cli
