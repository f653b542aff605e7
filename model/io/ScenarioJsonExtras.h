#pragma once
// Readers and writers of the optional top-level scenario objects `slos`,
// `pricing` and `cache` (docs/scenario-format.md). Writers return null for a
// default value, so scenarios without them keep their canonical JSON.
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/domain/Scenario.h"
#include "model/io/ScenarioJsonReader.h"

namespace breakeven {

// `path` is the JSON path of the object ("slos"), `source` the document name.
SloSpec readSlos(const nlohmann::json& value, std::string_view path, std::string_view source);
nlohmann::json slosToJson(const SloSpec& slos);

ScenarioPricing readScenarioPricing(const nlohmann::json& value, std::string_view path,
                                    std::string_view source);
nlohmann::json scenarioPricingToJson(const ScenarioPricing& pricing);

CacheSpec readCache(const nlohmann::json& value, std::string_view path, std::string_view source);
nlohmann::json cacheToJson(const std::optional<CacheSpec>& cache);

namespace scenario_json {
// A list of ExtraCostLine objects under `key` (absent or null: none).
std::vector<ExtraCostLine> readExtraCostLines(const ObjectReader& r, std::string_view key);
json extraCostLinesToJson(const std::vector<ExtraCostLine>& lines);
}  // namespace scenario_json

}  // namespace breakeven
