#pragma once
// Shared by the pricing function's translation units (Pricing.cpp and the
// per-platform files); not part of the library's interface.
#include <initializer_list>
#include <string>
#include <string_view>

#include "pricing/Pricing.h"

namespace breakeven::pricing::detail {

// The ledger's billed quantities scaled to the billing period (x the month
// factor when normalising), in doubles so a scaled request count keeps its
// fraction until it is priced.
struct Usage {
    double requests = 0.0;
    double billedRequestSecondsOnDemand = 0.0;
    double billedRequestSecondsProvisioned = 0.0;
    double billedInitSeconds = 0.0;
    double billedActiveSeconds = 0.0;
    double billedLifetimeSeconds = 0.0;
    double billedLifetimeSecondsProvisioned = 0.0;
    double provisionedInstanceSeconds = 0.0;
    double provisionedIdleSeconds = 0.0;
    double billedNodeSeconds = 0.0;
};

Usage scaledUsage(const UsageLedger& ledger, double factor);

// Collects the lines, errors and notes of one bill. Rows are looked up by
// id; a missing row becomes an error and no line, never a silent $0.
class Bill {
public:
    Bill(const PriceSet& prices, CostBreakdown& out) : prices_(prices), out_(out) {}

    [[nodiscard]] const PriceSet& prices() const { return prices_; }
    // The row `id`, or nullptr after recording an error that names `what`.
    const PriceItem* row(const std::string& id, std::string_view what);

    // quantity x the row's (first-tier) price.
    void add(std::string item, double quantity, const PriceItem& row);
    // Splits [start, start + quantity) of the month's cumulative usage over
    // the row's tiers, one line per tier touched ("…, tier 2").
    void addTiered(const std::string& item, double start, double quantity, const PriceItem& row);
    // A free-tier credit: -quantity at the row's price (Cloud Run's
    // "spending based discount").
    void addCredit(std::string item, double quantity, const PriceItem& row);
    void addLine(CostLine line);

    void error(std::string message) { out_.errors.push_back(std::move(message)); }
    void assume(std::string note) { out_.assumptions.push_back(std::move(note)); }
    void notPriced(std::initializer_list<const char*> items);

private:
    const PriceSet& prices_;
    CostBreakdown& out_;
};

// Lower-case ASCII with ' ' and '_' as '-': "RTX PRO 6000" -> "rtx-pro-6000".
std::string normaliseKey(std::string_view text);
// "x86" or "arm" (also accepts x86_64 / arm64 / aarch64); "" when unknown.
std::string lambdaArchitecture(std::string_view text);
// Thousands separators for readable quantities in notes: 400000 -> "400,000".
std::string grouped(double value);

// Per-platform pricing, each adding lines to `bill` (platform ids as in
// pricing-facts.json; "aws-lambda-edge" prices Lambda@Edge from the Lambda rows).
void priceLambda(const UsageLedger& ledger, const Usage& usage, const PricingOptions& options,
                 Bill& bill);
void priceLambdaEdge(const UsageLedger& ledger, const Usage& usage, const PricingOptions& options,
                     Bill& bill);
void priceCloudRun(const UsageLedger& ledger, const Usage& usage, const PricingOptions& options,
                   Bill& bill);
void priceModal(const UsageLedger& ledger, const Usage& usage, const PricingOptions& options,
                Bill& bill);
void priceRunPod(const UsageLedger& ledger, const Usage& usage, const PricingOptions& options,
                 Bill& bill);
void priceNodes(const UsageLedger& ledger, const Usage& usage, const PricingOptions& options,
                Bill& bill);

}  // namespace breakeven::pricing::detail
