#pragma once
// One opener per format; openTrace (TraceReader.cpp) detects and dispatches.
// Internal to model/trace.
#include <memory>
#include <string_view>

#include "model/trace/TraceReader.h"
#include "model/trace/TraceText.h"

namespace breakeven::trace::detail {

using FilePtr = std::shared_ptr<const MappedFile>;

inline constexpr std::string_view kAzureLlmHeader = "TIMESTAMP,ContextTokens,GeneratedTokens";
inline constexpr std::string_view kBurstGptHeader =
    "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type";
inline constexpr std::string_view kBurstGptV3Header =
    "Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type";
inline constexpr std::string_view kAzureFunctions2021Header = "app,func,end_timestamp,duration";
const std::string& azureFunctions2019Header();  // HashOwner,HashApp,HashFunction,Trigger,1,…,1440

std::unique_ptr<TraceReader> openAzureLlm(const FilePtr& file, const TraceOptions& options);
std::unique_ptr<TraceReader> openBurstGpt(const FilePtr& file, const TraceOptions& options, bool v3);
std::unique_ptr<TraceReader> openAzureFunctions2021(const FilePtr& file, const TraceOptions& options);
std::unique_ptr<TraceReader> openAzureFunctions2019(const FilePtr& file, const TraceOptions& options);
std::unique_ptr<TraceReader> openMooncake(const FilePtr& file, const TraceOptions& options);
std::unique_ptr<TraceReader> openCsv(const FilePtr& file, const TraceOptions& options,
                                     std::string_view header);

}  // namespace breakeven::trace::detail
