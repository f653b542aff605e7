// Dedicated nodes (scope nodeHours): AWS EC2 instances, and Kubernetes node
// pools priced as the EC2 instances they run on.
#include <fmt/format.h>

#include "pricing/PricingInternal.h"

namespace breakeven::pricing::detail {

namespace {

constexpr const char* kEc2Prefix = "aws-ec2.";

// "aws-ec2.g5.xlarge" from the ledger's instanceType ("g5.xlarge" or the
// full id) or from a platform written as the instance id itself.
std::string instanceId(const UsageLedger& l) {
    std::string type = l.instanceType.value_or("");
    if (type.empty() && l.platform.rfind(kEc2Prefix, 0) == 0) type = l.platform;
    if (type.empty()) return "";
    return type.rfind(kEc2Prefix, 0) == 0 ? type : kEc2Prefix + type;
}

struct Rate {
    double usdPerHour = 0.0;
    const char* label = "";
};

std::optional<Rate> purchaseRate(const InstanceType& inst, const PricingOptions& o, Bill& bill) {
    if (o.ec2Purchase == "onDemand") return Rate{inst.usdPerHourOnDemand, "on-demand"};
    if (o.ec2Purchase == "reserved1y") {
        if (inst.usdPerHourReserved1y)
            return Rate{*inst.usdPerHourReserved1y, "1-year reserved, no upfront"};
        bill.error("no 1-year reserved rate for '" + inst.id +
                   "' in the price set; instance not priced");
        return std::nullopt;
    }
    bill.error("unknown EC2 purchase option '" + o.ec2Purchase + "' (onDemand or reserved1y)");
    return std::nullopt;
}

void addSpot(const InstanceType& inst, double hours, const PricingOptions& o, Bill& bill) {
    if (o.spotDiscountPercent <= 0.0) return;
    if (o.ec2Purchase != "onDemand")
        return bill.error("spot is a discount on the on-demand rate: it cannot combine with " +
                          o.ec2Purchase);
    const double usdPerHour = -inst.usdPerHourOnDemand * o.spotDiscountPercent / 100.0;
    bill.addLine({fmt::format("spot discount ({:g} %)", o.spotDiscountPercent), hours,
                  "instance-hour", usdPerHour, 0.0, hours * usdPerHour, inst.id, inst.rowId});
    bill.assume(
        "spot modelled as a fixed discount on the on-demand rate (spot prices vary by zone and "
        "hour)");
}

}  // namespace

void priceNodes(const UsageLedger& l, const Usage& u, const PricingOptions& o, Bill& bill) {
    bill.notPriced({"EBS volumes and snapshots (model weights, images)",
                    "data transfer out (egress)", "load balancer in front of the nodes",
                    "NAT gateway", "CloudWatch logs and metrics"});
    if (l.platform == "kubernetes" || l.platform == "aws-eks")
        bill.notPriced(
            {"EKS control plane fee", "cluster add-ons and system pods' share of the nodes"});
    if (l.billing != BillingScope::NodeHours)
        return bill.error(fmt::format("{}: billing scope '{}' does not apply (nodeHours)",
                                      l.platform, toString(l.billing)));
    const std::string id = instanceId(l);
    if (id.empty())
        return bill.error(l.platform + ": the ledger names no instance type; nodes not priced");
    const InstanceType* inst = bill.prices().findInstance(id);
    if (inst == nullptr)
        return bill.error(fmt::format("no instance '{}' in price set '{}'; nodes not priced", id,
                                      bill.prices().snapshotId));
    const auto rate = purchaseRate(*inst, o, bill);
    if (!rate) return;
    const double hours = u.billedNodeSeconds / 3600.0;
    const std::string type = id.substr(std::char_traits<char>::length(kEc2Prefix));
    bill.addLine({fmt::format("instance {} ({})", type, rate->label), hours, "instance-hour",
                  rate->usdPerHour, 0.0, hours * rate->usdPerHour, inst->id, inst->rowId});
    addSpot(*inst, hours, o, bill);
}

}  // namespace breakeven::pricing::detail
