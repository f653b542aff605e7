#pragma once
// Helpers shared by the trace reader tests.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/trace/TraceReader.h"

namespace breakeven::trace::testing {

inline std::string fixture(const std::string& name) {
    return std::string(BREAKEVEN_TEST_DATA_DIR) + "/traces/" + name;
}

inline std::vector<Request> readAll(const std::string& path, const TraceOptions& options = {}) {
    auto reader = openTrace(path, options);
    std::vector<Request> out;
    Request r;
    while (reader->next(r)) out.push_back(r);
    return out;
}

// The message of the TraceError openTrace or reading throws (fails the test if none).
inline TraceError errorOf(const std::string& path, const TraceOptions& options = {}) {
    try {
        readAll(path, options);
    } catch (const TraceError& e) {
        return e;
    }
    ADD_FAILURE() << "no TraceError for " << path;
    return TraceError(path, 0, 0, "none");
}

}  // namespace breakeven::trace::testing
