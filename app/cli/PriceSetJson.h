#pragma once
// A pricing::PriceSet as embedded in a workspace's `prices[]`
// (docs/workspace-format.md): the struct's own field names, the four maps as
// objects keyed by id. Stored with every saved result, so re-opening or
// re-pricing never needs the catalogue the result was computed with.
#include <string>

#include <nlohmann/json.hpp>

#include "pricing/PriceSet.h"

namespace breakeven::cli {

nlohmann::json priceSetToJson(const pricing::PriceSet& prices);
// Throws std::runtime_error naming the key ("items.x.usdPerUnit: must be a
// number") for a document priceSetToJson could not have written.
pricing::PriceSet priceSetFromJson(const nlohmann::json& json);

}  // namespace breakeven::cli
