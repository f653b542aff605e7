// The pricing function: month scaling, dispatch per platform, discount and
// user lines, totals. Platform rules live in PricingLambda.cpp,
// PricingCloudRun.cpp, PricingGpu.cpp (Modal, RunPod) and PricingNodes.cpp.
#include "pricing/Pricing.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "pricing/PricingInternal.h"

namespace breakeven::pricing {

double roundCents(double usd) {
    if (!std::isfinite(usd)) return usd;
    // Amounts are products of decimal prices and quantities, so a value one
    // binary ulp below a half cent (2.675 is stored as 2.67499999…) means the
    // half cent itself. The tolerance stays far below any real sub-cent
    // difference: 1e-9 cent plus 1e-13 relative (≈ 500 ulps).
    const double cents = std::fabs(usd) * 100.0;
    const double tolerance = 1e-9 + cents * 1e-13;
    const double rounded = std::floor(cents + 0.5 + tolerance);
    if (rounded == 0.0) return 0.0;  // never "-0.00"
    return std::copysign(rounded / 100.0, usd);
}

double per1M(double usd, double count) { return count > 0.0 ? usd / count * 1e6 : 0.0; }

namespace detail {

Usage scaledUsage(const UsageLedger& l, double f) {
    Usage u;
    u.requests = static_cast<double>(l.requests) * f;
    u.billedRequestSecondsOnDemand = l.billedRequestSecondsOnDemand * f;
    u.billedRequestSecondsProvisioned = l.billedRequestSecondsProvisioned * f;
    u.billedInitSeconds = l.billedInitSeconds * f;
    u.billedActiveSeconds = l.billedActiveSeconds * f;
    u.billedLifetimeSeconds = l.billedLifetimeSeconds * f;
    u.billedLifetimeSecondsProvisioned = l.billedLifetimeSecondsProvisioned * f;
    u.provisionedInstanceSeconds = l.provisionedInstanceSeconds * f;
    u.provisionedIdleSeconds = l.provisionedIdleSeconds * f;
    u.billedNodeSeconds = l.billedNodeSeconds * f;
    return u;
}

const PriceItem* Bill::row(const std::string& id, std::string_view what) {
    const PriceItem* item = prices_.findItem(id);
    if (item == nullptr)
        error(fmt::format("no price row '{}' in price set '{}': {} not priced", id,
                          prices_.snapshotId, what));
    return item;
}

void Bill::addLine(CostLine line) {
    line.usd = roundCents(line.usdExact);
    out_.lines.push_back(std::move(line));
}

void Bill::add(std::string item, double quantity, const PriceItem& row) {
    addLine({std::move(item), quantity, row.unit, row.usdPerUnit, 0.0, quantity * row.usdPerUnit,
             row.id, row.rowId});
}

void Bill::addCredit(std::string item, double quantity, const PriceItem& row) {
    add(std::move(item), -quantity, row);
}

void Bill::addTiered(const std::string& item, double start, double quantity, const PriceItem& row) {
    if (row.tiers.empty()) {
        add(item, quantity, row);
        return;
    }
    const double end = start + quantity;
    double lower = 0.0;
    bool added = false;
    for (std::size_t i = 0; i < row.tiers.size(); ++i) {
        const PriceTier& tier = row.tiers[i];
        const double upper = tier.upTo.value_or(std::numeric_limits<double>::infinity());
        const double from = std::max(start, lower);
        const double to = std::min(end, upper);
        // A zero-quantity line is kept (once) where usage starts, so a usage
        // fully covered by the free tier still shows as a line.
        if (to > from || (!added && quantity <= 0.0 && start < upper)) {
            const double q = std::max(0.0, to - from);
            std::string name = i == 0 ? item : fmt::format("{}, tier {}", item, i + 1);
            addLine({std::move(name), q, row.unit, tier.usdPerUnit, 0.0, q * tier.usdPerUnit,
                     row.id, row.rowId});
            added = true;
        }
        lower = upper;
    }
}

void Bill::notPriced(std::initializer_list<const char*> items) {
    for (const char* item : items) out_.notPriced.emplace_back(item);
}

std::string normaliseKey(std::string_view text) {
    std::string key;
    for (const char c : text) {
        if (c == ' ' || c == '_')
            key += '-';
        else if (c >= 'A' && c <= 'Z')
            key += static_cast<char>(c - 'A' + 'a');
        else
            key += c;
    }
    return key;
}

std::string lambdaArchitecture(std::string_view text) {
    const std::string key = normaliseKey(text);
    if (key == "x86" || key == "x86-64") return "x86";
    if (key == "arm" || key == "arm64" || key == "aarch64") return "arm";
    return "";
}

// Built by appending: GCC 12's -Wrestrict misfires on string::insert at -O3.
std::string grouped(double value) {
    const std::string digits = fmt::format("{:.0f}", value);
    const std::size_t sign = !digits.empty() && digits[0] == '-' ? 1 : 0;
    std::string out = digits.substr(0, sign);
    const std::size_t count = digits.size() - sign;
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0 && (count - i) % 3 == 0) out += ',';
        out += digits[sign + i];
    }
    return out;
}

}  // namespace detail

