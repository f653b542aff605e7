// WorkloadStream: each generator's rate, shape and bounds. Seeds are fixed,
// so every check is deterministic; tolerances are still derived from the
// process's own variance (4 standard errors unless stated), so they would
// hold for almost any seed and fail only for a wrong generator.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <numbers>
#include <vector>

#include "model/core/Distribution.h"
#include "model/core/Rng.h"
#include "model/domain/Request.h"
#include "model/domain/Workload.h"
#include "model/sim/WorkloadStream.h"

namespace breakeven {
namespace {

// Streams every request through `visit`, checking the invariants every
// generator shares: arrivals non-decreasing and inside [0, duration).
// Returns the number of requests.
std::uint64_t forEach(const WorkloadSpec& spec, std::uint64_t seed,
                      const std::function<void(const Request&)>& visit) {
    WorkloadStream stream(spec, Rng::stream(seed, "workload"));
    const SimTime end = secondsToSimTime(spec.durationSeconds);
    std::uint64_t n = 0;
    SimTime previous = 0;
    Request r;
    while (stream.next(r)) {
        EXPECT_GE(r.arrivalMicros, previous) << "request " << n;
        EXPECT_GE(r.arrivalMicros, 0);
        EXPECT_LT(r.arrivalMicros, end) << "request " << n;
        previous = r.arrivalMicros;
        visit(r);
        ++n;
        r = Request{};
    }
    // Once finished, a stream stays finished.
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(stream.next(r));
    return n;
}

std::vector<Request> collect(const WorkloadSpec& spec, std::uint64_t seed) {
    std::vector<Request> out;
    forEach(spec, seed, [&](const Request& r) { out.push_back(r); });
    return out;
}

// Per-minute counts -> index of dispersion (sample variance / sample mean).
double dispersionPerMinute(const WorkloadSpec& spec, std::uint64_t seed) {
    const auto minutes = static_cast<std::size_t>(spec.durationSeconds / 60.0);
    std::vector<double> counts(minutes, 0.0);
    forEach(spec, seed, [&](const Request& r) {
        const auto m = static_cast<std::size_t>(r.arrivalMicros / kMicrosPerMinute);
        if (m < minutes) counts[m] += 1.0;
    });
    double mean = 0.0;
    for (double c : counts) mean += c;
    mean /= static_cast<double>(minutes);
    double var = 0.0;
    for (double c : counts) var += (c - mean) * (c - mean);
    var /= static_cast<double>(minutes - 1);
    return var / mean;
}

// ---------------------------------------------------------------- Poisson

TEST(WorkloadPoisson, CountGapsAndBounds) {
    WorkloadSpec spec;
    spec.kind = WorkloadKind::Poisson;
    spec.ratePerSecond = 50.0;
    spec.durationSeconds = 2000.0;
    const auto requests = collect(spec, 1);
    const double expected = spec.ratePerSecond * spec.durationSeconds;  // 1e5
    // Poisson count: SD = sqrt(mean) = 316.
    EXPECT_NEAR(static_cast<double>(requests.size()), expected, 4 * std::sqrt(expected));
    EXPECT_DOUBLE_EQ(spec.meanRatePerSecond(), 50.0);

    // Gaps are exponential: CV 1 (delta method: SE(CV) = 1/sqrt(n) for the
    // exponential), P(gap > mean) = e^-1 (binomial SE).
    double sum = 0.0, sumSq = 0.0;
    std::uint64_t longer = 0;
    const double meanGapMicros = 1e6 / spec.ratePerSecond;
    for (std::size_t i = 1; i < requests.size(); ++i) {
        const auto gap = static_cast<double>(requests[i].arrivalMicros - requests[i - 1].arrivalMicros);
        sum += gap;
        sumSq += gap * gap;
        longer += gap > meanGapMicros;
    }
    const auto n = static_cast<double>(requests.size() - 1);
    const double mean = sum / n;
    const double cv = std::sqrt(sumSq / n - mean * mean) / mean;
    EXPECT_NEAR(mean, meanGapMicros, 4 * meanGapMicros / std::sqrt(n));
    EXPECT_NEAR(cv, 1.0, 4 / std::sqrt(n));
    const double p = std::exp(-1.0);
    EXPECT_NEAR(static_cast<double>(longer) / n, p, 4 * std::sqrt(p * (1 - p) / n));
    // No tokens configured: zero.
    for (const auto& r : requests) {
        ASSERT_EQ(r.inputTokens, 0u);
        ASSERT_EQ(r.outputTokens, 0u);
    }
}

TEST(WorkloadPoisson, PerMinuteCountsArePoisson) {
    WorkloadSpec spec;
    spec.ratePerSecond = 5.0;
    spec.durationSeconds = 60.0 * 2000;
    // Sample index of dispersion of m = 2000 Poisson counts: 1, SE sqrt(2/m).
    EXPECT_NEAR(dispersionPerMinute(spec, 2), 1.0, 4 * std::sqrt(2.0 / 2000));
}

// ---------------------------------------------------------------- Diurnal

WorkloadSpec diurnal(double phaseSeconds) {
    WorkloadSpec spec;
    spec.kind = WorkloadKind::Diurnal;
    spec.ratePerSecond = 10.0;
    spec.peakToTroughRatio = 5.0;
    spec.periodSeconds = 86400.0;
    spec.phaseSeconds = phaseSeconds;
    spec.durationSeconds = 2 * 86400.0;  // whole periods: the mean is exact
    return spec;
}

TEST(WorkloadDiurnal, MeanRateAndPeakAtQuarterPeriod) {
    const WorkloadSpec spec = diurnal(0.0);
    EXPECT_DOUBLE_EQ(spec.meanRatePerSecond(), 10.0);
    const double omega = 2 * std::numbers::pi / spec.periodSeconds;
    double peakHour = 0, troughHour = 0, sumSin = 0, sumCos = 0;
    const auto n = static_cast<double>(forEach(spec, 3, [&](const Request& r) {
        const double t = simTimeToSeconds(r.arrivalMicros);
        const double tod = std::fmod(t, spec.periodSeconds);
        peakHour += std::abs(tod - 21600.0) < 1800.0;    // the hour around period/4
        troughHour += std::abs(tod - 64800.0) < 1800.0;  // the hour around 3 period/4
        sumSin += std::sin(omega * t);
        sumCos += std::cos(omega * t);
    }));
    // Total: an inhomogeneous Poisson count, mean = integral of the rate.
    const double expected = spec.ratePerSecond * spec.durationSeconds;  // 1.728e6
    EXPECT_NEAR(n, expected, 4 * std::sqrt(expected));

    // rate(t) = mean (1 + a sin(omega t)), a = (5 - 1) / (5 + 1). Over the
    // hour centred on the peak/trough, the expected count is
    // mean (3600 +- a * 2 sin(omega 1800) / omega) per day; their ratio is
    // 4.97 (not quite 5: an hour-long average flattens the extremes).
    const double a = 4.0 / 6.0;
    const double swing = a * 2 * std::sin(omega * 1800.0) / omega;
    const double days = spec.durationSeconds / spec.periodSeconds;
    const double expectPeak = spec.ratePerSecond * (3600 + swing) * days;
    const double expectTrough = spec.ratePerSecond * (3600 - swing) * days;
    EXPECT_NEAR(peakHour, expectPeak, 4 * std::sqrt(expectPeak));
    EXPECT_NEAR(troughHour, expectTrough, 4 * std::sqrt(expectTrough));
    // Ratio: relative SE sqrt(1/peak + 1/trough) = 0.7 %.
    const double ratio = peakHour / troughHour;
    const double ratioExpected = expectPeak / expectTrough;
    EXPECT_NEAR(ratio, ratioExpected, 4 * ratioExpected * std::sqrt(1 / expectPeak + 1 / expectTrough));
    EXPECT_NEAR(ratio, 5.0, 0.2);

    // First Fourier component: E[sum sin] = n a / 2, E[sum cos] = 0, each with
    // variance ~ n / 2. The peak time atan2(S, C) / omega has SE
    // sqrt(2 / n) / a / omega = 22 s; the amplitude 2 S / n has SE sqrt(2 / n).
    const double peakTime = std::atan2(sumSin, sumCos) / omega;
    EXPECT_NEAR(peakTime, spec.periodSeconds / 4, 4 * std::sqrt(2 / n) / a / omega);
    EXPECT_NEAR(2 * sumSin / n, a, 4 * std::sqrt(2 / n));
}

TEST(WorkloadDiurnal, PhaseShiftsThePeak) {
    const WorkloadSpec spec = diurnal(10000.0);
    const double omega = 2 * std::numbers::pi / spec.periodSeconds;
    double sumSin = 0, sumCos = 0;
    const auto n = static_cast<double>(forEach(spec, 4, [&](const Request& r) {
        const double t = simTimeToSeconds(r.arrivalMicros);
        sumSin += std::sin(omega * t);
        sumCos += std::cos(omega * t);
    }));
    // "The time of the first peak is phase + period/4" (Workload.h). Same SE as above.
    const double peakTime = std::atan2(sumSin, sumCos) / omega;
    EXPECT_NEAR(peakTime, 10000.0 + spec.periodSeconds / 4, 4 * std::sqrt(2 / n) / (4.0 / 6.0) / omega);
}

// ---------------------------------------------------------------- MMPP

WorkloadSpec mmpp() {
    // Fast switching so the long-run mean converges within a short run.
    WorkloadSpec spec;
    spec.kind = WorkloadKind::Mmpp;
    spec.ratePerSecond = 1.0;
    spec.burstRatePerSecond = 10.0;
    spec.calmMeanSeconds = 6.0;
    spec.burstMeanSeconds = 2.0;
    spec.durationSeconds = 100'000.0;
    return spec;
}

// Asymptotic index of dispersion Var N(t) / E N(t) of a two-state MMPP with
// rates l0, l1 and switching rates r0 = 1/calm, r1 = 1/burst, for a window t:
// 1 + 2 (l1 - l0)^2 r0 r1 / (mean (r0 + r1)^3) * (1 - (1 - e^{-g t}) / (g t)), g = r0 + r1.
double mmppDispersion(const WorkloadSpec& s, double t) {
    const double r0 = 1 / s.calmMeanSeconds, r1 = 1 / s.burstMeanSeconds, g = r0 + r1;
    const double d = s.burstRatePerSecond - s.ratePerSecond;
    return 1 + 2 * d * d * r0 * r1 / (s.meanRatePerSecond() * g * g * g) *
                   (1 - (1 - std::exp(-g * t)) / (g * t));
}

TEST(WorkloadMmpp, LongRunMeanRate) {
    const WorkloadSpec spec = mmpp();
    // (1 * 6 + 10 * 2) / 8 = 3.25 /s
    EXPECT_DOUBLE_EQ(spec.meanRatePerSecond(), 3.25);
    const auto n = static_cast<double>(forEach(spec, 5, [](const Request&) {}));
    const double expected = spec.meanRatePerSecond() * spec.durationSeconds;
    // Var N = I * E N with I ~ 15 here (not 1 as for Poisson): SE 0.68 %.
    const double sd = std::sqrt(mmppDispersion(spec, spec.durationSeconds) * expected);
    EXPECT_NEAR(n, expected, 4 * sd);
}

TEST(WorkloadMmpp, BurstierThanPoisson) {
    const WorkloadSpec spec = mmpp();
    const double dispersion = dispersionPerMinute(spec, 6);
    // Poisson gives 1 +- 0.035 (SE sqrt(2/m), m = 1666 minutes); these
    // parameters predict 14.7. The sample variance of 1666 near-independent
    // counts has a few % SE, so +-25 % is a loose, safe band.
    EXPECT_GT(dispersion, 5.0);
    EXPECT_NEAR(dispersion, mmppDispersion(spec, 60.0), 0.25 * mmppDispersion(spec, 60.0));
}

TEST(WorkloadMmpp, DefaultParametersMeanRate) {
    WorkloadSpec spec;
    spec.kind = WorkloadKind::Mmpp;
    spec.durationSeconds = 660.0 * 2000;  // 2000 calm+burst cycles of the defaults
    const auto n = static_cast<double>(forEach(spec, 7, [](const Request&) {}));
    const double expected = spec.meanRatePerSecond() * spec.durationSeconds;  // 1.818 /s
    // I ~ 1 + 2 * 81 * 4.51 / 1.818 = 403 for these slow switches: SE 1.1 %.
    EXPECT_NEAR(n, expected, 4 * std::sqrt(mmppDispersion(spec, spec.durationSeconds) * expected));
}

// ---------------------------------------------------------------- On/off

TEST(WorkloadOnOff, BatchesOfExactlyNInsideTheirSpread) {
    WorkloadSpec spec;
    spec.kind = WorkloadKind::OnOff;
    spec.requestsPerBatch = 1000;
    spec.batchPeriodSeconds = 100.0;
    spec.batchSpreadSeconds = 10.0;
    spec.durationSeconds = 1950.0;  // batches at 0, 100, ..., 1900: ceil(19.5) = 20
    EXPECT_DOUBLE_EQ(spec.meanRatePerSecond(), 10.0);
    std::vector<int> perBatch(20, 0);
    double sumFraction = 0;
    const auto n = forEach(spec, 8, [&](const Request& r) {
        const SimTime period = secondsToSimTime(spec.batchPeriodSeconds);
        const auto k = static_cast<std::size_t>(r.arrivalMicros / period);
        ASSERT_LT(k, perBatch.size());
        ++perBatch[k];
        const SimTime offset = r.arrivalMicros - static_cast<SimTime>(k) * period;
        ASSERT_LE(offset, secondsToSimTime(spec.batchSpreadSeconds));
        sumFraction += simTimeToSeconds(offset) / spec.batchSpreadSeconds;
    });
    EXPECT_EQ(n, 20u * 1000u);
    for (int count : perBatch) EXPECT_EQ(count, 1000);
    // Inside a batch, arrivals are uniform over the spread: mean fraction
    // 1/2 with SE sqrt(1 / (12 n)) = 0.002.
    EXPECT_NEAR(sumFraction / static_cast<double>(n), 0.5, 4 * std::sqrt(1.0 / (12.0 * static_cast<double>(n))));
}

TEST(WorkloadOnOff, ZeroSpreadPutsEveryArrivalAtTheBatchStart) {
    WorkloadSpec spec;
    spec.kind = WorkloadKind::OnOff;
    spec.requestsPerBatch = 7;
    spec.batchPeriodSeconds = 60.0;
    spec.batchSpreadSeconds = 0.0;
    spec.durationSeconds = 600.0;  // exactly 10 periods: ceil(10) = 10 batches, none at t = 600
    const auto requests = collect(spec, 9);
    ASSERT_EQ(requests.size(), 70u);
    for (std::size_t i = 0; i < requests.size(); ++i)
        EXPECT_EQ(requests[i].arrivalMicros, static_cast<SimTime>(i / 7) * 60 * kMicrosPerSecond) << i;
}

TEST(WorkloadOnOff, NumberOfBatchesIsCeilOfDurationOverPeriod) {
    for (const double duration : {600.0, 600.5, 599.5, 1.0, 60.0, 61.0}) {
        WorkloadSpec spec;
        spec.kind = WorkloadKind::OnOff;
        spec.requestsPerBatch = 3;
        spec.batchPeriodSeconds = 60.0;
        spec.batchSpreadSeconds = 0.0;
        spec.durationSeconds = duration;
        const auto batches = static_cast<std::uint64_t>(std::ceil(duration / 60.0));
        EXPECT_EQ(collect(spec, 10).size(), 3 * batches) << duration;
    }
}

// ---------------------------------------------------------------- List

TEST(WorkloadList, ReturnsExactlyTheGivenTimesThenStops) {
    WorkloadSpec spec;
    spec.kind = WorkloadKind::List;
    spec.durationSeconds = 10.0;
    const std::vector<double> times{0.0, 0.0, 0.5, 1.25, 3.000001, 9.5};
    spec.arrivalsSeconds = std::make_shared<const std::vector<double>>(times);
    EXPECT_DOUBLE_EQ(spec.meanRatePerSecond(), 0.6);
    const auto requests = collect(spec, 11);
    ASSERT_EQ(requests.size(), times.size());
    for (std::size_t i = 0; i < times.size(); ++i)
        EXPECT_EQ(requests[i].arrivalMicros, secondsToSimTime(times[i])) << i;
    EXPECT_EQ(requests[4].arrivalMicros, 3'000'001);

    spec.arrivalsSeconds = nullptr;  // no list: no requests
    EXPECT_TRUE(collect(spec, 11).empty());
    spec.arrivalsSeconds = std::make_shared<const std::vector<double>>();
    EXPECT_TRUE(collect(spec, 11).empty());
}

// ---------------------------------------------------------------- Tokens

TEST(WorkloadTokens, DrawnWhenSetZeroOtherwise) {
    WorkloadSpec spec;
    spec.ratePerSecond = 100.0;
    spec.durationSeconds = 500.0;
    spec.inputTokens = Distribution::uniform(100.0, 200.0);
    spec.outputTokens = Distribution::fixed(128.0);
    double sumInput = 0;
    const auto n = static_cast<double>(forEach(spec, 12, [&](const Request& r) {
        ASSERT_GE(r.inputTokens, 100u);
        ASSERT_LE(r.inputTokens, 200u);
        ASSERT_EQ(r.outputTokens, 128u);
        sumInput += r.inputTokens;
    }));
    // Rounded uniform on [100, 200]: mean 150, SE 100 / sqrt(12 n).
    EXPECT_NEAR(sumInput / n, 150.0, 4 * 100.0 / std::sqrt(12.0 * n));

    spec.outputTokens.reset();  // only input set: output stays 0
    forEach(spec, 12, [](const Request& r) {
        ASSERT_GE(r.inputTokens, 100u);
        ASSERT_EQ(r.outputTokens, 0u);
    });
    spec.inputTokens.reset();
    spec.outputTokens = Distribution::exponential(50.0);  // only output set
    double sumOutput = 0;
    const auto m = static_cast<double>(forEach(spec, 12, [&](const Request& r) {
        ASSERT_EQ(r.inputTokens, 0u);
        sumOutput += r.outputTokens;
    }));
    // Rounding an exponential with mean 50 shifts its mean by < 0.01; SE 50 / sqrt(m).
    EXPECT_NEAR(sumOutput / m, 50.0, 4 * 50.0 / std::sqrt(m));
}

// ---------------------------------------------------------------- Determinism

std::vector<WorkloadSpec> everyKind() {
    std::vector<WorkloadSpec> specs;
    WorkloadSpec poisson;
    poisson.ratePerSecond = 20.0;
    poisson.durationSeconds = 600.0;
    poisson.inputTokens = Distribution::logNormalFromP50P99(500.0, 4000.0);
    poisson.outputTokens = Distribution::exponential(200.0);
    specs.push_back(poisson);
    WorkloadSpec d = diurnal(1234.0);
    d.durationSeconds = 3600.0;
    specs.push_back(d);
    WorkloadSpec m = mmpp();
    m.durationSeconds = 3600.0;
    specs.push_back(m);
    WorkloadSpec onOff;
    onOff.kind = WorkloadKind::OnOff;
    onOff.requestsPerBatch = 50;
    onOff.batchPeriodSeconds = 300.0;
    onOff.batchSpreadSeconds = 30.0;
    onOff.durationSeconds = 3600.0;
    specs.push_back(onOff);
    return specs;
}

bool sameRequests(const std::vector<Request>& a, const std::vector<Request>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].arrivalMicros != b[i].arrivalMicros || a[i].inputTokens != b[i].inputTokens ||
            a[i].outputTokens != b[i].outputTokens)
            return false;
    }
    return true;
}

