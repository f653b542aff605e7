#include "model/analysis/Shard.h"

#include <algorithm>
#include <charconv>
#include <istream>
#include <map>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "model/core/Sha256.h"

namespace breakeven::analysis {

namespace {

using nlohmann::json;

std::size_t parseCount(std::string_view text, std::string_view whole) {
    std::size_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end)
        throw std::invalid_argument(fmt::format("'{}': expected I/N with whole numbers, e.g. 0/4", whole));
    return value;
}

const json& at(const json& j, const char* key, const std::string& where) {
    if (!j.is_object() || !j.contains(key)) throw ShardError(fmt::format("{}: part header has no \"{}\"", where, key));
    return j.at(key);
}

std::string stringAt(const json& j, const char* key, const std::string& where) {
    const json& v = at(j, key, where);
    if (!v.is_string()) throw ShardError(fmt::format("{}: \"{}\" must be a string", where, key));
    return v.get<std::string>();
}

std::size_t countAt(const json& j, const char* key, const std::string& where) {
    const json& v = at(j, key, where);
    if (!v.is_number_unsigned()) throw ShardError(fmt::format("{}: \"{}\" must be a non-negative integer", where, key));
    return v.get<std::size_t>();
}

// The first field two headers disagree on, or empty.
std::string mismatch(const PartHeader& a, const PartHeader& b) {
    if (a.command != b.command) return fmt::format("command {} vs {}", b.command, a.command);
    if (a.scenarioSha256 != b.scenarioSha256)
        return fmt::format("scenario SHA-256 {} vs {}", b.scenarioSha256, a.scenarioSha256);
    if (a.catalogSnapshotId != b.catalogSnapshotId)
        return fmt::format("catalogue snapshot {} vs {}", b.catalogSnapshotId, a.catalogSnapshotId);
    if (a.arguments != b.arguments)
        return fmt::format("arguments '{}' vs '{}'", fmt::join(b.arguments, " "), fmt::join(a.arguments, " "));
    if (a.items != b.items) return fmt::format("{} items vs {}", b.items, a.items);
    return {};
}

}  // namespace

ShardSpec parseShard(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos)
        throw std::invalid_argument(fmt::format("'{}': expected I/N, e.g. 0/4 (shard 0 of 4)", text));
    ShardSpec s{parseCount(text.substr(0, slash), text), parseCount(text.substr(slash + 1), text)};
    if (s.count == 0 || s.index >= s.count)
        throw std::invalid_argument(fmt::format("'{}': need 0 ≤ I < N", text));
    return s;
}

std::vector<std::size_t> shardItems(std::size_t total, const ShardSpec& shard) {
    std::vector<std::size_t> ids;
    for (std::size_t id = shard.index; id < total; id += shard.count) ids.push_back(id);
    return ids;
}

json partHeaderToJson(const PartHeader& h) {
    return {{"breakevenPart", kPartFormatVersion},
            {"command", h.command},
            {"arguments", h.arguments},
            {"scenario", {{"source", h.scenarioSource}, {"sha256", h.scenarioSha256}, {"text", h.scenarioText}}},
            {"catalogSnapshot", {{"id", h.catalogSnapshotId}, {"asOf", h.catalogAsOf}}},
            {"items", h.items},
            {"shard", {{"index", h.shard.index}, {"count", h.shard.count}}}};
}

PartHeader partHeaderFromJson(const json& j, const std::string& where) {
    const json& version = at(j, "breakevenPart", where);
    if (version != kPartFormatVersion)
        throw ShardError(fmt::format("{}: part format {} is not supported (this build reads {})", where,
                                     version.dump(), kPartFormatVersion));
    PartHeader h;
    h.command = stringAt(j, "command", where);
    const json& arguments = at(j, "arguments", where);
    if (!arguments.is_array()) throw ShardError(where + ": \"arguments\" must be a list of strings");
    for (const json& a : arguments) {
        if (!a.is_string()) throw ShardError(where + ": \"arguments\" must be a list of strings");
        h.arguments.push_back(a.get<std::string>());
    }
    const json& scenario = at(j, "scenario", where);
    h.scenarioSource = stringAt(scenario, "source", where);
    h.scenarioSha256 = stringAt(scenario, "sha256", where);
    h.scenarioText = stringAt(scenario, "text", where);
    if (Sha256::hex(h.scenarioText) != h.scenarioSha256)
        throw ShardError(where + ": the embedded scenario does not match its SHA-256 (the part was altered)");
    const json& catalog = at(j, "catalogSnapshot", where);
    h.catalogSnapshotId = stringAt(catalog, "id", where);
    h.catalogAsOf = stringAt(catalog, "asOf", where);
    h.items = countAt(j, "items", where);
    const json& shard = at(j, "shard", where);
    h.shard = {countAt(shard, "index", where), countAt(shard, "count", where)};
    if (h.shard.count == 0 || h.shard.index >= h.shard.count)
        throw ShardError(fmt::format("{}: shard {}/{} is not 0 ≤ I < N", where, h.shard.index, h.shard.count));
    return h;
}

