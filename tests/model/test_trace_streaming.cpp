// Streaming and ordering: a generated 10^7-row file read with bounded heap
// (mallinfo2, not RSS: mapped pages are not the reader's memory), the reorder
// heap and the external-sort fallback, and count-column expansion.
// GCC 12 without LTO misreports std::string assignment as overlapping
// memcpy (GCC bug 105329); the code is fine, the warning is not.
#pragma GCC diagnostic ignored "-Wrestrict"
#include <gtest/gtest.h>
#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>

#include "TraceTestSupport.h"

namespace breakeven::trace {
namespace {

class TempFile {
public:
    explicit TempFile(const std::string& name) : path_(::testing::TempDir() + "/" + name) {}
    ~TempFile() { std::remove(path_.c_str()); }
    [[nodiscard]] const std::string& path() const { return path_; }
    std::FILE* open() const { return std::fopen(path_.c_str(), "w"); }

private:
    std::string path_;
};

TraceOptions csvMapping(std::string unit) {
    TraceOptions o;
    o.format = TraceFormat::Csv;
    o.mapping.timeColumn = "t";
    o.mapping.timeUnit = std::move(unit);
    o.mapping.inputTokensColumn = "in";
    o.mapping.outputTokensColumn = "out";
    return o;
}

TEST(TraceStreaming, TenMillionRowsWithBoundedHeap) {
    TempFile file("trace_10m.csv");
    constexpr std::uint64_t kRows = 10'000'000;
    {
        std::FILE* f = file.open();
        std::fputs("t;in;out\n", f);  // delimiter detected from the header
        for (std::uint64_t i = 0; i < kRows; ++i) std::fprintf(f, "%llu;%u;7\n", static_cast<unsigned long long>(i / 3), static_cast<unsigned>(i % 1000));
        std::fclose(f);
    }
    const std::size_t baseline = mallinfo2().uordblks;
    std::size_t highWater = 0;
    std::uint64_t n = 0, input = 0;
    SimTime last = 0;
    {
        auto reader = openTrace(file.path(), csvMapping("ms"));
        for (Request r; reader->next(r); ++n) {
            input += r.inputTokens;
            last = r.arrivalMicros;
            if ((n & 0xFFFF) == 0) highWater = std::max<std::size_t>(highWater, mallinfo2().uordblks);
        }
        EXPECT_DOUBLE_EQ(reader->progress(), 1.0);
    }
    EXPECT_EQ(n, kRows);
    EXPECT_EQ(input, kRows / 1000 * (999 * 1000 / 2));
    EXPECT_EQ(last, static_cast<SimTime>((kRows - 1) / 3) * 1000);
    EXPECT_LT(highWater - std::min(highWater, baseline), 4u << 20) << "heap grew by " << (highWater - baseline);
}

// Writes rows whose times are `order[i]` seconds (token = row index).
void writeRows(const TempFile& file, const std::vector<std::uint64_t>& order) {
    std::FILE* f = file.open();
    std::fputs("t,in,out\n", f);
    for (std::size_t i = 0; i < order.size(); ++i)
        std::fprintf(f, "%llu,%zu,1\n", static_cast<unsigned long long>(order[i]), i);
    std::fclose(f);
}

void expectSortedStable(const std::string& path, std::size_t rows, const std::string& warningStart) {
    auto reader = openTrace(path, csvMapping("s"));
    std::uint64_t n = 0;
    Request previous;
    for (Request r; reader->next(r); ++n) {
        if (n > 0) {
            ASSERT_GE(r.arrivalMicros, previous.arrivalMicros) << n;
            if (r.arrivalMicros == previous.arrivalMicros) { ASSERT_GT(r.inputTokens, previous.inputTokens) << n; }
        }
        previous = r;
    }
    EXPECT_EQ(n, rows);
    ASSERT_FALSE(reader->report().warnings.empty());
    EXPECT_EQ(reader->report().warnings[0].rfind(warningStart, 0), 0u) << reader->report().warnings[0];
}

TEST(TraceStreaming, SlightDisorderUsesTheReorderBuffer) {
    TempFile file("slight.csv");
    std::vector<std::uint64_t> order(100'000);
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i / 4 + (i % 97 == 0 ? 50 : 0);  // some late rows
    writeRows(file, order);
    std::uint64_t late = 0, runningMax = 0;
    for (auto t : order) {
        late += t < runningMax;
        runningMax = std::max(runningMax, t);
    }
    expectSortedStable(file.path(), order.size(), std::to_string(late) + " out-of-order rows were sorted");
    EXPECT_EQ(openTrace(file.path(), csvMapping("s"))->report().warnings[0].find("external"), std::string::npos);
}

TEST(TraceStreaming, HeavyDisorderFallsBackToExternalSort) {
    TempFile file("heavy.csv");
    std::vector<std::uint64_t> order(300'000);
    std::mt19937_64 rng(3);
    for (auto& t : order) t = rng() % 5000;  // many equal times, far out of order
    writeRows(file, order);
    expectSortedStable(file.path(), order.size(), "");
    auto reader = openTrace(file.path(), csvMapping("s"));
    EXPECT_NE(reader->report().warnings[0].find("external sort"), std::string::npos);
}

TEST(TraceStreaming, CountColumnExpandsInsideEachInterval) {
    TempFile file("counts.csv");
    {
        std::FILE* f = file.open();
        std::fputs("time,region,invocations\n", f);
        for (int m = 0; m < 30; ++m) std::fprintf(f, "%d,eu,%d\n%d,us,%d\n", m * 60, m * 10, m * 60, 1000);
        std::fclose(f);
    }
    for (const auto mode : {CountExpansion::Uniform, CountExpansion::Poisson}) {
        TraceOptions o;
        o.format = TraceFormat::Csv;
        o.mapping.timeColumn = "time";
        o.mapping.countColumn = "invocations";
        o.mapping.filters = {{"region", "eu"}};
        o.countExpansion = mode;
        o.seed = 11;
        auto reader = openTrace(file.path(), o);
        SimTime previous = 0;
        std::uint64_t n = 0;
        for (Request r; reader->next(r); ++n) {
            ASSERT_GE(r.arrivalMicros, previous);
            previous = r.arrivalMicros;
        }
        EXPECT_EQ(n, 10u * (29 * 30 / 2));
        // Minute 0 has no eu arrivals, so the span is under 29 minutes.
        EXPECT_LT(previous, 29 * 60'000'000LL);
        // Same seed → same arrivals.
        auto again = openTrace(file.path(), o);
        auto third = openTrace(file.path(), o);
        bool same = true;
        for (Request a, b; again->next(a) && third->next(b);) same = same && a.arrivalMicros == b.arrivalMicros;
        EXPECT_TRUE(same);
        o.mapping.filters.clear();
        // Both regions: overlapping intervals, interleaved by the reorder buffer.
        const auto all = testing::readAll(file.path(), o);
        EXPECT_EQ(all.size(), 10u * (29 * 30 / 2) + 30'000u);
        EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](const Request& a, const Request& b) {
            return a.arrivalMicros < b.arrivalMicros;
        }));
    }
}

}  // namespace
}  // namespace breakeven::trace
