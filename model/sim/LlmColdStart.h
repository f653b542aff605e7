#pragma once
// Cold start of an LLM instance in components (DESIGN.md "Instance pool",
// docs/llm.md): image pull + runtime init + weight load + host->device upload
// + engine warm-up, so results can say which part dominates and what-ifs can
// change one part (a faster volume, safetensors instead of pickle).
#include "model/core/Rng.h"
#include "model/domain/LlmService.h"

namespace breakeven {

// Measured on one H200 (PyTorch 2.11, CUDA 13), ../shared/data/profiles/README.md
// and resources/profiles/README.md: 13.48 GB of weights uploaded at 55.2 GB/s
// from pinned host memory, 3.84 GB/s from pageable memory.
inline constexpr double kPinnedUploadGBs = 55.2;
inline constexpr double kPageableUploadGBs = 3.84;
// Checkpoint format factors on load time (same measurement, warm page cache):
// safetensors 0.36 s vs plain torch.load (pickle) 1.52 s for 2.15 GB, so
// pickle ~4.2x. Cold storage reads add their own bandwidth on top.
inline constexpr double kSafetensorsFormatFactor = 1.0;
inline constexpr double kPickleFormatFactor = 4.2;

enum class LlmColdStartPart { ImagePull, RuntimeInit, WeightLoad, Upload, EngineWarmup };
inline constexpr int kLlmColdStartParts = 5;

// Seconds of each component; totalSeconds() is the cold start.
struct LlmColdStartTimes {
    double imagePullSeconds = 0.0;
    double runtimeInitSeconds = 0.0;
    double weightLoadSeconds = 0.0;
    double uploadSeconds = 0.0;
    double engineWarmupSeconds = 0.0;

    [[nodiscard]] double totalSeconds() const {
        return imagePullSeconds + runtimeInitSeconds + weightLoadSeconds + uploadSeconds +
               engineWarmupSeconds;
    }
    [[nodiscard]] double seconds(LlmColdStartPart part) const;
};

// "imagePull", "runtimeInit", "weightLoad", "upload", "engineWarmup".
const char* toString(LlmColdStartPart part);

// weightBytes / (storageBandwidthGBs * 1e9) * formatFactor: the whole
// checkpoint is read once from storage whatever tp is.
double weightLoadSeconds(const LlmModel& model, const LlmColdStart& c);
// weightBytes / (uploadGBs * 1e9), 0 when uploadGBs is 0 (the load figure
// already includes it). Also the whole model: conservative for tp > 1, where
// each GPU's share could move over its own PCIe link.
double uploadSeconds(const LlmModel& model, const LlmColdStart& c);

// One cold start; draws image pull, runtime init and engine warm-up from rng
// in that order (the load and upload are deterministic). A service without
// components (no `coldStart`) uses LlmColdStart's defaults.
LlmColdStartTimes sampleLlmColdStart(const LlmServiceSpec& service, Rng& rng);
// The components' expected values (distribution means).
LlmColdStartTimes expectedLlmColdStart(const LlmServiceSpec& service);
// The component with the largest expected value (the first of equals, in
// the enum's order).
LlmColdStartPart dominantColdStartPart(const LlmServiceSpec& service);
LlmColdStartPart dominantPart(const LlmColdStartTimes& times);

}  // namespace breakeven