void writePart(std::ostream& out, const PartHeader& header, const std::vector<json>& items) {
    out << partHeaderToJson(header).dump() << '\n';
    for (const json& item : items) out << item.dump() << '\n';
    out.flush();
}

Part readPart(std::istream& in, const std::string& path) {
    Part part;
    part.path = path;
    std::string line;
    std::size_t number = 0;
    bool header = false;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) continue;
        const std::string where = fmt::format("{}:{}", path, number);
        json j = json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object()) throw ShardError(where + ": not a JSON object (a truncated part?)");
        if (!header) {
            part.header = partHeaderFromJson(j, where);
            header = true;
            continue;
        }
        if (!j.contains("id") || !j["id"].is_number_unsigned()) throw ShardError(where + ": item has no \"id\"");
        const auto id = j["id"].get<std::size_t>();
        if (id >= part.header.items)
            throw ShardError(fmt::format("{}: item {} is out of range (the run has {} items)", where, id,
                                         part.header.items));
        if (!part.header.shard.owns(id))
            throw ShardError(fmt::format("{}: item {} does not belong to shard {}/{}", where, id,
                                         part.header.shard.index, part.header.shard.count));
        part.items.push_back({id, number, std::move(j)});
    }
    if (!header) throw ShardError(path + ": empty part (no header line)");
    return part;
}

MergedParts mergeParts(const std::vector<Part>& parts) {
    if (parts.empty()) throw ShardError("no parts to merge");
    std::vector<std::string> problems;
    const PartHeader& first = parts.front().header;
    for (const Part& p : parts)
        if (const std::string why = mismatch(first, p.header); !why.empty())
            problems.push_back(fmt::format("{} does not belong with {}: {}", p.path, parts.front().path, why));
    if (!problems.empty()) throw ShardError(fmt::format("{}", fmt::join(problems, "\n")));

    MergedParts merged;
    merged.header = first;
    merged.header.shard = {};
    merged.items.resize(first.items);
    std::vector<const Part*> owner(first.items, nullptr);
    std::vector<std::size_t> ownerLine(first.items, 0);
    std::map<std::size_t, std::vector<std::string>> duplicates;
    for (const Part& p : parts) {
        for (const PartItem& item : p.items) {
            if (owner[item.id] != nullptr) {
                auto& where = duplicates[item.id];
                if (where.empty()) where.push_back(fmt::format("{}:{}", owner[item.id]->path, ownerLine[item.id]));
                where.push_back(fmt::format("{}:{}", p.path, item.line));
                continue;
            }
            owner[item.id] = &p;
            ownerLine[item.id] = item.line;
            merged.items[item.id] = item.json;
        }
    }
    for (const auto& [id, where] : duplicates)
        problems.push_back(fmt::format("item {} is duplicated: in {}", id, fmt::join(where, " and ")));
    std::vector<std::size_t> missing;
    for (std::size_t id = 0; id < owner.size(); ++id)
        if (owner[id] == nullptr) missing.push_back(id);
    if (!missing.empty())
        problems.push_back(fmt::format("{} of {} items missing: {}", missing.size(), first.items, describeIds(missing)));
    if (!problems.empty()) throw ShardError(fmt::format("{}", fmt::join(problems, "\n")));
    return merged;
}

std::string describeIds(const std::vector<std::size_t>& ids, std::size_t limit) {
    std::vector<std::string> ranges;
    for (std::size_t i = 0; i < ids.size();) {
        std::size_t j = i;
        while (j + 1 < ids.size() && ids[j + 1] == ids[j] + 1) ++j;
        if (ranges.size() == limit) {
            ranges.push_back(fmt::format("… ({} in all)", ids.size()));
            break;
        }
        ranges.push_back(i == j ? fmt::format("{}", ids[i]) : fmt::format("{}–{}", ids[i], ids[j]));
        i = j + 1;
    }
    return fmt::format("{}", fmt::join(ranges, ", "));
}

}  // namespace breakeven::analysis
