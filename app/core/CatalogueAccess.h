#pragma once
// How every CLI command finds and opens the price catalogue: --catalog PATH,
// else $BREAKEVEN_CATALOG, else the user's data directory; created and
// seeded from the embedded pricing-facts.json on first use (said on stderr).
#include <iosfwd>
#include <optional>
#include <string>

#include "pricing/CatalogueDb.h"

namespace breakeven::appcore {

inline constexpr const char* kSeedName = "embedded pricing-facts.json";

// The seed every new catalogue starts from (the embedded pricing facts).
pricing::SeedData embeddedSeed();

// `err` gets a note when the catalogue is created, naming `command`.
pricing::Catalogue openCatalogue(const std::optional<std::string>& pathOption, std::ostream& err,
                                 const std::string& command);
// Quietly ("" = the default path): the desktop app says so in its own UI.
pricing::Catalogue openCatalogue(const std::string& path);

}  // namespace breakeven::appcore
