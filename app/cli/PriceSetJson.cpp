#include "app/cli/PriceSetJson.h"

#include <stdexcept>

namespace breakeven::cli {

namespace {

using nlohmann::json;
using pricing::PriceSet;

json optionalNumber(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json platformToJson(const pricing::Platform& p) {
    const pricing::FreeTier& f = p.freeTier;
    return {{"id", p.id},
            {"name", p.name},
            {"region", p.region},
            {"billing",
             {{"scope", p.billing.scope},
              {"granularitySeconds", p.billing.granularitySeconds},
              {"minimumSeconds", p.billing.minimumSeconds},
              {"notes", p.billing.notes}}},
            {"freeTier",
             {{"requestsPerMonth", f.requestsPerMonth},
              {"gbSecondsPerMonth", f.gbSecondsPerMonth},
              {"vcpuSecondsPerMonth", f.vcpuSecondsPerMonth},
              {"gibSecondsPerMonth", f.gibSecondsPerMonth},
              {"appliesToProvisioned", f.appliesToProvisioned}}}};
}

json itemToJson(const pricing::PriceItem& i) {
    json tiers = json::array();
    for (const auto& t : i.tiers) tiers.push_back({{"upTo", optionalNumber(t.upTo)}, {"usdPerUnit", t.usdPerUnit}});
    return {{"id", i.id},       {"platform", i.platform},           {"item", i.item},
            {"unit", i.unit},   {"usdPerUnit", i.usdPerUnit},       {"tiers", tiers},
            {"effectiveFrom", i.effectiveFrom}, {"source", i.source}, {"verified", i.verified},
            {"rowId", i.rowId}};
}

json instanceToJson(const pricing::InstanceType& t) {
    return {{"id", t.id},
            {"vcpu", t.vcpu},
            {"memoryGb", t.memoryGb},
            {"gpu", t.gpu ? json(*t.gpu) : json(nullptr)},
            {"gpuCount", t.gpuCount},
            {"usdPerHourOnDemand", t.usdPerHourOnDemand},
            {"usdPerHourReserved1y", optionalNumber(t.usdPerHourReserved1y)},
            {"effectiveFrom", t.effectiveFrom},
            {"source", t.source},
            {"verified", t.verified},
            {"rowId", t.rowId}};
}

json gpuToJson(const pricing::GpuType& g) {
    return {{"id", g.id},
            {"memoryGb", g.memoryGb},
            {"memoryBandwidthGBs", g.memoryBandwidthGBs},
            {"fp16DenseTflops", g.fp16DenseTflops},
            {"int8DenseTops", g.int8DenseTops},
            {"tdpWatts", g.tdpWatts},
            {"source", g.source}};
}

// Typed access with the JSON path in every message.
class Reader {
public:
    Reader(const json& j, std::string path) : j_(j), path_(std::move(path)) {
        if (!j_.is_object()) fail("", "must be an object");
    }
    [[noreturn]] void fail(const std::string& key, const std::string& what) const {
        throw std::runtime_error(path_ + (key.empty() ? "" : "." + key) + ": " + what);
    }
    const json& at(const std::string& key) const {
        const auto it = j_.find(key);
        if (it == j_.end()) fail(key, "missing");
        return *it;
    }
    double number(const std::string& key) const {
        const json& v = at(key);
        if (!v.is_number()) fail(key, "must be a number");
        return v.get<double>();
    }
    std::optional<double> nullableNumber(const std::string& key) const {
        const auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) return std::nullopt;
        return number(key);
    }
    std::string text(const std::string& key) const {
        const json& v = at(key);
        if (!v.is_string()) fail(key, "must be a string");
        return v.get<std::string>();
    }
    bool boolean(const std::string& key) const {
        const json& v = at(key);
        if (!v.is_boolean()) fail(key, "must be true or false");
        return v.get<bool>();
    }
    std::int64_t integer(const std::string& key) const {
        const json& v = at(key);
        if (!v.is_number_integer()) fail(key, "must be an integer");
        return v.get<std::int64_t>();
    }
    Reader object(const std::string& key) const { return Reader(at(key), path_ + "." + key); }
    const std::string& path() const { return path_; }
    const json& raw() const { return j_; }

private:
    const json& j_;
    std::string path_;
};

pricing::Platform platformFromJson(const Reader& r) {
    pricing::Platform p;
    p.id = r.text("id");
    p.name = r.text("name");
    p.region = r.text("region");
    const Reader b = r.object("billing");
    p.billing.scope = b.text("scope");
    p.billing.granularitySeconds = b.number("granularitySeconds");
    p.billing.minimumSeconds = b.number("minimumSeconds");
    p.billing.notes = b.text("notes");
    const Reader f = r.object("freeTier");
    p.freeTier.requestsPerMonth = f.number("requestsPerMonth");
    p.freeTier.gbSecondsPerMonth = f.number("gbSecondsPerMonth");
    p.freeTier.vcpuSecondsPerMonth = f.number("vcpuSecondsPerMonth");
    p.freeTier.gibSecondsPerMonth = f.number("gibSecondsPerMonth");
    p.freeTier.appliesToProvisioned = f.boolean("appliesToProvisioned");
    return p;
}

pricing::PriceItem itemFromJson(const Reader& r) {
    pricing::PriceItem i;
    i.id = r.text("id");
    i.platform = r.text("platform");
    i.item = r.text("item");
    i.unit = r.text("unit");
    i.usdPerUnit = r.number("usdPerUnit");
    const json& tiers = r.at("tiers");
    if (!tiers.is_array()) r.fail("tiers", "must be an array");
    for (std::size_t t = 0; t < tiers.size(); ++t) {
        const Reader tier(tiers[t], r.path() + ".tiers[" + std::to_string(t) + "]");
        i.tiers.push_back({tier.nullableNumber("upTo"), tier.number("usdPerUnit")});
    }
    i.effectiveFrom = r.text("effectiveFrom");
    i.source = r.text("source");
    i.verified = r.boolean("verified");
    i.rowId = r.integer("rowId");
    return i;
}

pricing::InstanceType instanceFromJson(const Reader& r) {
    pricing::InstanceType t;
    t.id = r.text("id");
    t.vcpu = r.number("vcpu");
    t.memoryGb = r.number("memoryGb");
    if (const json& gpu = r.at("gpu"); !gpu.is_null()) t.gpu = r.text("gpu");
    t.gpuCount = static_cast<int>(r.integer("gpuCount"));
    t.usdPerHourOnDemand = r.number("usdPerHourOnDemand");
    t.usdPerHourReserved1y = r.nullableNumber("usdPerHourReserved1y");
    t.effectiveFrom = r.text("effectiveFrom");
    t.source = r.text("source");
    t.verified = r.boolean("verified");
    t.rowId = r.integer("rowId");
    return t;
}

pricing::GpuType gpuFromJson(const Reader& r) {
    pricing::GpuType g;
    g.id = r.text("id");
    g.memoryGb = r.number("memoryGb");
    g.memoryBandwidthGBs = r.number("memoryBandwidthGBs");
    g.fp16DenseTflops = r.number("fp16DenseTflops");
    g.int8DenseTops = r.number("int8DenseTops");
    g.tdpWatts = r.number("tdpWatts");
    g.source = r.text("source");
    return g;
}

template <typename T, typename Read>
void readMap(const Reader& parent, const std::string& key, std::map<std::string, T>& into, Read read) {
    const Reader map = parent.object(key);
    for (const auto& [id, value] : map.raw().items()) into.emplace(id, read(Reader(value, map.path() + "." + id)));
}

}  // namespace

json priceSetToJson(const PriceSet& prices) {
    json j = {{"snapshotId", prices.snapshotId}, {"asOf", prices.asOf}};
    j["platforms"] = json::object();
    for (const auto& [id, p] : prices.platforms) j["platforms"][id] = platformToJson(p);
    j["items"] = json::object();
    for (const auto& [id, i] : prices.items) j["items"][id] = itemToJson(i);
    j["instances"] = json::object();
    for (const auto& [id, t] : prices.instances) j["instances"][id] = instanceToJson(t);
    j["gpus"] = json::object();
    for (const auto& [id, g] : prices.gpus) j["gpus"][id] = gpuToJson(g);
    return j;
}

PriceSet priceSetFromJson(const json& j) {
    const Reader r(j, "prices");
    PriceSet prices;
    prices.snapshotId = r.text("snapshotId");
    prices.asOf = r.text("asOf");
    readMap(r, "platforms", prices.platforms, platformFromJson);
    readMap(r, "items", prices.items, itemFromJson);
    readMap(r, "instances", prices.instances, instanceFromJson);
    readMap(r, "gpus", prices.gpus, gpuFromJson);
    return prices;
}

}  // namespace breakeven::cli
