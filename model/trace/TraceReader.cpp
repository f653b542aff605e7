// Format names, TraceError and openTrace: maps the file, checks the empty /
// header-only cases, detects the format from its exact header and dispatches.
#include "model/trace/TraceReader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "model/trace/TraceFormats.h"

namespace breakeven::trace {
namespace {

constexpr std::array<std::pair<TraceFormat, const char*>, 7> kNames{{
    {TraceFormat::Auto, "auto"},
    {TraceFormat::AzureLlm, "azure-llm"},
    {TraceFormat::Mooncake, "mooncake"},
    {TraceFormat::BurstGpt, "burstgpt"},
    {TraceFormat::AzureFunctions2019, "azure-functions-2019"},
    {TraceFormat::AzureFunctions2021, "azure-functions-2021"},
    {TraceFormat::Csv, "csv"},
}};

std::string formatMessage(const std::string& file, std::uint64_t line, std::uint64_t column,
                          const std::string& what) {
    if (line == 0) return fmt::format("{}: {}", file, what);
    return fmt::format("{}:{}:{}: {}", file, line, column, what);
}

std::optional<TraceFormat> detect(std::string_view header) {
    if (header == detail::kAzureLlmHeader) return TraceFormat::AzureLlm;
    if (header == detail::kBurstGptHeader || header == detail::kBurstGptV3Header) return TraceFormat::BurstGpt;
    if (header == detail::kAzureFunctions2021Header) return TraceFormat::AzureFunctions2021;
    if (header == detail::azureFunctions2019Header()) return TraceFormat::AzureFunctions2019;
    if (!header.empty() && header.front() == '{') return TraceFormat::Mooncake;
    return std::nullopt;
}

[[noreturn]] void unknownHeader(const std::string& path, std::string_view header) {
    // A known header written with another delimiter gets a pointed hint.
    std::string hint;
    for (char d : {';', '\t', '|'}) {
        std::string swapped(header);
        std::replace(swapped.begin(), swapped.end(), d, ',');
        if (swapped != header && detect(swapped))
            hint = fmt::format(" (a {} header with the wrong delimiter)", toString(*detect(swapped)));
    }
    throw TraceError(path, 1, 1,
                     fmt::format("expected the header of a known trace format (azure-llm, mooncake, burstgpt, "
                                 "azure-functions-2019, azure-functions-2021), found {}{}; "
                                 "use --format csv with a mapping",
                                 detail::describeFound(header), hint));
}

void checkHeader(const std::string& path, std::string_view header, TraceFormat format) {
    const auto found = detect(header);
    if (found == format) return;
    std::string_view expected = format == TraceFormat::AzureLlm         ? detail::kAzureLlmHeader
                                : format == TraceFormat::BurstGpt        ? detail::kBurstGptHeader
                                : format == TraceFormat::AzureFunctions2021 ? detail::kAzureFunctions2021Header
                                : format == TraceFormat::Mooncake        ? std::string_view("a JSON object")
                                                                         : std::string_view("HashOwner,HashApp,HashFunction,Trigger,1,…,1440");
    throw TraceError(path, 1, 1, fmt::format("expected the {} header {}, found {}; use --format csv with a mapping "
                                             "for other layouts",
                                             toString(format), detail::describeFound(expected),
                                             detail::describeFound(header)));
}

}  // namespace

const char* toString(TraceFormat format) {
    for (const auto& [f, name] : kNames)
        if (f == format) return name;
    return "auto";
}

std::optional<TraceFormat> formatFromString(std::string_view name) {
    for (const auto& [f, n] : kNames)
        if (name == n) return f;
    return std::nullopt;
}

TraceError::TraceError(std::string file, std::uint64_t line, std::uint64_t column, std::string what)
    : std::runtime_error(formatMessage(file, line, column, what)),
      file_(std::move(file)),
      line_(line),
      column_(column) {}

std::unique_ptr<TraceReader> openTrace(const std::string& path, const TraceOptions& options) {
    auto file = std::make_shared<const detail::MappedFile>(path);
    detail::LineCursor cursor(file->data());
    std::string_view header, line;
    while (cursor.next(header) && detail::LineCursor::blank(header)) {}
    if (detail::LineCursor::blank(header))
        throw TraceError(path, 1, 1, "expected a header line, found an empty file");
    const std::uint64_t headerLine = cursor.lineNumber();
    bool hasData = false;
    while (!hasData && cursor.next(line)) hasData = !detail::LineCursor::blank(line);
    TraceFormat format = options.format;
    if (format == TraceFormat::Auto) {
        const auto found = detect(header);
        if (!found) unknownHeader(path, header);
        format = *found;
    } else if (format != TraceFormat::Csv) {
        checkHeader(path, header, format);
    }
    if (headerLine != 1)
        throw TraceError(path, 1, 1, "expected the header on line 1, found an empty line");
    if (!hasData && format != TraceFormat::Mooncake)
        throw TraceError(path, headerLine + 1, 1, "expected at least one data row after the header, found end of file");
    switch (format) {
        case TraceFormat::AzureLlm: return detail::openAzureLlm(file, options);
        case TraceFormat::Mooncake: return detail::openMooncake(file, options);
        case TraceFormat::BurstGpt: return detail::openBurstGpt(file, options, header == detail::kBurstGptV3Header);
        case TraceFormat::AzureFunctions2019: return detail::openAzureFunctions2019(file, options);
        case TraceFormat::AzureFunctions2021: return detail::openAzureFunctions2021(file, options);
        case TraceFormat::Csv:
        case TraceFormat::Auto: break;
    }
    return detail::openCsv(file, options, header);
}

}  // namespace breakeven::trace
