#pragma once
// Field access with the readers' error messages: "expected …, found …" at the
// field's own 1-based column. Internal to model/trace.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/core/SimTime.h"
#include "model/trace/TraceText.h"

namespace breakeven::trace::detail {

struct RowContext {
    const std::string* file;
    std::uint64_t line;
};

struct Field {
    std::string_view text;
    std::uint64_t column = 1;
};

// Splits a line into exactly N fields, or throws naming the count found.
template <std::size_t N>
void splitExact(std::string_view line, char delimiter, const RowContext& ctx,
                std::array<Field, N>& fields) {
    FieldCursor cursor(line, delimiter);
    std::size_t n = 0;
    std::string_view text;
    while (cursor.next(text)) {
        if (n == N)
            throwRowError(*ctx.file, ctx.line, cursor.column(), std::to_string(N) + " fields",
                          "more (" + describeFound(text) + " after the last field)");
        fields[n++] = Field{text, cursor.column()};
    }
    if (n < N)
        throwRowError(*ctx.file, ctx.line, cursor.endColumn(), std::to_string(N) + " fields",
                      std::to_string(n) + (n == 1 ? " field (truncated or wrong delimiter?)"
                                                  : " fields (truncated line?)"));
}

inline std::uint32_t tokensField(const Field& f, std::string_view name, const RowContext& ctx) {
    std::uint32_t v = 0;
    if (!parseUint32(f.text, v))
        throwRowError(*ctx.file, ctx.line, f.column,
                      "a token count (non-negative integer) in '" + std::string(name) + "'",
                      describeFound(f.text));
    return v;
}

// A finite number; `nonNegative` for durations.
inline double numberField(const Field& f, std::string_view name, const RowContext& ctx,
                          bool nonNegative) {
    double v = 0;
    const NumberStatus status = parseDouble(f.text, v);
    if (status == NumberStatus::Invalid)
        throwRowError(*ctx.file, ctx.line, f.column, "a number in '" + std::string(name) + "'",
                      describeFound(f.text));
    if (status == NumberStatus::NonFinite)
        throwRowError(*ctx.file, ctx.line, f.column,
                      "a finite number in '" + std::string(name) + "'", describeFound(f.text));
    if (nonNegative && v < 0)
        throwRowError(*ctx.file, ctx.line, f.column,
                      "a non-negative duration in '" + std::string(name) + "'",
                      describeFound(f.text));
    // Beyond ±100,000 years in µs would overflow SimTime arithmetic.
    if (v > 3.0e12 || v < -3.0e12)
        throwRowError(*ctx.file, ctx.line, f.column,
                      "a time within ±100,000 years in '" + std::string(name) + "'",
                      describeFound(f.text));
    return v;
}

}  // namespace breakeven::trace::detail
