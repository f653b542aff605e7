#include "model/core/Rng.h"

namespace breakeven {

__extension__ using Uint128 = unsigned __int128;

std::uint64_t Rng::below(std::uint64_t n) {
    if (n == 0) return 0;
    Uint128 m = static_cast<Uint128>(nextU64()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<Uint128>(nextU64()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

}  // namespace breakeven
