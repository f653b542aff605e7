#pragma once
// The field lists of the property dock's editors, after
// docs/scenario-format.md: which keys each object has, their units and
// defaults, and when they apply (a key of another deployment kind or
// platform is hidden, as the reader would refuse it).
#include <vector>

#include "views/editors/FieldSpec.h"

namespace breakeven::views::editors {

// A single deployment: platform profile (hardware from the catalogue),
// scaling, cold start, overflow, billing, and the LLM model when its service
// is an LLM engine.
std::vector<FieldSpec> deploymentFields();
// A hybrid or split alternative's own keys (its members have their own editors).
std::vector<FieldSpec> compositeFields();
// The scenario: name, seed, workload (by kind), SLOs, cache, pricing.
std::vector<FieldSpec> scenarioFields();

}  // namespace breakeven::views::editors
