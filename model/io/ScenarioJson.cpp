#include "model/io/ScenarioJson.h"

#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "model/io/ScenarioJsonReader.h"
#include "model/io/ScenarioJsonAutoscaling.h"
#include "model/io/ScenarioJsonComposite.h"
#include "model/io/ScenarioJsonExtras.h"
#include "model/io/ScenarioJsonLlm.h"
#include "model/io/ScenarioJsonTrace.h"

namespace breakeven {

namespace {

using namespace scenario_json;

// ---------------------------------------------------------------- workload

constexpr std::array<Choice<WorkloadKind>, 6> kWorkloadKinds{{
    {"poisson", WorkloadKind::Poisson},
    {"diurnal", WorkloadKind::Diurnal},
    {"mmpp", WorkloadKind::Mmpp},
    {"onoff", WorkloadKind::OnOff},
    {"list", WorkloadKind::List},
    {"trace", WorkloadKind::Trace},
}};

constexpr std::array<std::string_view, 4> kWorkloadCommonKeys{"kind", "durationSeconds",
                                                              "inputTokens", "outputTokens"};
constexpr std::array<std::string_view, 1> kPoissonKeys{"ratePerSecond"};
constexpr std::array<std::string_view, 4> kDiurnalKeys{"meanRatePerSecond", "peakToTroughRatio",
                                                       "periodSeconds", "phaseSeconds"};
constexpr std::array<std::string_view, 4> kMmppKeys{"calmRatePerSecond", "burstRatePerSecond",
                                                    "calmMeanSeconds", "burstMeanSeconds"};
constexpr std::array<std::string_view, 3> kOnOffKeys{"requestsPerBatch", "batchPeriodSeconds",
                                                     "batchSpreadSeconds"};
constexpr std::array<std::string_view, 1> kListKeys{"arrivalsSeconds"};

std::span<const std::string_view> workloadKindKeys(WorkloadKind kind) {
    switch (kind) {
    case WorkloadKind::Poisson: return kPoissonKeys;
    case WorkloadKind::Diurnal: return kDiurnalKeys;
    case WorkloadKind::Mmpp: return kMmppKeys;
    case WorkloadKind::OnOff: return kOnOffKeys;
    case WorkloadKind::List: return kListKeys;
    case WorkloadKind::Trace: return traceWorkloadKeys();
    }
    return {};
}

std::string_view workloadKindName(WorkloadKind kind) {
    for (const auto& choice : kWorkloadKinds) {
        if (choice.value == kind) return choice.name;
    }
    return "?";
}

void checkWorkloadKeys(const ObjectReader& r, WorkloadKind kind) {
    std::vector<std::string_view> allowed(kWorkloadCommonKeys.begin(), kWorkloadCommonKeys.end());
    std::vector<std::string_view> foreign;
    for (const auto& choice : kWorkloadKinds) {
        const auto keys = workloadKindKeys(choice.value);
        auto& target = choice.value == kind ? allowed : foreign;
        target.insert(target.end(), keys.begin(), keys.end());
    }
    r.checkKeys(allowed, foreign,
                fmt::format("not used by {} workloads", workloadKindName(kind)));
}

// Non-decreasing (simultaneous arrivals are real) and inside the window.
std::shared_ptr<const std::vector<double>> readArrivals(const ObjectReader& r,
                                                        double durationSeconds) {
    const json& list = r.require("arrivalsSeconds");
    const std::string path = r.pathOf("arrivalsSeconds");
    if (!list.is_array()) fail(r.source(), path, "must be an array");
    auto arrivals = std::make_shared<std::vector<double>>();
    arrivals->reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string itemPath = elementPath(path, i);
        const double t = readNumber(list[i], itemPath, r.source(), kNonNegativeSeconds);
        if (!arrivals->empty() && t < arrivals->back()) {
            fail(r.source(), itemPath,
                 fmt::format("must be ≥ the previous arrival ({})", formatNumber(arrivals->back())));
        }
        if (t >= durationSeconds) {
            fail(r.source(), itemPath,
                 fmt::format("must be < durationSeconds ({})", formatNumber(durationSeconds)));
        }
        arrivals->push_back(t);
    }
    return arrivals;
}

void readKindParameters(const ObjectReader& r, WorkloadSpec& w) {
    switch (w.kind) {
    case WorkloadKind::Poisson: w.ratePerSecond = r.number("ratePerSecond", kPositive); break;
    case WorkloadKind::Diurnal:
        w.ratePerSecond = r.number("meanRatePerSecond", kPositive);
        w.peakToTroughRatio = r.number("peakToTroughRatio", Range{1.0, false, kInfinity});
        w.periodSeconds = r.number("periodSeconds", kPositiveSeconds);
        w.phaseSeconds = r.number("phaseSeconds", kNonNegativeSeconds, 0.0);
        break;
    case WorkloadKind::Mmpp:
        w.ratePerSecond = r.number("calmRatePerSecond", kNonNegative);
        w.burstRatePerSecond = r.number("burstRatePerSecond", kPositive);
        w.calmMeanSeconds = r.number("calmMeanSeconds", kPositiveSeconds);
        w.burstMeanSeconds = r.number("burstMeanSeconds", kPositiveSeconds);
        break;
    case WorkloadKind::OnOff:
        w.requestsPerBatch = r.integer("requestsPerBatch", 1);
        w.batchPeriodSeconds = r.number("batchPeriodSeconds", kPositiveSeconds);
        w.batchSpreadSeconds = r.number("batchSpreadSeconds", kNonNegativeSeconds);
        if (w.batchSpreadSeconds > w.batchPeriodSeconds) {
            r.fail("batchSpreadSeconds", fmt::format("must be ≤ batchPeriodSeconds ({})",
                                                     formatNumber(w.batchPeriodSeconds)));
        }
        break;
    case WorkloadKind::List: w.arrivalsSeconds = readArrivals(r, w.durationSeconds); break;
    case WorkloadKind::Trace: break;  // read by readTraceWorkload
    }
}

std::optional<Distribution> readTokens(const ObjectReader& r, std::string_view key) {
    const json* value = r.find(key);
    if (value == nullptr || value->is_null()) return std::nullopt;
    return readDistribution(*value, r.pathOf(key), r.source(), Quantity::Tokens);
}

WorkloadSpec readWorkload(const json& value, std::string_view source) {
    const ObjectReader r(value, "workload", source);
    WorkloadSpec w;
    w.kind = *readChoice(r, "kind", kWorkloadKinds, true);
    if (w.kind == WorkloadKind::Trace) {  // its tokens, times and span come from the file
        std::vector<std::string_view> allowed{"kind"};
        const auto keys = traceWorkloadKeys();
        allowed.insert(allowed.end(), keys.begin(), keys.end());
        r.checkKeys(allowed, std::array<std::string_view, 2>{"inputTokens", "outputTokens"},
                    "not used by trace workloads (the trace has its own tokens)");
        readTraceWorkload(r, w);
        return w;
    }
    checkWorkloadKeys(r, w.kind);
    w.durationSeconds = r.number("durationSeconds", kPositiveSeconds);
    readKindParameters(r, w);
    w.inputTokens = readTokens(r, "inputTokens");
    w.outputTokens = readTokens(r, "outputTokens");
    return w;
}

// ---------------------------------------------------------------- deployment

template <typename E, std::size_t N>
std::array<Choice<E>, N> choicesOf(const std::array<E, N>& values) {
    std::array<Choice<E>, N> out;
    for (std::size_t i = 0; i < N; ++i) out[i] = {toString(values[i]), values[i]};
    return out;
}

// Spelled by the domain's toString(), so the reader and every report agree.
const auto kDeploymentKinds = choicesOf(
    std::array{DeploymentKind::Function, DeploymentKind::Dedicated});
const auto kOverflows = choicesOf(std::array{Overflow::Reject, Overflow::Queue});
const auto kPlacements = choicesOf(std::array{Placement::Packing, Placement::LeastLoaded});
const auto kBillingScopes = choicesOf(std::array{
    BillingScope::PerRequestDuration, BillingScope::InstanceActive,
    BillingScope::InstanceLifetime, BillingScope::Provisioned, BillingScope::NodeHours});

constexpr std::array<std::string_view, 24> kDeploymentCommonKeys{
    "name", "platform", "kind", "memoryMb", "vcpu", "gpu", "gpuCount", "instanceType",
    "architecture", "ephemeralStorageMb", "discountPercent", "extraCostLines",
    "service", "coldStart", "concurrencyPerInstance", "overflow", "queueTimeoutSeconds",
    "requestTimeoutSeconds", "placement", "billing", "billingGranularitySeconds",
    "billingMinimumSeconds", "useTraceServiceTimes", "autoscaling"};
constexpr std::array<std::string_view, 4> kFunctionOnlyKeys{"keepAliveSeconds", "minInstances",
                                                            "maxInstances", "scaleUpPerSecond"};
constexpr std::array<std::string_view, 1> kDedicatedOnlyKeys{"nodes"};

void checkDeploymentKeys(const ObjectReader& r, DeploymentKind kind) {
    const bool dedicated = kind == DeploymentKind::Dedicated;
    std::vector<std::string_view> allowed(kDeploymentCommonKeys.begin(),
                                          kDeploymentCommonKeys.end());
    const std::span<const std::string_view> own =
        dedicated ? std::span<const std::string_view>(kDedicatedOnlyKeys) : kFunctionOnlyKeys;
    const std::span<const std::string_view> foreign =
        dedicated ? std::span<const std::string_view>(kFunctionOnlyKeys) : kDedicatedOnlyKeys;
    allowed.insert(allowed.end(), own.begin(), own.end());
    // A dedicated pool is a fixed node count: nothing scales or idles out.
    r.checkKeys(allowed, foreign,
                dedicated ? "not used by dedicated deployments (use nodes)"
                          : "not used by function deployments");
}

// What each platform's own pricing page bills, so a bare platform id prices right.
BillingScope defaultBilling(DeploymentKind kind, const std::string& platform) {
    if (kind == DeploymentKind::Dedicated) return BillingScope::NodeHours;
    if (platform == "gcp-cloud-run") return BillingScope::InstanceActive;
    if (platform == "modal" || platform == "runpod-serverless") {
        return BillingScope::InstanceLifetime;
    }
    return BillingScope::PerRequestDuration;
}

void readHardware(const ObjectReader& r, DeploymentSpec& d) {
    d.memoryMb = r.number("memoryMb", kPositive, d.memoryMb);
    d.vcpu = r.number("vcpu", kPositive, d.vcpu);
    d.gpu = r.nullableString("gpu");
    d.gpuCount = r.integer("gpuCount", 0, d.gpuCount);
    if (d.gpu && d.gpuCount < 1) r.fail("gpuCount", "must be ≥ 1 when gpu is set");
    if (!d.gpu && d.gpuCount > 0) r.fail("gpuCount", "must be 0 when gpu is null");
    d.instanceType = r.nullableString("instanceType");
    constexpr std::array<std::string_view, 2> kArchitectures{"x86", "arm"};
    if (const auto arch = r.choice("architecture", kArchitectures, false))
        d.architecture = std::string(kArchitectures[*arch]);
    d.ephemeralStorageMb = r.number("ephemeralStorageMb", kPositive, d.ephemeralStorageMb);
}

void readPool(const ObjectReader& r, DeploymentSpec& d) {
    if (d.kind == DeploymentKind::Dedicated) {
        d.nodes = r.integer("nodes", 1);
        if (d.nodes > DeploymentSpec::kMaxInstances)
            r.fail("nodes", fmt::format("must be ≤ {}", DeploymentSpec::kMaxInstances));
        d.minInstances = d.nodes;
        d.maxInstances = d.nodes;
    } else {
        d.keepAliveSeconds = r.number("keepAliveSeconds", kNonNegativeSeconds, d.keepAliveSeconds);
        d.minInstances = r.integer("minInstances", 0, d.minInstances);
        d.maxInstances = r.integer("maxInstances", 1, d.maxInstances);
        if (d.minInstances > d.maxInstances) {
            r.fail("minInstances", fmt::format("must be ≤ maxInstances ({})", d.maxInstances));
        }
        if (d.maxInstances > DeploymentSpec::kMaxInstances)
            r.fail("maxInstances", fmt::format("must be ≤ {}", DeploymentSpec::kMaxInstances));
        d.scaleUpPerSecond = r.nullableNumber("scaleUpPerSecond", kPositive);
    }
    d.concurrencyPerInstance = r.integer("concurrencyPerInstance", 1, d.concurrencyPerInstance);
    if (d.concurrencyPerInstance > DeploymentSpec::kMaxConcurrency)
        r.fail("concurrencyPerInstance", fmt::format("must be ≤ {}", DeploymentSpec::kMaxConcurrency));
    d.overflow = readChoice(r, "overflow", kOverflows, false).value_or(d.overflow);
    d.queueTimeoutSeconds =
        r.number("queueTimeoutSeconds", kNonNegativeSeconds, d.queueTimeoutSeconds);
    d.requestTimeoutSeconds =
        r.number("requestTimeoutSeconds", kPositiveSeconds, d.requestTimeoutSeconds);
    // LLM engines fill up by KV and slots: spread load like dedicated nodes.
    d.placement = readChoice(r, "placement", kPlacements, false)
                      .value_or(d.llm ? Placement::LeastLoaded : DeploymentSpec::defaultPlacement(d.kind));
}

void readBilling(const ObjectReader& r, DeploymentSpec& d) {
    d.billing = readChoice(r, "billing", kBillingScopes, false)
                    .value_or(defaultBilling(d.kind, d.platform));
    d.billingGranularitySeconds = r.number("billingGranularitySeconds", kPositiveSeconds,
                                           DeploymentSpec::defaultGranularitySeconds(d.billing));
    d.billingMinimumSeconds = r.number("billingMinimumSeconds", kNonNegativeSeconds,
                                       DeploymentSpec::defaultMinimumSeconds(d.billing));
    d.discountPercent = r.number("discountPercent", Range{0.0, false, 100.0}, 0.0);
    d.extraCostLines = readExtraCostLines(r, "extraCostLines");
}

DeploymentSpec readDeployment(const json& value, std::string path, std::string_view source) {
    const ObjectReader r(value, std::move(path), source);
    DeploymentSpec d;
    d.kind = readChoice(r, "kind", kDeploymentKinds, false).value_or(DeploymentKind::Function);
    checkDeploymentKeys(r, d.kind);
    d.name = r.string("name");
    d.platform = r.string("platform", "custom");
    readHardware(r, d);
    if (isLlmService(r.require("service"))) {
        d.llm = readLlmService(r.require("service"), r.pathOf("service"), source, d);
        // Requests an instance takes before the pool scales out (Modal's
        // max inputs, RunPod's concurrency); beyond maxNumSeqs they wait inside.
        d.concurrencyPerInstance = d.llm->maxNumSeqs;
    } else {
        d.service = readDistribution(r.require("service"), r.pathOf("service"), source,
                                     Quantity::Seconds);
    }
    d.useTraceServiceTimes = r.boolean("useTraceServiceTimes", true);
    if (const json* coldStart = r.find("coldStart")) {
        d.coldStart = readDistribution(*coldStart, r.pathOf("coldStart"), source,
                                       Quantity::Seconds);
    }
    readPool(r, d);
    d.autoscaling = readAutoscaling(r, d);
    readBilling(r, d);
    return d;
}

std::vector<DeploymentSpec> readDeployments(const ObjectReader& r) {
    const json& list = r.require("deployments");
    if (!list.is_array()) r.fail("deployments", "must be an array");
    if (list.empty()) r.fail("deployments", "must not be empty");
    std::vector<DeploymentSpec> deployments;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = elementPath("deployments", i);
        deployments.push_back(isComposite(list[i]) ? readComposite(list[i], path, r.source(), readDeployment)
                                                   : readDeployment(list[i], path, r.source()));
        // Results are keyed by name, so a repeat would hide one alternative.
        for (std::size_t earlier = 0; earlier < i; ++earlier) {
            if (deployments[earlier].name != deployments[i].name) continue;
            fail(r.source(), memberPath(path, "name"),
                 fmt::format("duplicate name \"{}\" (already used by deployments[{}])",
                             deployments[i].name, earlier));
        }
    }
    return deployments;
}

