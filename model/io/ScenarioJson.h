#pragma once
// Strict scenario JSON (schemaVersion 1, docs/scenario-format.md): every value
// is type- and range-checked and every unknown key is rejected, with the JSON
// path of the offending value in the message.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/domain/Scenario.h"

namespace breakeven {

// what() is "<source>: <jsonPath>: <reason>" ("<source>: <reason>" when the
// problem is the document itself, jsonPath empty), or for JSON syntax errors
// "<source>:<line>:<column>: <reason>".
class ScenarioError : public std::runtime_error {
public:
    ScenarioError(std::string source, std::string jsonPath, std::string reason);
    // Line and column are 1-based; the column counts UTF-8 characters, as editors do.
    static ScenarioError syntax(std::string source, std::size_t line, std::size_t column,
                                std::string reason);

    [[nodiscard]] const std::string& source() const { return source_; }
    [[nodiscard]] const std::string& jsonPath() const { return jsonPath_; }
    [[nodiscard]] const std::string& reason() const { return reason_; }
    // 0 unless this is a syntax error.
    [[nodiscard]] std::size_t line() const { return line_; }
    [[nodiscard]] std::size_t column() const { return column_; }

private:
    ScenarioError(std::string message, std::string source, std::string jsonPath,
                  std::string reason, std::size_t line, std::size_t column);

    std::string source_;
    std::string jsonPath_;
    std::string reason_;
    std::size_t line_ = 0;
    std::size_t column_ = 0;
};

// `source` names the document in error messages (usually its path).
Scenario scenarioFromJson(const nlohmann::json& j, std::string_view source);
// Also rejects duplicate object keys, which nlohmann::json would silently merge.
Scenario parseScenarioText(std::string_view text, std::string_view source);
// "-" reads standard input (source "<stdin>").
Scenario loadScenarioFile(const std::string& path);

// Canonical form: every key explicit (absent optionals as null), so
// scenarioFromJson(scenarioToJson(s)) reproduces any scenario the reader made.
nlohmann::json scenarioToJson(const Scenario& s);

}  // namespace breakeven
