// Reads and validates an import document. Unknown keys are rejected with
// their JSON path, as everywhere in Breakeven; optional fields have defaults.
#include "pricing/CatalogueImport.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "pricing/CatalogueSchema.h"

namespace breakeven::pricing::exchange {

namespace {

using nlohmann::json;

std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}
std::string at(const std::string& path, std::size_t i) { return fmt::format("{}[{}]", path, i); }

class Reader {
public:
    explicit Reader(const std::string& source) : source_(source) {}

    [[noreturn]] void fail(const std::string& path, const std::string& why) const {
        throw CatalogueError(CatalogueErrorKind::InvalidInput,
                             source_ + ": " + (path.empty() ? "top level" : path) + ": " + why);
    }

    void object(const json& j, const std::string& path,
                std::initializer_list<std::string_view> allowed) const {
        if (!j.is_object()) fail(path, std::string("must be an object, got ") + j.type_name());
        for (auto it = j.begin(); it != j.end(); ++it)
            if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
                fail(join(path, it.key()), "unknown key");
    }

    // nullptr when absent; "required" fields fail instead.
    const json* get(const json& obj, const std::string& path, const char* key, bool required) const {
        const auto it = obj.find(key);
        if (it != obj.end()) return &*it;
        if (required) fail(join(path, key), "is required");
        return nullptr;
    }

    std::string text(const json& obj, const std::string& path, const char* key, bool required,
                     bool nonEmpty = false) const {
        const json* v = get(obj, path, key, required);
        if (!v) return {};
        if (!v->is_string()) fail(join(path, key), std::string("must be a string, got ") + v->type_name());
        std::string s = v->get<std::string>();
        if (nonEmpty && s.empty()) fail(join(path, key), "must not be empty");
        return s;
    }

    double number(const json& obj, const std::string& path, const char* key, bool required) const {
        const json* v = get(obj, path, key, required);
        if (!v) return 0.0;
        return checkNumber(*v, join(path, key));
    }

    // Absent or null: no value.
    std::optional<double> optNumber(const json& obj, const std::string& path, const char* key) const {
        const json* v = get(obj, path, key, false);
        if (!v || v->is_null()) return std::nullopt;
        return checkNumber(*v, join(path, key));
    }

    bool boolean(const json& obj, const std::string& path, const char* key) const {
        const json* v = get(obj, path, key, false);
        if (!v) return false;
        if (!v->is_boolean()) fail(join(path, key), std::string("must be true or false, got ") + v->type_name());
        return v->get<bool>();
    }

    const json& array(const json& obj, const std::string& path, const char* key, bool required) const {
        static const json kEmpty = json::array();
        const json* v = get(obj, path, key, required);
        if (!v) return kEmpty;
        if (!v->is_array()) fail(join(path, key), std::string("must be an array, got ") + v->type_name());
        return *v;
    }

    std::string date(const json& obj, const std::string& path, const char* key) const {
        std::string d = text(obj, path, key, true);
        if (!schema::isIsoDate(d)) fail(join(path, key), "must be a calendar date YYYY-MM-DD, got '" + d + "'");
        return d;
    }

    std::optional<std::int64_t> rowId(const json& obj, const std::string& path) const {
        const std::optional<double> v = optNumber(obj, path, "rowId");
        if (v && (*v != std::floor(*v) || *v > 9e15))
            fail(join(path, "rowId"), fmt::format("must be a whole number, got {}", *v));
        if (!v) return std::nullopt;
        return static_cast<std::int64_t>(*v);
    }

    // Ids are unique within their array.
    void uniqueId(std::map<std::string, std::string>& seen, const std::string& id,
                  const std::string& path) const {
        const auto [it, inserted] = seen.emplace(id, path);
        if (!inserted) fail(join(path, "id"), "duplicate id '" + id + "' (also at " + it->second + ")");
    }

private:
    double checkNumber(const json& v, const std::string& path) const {
        if (!v.is_number()) fail(path, std::string("must be a number, got ") + v.type_name());
        const double d = v.get<double>();
        if (!std::isfinite(d) || d < 0.0) fail(path, fmt::format("must be a number ≥ 0, got {}", d));
        return d;
    }

