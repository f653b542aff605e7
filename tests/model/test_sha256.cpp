#include "model/core/Sha256.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace breakeven {
namespace {

namespace fs = std::filesystem;

// FIPS 180-2 Appendix B vectors.
TEST(Sha256, EmptyMessage) {
    EXPECT_EQ(Sha256::hex(""),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, Abc) {
    EXPECT_EQ(Sha256::hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, TwoBlockMessage) {
    EXPECT_EQ(Sha256::hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, OneMillionAInUnevenChunks) {
    // Chunk sizes chosen to straddle block boundaries in every way: smaller
    // than a block, exactly one, and several blocks plus a remainder.
    const std::string as(1000, 'a');
    const std::size_t sizes[] = {1, 63, 64, 65, 7, 128, 200, 3, 999};
    Sha256 hasher;
    std::size_t fed = 0;
    for (std::size_t i = 0; fed < 1000000; ++i) {
        const std::size_t n = std::min(sizes[i % std::size(sizes)], std::size_t{1000000} - fed);
        hasher.update(as.data(), n);
        fed += n;
    }
    EXPECT_EQ(toHex(hasher.finish()),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, FipsLongerVector) {
    EXPECT_EQ(Sha256::hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                          "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

// Lengths around 56 and 64 bytes decide whether the length field fits in
// the last data block or spills padding into an extra one.
TEST(Sha256, PaddingBoundaries) {
    const struct {
        std::size_t length;
        const char* digest;
    } cases[] = {
        {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
        {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
        {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
        {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
        {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(Sha256::hex(std::string(c.length, 'a')), c.digest) << "length " << c.length;
    }
}

TEST(Sha256, ByteAtATimeMatchesOneShot) {
    const std::string message = "The quick brown fox jumps over the lazy dog";
    Sha256 hasher;
    for (char ch : message) {
        hasher.update(&ch, 1);
    }
    hasher.update(nullptr, 0);
    EXPECT_EQ(toHex(hasher.finish()), Sha256::hex(message));
    EXPECT_EQ(Sha256::hex(message),
              "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
}

// A unique temp path per test so parallel ctest runs cannot collide.
class Sha256File : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("breakeven_sha256_" + std::to_string(std::random_device{}()) + "_" + info->name());
        fs::create_directories(dir_);
    }
    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }
    std::string write(const std::string& name, const std::vector<char>& bytes) {
        const fs::path path = dir_ / name;
        std::ofstream out(path, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        EXPECT_TRUE(out) << "could not write " << path;
        return path.string();
    }

    fs::path dir_;
};

// Non-repeating pattern, so a chunk processed twice or skipped changes the digest.
std::vector<char> pattern(std::size_t size) {
    std::vector<char> bytes(size);
    for (std::size_t i = 0; i < size; ++i) {
        bytes[i] = static_cast<char>((i * 31 + 7) % 251);
    }
    return bytes;
}

TEST_F(Sha256File, SmallFile) {
    const std::string path = write("abc.txt", {'a', 'b', 'c'});
    EXPECT_EQ(sha256FileHex(path),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(Sha256File, EmptyFile) {
    const std::string path = write("empty", {});
    EXPECT_EQ(sha256FileHex(path),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(Sha256File, SpansSeveralReadChunks) {
    // 3 MiB + 17 bytes: three full 1 MiB reads and a short tail.
    const std::string path = write("big.bin", pattern((std::size_t{3} << 20) + 17));
    EXPECT_EQ(sha256FileHex(path),
              "e7bff00c7b67234117b8c364725cf2b41fc31f7f46674b1a4a6b3c5516b3a6ed");
}

TEST_F(Sha256File, ExactlyOneReadChunk) {
    // A file that ends on a chunk boundary needs a final empty read.
    const std::vector<char> bytes = pattern(std::size_t{1} << 20);
    const std::string path = write("mib.bin", bytes);
    EXPECT_EQ(sha256FileHex(path), Sha256::hex(std::string_view(bytes.data(), bytes.size())));
}

TEST_F(Sha256File, MissingFileNamesPathAndReason) {
    const std::string path = (dir_ / "does-not-exist.bin").string();
    try {
        (void)sha256FileHex(path);
        FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()), path + ": No such file or directory");
    }
}

TEST_F(Sha256File, DirectoryIsUnreadable) {
    const std::string path = dir_.string();
    try {
        (void)sha256FileHex(path);
        FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()), path + ": Is a directory");
    }
}

}  // namespace
}  // namespace breakeven
