// The bundled real traces and every shared fixture, checked against values
// computed here by a deliberately trivial line parser (not the reader) and
// against the spans stated in ../shared/data/traces/README.md.
#include <gtest/gtest.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "TraceTestSupport.h"

namespace breakeven::trace {
namespace {

const std::string kTraces = std::string(BREAKEVEN_SHARED_DIR) + "/data/traces/";

#define REQUIRE_SHARED()                                                   \
    if (!std::filesystem::exists(kTraces)) GTEST_SKIP() << "no " << kTraces

std::vector<std::string> lines(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) out.push_back(line);
    }
    return out;
}

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, ',');) out.push_back(f);
    return out;
}

struct Totals {
    std::uint64_t requests = 0, input = 0, output = 0, keyed = 0;
    SimTime first = 0, last = 0, service = 0;
};

Totals readTotals(const std::string& path, const TraceOptions& options = {}) {
    auto reader = openTrace(path, options);
    Totals t;
    SimTime previous = 0;
    for (Request r; reader->next(r);) {
        if (t.requests == 0) t.first = r.arrivalMicros;
        EXPECT_GE(r.arrivalMicros, previous);
        previous = t.last = r.arrivalMicros;
        t.input += r.inputTokens;
        t.output += r.outputTokens;
        t.keyed += r.key != 0;
        t.service += std::max<SimTime>(r.serviceMicros, 0);
        ++t.requests;
    }
    return t;
}

