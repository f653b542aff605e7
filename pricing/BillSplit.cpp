// The bill split: each line of a priced bill apportioned to useful work,
// idle tax and cold-start tax by the ledger quantities the line was computed
// from. Lines are recognised by their catalogue row (priceId), which names
// the billing scope they bill; rules in docs/pricing.md "Bill split".
#include "pricing/BillSplit.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

namespace breakeven::pricing {

namespace {

enum Part : std::size_t { kUseful, kIdle, kCold, kOther, kParts };
using Parts = std::array<double, kParts>;

// How one line divides between useful, idle and cold; all zero = "other".
struct Weights {
    double useful = 0.0;
    double idle = 0.0;
    double cold = 0.0;
    [[nodiscard]] double sum() const { return useful + idle + cold; }
};

constexpr Weights kUsefulOnly{1.0, 0.0, 0.0};
constexpr Weights kIdleOnly{0.0, 1.0, 0.0};
constexpr Weights kColdOnly{0.0, 0.0, 1.0};

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }
double nonNegative(double x) { return std::max(0.0, x); }

// Alive time: starting (cold), busy (useful), idle. Lifetime-billed lines
// and dedicated nodes; per-second rounding and minimums follow the shares.
Weights lifetime(const UsageLedger& l) {
    return {nonNegative(l.instanceBusySeconds), nonNegative(l.instanceIdleSeconds),
            nonNegative(l.instanceStartingSeconds)};
}

// Always-on instances never start cold: busy or idle.
Weights alwaysOn(const UsageLedger& l) {
    const double idle = nonNegative(l.provisionedIdleSeconds);
    return {nonNegative(l.provisionedInstanceSeconds - idle), idle, 0.0};
}

// Instances started on demand: the alive time minus the always-on part.
Weights onDemandLifetime(const UsageLedger& l) {
    const Weights all = lifetime(l), fixed = alwaysOn(l);
    return {nonNegative(all.useful - fixed.useful), nonNegative(all.idle - fixed.idle), all.cold};
}

// Cloud Run request-based: busy intervals, the first one of a fresh instance
// including its start-up.
Weights activeTime(const UsageLedger& l) {
    return {nonNegative(l.instanceBusySeconds), 0.0, nonNegative(l.instanceStartingSeconds)};
}

// Lambda rows billed on every billed second a function runs (ephemeral
// storage, Lambda@Edge compute): request duration or INIT.
Weights functionSeconds(const UsageLedger& l) {
    return {nonNegative(l.billedRequestSecondsOnDemand + l.billedRequestSecondsProvisioned), 0.0,
            nonNegative(l.billedInitSeconds)};
}

Weights lambdaWeights(const UsageLedger& l, const CostLine& line) {
    const std::string_view id = line.priceId;
    if (endsWith(id, ".duration.gb-second")) return kUsefulOnly;  // duration on provisioned environments
    if (startsWith(id, "lambda.pc.")) return alwaysOn(l);         // provisioned capacity
    if (id == "lambda.ephemeral.gb-second" || id == "lambda.edge.128mb-second") return functionSeconds(l);
    // lambda.<arch>.gb-second bills request duration and INIT on two lines
    // of the same row (one tiered total); the item says which.
    if (endsWith(id, ".gb-second") && std::count(id.begin(), id.end(), '.') == 2)
        return contains(line.item, "INIT") ? kColdOnly : kUsefulOnly;
    return {};
}

Weights weightsFor(const UsageLedger& l, const CostLine& line) {
    const std::string_view id = line.priceId;
    if (endsWith(id, ".requests")) return kUsefulOnly;  // request fees (and their free-tier credit)
    if (startsWith(id, "lambda.")) return lambdaWeights(l, line);
    if (startsWith(id, "cloudrun.")) {
        if (contains(id, ".idle-min.")) return kIdleOnly;
        if (contains(id, ".request-based.")) return activeTime(l);
        return lifetime(l);  // instance-based CPU and memory, GPUs
    }
    if (startsWith(id, "modal.")) return lifetime(l);
    if (startsWith(id, "runpod.")) return endsWith(id, ".active.second") ? alwaysOn(l) : onDemandLifetime(l);
    if (startsWith(id, "aws-ec2.")) return lifetime(l);  // node-hours and their spot discount
    return {};
}

void apportion(double usd, const Weights& w, Parts& into) {
    const double sum = w.sum();
    if (!(sum > 0.0)) {
        into[kOther] += usd;
        return;
    }
    into[kUseful] += usd * w.useful / sum;
    into[kIdle] += usd * w.idle / sum;
    into[kCold] += usd * w.cold / sum;
}

// Whole cents that sum to `totalUsd`: each part floored, the missing cents
// to the largest remainders (ties: useful, idle, cold, other).
std::array<long long, kParts> toCents(const Parts& exact, double totalUsd) {
    std::array<long long, kParts> cents{};
    Parts remainder{};
    long long sum = 0;
    for (std::size_t k = 0; k < kParts; ++k) {
        const double c = exact[k] * 100.0;
        cents[k] = static_cast<long long>(std::floor(c + 1e-7));  // 0.29 * 100 is 28.999…
        remainder[k] = c - static_cast<double>(cents[k]);
        sum += cents[k];
    }
    for (long long missing = std::llround(totalUsd * 100.0) - sum; missing != 0;) {
        const bool add = missing > 0;
        std::size_t pick = 0;
        for (std::size_t k = 1; k < kParts; ++k)
            if (add ? remainder[k] > remainder[pick] : remainder[k] < remainder[pick]) pick = k;
        cents[pick] += add ? 1 : -1;
        remainder[pick] += add ? -1.0 : 1.0;
        missing += add ? -1 : 1;
    }
    return cents;
}

}  // namespace

