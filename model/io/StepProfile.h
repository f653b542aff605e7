#pragma once
// A measured step-time profile of an LLM engine and its fit to the
// coefficient formula of model/sim/StepTime (DESIGN.md "Service", docs/llm.md).
//
// The CSV has the header `phase,batch,tokens,context,seconds`, one engine
// iteration per row:
//   prefill  `batch` sequences, `tokens` prompt tokens in all (tokens/batch
//            each); `context` is each sequence's length after the step, so
//            context - tokens/batch tokens were already cached (0 for a fresh
//            prompt; a context below tokens/batch also means 0);
//   decode   `batch` sequences, one token each (tokens = batch), each
//            attending over `context` cached tokens;
//   mixed    one fresh prefill chunk of tokens - batch tokens plus `batch`
//            decoding sequences with `context` each (tokens counts every token
//            computed in the step, as vLLM's num_batched_tokens does).
// Built-in profiles (resources/profiles/NAME.csv, embedded at build time) are
// named "builtin:NAME", e.g. "builtin:h200-llama7b-shape".
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/domain/LlmService.h"
#include "model/sim/StepTime.h"

namespace breakeven {

// "FILE:LINE:COLUMN: expected X, found Y" (1-based; the header is line 1).
class StepProfileError : public std::runtime_error {
public:
    StepProfileError(std::string file, std::uint64_t line, std::uint64_t column, const std::string& what);
    [[nodiscard]] const std::string& file() const { return file_; }
    [[nodiscard]] std::uint64_t line() const { return line_; }
    [[nodiscard]] std::uint64_t column() const { return column_; }

private:
    std::string file_;
    std::uint64_t line_, column_;
};

enum class ProfilePhase { Prefill, Decode, Mixed };

struct ProfileRow {
    ProfilePhase phase = ProfilePhase::Decode;
    int batch = 1;
    double tokens = 0.0;
    double context = 0.0;
    double seconds = 0.0;
    std::uint64_t line = 0;  // in the source, for messages
};

inline constexpr std::string_view kBuiltinProfilePrefix = "builtin:";

// Strict parse; `source` names the text in errors. Needs at least one row.
std::vector<ProfileRow> parseStepProfile(std::string_view text, const std::string& source);
// A CSV file, or a built-in profile by its "builtin:NAME".
std::vector<ProfileRow> readStepProfile(const std::string& pathOrBuiltin);

// The embedded CSV text of "builtin:NAME" (or bare NAME); empty if unknown.
std::string_view builtinProfileText(std::string_view name);
// Every built-in profile as "builtin:NAME", sorted.
std::vector<std::string> builtinProfileNames();

// What the row's step does, in the engine's terms.
StepLoad stepLoadOf(const ProfileRow& row);

// Weighted least squares of a0 + bP*P + cP*P^2 + bC*sumC + bD*D on the rows,
// each row's equation divided by its measured seconds (so it minimises the
// squared relative error and short decode steps count as much as long
// prefills). Coefficients are kept non-negative (a negative per-token cost
// would give negative step times outside the measured range); columns that
// are zero in every row (no prefill rows: bP and cP) or that the rows cannot
// tell apart from earlier ones come out 0. perChunkSeconds stays 0.
// Throws std::invalid_argument on no rows.
StepCoefficients fitProfile(const std::vector<ProfileRow>& rows);

struct FitError {
    double mape = 0.0;                // mean |fit - measured| / measured, a fraction (0.05 = 5 %)
    double maxRelativeError = 0.0;    // the worst row's |fit - measured| / measured
};
FitError fitError(const std::vector<ProfileRow>& rows, const StepCoefficients& c);

struct ProfileFit {
    std::string source;  // the path or "builtin:NAME" it came from
    std::vector<ProfileRow> rows;
    StepCoefficients coefficients;
    FitError error;
};

// Reads and fits a profile (a path or "builtin:NAME"); throws StepProfileError.
ProfileFit loadProfile(const std::string& pathOrBuiltin);
ProfileFit fitProfileRows(std::vector<ProfileRow> rows, std::string source);

}  // namespace breakeven
