#include "model/io/ResultJson.h"

#include "model/sim/LlmColdStart.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace breakeven {

namespace {
using json = ResultJson;

double fraction(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

json latencyJson(const LatencyHistogram& h) {
    return {{"mean", h.meanSeconds()},         {"p50", h.quantileSeconds(0.50)},
            {"p90", h.quantileSeconds(0.90)},  {"p99", h.quantileSeconds(0.99)},
            {"p999", h.quantileSeconds(0.999)}, {"max", h.maxSeconds()}};
}
}  // namespace

json ledgerToJson(const UsageLedger& l) {
    return {
        {"platform", l.platform},
        {"instanceType", l.instanceType ? json(*l.instanceType) : json(nullptr)},
        {"architecture", l.architecture},
        {"ephemeralStorageMb", l.ephemeralStorageMb},
        {"billing", toString(l.billing)},
        {"billingGranularitySeconds", l.billingGranularitySeconds},
        {"billingMinimumSeconds", l.billingMinimumSeconds},
        {"memoryMb", l.memoryMb},
        {"vcpu", l.vcpu},
        {"gpu", l.gpu ? json(*l.gpu) : json(nullptr)},
        {"gpuCount", l.gpuCount},
        {"requests", l.requests},
        {"invocations", l.invocations},
        {"inputTokens", l.inputTokens},
        {"outputTokens", l.outputTokens},
        {"requestSecondsRaw", l.requestSecondsRaw},
        {"billedRequestSecondsOnDemand", l.billedRequestSecondsOnDemand},
        {"billedRequestSecondsProvisioned", l.billedRequestSecondsProvisioned},
        {"billedInitSeconds", l.billedInitSeconds},
        {"instanceAliveSeconds", l.instanceAliveSeconds},
        {"instanceStartingSeconds", l.instanceStartingSeconds},
        {"instanceBusySeconds", l.instanceBusySeconds},
        {"instanceIdleSeconds", l.instanceIdleSeconds},
        {"billedActiveSeconds", l.billedActiveSeconds},
        {"billedLifetimeSeconds", l.billedLifetimeSeconds},
        {"billedLifetimeSecondsProvisioned", l.billedLifetimeSecondsProvisioned},
        {"provisionedInstanceSeconds", l.provisionedInstanceSeconds},
        {"provisionedIdleSeconds", l.provisionedIdleSeconds},
        {"nodeSeconds", l.nodeSeconds},
        {"billedNodeSeconds", l.billedNodeSeconds},
        {"gpuSeconds", l.gpuSeconds},
        {"coldStarts", l.coldStarts},
    };
}

namespace {
const nlohmann::json& member(const nlohmann::json& j, const char* key) {
    if (!j.is_object() || !j.contains(key)) throw std::runtime_error(std::string("ledger.") + key + ": missing");
    return j.at(key);
}

double numberAt(const nlohmann::json& j, const char* key) {
    const auto& v = member(j, key);
    if (!v.is_number()) throw std::runtime_error(std::string("ledger.") + key + ": must be a number");
    return v.get<double>();
}

std::uint64_t countAt(const nlohmann::json& j, const char* key) {
    const auto& v = member(j, key);
    if (!v.is_number_unsigned()) throw std::runtime_error(std::string("ledger.") + key + ": must be a count");
    return v.get<std::uint64_t>();
}

std::string stringAt(const nlohmann::json& j, const char* key) {
    const auto& v = member(j, key);
    if (!v.is_string()) throw std::runtime_error(std::string("ledger.") + key + ": must be a string");
    return v.get<std::string>();
}

std::optional<std::string> nullableStringAt(const nlohmann::json& j, const char* key) {
    if (member(j, key).is_null()) return std::nullopt;
    return stringAt(j, key);
}

BillingScope scopeAt(const nlohmann::json& j) {
    const std::string text = stringAt(j, "billing");
    for (auto scope : {BillingScope::PerRequestDuration, BillingScope::InstanceActive,
                       BillingScope::InstanceLifetime, BillingScope::Provisioned, BillingScope::NodeHours})
        if (text == toString(scope)) return scope;
    throw std::runtime_error("ledger.billing: unknown scope \"" + text + "\"");
}
}  // namespace

UsageLedger ledgerFromJson(const nlohmann::json& j) {
    UsageLedger l;
    l.platform = stringAt(j, "platform");
    l.instanceType = nullableStringAt(j, "instanceType");
    l.architecture = stringAt(j, "architecture");
    l.ephemeralStorageMb = numberAt(j, "ephemeralStorageMb");
    l.billing = scopeAt(j);
    l.billingGranularitySeconds = numberAt(j, "billingGranularitySeconds");
    l.billingMinimumSeconds = numberAt(j, "billingMinimumSeconds");
    l.memoryMb = numberAt(j, "memoryMb");
    l.vcpu = numberAt(j, "vcpu");
    l.gpu = nullableStringAt(j, "gpu");
    l.gpuCount = static_cast<int>(countAt(j, "gpuCount"));
    l.requests = countAt(j, "requests");
    l.invocations = countAt(j, "invocations");
    l.inputTokens = countAt(j, "inputTokens");
    l.outputTokens = countAt(j, "outputTokens");
    l.requestSecondsRaw = numberAt(j, "requestSecondsRaw");
    l.billedRequestSecondsOnDemand = numberAt(j, "billedRequestSecondsOnDemand");
    l.billedRequestSecondsProvisioned = numberAt(j, "billedRequestSecondsProvisioned");
    l.billedInitSeconds = numberAt(j, "billedInitSeconds");
    l.instanceAliveSeconds = numberAt(j, "instanceAliveSeconds");
    l.instanceStartingSeconds = numberAt(j, "instanceStartingSeconds");
    l.instanceBusySeconds = numberAt(j, "instanceBusySeconds");
    l.instanceIdleSeconds = numberAt(j, "instanceIdleSeconds");
    l.billedActiveSeconds = numberAt(j, "billedActiveSeconds");
    l.billedLifetimeSeconds = numberAt(j, "billedLifetimeSeconds");
    l.billedLifetimeSecondsProvisioned = numberAt(j, "billedLifetimeSecondsProvisioned");
    l.provisionedInstanceSeconds = numberAt(j, "provisionedInstanceSeconds");
    l.provisionedIdleSeconds = numberAt(j, "provisionedIdleSeconds");
    l.nodeSeconds = numberAt(j, "nodeSeconds");
    l.billedNodeSeconds = numberAt(j, "billedNodeSeconds");
    l.gpuSeconds = numberAt(j, "gpuSeconds");
    l.coldStarts = countAt(j, "coldStarts");
    return l;
}

json percentiles(const LatencyHistogram& h) {
    return {{"p50", h.quantileSeconds(0.5)}, {"p90", h.quantileSeconds(0.9)},
            {"p99", h.quantileSeconds(0.99)}, {"mean", h.meanSeconds()}, {"count", h.count()}};
}

// Mean seconds of each cold-start component and the one that dominates.
json coldStartPartsJson(const LlmMetrics& m, std::uint64_t coldStarts) {
    json parts = json::object();
    std::size_t dominant = 0;
    for (std::size_t p = 0; p < m.coldStartPartSeconds.size(); ++p) {
        parts[toString(static_cast<LlmColdStartPart>(p))] =
            coldStarts > 0 ? m.coldStartPartSeconds[p] / static_cast<double>(coldStarts) : 0.0;
        if (m.coldStartPartSeconds[p] > m.coldStartPartSeconds[dominant]) dominant = p;
    }
    parts["dominant"] = coldStarts > 0 ? json(toString(static_cast<LlmColdStartPart>(dominant))) : json(nullptr);
    return parts;
}

json llmJson(const LlmMetrics& m, std::uint64_t coldStarts) {
    json out = {{"ttftSeconds", percentiles(m.ttft)},
            {"tpotSeconds", percentiles(m.tpot)},
            {"itlSeconds", percentiles(m.itl)},
            {"goodputFraction", m.goodputFraction},
            {"slo", {{"ttftSeconds", m.ttftSloSeconds}, {"tpotSeconds", m.tpotSloSeconds}}},
            {"outputTokens", m.outputTokens},
            {"outputTokensPerSecond", m.outputTokensPerSecond},
            {"preemptions", m.preemptions},
            {"kvUtilization", m.kvUtilization},
            {"kvCapacityTokensPerInstance", m.kvCapacityTokens},
            {"rejectedTooLarge", m.tooLarge},
            {"engineSteps", m.steps}};
    if (m.coldStartComponents) out["coldStartComponentsSeconds"] = coldStartPartsJson(m, coldStarts);
    return out;
}

json deploymentResultToJson(const DeploymentResult& r, bool timeline) {
    json findings = json::array();
    for (const auto& f : r.feasibility) findings.push_back({{"code", f.code}, {"severity", f.severity}, {"message", f.message}});
    json out = {
        {"name", r.name},
        {"simulatedSeconds", r.simulatedSeconds},
        {"requests", r.requests},
        {"served", r.served},
        {"queued", r.queued},
        {"coldStarts", r.coldStarts},
        {"coldStartsFromZero", r.coldStartsFromZero},
        {"coldStartsScaleOut", r.coldStartsScaleOut},
        {"coldRequests", r.coldRequests},
        {"coldStartFraction", fraction(r.coldRequests, r.requests)},
        {"rejected", r.rejected},
        {"rejectFraction", fraction(r.rejected, r.requests)},
        {"timedOut", r.timedOut()},
        {"queueTimeouts", r.queueTimeouts},
        {"requestTimeouts", r.requestTimeouts},
        {"throughputPerSecond", r.simulatedSeconds > 0 ? static_cast<double>(r.served) / r.simulatedSeconds : 0.0},
        {"latencySeconds", latencyJson(r.latency)},
        {"coldLatencySeconds", {{"p50", r.coldLatency.quantileSeconds(0.5)},
                                {"p99", r.coldLatency.quantileSeconds(0.99)}}},
        {"queueDelaySeconds", {{"mean", r.queueDelay.meanSeconds()},
                               {"p99", r.queueDelay.quantileSeconds(0.99)}}},
        {"instances", {{"meanAlive", r.meanAlive}, {"meanBusy", r.meanBusy},
                       {"meanIdle", r.meanIdle}, {"maxAlive", r.maxAlive}}},
        {"feasibility", findings},
        {"ledger", ledgerToJson(r.ledger)},
    };
    if (r.llm) out.update(llmJson(*r.llm, r.coldStarts));  // LLM metrics sit beside the classic ones
    if (r.cache)  // only with a scenario cache: results without one keep their bytes
        out["cache"] = {{"hits", r.cache->hits},
                        {"hitFraction", r.cache->hitFraction()},
                        {"latencySeconds", r.cache->latencySeconds},
                        {"hours", r.simulatedSeconds / 3600.0},
                        {"usdPerHour", r.cache->usdPerHour}};
    if (r.composite != Composite::None) {  // the members carry the ledgers
        out.erase("ledger");
        out["kind"] = toString(r.composite);
        json members = json::array();
        for (const DeploymentResult& m : r.members) members.push_back(deploymentResultToJson(m, timeline));
        out["members"] = std::move(members);
    }
    if (timeline)
        out["timeline"] = {{"minuteSeconds", 60},
                           {"arrivals", r.timeline.arrivals},
                           {"alive", r.timeline.alive},
                           {"busy", r.timeline.busy},
                           {"queueLength", r.timeline.queueLength}};
    return out;
}

ResultJson resultHeader(const std::string& scenarioName, const std::string& scenarioSha256, std::uint64_t seed) {
    ResultJson j;
    j["schemaVersion"] = kResultSchemaVersion;
    j["version"] = BREAKEVEN_VERSION;
    j["scenario"] = scenarioName;
    j["scenarioSha256"] = scenarioSha256;
    j["seed"] = seed;
    return j;
}

json resultToJson(const ScenarioResult& result, bool timeline, bool includeRun) {
    json deployments = json::array();
    std::uint64_t served = 0, rejected = 0, timedOut = 0, coldStarts = 0;
    for (const auto& d : result.deployments) {
        deployments.push_back(deploymentResultToJson(d, timeline));
        served += d.served;
        rejected += d.rejected;
        timedOut += d.timedOut();
        coldStarts += d.coldStarts;
    }
    json out = resultHeader(result.scenarioName, result.scenarioSha256, result.seed);
    out["windowSeconds"] = result.windowSeconds;
    out["simulatedSeconds"] = result.simulatedSeconds;
    out["total"] = {{"deployments", result.deployments.size()},
                    {"arrivals", result.arrivals},
                    {"served", served},
                    {"rejected", rejected},
                    {"timedOut", timedOut},
                    {"coldStarts", coldStarts}};
    out["deployments"] = deployments;
    if (includeRun)
        out["run"] = {{"wallSeconds", result.run.wallSeconds},
                      {"requestsPerWallSecond", result.run.requestsPerWallSecond},
                      {"threads", result.run.threads}};
    return out;
}

}  // namespace breakeven