// ---------------------------------------------------------------- scenario

constexpr std::array<std::string_view, 8> kScenarioKeys{
    "schemaVersion", "name", "seed", "workload", "deployments", "slos", "pricing", "cache"};

// Checked before the keys: a newer file's new keys are explained by its version.
void checkSchemaVersion(const ObjectReader& r) {
    const std::int64_t version =
        readInteger(r.require("schemaVersion"), "schemaVersion", r.source(),
                    std::numeric_limits<std::int64_t>::min(),
                    std::numeric_limits<std::int64_t>::max());
    if (version > Scenario::kSchemaVersion) {
        r.fail("schemaVersion",
               fmt::format("schema version {} is newer than this Breakeven supports ({}); "
                           "upgrade Breakeven",
                           version, Scenario::kSchemaVersion));
    }
    if (version != Scenario::kSchemaVersion) {
        r.fail("schemaVersion", fmt::format("unsupported schema version {}", version));
    }
}

std::uint64_t readSeed(const json& value, std::string_view source) {
    if (value.is_number_unsigned()) return value.get<std::uint64_t>();
    // Integral doubles past int64 are still valid seeds up to 2^64 - 1.
    constexpr double kTwoTo63 = 9223372036854775808.0;
    constexpr double kTwoTo64 = 18446744073709551616.0;
    if (value.is_number_float()) {
        const double x = value.get<double>();
        if (std::isfinite(x) && std::trunc(x) == x && x >= kTwoTo63) {
            if (x >= kTwoTo64) {
                fail(source, "seed",
                     fmt::format("must be ≤ {}", std::numeric_limits<std::uint64_t>::max()));
            }
            return static_cast<std::uint64_t>(x);
        }
    }
    return static_cast<std::uint64_t>(readInteger(value, "seed", source, 0,
                                                  std::numeric_limits<std::int64_t>::max()));
}

