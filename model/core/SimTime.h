#pragma once
// Simulation time: integer microseconds since the start of the window. Integer
// time makes event order exact and runs reproducible on every machine.
#include <cmath>
#include <cstdint>
#include <limits>

namespace breakeven {

using SimTime = std::int64_t;

inline constexpr SimTime kMicrosPerSecond = 1'000'000;
inline constexpr SimTime kMicrosPerMinute = 60 * kMicrosPerSecond;
inline constexpr SimTime kSimTimeMax = std::numeric_limits<SimTime>::max() / 4;

// Rounds to the nearest microsecond (halves away from zero, like llround but
// without the libm call on the hot path); callers validate ranges first.
inline SimTime secondsToSimTime(double seconds) {
    const double micros = seconds * 1e6;
    return static_cast<SimTime>(micros >= 0.0 ? micros + 0.5 : micros - 0.5);
}

inline constexpr double simTimeToSeconds(SimTime t) {
    return static_cast<double>(t) * 1e-6;
}

}  // namespace breakeven
