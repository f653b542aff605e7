#pragma once
#include <cstdint>

#include "model/core/SimTime.h"

namespace breakeven {

// One arriving request. serviceMicros < 0 means "draw from the deployment's
// service model"; a trace that records durations sets it.
struct Request {
    SimTime arrivalMicros = 0;
    std::uint32_t inputTokens = 0;
    std::uint32_t outputTokens = 0;
    SimTime serviceMicros = -1;
    std::uint64_t key = 0;  // cache / dedup key, 0 = none
};

}  // namespace breakeven