TEST(WorkloadDeterminism, SameSeedSameSequenceOtherSeedDifferent) {
    for (const auto& spec : everyKind()) {
        const auto kind = static_cast<int>(spec.kind);
        const auto first = collect(spec, 100);
        ASSERT_FALSE(first.empty()) << kind;
        EXPECT_TRUE(sameRequests(first, collect(spec, 100))) << kind;
        EXPECT_FALSE(sameRequests(first, collect(spec, 101))) << kind;
    }
}

// Tokens come from their own stream: adding or changing token distributions
// keeps the arrival times, so token what-ifs compare the same traffic.
TEST(WorkloadDeterminism, TokenDistributionsDoNotMoveArrivals) {
    for (auto spec : everyKind()) {
        spec.inputTokens.reset();
        spec.outputTokens.reset();
        const auto plain = collect(spec, 100);
        spec.inputTokens = Distribution::logNormalFromP50P99(500, 4000);
        spec.outputTokens = Distribution::exponential(200);
        const auto withTokens = collect(spec, 100);
        ASSERT_EQ(plain.size(), withTokens.size()) << static_cast<int>(spec.kind);
        for (std::size_t i = 0; i < plain.size(); ++i)
            ASSERT_EQ(plain[i].arrivalMicros, withTokens[i].arrivalMicros) << i;
    }
}

// An arrival just under the window's end that rounds onto it is not emitted.
TEST(WorkloadList, ArrivalRoundingOntoTheWindowEndIsDropped) {
    WorkloadSpec spec;
    spec.kind = WorkloadKind::List;
    spec.durationSeconds = 10.0;
    spec.arrivalsSeconds = std::make_shared<const std::vector<double>>(std::vector<double>{1.0, 9.9999996});
    WorkloadStream stream(spec, Rng(1));
    Request r;
    ASSERT_TRUE(stream.next(r));
    EXPECT_EQ(r.arrivalMicros, 1'000'000);
    EXPECT_FALSE(stream.next(r));
}

}  // namespace
}  // namespace breakeven
