#include "model/core/Distribution.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "model/core/Ziggurat.h"

namespace breakeven {

Distribution Distribution::fixed(double value) {
    Distribution d;
    d.kind_ = DistributionKind::Fixed;
    d.a_ = value;
    return d;
}

Distribution Distribution::exponential(double mean) {
    Distribution d;
    d.kind_ = DistributionKind::Exponential;
    d.a_ = mean;
    return d;
}

Distribution Distribution::uniform(double min, double max) {
    Distribution d;
    d.kind_ = DistributionKind::Uniform;
    d.a_ = min;
    d.b_ = max;
    return d;
}

Distribution Distribution::logNormalFromP50P99(double p50, double p99) {
    Distribution d;
    d.kind_ = DistributionKind::LogNormal;
    d.p50_ = p50;
    d.p99_ = p99;
    d.a_ = std::log(p50);
    d.b_ = (std::log(p99) - std::log(p50)) / kZ99;
    return d;
}

Distribution Distribution::empirical(std::vector<double> samples) {
    if (samples.empty()) throw std::invalid_argument("empirical distribution needs samples");
    Distribution d;
    d.kind_ = DistributionKind::Empirical;
    std::sort(samples.begin(), samples.end());
    d.samples_ = std::make_shared<const std::vector<double>>(std::move(samples));
    return d;
}

double Distribution::sampleExponential(Rng& rng) const {
    return a_ * standardExponential(rng);
}

double Distribution::sampleLogNormal(Rng& rng) const {
    return std::exp(a_ + b_ * standardNormal(rng));
}

double Distribution::sampleEmpirical(Rng& rng) const {
    return (*samples_)[rng.below(samples_->size())];
}

double Distribution::mean() const {
    switch (kind_) {
    case DistributionKind::Fixed: return a_;
    case DistributionKind::Exponential: return a_;
    case DistributionKind::Uniform: return 0.5 * (a_ + b_);
    case DistributionKind::LogNormal: return std::exp(a_ + 0.5 * b_ * b_);
    case DistributionKind::Empirical:
        return std::accumulate(samples_->begin(), samples_->end(), 0.0) /
               static_cast<double>(samples_->size());
    }
    return a_;
}

namespace {
// Acklam's rational approximation refined by one Halley step: ~1e-15.
double normalQuantile(double p) {
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                               -2.759285104469687e+02, 1.383577518672690e+02,
                               -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                               -1.556989798598866e+02, 6.680131188771972e+01,
                               -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                               -2.400758277161838e+00, -2.549732539343734e+00,
                               4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                               2.445134137142996e+00, 3.754408661907416e+00};
    const double low = 0.02425;
    double x;
    if (p < low) {
        const double q = std::sqrt(-2 * std::log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - low) {
        const double q = p - 0.5;
        const double r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        const double q = std::sqrt(-2 * std::log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
    const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}
}  // namespace

double Distribution::quantile(double q) const {
    switch (kind_) {
    case DistributionKind::Fixed: return a_;
    case DistributionKind::Exponential: return -a_ * std::log1p(-q);
    case DistributionKind::Uniform: return a_ + (b_ - a_) * q;
    case DistributionKind::LogNormal: return std::exp(a_ + b_ * normalQuantile(q));
    case DistributionKind::Empirical: {
        const auto& s = *samples_;
        const auto idx = static_cast<std::size_t>(std::min<double>(
            static_cast<double>(s.size() - 1), std::floor(q * static_cast<double>(s.size()))));
        return s[idx];
    }
    }
    return a_;
}

double Distribution::param(int i) const {
    if (kind_ == DistributionKind::LogNormal) return i == 0 ? p50_ : p99_;
    return i == 0 ? a_ : b_;
}

const std::vector<double>& Distribution::samples() const {
    static const std::vector<double> kEmpty;
    return samples_ ? *samples_ : kEmpty;
}

std::string Distribution::describe() const {
    switch (kind_) {
    case DistributionKind::Fixed: return fmt::format("fixed {:g} s", a_);
    case DistributionKind::Exponential: return fmt::format("exponential mean {:g} s", a_);
    case DistributionKind::Uniform: return fmt::format("uniform {:g}–{:g} s", a_, b_);
    case DistributionKind::LogNormal:
        return fmt::format("lognormal p50 {:g} s, p99 {:g} s", p50_, p99_);
    case DistributionKind::Empirical:
        return fmt::format("empirical ({} samples)", samples_->size());
    }
    return {};
}

double standardNormal(Rng& rng) {
    for (;;) {
        const double u = 2.0 * rng.uniform01() - 1.0;
        const double v = 2.0 * rng.uniform01() - 1.0;
        const double s = u * u + v * v;
        if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
    }
}

}  // namespace breakeven
