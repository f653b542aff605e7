// Trace import speed: the Azure conv trace replicated to ~1 GB in a temp dir
// (never committed), read end to end by openTrace (first validating pass +
// streaming pass). Reports bytes/s as "MB/s" via SetBytesProcessed (per CPU
// second; the wall-clock figure is the "Time" column).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "model/trace/TraceReader.h"

namespace {

// "YYYY-MM-DD" of `days` after 1970-01-01 (Hinnant's civil_from_days).
std::string civilDate(long days) {
    days += 719468;
    const long era = days / 146097;
    const long doe = days - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp < 10 ? mp + 3 : mp - 9;
    char buf[40];  // room for any int: GCC checks the size against the type's range
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(yoe + era * 400 + (m <= 2)),
                  static_cast<int>(m), static_cast<int>(d));
    return buf;
}

// Header once, then the data rows repeated, copy k moved to the k-th day
// after the original, so the file stays in time order like a long real trace.
// Kept between runs (written under a temporary name, then renamed, so a
// half-written file is never reused): rewriting 1 GB per run only adds noise.
std::string makeReplicatedTrace(std::size_t targetBytes) {
    const std::string source = std::string(BREAKEVEN_SHARED_DIR) + "/data/traces/AzureLLMInferenceTrace_conv.csv";
    std::ifstream in(source, std::ios::binary);
    if (!in) return {};
    const auto path = std::filesystem::temp_directory_path() /
                      ("breakeven_bench_trace_v1_" + std::to_string(targetBytes) + ".csv");
    if (std::filesystem::exists(path)) return path.string();
    std::stringstream ss;
    ss << in.rdbuf();
    std::string body = ss.str();
    const std::size_t nl = body.find('\n');
    const std::string header = body.substr(0, nl + 1);
    body = body.substr(nl + 1);
    if (body.back() != '\n') body += "\r\n";
    auto partial = path;
    partial += ".partial";
    std::ofstream out(partial, std::ios::binary);
    out << header;
    std::size_t written = header.size();
    const long firstDay = 19677;  // 2023-11-16
    for (long copy = 0; written < targetBytes; ++copy) {
        const std::string date = civilDate(firstDay + copy);
        for (std::size_t p = 0; p + 10 <= body.size(); p = body.find('\n', p) + 1) {
            body.replace(p, 10, date);
            if (body.find('\n', p) == std::string::npos) break;
        }
        out << body;
        written += body.size();
    }
    out.close();
    if (!out) return {};
    std::filesystem::rename(partial, path);
    return path.string();
}

void BM_AzureConvReplicated(benchmark::State& state) {
    static const std::string path = makeReplicatedTrace(std::size_t{1} << 30);
    if (path.empty()) {
        state.SkipWithError("shared traces not found");
        return;
    }
    const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(path));
    std::uint64_t requests = 0;
    for (auto _ : state) {
        auto reader = breakeven::trace::openTrace(path, {});
        breakeven::Request r;
        requests = 0;
        std::uint64_t tokens = 0;
        while (reader->next(r)) {
            ++requests;
            tokens += r.inputTokens;
        }
        benchmark::DoNotOptimize(tokens);
    }
    state.SetBytesProcessed(bytes * static_cast<std::int64_t>(state.iterations()));
    state.counters["requests"] = static_cast<double>(requests);
    state.counters["fileMB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_AzureConvReplicated)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
