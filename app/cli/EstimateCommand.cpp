#include "app/cli/EstimateCommand.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cmath>
#include <optional>
#include <ostream>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "app/cli/Args.h"
#include "app/core/CatalogueAccess.h"
#include "model/sim/LlmColdStart.h"
#include "model/sim/StepTime.h"
#include "pricing/GpuResolve.h"

namespace breakeven::cli {

using appcore::openCatalogue;

namespace {

constexpr const char* kUsage = R"(usage: breakeven-cli estimate --params N --bytes-per-weight B --gpu ID [flags] [--json]

Roofline estimate of one LLM on one catalogue GPU (docs/llm.md): the time of
one prefill step and one decode step, decode throughput, weight-load time,
whether weights plus one long sequence fit, and the KV-cache capacity.

  --params N             parameter count (active ones for MoE), e.g. 6738411520 or 6.74e9
  --bytes-per-weight B   2 bf16/fp16, 1 fp8/int8, 0.5 int4
  --gpu ID               a GPU of the catalogue (e.g. H200, L4)
  --layers L --hidden H --kv-heads K --head-dim D
                         the model's shape (head dim default 128); missing ones
                         are derived Llama-style: params = 12 x layers x hidden^2,
                         layers = hidden / 128, kv heads = hidden / head dim
                         (no grouped-query attention: pass --kv-heads for GQA)
  --tp T                 tensor-parallel GPUs: 1, 2, 4 or 8 (default 1)
  --prompt-tokens P      prefill of one fresh prompt of P tokens (default 2048)
  --batch K --context C  decode step of K sequences with C cached tokens each
                         (defaults 1 and 512)
  --max-context M        the sequence that must fit beside the weights
                         (default the larger of P and C)
  --mfu --mbu            roofline utilisation of compute and bandwidth
                         (defaults 0.5 and 0.7)
  --tau0 S --tau-request S
                         fixed seconds per step and per sequence in it
                         (defaults 0.0002 and 0.000005)
  --storage-gbs S        checkpoint read bandwidth, GB/s (default 2)
  --format-factor F      load-time factor: safetensors 1 (default), pickle ~4.2
  --catalog PATH         price catalogue holding the GPUs (default $BREAKEVEN_CATALOG,
                         else the user's data directory; created on first use)
  --as-of DATE           catalogue rows effective on DATE (YYYY-MM-DD)
  --json                 machine-readable output
Exit codes: 0 success, 2 bad flags or values (an unknown GPU included).
)";

const std::set<std::string> kFlags{"json", "help"};
// clang-format off
const std::set<std::string> kValues{
    "params", "bytes-per-weight", "gpu", "layers", "hidden", "kv-heads", "head-dim", "tp",
    "prompt-tokens", "batch", "context", "max-context", "mfu", "mbu", "tau0", "tau-request",
    "storage-gbs", "format-factor", "catalog", "as-of"};
// clang-format on

// A finite number in [min, max] (above min when `aboveMin`), or nullopt when absent.
std::optional<double> number(const Args& a, const std::string& name, double min, bool aboveMin,
                             double max = 1e300) {
    const auto text = a.value(name);
    if (!text) return std::nullopt;
    double v = 0.0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, v);
    if (text->empty() || ec != std::errc() || ptr != end || !std::isfinite(v))
        throw UsageError(fmt::format("--{}: '{}' is not a number", name, *text));
    if (v < min || (aboveMin && v == min) || v > max)
        throw UsageError(fmt::format("--{}: {} must be {} {:g}{}", name, *text,
                                     aboveMin ? ">" : ">=", min,
                                     max < 1e300 ? fmt::format(" and <= {:g}", max) : ""));
    return v;
}

std::optional<double> whole(const Args& a, const std::string& name, double min) {
    const auto v = number(a, name, min, false, 1e12);
    if (v && *v != std::floor(*v))
        throw UsageError(fmt::format("--{}: {:g} must be a whole number", name, *v));
    return v;
}

GpuSpec resolveGpu(const Args& a, const pricing::PriceSet& prices) {
    const auto id = a.value("gpu");
    std::vector<std::string> known;
    for (const auto& [gpuId, gpu] : prices.gpus) known.push_back(gpuId);
    if (!id) throw UsageError(fmt::format("missing --gpu (one of: {})", fmt::join(known, ", ")));
    const auto it = prices.gpus.find(*id);
    if (it == prices.gpus.end())
        throw UsageError(fmt::format("--gpu: unknown GPU '{}' (known: {})", *id, fmt::join(known, ", ")));
    const pricing::GpuType& g = it->second;
    if (g.memoryGb <= 0.0 || g.memoryBandwidthGBs <= 0.0 || g.fp16DenseTflops <= 0.0)
        throw UsageError(fmt::format("--gpu: the catalogue's {} lacks memory, bandwidth or dense "
                                     "FP16 TFLOPS (breakeven-cli catalog show)", *id));
    return pricing::gpuSpecOf(g);
}

// Llama-family proportions: attention 4h^2 + MLP ~8h^2 per layer gives
// params ~ 12 x layers x hidden^2 (embeddings ignored), and depth grows with
// width as layers ~ hidden / 128 (Llama-2 7B 4096/32, 13B 5120/40). For 7B
// this gives exactly Llama-2-7B's 32 x 4096.
void deriveShape(const Args& a, EstimateRequest& r) {
    LlmModel& m = r.service.model;
    const double params = m.paramsBillions * 1e9;
    const double unit = m.headDim;  // hidden = heads x headDim
    const auto roundTo = [](double x, double step) { return std::max(step, std::round(x / step) * step); };
    const bool hasLayers = a.value("layers").has_value(), hasHidden = a.value("hidden").has_value();
    if (!hasHidden && !hasLayers) {
        m.hidden = static_cast<int>(roundTo(std::cbrt(params * 128.0 / 12.0), unit));
        m.layers = static_cast<int>(std::max(1.0, std::round(m.hidden / 128.0)));
    } else if (!hasHidden) {
        m.hidden = static_cast<int>(roundTo(std::sqrt(params / (12.0 * m.layers)), unit));
    } else if (!hasLayers) {
        m.layers = static_cast<int>(std::max(1.0, std::round(params / (12.0 * m.hidden * m.hidden))));
    }
    if (!a.value("kv-heads")) m.kvHeads = static_cast<int>(std::max(1.0, std::round(m.hidden / unit)));
    r.shapeDerived = !hasLayers || !hasHidden || !a.value("kv-heads");
    if (r.shapeDerived)
        r.assumptions.push_back(fmt::format(
            "model shape derived Llama-style (params = 12 x layers x hidden^2, layers = hidden/128, "
            "no grouped-query attention): {} layers, hidden {}, {} KV heads; pass --layers, "
            "--hidden and --kv-heads for the real one",
            m.layers, m.hidden, m.kvHeads));
}

void parseModel(const Args& a, EstimateRequest& r) {
    LlmModel& m = r.service.model;
    const auto params = number(a, "params", 0.0, true, 1e15);
    if (!params) throw UsageError("missing --params (the parameter count, e.g. 6738411520)");
    if (*params < 1e6)
        throw UsageError(fmt::format("--params: {:g} is a parameter count, not billions "
                                     "(7B is 7e9)", *params));
    m.paramsBillions = *params / 1e9;
    const auto bytes = number(a, "bytes-per-weight", 0.0, true, 8.0);
    if (!bytes) throw UsageError("missing --bytes-per-weight (2 for bf16/fp16, 1 for fp8/int8, 0.5 for int4)");
    m.bytesPerWeight = *bytes;
    m.headDim = static_cast<int>(whole(a, "head-dim", 1.0).value_or(128.0));
    m.layers = static_cast<int>(whole(a, "layers", 1.0).value_or(0.0));
    m.hidden = static_cast<int>(whole(a, "hidden", 1.0).value_or(0.0));
    m.kvHeads = static_cast<int>(whole(a, "kv-heads", 1.0).value_or(0.0));
    deriveShape(a, r);
}

void parseRoofline(const Args& a, EstimateRequest& r) {
    RooflineParams& p = r.service.stepTime.roofline;
    p.mfu = number(a, "mfu", 0.0, true, 1.0).value_or(p.mfu);
    p.mbu = number(a, "mbu", 0.0, true, 1.0).value_or(p.mbu);
    p.tau0Seconds = number(a, "tau0", 0.0, false, 10.0).value_or(p.tau0Seconds);
    p.tauRequestSeconds = number(a, "tau-request", 0.0, false, 10.0).value_or(p.tauRequestSeconds);
    r.service.stepTime.kind = StepTimeKind::Roofline;
}

void parseWorkload(const Args& a, EstimateRequest& r) {
    const double tp = whole(a, "tp", 1.0).value_or(1.0);
    if (tp != 1.0 && tp != 2.0 && tp != 4.0 && tp != 8.0)
        throw UsageError(fmt::format("--tp: {:g} must be 1, 2, 4 or 8", tp));
    r.service.tp = static_cast<int>(tp);
    r.promptTokens = whole(a, "prompt-tokens", 1.0).value_or(r.promptTokens);
    r.batch = static_cast<int>(whole(a, "batch", 1.0).value_or(1.0));
    if (r.batch > 1'000'000) throw UsageError(fmt::format("--batch: {} must be <= 1000000", r.batch));
    r.context = whole(a, "context", 0.0).value_or(r.context);
    r.maxContext = whole(a, "max-context", 1.0).value_or(std::max(r.promptTokens, r.context));
    r.coldStart.storageBandwidthGBs = number(a, "storage-gbs", 0.0, true).value_or(r.coldStart.storageBandwidthGBs);
    r.coldStart.formatFactor = number(a, "format-factor", 0.0, true).value_or(r.coldStart.formatFactor);
}

std::string seconds(double s) {
    if (s < 1.0) return fmt::format("{:.3f} ms", s * 1e3);
    return fmt::format("{:.2f} s", s);
}

void printTable(const EstimateRequest& r, const Estimate& e, std::ostream& out) {
    const LlmModel& m = r.service.model;
    const RooflineParams& p = r.service.stepTime.roofline;
    const auto row = [&out](const std::string& label, const std::string& value) {
        out << fmt::format("  {:<38}  {}\n", label, value);
    };
    out << fmt::format("{:.3f} B parameters x {:g} bytes on {} x tp {}\n", m.paramsBillions,
                       m.bytesPerWeight, r.service.gpu.id, r.service.tp);
    row("model shape", fmt::format("{} layers, hidden {}, {} KV heads x {}{}", m.layers, m.hidden,
                                   m.kvHeads, m.headDim, r.shapeDerived ? " (derived)" : ""));
    row("weights", fmt::format("{:.2f} GB; KV {:.3f} MB per token", m.weightBytes() / 1e9,
                               m.kvBytesPerToken() / 1e6));
    row(fmt::format("prefill step ({:g} tokens)", r.promptTokens), seconds(e.prefillSeconds));
    row(fmt::format("decode step (batch {}, context {:g})", r.batch, r.context),
        seconds(e.decodeStepSeconds));
    row("decode tokens/s", fmt::format("{:.1f}", e.tokensPerSecond));
    row("weight load", fmt::format("{} ({:g} GB/s, format factor {:g})", seconds(e.weightLoadSeconds),
                                   r.coldStart.storageBandwidthGBs, r.coldStart.formatFactor));
    row(fmt::format("fits GPU memory ({:g}-token sequence)", r.maxContext),
        fmt::format("{} ({:.2f} GB of {:.2f} GB usable)", e.fitsGpuMemory ? "yes" : "no",
                    e.memoryNeededBytes / 1e9, e.memoryUsableBytes / 1e9));
    row("KV cache capacity", fmt::format("{:.0f} tokens", e.kvCapacityTokens));
    out << fmt::format("roofline: MFU {:g}, MBU {:g}, tau0 {:g} s, tau per sequence {:g} s\n",
                       p.mfu, p.mbu, p.tau0Seconds, p.tauRequestSeconds);
    for (const auto& note : r.assumptions) out << "assumption: " << note << '\n';
}

void printJson(const EstimateRequest& r, const Estimate& e, std::ostream& out) {
    const LlmModel& m = r.service.model;
    const RooflineParams& p = r.service.stepTime.roofline;
    nlohmann::ordered_json j;
    j["gpu"] = r.service.gpu.id;
    j["tp"] = r.service.tp;
    const auto count = [](double x) { return static_cast<std::int64_t>(std::llround(x)); };
    j["model"] = {{"params", count(m.paramsBillions * 1e9)},
                  {"bytesPerWeight", m.bytesPerWeight},
                  {"layers", m.layers},
                  {"hidden", m.hidden},
                  {"kvHeads", m.kvHeads},
                  {"headDim", m.headDim},
                  {"shapeDerived", r.shapeDerived},
                  {"weightBytes", m.weightBytes()},
                  {"kvBytesPerToken", m.kvBytesPerToken()}};
    j["roofline"] = {{"mfu", p.mfu}, {"mbu", p.mbu}, {"tau0Seconds", p.tau0Seconds},
                     {"tauRequestSeconds", p.tauRequestSeconds}};
    j["promptTokens"] = count(r.promptTokens);
    j["batch"] = r.batch;
    j["context"] = count(r.context);
    j["maxContext"] = count(r.maxContext);
    j["prefillSeconds"] = e.prefillSeconds;
    j["decodeStepSeconds"] = e.decodeStepSeconds;
    j["tokensPerSecond"] = e.tokensPerSecond;
    j["weightLoadSeconds"] = e.weightLoadSeconds;
    j["fitsGpuMemory"] = e.fitsGpuMemory;
    j["memoryNeededBytes"] = e.memoryNeededBytes;
    j["memoryUsableBytes"] = e.memoryUsableBytes;
    j["kvCapacityTokens"] = count(e.kvCapacityTokens);
    j["assumptions"] = r.assumptions;
    out << j.dump(2) << '\n';
}

bool wantsHelp(const std::vector<std::string>& args) {
    return std::find(args.begin(), args.end(), "--help") != args.end() ||
           std::find(args.begin(), args.end(), "-h") != args.end();
}

}  // namespace

