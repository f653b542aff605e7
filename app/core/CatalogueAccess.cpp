#include "app/core/CatalogueAccess.h"

#include <ostream>

namespace breakeven::appcore {

pricing::SeedData embeddedSeed() {
    return pricing::parseSeed(pricing::embeddedPricingFacts(), kSeedName);
}

pricing::Catalogue openCatalogue(const std::optional<std::string>& pathOption, std::ostream& err,
                                 const std::string& command) {
    const std::string path = pathOption.value_or(pricing::defaultCataloguePath());
    pricing::Catalogue cat = pricing::Catalogue::openOrCreate(
        path, [] { return embeddedSeed(); });
    if (cat.wasCreated())
        err << "breakeven-cli " << command << ": created the price catalogue " << path << " from the "
            << kSeedName << " (prices collected " << cat.meta()["seed_collected_on"] << ")\n";
    return cat;
}

pricing::Catalogue openCatalogue(const std::string& path) {
    return pricing::Catalogue::openOrCreate(path.empty() ? pricing::defaultCataloguePath() : path,
                                            [] { return embeddedSeed(); });
}

}  // namespace breakeven::appcore