namespace {

using detail::Bill;

bool isNodePlatform(const std::string& platform) {
    return platform == "aws-ec2" || platform == "kubernetes" || platform == "aws-eks" ||
           platform.rfind("aws-ec2.", 0) == 0;
}

// Routes one ledger to its platform's rules; false when no rules exist.
bool pricePlatform(const UsageLedger& ledger, const detail::Usage& usage,
                   const PricingOptions& options, Bill& bill) {
    const std::string& p = ledger.platform;
    if (isNodePlatform(p))
        detail::priceNodes(ledger, usage, options, bill);
    else if (p == "aws-lambda")
        detail::priceLambda(ledger, usage, options, bill);
    else if (p == "aws-lambda-edge")
        detail::priceLambdaEdge(ledger, usage, options, bill);
    else if (p == "gcp-cloud-run")
        detail::priceCloudRun(ledger, usage, options, bill);
    else if (p == "modal")
        detail::priceModal(ledger, usage, options, bill);
    else if (p == "runpod-serverless")
        detail::priceRunPod(ledger, usage, options, bill);
    else
        return false;
    return true;
}

// Month factor; 0 after recording an error when the period is unusable.
double monthFactor(const BillingPeriod& period, Bill& bill) {
    constexpr double monthSeconds = kHoursPerMonth * 3600.0;
    if (!period.normaliseToMonth) {
        bill.assume(
            "priced as one billing month: tiers and free tiers applied once to the ledger as is");
        return 1.0;
    }
    if (!(period.simulatedSeconds > 0.0) || !std::isfinite(period.simulatedSeconds)) {
        bill.error(fmt::format("cannot normalise to a month: simulatedSeconds is {}",
                               period.simulatedSeconds));
        return 0.0;
    }
    const double factor = monthSeconds / period.simulatedSeconds;
    bill.assume(
        fmt::format("usage scaled x{:.6g} from {:.6g} simulated hours to a 730-hour month "
                    "before tiers and free tiers",
                    factor, period.simulatedSeconds / 3600.0));
    return factor;
}

void addDiscount(const PricingOptions& options, std::size_t platformLines, CostBreakdown& out) {
    if (options.discountPercent == 0.0 || platformLines == 0) return;
    double base = 0.0;
    for (std::size_t i = 0; i < platformLines; ++i) base += out.lines[i].usd;
    CostLine line{fmt::format("discount ({:g} %)", options.discountPercent),
                  base,
                  "USD",
                  -options.discountPercent / 100.0,
                  0.0,
                  0.0,
                  "",
                  0};
    line.usdExact = base * line.usdPerUnit;
    line.usd = roundCents(line.usdExact);
    out.lines.push_back(line);
}

// User lines scale like the ledger: a monthly quantity covers the period.
void addUserLines(const PricingOptions& options, const BillingPeriod& period, double requests,
                  CostBreakdown& out) {
    const double monthSeconds = kHoursPerMonth * 3600.0;
    const double periodMonths =
        period.normaliseToMonth ? 1.0 : period.simulatedSeconds / monthSeconds;
    for (const UserCostLine& user : options.userLines) {
        const double quantity =
            user.fixedQuantityPerMonth * periodMonths + user.quantityPerRequest * requests;
        CostLine line{
            user.item, quantity, user.unit, user.usdPerUnit, 0.0, quantity * user.usdPerUnit,
            "",        0};
        line.usd = roundCents(line.usdExact);
        out.lines.push_back(line);
    }
}

bool validOptions(const PricingOptions& options, Bill& bill) {
    bool ok = true;
    if (!(options.discountPercent >= 0.0 && options.discountPercent <= 100.0)) {
        bill.error(fmt::format("discountPercent {} is outside 0-100", options.discountPercent));
        ok = false;
    }
    if (!(options.spotDiscountPercent >= 0.0 && options.spotDiscountPercent <= 100.0)) {
        bill.error(
            fmt::format("spotDiscountPercent {} is outside 0-100", options.spotDiscountPercent));
        ok = false;
    }
    return ok;
}

}  // namespace

CostBreakdown price(const UsageLedger& ledger, const PriceSet& prices, const BillingPeriod& period,
                    const PricingOptions& options) {
    CostBreakdown out;
    Bill bill(prices, out);
    const double factor = monthFactor(period, bill);
    if (factor > 0.0 && validOptions(options, bill)) {
        const detail::Usage usage = detail::scaledUsage(ledger, factor);
        if (!pricePlatform(ledger, usage, options, bill)) {
            bill.error(
                fmt::format("no pricing rules for platform '{}' (priced: aws-lambda, "
                            "aws-lambda-edge, gcp-cloud-run, modal, runpod-serverless, "
                            "aws-ec2, kubernetes)",
                            ledger.platform));
        }
        addDiscount(options, out.lines.size(), out);
        addUserLines(options, period, usage.requests, out);
    }
    double total = 0.0;
    for (const CostLine& line : out.lines) total += line.usd;
    out.totalUsd = roundCents(total);
    return out;
}

}  // namespace breakeven::pricing
