// model/core: the seeded generator, the exponential ziggurat, distributions
// and the latency histogram. Every statistical check uses a fixed seed, so it
// is deterministic; its tolerance is still justified as if the seed were
// random (4 standard errors, or a chi-square critical value at p = 1e-4), so
// a changed generator fails only if it is actually wrong.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <vector>

#include "model/core/Distribution.h"
#include "model/core/LatencyHistogram.h"
#include "model/core/Rng.h"
#include "model/core/Ziggurat.h"

namespace breakeven {
namespace {

std::vector<std::uint64_t> firstWords(Rng rng, int n = 8) {
    std::vector<std::uint64_t> out;
    for (int i = 0; i < n; ++i) out.push_back(rng.nextU64());
    return out;
}

// Pearson's chi-square statistic of observed counts against equal expected counts.
double chiSquareUniform(const std::vector<std::uint64_t>& counts) {
    std::uint64_t total = 0;
    for (auto c : counts) total += c;
    const double expected = static_cast<double>(total) / static_cast<double>(counts.size());
    double chi2 = 0.0;
    for (auto c : counts) {
        const double d = static_cast<double>(c) - expected;
        chi2 += d * d / expected;
    }
    return chi2;
}

// ---------------------------------------------------------------- Rng

TEST(Rng, StreamsAreDeterministic) {
    EXPECT_EQ(firstWords(Rng::stream(42, "workload")), firstWords(Rng::stream(42, "workload")));
    EXPECT_EQ(firstWords(Rng::stream(42, 7)), firstWords(Rng::stream(42, 7)));
    EXPECT_EQ(firstWords(Rng(123)), firstWords(Rng(123)));
    // A label is its hash used as an id (documented by the overloads).
    EXPECT_EQ(firstWords(Rng::stream(42, "workload")),
              firstWords(Rng::stream(42, Rng::hashLabel("workload"))));
}

TEST(Rng, StreamsDiffer) {
    const auto base = firstWords(Rng::stream(42, "workload"));
    EXPECT_NE(base, firstWords(Rng::stream(42, "deployment:a")));
    EXPECT_NE(base, firstWords(Rng::stream(43, "workload")));
    EXPECT_NE(firstWords(Rng::stream(42, "deployment:a")), firstWords(Rng::stream(42, "deployment:b")));
    EXPECT_NE(firstWords(Rng::stream(42, 0)), firstWords(Rng::stream(42, 1)));
    EXPECT_NE(firstWords(Rng::stream(42, 0)), firstWords(Rng::stream(43, 0)));
    EXPECT_NE(firstWords(Rng::stream(42, 0)), firstWords(Rng(42)));
    // Neighbouring ids must not give shifted copies of one sequence.
    const auto s0 = firstWords(Rng::stream(1, 0), 64);
    const auto s1 = firstWords(Rng::stream(1, 1), 64);
    for (auto w : s1) EXPECT_EQ(std::count(s0.begin(), s0.end(), w), 0);
}

TEST(Rng, SplitIsDeterministicDiffersFromParentAndLeavesParentAlone) {
    Rng parent(2024);
    const Rng copy = parent;
    const Rng a = parent.split(1);
    EXPECT_EQ(firstWords(a), firstWords(parent.split(1)));
    EXPECT_NE(firstWords(a), firstWords(parent));
    EXPECT_NE(firstWords(a), firstWords(parent.split(2)));
    EXPECT_EQ(firstWords(parent), firstWords(copy));  // split() is const
    // A split after the parent advanced is a different stream.
    Rng advanced = parent;
    advanced.nextU64();
    EXPECT_NE(firstWords(advanced.split(1)), firstWords(a));
}

TEST(Rng, UniformRanges) {
    // Same state: uniformOpen01 is uniform01 shifted by one ulp of 2^-53, so
    // [0, 1 - 2^-53] maps onto [2^-53, 1] exactly: (0, 1] and [0, 1).
    Rng a(5), b(5);
    for (int i = 0; i < 1000; ++i) EXPECT_EQ(a.uniform01() + 0x1.0p-53, b.uniformOpen01());

    constexpr int kN = 1'000'000;
    Rng rng(77);
    double sum = 0.0, sumOpen = 0.0;
    for (int i = 0; i < kN; ++i) {
        const double u = rng.uniform01();
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
        sum += u;
        const double v = rng.uniformOpen01();
        ASSERT_GT(v, 0.0);
        ASSERT_LE(v, 1.0);
        sumOpen += v;
    }
    // Mean 1/2, standard error sqrt(1/12 / n) = 2.9e-4; allow 4 of them.
    const double se = std::sqrt(1.0 / 12.0 / kN);
    EXPECT_NEAR(sum / kN, 0.5, 4 * se);
    EXPECT_NEAR(sumOpen / kN, 0.5, 4 * se);
}

TEST(Rng, BelowIsUnbiased) {
    Rng rng(99);
    EXPECT_EQ(rng.below(0), 0u);  // documented degenerate case
    for (int i = 0; i < 100; ++i) EXPECT_EQ(rng.below(1), 0u);

    // 10 bins, 10^6 draws: chi-square with 9 degrees of freedom; the critical
    // value at p = 1e-4 is 33.72.
    std::vector<std::uint64_t> counts(10, 0);
    for (int i = 0; i < 1'000'000; ++i) {
        const auto k = rng.below(10);
        ASSERT_LT(k, 10u);
        ++counts[k];
    }
    EXPECT_LT(chiSquareUniform(counts), 33.72);

    // n = 3 * 2^62: plain `nextU64() % n` would put half of all draws below
    // 2^62 (thirds 1/2, 1/4, 1/4). Unbiased: thirds equally likely; chi-square
    // with 2 degrees of freedom, critical value 18.42 at p = 1e-4 (the biased
    // method would give 37500).
    const std::uint64_t n = std::uint64_t{3} << 62;
    std::vector<std::uint64_t> thirds(3, 0);
    for (int i = 0; i < 300'000; ++i) {
        const auto k = rng.below(n);
        ASSERT_LT(k, n);
        ++thirds[k >> 62];
    }
    EXPECT_LT(chiSquareUniform(thirds), 18.42);
}

// ---------------------------------------------------------------- Ziggurat

TEST(Ziggurat, StandardExponentialMoments) {
    constexpr int kN = 2'000'000;
    Rng rng(2718);
    double sum = 0.0, sumSq = 0.0;
    std::uint64_t above3 = 0, above8 = 0;
    std::vector<std::uint64_t> bins(50, 0);  // equiprobable: F(x) = 1 - e^-x
    for (int i = 0; i < kN; ++i) {
        const double x = standardExponential(rng);
        ASSERT_GE(x, 0.0);
        ASSERT_TRUE(std::isfinite(x));
        sum += x;
        sumSq += x * x;
        above3 += x > 3.0;
        above8 += x > 8.0;  // beyond the base layer's edge 7.697: the tail path
        const auto bin = static_cast<std::size_t>(-std::expm1(-x) * 50.0);
        ++bins[std::min<std::size_t>(bin, 49)];
    }
    const double n = kN;
    const double mean = sum / n;
    const double variance = sumSq / n - mean * mean;
    // Mean: SE = 1/sqrt(n) = 7.1e-4.
    EXPECT_NEAR(mean, 1.0, 4.0 / std::sqrt(n));
    // Variance: SE = sqrt((mu4 - sigma^4) / n) = sqrt(8 / n) = 2.0e-3 (mu4 = 9).
    EXPECT_NEAR(variance, 1.0, 4.0 * std::sqrt(8.0 / n));
    // Tails: binomial SE sqrt(p (1 - p) / n).
    const double p3 = std::exp(-3.0), p8 = std::exp(-8.0);
    EXPECT_NEAR(static_cast<double>(above3) / n, p3, 4.0 * std::sqrt(p3 * (1 - p3) / n));
    EXPECT_NEAR(static_cast<double>(above8) / n, p8, 4.0 * std::sqrt(p8 * (1 - p8) / n));
    // Shape across all layers: chi-square with 49 degrees of freedom, critical
    // value 94.6 at p = 1e-4.
    EXPECT_LT(chiSquareUniform(bins), 94.6);
}

// ---------------------------------------------------------------- Distribution

TEST(Distribution, DefaultAndFixed) {
    const Distribution zero;
    EXPECT_TRUE(zero.isZero());
    EXPECT_EQ(zero.mean(), 0.0);
    const Distribution d = Distribution::fixed(0.25);
    EXPECT_FALSE(d.isZero());
    EXPECT_EQ(d.kind(), DistributionKind::Fixed);
    Rng rng(3);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(d.sample(rng), 0.25);
    EXPECT_EQ(d.mean(), 0.25);
    EXPECT_EQ(d.quantile(0.99), 0.25);
}

TEST(Distribution, ExponentialMean) {
    constexpr int kN = 200'000;
    const Distribution d = Distribution::exponential(0.25);
    EXPECT_EQ(d.mean(), 0.25);
    EXPECT_NEAR(d.quantile(0.5), 0.25 * std::log(2.0), 1e-15);
    Rng rng(11);
    double sum = 0.0;
    std::uint64_t belowMedian = 0;
    for (int i = 0; i < kN; ++i) {
        const double x = d.sample(rng);
        ASSERT_GE(x, 0.0);
        sum += x;
        belowMedian += x < d.quantile(0.5);
    }
    // SE of the mean = mean / sqrt(n); of a proportion 1/2: 0.5 / sqrt(n).
    EXPECT_NEAR(sum / kN, 0.25, 4 * 0.25 / std::sqrt(kN));
    EXPECT_NEAR(static_cast<double>(belowMedian) / kN, 0.5, 4 * 0.5 / std::sqrt(kN));
}

TEST(Distribution, UniformBoundsAndMean) {
    constexpr int kN = 200'000;
    const Distribution d = Distribution::uniform(2.0, 5.0);
    EXPECT_EQ(d.mean(), 3.5);
    EXPECT_EQ(d.quantile(0.0), 2.0);
    EXPECT_EQ(d.quantile(0.5), 3.5);
    Rng rng(12);
    double sum = 0.0, lo = 5.0, hi = 2.0;
    for (int i = 0; i < kN; ++i) {
        const double x = d.sample(rng);
        ASSERT_GE(x, 2.0);
        ASSERT_LT(x, 5.0);
        sum += x;
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    }
    EXPECT_NEAR(sum / kN, 3.5, 4 * 3.0 / std::sqrt(12.0 * kN));  // SE = width / sqrt(12 n)
    // The extremes of 2e5 uniforms lie within ~width * 20 / n of the bounds.
    EXPECT_LT(lo, 2.0 + 3.0 * 20.0 / kN);
    EXPECT_GT(hi, 5.0 - 3.0 * 20.0 / kN);
}

TEST(Distribution, LogNormalFromP50P99) {
    constexpr double kP50 = 0.2, kP99 = 1.0;
    const Distribution d = Distribution::logNormalFromP50P99(kP50, kP99);
    EXPECT_EQ(d.kind(), DistributionKind::LogNormal);
    EXPECT_NEAR(d.quantile(0.5), kP50, 1e-9 * kP50);
    EXPECT_NEAR(d.quantile(0.99), kP99, 1e-9 * kP99);
    EXPECT_EQ(d.param(0), kP50);
    EXPECT_EQ(d.param(1), kP99);
    const double mu = std::log(kP50);
    const double sigma = std::log(kP99 / kP50) / kZ99;  // 0.692
    EXPECT_NEAR(d.mean(), std::exp(mu + 0.5 * sigma * sigma), 1e-12);

    constexpr std::size_t kN = 1'000'000;
    Rng rng(13);
    std::vector<double> xs(kN);
    double sum = 0.0;
    for (auto& x : xs) {
        x = d.sample(rng);
        ASSERT_GT(x, 0.0);
        sum += x;
    }
    // Sample quantile SE (log space) = sigma sqrt(p(1-p)) / (phi(z_p) sqrt(n)):
    // p50 0.087 %, p99 0.26 %; 2 % is > 7 SE for both.
    const auto at = [&](double q) {
        auto it = xs.begin() + static_cast<std::ptrdiff_t>(q * kN);
        std::nth_element(xs.begin(), it, xs.end());
        return *it;
    };
    EXPECT_NEAR(at(0.5), kP50, 0.02 * kP50);
    EXPECT_NEAR(at(0.99), kP99, 0.02 * kP99);
    // Mean: SE = mean sqrt(e^{sigma^2} - 1) / sqrt(n) = 0.078 %.
    const double se = d.mean() * std::sqrt(std::expm1(sigma * sigma) / kN);
    EXPECT_NEAR(sum / kN, d.mean(), 4 * se);
}

TEST(Distribution, LogNormalDegenerateWhenP99EqualsP50) {
    const Distribution d = Distribution::logNormalFromP50P99(0.3, 0.3);
    Rng rng(14);
    for (int i = 0; i < 100; ++i) EXPECT_NEAR(d.sample(rng), 0.3, 1e-12);
    EXPECT_NEAR(d.mean(), 0.3, 1e-12);
}

TEST(Distribution, EmpiricalDrawsGivenValuesEqually) {
    const std::vector<double> values{7.0, 0.5, 4.0, 1.5};  // unsorted on purpose
    const Distribution d = Distribution::empirical(values);
    EXPECT_EQ(d.kind(), DistributionKind::Empirical);
    EXPECT_DOUBLE_EQ(d.mean(), (7.0 + 0.5 + 4.0 + 1.5) / 4.0);
    EXPECT_EQ(d.quantile(0.0), 0.5);
    EXPECT_EQ(d.quantile(1.0), 7.0);
    ASSERT_EQ(d.samples().size(), 4u);

    Rng rng(15);
    std::map<double, std::uint64_t> seen;
    for (int i = 0; i < 400'000; ++i) ++seen[d.sample(rng)];
    ASSERT_EQ(seen.size(), 4u);  // only the given values
    std::vector<std::uint64_t> counts;
    for (double v : values) {
        ASSERT_EQ(seen.count(v), 1u) << v;
        counts.push_back(seen[v]);
    }
    // Chi-square with 3 degrees of freedom, critical value 21.11 at p = 1e-4.
    EXPECT_LT(chiSquareUniform(counts), 21.11);

    // Duplicates weigh proportionally: {1, 1, 2} draws 1 with p = 2/3.
    const Distribution dup = Distribution::empirical({1.0, 2.0, 1.0});
    std::uint64_t ones = 0;
    constexpr int kN = 300'000;
    for (int i = 0; i < kN; ++i) ones += dup.sample(rng) == 1.0;
    EXPECT_NEAR(static_cast<double>(ones) / kN, 2.0 / 3.0, 4 * std::sqrt(2.0 / 9.0 / kN));

    EXPECT_THROW(Distribution::empirical({}), std::invalid_argument);
}

// ---------------------------------------------------------------- LatencyHistogram

// The estimator's rank convention (ceil(q n), at least 1) applied to sorted data.
std::uint64_t rankOf(double q, std::size_t n) {
    return std::max<std::uint64_t>(
        1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(n))));
}

std::vector<double> quantileGrid() {
    std::vector<double> qs;
    for (int i = 0; i <= 1000; ++i) qs.push_back(i / 1000.0);
    for (double q : {0.9991, 0.9995, 0.9999, 0.99999, 1e-5}) qs.push_back(q);
    return qs;
}

void expectSameHistogram(const LatencyHistogram& a, const LatencyHistogram& b) {
    EXPECT_EQ(a.count(), b.count());
    EXPECT_EQ(a.meanSeconds(), b.meanSeconds());
    EXPECT_EQ(a.maxSeconds(), b.maxSeconds());
    for (double q : quantileGrid()) EXPECT_EQ(a.quantileSeconds(q), b.quantileSeconds(q)) << q;
}

TEST(LatencyHistogram, MemoryIsConstant) {
    EXPECT_LT(sizeof(LatencyHistogram), 64u * 1024u);
}

TEST(LatencyHistogram, BucketFunctionsAreInverse) {
    using H = LatencyHistogram;
    // Buckets tile [0, 2^64) contiguously, and bucketOf(bucketLow(b)) == b.
    for (int b = 0; b < H::kBucketCount; ++b) {
        ASSERT_EQ(H::bucketOf(H::bucketLow(b)), b) << b;
        ASSERT_GE(H::bucketWidth(b), 1u);
        if (b + 1 < H::kBucketCount) {
            ASSERT_EQ(H::bucketLow(b) + H::bucketWidth(b), H::bucketLow(b + 1)) << b;
        }
        if (b >= H::kSubCount) {  // log-linear: width <= low / 128
            ASSERT_LE(H::bucketWidth(b) * H::kSubCount, H::bucketLow(b)) << b;
        }
    }
    EXPECT_EQ(H::bucketOf(std::numeric_limits<std::uint64_t>::max()), H::kBucketCount - 1);
    const auto check = [](std::uint64_t v) {
        const int b = LatencyHistogram::bucketOf(v);
        ASSERT_GE(b, 0);
        ASSERT_LT(b, LatencyHistogram::kBucketCount);
        const std::uint64_t low = LatencyHistogram::bucketLow(b);
        ASSERT_LE(low, v) << v;
        ASSERT_LT(v - low, LatencyHistogram::bucketWidth(b)) << v;  // v < low + width, overflow-safe
    };
    for (std::uint64_t v = 0; v < (1u << 18); ++v) check(v);
    for (int e = 0; e < 64; ++e) {
        const std::uint64_t p = std::uint64_t{1} << e;
        check(p);
        check(p - 1);
        check(p + 1);
    }
    check(std::numeric_limits<std::uint64_t>::max());
    Rng rng(17);
    for (int i = 0; i < 200'000; ++i) check(rng.nextU64() >> rng.below(64));
}

TEST(LatencyHistogram, EmptyReturnsZero) {
    const LatencyHistogram h;
    EXPECT_EQ(h.count(), 0u);
    EXPECT_EQ(h.meanSeconds(), 0.0);
    EXPECT_EQ(h.maxSeconds(), 0.0);
    for (double q : {0.0, 0.5, 0.99, 1.0}) EXPECT_EQ(h.quantileSeconds(q), 0.0);
}

TEST(LatencyHistogram, QuantilesWithinOnePercentOfExact) {
    // Log-uniform from 1 µs to 1e9 µs (1000 s): every magnitude is exercised.
    constexpr std::size_t kN = 200'000;
    Rng rng(18);
    LatencyHistogram h;
    std::vector<SimTime> values(kN);
    std::int64_t sum = 0;
    for (auto& v : values) {
        v = static_cast<SimTime>(std::llround(std::exp(rng.uniform01() * std::log(1e9))));
        h.record(v);
        sum += v;
    }
    std::sort(values.begin(), values.end());
    ASSERT_EQ(h.count(), kN);
    // Max exact; mean exact (integer sum < 2^53 is exact in a double).
    EXPECT_EQ(h.maxSeconds(), simTimeToSeconds(values.back()));
    EXPECT_EQ(h.meanSeconds(), static_cast<double>(sum) / static_cast<double>(kN) * 1e-6);
    // The bucket midpoint is within (width - 1) / 2 <= low / 256 of any value
    // in the bucket: 0.39 %, inside the required 1 %. Below 128 µs: exact.
    for (double q : quantileGrid()) {
        const SimTime exact = values[rankOf(q, kN) - 1];
        const double estimate = h.quantileSeconds(q);
        const double exactSeconds = simTimeToSeconds(exact);
        if (exact < LatencyHistogram::kSubCount) {
            EXPECT_EQ(estimate, exactSeconds) << q;
        } else {
            EXPECT_NEAR(estimate, exactSeconds, exactSeconds / 256.0) << q;
            EXPECT_NEAR(estimate, exactSeconds, exactSeconds * 0.01) << q;
        }
    }
    EXPECT_EQ(h.quantileSeconds(1.0), h.maxSeconds());
}

TEST(LatencyHistogram, ExactBelow128Micros) {
    LatencyHistogram h;
    for (SimTime v = 0; v < 128; ++v) h.recordMany(v, 10);
    // 1280 samples, each value 10 times: rank r holds value (r - 1) / 10.
    for (std::uint64_t rank = 1; rank <= 1280; rank += 7) {
        const double q = (static_cast<double>(rank) - 0.5) / 1280.0;  // ceil(q n) == rank
        EXPECT_EQ(h.quantileSeconds(q), static_cast<double>((rank - 1) / 10) * 1e-6) << rank;
    }
    EXPECT_EQ(h.maxSeconds(), 127e-6);
    EXPECT_DOUBLE_EQ(h.meanSeconds(), 63.5e-6);
}

TEST(LatencyHistogram, RecordManyEqualsRepeatedRecord) {
    LatencyHistogram many, repeated;
    const std::vector<std::pair<SimTime, std::uint64_t>> batches{
        {0, 1000}, {5, 3}, {1234, 17}, {987654, 250}, {42'000'000'000, 2}, {129, 1}};
    for (const auto& [v, n] : batches) {
        many.recordMany(v, n);
        for (std::uint64_t i = 0; i < n; ++i) repeated.record(v);
    }
    many.recordMany(5'000'000'000'000, 0);  // n = 0 records nothing, not even the max
    expectSameHistogram(many, repeated);
}

TEST(LatencyHistogram, MergeEqualsRecordingBoth) {
    Rng rng(19);
    LatencyHistogram a, b, both;
    for (int i = 0; i < 50'000; ++i) {
        const auto v = static_cast<SimTime>(rng.below(1'000'000'000));
        (i % 3 == 0 ? a : b).record(v);
        both.record(v);
    }
    LatencyHistogram merged = a;
    merged.merge(b);
    expectSameHistogram(merged, both);
    LatencyHistogram empty;
    empty.merge(both);
    expectSameHistogram(empty, both);
}

}  // namespace
}  // namespace breakeven