EstimateRequest parseEstimateRequest(const std::vector<std::string>& argv,
                                     const pricing::PriceSet& prices) {
    const Args a(argv, kFlags, kValues);
    if (!a.positional().empty())
        throw UsageError(fmt::format("unexpected argument '{}'", a.positional().front()));
    EstimateRequest r;
    r.json = a.flag("json");
    parseModel(a, r);
    parseRoofline(a, r);
    parseWorkload(a, r);
    r.service.gpu = resolveGpu(a, prices);
    r.service.coldStart = r.coldStart;
    return r;
}

Estimate estimate(const EstimateRequest& r) {
    const LlmServiceSpec& s = r.service;
    const StepTimeModel model = StepTimeModel::forService(s);
    Estimate e;
    StepLoad prefill;
    prefill.prefillTokens = r.promptTokens;
    prefill.prefillChunks = 1;
    prefill.prefillAttention = r.promptTokens * r.promptTokens / 2.0;  // causal, nothing cached
    e.prefillSeconds = model.stepSeconds(prefill);
    StepLoad decode;
    decode.decodeSeqs = r.batch;
    decode.decodeContext = r.batch * r.context;
    e.decodeStepSeconds = model.stepSeconds(decode);
    e.tokensPerSecond = r.batch / e.decodeStepSeconds;
    e.weightLoadSeconds = weightLoadSeconds(s.model, r.coldStart);
    e.memoryNeededBytes = s.model.weightBytes() + s.model.kvBytesPerToken() * r.maxContext;
    e.memoryUsableBytes = s.gpu.memoryGb * 1e9 * s.gpuMemoryUtilization * s.tp;
    e.fitsGpuMemory = e.memoryNeededBytes <= e.memoryUsableBytes;
    e.kvCapacityTokens = std::max(0.0, std::floor(s.kvCapacityBytes() / s.model.kvBytesPerToken()));
    return e;
}

