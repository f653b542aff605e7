#include "pricing/SeedFacts.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace breakeven::pricing {

namespace {

using nlohmann::json;

// Reads typed members and names the JSON path of anything malformed, so a
// bad seed or import says exactly which field to fix.
class Reader {
public:
    explicit Reader(std::string_view source) : source_(source) {}

    [[noreturn]] void fail(const std::string& path, const std::string& reason) const {
        throw std::runtime_error(source_ + ": " + (path.empty() ? "$" : path) + ": " + reason);
    }

    static std::string at(const std::string& parent, const std::string& key) {
        return parent.empty() ? key : parent + "." + key;
    }
    static std::string at(const std::string& parent, std::size_t index) {
        return parent + "[" + std::to_string(index) + "]";
    }

    const json& object(const json& value, const std::string& path) const {
        if (!value.is_object()) fail(path, "expected an object");
        return value;
    }

    const json* find(const json& obj, const std::string& key) const {
        const auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    }

    const json& required(const json& obj, const std::string& path, const std::string& key) const {
        const json* value = find(obj, key);
        if (value == nullptr) fail(at(path, key), "missing");
        return *value;
    }

    const json& array(const json& obj, const std::string& path, const std::string& key) const {
        const json& value = required(obj, path, key);
        if (!value.is_array()) fail(at(path, key), "expected an array");
        return value;
    }

    std::string string(const json& obj, const std::string& path, const std::string& key) const {
        const json& value = required(obj, path, key);
        if (!value.is_string() || value.get<std::string>().empty())
            fail(at(path, key), "expected a non-empty string");
        return value.get<std::string>();
    }

    std::optional<std::string> optString(const json& obj, const std::string& path,
                                         const std::string& key) const {
        const json* value = find(obj, key);
        if (value == nullptr || value->is_null()) return std::nullopt;
        if (!value->is_string()) fail(at(path, key), "expected a string or null");
        return value->get<std::string>();
    }

    // Prices and sizes are never negative; a NaN cannot come out of JSON.
    double number(const json& obj, const std::string& path, const std::string& key) const {
        const auto value = optNumber(obj, path, key);
        if (!value) fail(at(path, key), "missing (expected a number)");
        return *value;
    }

    std::optional<double> optNumber(const json& obj, const std::string& path,
                                    const std::string& key) const {
        const json* value = find(obj, key);
        if (value == nullptr || value->is_null()) return std::nullopt;
        if (!value->is_number()) fail(at(path, key), "expected a number");
        const double v = value->get<double>();
        if (!std::isfinite(v) || v < 0.0) fail(at(path, key), "must be a finite number >= 0");
        return v;
    }

    bool optBool(const json& obj, const std::string& path, const std::string& key) const {
        const json* value = find(obj, key);
        if (value == nullptr || value->is_null()) return false;
        if (!value->is_boolean()) fail(at(path, key), "expected true or false");
        return value->get<bool>();
    }

private:
    std::string source_;
};

constexpr const char* kScopes[] = {"perRequestDuration", "instanceActive", "instanceLifetime",
                                   "provisioned", "nodeHours"};

BillingRule parseBilling(const Reader& r, const json& platform, const std::string& path) {
    const std::string billingPath = Reader::at(path, "billing");
    const json& billing = r.object(r.required(platform, path, "billing"), billingPath);
    BillingRule rule;
    rule.scope = r.string(billing, billingPath, "scope");
    if (std::find(std::begin(kScopes), std::end(kScopes), rule.scope) == std::end(kScopes))
        r.fail(Reader::at(billingPath, "scope"), "unknown billing scope '" + rule.scope + "'");
    rule.granularitySeconds = r.number(billing, billingPath, "granularityMs") / 1000.0;
    if (rule.granularitySeconds <= 0.0)
        r.fail(Reader::at(billingPath, "granularityMs"), "must be > 0");
    rule.minimumSeconds = r.optNumber(billing, billingPath, "minimumMs").value_or(0.0) / 1000.0;
    rule.notes = r.optString(billing, billingPath, "notes").value_or("");
    return rule;
}

// Free allowances are optional per platform; Cloud Run nests them per
// billing mode (requestBased / instanceBased).
FreeTier parseFreeTier(const Reader& r, const json& obj, const std::string& path) {
    FreeTier tier;
    tier.requestsPerMonth = r.optNumber(obj, path, "requestsPerMonth").value_or(0.0);
    tier.gbSecondsPerMonth = r.optNumber(obj, path, "gbSecondsPerMonth").value_or(0.0);
    tier.vcpuSecondsPerMonth = r.optNumber(obj, path, "vcpuSecondsPerMonth").value_or(0.0);
    tier.gibSecondsPerMonth = r.optNumber(obj, path, "gibSecondsPerMonth").value_or(0.0);
    tier.appliesToProvisioned = r.optBool(obj, path, "appliesToProvisionedConcurrency");
    return tier;
}

std::vector<PriceTier> parseTiers(const Reader& r, const json& price, const std::string& path,
                                  double usd) {
    std::vector<PriceTier> tiers;
    if (r.find(price, "tiers") == nullptr) return tiers;
    const std::string tiersPath = Reader::at(path, "tiers");
    const json& list = r.array(price, path, "tiers");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string tierPath = Reader::at(tiersPath, i);
        const json& t = r.object(list[i], tierPath);
        PriceTier tier{r.optNumber(t, tierPath, "upTo"), r.number(t, tierPath, "usd")};
        if (r.find(t, "upTo") == nullptr)
            r.fail(Reader::at(tierPath, "upTo"), "missing (null = unbounded)");
        const bool last = i + 1 == list.size();
        if (last != !tier.upTo)
            r.fail(Reader::at(tierPath, "upTo"), last ? "the last tier must be unbounded (null)"
                                                      : "only the last tier may be unbounded");
        if (tier.upTo && !tiers.empty() && *tier.upTo <= *tiers.back().upTo)
            r.fail(Reader::at(tierPath, "upTo"), "tiers must be in increasing order");
        tiers.push_back(tier);
    }
    if (tiers.empty()) r.fail(tiersPath, "must not be empty");
    if (tiers.front().usdPerUnit != usd)
        r.fail(Reader::at(path, "usd"), "must equal the first tier's usd");
    return tiers;
}

