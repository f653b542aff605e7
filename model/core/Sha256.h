#pragma once
// SHA-256 (FIPS 180-4) with no dependency beyond the standard library, so
// model/ can fingerprint scenarios and traces without pulling in a crypto
// library. Not constant-time: use it for content identity, not for secrets.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace breakeven {

class Sha256 {
public:
    Sha256();

    void update(const void* data, std::size_t size);
    void update(std::string_view s) { update(s.data(), s.size()); }

    // Pads and returns the digest. The object is spent afterwards: padding
    // has been mixed into the state, so further update() calls would hash
    // garbage. Construct a new Sha256 for another message.
    [[nodiscard]] std::array<std::uint8_t, 32> finish();

    // Lowercase hex digest of a whole in-memory message.
    [[nodiscard]] static std::string hex(std::string_view data);

private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 8> state_;
    std::array<std::uint8_t, 64> buffer_{};
    std::size_t buffered_ = 0;  // bytes waiting in buffer_, always < 64
    std::uint64_t totalBytes_ = 0;
};

[[nodiscard]] std::string toHex(const std::array<std::uint8_t, 32>& digest);

// Streams the file in 1 MiB chunks so large traces never sit in memory.
// Throws std::runtime_error("<path>: <strerror>") when it cannot be read.
[[nodiscard]] std::string sha256FileHex(const std::string& path);

}  // namespace breakeven
