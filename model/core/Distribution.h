#pragma once
// A non-negative random quantity (service time, cold start, token count) as a
// value type. Parameters are validated by the caller (scenario parser); the
// factory functions assume sane values.
#include <memory>
#include <string>
#include <vector>

#include "model/core/Rng.h"

namespace breakeven {

enum class DistributionKind { Fixed, Exponential, Uniform, LogNormal, Empirical };

class Distribution {
public:
    Distribution() = default;  // fixed 0

    static Distribution fixed(double value);
    static Distribution exponential(double mean);
    static Distribution uniform(double min, double max);
    // Log-normal with the given median and 99th percentile (p99 >= p50 > 0).
    static Distribution logNormalFromP50P99(double p50, double p99);
    // Draws one of the observed values with equal probability.
    static Distribution empirical(std::vector<double> samples);

    [[nodiscard]] double sample(Rng& rng) const {
        switch (kind_) {
        case DistributionKind::Fixed: return a_;
        case DistributionKind::Exponential: return sampleExponential(rng);
        case DistributionKind::Uniform: return a_ + (b_ - a_) * rng.uniform01();
        case DistributionKind::LogNormal: return sampleLogNormal(rng);
        case DistributionKind::Empirical: return sampleEmpirical(rng);
        }
        return a_;
    }

    [[nodiscard]] DistributionKind kind() const { return kind_; }
    [[nodiscard]] double mean() const;
    [[nodiscard]] double quantile(double q) const;
    // Scenario-JSON parameters, in the order the format documents them.
    [[nodiscard]] double param(int i) const;
    [[nodiscard]] const std::vector<double>& samples() const;
    [[nodiscard]] bool isZero() const { return kind_ == DistributionKind::Fixed && a_ == 0.0; }
    [[nodiscard]] std::string describe() const;

private:
    double sampleExponential(Rng& rng) const;
    double sampleLogNormal(Rng& rng) const;
    double sampleEmpirical(Rng& rng) const;

    DistributionKind kind_ = DistributionKind::Fixed;
    double a_ = 0.0;  // fixed value | mean | min | mu
    double b_ = 0.0;  // - | - | max | sigma
    double p50_ = 0.0, p99_ = 0.0;
    std::shared_ptr<const std::vector<double>> samples_;
};

// The standard normal quantile at 0.99 (used to fit p50/p99).
inline constexpr double kZ99 = 2.3263478740408408;

// One standard normal draw (Marsaglia polar; pure function of the stream).
double standardNormal(Rng& rng);

}  // namespace breakeven
