#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace breakeven::cli {

// `breakeven-cli workspace inspect|validate|migrate|create ...`
// (docs/workspace-format.md). Returns the exit code: 0 ok, 2 bad input or a
// trace that is missing or changed (validate), 1 other failure.
int runWorkspace(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace breakeven::cli