int runEstimate(const std::vector<std::string>& args, const pricing::PriceSet& prices,
                std::ostream& out, std::ostream& err) {
    if (wantsHelp(args)) {
        out << kUsage;
        return 0;
    }
    EstimateRequest request;
    try {
        request = parseEstimateRequest(args, prices);
    } catch (const UsageError& e) {
        err << "breakeven-cli estimate: " << e.what()
            << "\n(breakeven-cli estimate --help lists the flags)\n";
        return 2;
    }
    const Estimate result = estimate(request);
    if (request.json)
        printJson(request, result, out);
    else
        printTable(request, result, out);
    return 0;
}

int runEstimate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (wantsHelp(args)) return runEstimate(args, pricing::PriceSet{}, out, err);
    // Flags are checked before the catalogue is opened (or created).
    std::optional<Args> parsed;
    try {
        parsed.emplace(args, kFlags, kValues);
    } catch (const UsageError& e) {
        err << "breakeven-cli estimate: " << e.what()
            << "\n(breakeven-cli estimate --help lists the flags)\n";
        return 2;
    }
    const pricing::PriceSet prices =
        openCatalogue(parsed->value("catalog"), err, "estimate").load(parsed->value("as-of"));
    return runEstimate(args, prices, out, err);
}

}  // namespace breakeven::cli
