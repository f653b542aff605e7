#include "model/io/ScenarioJsonLlm.h"

#include <array>
#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "model/io/StepProfile.h"

namespace breakeven::scenario_json {

namespace {

constexpr std::array<std::string_view, 16> kServiceKeys{
    "kind",        "model",          "tp",          "stepTime",     "maxNumSeqs",
    "maxNumBatchedTokens", "chunkedPrefill", "kvMode", "gpuMemoryUtilization", "kvReserveGb",
    "blockTokens", "watermarkFraction", "slo",      "gpuSpec",      "coldStart",
    "oracle"};
constexpr std::array<std::string_view, 8> kModelKeys{
    "preset", "paramsBillions", "layers", "hidden", "kvHeads", "headDim", "bytesPerWeight",
    "bytesPerKvElement"};
constexpr std::array<std::string_view, 5> kRooflineKeys{"kind", "mfu", "mbu", "tau0Seconds",
                                                        "tauRequestSeconds"};
constexpr std::array<std::string_view, 2> kProfileKeys{"kind", "path"};
constexpr std::array<std::string_view, 7> kCoefficientKeys{
    "kind", "a0Seconds", "perPrefillTokenSeconds", "perPrefillTokenSquaredSeconds",
    "perContextTokenSeconds", "perDecodeSeqSeconds", "perChunkSeconds"};
constexpr std::array<std::string_view, 3> kGpuKeys{"memoryGb", "memoryBandwidthGBs", "denseTflops"};
constexpr std::array<std::string_view, 2> kSloKeys{"ttftSeconds", "tpotSeconds"};
constexpr std::array<std::string_view, 6> kColdStartKeys{
    "imagePullSeconds", "runtimeInitSeconds", "storageBandwidthGBs", "formatFactor", "uploadGBs",
    "engineWarmupSeconds"};
constexpr Range kFraction{0.0, true, 1.0};
constexpr Range kFiniteAny{-kInfinity, false, kInfinity};

std::string presetNames() {
    std::string names;
    for (const auto& p : llmModelPresets()) names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", p.name);
    return names;
}

const LlmModel& presetOrFail(const std::string& name, const std::string& path, std::string_view source) {
    const LlmModel* preset = findLlmModelPreset(name);
    if (preset == nullptr)
        fail(source, path, fmt::format("unknown model preset \"{}\" (known: {})", name, presetNames()));
    return *preset;
}

// A preset name, or an object: a preset's fields overridden, or every field given.
LlmModel readModel(const ObjectReader& service) {
    const json& value = service.require("model");
    const std::string path = service.pathOf("model");
    if (value.is_string()) return presetOrFail(value.get<std::string>(), path, service.source());
    const ObjectReader r(value, path, service.source());
    r.checkKeys(kModelKeys);
    LlmModel m;
    const bool preset = r.find("preset") != nullptr;
    if (preset) m = presetOrFail(r.string("preset"), r.pathOf("preset"), r.source());
    auto count = [&](std::string_view key, int current) {
        return preset ? r.integer(key, 1, current) : r.integer(key, 1);
    };
    m.paramsBillions = preset ? r.number("paramsBillions", kPositive, m.paramsBillions)
                              : r.number("paramsBillions", kPositive);
    m.layers = count("layers", m.layers);
    m.hidden = count("hidden", m.hidden);
    m.kvHeads = count("kvHeads", m.kvHeads);
    m.headDim = r.integer("headDim", 1, m.headDim);
    m.bytesPerWeight = r.number("bytesPerWeight", Range{0.0, true, 8.0}, m.bytesPerWeight);
    m.bytesPerKvElement = r.number("bytesPerKvElement", Range{0.0, true, 8.0}, m.bytesPerKvElement);
    return m;
}

std::string resolve(const std::string& path, std::string_view source) {
    namespace fs = std::filesystem;
    if (path.starts_with("builtin:") || fs::path(path).is_absolute() || source == "<stdin>") return path;
    return (fs::path(std::string(source)).parent_path() / path).lexically_normal().string();
}

StepTimeSpec readStepTime(const ObjectReader& service) {
    StepTimeSpec st;
    const json* value = service.find("stepTime");
    if (value == nullptr) return st;  // roofline with its defaults
    const ObjectReader r(*value, service.pathOf("stepTime"), service.source());
    constexpr std::array<Choice<StepTimeKind>, 3> kKinds{{{"roofline", StepTimeKind::Roofline},
                                                          {"profile", StepTimeKind::Profile},
                                                          {"coefficients", StepTimeKind::Coefficients}}};
    st.kind = *readChoice(r, "kind", kKinds, true);
    if (st.kind == StepTimeKind::Roofline) {
        r.checkKeys(kRooflineKeys);
        RooflineParams& p = st.roofline;
        p.mfu = r.number("mfu", kFraction, p.mfu);
        p.mbu = r.number("mbu", kFraction, p.mbu);
        p.tau0Seconds = r.number("tau0Seconds", kNonNegativeSeconds, p.tau0Seconds);
        p.tauRequestSeconds = r.number("tauRequestSeconds", kNonNegativeSeconds, p.tauRequestSeconds);
    } else if (st.kind == StepTimeKind::Profile) {
        r.checkKeys(kProfileKeys);
        st.profilePath = r.string("path");
        st.resolvedProfilePath = resolve(st.profilePath, r.source());
        // Fitted once here: a bad profile is an input error of this scenario.
        try {
            const ProfileFit fit = loadProfile(st.resolvedProfilePath);
            st.coefficients = fit.coefficients;
            st.profileMape = fit.error.mape;
        } catch (const StepProfileError& e) {
            r.fail("path", e.what());
        }
    } else {
        r.checkKeys(kCoefficientKeys);
        StepCoefficients& c = st.coefficients;
        c.a0Seconds = r.number("a0Seconds", kPositiveSeconds);
        c.perPrefillTokenSeconds = r.number("perPrefillTokenSeconds", kFiniteAny, 0.0);
        c.perPrefillTokenSquaredSeconds = r.number("perPrefillTokenSquaredSeconds", kFiniteAny, 0.0);
        c.perContextTokenSeconds = r.number("perContextTokenSeconds", kFiniteAny, 0.0);
        c.perDecodeSeqSeconds = r.number("perDecodeSeqSeconds", kFiniteAny, 0.0);
        c.perChunkSeconds = r.number("perChunkSeconds", kFiniteAny, 0.0);
    }
    return st;
}

void readGpu(const ObjectReader& service, const DeploymentSpec& d, LlmServiceSpec& s) {
    s.gpu.id = d.gpu.value_or("custom");
    if (const json* value = service.find("gpuSpec")) {
        const ObjectReader r(*value, service.pathOf("gpuSpec"), service.source());
        r.checkKeys(kGpuKeys);
        s.gpu.memoryGb = r.number("memoryGb", kPositive);
        s.gpu.memoryBandwidthGBs = r.number("memoryBandwidthGBs", kPositive);
        s.gpu.denseTflops = r.number("denseTflops", kPositive);
        s.gpuSpecGiven = true;
    } else if (!d.gpu) {
        service.fail("kind", "an LLM service needs a GPU: set the deployment's gpu (a catalogue GPU id) "
                             "or service.gpuSpec");
    }
    const int tp = service.integer("tp", 1, 1);
    if (tp != 1 && tp != 2 && tp != 4 && tp != 8) service.fail("tp", "must be 1, 2, 4 or 8");
    if (d.gpu && tp > d.gpuCount)
        service.fail("tp", fmt::format("must be ≤ the deployment's gpuCount ({})", d.gpuCount));
    s.tp = tp;
}

std::optional<LlmColdStart> readColdStart(const ObjectReader& service) {
    const json* value = service.find("coldStart");
    if (value == nullptr || value->is_null()) return std::nullopt;
    const ObjectReader r(*value, service.pathOf("coldStart"), service.source());
    r.checkKeys(kColdStartKeys);
    LlmColdStart c;
    auto distribution = [&](std::string_view key, Distribution fallback) {
        const json* v = r.find(key);
        return v == nullptr ? fallback : readDistribution(*v, r.pathOf(key), r.source(), Quantity::Seconds);
    };
    c.imagePullSeconds = distribution("imagePullSeconds", c.imagePullSeconds);
    c.runtimeInitSeconds = distribution("runtimeInitSeconds", c.runtimeInitSeconds);
    c.storageBandwidthGBs = r.number("storageBandwidthGBs", kPositive, c.storageBandwidthGBs);
    c.formatFactor = r.number("formatFactor", kPositive, c.formatFactor);
    c.uploadGBs = r.number("uploadGBs", kNonNegative, c.uploadGBs);
    c.engineWarmupSeconds = distribution("engineWarmupSeconds", c.engineWarmupSeconds);
    return c;
}

void readLimits(const ObjectReader& r, LlmServiceSpec& s) {
    s.maxNumSeqs = r.integer("maxNumSeqs", 1, s.maxNumSeqs);
    if (s.maxNumSeqs > DeploymentSpec::kMaxConcurrency)
        r.fail("maxNumSeqs", fmt::format("must be ≤ {}", DeploymentSpec::kMaxConcurrency));
    s.maxNumBatchedTokens = r.integer("maxNumBatchedTokens", 1, s.maxNumBatchedTokens);
    s.chunkedPrefill = r.boolean("chunkedPrefill", s.chunkedPrefill);
    constexpr std::array<Choice<KvMode>, 2> kModes{{{"paged", KvMode::Paged}, {"reserve", KvMode::Reserve}}};
    s.kvMode = readChoice(r, "kvMode", kModes, false).value_or(s.kvMode);
    s.gpuMemoryUtilization = r.number("gpuMemoryUtilization", kFraction, s.gpuMemoryUtilization);
    s.kvReserveGb = r.number("kvReserveGb", kNonNegative, s.kvReserveGb);
    s.blockTokens = r.integer("blockTokens", 1, s.blockTokens);
    if (s.blockTokens > 1024) r.fail("blockTokens", "must be ≤ 1024");
    s.watermarkFraction = r.number("watermarkFraction", Range{0.0, false, 0.5}, s.watermarkFraction);
    if (const json* value = r.find("slo")) {
        const ObjectReader slo(*value, r.pathOf("slo"), r.source());
        slo.checkKeys(kSloKeys);
        s.ttftSloSeconds = slo.number("ttftSeconds", kPositiveSeconds, s.ttftSloSeconds);
        s.tpotSloSeconds = slo.number("tpotSeconds", kPositiveSeconds, s.tpotSloSeconds);
    }
    s.oracle = r.boolean("oracle", false);
}

json modelToJson(const LlmModel& m) {
    return {{"paramsBillions", m.paramsBillions}, {"layers", m.layers}, {"hidden", m.hidden},
            {"kvHeads", m.kvHeads}, {"headDim", m.headDim}, {"bytesPerWeight", m.bytesPerWeight},
            {"bytesPerKvElement", m.bytesPerKvElement}};
}

json stepTimeToJson(const StepTimeSpec& st) {
    switch (st.kind) {
    case StepTimeKind::Roofline:
        return {{"kind", "roofline"}, {"mfu", st.roofline.mfu}, {"mbu", st.roofline.mbu},
                {"tau0Seconds", st.roofline.tau0Seconds}, {"tauRequestSeconds", st.roofline.tauRequestSeconds}};
    case StepTimeKind::Profile:
        return {{"kind", "profile"}, {"path", st.profilePath}};
    case StepTimeKind::Coefficients:
        break;
    }
    const StepCoefficients& c = st.coefficients;
    return {{"kind", "coefficients"}, {"a0Seconds", c.a0Seconds},
            {"perPrefillTokenSeconds", c.perPrefillTokenSeconds},
            {"perPrefillTokenSquaredSeconds", c.perPrefillTokenSquaredSeconds},
            {"perContextTokenSeconds", c.perContextTokenSeconds},
            {"perDecodeSeqSeconds", c.perDecodeSeqSeconds}, {"perChunkSeconds", c.perChunkSeconds}};
}

}  // namespace

bool isLlmService(const json& service) {
    if (!service.is_object()) return false;
    const auto kind = service.find("kind");
    return kind != service.end() && kind->is_string() && kind->get<std::string>() == "llm";
}

LlmServiceSpec readLlmService(const json& value, const std::string& path, std::string_view source,
                              const DeploymentSpec& deployment) {
    const ObjectReader r(value, path, source);
    r.checkKeys(kServiceKeys);
    LlmServiceSpec s;
    s.model = readModel(r);
    readGpu(r, deployment, s);
    s.stepTime = readStepTime(r);
    readLimits(r, s);
    s.coldStart = readColdStart(r);
    return s;
}

json llmServiceToJson(const LlmServiceSpec& s) {
    json j = {{"kind", "llm"}, {"model", modelToJson(s.model)}, {"tp", s.tp},
              {"stepTime", stepTimeToJson(s.stepTime)}, {"maxNumSeqs", s.maxNumSeqs},
              {"maxNumBatchedTokens", s.maxNumBatchedTokens}, {"chunkedPrefill", s.chunkedPrefill},
              {"kvMode", s.kvMode == KvMode::Paged ? "paged" : "reserve"},
              {"gpuMemoryUtilization", s.gpuMemoryUtilization}, {"kvReserveGb", s.kvReserveGb},
              {"blockTokens", s.blockTokens}, {"watermarkFraction", s.watermarkFraction},
              {"slo", {{"ttftSeconds", s.ttftSloSeconds}, {"tpotSeconds", s.tpotSloSeconds}}},
              {"oracle", s.oracle}};
    if (s.gpuSpecGiven)
        j["gpuSpec"] = {{"memoryGb", s.gpu.memoryGb}, {"memoryBandwidthGBs", s.gpu.memoryBandwidthGBs},
                        {"denseTflops", s.gpu.denseTflops}};
    if (s.coldStart) {
        const LlmColdStart& c = *s.coldStart;
        j["coldStart"] = {{"imagePullSeconds", distributionToJson(c.imagePullSeconds, Quantity::Seconds)},
                          {"runtimeInitSeconds", distributionToJson(c.runtimeInitSeconds, Quantity::Seconds)},
                          {"storageBandwidthGBs", c.storageBandwidthGBs}, {"formatFactor", c.formatFactor},
                          {"uploadGBs", c.uploadGBs},
                          {"engineWarmupSeconds", distributionToJson(c.engineWarmupSeconds, Quantity::Seconds)}};
    }
    return j;
}

}  // namespace breakeven::scenario_json
