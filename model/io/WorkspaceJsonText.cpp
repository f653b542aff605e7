// Paths of values inside a workspace's scenarios.
#include <string>

#include "model/io/WorkspaceInternal.h"

namespace breakeven::workspace_json {

std::string joinPath(std::string_view prefix, std::string_view inner) {
    if (inner.empty()) return std::string(prefix);
    if (prefix.empty()) return std::string(inner);
    if (inner.front() == '[') return std::string(prefix) + std::string(inner);
    return std::string(prefix) + "." + std::string(inner);
}

}  // namespace breakeven::workspace_json
