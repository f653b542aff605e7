#pragma once
// How every CLI command finds and opens the price catalogue: --catalog PATH,
// else $BREAKEVEN_CATALOG, else the user's data directory; created and
// seeded from the embedded pricing-facts.json on first use (said on stderr).
#include <iosfwd>
#include <optional>
#include <string>

#include "pricing/CatalogueDb.h"

namespace breakeven::cli {

inline constexpr const char* kSeedName = "embedded pricing-facts.json";

// The seed every new catalogue starts from (the embedded pricing facts).
pricing::SeedData embeddedSeed();

pricing::Catalogue openCatalogue(const std::optional<std::string>& pathOption, std::ostream& err,
                                 const std::string& command);

}  // namespace breakeven::cli
