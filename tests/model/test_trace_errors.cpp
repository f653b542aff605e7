// Bad and awkward input (tests/data/traces): every case either reads the
// right rows or fails with "FILE:LINE:COLUMN: expected …, found …".
#include <gtest/gtest.h>

#include "TraceTestSupport.h"

namespace breakeven::trace {
namespace {

using testing::errorOf;
using testing::fixture;
using testing::readAll;

void expectError(const std::string& name, std::uint64_t line, std::uint64_t column,
                 const std::string& fragment, const TraceOptions& options = {}) {
    const TraceError e = errorOf(fixture(name), options);
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.column(), column) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    const std::string prefix = fixture(name) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": expected ";
    EXPECT_EQ(std::string(e.what()).rfind(prefix, 0), 0u) << e.what();
}

TEST(TraceErrors, EmptyFile) { expectError("empty.csv", 1, 1, "found an empty file"); }

TEST(TraceErrors, HeaderOnly) { expectError("header_only.csv", 2, 1, "found end of file"); }

TEST(TraceErrors, WrongDelimiterSaysUseCsvMapping) {
    expectError("wrong_delimiter.csv", 1, 1, "use --format csv with a mapping");
    expectError("wrong_delimiter.csv", 1, 1, "azure-llm header with the wrong delimiter");
    TraceOptions explicitFormat;
    explicitFormat.format = TraceFormat::AzureLlm;
    expectError("wrong_delimiter.csv", 1, 1, "use --format csv", explicitFormat);
}

TEST(TraceErrors, WrongDelimiterReadsAsMappedCsv) {
    TraceOptions o;
    o.format = TraceFormat::Csv;
    o.mapping.timeColumn = "TIMESTAMP";
    o.mapping.timeUnit = "datetime";
    o.mapping.inputTokensColumn = "ContextTokens";
    const auto rows = readAll(fixture("wrong_delimiter.csv"), o);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].inputTokens, 4808u);
}

TEST(TraceErrors, NegativeDuration) {
    // "b,g,12.0,-0.25": the duration starts at byte 10.
    expectError("negative_duration.csv", 3, 10, "a non-negative duration in 'duration', found '-0.25'");
}

TEST(TraceErrors, NaNAndInfinity) {
    expectError("nan_time.csv", 3, 5, "a finite number in 'end_timestamp', found 'nan'");
    expectError("inf_time.csv", 4, 1, "a finite number in 'Timestamp', found 'inf'");
}

TEST(TraceErrors, NonNumericField) {
    expectError("non_numeric.csv", 3, 29, "a token count (non-negative integer) in 'ContextTokens', found 'abc'");
}

TEST(TraceErrors, MooncakeNegativeLength) {
    expectError("mooncake_bad.jsonl", 3, 34, "a token count (non-negative integer) in 'input_length', found '-1");
}

TEST(TraceErrors, SkipPolicyCountsAndKeepsMessages) {
    TraceOptions o;
    o.onError = ErrorPolicy::Skip;
    auto reader = openTrace(fixture("non_numeric.csv"), o);
    std::vector<Request> rows;
    for (Request r; reader->next(r);) rows.push_back(r);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].arrivalMicros, 520'040);  // 18:17:04.5 − 18:17:03.97996
    EXPECT_EQ(reader->report().skippedRows, 1u);
    ASSERT_EQ(reader->report().skippedSamples.size(), 1u);
    EXPECT_NE(reader->report().skippedSamples[0].find("non_numeric.csv:3:29: expected"), std::string::npos);
}

TEST(TraceErrors, SkipPolicyKeepsOnlyTwentyMessages) {
    const std::string path = ::testing::TempDir() + "/many_bad.csv";
    {
        std::FILE* f = std::fopen(path.c_str(), "w");
        std::fputs("app,func,end_timestamp,duration\n", f);
        for (int i = 0; i < 50; ++i) std::fprintf(f, "a,f,%d,x\na,f,%d,1\n", i + 2, i + 2);
        std::fclose(f);
    }
    TraceOptions o;
    o.onError = ErrorPolicy::Skip;
    auto reader = openTrace(path, o);
    std::uint64_t n = 0;
    for (Request r; reader->next(r);) ++n;
    EXPECT_EQ(n, 50u);
    EXPECT_EQ(reader->report().skippedRows, 50u);
    EXPECT_EQ(reader->report().skippedSamples.size(), 20u);
    std::remove(path.c_str());
}

TEST(TraceErrors, BomAndCrlf) {
    const auto rows = readAll(fixture("bom_crlf.csv"));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].arrivalMicros, 0);
    EXPECT_EQ(rows[1].arrivalMicros, 52'000);
    EXPECT_EQ(rows[1].outputTokens, 8u);
    EXPECT_EQ(openTrace(fixture("bom_crlf.csv"), {})->report().startTime, "2023-11-16T18:17:03.979960Z");
}

TEST(TraceErrors, MixedLineEndings) {
    const auto rows = readAll(fixture("mixed_endings.csv"));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[2].arrivalMicros, 1'520'040);
    EXPECT_EQ(rows[2].outputTokens, 6u);
}

TEST(TraceErrors, NoFinalNewline) {
    const auto rows = readAll(fixture("no_final_newline.csv"));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].outputTokens, 4u);
}

TEST(TraceErrors, TruncatedLastLine) {
    expectError("truncated_last_line.csv", 4, 19, "expected 3 fields, found 1 field");
    TraceOptions o;
    o.onError = ErrorPolicy::Skip;
    EXPECT_EQ(readAll(fixture("truncated_last_line.csv"), o).size(), 2u);
}

TEST(TraceErrors, UnreadableFileAndBadMapping) {
    EXPECT_THROW(openTrace(fixture("does_not_exist.csv"), {}), TraceError);
    TraceOptions o;
    o.format = TraceFormat::Csv;
    o.mapping.timeColumn = "nope";
    const TraceError e = errorOf(fixture("bom_crlf.csv"), o);
    EXPECT_NE(std::string(e.what()).find("expected a column named 'nope'"), std::string::npos) << e.what();
    o.mapping.timeColumn = "TIMESTAMP";
    o.mapping.timeUnit = "hours";
    EXPECT_THROW(openTrace(fixture("bom_crlf.csv"), o), TraceError);
}

TEST(TraceErrors, OutOfOrderRowsAreSortedStably) {
    auto reader = openTrace(fixture("out_of_order.csv"), {});
    std::vector<Request> rows;
    for (Request r; reader->next(r);) rows.push_back(r);
    ASSERT_EQ(rows.size(), 5u);
    // times 5,3,5,4,5 → 3,4,5,5,5; the three 5 s rows keep file order (tokens 1,3,5).
    const std::uint32_t tokens[] = {2, 4, 1, 3, 5};
    const SimTime times[] = {0, 1'000'000, 2'000'000, 2'000'000, 2'000'000};
    for (std::size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(rows[i].inputTokens, tokens[i]) << i;
        EXPECT_EQ(rows[i].arrivalMicros, times[i]) << i;
    }
    const auto& w = reader->report().warnings;
    ASSERT_EQ(w.size(), 2u);
    EXPECT_EQ(w[0], "2 out-of-order rows were sorted");
    EXPECT_EQ(w[1], "1 failed requests (0 response tokens) kept with outputTokens 0");
}

}  // namespace
}  // namespace breakeven::trace
