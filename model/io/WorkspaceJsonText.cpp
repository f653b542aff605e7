// Strict JSON text for workspaces. The line/column locator lives in the
// scenario reader (ScenarioJsonText.cpp) and is not exported; a text that
// fails to parse here fails identically there, so syntax errors are reported
// by handing the text to parseScenarioText.
#include <set>
#include <string>
#include <vector>

#include "model/io/ScenarioJson.h"
#include "model/io/ScenarioJsonReader.h"
#include "model/io/WorkspaceInternal.h"

namespace breakeven::workspace_json {

namespace {

using scenario_json::elementPath;
using scenario_json::memberPath;
using nlohmann::json;

// nlohmann::json keeps only the last of two equal keys, so a user editing the
// first would see no effect: refuse them, naming the path.
class DuplicateKeyGuard {
public:
    explicit DuplicateKeyGuard(std::string_view source) : source_(source) {}

    bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
        using Event = json::parse_event_t;
        switch (event) {
        case Event::object_start:
        case Event::array_start:
            countElement();
            frames_.push_back({event == Event::array_start, 0, childPath(), {}, {}});
            break;
        case Event::object_end:
        case Event::array_end: frames_.pop_back(); break;
        case Event::key: {
            Frame& top = frames_.back();
            top.lastKey = parsed.get<std::string>();
            if (!top.keys.insert(top.lastKey).second)
                throw ScenarioError(source_, childPath(), "duplicate key");
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

    // Called before the new frame is pushed, so it names the child being opened.
    [[nodiscard]] std::string childPath() const {
        if (frames_.empty()) return {};
        const Frame& top = frames_.back();
        return top.isArray ? elementPath(top.path, top.elements - 1) : memberPath(top.path, top.lastKey);
    }

    std::string source_;
    std::vector<Frame> frames_;
};

}  // namespace

json parseStrictJson(std::string_view text, std::string_view source) {
    try {
        return json::parse(text.begin(), text.end(), DuplicateKeyGuard(source));
    } catch (const json::exception&) {
        // Throws the located syntax error (or an earlier duplicate key).
        parseScenarioText(text, source);
        throw ScenarioError(std::string(source), {}, "not valid JSON");  // not reached in practice
    }
}

std::string joinPath(std::string_view prefix, std::string_view inner) {
    if (inner.empty()) return std::string(prefix);
    if (prefix.empty()) return std::string(inner);
    if (inner.front() == '[') return std::string(prefix) + std::string(inner);
    return std::string(prefix) + "." + std::string(inner);
}

}  // namespace breakeven::workspace_json
