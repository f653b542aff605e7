#pragma once
// Seeded, splittable pseudo-random generator: xoshiro256++ seeded through
// SplitMix64. Streams derived with stream() from (seed, stream id) are
// independent, so each deployment draws its own numbers and adding a
// deployment never changes another one's results.
#include <cstdint>
#include <string_view>

namespace breakeven {

class Rng {
public:
    explicit Rng(std::uint64_t seed) { reseed(seed); }

    // A child stream named by an integer id (deployment index, shard item...).
    [[nodiscard]] static Rng stream(std::uint64_t seed, std::uint64_t streamId) {
        return Rng(mix(seed ^ mix(streamId + 0x632be59bd9b4e019ULL)));
    }
    // A child stream named by a label ("workload", a deployment's name).
    [[nodiscard]] static Rng stream(std::uint64_t seed, std::string_view label) {
        return stream(seed, hashLabel(label));
    }
    [[nodiscard]] Rng split(std::uint64_t streamId) const {
        return Rng(mix(s_[0] ^ mix(s_[3] + streamId)));
    }

    std::uint64_t nextU64() {
        const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    // Uniform in [0, 1) with 53 random bits.
    double uniform01() { return static_cast<double>(nextU64() >> 11) * 0x1.0p-53; }
    // Uniform in (0, 1]: safe to take the logarithm of.
    double uniformOpen01() {
        return static_cast<double>((nextU64() >> 11) + 1) * 0x1.0p-53;
    }
    // Uniform integer in [0, n) without modulo bias (Lemire's method).
    std::uint64_t below(std::uint64_t n);

    static constexpr std::uint64_t hashLabel(std::string_view label) {
        std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then finalised
        for (char c : label) {
            h ^= static_cast<unsigned char>(c);
            h *= 0x100000001b3ULL;
        }
        return mix(h);
    }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) {
        return (x << k) | (x >> (64 - k));
    }
    static constexpr std::uint64_t mix(std::uint64_t z) {
        z += 0x9e3779b97f4a7c15ULL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    void reseed(std::uint64_t seed) {
        std::uint64_t x = seed;  // SplitMix64 sequence fills the state
        for (auto& word : s_) {
            word = mix(x);
            x += 0x9e3779b97f4a7c15ULL;
        }
    }

    std::uint64_t s_[4];
};

}  // namespace breakeven