    std::string source_;
};

std::vector<PriceTier> readTiers(const Reader& r, const json& row, const std::string& path) {
    std::vector<PriceTier> tiers;
    const json& list = r.array(row, path, "tiers", false);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string p = at(join(path, "tiers"), i);
        r.object(list[i], p, {"upTo", "usdPerUnit"});
        PriceTier t{r.optNumber(list[i], p, "upTo"), r.number(list[i], p, "usdPerUnit", true)};
        if (!tiers.empty() && !tiers.back().upTo)
            r.fail(join(at(join(path, "tiers"), i - 1), "upTo"), "only the last tier may be unbounded (null)");
        if (t.upTo && (*t.upTo <= 0.0 || (!tiers.empty() && *t.upTo <= *tiers.back().upTo)))
            r.fail(join(p, "upTo"), "tier bounds must be > 0 and increase");
        tiers.push_back(t);
    }
    return tiers;
}

PlatformRecord readPlatform(const Reader& r, const json& j, const std::string& path) {
    r.object(j, path, {"id", "name", "region", "billing", "freeTier"});
    PlatformRecord rec;
    rec.path = path;
    Platform& p = rec.platform;
    p.id = r.text(j, path, "id", true, true);
    p.name = r.text(j, path, "name", true);
    p.region = r.text(j, path, "region", false);
    const std::string bp = join(path, "billing");
    const json& billing = *r.get(j, path, "billing", true);
    r.object(billing, bp, {"scope", "granularityMs", "minimumSeconds", "rounding", "notes"});
    p.billing.scope = r.text(billing, bp, "scope", true, true);
    rec.granularityMs = r.number(billing, bp, "granularityMs", true);
    p.billing.granularitySeconds = rec.granularityMs / 1000.0;
    p.billing.minimumSeconds = r.number(billing, bp, "minimumSeconds", false);
    p.billing.notes = r.text(billing, bp, "notes", false);
    if (billing.contains("rounding")) rec.rounding = r.text(billing, bp, "rounding", true);
    if (rec.rounding != "up" && rec.rounding != "nearest" && rec.rounding != "down")
        r.fail(join(bp, "rounding"), "must be \"up\", \"nearest\" or \"down\", got '" + rec.rounding + "'");
    if (const json* f = r.get(j, path, "freeTier", false)) {
        const std::string fp = join(path, "freeTier");
        r.object(*f, fp, {"requestsPerMonth", "gbSecondsPerMonth", "vcpuSecondsPerMonth",
                          "gibSecondsPerMonth", "appliesToProvisioned"});
        p.freeTier = {r.number(*f, fp, "requestsPerMonth", false), r.number(*f, fp, "gbSecondsPerMonth", false),
                      r.number(*f, fp, "vcpuSecondsPerMonth", false), r.number(*f, fp, "gibSecondsPerMonth", false),
                      r.boolean(*f, fp, "appliesToProvisioned")};
    }
    return rec;
}

GpuType readGpu(const Reader& r, const json& j, const std::string& path) {
    r.object(j, path, {"id", "memoryGb", "memoryBandwidthGBs", "fp16DenseTflops", "int8DenseTops",
                       "tdpWatts", "source"});
    return {r.text(j, path, "id", true, true),         r.number(j, path, "memoryGb", true),
            r.number(j, path, "memoryBandwidthGBs", true), r.number(j, path, "fp16DenseTflops", true),
            r.number(j, path, "int8DenseTops", false), r.number(j, path, "tdpWatts", false),
            r.text(j, path, "source", false)};
}