PriceItem parsePrice(const Reader& r, const json& value, const std::string& path,
                     const std::string& platform, const std::string& collectedOn) {
    const json& price = r.object(value, path);
    PriceItem item;
    item.id = r.string(price, path, "id");
    item.platform = platform;
    item.item = r.string(price, path, "item");
    item.unit = r.string(price, path, "unit");
    item.usdPerUnit = r.number(price, path, "usd");
    item.tiers = parseTiers(r, price, path, item.usdPerUnit);
    item.effectiveFrom = collectedOn;
    item.source = r.optString(price, path, "source").value_or("");
    item.verified = r.optBool(price, path, "verified");
    return item;
}

// Cloud Run's instance-based mode has its own scope, minimum and free tier;
// PriceSet keeps one rule per platform, so the mode is seeded as its own
// entry "<platform>.instance-based" (it owns no price rows).
Platform instanceBasedMode(const Platform& base, const FreeTier& freeTier) {
    Platform mode = base;
    mode.id = base.id + ".instance-based";
    mode.name = base.name + " (instance-based billing)";
    mode.billing.scope = "instanceLifetime";
    mode.billing.minimumSeconds = 60.0;  // billing.modes.instanceBased: "minimum 1 minute"
    mode.freeTier = freeTier;
    return mode;
}

void parsePlatform(const Reader& r, const json& value, const std::string& path, SeedData& seed) {
    const json& obj = r.object(value, path);
    Platform platform;
    platform.id = r.string(obj, path, "id");
    platform.name = r.string(obj, path, "name");
    platform.region = r.optString(obj, path, "region").value_or("");
    platform.billing = parseBilling(r, obj, path);
    std::optional<FreeTier> instanceBased;
    if (const json* free = r.find(obj, "freeTier")) {
        const std::string freePath = Reader::at(path, "freeTier");
        r.object(*free, freePath);
        const json* requestBased = r.find(*free, "requestBased");
        platform.freeTier =
            requestBased
                ? parseFreeTier(r, r.object(*requestBased, Reader::at(freePath, "requestBased")),
                                Reader::at(freePath, "requestBased"))
                : parseFreeTier(r, *free, freePath);
        if (const json* ib = r.find(*free, "instanceBased"))
            instanceBased = parseFreeTier(r, r.object(*ib, Reader::at(freePath, "instanceBased")),
                                          Reader::at(freePath, "instanceBased"));
    }
    const json& prices = r.array(obj, path, "prices");
    for (std::size_t i = 0; i < prices.size(); ++i)
        seed.items.push_back(parsePrice(r, prices[i], Reader::at(Reader::at(path, "prices"), i),
                                        platform.id, seed.collectedOn));
    seed.platforms.push_back(platform);
    if (instanceBased) seed.platforms.push_back(instanceBasedMode(platform, *instanceBased));
}