double BillSplit::totalUsd() const { return roundCents(usefulUsd + idleTaxUsd + coldStartTaxUsd + otherUsd); }

BillSplit splitBill(const UsageLedger& ledger, const CostBreakdown& bill, std::size_t userLines) {
    const std::size_t lineCount = bill.lines.size();
    const std::size_t userStart = lineCount - std::min(userLines, lineCount);
    Parts platform{}, parts{};
    for (std::size_t i = 0; i < userStart; ++i) {
        const CostLine& line = bill.lines[i];
        if (line.priceId.empty()) {  // the discount: in proportion to the platform lines before it
            const double base = platform[kUseful] + platform[kIdle] + platform[kCold] + platform[kOther];
            for (std::size_t k = 0; k < kParts; ++k)
                parts[k] += base != 0.0 ? line.usd * platform[k] / base : (k == kOther ? line.usd : 0.0);
            continue;
        }
        apportion(line.usd, weightsFor(ledger, line), platform);
    }
    for (std::size_t k = 0; k < kParts; ++k) parts[k] += platform[k];
    for (std::size_t i = userStart; i < lineCount; ++i) parts[kOther] += bill.lines[i].usd;

    const auto cents = toCents(parts, bill.totalUsd);
    BillSplit split{static_cast<double>(cents[kUseful]) / 100.0, static_cast<double>(cents[kIdle]) / 100.0,
                    static_cast<double>(cents[kCold]) / 100.0, static_cast<double>(cents[kOther]) / 100.0};
    if (split.totalUsd() != roundCents(bill.totalUsd))
        throw std::logic_error(fmt::format("bill split {} + {} + {} + {} != total {}", split.usefulUsd,
                                           split.idleTaxUsd, split.coldStartTaxUsd, split.otherUsd, bill.totalUsd));
    return split;
}

BillSplit operator+(const BillSplit& a, const BillSplit& b) {
    return {roundCents(a.usefulUsd + b.usefulUsd), roundCents(a.idleTaxUsd + b.idleTaxUsd),
            roundCents(a.coldStartTaxUsd + b.coldStartTaxUsd), roundCents(a.otherUsd + b.otherUsd)};
}

}  // namespace breakeven::pricing