ItemRecord readItem(const Reader& r, const json& j, const std::string& path) {
    r.object(j, path, {"id", "platform", "item", "unit", "rateName", "rows"});
    ItemRecord rec;
    rec.path = path;
    rec.definition.id = r.text(j, path, "id", true, true);
    rec.definition.platform = r.text(j, path, "platform", true, true);
    rec.definition.item = r.text(j, path, "item", true, true);
    rec.definition.unit = r.text(j, path, "unit", true, true);
    (void)r.text(j, path, "rateName", false);  // derived from unit; informational
    const json& list = r.array(j, path, "rows", true);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string p = at(join(path, "rows"), i);
        r.object(list[i], p, {"rowId", "usdPerUnit", "tiers", "effectiveFrom", "source", "verified",
                              "recordedAt"});
        (void)r.text(list[i], p, "recordedAt", false);  // informational: import records its own time
        rows::PriceRow row{r.number(list[i], p, "usdPerUnit", true), readTiers(r, list[i], p),
                           r.date(list[i], p, "effectiveFrom"), r.text(list[i], p, "source", true, true),
                           r.boolean(list[i], p, "verified")};
        rec.rows.push_back({std::move(row), r.rowId(list[i], p)});
    }
    return rec;
}

InstanceRecord readInstance(const Reader& r, const json& j, const std::string& path) {
    r.object(j, path, {"id", "vcpu", "memoryGb", "gpu", "gpuCount", "rows"});
    InstanceRecord rec;
    rec.path = path;
    InstanceType& t = rec.definition;
    t.id = r.text(j, path, "id", true, true);
    t.vcpu = r.number(j, path, "vcpu", true);
    t.memoryGb = r.number(j, path, "memoryGb", true);
    if (const json* g = r.get(j, path, "gpu", false); g && !g->is_null()) t.gpu = r.text(j, path, "gpu", true, true);
    const double gpuCount = r.number(j, path, "gpuCount", false);
    if (gpuCount != std::floor(gpuCount) || gpuCount > 1024)
        r.fail(join(path, "gpuCount"), fmt::format("must be a whole number of GPUs, got {}", gpuCount));
    t.gpuCount = static_cast<int>(gpuCount);
    const json& list = r.array(j, path, "rows", true);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string p = at(join(path, "rows"), i);
        r.object(list[i], p, {"rowId", "usdPerHourOnDemand", "usdPerHourReserved1y", "effectiveFrom",
                              "source", "verified", "recordedAt"});
        (void)r.text(list[i], p, "recordedAt", false);
        rows::InstanceRow row{r.number(list[i], p, "usdPerHourOnDemand", true),
                              r.optNumber(list[i], p, "usdPerHourReserved1y"),
                              r.date(list[i], p, "effectiveFrom"), r.text(list[i], p, "source", true, true),
                              r.boolean(list[i], p, "verified")};
        rec.rows.push_back({std::move(row), r.rowId(list[i], p)});
    }
    return rec;
}

// Reads every element of doc[key] with `read`, checking ids are unique.
template <typename Record, typename ReadFn>
std::vector<Record> readAll(const Reader& r, const json& doc, const char* key, ReadFn read) {
    std::vector<Record> out;
    std::map<std::string, std::string> seen;
    const json& list = r.array(doc, "", key, false);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = at(key, i);
        out.push_back(read(r, list[i], path));
        r.uniqueId(seen, list[i].at("id").get<std::string>(), path);
    }
    return out;
}

}  // namespace

Document parse(const json& doc, const std::string& source) {
    const Reader r(source);
    r.object(doc, "", {"format", "formatVersion", "schemaVersion", "exportedAt", "meta", "platforms",
                       "gpus", "priceItems", "instances"});
    if (r.text(doc, "", "format", true) != kFormatName)
        r.fail("format", std::string("must be \"") + kFormatName + "\"");
    const double version = r.number(doc, "", "formatVersion", true);
    if (version != kFormatVersion)
        r.fail("formatVersion", fmt::format("version {} is not supported (this Breakeven reads {})",
                                            version, kFormatVersion));
    if (const json* meta = r.get(doc, "", "meta", false); meta && !meta->is_object())
        r.fail("meta", std::string("must be an object, got ") + meta->type_name());
    Document d;
    d.platforms = readAll<PlatformRecord>(r, doc, "platforms", readPlatform);
    d.gpus = readAll<GpuType>(r, doc, "gpus", readGpu);
    d.items = readAll<ItemRecord>(r, doc, "priceItems", readItem);
    d.instances = readAll<InstanceRecord>(r, doc, "instances", readInstance);
    return d;
}

}  // namespace breakeven::pricing::exchange
