#pragma once
// The catalogue's seed: resources/pricing/pricing-facts.json (a committed
// copy of ../shared/data/pricing/pricing-facts.json), embedded in the
// binary at build time so the product needs no resource path at run time.
#include <string>
#include <string_view>
#include <vector>

#include "pricing/PriceSet.h"

namespace breakeven::pricing {

struct SeedData {
    std::string collectedOn;  // ISO date; the effective_from of every seeded row
    std::vector<Platform> platforms;
    std::vector<PriceItem> items;  // rowId 0 (not stored yet)
    std::vector<InstanceType> instances;
    std::vector<GpuType> gpus;
};

// The embedded pricing-facts.json text.
std::string_view embeddedPricingFacts();

// Parses pricing-facts.json; throws std::runtime_error naming `source` and
// the JSON path of anything malformed.
SeedData parseSeed(std::string_view jsonText, std::string_view source);

// A PriceSet straight from seed data (tests, and a catalogue-less fallback).
PriceSet priceSetFromSeed(const SeedData& seed);

}  // namespace breakeven::pricing
