#pragma once
// An LLM served by a continuous-batching engine (vLLM-like) on each instance
// of a deployment. Plain value types; the engine is model/sim/LlmEngine.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/core/Distribution.h"

namespace breakeven {

// The transformer's shape: enough to size weights and the KV cache and to
// count FLOPs. Attention's query width is `hidden` (heads x headDim).
struct LlmModel {
    double paramsBillions = 0.0;  // active parameters (MoE: the routed ones)
    int layers = 0;
    int hidden = 0;
    int kvHeads = 0;  // grouped-query attention: fewer KV heads than query heads
    int headDim = 128;
    double bytesPerWeight = 2.0;     // bf16 2, fp8/int8 1, int4 0.5
    double bytesPerKvElement = 2.0;

    [[nodiscard]] double weightBytes() const { return paramsBillions * 1e9 * bytesPerWeight; }
    // K and V, every layer, every KV head.
    [[nodiscard]] double kvBytesPerToken() const {
        return 2.0 * layers * kvHeads * headDim * bytesPerKvElement;
    }
};

// One GPU's datasheet figures (the catalogue's `gpus`; resolved by the caller,
// model/ never reads the catalogue).
struct GpuSpec {
    std::string id;
    double memoryGb = 0.0;
    double memoryBandwidthGBs = 0.0;
    double denseTflops = 0.0;  // fp16/bf16 dense tensor throughput
};

enum class StepTimeKind { Roofline, Profile, Coefficients };
enum class KvMode { Paged, Reserve };

// Roofline knobs. Defaults fit the measured H200 profile's decode steps within
// ~15 % (../shared/data/profiles/README.md).
struct RooflineParams {
    double mfu = 0.5;
    double mbu = 0.7;
    double tau0Seconds = 0.0002;        // fixed cost of one engine iteration
    double tauRequestSeconds = 0.000005;  // per sequence (decode or prefill chunk) in it
};

// T = a0 + bP*P + cP*P^2 + bC*sumC + bD*D + bChunk*chunks (seconds), P prefill
// tokens, sumC total decode context, D decoding sequences.
struct StepCoefficients {
    double a0Seconds = 0.0;
    double perPrefillTokenSeconds = 0.0;
    double perPrefillTokenSquaredSeconds = 0.0;
    double perContextTokenSeconds = 0.0;
    double perDecodeSeqSeconds = 0.0;
    double perChunkSeconds = 0.0;
};

struct StepTimeSpec {
    StepTimeKind kind = StepTimeKind::Roofline;
    RooflineParams roofline;
    StepCoefficients coefficients;  // Coefficients, or fitted from the Profile
    std::string profilePath;        // Profile: as written ("builtin:h200-llama7b-shape" or a CSV)
    std::string resolvedProfilePath;
    double profileMape = 0.0;       // Profile: the fit's mean absolute percentage error
};

// Cold start of an LLM instance in components (seconds each, except the
// weight load which follows from the model size). Which one dominates is
// reported with the results.
struct LlmColdStart {
    Distribution imagePullSeconds = Distribution::fixed(0.0);
    Distribution runtimeInitSeconds = Distribution::fixed(0.0);
    double storageBandwidthGBs = 2.0;  // checkpoint read (network volume, S3, local NVMe)
    double formatFactor = 1.0;         // safetensors 1.0, pickle ~4 (measured, data/profiles)
    double uploadGBs = 0.0;            // host->device; 0 = included in the load
    Distribution engineWarmupSeconds = Distribution::fixed(0.0);
};

struct LlmServiceSpec {
    LlmModel model;
    GpuSpec gpu;  // the deployment's `gpu`, resolved from the catalogue
    bool gpuSpecGiven = false;  // the scenario gave the GPU's figures itself
    int tp = 1;   // tensor-parallel degree, <= the deployment's gpuCount
    StepTimeSpec stepTime;
    int maxNumSeqs = 256;
    int maxNumBatchedTokens = 8192;
    bool chunkedPrefill = true;
    KvMode kvMode = KvMode::Paged;
    double gpuMemoryUtilization = 0.9;
    double kvReserveGb = 1.0;     // activations, CUDA graphs, fragmentation
    int blockTokens = 16;         // paged KV block size
    double watermarkFraction = 0.01;  // free blocks kept at admission (vLLM)
    // Per-request SLOs for goodput.
    double ttftSloSeconds = 2.0;
    double tpotSloSeconds = 0.1;
    std::optional<LlmColdStart> coldStart;  // none: the deployment's coldStart distribution
    bool oracle = false;  // step-by-step mode, for tests

    // KV capacity of one instance in tokens (tp GPUs).
    [[nodiscard]] double kvCapacityBytes() const {
        return gpu.memoryGb * 1e9 * tp * gpuMemoryUtilization - model.weightBytes() - kvReserveGb * 1e9 * tp;
    }
};

}  // namespace breakeven

namespace breakeven {

// Published shapes of common open models (bf16), by name: "llama-2-7b", ...
struct LlmModelPreset {
    const char* name;
    LlmModel model;
};
std::span<const LlmModelPreset> llmModelPresets();
const LlmModel* findLlmModelPreset(std::string_view name);

}  // namespace breakeven
