// Text and files: JSON syntax errors with line and column, duplicate keys,
// and the error type every scenario problem is reported with.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "model/io/ScenarioJson.h"
#include "model/io/ScenarioJsonReader.h"

namespace breakeven {

namespace {

std::string pathMessage(const std::string& source, const std::string& jsonPath,
                        const std::string& reason) {
    if (jsonPath.empty()) return fmt::format("{}: {}", source, reason);
    return fmt::format("{}: {}: {}", source, jsonPath, reason);
}

}  // namespace

ScenarioError::ScenarioError(std::string source, std::string jsonPath, std::string reason)
    : std::runtime_error(pathMessage(source, jsonPath, reason)),
      source_(std::move(source)),
      jsonPath_(std::move(jsonPath)),
      reason_(std::move(reason)) {}

ScenarioError ScenarioError::syntax(std::string source, std::size_t line, std::size_t column,
                                    std::string reason) {
    std::string message = fmt::format("{}:{}:{}: {}", source, line, column, reason);
    return {std::move(message), std::move(source), {}, std::move(reason), line, column};
}

ScenarioError::ScenarioError(std::string message, std::string source, std::string jsonPath,
                             std::string reason, std::size_t line, std::size_t column)
    : std::runtime_error(std::move(message)),
      source_(std::move(source)),
      jsonPath_(std::move(jsonPath)),
      reason_(std::move(reason)),
      line_(line),
      column_(column) {}

namespace {

using namespace scenario_json;

// Tracks the JSON path while parsing, because nlohmann::json keeps only the
// last of two equal keys and a user editing the first would see no effect.
class DuplicateKeyGuard {
public:
    explicit DuplicateKeyGuard(std::string_view source) : source_(source) {}

    bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
        using Event = json::parse_event_t;
        switch (event) {
        case Event::object_start:
        case Event::array_start: {
            countElement();
            std::string path = childPath();
            frames_.push_back({event == Event::array_start, 0, std::move(path), {}, {}});
            break;
        }
        case Event::object_end:
        case Event::array_end: frames_.pop_back(); break;
        case Event::key: {
            Frame& top = frames_.back();
            top.lastKey = parsed.get<std::string>();
            if (!top.keys.insert(top.lastKey).second) fail(source_, childPath(), "duplicate key");
            break;
        }
        case Event::value: countElement(); break;
        }
        return true;
    }

private:
    struct Frame {
        bool isArray = false;
        std::size_t elements = 0;
        std::string path;
        std::string lastKey;
        std::set<std::string> keys;
    };

    void countElement() {
        if (!frames_.empty() && frames_.back().isArray) ++frames_.back().elements;
    }

    [[nodiscard]] std::string childPath() const {
        if (frames_.empty()) return {};
        const Frame& top = frames_.back();
        return top.isArray ? elementPath(top.path, top.elements - 1)
                           : memberPath(top.path, top.lastKey);
    }

    std::string source_;
    std::vector<Frame> frames_;
};

// Finds where parsing stops. json::parse reports a byte offset for syntax
// errors but none for a number out of double range (1e400); SAX sees both.
class ErrorLocator : public nlohmann::json_sax<json> {
public:
    std::size_t byte = 0;
    std::size_t tokenBytes = 0;

    bool null() override { return true; }
    bool boolean(bool /*value*/) override { return true; }
    bool number_integer(number_integer_t /*value*/) override { return true; }
    bool number_unsigned(number_unsigned_t /*value*/) override { return true; }
    bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return true; }
    bool string(string_t& /*value*/) override { return true; }
    bool binary(binary_t& /*value*/) override { return true; }
    bool start_object(std::size_t /*size*/) override { return true; }
    bool key(string_t& /*value*/) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t /*size*/) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string& lastToken,
                     const json::exception& /*error*/) override {
        byte = position;
        tokenBytes = lastToken.size();
        return false;
    }
};

// Drops nlohmann's "[json.exception.parse_error.101] parse error at line 1,
// column 2: " prefix: its column counts bytes, ours characters.
std::string syntaxReason(std::string_view what) {
    if (const auto bracket = what.find("] "); what.starts_with('[') && bracket != what.npos) {
        what.remove_prefix(bracket + 2);
    }
    if (what.starts_with("parse error")) {
        if (const auto colon = what.find(": "); colon != what.npos) what.remove_prefix(colon + 2);
    }
    return std::string(what);
}

// nlohmann stops at the last character of an unexpected literal (or of a
// number too large for a double), whose text it reports; editors point at its
// first. For other tokens its reported text is stale, so it is not used.
bool stoppedAfterLiteral(const json::exception& e) {
    constexpr int kNumberOverflow = 406;
    if (e.id == kNumberOverflow) return true;
    constexpr std::string_view kUnexpected = " - unexpected ";
    const std::string_view what = e.what();
    const auto unexpected = what.find(kUnexpected);
    if (unexpected == std::string_view::npos) return false;
    const std::string_view token = what.substr(unexpected + kUnexpected.size());
    for (const std::string_view literal : {"string", "number", "true", "false", "null"}) {
        if (token.starts_with(literal) && token.substr(literal.size()).starts_with(" literal")) {
            return true;
        }
    }
    return false;
}

ScenarioError syntaxError(std::string_view text, std::string_view source,
                          const json::exception& e) {
    ErrorLocator locator;
    json::sax_parse(text.begin(), text.end(), &locator);
    if (stoppedAfterLiteral(e) && locator.tokenBytes > 1 && locator.byte >= locator.tokenBytes) {
        locator.byte -= locator.tokenBytes - 1;
    }
    // The offset is 1-based and points one past the text at end of input.
    const std::size_t end = std::min(locator.byte == 0 ? 0 : locator.byte - 1, text.size());
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0U) != 0x80U) {  // UTF-8 continuation bytes add no column
            ++column;
        }
    }
    return ScenarioError::syntax(std::string(source), line, column, syntaxReason(e.what()));
}

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

std::string readAll(std::FILE* file, const std::string& source) {
    std::string text;
    std::vector<char> buffer(1 << 16);
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) text.append(buffer.data(), n);
    if (std::ferror(file)) {
        throw ScenarioError(source, {}, "cannot read: " + std::generic_category().message(errno));
    }
    return text;
}

}  // namespace

namespace scenario_json {

json parseStrictJson(std::string_view text, std::string_view source) {
    try {
        return json::parse(text.begin(), text.end(), DuplicateKeyGuard(source));
    } catch (const json::exception& e) {
        // Duplicate keys throw ScenarioError, which passes through.
        throw syntaxError(text, source, e);
    }
}

}  // namespace scenario_json

Scenario parseScenarioText(std::string_view text, std::string_view source) {
    return scenarioFromJson(parseStrictJson(text, source), source);
}

Scenario loadScenarioFile(const std::string& path) {
    if (path == "-") return parseScenarioText(readAll(stdin, "<stdin>"), "<stdin>");
    const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) throw ScenarioError(path, {}, "cannot open: " + std::generic_category().message(errno));
    const std::string text = readAll(file.get(), path);
    return parseScenarioText(text, path);
}

}  // namespace breakeven
