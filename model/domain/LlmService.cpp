#include "model/domain/LlmService.h"

#include <array>

namespace breakeven {

namespace {
// Shapes from the models' config.json files on Hugging Face (parameter
// counts as the model cards state them).
constexpr LlmModel shape(double params, int layers, int hidden, int kvHeads, int headDim) {
    LlmModel m;
    m.paramsBillions = params;
    m.layers = layers;
    m.hidden = hidden;
    m.kvHeads = kvHeads;
    m.headDim = headDim;
    return m;
}

const std::array<LlmModelPreset, 7> kPresets{{
    {"llama-2-7b", shape(6.738, 32, 4096, 32, 128)},
    {"llama-2-13b", shape(13.016, 40, 5120, 40, 128)},
    {"llama-3.1-8b", shape(8.030, 32, 4096, 8, 128)},
    {"llama-3.1-70b", shape(70.554, 80, 8192, 8, 128)},
    {"mistral-7b", shape(7.242, 32, 4096, 8, 128)},
    {"qwen2.5-7b", shape(7.616, 28, 3584, 4, 128)},
    {"qwen2.5-32b", shape(32.764, 64, 5120, 8, 128)},
}};
}  // namespace

std::span<const LlmModelPreset> llmModelPresets() { return kPresets; }

const LlmModel* findLlmModelPreset(std::string_view name) {
    for (const auto& p : kPresets)
        if (name == p.name) return &p.model;
    return nullptr;
}

}  // namespace breakeven
