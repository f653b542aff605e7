# breakeven-cli recommend on the demo with a p99 SLO: names the cheapest
# alternative meeting it, where it stops being cheapest, cold-start costs.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(demo ${SOURCE_DIR}/resources/demo/demo-scenario.json)

run_cli(rc out err recommend ${demo} --p99 2 --points 6 --threads 2)
expect_equal("${rc}" "0" "recommend exit code (stderr: ${err})")
expect_contains("${out}" "the cheapest alternative that meets the SLOs is" "names a winner")
string(REGEX MATCH "meets the SLOs is ([a-z0-9-]+):" winner "${out}")
set(winner "${CMAKE_MATCH_1}")
if(NOT winner MATCHES "^(lambda-3008mb|cloud-run-2vcpu|ec2-c7g-xlarge-x2)$")
  message(FATAL_ERROR "recommend names no demo alternative:\n${out}")
endif()
expect_contains("${out}" "Where it stops being cheapest" "crossover section")
expect_contains("${out}" "workload.rateScale" "names the traffic parameter")
expect_contains("${out}" "What cold starts cost" "cold-start section")
expect_contains("${out}" "cold-start tax" "cold-start tax from the bill split")

# An SLO nothing meets: said plainly, still exit 0.
run_cli(rc out err recommend ${demo} --p99 0.01 --points 2)
expect_equal("${rc}" "0" "recommend with an unmeetable SLO")
expect_contains("${out}" "No alternative meets the SLOs" "says nothing meets")
expect_contains("${out}" "misses the SLOs: p99" "says why")

run_cli(rc out err recommend ${demo} --p99 -1)
expect_equal("${rc}" "2" "negative --p99")
run_cli(rc out err recommend ${demo} --points 1)
expect_equal("${rc}" "2" "--points below 2")
run_cli(rc out err recommend)
expect_equal("${rc}" "2" "no scenario")
