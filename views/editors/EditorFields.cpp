#include "views/editors/EditorFields.h"

#include <algorithm>
#include <tuple>

#include <QObject>

#include "model/domain/LlmService.h"

namespace breakeven::views::editors {

namespace {
using nlohmann::json;
using Pred = std::function<bool(const json&)>;

std::string text(const json& o, const char* key, const char* fallback) {
    const auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string(fallback);
}
bool isDedicated(const json& o) { return text(o, "kind", "function") == "dedicated"; }
bool isFunction(const json& o) { return !isDedicated(o); }
bool isLlm(const json& o) { return o.contains("service") && text(o["service"], "kind", "") == "llm"; }
bool hasLlmComponents(const json& o) { return isLlm(o) && o["service"].contains("coldStart"); }
bool isPlatform(const json& o, const char* id) { return text(o, "platform", "custom") == id; }
Pred both(Pred a, Pred b) {
    return [a = std::move(a), b = std::move(b)](const json& o) { return a(o) && b(o); };
}

FieldSpec field(QString section, QString label, std::string pointer, FieldKind kind, QString unit = {},
                json defaultValue = nullptr, Pred applies = {}) {
    FieldSpec f;
    f.section = std::move(section);
    f.label = std::move(label);
    f.pointer = std::move(pointer);
    f.kind = kind;
    f.unit = std::move(unit);
    f.defaultValue = std::move(defaultValue);
    f.appliesTo = std::move(applies);
    return f;
}

FieldSpec choice(QString section, QString label, std::string pointer, QStringList choices, json defaultValue,
                 Pred applies = {}) {
    FieldSpec f = field(std::move(section), std::move(label), std::move(pointer), FieldKind::Choice, {},
                        std::move(defaultValue), std::move(applies));
    f.choices = std::move(choices);
    return f;
}

FieldSpec optional(FieldSpec f) {
    f.removable = true;
    return f;
}

// A time distribution at `pointer`: its kind, then the parameters of that
// kind. A parameter edit writes the kind too, so an absent distribution
// (the default fixed 0 s) becomes an explicit one.
void addDistribution(std::vector<FieldSpec>& out, const QString& section, const QString& label,
                     const std::string& pointer, const Pred& when) {
    auto kindIs = [pointer](const char* kind) {
        return [pointer, kind](const json& o) {
            const json d = valueAt(o, pointer);
            return (d.is_object() ? text(d, "kind", "") : std::string("fixed")) == kind;
        };
    };
    out.push_back(field(section, label, pointer, FieldKind::DistKind, {}, nullptr, when));
    const struct {
        const char* kind;
        const char* key;
        const char* name;
    } params[] = {{"fixed", "seconds", "seconds"},         {"exponential", "meanSeconds", "mean"},
                  {"uniform", "minSeconds", "min"},         {"uniform", "maxSeconds", "max"},
                  {"lognormal", "p50Seconds", "p50"},       {"lognormal", "p99Seconds", "p99"}};
    for (const auto& p : params) {
        FieldSpec f = field(section, QStringLiteral("    %1").arg(QString::fromUtf8(p.name)), pointer + "/" + p.key,
                            FieldKind::Number, QStringLiteral("s"), nullptr, both(when, kindIs(p.kind)));
        if (std::string(p.kind) == "fixed")  // absent: the default fixed 0 s
            f.fallback = [pointer](const json& o) { return valueAt(o, pointer).is_null() ? json(0) : json(); };
        f.transform = [pointer, kind = std::string(p.kind), key = std::string(p.key)](json o, const json& v) {
            json& d = o[json::json_pointer(pointer)];
            if (!d.is_object()) d = json::object();
            d["kind"] = kind;
            d[key] = v;
            return o;
        };
        out.push_back(std::move(f));
    }
}

// Changing the kind also drops the other kind's keys, which the reader
// would refuse ("not used by dedicated deployments (use nodes)").
json withKind(json o, const json& kind) {
    if (kind == "dedicated") {
        const int nodes = std::max(1, o.value("minInstances", 1));
        for (const char* k : {"keepAliveSeconds", "minInstances", "maxInstances", "scaleUpPerSecond"}) o.erase(k);
        o["nodes"] = nodes;
    } else {
        o.erase("nodes");
        o.erase("instanceType");
    }
    o["kind"] = kind;
    return o;
}

json presetFigure(const json& o, const char* key) {
    const json m = valueAt(o, "/service/model");
    std::string preset = m.is_string() ? m.get<std::string>() : (m.is_object() ? text(m, "preset", "") : "");
    const LlmModel* p = findLlmModelPreset(preset);
    if (p == nullptr) return nullptr;
    const json shape = {{"paramsBillions", p->paramsBillions}, {"layers", p->layers},
                        {"hidden", p->hidden},                 {"kvHeads", p->kvHeads},
                        {"headDim", p->headDim},               {"bytesPerWeight", p->bytesPerWeight},
                        {"bytesPerKvElement", p->bytesPerKvElement}};
    return shape.value(key, json());
}

double modelFigure(const json& o, const char* key) {
    const json m = valueAt(o, "/service/model");
    if (m.is_object() && m.contains(key) && m[key].is_number()) return m[key].get<double>();
    const json p = presetFigure(o, key);
    return p.is_number() ? p.get<double>() : 0.0;
}

void addModel(std::vector<FieldSpec>& out) {
    const QString s = QObject::tr("Model (LLM)");
    out.push_back(field(s, QObject::tr("Model"), "/service/model", FieldKind::ModelPreset, {}, nullptr, isLlm));
    const struct {
        const char* key;
        const char* label;
        const char* unit;
        FieldKind kind;
    } shape[] = {{"paramsBillions", "Parameters", "billion", FieldKind::Number},
                 {"layers", "Layers", "", FieldKind::Integer},
                 {"hidden", "Hidden size", "", FieldKind::Integer},
                 {"kvHeads", "KV heads", "", FieldKind::Integer},
                 {"headDim", "Head dimension", "", FieldKind::Integer},
                 {"bytesPerWeight", "Weight format", "bytes", FieldKind::Number},
                 {"bytesPerKvElement", "KV cache format", "bytes", FieldKind::Number}};
    for (const auto& m : shape) {
        FieldSpec f = field(s, QObject::tr(m.label), std::string("/service/model/") + m.key, m.kind,
                            QString::fromUtf8(m.unit), nullptr, isLlm);
        f.toolTip = QObject::tr("Empty: the preset's figure (shown greyed)");
        f.fallback = [key = m.key](const json& o) { return presetFigure(o, key); };
        out.push_back(std::move(f));
    }
    out.back().toolTip = QObject::tr("bf16/fp16 2, fp8/int8 1, int4 0.5");
    out[out.size() - 2].toolTip = out.back().toolTip;
    FieldSpec weights = field(s, QObject::tr("Weight bytes"), "/service/model#weights", FieldKind::Info, {}, nullptr,
                              isLlm);
    weights.fallback = [](const json& o) {
        const double gb = modelFigure(o, "paramsBillions") * modelFigure(o, "bytesPerWeight");
        return json(QObject::tr("%1 GB").arg(gb, 0, 'f', 1).toStdString());
    };
    out.push_back(std::move(weights));
    out.push_back(field(s, QObject::tr("Tensor parallel"), "/service/tp", FieldKind::Integer, QObject::tr("GPUs"), 1, isLlm));
    out.push_back(field(s, QObject::tr("Max sequences"), "/service/maxNumSeqs", FieldKind::Integer, {}, 256, isLlm));
    out.push_back(field(s, QObject::tr("Max batched tokens"), "/service/maxNumBatchedTokens", FieldKind::Integer,
                        QObject::tr("tokens"), 8192, isLlm));
    out.push_back(choice(s, QObject::tr("KV cache"), "/service/kvMode", {"paged", "reserve"}, "paged", isLlm));
    out.push_back(field(s, QObject::tr("GPU memory utilisation"), "/service/gpuMemoryUtilization", FieldKind::Number,
                        QObject::tr("fraction"), 0.9, isLlm));
    for (const char* key : {"mfu", "mbu"}) {
        FieldSpec f = field(s, QString::fromUtf8(key).toUpper(), std::string("/service/stepTime/") + key,
                            FieldKind::Number, QObject::tr("fraction"), std::string(key) == "mfu" ? 0.5 : 0.7,
                            [](const json& o) { return isLlm(o) && text(valueAt(o, "/service/stepTime"), "kind", "roofline") == "roofline"; });
        f.toolTip = QObject::tr("Batch efficiency of the roofline step time: achieved / peak FLOPS (MFU) or bandwidth (MBU)");
        f.transform = [key = std::string(key)](json o, const json& v) {
            json& st = o["service"]["stepTime"];
            if (!st.is_object()) st = {{"kind", "roofline"}};
            st[key] = v;
            return o;
        };
        out.push_back(std::move(f));
    }
}

void addProfile(std::vector<FieldSpec>& out) {
    const QString p = QObject::tr("Platform profile");
    out.push_back(field(p, QObject::tr("Name"), "/name", FieldKind::Text));
    out.push_back(choice(p, QObject::tr("Platform"), "/platform",
                         {"aws-lambda", "gcp-cloud-run", "modal", "runpod-serverless", "aws-ec2", "custom"}, "custom"));
    FieldSpec kind = choice(p, QObject::tr("Kind"), "/kind", {"function", "dedicated"}, "function");
    kind.transform = [](json o, const json& v) { return withKind(std::move(o), v); };
    out.push_back(std::move(kind));
    out.push_back(field(p, QObject::tr("Nodes"), "/nodes", FieldKind::Integer, QObject::tr("nodes"), nullptr, isDedicated));
    out.push_back(field(p, QObject::tr("Instance type"), "/instanceType", FieldKind::Catalogue, {}, nullptr, isDedicated));
    out.back().toolTip = QObject::tr("From the catalogue; choosing one also sets its vCPU, memory and GPUs");
    out.push_back(field(p, QObject::tr("Memory"), "/memoryMb", FieldKind::Number, QObject::tr("MB"), 1024));
    out.push_back(field(p, QObject::tr("vCPU"), "/vcpu", FieldKind::Number, QObject::tr("vCPU"), 1));
    const Pred gpuPlatform = [](const json& o) { return !isPlatform(o, "aws-lambda"); };
    out.push_back(field(p, QObject::tr("GPU"), "/gpu", FieldKind::Gpu, {}, nullptr, gpuPlatform));
    out.push_back(field(p, QObject::tr("GPU count"), "/gpuCount", FieldKind::Integer, QObject::tr("GPUs"), 0,
                        [](const json& o) { return o.contains("gpu") && o["gpu"].is_string(); }));
    const Pred lambda = [](const json& o) { return isPlatform(o, "aws-lambda"); };
    out.push_back(choice(p, QObject::tr("Architecture"), "/architecture", {"x86", "arm"}, "x86", lambda));
    out.push_back(field(p, QObject::tr("Ephemeral storage"), "/ephemeralStorageMb", FieldKind::Number,
                        QObject::tr("MB"), 512, lambda));
}

void addScaling(std::vector<FieldSpec>& out) {
    const QString sc = QObject::tr("Scaling");
    out.push_back(field(sc, QObject::tr("Concurrency"), "/concurrencyPerInstance", FieldKind::Integer,
                        QObject::tr("requests"), 1));
    out.back().toolTip = QObject::tr("Requests one instance (or node) serves at once");
    out.push_back(field(sc, QObject::tr("Keep-alive"), "/keepAliveSeconds", FieldKind::Number, QObject::tr("s"), 600, isFunction));
    out.push_back(field(sc, QObject::tr("Min instances"), "/minInstances", FieldKind::Integer, {}, 0, isFunction));
    out.push_back(field(sc, QObject::tr("Max instances"), "/maxInstances", FieldKind::Integer, {}, 1000, isFunction));
    out.push_back(optional(field(sc, QObject::tr("Scale-up limit"), "/scaleUpPerSecond", FieldKind::Number,
                                 QObject::tr("per s"), nullptr, isFunction)));
    out.push_back(choice(sc, QObject::tr("Placement"), "/placement", {"packing", "leastLoaded"}, nullptr));
    out.back().fallback = [](const json& o) { return json(isDedicated(o) || isLlm(o) ? "leastLoaded" : "packing"); };
    out.push_back(choice(sc, QObject::tr("Overflow"), "/overflow", {"reject", "queue"}, "reject"));
    out.push_back(field(sc, QObject::tr("Queue timeout"), "/queueTimeoutSeconds", FieldKind::Number, QObject::tr("s"), 60,
                        [](const json& o) { return text(o, "overflow", "reject") == "queue"; }));
    out.push_back(field(sc, QObject::tr("Request timeout"), "/requestTimeoutSeconds", FieldKind::Number, QObject::tr("s"), 900));
}

void addColdStartAndService(std::vector<FieldSpec>& out) {
    const QString cs = QObject::tr("Cold start");
    addDistribution(out, cs, QObject::tr("Cold start"), "/coldStart", [](const json& o) { return !hasLlmComponents(o); });
    for (const auto& [key, label] : {std::pair{"imagePullSeconds", "Image pull"}, std::pair{"runtimeInitSeconds", "Runtime init"},
                                     std::pair{"engineWarmupSeconds", "Engine warm-up"}})
        addDistribution(out, cs, QObject::tr(label), std::string("/service/coldStart/") + key, hasLlmComponents);
    out.push_back(field(cs, QObject::tr("Storage bandwidth"), "/service/coldStart/storageBandwidthGBs", FieldKind::Number,
                        QObject::tr("GB/s"), 2, hasLlmComponents));
    out.push_back(field(cs, QObject::tr("Format factor"), "/service/coldStart/formatFactor", FieldKind::Number,
                        QObject::tr("×"), 1, hasLlmComponents));
    out.back().toolTip = QObject::tr("Weight-load slowdown of the checkpoint format: safetensors 1, pickle ≈ 4.2");
    out.push_back(field(cs, QObject::tr("Upload"), "/service/coldStart/uploadGBs", FieldKind::Number,
                        QObject::tr("GB/s"), 0, hasLlmComponents));
    out.back().toolTip = QObject::tr("Host-to-device upload bandwidth; 0 = included in the weight load");

    addDistribution(out, QObject::tr("Service time"), QObject::tr("Service time"), "/service",
                    [](const json& o) { return !isLlm(o); });
}

void addBilling(std::vector<FieldSpec>& out) {
    const QString b = QObject::tr("Billing");
    out.push_back(choice(b, QObject::tr("Billing"), "/billing",
                         {"perRequestDuration", "instanceActive", "instanceLifetime", "provisioned", "nodeHours"}, nullptr));
    out.back().fallback = [](const json& o) {  // the platform's pricing-page scope (docs/scenario-format.md)
        if (isDedicated(o)) return json("nodeHours");
        if (isPlatform(o, "gcp-cloud-run")) return json("instanceActive");
        if (isPlatform(o, "modal") || isPlatform(o, "runpod-serverless")) return json("instanceLifetime");
        return json("perRequestDuration");
    };
    out.push_back(optional(field(b, QObject::tr("Granularity"), "/billingGranularitySeconds", FieldKind::Number, QObject::tr("s"))));
    out.back().fallback = [billing = out[out.size() - 2].fallback](const json& o) {
        const std::string scope = text(o, "billing", billing(o).get<std::string>().c_str());
        if (scope == "perRequestDuration") return json(0.001);
        return json(scope == "instanceActive" ? 0.1 : 1.0);
    };
    out.push_back(optional(field(b, QObject::tr("Minimum"), "/billingMinimumSeconds", FieldKind::Number, QObject::tr("s"))));
    out.back().fallback = [billing = out[out.size() - 3].fallback](const json& o) {
        return json(text(o, "billing", billing(o).get<std::string>().c_str()) == "nodeHours" ? 60 : 0);
    };
    out.push_back(field(b, QObject::tr("Discount"), "/discountPercent", FieldKind::Number, QObject::tr("%"), 0));
}

void addWorkload(std::vector<FieldSpec>& out) {
    const QString w = QObject::tr("Workload");
    auto kindIs = [](const char* kind) {
        return [kind](const json& o) { return text(valueAt(o, "/workload"), "kind", "") == kind; };
    };
    FieldSpec kind = field(w, QObject::tr("Kind"), "/workload/kind#info", FieldKind::Info);
    kind.fallback = [](const json& o) { return json(text(valueAt(o, "/workload"), "kind", "")); };
    out.push_back(std::move(kind));
    const Pred trace = kindIs("trace");
    out.push_back(field(w, QObject::tr("Trace file"), "/workload/path", FieldKind::Text, {}, nullptr, trace));
    out.push_back(choice(w, QObject::tr("Trace format"), "/workload/format",
                         {"auto", "azure-llm", "mooncake", "burstgpt", "azure-functions-2019", "azure-functions-2021", "csv"},
                         "auto", trace));
    out.push_back(field(w, QObject::tr("Rate scale"), "/workload/rateScale", FieldKind::Number, QObject::tr("×"), 1, trace));
    out.push_back(field(w, QObject::tr("Time scale"), "/workload/timeScale", FieldKind::Number, QObject::tr("×"), 1, trace));
    out.push_back(field(w, QObject::tr("Start"), "/workload/startSeconds", FieldKind::Number, QObject::tr("s"), 0, trace));
    out.push_back(optional(field(w, QObject::tr("Duration"), "/workload/durationSeconds", FieldKind::Number,
                                 QObject::tr("s"), nullptr, trace)));
    out.push_back(optional(field(w, QObject::tr("Extend to"), "/workload/extendToSeconds", FieldKind::Number,
                                 QObject::tr("s"), nullptr, trace)));
    out.push_back(field(w, QObject::tr("Duration"), "/workload/durationSeconds", FieldKind::Number, QObject::tr("s"),
                        nullptr, [](const json& o) { return text(valueAt(o, "/workload"), "kind", "") != "trace"; }));
    out.push_back(field(w, QObject::tr("Rate"), "/workload/ratePerSecond", FieldKind::Number, QObject::tr("requests/s"),
                        nullptr, kindIs("poisson")));
    const Pred diurnal = kindIs("diurnal");
    out.push_back(field(w, QObject::tr("Mean rate"), "/workload/meanRatePerSecond", FieldKind::Number,
                        QObject::tr("requests/s"), nullptr, diurnal));
    out.push_back(field(w, QObject::tr("Peak / trough"), "/workload/peakToTroughRatio", FieldKind::Number, QObject::tr("×"),
                        nullptr, diurnal));
    out.push_back(field(w, QObject::tr("Period"), "/workload/periodSeconds", FieldKind::Number, QObject::tr("s"), nullptr, diurnal));
    out.push_back(field(w, QObject::tr("Phase"), "/workload/phaseSeconds", FieldKind::Number, QObject::tr("s"), 0, diurnal));
    const Pred mmpp = kindIs("mmpp");
    out.push_back(field(w, QObject::tr("Calm rate"), "/workload/calmRatePerSecond", FieldKind::Number, QObject::tr("requests/s"), nullptr, mmpp));
    out.push_back(field(w, QObject::tr("Burst rate"), "/workload/burstRatePerSecond", FieldKind::Number, QObject::tr("requests/s"), nullptr, mmpp));
    out.push_back(field(w, QObject::tr("Calm mean"), "/workload/calmMeanSeconds", FieldKind::Number, QObject::tr("s"), nullptr, mmpp));
    out.push_back(field(w, QObject::tr("Burst mean"), "/workload/burstMeanSeconds", FieldKind::Number, QObject::tr("s"), nullptr, mmpp));
    const Pred onoff = kindIs("onoff");
    out.push_back(field(w, QObject::tr("Requests per batch"), "/workload/requestsPerBatch", FieldKind::Integer, {}, nullptr, onoff));
    out.push_back(field(w, QObject::tr("Batch period"), "/workload/batchPeriodSeconds", FieldKind::Number, QObject::tr("s"), nullptr, onoff));
    out.push_back(field(w, QObject::tr("Batch spread"), "/workload/batchSpreadSeconds", FieldKind::Number, QObject::tr("s"), nullptr, onoff));
}

void addSlosCacheAndPricing(std::vector<FieldSpec>& out) {
    const QString slo = QObject::tr("SLOs (empty: none)");
    for (const auto& [key, label, unit] :
         {std::tuple{"p99Seconds", "p99 latency", "s"}, std::tuple{"ttftP99Seconds", "TTFT p99", "s"},
          std::tuple{"tpotP99Seconds", "TPOT p99", "s"}, std::tuple{"minGoodput", "Min goodput", "fraction"},
          std::tuple{"maxColdStartFraction", "Max cold fraction", "fraction"},
          std::tuple{"maxRejectFraction", "Max reject fraction", "fraction"}})
        out.push_back(optional(field(slo, QObject::tr(label), std::string("/slos/") + key, FieldKind::Number, QObject::tr(unit))));

    const QString cache = QObject::tr("Cache");
    const Pred hasCache = [](const json& o) { return o.contains("cache"); };
    out.push_back(optional(field(cache, QObject::tr("Hit ratio"), "/cache/hitRatio", FieldKind::Number, QObject::tr("fraction"), nullptr, hasCache)));
    out.push_back(optional(field(cache, QObject::tr("TTL"), "/cache/ttlSeconds", FieldKind::Number, QObject::tr("s"), nullptr, hasCache)));
    out.push_back(field(cache, QObject::tr("Hit latency"), "/cache/cacheLatencySeconds", FieldKind::Number, QObject::tr("s"), 0, hasCache));
    out.push_back(field(cache, QObject::tr("Cache cost"), "/cache/usdPerHour", FieldKind::Number, QObject::tr("$/h"), 0, hasCache));

    out.push_back(field(QObject::tr("Pricing"), QObject::tr("Price factor"), "/pricing/factor", FieldKind::Number,
                        QObject::tr("×"), 1));
}

}  // namespace

std::vector<FieldSpec> deploymentFields() {
    std::vector<FieldSpec> out;
    addProfile(out);
    addScaling(out);
    addColdStartAndService(out);
    addModel(out);
    addBilling(out);
    return out;
}

std::vector<FieldSpec> compositeFields() {
    std::vector<FieldSpec> out;
    const QString s = QObject::tr("Router");
    out.push_back(field(s, QObject::tr("Name"), "/name", FieldKind::Text));
    FieldSpec kind = field(s, QObject::tr("Kind"), "/kind#info", FieldKind::Info);
    kind.fallback = [](const json& o) { return json(text(o, "kind", "")); };
    out.push_back(std::move(kind));
    out.push_back(field(s, QObject::tr("Burst threshold"), "/thresholdUtilization", FieldKind::Number,
                        QObject::tr("fraction"), 0.8, [](const json& o) { return text(o, "kind", "") == "hybrid"; }));
    for (int r = 0; r < 16; ++r) {  // a split's routes (at most 16): weight or input-token bound
        for (const auto& [key, label, unit] : {std::tuple{"weight", "Route %1 weight", ""},
                                               std::tuple{"minInputTokens", "Route %1 from", "input tokens"}}) {
            const std::string pointer = "/routes/" + std::to_string(r) + "/" + key;
            out.push_back(field(s, QObject::tr(label).arg(r + 1), pointer, key == std::string("weight") ? FieldKind::Number
                                                                                                     : FieldKind::Integer,
                                QObject::tr(unit), nullptr,
                                [pointer](const json& o) { return !valueAt(o, pointer).is_null(); }));
        }
    }
    return out;
}

std::vector<FieldSpec> scenarioFields() {
    std::vector<FieldSpec> out;
    const QString s = QObject::tr("Scenario");
    out.push_back(field(s, QObject::tr("Name"), "/name", FieldKind::Text));
    out.push_back(field(s, QObject::tr("Seed"), "/seed", FieldKind::Integer, {}, 42));

    addWorkload(out);
    addSlosCacheAndPricing(out);
    return out;
}

}  // namespace breakeven::views::editors
