// The product builds from its own repository, so resources/pricing holds a
// copy of ../shared/data/pricing/pricing-facts.json; these tests keep the
// copy, the shared original and the embedded text identical.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pricing/SeedFacts.h"

namespace breakeven::pricing {
namespace {

std::string readBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const std::filesystem::path kCommitted =
    std::filesystem::path(BREAKEVEN_SOURCE_DIR) / "resources" / "pricing" / "pricing-facts.json";

TEST(SeedCopy, CommittedCopyIsByteIdenticalToShared) {
    const std::filesystem::path sharedDir =
        std::filesystem::path(BREAKEVEN_SHARED_DIR) / "data" / "pricing";
    if (!std::filesystem::is_directory(sharedDir)) GTEST_SKIP() << sharedDir << " not present";
    const std::string shared = readBytes(sharedDir / "pricing-facts.json");
    const std::string committed = readBytes(kCommitted);
    EXPECT_EQ(committed.size(), shared.size());
    EXPECT_TRUE(committed == shared) << "copy " << sharedDir / "pricing-facts.json"
                                     << " to " << kCommitted;
}

TEST(SeedCopy, EmbeddedTextIsTheCommittedFile) {
    const std::string committed = readBytes(kCommitted);
    const std::string_view embedded = embeddedPricingFacts();
    EXPECT_EQ(embedded.size(), committed.size());
    EXPECT_TRUE(embedded == committed) << "rebuild: the embedded seed is stale";
}

}  // namespace
}  // namespace breakeven::pricing
