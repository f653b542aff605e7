#pragma once
// Where a deployment's money goes: useful work, idle tax, cold-start tax and
// the rest (DESIGN.md "Outputs": cost breakdown). Pure: a priced bill and the
// ledger it was priced from in, four amounts out. Rules: docs/pricing.md
// "Bill split".
#include <cstddef>

#include "model/sim/UsageLedger.h"
#include "pricing/Pricing.h"

namespace breakeven::pricing {

struct BillSplit {
    // Billed time with >= 1 request in flight, request fees, token charges.
    double usefulUsd = 0.0;
    // Billed time alive with nothing in flight: keep-alive tails, idle
    // min-instances / provisioned capacity, dedicated nodes not busy.
    double idleTaxUsd = 0.0;
    // Billed start-up: Lambda INIT, instance starting seconds, GPU time
    // while the model loads.
    double coldStartTaxUsd = 0.0;
    // Lines that belong to none: user cost lines, unknown price rows.
    double otherUsd = 0.0;

    [[nodiscard]] double totalUsd() const;
};

// Splits bill.totalUsd. Every part is whole cents and the four parts sum to
// bill.totalUsd exactly (checked: std::logic_error otherwise). Each platform
// line is apportioned by the ledger quantities it was computed from; the
// `discount (x %)` line in proportion to the platform lines it discounts.
// `userLines` is how many lines at the end of the bill are user cost lines
// (PricingOptions::userLines.size() of the options the bill was priced with).
BillSplit splitBill(const UsageLedger& ledger, const CostBreakdown& bill, std::size_t userLines);

// Part by part, rounded to the cent (composite alternatives sum members).
BillSplit operator+(const BillSplit& a, const BillSplit& b);

}  // namespace breakeven::pricing
