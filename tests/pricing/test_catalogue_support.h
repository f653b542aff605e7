#pragma once
// Shared by the tests/pricing/test_catalogue_*.cpp files: temporary
// directories, seeds (hand-built and the embedded pricing-facts.json), raw
// SQLite access for fixtures, and a printable form of a PriceSet.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "pricing/CatalogueDb.h"
#include "pricing/SeedFacts.h"

namespace breakeven::pricing::testing {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        std::random_device rd;
        path_ = fs::temp_directory_path() /
                ("breakeven-catalogue-test-" + std::to_string(::getpid()) + "-" +
                 std::to_string(counter++) + "-" + std::to_string(rd()));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// Small, fully known seed: checks the catalogue without the real seed file.
inline SeedData handBuiltSeed() {
    SeedData s;
    s.collectedOn = "2026-11-26";
    Platform lambda{"aws-lambda", "AWS Lambda", "us-east-1",
                    {"perRequestDuration", 0.001, 0.0, "rounded up to 1 ms"},
                    {1e6, 400000.0, 0.0, 0.0, false}};
    Platform run{"gcp-cloud-run", "Google Cloud Run", "us-central1",
                 {"instanceActive", 0.1, 60.0, "100 ms rounding"},
                 {2e6, 0.0, 180000.0, 360000.0, false}};
    s.platforms = {lambda, run};
    const std::string aws = "https://aws.amazon.com/lambda/pricing/";
    s.items = {
        {"lambda.requests", "aws-lambda", "requests", "1M requests", 0.2, {}, "", aws, true, 0},
        {"lambda.x86.gb-second", "aws-lambda", "compute", "GB-second", 1.66667e-05,
         {{6e9, 1.66667e-05}, {1.5e10, 1.5e-05}, {std::nullopt, 1.33334e-05}}, "", aws, true, 0},
        {"cloudrun.t1.requests", "gcp-cloud-run", "requests", "1M requests", 0.4, {}, "",
         "https://cloud.google.com/run/pricing", false, 0},
        {"cloudrun.gpu.l4.no-zonal-redundancy.second", "gcp-cloud-run", "gpu", "GPU-second",
         0.0001867, {}, "2026-10-01", "https://cloud.google.com/run/pricing", false, 0},
    };
    s.instances = {
        {"aws-ec2.g5.xlarge", 4, 16, std::string("A10G"), 1, 1.006, 0.63378, "",
         "https://aws.amazon.com/ec2/pricing/on-demand/", false, 0},
        {"aws-ec2.m7g.xlarge", 4, 16, std::nullopt, 0, 0.1632, std::nullopt, "",
         "https://aws.amazon.com/ec2/pricing/on-demand/", true, 0},
    };
    s.gpus = {{"L4", 24, 300, 121, 242.5, 72, "https://www.nvidia.com/en-us/data-center/l4/"},
              {"T4", 16, 320, 65, 130, 70, "https://www.nvidia.com/en-us/data-center/tesla-t4/"}};
    return s;
}

// The real seed, parsed once per test program.
inline const SeedData& embeddedSeed() {
    static const SeedData seed = parseSeed(embeddedPricingFacts(), "embedded pricing-facts.json");
    return seed;
}

inline std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

// Raw SQL on a file, outside the Catalogue (fixtures, tampering, checks).
inline void execSql(const std::string& path, const std::string& sqlText) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sqlText.c_str(), nullptr, nullptr, &error);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
}

// First column of the first row as text ("" when no row); sqlErr gets the error.
inline std::string querySql(const std::string& path, const std::string& sqlText,
                            std::string* sqlErr = nullptr) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sqlText.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0))
            out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        if (rc != SQLITE_ROW && rc != SQLITE_DONE && sqlErr) *sqlErr = sqlite3_errmsg(db);
    } else if (sqlErr) {
        *sqlErr = sqlite3_errmsg(db);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

// Everything in a PriceSet but snapshotId and asOf, as comparable JSON.
inline nlohmann::json describe(const PriceSet& set) {
    nlohmann::json j;
    for (const auto& [id, p] : set.platforms)
        j["platforms"][id] = {p.name, p.region, p.billing.scope, p.billing.granularitySeconds,
                              p.billing.minimumSeconds, p.billing.notes, p.freeTier.requestsPerMonth,
                              p.freeTier.gbSecondsPerMonth, p.freeTier.vcpuSecondsPerMonth,
                              p.freeTier.gibSecondsPerMonth, p.freeTier.appliesToProvisioned};
    for (const auto& [id, p] : set.items) {
        nlohmann::json tiers = nlohmann::json::array();
        for (const auto& t : p.tiers)
            tiers.push_back({t.upTo ? nlohmann::json(*t.upTo) : nlohmann::json(), t.usdPerUnit});
        j["items"][id] = {p.platform, p.item, p.unit, p.usdPerUnit, tiers, p.effectiveFrom, p.source,
                          p.verified, p.rowId};
    }
    for (const auto& [id, t] : set.instances)
        j["instances"][id] = {t.vcpu, t.memoryGb, t.gpu.value_or("-"), t.gpuCount, t.usdPerHourOnDemand,
                              t.usdPerHourReserved1y.value_or(-1.0), t.effectiveFrom, t.source,
                              t.verified, t.rowId};
    for (const auto& [id, g] : set.gpus)
        j["gpus"][id] = {g.memoryGb, g.memoryBandwidthGBs, g.fp16DenseTflops, g.int8DenseTops,
                         g.tdpWatts, g.source};
    return j;
}

// An export without its time stamp: equal when the catalogue is unchanged.
inline nlohmann::json contentOf(const Catalogue& cat) {
    nlohmann::json doc = cat.exportJson();
    doc.erase("exportedAt");
    return doc;
}

inline bool startsWith(const std::string& text, const std::string& prefix) {
    return text.rfind(prefix, 0) == 0;
}

}  // namespace breakeven::pricing::testing