// ---------------------------------------------------------------- writer

json nullable(const std::optional<std::string>& value) {
    return value ? json(*value) : json(nullptr);
}

json tokensToJson(const std::optional<Distribution>& tokens) {
    return tokens ? distributionToJson(*tokens, Quantity::Tokens) : json(nullptr);
}

json workloadToJson(const WorkloadSpec& w) {
    if (w.kind == WorkloadKind::Trace) return traceWorkloadToJson(w);
    json j = json::object();
    j["kind"] = std::string(workloadKindName(w.kind));
    switch (w.kind) {
    case WorkloadKind::Poisson: j["ratePerSecond"] = w.ratePerSecond; break;
    case WorkloadKind::Diurnal:
        j["meanRatePerSecond"] = w.ratePerSecond;
        j["peakToTroughRatio"] = w.peakToTroughRatio;
        j["periodSeconds"] = w.periodSeconds;
        j["phaseSeconds"] = w.phaseSeconds;
        break;
    case WorkloadKind::Mmpp:
        j["calmRatePerSecond"] = w.ratePerSecond;
        j["burstRatePerSecond"] = w.burstRatePerSecond;
        j["calmMeanSeconds"] = w.calmMeanSeconds;
        j["burstMeanSeconds"] = w.burstMeanSeconds;
        break;
    case WorkloadKind::OnOff:
        j["requestsPerBatch"] = w.requestsPerBatch;
        j["batchPeriodSeconds"] = w.batchPeriodSeconds;
        j["batchSpreadSeconds"] = w.batchSpreadSeconds;
        break;
    case WorkloadKind::List:
        j["arrivalsSeconds"] = w.arrivalsSeconds ? json(*w.arrivalsSeconds) : json::array();
        break;
    case WorkloadKind::Trace: break;  // written by traceWorkloadToJson
    }
    j["durationSeconds"] = w.durationSeconds;
    j["inputTokens"] = tokensToJson(w.inputTokens);
    j["outputTokens"] = tokensToJson(w.outputTokens);
    return j;
}

