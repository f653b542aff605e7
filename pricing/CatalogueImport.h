#pragma once
// The catalogue's JSON exchange format (docs/catalogue.md), read into plain
// records and validated in full before anything touches the database.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pricing/CatalogueInternal.h"

namespace breakeven::pricing::exchange {

inline constexpr const char* kFormatName = "breakeven-catalogue";
inline constexpr int kFormatVersion = 1;

struct PlatformRecord {
    std::string path;  // JSON path, for messages about this record
    Platform platform;
    double granularityMs = 0.0;
    std::string rounding = "up";
};

// A row as read, with the exporting catalogue's row id when the file has
// one: import inserts new rows in that order, so a round trip into a
// catalogue seeded alike reproduces the row ids (and the snapshot id).
template <typename Row>
struct ImportedRow {
    Row row;
    std::optional<std::int64_t> sourceRowId;
};

struct ItemRecord {
    std::string path;
    PriceItem definition;  // id, platform, item, unit
    std::vector<ImportedRow<rows::PriceRow>> rows;
};

struct InstanceRecord {
    std::string path;
    InstanceType definition;  // id, vcpu, memoryGb, gpu, gpuCount
    std::vector<ImportedRow<rows::InstanceRow>> rows;
};

struct Document {
    std::vector<PlatformRecord> platforms;
    std::vector<GpuType> gpus;
    std::vector<ItemRecord> items;
    std::vector<InstanceRecord> instances;
};

// Throws CatalogueError(InvalidInput): "<source>: <json path>: <what is wrong>".
Document parse(const nlohmann::json& doc, const std::string& source);

}  // namespace breakeven::pricing::exchange
