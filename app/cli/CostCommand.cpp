#include "app/cli/CostCommand.h"

#include "app/core/CatalogueAccess.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <ostream>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "app/cli/Args.h"
#include "pricing/SeedFacts.h"

namespace breakeven::cli {

using appcore::openCatalogue;

namespace {

constexpr const char* kUsage = R"(usage: breakeven-cli cost --platform ID [flags] [--json]

A steady-state estimate of one 730-hour month on one platform, priced with
the same function as `simulate` (no cold starts, keep-alive or queueing:
simulate a trace for those).

  --platform ID          aws-lambda | gcp-cloud-run | modal | runpod-serverless |
                         aws-ec2.<type> (e.g. aws-ec2.g5.xlarge)
  --requests N           requests per month served on demand (serverless platforms)
  --duration-ms D        execution time of one request
  --memory-mb M          memory per function / instance
  --vcpu V               vCPU per instance (Cloud Run default 1, Modal default 0.25)
  --gpu TYPE[:COUNT]     GPU per instance (Cloud Run, Modal, RunPod), e.g. L4, H100:2
  --concurrency C        requests per instance (Cloud Run default 80, else 1)
  --free-tier on|off     deduct the platform's monthly free tier (default off)
  --catalog PATH         price catalogue (default $BREAKEVEN_CATALOG, else the
                         user's data directory; created on first use)
  --as-of DATE           prices effective on DATE (YYYY-MM-DD; default today)
aws-lambda:
  --architecture x86|arm            (default x86)
  --ephemeral-storage-mb E          /tmp size; above 512 MB is billed (default 512)
  --provisioned-concurrency P --provisioned-hours H (default 730)
  --provisioned-requests R --provisioned-duration-ms D2 (default --duration-ms)
gcp-cloud-run:
  --billing request|instance        (default request; GPUs need instance)
  --region-tier 1|2                 (default 1)
gcp-cloud-run, modal, runpod-serverless, aws-ec2.<type>:
  --instances N --hours H           always-on instances (min instances, active
                                    workers, EC2 nodes; EC2 default 1) for H hours
                                    of the month (default 730)
Exit codes: 0 success, 1 a price is missing, 2 bad flags or values.
)";

enum class Kind { Lambda, CloudRun, Modal, RunPod, Ec2 };

constexpr double kMonthSeconds = pricing::kHoursPerMonth * 3600.0;

const std::set<std::string> kFlagNames{"json", "help"};
// clang-format off
const std::set<std::string> kValueNames{
    "platform", "requests", "duration-ms", "memory-mb", "vcpu", "gpu", "concurrency",
    "architecture", "ephemeral-storage-mb", "free-tier", "provisioned-concurrency",
    "provisioned-hours", "provisioned-requests", "provisioned-duration-ms", "instances", "hours",
    "billing", "region-tier"};
// clang-format on

// Flags that only mean something on some platforms; anything else is an error
// rather than silently ignored.
const std::map<std::string, std::set<Kind>> kOnlyOn{
    {"architecture", {Kind::Lambda}},
    {"ephemeral-storage-mb", {Kind::Lambda}},
    {"provisioned-concurrency", {Kind::Lambda}},
    {"provisioned-hours", {Kind::Lambda}},
    {"provisioned-requests", {Kind::Lambda}},
    {"provisioned-duration-ms", {Kind::Lambda}},
    {"billing", {Kind::CloudRun}},
    {"region-tier", {Kind::CloudRun}},
    {"concurrency", {Kind::CloudRun, Kind::Modal, Kind::RunPod}},
    {"vcpu", {Kind::CloudRun, Kind::Modal, Kind::RunPod, Kind::Ec2}},  // Lambda: CPU follows memory
    {"gpu", {Kind::CloudRun, Kind::Modal, Kind::RunPod, Kind::Ec2}},
    {"instances", {Kind::CloudRun, Kind::Modal, Kind::RunPod, Kind::Ec2}},
    {"hours", {Kind::CloudRun, Kind::Modal, Kind::RunPod, Kind::Ec2}},
    {"requests", {Kind::Lambda, Kind::CloudRun, Kind::Modal, Kind::RunPod}},
    {"duration-ms", {Kind::Lambda, Kind::CloudRun, Kind::Modal, Kind::RunPod}},
};

class Flags {
public:
    explicit Flags(const Args& args) : args_(args) {}