json deploymentToJson(const DeploymentSpec& d) {
    json j = json::object();
    j["name"] = d.name;
    j["platform"] = d.platform;
    j["kind"] = toString(d.kind);
    if (d.kind == DeploymentKind::Dedicated) {
        j["nodes"] = d.nodes;
    } else {
        j["keepAliveSeconds"] = d.keepAliveSeconds;
        j["minInstances"] = d.minInstances;
        j["maxInstances"] = d.maxInstances;
        j["scaleUpPerSecond"] = d.scaleUpPerSecond ? json(*d.scaleUpPerSecond) : json(nullptr);
    }
    j["memoryMb"] = d.memoryMb;
    j["vcpu"] = d.vcpu;
    j["gpu"] = nullable(d.gpu);
    j["gpuCount"] = d.gpuCount;
    j["instanceType"] = nullable(d.instanceType);
    j["architecture"] = d.architecture;
    j["ephemeralStorageMb"] = d.ephemeralStorageMb;
    j["service"] = d.llm ? llmServiceToJson(*d.llm) : distributionToJson(d.service, Quantity::Seconds);
    j["useTraceServiceTimes"] = d.useTraceServiceTimes;
    j["coldStart"] = distributionToJson(d.coldStart, Quantity::Seconds);
    j["concurrencyPerInstance"] = d.concurrencyPerInstance;
    j["overflow"] = toString(d.overflow);
    j["queueTimeoutSeconds"] = d.queueTimeoutSeconds;
    j["requestTimeoutSeconds"] = d.requestTimeoutSeconds;
    j["placement"] = toString(d.placement);
    j["billing"] = toString(d.billing);
    j["billingGranularitySeconds"] = d.billingGranularitySeconds;
    j["billingMinimumSeconds"] = d.billingMinimumSeconds;
    j["discountPercent"] = d.discountPercent;
    j["extraCostLines"] = extraCostLinesToJson(d.extraCostLines);
    // Only when set: scenarios without a policy keep their canonical text.
    if (d.autoscaling) j["autoscaling"] = autoscalingToJson(*d.autoscaling);
    return j;
}

}  // namespace

