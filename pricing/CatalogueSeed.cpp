// Seeding a fresh catalogue, and the content hash behind snapshot ids.
#include <optional>
#include <set>
#include <type_traits>

#include <fmt/format.h>

#include "model/core/Sha256.h"
#include "pricing/CatalogueInternal.h"
#include "pricing/CatalogueSchema.h"

namespace breakeven::pricing {

namespace {

// Canonical text of a price set: one line per record, fields separated by
// US (0x1f) so no value can fake a boundary, doubles in fmt's shortest
// round-trip form so equal values always hash equally on every machine.
class Canon {
public:
    template <typename T>
    Canon& operator<<(const T& value) {
        if constexpr (std::is_same_v<T, double>) {
            text_ += fmt::format("{}", value);
        } else if constexpr (std::is_same_v<T, std::optional<double>>) {
            text_ += value ? fmt::format("{}", *value) : std::string("-");
        } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
            text_ += value ? *value : std::string("-");
        } else if constexpr (std::is_same_v<T, bool>) {
            text_ += value ? "1" : "0";
        } else {
            text_ += fmt::format("{}", value);
        }
        text_ += '\x1f';
        return *this;
    }
    void endRecord() { text_ += '\n'; }
    [[nodiscard]] const std::string& text() const { return text_; }

private:
    std::string text_;
};

std::string canonicalText(const PriceSet& prices) {
    Canon c;
    for (const auto& [id, p] : prices.platforms) {
        const FreeTier& f = p.freeTier;
        c << "platform" << id << p.name << p.region << p.billing.scope
          << p.billing.granularitySeconds << p.billing.minimumSeconds << p.billing.notes
          << f.requestsPerMonth << f.gbSecondsPerMonth << f.vcpuSecondsPerMonth
          << f.gibSecondsPerMonth << f.appliesToProvisioned;
        c.endRecord();
    }
    for (const auto& [id, p] : prices.items) {
        c << "item" << id << p.platform << p.item << p.unit << p.rowId << p.usdPerUnit
          << p.effectiveFrom << p.source << p.verified;
        for (const PriceTier& t : p.tiers) c << t.upTo << t.usdPerUnit;
        c.endRecord();
    }
    for (const auto& [id, t] : prices.instances) {
        c << "instance" << id << t.vcpu << t.memoryGb << t.gpu << t.gpuCount << t.rowId
          << t.usdPerHourOnDemand << t.usdPerHourReserved1y << t.effectiveFrom << t.source
          << t.verified;
        c.endRecord();
    }
    for (const auto& [id, g] : prices.gpus) {
        c << "gpu" << id << g.memoryGb << g.memoryBandwidthGBs << g.fp16DenseTflops
          << g.int8DenseTops << g.tdpWatts << g.source;
        c.endRecord();
    }
    return c.text();
}

// The seed as a price set (row ids 0), only to hash it into catalogue_meta.
PriceSet seedAsPriceSet(const SeedData& seed) {
    PriceSet set;
    for (const Platform& p : seed.platforms) set.platforms[p.id] = p;
    for (const PriceItem& p : seed.items) set.items[p.id] = p;
    for (const InstanceType& t : seed.instances) set.instances[t.id] = t;
    for (const GpuType& g : seed.gpus) set.gpus[g.id] = g;
    return set;
}

void setMeta(sql::Database& db, const std::string& key, const std::string& value) {
    db.prepare("INSERT OR REPLACE INTO catalogue_meta (key, value) VALUES (?1, ?2)")
        .bind(1, key).bind(2, value).run();
}

std::string effectiveDate(const std::string& rowDate, const SeedData& seed,
                          const std::string& path, const std::string& what) {
    const std::string& date = rowDate.empty() ? seed.collectedOn : rowDate;
    if (!schema::isIsoDate(date))
        throw CatalogueError(CatalogueErrorKind::InvalidInput,
                             path + ": seed " + what + ": effective date '" + date +
                                 "' is not an ISO date (YYYY-MM-DD)");
    return date;
}

}  // namespace

std::string computeSnapshotId(const PriceSet& prices) {
    return "cat-" + Sha256::hex(canonicalText(prices)).substr(0, 16);
}

namespace rows {

void validateSeed(const SeedData& seedData, const std::string& path) {
    effectiveDate(seedData.collectedOn, seedData, path, "collectedOn");
    std::set<std::string> platforms;
    for (const Platform& p : seedData.platforms) platforms.insert(p.id);
    for (const PriceItem& item : seedData.items) {
        effectiveDate(item.effectiveFrom, seedData, path, item.id);
        if (!platforms.count(item.platform))
            throw CatalogueError(CatalogueErrorKind::InvalidInput,
                                 path + ": seed " + item.id + ": unknown platform '" + item.platform + "'");
    }
    for (const InstanceType& t : seedData.instances) effectiveDate(t.effectiveFrom, seedData, path, t.id);
}

void seed(sql::Database& db, const SeedData& seedData) {
    const std::string& path = db.path();
    validateSeed(seedData, path);
    // Seed rounding is always "up": every platform in pricing-facts.json
    // rounds billed durations up to its granularity.
    for (const Platform& p : seedData.platforms) upsertPlatform(db, p, "up");
    for (const GpuType& g : seedData.gpus) upsertGpu(db, g);
    for (const PriceItem& item : seedData.items) {
        upsertPriceItem(db, item);
        insertPriceRow(db, item.id,
                       {item.usdPerUnit, item.tiers,
                        effectiveDate(item.effectiveFrom, seedData, path, item.id), item.source,
                        item.verified});
    }
    for (const InstanceType& t : seedData.instances) {
        upsertInstanceType(db, t);
        insertInstanceRow(db, t.id,
                          {t.usdPerHourOnDemand, t.usdPerHourReserved1y,
                           effectiveDate(t.effectiveFrom, seedData, path, t.id), t.source,
                           t.verified});
    }
    setMeta(db, "seed_collected_on", seedData.collectedOn);
    setMeta(db, "seed_hash", Sha256::hex(seedData.collectedOn + "\n" +
                                         canonicalText(seedAsPriceSet(seedData))));
    setMeta(db, "created_at", schema::utcTimestamp());
    setMeta(db, "created_by", std::string("Breakeven ") + BREAKEVEN_VERSION);
}

}  // namespace rows
}  // namespace breakeven::pricing
