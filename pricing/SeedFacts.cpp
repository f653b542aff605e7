#include "pricing/SeedFacts.h"

#include <stdexcept>

namespace breakeven::pricing {

SeedData parseSeed(std::string_view, std::string_view source) {
    throw std::runtime_error(std::string(source) + ": seed parsing not implemented yet");
}

PriceSet priceSetFromSeed(const SeedData&) { return {}; }

}  // namespace breakeven::pricing