Scenario scenarioFromJson(const nlohmann::json& j, std::string_view source) {
    if (!j.is_object()) fail(source, {}, "the scenario must be a JSON object");
    const ObjectReader r(j, {}, source);
    checkSchemaVersion(r);
    r.checkKeys(kScenarioKeys);
    Scenario s;
    s.name = r.string("name");
    if (const json* seed = r.find("seed")) s.seed = readSeed(*seed, source);
    s.workload = readWorkload(r.require("workload"), source);
    s.deployments = readDeployments(r);
    if (const json* slos = r.find("slos")) s.slos = readSlos(*slos, "slos", source);
    if (const json* pricing = r.find("pricing"))
        s.pricing = readScenarioPricing(*pricing, "pricing", source);
    if (const json* cache = r.find("cache")) s.cache = readCache(*cache, "cache", source);
    return s;
}

nlohmann::json scenarioToJson(const Scenario& s) {
    json j = json::object();
    j["schemaVersion"] = Scenario::kSchemaVersion;
    j["name"] = s.name;
    j["seed"] = s.seed;
    j["workload"] = workloadToJson(s.workload);
    json deployments = json::array();
    for (const auto& d : s.deployments)
        deployments.push_back(d.composite == Composite::None ? deploymentToJson(d)
                                                             : compositeToJson(d, deploymentToJson));
    j["deployments"] = std::move(deployments);
    // Only when set: older scenarios keep their canonical text and SHA-256.
    if (!s.slos.empty()) j["slos"] = slosToJson(s.slos);
    if (!s.pricing.isDefault()) j["pricing"] = scenarioPricingToJson(s.pricing);
    if (s.cache) j["cache"] = cacheToJson(s.cache);
    return j;
}

}  // namespace breakeven
