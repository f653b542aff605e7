#pragma once
// breakeven-cli estimate: one LLM on one catalogue GPU without a trace —
// prefill and decode step times from the roofline of model/sim/StepTime,
// decode throughput, weight-load time and whether it fits (docs/llm.md).
#include <iosfwd>
#include <string>
#include <vector>

#include "model/domain/LlmService.h"
#include "pricing/PriceSet.h"

namespace breakeven::cli {

// `breakeven-cli estimate --params N --bytes-per-weight B --gpu ID ...
// [--catalog PATH] [--as-of DATE] [--json]`; returns the exit code (0 ok,
// 2 bad flags or values, unknown GPU included).
int runEstimate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The same with the caller's GPUs (PriceSet::gpus) instead of the catalogue.
int runEstimate(const std::vector<std::string>& args, const pricing::PriceSet& prices,
                std::ostream& out, std::ostream& err);

struct EstimateRequest {
    LlmServiceSpec service;  // model, GPU, tp and roofline parameters
    LlmColdStart coldStart;  // storage bandwidth and format factor of the weight load
    double promptTokens = 2048.0;
    int batch = 1;
    double context = 512.0;  // each decoding sequence's
    double maxContext = 2048.0;
    bool shapeDerived = false;
    std::vector<std::string> assumptions;
    bool json = false;
};

struct Estimate {
    double prefillSeconds = 0.0;     // one step: a fresh prompt of promptTokens, batch 1
    double decodeStepSeconds = 0.0;  // one step: `batch` sequences at `context` each
    double tokensPerSecond = 0.0;    // batch / decodeStepSeconds
    double weightLoadSeconds = 0.0;
    double memoryNeededBytes = 0.0;  // weights + one maxContext sequence's KV
    double memoryUsableBytes = 0.0;  // GPU memory x 0.9 x tp
    bool fitsGpuMemory = false;
    double kvCapacityTokens = 0.0;
};

// Throws UsageError naming the flag; `prices.gpus` decides which GPUs exist.
EstimateRequest parseEstimateRequest(const std::vector<std::string>& args,
                                     const pricing::PriceSet& prices);
Estimate estimate(const EstimateRequest& request);

}  // namespace breakeven::cli
