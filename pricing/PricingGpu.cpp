// GPU platforms billed by instance lifetime: Modal and RunPod Serverless,
// and the GPU-name -> price-row mapping shared with Cloud Run and the CLI.
#include <algorithm>
#include <set>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "pricing/GpuResolve.h"
#include "pricing/PricingInternal.h"

namespace breakeven::pricing {

namespace {

using Alias = std::pair<const char*, const char*>;

// Names the platforms use for the catalogue's GPUs (keys already normalised).
constexpr Alias kModalAliases[] = {{"a10g", "a10"},
                                   {"h100-sxm", "h100"},
                                   {"a100", "a100-40gb"},
                                   {"rtx-pro-6000-blackwell", "rtx-pro-6000"}};
constexpr Alias kCloudRunAliases[] = {{"nvidia-l4", "l4"},
                                      {"rtx-pro-6000-blackwell", "rtx-pro-6000"}};

// RunPod prices a worker by GPU memory class; the GPUs of each class as
// listed in runpod/docs (pricing-facts.json notes of runpod.<class>.flex.second).
constexpr Alias kRunPodClasses[] = {
    {"a4000", "16gb"},
    {"rtx-a4000", "16gb"},
    {"a4500", "16gb"},
    {"rtx-a4500", "16gb"},
    {"rtx-4000", "16gb"},
    {"rtx-4000-ada", "16gb"},
    {"l4", "24gb"},
    {"a5000", "24gb"},
    {"rtx-a5000", "24gb"},
    {"3090", "24gb"},
    {"rtx-3090", "24gb"},
    {"4090", "24gb-pro"},
    {"rtx-4090", "24gb-pro"},
    {"4090-pro", "24gb-pro"},
    {"a6000", "48gb"},
    {"rtx-a6000", "48gb"},
    {"a40", "48gb"},
    {"l40", "48gb-pro"},
    {"l40s", "48gb-pro"},
    {"6000-ada", "48gb-pro"},
    {"rtx-6000-ada", "48gb-pro"},
    {"a100", "80gb"},
    {"a100-80gb", "80gb"},
    {"a100-sxm", "80gb"},
    {"h100", "80gb-pro"},
    {"h100-sxm", "80gb-pro"},
    {"h100-pcie", "80gb-pro"},
    {"h100-pro", "80gb-pro"},
    {"rtx-pro-6000", "96gb-pro"},
    {"6000s-pro", "96gb-pro"},
    {"h200", "141gb"},
    {"h200-pro", "141gb"},
    {"b200", "180gb"},
};
// Each class with the GPUs RunPod lists for it (for the assumption naming it).
constexpr Alias kRunPodClassMembers[] = {
    {"16gb", "A4000, A4500, RTX 4000"},
    {"24gb", "L4, A5000, 3090"},
    {"24gb-pro", "4090 PRO"},
    {"48gb", "A6000, A40"},
    {"48gb-pro", "L40, L40S, 6000 Ada PRO"},
    {"80gb", "A100 80 GB"},
    {"80gb-pro", "H100 PRO"},
    {"96gb-pro", "RTX PRO 6000"},
    {"141gb", "H200 PRO"},
    {"180gb", "B200"},
};

template <std::size_t N>
std::string resolve(const std::string& key, const Alias (&aliases)[N]) {
    for (const auto& [from, to] : aliases)
        if (key == from) return to;
    return key;
}

std::optional<std::string> runpodClass(const std::string& key) {
    for (const auto& [cls, members] : kRunPodClassMembers)
        if (key == cls) return key;
    for (const auto& [gpu, cls] : kRunPodClasses)
        if (key == gpu) return std::string(cls);
    return std::nullopt;
}

std::string runpodClassMembers(const std::string& cls) {
    for (const auto& [c, members] : kRunPodClassMembers)
        if (cls == c) return members;
    return "";
}

// Keys of rows "<prefix><key>.<rest>" in the price set.
std::vector<std::string> keysWithPrefix(const PriceSet& prices, const std::string& prefix) {
    std::set<std::string> keys;
    for (const auto& [id, item] : prices.items)
        if (id.rfind(prefix, 0) == 0)
            keys.insert(id.substr(prefix.size(), id.find('.', prefix.size()) - prefix.size()));
    return {keys.begin(), keys.end()};
}

}  // namespace

std::optional<std::string> gpuPriceId(std::string_view platform, std::string_view gpu,
                                      const PricingOptions& options, bool alwaysOn) {
    const std::string key = detail::normaliseKey(gpu);
    if (key.empty()) return std::nullopt;
    if (platform == "gcp-cloud-run") {
        const char* variant = options.zonalRedundancy ? "zonal-redundancy" : "no-zonal-redundancy";
        return fmt::format("cloudrun.gpu.{}.{}.second", resolve(key, kCloudRunAliases), variant);
    }
    if (platform == "modal") return fmt::format("modal.gpu.{}.second", resolve(key, kModalAliases));
    if (platform == "runpod-serverless") {
        const auto cls = runpodClass(key);
        if (!cls) return std::nullopt;
        return fmt::format("runpod.{}.{}.second", *cls, alwaysOn ? "active" : "flex");
    }
    return std::nullopt;
}

std::vector<std::string> gpuNames(const PriceSet& prices, std::string_view platform) {
    if (platform == "gcp-cloud-run") return keysWithPrefix(prices, "cloudrun.gpu.");
    if (platform == "modal") return keysWithPrefix(prices, "modal.gpu.");
    if (platform != "runpod-serverless") return {};
    std::vector<std::string> names;
    for (const auto& [gpu, cls] : kRunPodClasses)
        if (prices.findItem(fmt::format("runpod.{}.flex.second", cls)) != nullptr)
            names.emplace_back(gpu);
    return names;
}

namespace detail {

namespace {

bool lifetimeScope(const UsageLedger& l, Bill& bill) {
    if (l.billing == BillingScope::InstanceLifetime || l.billing == BillingScope::Provisioned)
        return true;
    bill.error(
        fmt::format("{}: billing scope '{}' does not apply (instanceLifetime or provisioned)",
                    l.platform, toString(l.billing)));
    return false;
}

int gpusPerInstance(const UsageLedger& l, Bill& bill) {
    if (l.gpuCount > 0) return l.gpuCount;
    bill.assume("gpuCount not set: 1 GPU per instance");
    return 1;
}

std::string unknownGpu(const UsageLedger& l, const Bill& bill) {
    return fmt::format("{}: no price for GPU '{}' (priced: {}); GPU not priced", l.platform, *l.gpu,
                       fmt::join(gpuNames(bill.prices(), l.platform), ", "));
}

}  // namespace

void priceModal(const UsageLedger& l, const Usage& u, const PricingOptions& o, Bill& bill) {
    bill.notPriced({"data egress", "volumes, images and model weight storage",
                    "plan fee (Team $250/month) and included monthly credits",
                    "region-pinning and non-preemptible multipliers"});
    if (!lifetimeScope(l, bill)) return;
    if (o.freeTier)
        bill.assume(
            "Modal's monthly plan credits are dollar credits, not a usage free tier: none "
            "deducted");
    const double seconds = u.billedLifetimeSeconds;
    if (seconds <= 0.0) return;
    if (l.vcpu > 0.0) {
        if (const PriceItem* row = bill.row("modal.cpu.core-second", "Modal CPU"))
            bill.add("CPU (physical cores = vCPU / 2)", seconds * l.vcpu / 2.0, *row);
        bill.assume("Modal bills physical CPU cores: 1 physical core = 2 vCPU (secondary source)");
    } else {
        bill.assume(
            "no vCPU in the ledger: Modal CPU not priced (Modal reserves at least 0.125 cores)");
    }
    if (l.memoryMb > 0.0) {
        if (const PriceItem* row = bill.row("modal.memory.gib-second", "Modal memory"))
            bill.add("memory", seconds * l.memoryMb / 1024.0, *row);
    }
    if (!l.gpu) return;
    const auto id = gpuPriceId("modal", *l.gpu, o);
    const PriceItem* row = id ? bill.prices().findItem(*id) : nullptr;
    if (row == nullptr) return bill.error(unknownGpu(l, bill));
    bill.add(fmt::format("GPU {}", *l.gpu), seconds * gpusPerInstance(l, bill), *row);
}

void priceRunPod(const UsageLedger& l, const Usage& u, const PricingOptions& o, Bill& bill) {
    bill.notPriced({"network volume and container disk storage (model weights, images)",
                    "data transfer", "anything in front of the endpoint (gateway, load balancer)"});
    if (!lifetimeScope(l, bill)) return;
    if (!l.gpu) return bill.error("runpod-serverless bills GPU workers: the ledger names no GPU");
    if (o.freeTier) bill.assume("RunPod Serverless has no free tier: none deducted");
    const auto flexId = gpuPriceId("runpod-serverless", *l.gpu, o, false);
    if (!flexId) return bill.error(unknownGpu(l, bill));
    const std::string cls = flexId->substr(7, flexId->find(".flex") - 7);
    bill.assume(
        fmt::format("GPU {} billed as RunPod class {} ({})", *l.gpu, cls, runpodClassMembers(cls)));
    if (auto rep = representativeGpuAssumption(l.platform, *l.gpu, bill.prices()); !rep.empty())
        bill.assume(std::move(rep));
    const int count = gpusPerInstance(l, bill);
    const double flexSeconds =
        std::max(0.0, u.billedLifetimeSeconds - u.billedLifetimeSecondsProvisioned);
    if (flexSeconds > 0.0) {
        if (const PriceItem* row = bill.row(*flexId, "RunPod flex workers"))
            bill.add(fmt::format("flex workers ({})", cls), flexSeconds * count, *row);
    }
    if (u.billedLifetimeSecondsProvisioned > 0.0) {
        const std::string activeId = *gpuPriceId("runpod-serverless", *l.gpu, o, true);
        const PriceItem* row = bill.row(activeId, "RunPod active workers");
        if (row == nullptr) return;
        bill.add(fmt::format("active workers ({})", cls),
                 u.billedLifetimeSecondsProvisioned * count, *row);
        bill.assume(
            "active workers at RunPod's last published active rate (2025-08 to 2026-05); "
            "RunPod now quotes active-worker discounts through sales");
    }
}

}  // namespace detail

}  // namespace breakeven::pricing
