#include "model/sim/LlmColdStart.h"

namespace breakeven {

namespace {
LlmColdStart componentsOf(const LlmServiceSpec& service) {
    return service.coldStart.value_or(LlmColdStart{});
}
}  // namespace

double LlmColdStartTimes::seconds(LlmColdStartPart part) const {
    switch (part) {
    case LlmColdStartPart::ImagePull: return imagePullSeconds;
    case LlmColdStartPart::RuntimeInit: return runtimeInitSeconds;
    case LlmColdStartPart::WeightLoad: return weightLoadSeconds;
    case LlmColdStartPart::Upload: return uploadSeconds;
    case LlmColdStartPart::EngineWarmup: return engineWarmupSeconds;
    }
    return 0.0;
}

const char* toString(LlmColdStartPart part) {
    switch (part) {
    case LlmColdStartPart::ImagePull: return "imagePull";
    case LlmColdStartPart::RuntimeInit: return "runtimeInit";
    case LlmColdStartPart::WeightLoad: return "weightLoad";
    case LlmColdStartPart::Upload: return "upload";
    case LlmColdStartPart::EngineWarmup: return "engineWarmup";
    }
    return "unknown";
}

double weightLoadSeconds(const LlmModel& model, const LlmColdStart& c) {
    if (c.storageBandwidthGBs <= 0.0) return 0.0;  // rejected by the scenario reader
    return model.weightBytes() / (c.storageBandwidthGBs * 1e9) * c.formatFactor;
}

double uploadSeconds(const LlmModel& model, const LlmColdStart& c) {
    if (c.uploadGBs <= 0.0) return 0.0;
    return model.weightBytes() / (c.uploadGBs * 1e9);
}

LlmColdStartTimes sampleLlmColdStart(const LlmServiceSpec& service, Rng& rng) {
    const LlmColdStart c = componentsOf(service);
    LlmColdStartTimes t;
    t.imagePullSeconds = c.imagePullSeconds.sample(rng);
    t.runtimeInitSeconds = c.runtimeInitSeconds.sample(rng);
    t.weightLoadSeconds = weightLoadSeconds(service.model, c);
    t.uploadSeconds = uploadSeconds(service.model, c);
    t.engineWarmupSeconds = c.engineWarmupSeconds.sample(rng);
    return t;
}

LlmColdStartTimes expectedLlmColdStart(const LlmServiceSpec& service) {
    const LlmColdStart c = componentsOf(service);
    LlmColdStartTimes t;
    t.imagePullSeconds = c.imagePullSeconds.mean();
    t.runtimeInitSeconds = c.runtimeInitSeconds.mean();
    t.weightLoadSeconds = weightLoadSeconds(service.model, c);
    t.uploadSeconds = uploadSeconds(service.model, c);
    t.engineWarmupSeconds = c.engineWarmupSeconds.mean();
    return t;
}

LlmColdStartPart dominantPart(const LlmColdStartTimes& times) {
    auto best = LlmColdStartPart::ImagePull;
    for (int i = 1; i < kLlmColdStartParts; ++i) {
        const auto part = static_cast<LlmColdStartPart>(i);
        if (times.seconds(part) > times.seconds(best)) best = part;
    }
    return best;
}

LlmColdStartPart dominantColdStartPart(const LlmServiceSpec& service) {
    return dominantPart(expectedLlmColdStart(service));
}

}  // namespace breakeven
