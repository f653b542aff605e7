#include "model/core/Ziggurat.h"

#include <cmath>

namespace breakeven {

namespace {
constexpr double kR = 7.697117470131487;     // right edge of the base layer
constexpr double kV = 3.949659822581572e-3;  // area of each layer
constexpr double kScale = 9007199254740992.0;  // 2^53
}  // namespace

ExponentialZiggurat::ExponentialZiggurat() {
    double de = kR, te = kR;
    const double q = kV / std::exp(-de);
    k_[0] = static_cast<std::uint64_t>((de / q) * kScale);
    k_[1] = 0;
    w_[0] = q / kScale;
    w_[255] = de / kScale;
    f_[0] = 1.0;
    f_[255] = std::exp(-de);
    for (int i = 254; i >= 1; --i) {
        de = -std::log(kV / de + std::exp(-de));
        k_[i + 1] = static_cast<std::uint64_t>((de / te) * kScale);
        te = de;
        f_[i] = std::exp(-de);
        w_[i] = de / kScale;
    }
}

double ExponentialZiggurat::slowPath(Rng& rng, std::size_t i, std::uint64_t j) const {
    for (;;) {
        if (i == 0) return kR - std::log(rng.uniformOpen01());  // the tail beyond kR
        const double x = static_cast<double>(j) * w_[i];
        if (f_[i] + rng.uniform01() * (f_[i - 1] - f_[i]) < std::exp(-x)) return x;
        const std::uint64_t bits = rng.nextU64();
        j = bits >> 11;
        i = static_cast<std::size_t>(bits & 0xff);
        if (j < k_[i]) return static_cast<double>(j) * w_[i];
    }
}

}  // namespace breakeven