InstanceType parseInstance(const Reader& r, const json& value, const std::string& path,
                           const std::string& collectedOn) {
    const json& obj = r.object(value, path);
    InstanceType inst;
    inst.id = r.string(obj, path, "id");
    inst.vcpu = r.number(obj, path, "vcpu");
    inst.memoryGb = r.number(obj, path, "memoryGb");
    inst.gpu = r.optString(obj, path, "gpu");
    const double gpuCount = r.optNumber(obj, path, "gpuCount").value_or(0.0);
    if (gpuCount != std::floor(gpuCount) || gpuCount > 64)
        r.fail(Reader::at(path, "gpuCount"), "must be a whole number of GPUs");
    inst.gpuCount = static_cast<int>(gpuCount);
    if (inst.gpu.has_value() != (inst.gpuCount > 0))
        r.fail(Reader::at(path, "gpuCount"), "gpu and gpuCount must be given together");
    inst.usdPerHourOnDemand = r.number(obj, path, "usdPerHourOnDemand");
    inst.usdPerHourReserved1y = r.optNumber(obj, path, "usdPerHourReserved1yNoUpfront");
    inst.effectiveFrom = collectedOn;
    inst.source = r.optString(obj, path, "source").value_or("");
    inst.verified = r.optBool(obj, path, "verified");
    return inst;
}

GpuType parseGpu(const Reader& r, const json& value, const std::string& path) {
    const json& obj = r.object(value, path);
    GpuType gpu;
    gpu.id = r.string(obj, path, "id");
    gpu.memoryGb = r.number(obj, path, "memoryGb");
    // Unknown figures are null in the seed (A10G tensor throughput); 0 = unknown.
    gpu.memoryBandwidthGBs = r.optNumber(obj, path, "memoryBandwidthGBs").value_or(0.0);
    gpu.fp16DenseTflops = r.optNumber(obj, path, "fp16DenseTflops").value_or(0.0);
    gpu.int8DenseTops = r.optNumber(obj, path, "int8DenseTops").value_or(0.0);
    gpu.tdpWatts = r.optNumber(obj, path, "tdpWatts").value_or(0.0);
    gpu.source = r.optString(obj, path, "source").value_or("");
    return gpu;
}

// Ids select price rows; a duplicate would make one of them unreachable.
template <typename T>
void checkUnique(const Reader& r, const std::vector<T>& rows, const std::string& what) {
    std::set<std::string> seen;
    for (const auto& row : rows)
        if (!seen.insert(row.id).second) r.fail(what, "duplicate id '" + row.id + "'");
}

}  // namespace

SeedData parseSeed(std::string_view jsonText, std::string_view source) {
    const Reader r(source);
    json doc;
    try {
        doc = json::parse(jsonText.begin(), jsonText.end());
    } catch (const json::parse_error& e) {
        r.fail("", std::string("not valid JSON: ") + e.what());
    }
    r.object(doc, "");
    SeedData seed;
    seed.collectedOn = r.string(doc, "", "collectedOn");
    static const std::regex isoDate(R"(\d{4}-\d{2}-\d{2})");
    if (!std::regex_match(seed.collectedOn, isoDate))
        r.fail("collectedOn", "expected an ISO date YYYY-MM-DD, got '" + seed.collectedOn + "'");
    if (const auto currency = r.optString(doc, "", "currency"); currency && *currency != "USD")
        r.fail("currency", "only USD prices are supported, got '" + *currency + "'");
    const json& platforms = r.array(doc, "", "platforms");
    for (std::size_t i = 0; i < platforms.size(); ++i)
        parsePlatform(r, platforms[i], Reader::at("platforms", i), seed);
    const json& instances = r.array(doc, "", "instances");
    for (std::size_t i = 0; i < instances.size(); ++i)
        seed.instances.push_back(
            parseInstance(r, instances[i], Reader::at("instances", i), seed.collectedOn));
    const json& gpus = r.array(doc, "", "gpus");
    for (std::size_t i = 0; i < gpus.size(); ++i)
        seed.gpus.push_back(parseGpu(r, gpus[i], Reader::at("gpus", i)));
    checkUnique(r, seed.platforms, "platforms");
    checkUnique(r, seed.items, "platforms[].prices");
    checkUnique(r, seed.instances, "instances");
    checkUnique(r, seed.gpus, "gpus");
    return seed;
}

PriceSet priceSetFromSeed(const SeedData& seed) {
    PriceSet set;
    set.snapshotId = "seed-" + seed.collectedOn;
    set.asOf = seed.collectedOn;
    for (const auto& p : seed.platforms) set.platforms.emplace(p.id, p);
    for (const auto& item : seed.items) set.items.emplace(item.id, item);
    for (const auto& inst : seed.instances) set.instances.emplace(inst.id, inst);
    for (const auto& gpu : seed.gpus) set.gpus.emplace(gpu.id, gpu);
    return set;
}

}  // namespace breakeven::pricing