    // A finite number >= min (> min when `strict`), or nullopt when absent.
    std::optional<double> number(const std::string& name, double min, bool strict = false) const {
        const auto text = args_.value(name);
        if (!text) return std::nullopt;
        double v = 0.0;
        const char* end = text->data() + text->size();
        const auto [ptr, ec] = std::from_chars(text->data(), end, v);
        if (text->empty() || ec != std::errc() || ptr != end || !std::isfinite(v))
            throw UsageError(fmt::format("--{}: '{}' is not a number", name, *text));
        if (v < min || (strict && v == min))
            throw UsageError(
                fmt::format("--{}: {} must be {} {:g}", name, *text, strict ? ">" : ">=", min));
        return v;
    }
    std::optional<double> whole(const std::string& name, double min) const {
        const auto v = number(name, min);
        if (v && *v != std::floor(*v))
            throw UsageError(fmt::format("--{}: {:g} must be a whole number", name, *v));
        return v;
    }
    double required(const std::string& name, std::optional<double> v, const char* what) const {
        if (!v) throw UsageError(fmt::format("missing --{} ({})", name, what));
        return *v;
    }
    std::string choice(const std::string& name, const std::set<std::string>& allowed,
                       std::string fallback) const {
        const auto text = args_.value(name);
        if (!text) return fallback;
        if (!allowed.count(*text))
            throw UsageError(
                fmt::format("--{}: '{}' is not one of {}", name, *text, fmt::join(allowed, ", ")));
        return *text;
    }
    [[nodiscard]] bool has(const std::string& name) const { return args_.value(name).has_value(); }
    [[nodiscard]] std::optional<std::string> text(const std::string& name) const {
        return args_.value(name);
    }

private:
    const Args& args_;
};

std::string ec2Types(const pricing::PriceSet& prices) {
    std::vector<std::string> types;
    for (const auto& [id, inst] : prices.instances) types.push_back(id.substr(8));
    return fmt::format("{}", fmt::join(types, ", "));
}

Kind platformKind(const std::string& id, const pricing::PriceSet& prices) {
    if (id == "aws-lambda") return Kind::Lambda;
    if (id == "gcp-cloud-run") return Kind::CloudRun;
    if (id == "modal") return Kind::Modal;
    if (id == "runpod-serverless") return Kind::RunPod;
    if (id.rfind("aws-ec2.", 0) == 0 && prices.findInstance(id) != nullptr) return Kind::Ec2;
    if (id.rfind("aws-ec2", 0) == 0)
        throw UsageError(
            fmt::format("--platform: unknown EC2 instance '{}' (aws-ec2.<type>, type one of: {})",
                        id, ec2Types(prices)));
    throw UsageError(
        fmt::format("--platform: unknown platform '{}' (aws-lambda, gcp-cloud-run, modal, "
                    "runpod-serverless, aws-ec2.<type>)",
                    id));
}

void checkApplicable(const Flags& f, Kind kind, const std::string& platform) {
    for (const auto& [name, kinds] : kOnlyOn)
        if (f.has(name) && !kinds.count(kind))
            throw UsageError(fmt::format("--{} does not apply to {}", name, platform));
}

struct Gpu {
    std::string type;
    int count = 1;
};

// "H100" or "H100:2", checked against the platform's price rows.
std::optional<Gpu> parseGpu(const Flags& f, const std::string& platform,
                            const pricing::PriceSet& prices,
                            const pricing::PricingOptions& options) {
    const auto text = f.text("gpu");
    if (!text) return std::nullopt;
    Gpu gpu{*text, 1};
    if (const auto colon = text->find(':'); colon != std::string::npos) {
        gpu.type = text->substr(0, colon);
        const std::string count = text->substr(colon + 1);
        const auto [ptr, ec] =
            std::from_chars(count.data(), count.data() + count.size(), gpu.count);
        if (ec != std::errc() || ptr != count.data() + count.size() || gpu.count < 1 ||
            gpu.count > 64)
            throw UsageError(
                fmt::format("--gpu: '{}': the GPU count after ':' must be 1-64", *text));
    }
    if (platform.rfind("aws-ec2.", 0) == 0) return gpu;  // checked against the instance
    const auto id = pricing::gpuPriceId(platform, gpu.type, options);
    if (!id || prices.findItem(*id) == nullptr)
        throw UsageError(fmt::format("--gpu: unknown GPU '{}' for {} (known: {})", gpu.type,
                                     platform,
                                     fmt::join(pricing::gpuNames(prices, platform), ", ")));
    return gpu;
}

// Serverless work of the month: requests x duration (ms) in seconds.
struct Work {
    double requests = 0.0;
    double durationMs = 0.0;
};

Work serverlessWork(const Flags& f) {
    Work w;
    w.requests = f.required("requests", f.whole("requests", 0.0), "requests per month; 0 for none");
    const auto duration = f.number("duration-ms", 0.0);
    if (w.requests > 0.0) f.required("duration-ms", duration, "execution time of one request");
    w.durationMs = duration.value_or(0.0);
    return w;
}

// Always-on instance-seconds from --instances / --hours.
double alwaysOnSeconds(const Flags& f, double defaultInstances) {
    const double hours = f.number("hours", 0.0, true).value_or(pricing::kHoursPerMonth);
    if (hours > pricing::kHoursPerMonth)
        throw UsageError(fmt::format("--hours: {:g} is more than a 730-hour month", hours));
    if (f.has("hours") && !f.has("instances") && defaultInstances == 0.0)
        throw UsageError("--hours needs --instances N");
    return f.whole("instances", 0.0).value_or(defaultInstances) * hours * 3600.0;
}

void buildLambda(const Flags& f, CostRequest& r) {
    UsageLedger& l = r.ledger;
    const Work od = serverlessWork(f);
    l.memoryMb =
        f.required("memory-mb", f.number("memory-mb", 0.0, true), "memory of the function");
    l.architecture = f.choice("architecture", {"x86", "arm"}, "x86");
    l.ephemeralStorageMb = f.number("ephemeral-storage-mb", 512.0).value_or(512.0);
    const double pc = f.whole("provisioned-concurrency", 0.0).value_or(0.0);
    const double pcHours =
        f.number("provisioned-hours", 0.0, true).value_or(pricing::kHoursPerMonth);
    const double pcRequests = f.whole("provisioned-requests", 0.0).value_or(0.0);
    const auto pcDuration = f.number("provisioned-duration-ms", 0.0);
    if (pcHours > pricing::kHoursPerMonth)
        throw UsageError(
            fmt::format("--provisioned-hours: {:g} is more than a 730-hour month", pcHours));
    if (pc == 0.0 && (pcRequests > 0.0 || f.has("provisioned-hours") || pcDuration))
        throw UsageError(
            "--provisioned-requests/-hours/-duration-ms need --provisioned-concurrency P");
    // Requests on provisioned environments run as long as on-demand ones unless told otherwise.
    const auto pcMsGiven = pcDuration ? pcDuration : f.number("duration-ms", 0.0);
    const double pcMs = pcRequests > 0.0
                            ? f.required("provisioned-duration-ms", pcMsGiven,
                                         "execution time of a request on provisioned concurrency")
                            : 0.0;
    // Lambda rounds each request up to 1 ms and the PC period up to 5 minutes.
    const double pcPeriod = std::ceil(pcHours * 3600.0 / 300.0 - 1e-9) * 300.0;
    l.requests = static_cast<std::uint64_t>(od.requests + pcRequests);
    l.invocations = l.requests;
    l.billedRequestSecondsOnDemand = od.requests * std::ceil(od.durationMs - 1e-9) / 1000.0;
    l.billedRequestSecondsProvisioned = pcRequests * std::ceil(pcMs - 1e-9) / 1000.0;
    l.provisionedInstanceSeconds = pc * pcPeriod;
    l.billing = pc > 0.0 ? BillingScope::Provisioned : BillingScope::PerRequestDuration;
    if (l.billedRequestSecondsProvisioned > l.provisionedInstanceSeconds * (1.0 + 1e-12))
        throw UsageError(
            fmt::format("--provisioned-requests: {:g} requests x {:g} ms need more than {:g} "
                        "environments x {:g} h can serve",
                        pcRequests, pcMs, pc, pcHours));
    if (pc > 0.0) r.assumptions.push_back("provisioned concurrency period rounded up to 5 minutes");
}

void buildCloudRun(const Flags& f, const std::optional<Gpu>& gpu, CostRequest& r) {
    UsageLedger& l = r.ledger;
    const Work w = serverlessWork(f);
    l.memoryMb = f.required("memory-mb", f.number("memory-mb", 0.0, true), "memory per instance");
    l.vcpu = f.number("vcpu", 0.0, true).value_or(1.0);
    const double concurrency = f.whole("concurrency", 1.0).value_or(80.0);
    const bool requestBased = f.choice("billing", {"request", "instance"}, "request") == "request";
    if (gpu && requestBased) throw UsageError("--gpu on gcp-cloud-run needs --billing instance");
    const double alwaysOn = alwaysOnSeconds(f, 0.0);
    l.requests = static_cast<std::uint64_t>(w.requests);
    if (requestBased) {
        // 100 ms rounding per request, shared by `concurrency` requests in flight.
        const double active =
            w.requests * std::ceil(w.durationMs / 100.0 - 1e-9) * 0.1 / concurrency;
        l.billing = BillingScope::InstanceActive;
        l.billedActiveSeconds = active;
        l.provisionedInstanceSeconds = alwaysOn;
        l.provisionedIdleSeconds = std::max(0.0, alwaysOn - active);
    } else {
        const double busy = w.requests * w.durationMs / 1000.0 / concurrency;
        l.billing = BillingScope::InstanceLifetime;
        l.billedLifetimeSeconds = std::max(busy, alwaysOn);
        l.billedLifetimeSecondsProvisioned = alwaysOn;
        l.provisionedInstanceSeconds = alwaysOn;
    }
    r.assumptions.push_back(
        fmt::format("{:g} concurrent requests share an instance; instances are busy for "
                    "requests x duration / concurrency, min instances absorb it first",
                    concurrency));
}

// Modal and RunPod: billed for instance lifetime; always-on instances
// (min_containers, active workers) serve first, the rest runs on flex ones.
void buildLifetime(const Flags& f, Kind kind, CostRequest& r) {
    UsageLedger& l = r.ledger;
    const Work w = serverlessWork(f);
    const auto memory = f.number("memory-mb", 0.0, true);
    l.memoryMb = kind == Kind::Modal ? f.required("memory-mb", memory, "memory per container")
                                     : memory.value_or(0.0);
    l.vcpu = f.number("vcpu", 0.0, true).value_or(kind == Kind::Modal ? 0.25 : 0.0);
    if (kind == Kind::Modal && !f.has("vcpu"))
        r.assumptions.push_back(
            "--vcpu not given: Modal's default reservation of 0.125 physical cores (0.25 vCPU)");
    if (kind == Kind::RunPod && (f.has("vcpu") || f.has("memory-mb")))
        r.assumptions.push_back(
            "RunPod bills the GPU worker: --vcpu and --memory-mb do not change the price");
    const double concurrency = f.whole("concurrency", 1.0).value_or(1.0);
    const double busy = w.requests * w.durationMs / 1000.0 / concurrency;
    const double alwaysOn = alwaysOnSeconds(f, 0.0);
    l.requests = static_cast<std::uint64_t>(w.requests);
    l.billing = alwaysOn > 0.0 ? BillingScope::Provisioned : BillingScope::InstanceLifetime;
    l.billedLifetimeSeconds = alwaysOn + std::max(0.0, busy - alwaysOn);
    l.billedLifetimeSecondsProvisioned = alwaysOn;
    l.provisionedInstanceSeconds = alwaysOn;
    r.assumptions.push_back(
        "instances live only while busy (requests x duration / concurrency): no cold-start, "
        "scale-down window or idle-timeout time; simulate a trace for those");
}

void buildEc2(const Flags& f, const std::string& platform, const std::optional<Gpu>& gpu,
              const pricing::PriceSet& prices, CostRequest& r) {
    const pricing::InstanceType& inst = *prices.findInstance(platform);
    const auto lower = [](std::string s) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    if (gpu && (!inst.gpu || lower(*inst.gpu) != lower(gpu->type) || gpu->count != inst.gpuCount))
        throw UsageError(fmt::format("--gpu: {} has {} GPU(s) {}; leave --gpu out", platform,
                                     inst.gpuCount, inst.gpu.value_or("none")));
    if (f.has("vcpu") || f.has("memory-mb"))
        r.assumptions.push_back(
            "the instance price includes its vCPU and memory: --vcpu / --memory-mb ignored");
    r.ledger.platform = "aws-ec2";
    r.ledger.instanceType = platform.substr(8);
    r.ledger.billing = BillingScope::NodeHours;
    r.ledger.billedNodeSeconds = alwaysOnSeconds(f, 1.0);
    r.ledger.nodeSeconds = r.ledger.billedNodeSeconds;
}

}  // namespace

CostRequest parseCostRequest(const std::vector<std::string>& argv,
                             const pricing::PriceSet& prices) {
    const Args args(argv, kFlagNames, kValueNames);
    if (!args.positional().empty())
        throw UsageError("unexpected argument '" + args.positional().front() + "'");
    const Flags f(args);
    const auto platform = f.text("platform");
    if (!platform)
        throw UsageError(
            "missing --platform ID (aws-lambda, gcp-cloud-run, modal, runpod-serverless, "
            "aws-ec2.<type>)");
    const Kind kind = platformKind(*platform, prices);
    checkApplicable(f, kind, *platform);
    CostRequest r;
    r.json = args.flag("json");
    r.period = {kMonthSeconds, false};
    r.ledger.platform = *platform;
    r.options.freeTier = f.choice("free-tier", {"on", "off"}, "off") == "on";
    r.options.regionTier = f.choice("region-tier", {"1", "2"}, "1") == "2" ? 2 : 1;
    const auto gpu = parseGpu(f, *platform, prices, r.options);
    if (gpu) {
        r.ledger.gpu = gpu->type;
        r.ledger.gpuCount = gpu->count;
    } else if (kind == Kind::RunPod) {
        throw UsageError("missing --gpu TYPE: runpod-serverless bills GPU workers");
    }
    switch (kind) {
        case Kind::Lambda:
            buildLambda(f, r);
            break;
        case Kind::CloudRun:
            buildCloudRun(f, gpu, r);
            break;
        case Kind::Modal:
        case Kind::RunPod:
            buildLifetime(f, kind, r);
            break;
        case Kind::Ec2:
            buildEc2(f, *platform, gpu, prices, r);
            break;
    }
    r.ledger.invocations = r.ledger.requests;
    return r;
}

namespace {

std::string trimmed(double value, int decimals) {
    std::string s = fmt::format("{:.{}f}", value, decimals);
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

void printJson(const pricing::CostBreakdown& cost, const pricing::PriceSet& prices,
               std::ostream& out) {
    nlohmann::ordered_json lines = nlohmann::ordered_json::array();
    for (const auto& line : cost.lines)
        lines.push_back({{"item", line.item},
                         {"quantity", line.quantity},
                         {"unit", line.unit},
                         {"usdPerUnit", line.usdPerUnit},
                         {"usd", line.usd},
                         {"priceId", line.priceId}});
    const nlohmann::ordered_json doc = {
        {"totalUsd", cost.totalUsd},   {"lines", lines},
        {"notPriced", cost.notPriced}, {"assumptions", cost.assumptions},
        {"errors", cost.errors},       {"catalogSnapshot", prices.snapshotId}};
    out << doc.dump(2) << '\n';
}

void printTable(const CostRequest& r, const pricing::CostBreakdown& cost,
                const pricing::PriceSet& prices, std::ostream& out) {
    out << fmt::format("{}: one 730-hour month, prices {} (as of {})\n\n", r.ledger.platform,
                       prices.snapshotId, prices.asOf);
    std::size_t itemWidth = 5;
    std::size_t unitWidth = 4;
    for (const auto& line : cost.lines) {
        itemWidth = std::max(itemWidth, line.item.size());
        unitWidth = std::max(unitWidth, line.unit.size());
    }
    const auto row = [&](const std::string& item, const std::string& quantity,
                         const std::string& unit, const std::string& perUnit,
                         const std::string& usd) {
        out << fmt::format("{:<{}}  {:>16}  {:<{}}  {:>14}  {:>12}\n", item, itemWidth, quantity,
                           unit, unitWidth, perUnit, usd);
    };
    row("item", "quantity", "unit", "$/unit", "$");
    for (const auto& line : cost.lines)
        row(line.item, trimmed(line.quantity, 4), line.unit, trimmed(line.usdPerUnit, 10),
            fmt::format("{:.2f}", line.usd));
    row("total", "", "", "", fmt::format("{:.2f}", cost.totalUsd));
    out << "\nnot priced: " << fmt::format("{}", fmt::join(cost.notPriced, "; ")) << '\n';
    for (const auto& note : cost.assumptions) out << "assumption: " << note << '\n';
}

}  // namespace

int runCost(const std::vector<std::string>& args, const pricing::PriceSet& prices,
            std::ostream& out, std::ostream& err) {
    if (std::find(args.begin(), args.end(), "--help") != args.end() ||
        std::find(args.begin(), args.end(), "-h") != args.end()) {
        out << kUsage;
        return 0;
    }
    CostRequest request;
    try {
        request = parseCostRequest(args, prices);
    } catch (const UsageError& e) {
        err << "breakeven-cli cost: " << e.what()
            << "\n(breakeven-cli cost --help lists the flags)\n";
        return 2;
    }
    pricing::CostBreakdown cost =
        pricing::price(request.ledger, prices, request.period, request.options);
    cost.assumptions.insert(cost.assumptions.begin(), request.assumptions.begin(),
                            request.assumptions.end());
    if (request.json)
        printJson(cost, prices, out);
    else
        printTable(request, cost, prices, out);
    for (const auto& e : cost.errors) err << "breakeven-cli cost: error: " << e << '\n';
    return cost.errors.empty() ? 0 : 1;
}

namespace {
// Removes `--name VALUE` / `--name=VALUE` from args and returns VALUE.
std::optional<std::string> takeOption(std::vector<std::string>& args, const std::string& name) {
    std::optional<std::string> value;
    for (std::size_t i = 0; i < args.size();) {
        if (args[i] == name) {
            if (i + 1 >= args.size()) throw UsageError(name + " needs a value");
            value = args[i + 1];
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
        } else if (args[i].rfind(name + "=", 0) == 0) {
            value = args[i].substr(name.size() + 1);
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            ++i;
        }
    }
    return value;
}
}  // namespace

int runCost(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    // --catalog and --as-of choose the prices; every other flag describes usage.
    std::vector<std::string> usage = args;
    const auto catalogPath = takeOption(usage, "--catalog");
    const auto asOf = takeOption(usage, "--as-of");
    const bool help = std::find(usage.begin(), usage.end(), "--help") != usage.end() ||
                      std::find(usage.begin(), usage.end(), "-h") != usage.end();
    if (help) return runCost(usage, pricing::PriceSet{}, out, err);
    const pricing::PriceSet prices = openCatalogue(catalogPath, err, "cost").load(asOf);
    return runCost(usage, prices, out, err);
}

}  // namespace breakeven::cli