// Seconds since the epoch via the C library's timegm, as an independent check.
double epochSeconds(const std::string& datetime) {
    std::tm tm{};
    std::sscanf(datetime.c_str(), "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                &tm.tm_min, &tm.tm_sec);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    const double frac = std::stod("0" + datetime.substr(datetime.find('.')));
    return static_cast<double>(timegm(&tm)) + frac;
}

void checkAzureLlm(const std::string& name, double spanSeconds, const std::string& start) {
    const auto raw = lines(kTraces + name);
    std::uint64_t input = 0, output = 0;
    for (std::size_t i = 1; i < raw.size(); ++i) {
        const auto f = split(raw[i]);
        input += std::stoull(f[1]);
        output += std::stoull(f[2]);
    }
    const Totals t = readTotals(kTraces + name);
    EXPECT_EQ(t.requests, raw.size() - 1);
    EXPECT_EQ(t.input, input);
    EXPECT_EQ(t.output, output);
    EXPECT_EQ(t.first, 0);
    EXPECT_EQ(t.last, std::llround(spanSeconds * 1e6));
    const double independentSpan = epochSeconds(split(raw.back())[0]) - epochSeconds(split(raw[1])[0]);
    EXPECT_NEAR(independentSpan, spanSeconds, 1e-6);
    EXPECT_EQ(openTrace(kTraces + name, {})->report().startTime, start);
}

TEST(TraceFormats, AzureLlmCode) {
    REQUIRE_SHARED();
    checkAzureLlm("AzureLLMInferenceTrace_code.csv", 3435.948056, "2023-11-16T18:17:03.979960Z");
}

TEST(TraceFormats, AzureLlmConv) {
    REQUIRE_SHARED();
    checkAzureLlm("AzureLLMInferenceTrace_conv.csv", 3501.721937, "2023-11-16T18:15:46.680590Z");
    const auto report = openTrace(kTraces + "AzureLLMInferenceTrace_conv.csv", {})->report();
    EXPECT_EQ(report.format, TraceFormat::AzureLlm);
    EXPECT_TRUE(report.warnings.empty());
}

// Sums the integer after `"key": ` on each line.
std::uint64_t sumKey(const std::vector<std::string>& raw, const std::string& key) {
    std::uint64_t sum = 0;
    for (const auto& line : raw) sum += std::stoull(line.substr(line.find(key) + key.size() + 2));
    return sum;
}

TEST(TraceFormats, Mooncake) {
    REQUIRE_SHARED();
    const std::string path = kTraces + "mooncake_conversation_trace.jsonl";
    const auto raw = lines(path);
    const Totals t = readTotals(path);
    EXPECT_EQ(t.requests, 12'031u);
    EXPECT_EQ(t.requests, raw.size());
    EXPECT_EQ(t.input, sumKey(raw, "\"input_length\""));
    EXPECT_EQ(t.output, sumKey(raw, "\"output_length\""));
    EXPECT_EQ(t.keyed, t.requests);
    EXPECT_EQ(t.last, 3'536'999'000);
    // Equal id lists give equal keys, different lists different keys.
    auto reader = openTrace(path, {});
    std::vector<Request> rs(3);
    for (auto& r : rs) reader->next(r);
    EXPECT_NE(rs[0].key, rs[1].key);
}

TEST(TraceFormats, AzureFunctions2021) {
    REQUIRE_SHARED();
    for (const auto& [name, rows, spanSeconds] :
         {std::tuple{"azure_functions_2021_invitro_subset.csv", 199u, 0.0},
          std::tuple{"azure_functions_2021_doc_sample.csv", 6u, 60.01}}) {
        const std::string path = kTraces + "fixtures/" + name;
        const auto raw = lines(path);
        double serviceSeconds = 0, firstArrival = 1e300, lastArrival = -1e300;
        for (std::size_t i = 1; i < raw.size(); ++i) {
            const auto f = split(raw[i]);
            serviceSeconds += std::stod(f[3]);
            const double arrival = std::stod(f[2]) - std::stod(f[3]);
            firstArrival = std::min(firstArrival, arrival);
            lastArrival = std::max(lastArrival, arrival);
        }
        const Totals t = readTotals(path);
        EXPECT_EQ(t.requests, rows) << name;
        EXPECT_NEAR(static_cast<double>(t.service) * 1e-6, serviceSeconds, 1e-6 * rows) << name;
        EXPECT_NEAR(static_cast<double>(t.last) * 1e-6, lastArrival - firstArrival, 2e-6) << name;
        if (spanSeconds > 0) { EXPECT_NEAR(static_cast<double>(t.last) * 1e-6, spanSeconds, 0.01) << name; }
    }
}

TEST(TraceFormats, BurstGptBothLayouts) {
    REQUIRE_SHARED();
    for (const auto& [name, rows, failed, v3] :
         {std::tuple{"burstgpt_synthetic.csv", 2000u, 36u, false},
          std::tuple{"burstgpt_v3_synthetic.csv", 300u, 4u, true}}) {
        const std::string path = kTraces + "fixtures/" + name;
        const auto raw = lines(path);
        std::uint64_t input = 0, output = 0, zero = 0;
        double elapsed = 0;
        for (std::size_t i = 1; i < raw.size(); ++i) {
            const auto f = split(raw[i]);
            input += std::stoull(f[v3 ? 4 : 2]);
            output += std::stoull(f[v3 ? 5 : 3]);
            zero += std::stoull(f[v3 ? 5 : 3]) == 0;
            if (v3) elapsed += std::stod(f[2]);
        }
        EXPECT_EQ(zero, failed);
        const Totals t = readTotals(path);
        EXPECT_EQ(t.requests, rows);
        EXPECT_EQ(t.input, input);
        EXPECT_EQ(t.output, output);
        if (v3) { EXPECT_NEAR(static_cast<double>(t.service) * 1e-6, elapsed, 1e-6 * rows); }
        const auto report = openTrace(path, {})->report();
        EXPECT_EQ(report.hasService, v3);
        ASSERT_FALSE(report.warnings.empty());
        EXPECT_EQ(report.warnings.back(),
                  std::to_string(failed) + " failed requests (0 response tokens) kept with outputTokens 0");
    }
}

std::uint64_t countArrivals(const std::string& path, const TraceOptions& options) {
    auto reader = openTrace(path, options);
    std::uint64_t n = 0;
    SimTime previous = 0;
    bool ordered = true;
    for (Request r; reader->next(r); ++n) {
        ordered = ordered && r.arrivalMicros >= previous;
        previous = r.arrivalMicros;
    }
    EXPECT_TRUE(ordered);
    EXPECT_LT(previous, 86'400'000'000);
    return n;
}

std::uint64_t sumCounts(const std::string& path, const std::string& function = {}) {
    std::uint64_t sum = 0;
    const auto raw = lines(path);
    for (std::size_t i = 1; i < raw.size(); ++i) {
        const auto f = split(raw[i]);
        if (!function.empty() && f[2] != function) continue;
        for (std::size_t c = 4; c < f.size(); ++c) sum += std::stoull(f[c]);
    }
    return sum;
}

TEST(TraceFormats, AzureFunctions2019InvitroStreamed) {
    REQUIRE_SHARED();
    const std::string path = kTraces + "fixtures/azure_functions_2019_invitro_one_function_invocations.csv";
    EXPECT_EQ(sumCounts(path), 20'820'188u);
    TraceOptions o;
    o.seed = 7;
    EXPECT_EQ(countArrivals(path, o), 20'820'188u);
}

TEST(TraceFormats, AzureFunctions2019Synthetic) {
    REQUIRE_SHARED();
    const std::string path = kTraces + "fixtures/azure_functions_2019_synthetic_invocations.csv";
    EXPECT_EQ(sumCounts(path), 1'884'527u);
    TraceOptions o;
    o.countExpansion = CountExpansion::Poisson;
    EXPECT_EQ(countArrivals(path, o), 1'884'527u);
    const std::string function = split(lines(path)[3])[2];
    o.function = function;
    EXPECT_EQ(countArrivals(path, o), sumCounts(path, function));
    o.function = "no-such-function";
    EXPECT_THROW(openTrace(path, o), TraceError);
}

TEST(TraceFormats, DurationFilesAreNotTraces) {
    REQUIRE_SHARED();
    const std::string path = kTraces + "fixtures/azure_functions_2019_synthetic_durations.csv";
    try {
        openTrace(path, {});
        ADD_FAILURE() << "no error";
    } catch (const TraceError& e) {
        EXPECT_NE(std::string(e.what()).find("use --format csv with a mapping"), std::string::npos);
    }
}

TEST(TraceFormats, GenericCsvWithDatetimeFormatServiceAndFilter) {
    const std::string path = kTraces + "test-only/alibaba_genai_lora_request_trace.csv";
    if (!std::filesystem::exists(path)) GTEST_SKIP();
    const auto raw = lines(path);
    std::uint64_t matching = 0;
    for (std::size_t i = 1; i < raw.size(); ++i) matching += split(raw[i])[1] == "TXT_2_IMG";
    TraceOptions o;
    o.format = TraceFormat::Csv;
    o.mapping.timeColumn = "gmt_create";
    o.mapping.timeUnit = "datetime";
    o.mapping.timeFormat = "%F %T";
    o.mapping.serviceColumn = "exec_time_seconds";
    o.mapping.keyColumn = "checkpoint_model_version_id";
    o.mapping.filters = {{"predict_type", "TXT_2_IMG"}};
    const Totals t = readTotals(path, o);
    EXPECT_EQ(t.requests, matching);
    EXPECT_GT(t.requests, 0u);
    EXPECT_EQ(t.keyed, t.requests);
    o.mapping.filters.clear();
    EXPECT_EQ(readTotals(path, o).requests, raw.size() - 1);
}

}  // namespace
}  // namespace breakeven::trace
