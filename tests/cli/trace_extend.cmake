# breakeven-cli simulate with a tiled trace workload (extendToSeconds, with a
# diurnal envelope and growth): runs, reports the extended window, and a bad
# extension key fails with its JSON path.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(work ${CMAKE_CURRENT_BINARY_DIR}/cli_trace_extend_work)
file(MAKE_DIRECTORY ${work})
set(conv ${SOURCE_DIR}/resources/traces/AzureLLMInferenceTrace_conv.csv)

function(write_scenario file extension)
  file(WRITE ${file} "{ \"schemaVersion\": 1, \"name\": \"extended\", \"seed\": 3,
  \"workload\": { \"kind\": \"trace\", \"path\": \"${conv}\", \"format\": \"azure-llm\" ${extension} },
  \"deployments\": [ { \"name\": \"a\", \"service\": { \"kind\": \"fixed\", \"seconds\": 0.2 } } ] }")
endfunction()

# Two hours: two whole tiles of the 3,501.7 s trace (19,366 rows each) and a cut third.
write_scenario(${work}/extended.json ", \"extendToSeconds\": 7200")
run_cli(rc out err simulate ${work}/extended.json --json)
expect_equal("${rc}" "0" "extended simulate exit code: ${err}")
string(JSON window GET "${out}" windowSeconds)
if(NOT window MATCHES "^7200(\\.0*)?$")
  message(FATAL_ERROR "the window is extendToSeconds: expected 7200, got '${window}'")
endif()
string(JSON requests GET "${out}" deployments 0 requests)
if(requests LESS_EQUAL 38732 OR requests GREATER_EQUAL 58098)
  message(FATAL_ERROR "expected between two and three tiles of requests, got ${requests}")
endif()

write_scenario(${work}/shaped.json ", \"extendToSeconds\": 7200, \"rateScale\": 0.5,
  \"diurnalEnvelope\": { \"peakToTroughRatio\": 3, \"periodSeconds\": 3600 }, \"growthPercentPerMonth\": 20")
run_cli(rc out err simulate ${work}/shaped.json --json)
expect_equal("${rc}" "0" "shaped simulate exit code: ${err}")
run_cli(rc out2 err simulate ${work}/shaped.json --json)
string(JSON a GET "${out}" deployments 0 requests)
string(JSON b GET "${out2}" deployments 0 requests)
expect_equal("${a}" "${b}" "same scenario and seed, same requests")

write_scenario(${work}/bad.json ", \"growthPercentPerMonth\": 10")
run_cli(rc out err simulate ${work}/bad.json)
expect_equal("${rc}" "2" "growth without extendToSeconds exit code")
expect_contains("${err}" "workload.growthPercentPerMonth: needs extendToSeconds" "error names the JSON path")
