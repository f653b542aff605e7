#pragma once
// breakeven-cli recommend: a plain-language recommendation (docs/analysis.md
// "Recommend"): the cheapest alternative meeting the SLOs at the scenario's
// traffic, where it stops being cheapest, what cold starts cost, and which
// alternatives cannot run and why.
#include <iosfwd>
#include <string>
#include <vector>

namespace breakeven::cli {

int runRecommend(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);

}  // namespace breakeven::cli
