# breakeven-cli optimize / pareto / capacity on the demo scenario with a p99
# SLO: exit codes, the --json shape (docs/analysis.md), and input errors.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(demo ${SOURCE_DIR}/resources/demo/demo-scenario.json)

function(expect_keys json what)
  foreach(key ${ARGN})
    string(JSON value ERROR_VARIABLE missing GET "${json}" ${key})
    if(missing)
      message(FATAL_ERROR "${what}: key ${key} missing from --json output")
    endif()
  endforeach()
endfunction()

run_cli(rc out err optimize ${demo} --p99 2 --max-cold 0.05 --json --threads 2)
expect_equal("${rc}" "0" "optimize exit code (stderr: ${err})")
expect_keys("${out}" "top level" schemaVersion version scenario scenarioSha256 seed slos alternatives evaluations
            catalogSnapshot run)
string(JSON p99 GET "${out}" slos p99Seconds)
expect_equal("${p99}" "2.0" "--p99 becomes slos.p99Seconds")
string(JSON n LENGTH "${out}" alternatives)
expect_equal("${n}" "3" "one entry per alternative")
foreach(i RANGE 2)
  string(JSON alt GET "${out}" alternatives ${i})
  expect_keys("${alt}" "alternatives[${i}]" name feasible best asWritten knobs evaluations note)
  string(JSON best GET "${alt}" best)
  expect_keys("${best}" "alternatives[${i}].best" changes costUsdPerMonth p99Seconds ttftP99Seconds
              tpotP99Seconds coldStartFraction rejectFraction meetsSlo misses limits)
  string(JSON feasible GET "${alt}" feasible)
  string(JSON meets GET "${best}" meetsSlo)
  expect_equal("${meets}" "${feasible}" "alternatives[${i}]: feasible iff best meets the SLOs")
  if(feasible)
    string(JSON bestP99 GET "${best}" p99Seconds)
    if(bestP99 GREATER 2)
      message(FATAL_ERROR "alternatives[${i}] meets p99 ≤ 2 s with p99 ${bestP99}")
    endif()
  endif()
endforeach()
# The dedicated pair of c7g nodes is sized by node count: its best config
# either keeps the written 2 nodes or changes deployments[2].nodes.
string(JSON ec2 GET "${out}" alternatives 2)
string(JSON ec2Feasible GET "${ec2}" feasible)
expect_equal("${ec2Feasible}" "ON" "the dedicated pool can meet p99 ≤ 2 s")
string(JSON knob GET "${ec2}" knobs 0)
expect_equal("${knob}" "deployments[2].nodes" "dedicated knob")

# Readable output names every alternative.
run_cli(rc out err optimize ${demo} --p99 2 --threads 2)
expect_equal("${rc}" "0" "optimize table exit code")
expect_contains("${out}" "ec2-c7g-xlarge-x2:" "text names the alternatives")
expect_contains("${out}" "configurations simulated" "text counts the evaluations")

# Pareto: a non-empty front sorted by cost.
run_cli(rc out err pareto ${demo} --p99 2 --json --threads 2)
expect_equal("${rc}" "0" "pareto exit code (stderr: ${err})")
expect_keys("${out}" "pareto" front candidates run)
string(JSON n LENGTH "${out}" front)
if(n LESS 1)
  message(FATAL_ERROR "empty Pareto front:\n${out}")
endif()
string(JSON first GET "${out}" front 0)
expect_keys("${first}" "front[0]" alternative changes costUsdPerMonth p99Seconds meetsSlo)

# Capacity of the dedicated pool: a finite rateScale with unit costs.
run_cli(rc out err capacity ${demo} --deployment ec2-c7g-xlarge-x2 --p99 2 --json)
expect_equal("${rc}" "0" "capacity exit code (stderr: ${err})")
expect_keys("${out}" "capacity" deployment feasible unbounded rateScale failingRateScale requestsPerSecond
            costUsdPerMonth requestsPerUsd usdPer1MRequests usdPer1MTokens probes run)
string(JSON feasible GET "${out}" feasible)
expect_equal("${feasible}" "ON" "the pool meets p99 ≤ 2 s at some traffic")
string(JSON unbounded GET "${out}" unbounded)
expect_equal("${unbounded}" "OFF" "two fixed nodes have a finite capacity")

# Errors: no SLO at all, a bad flag value, an unknown deployment → exit 2.
run_cli(rc out err optimize ${demo})
expect_equal("${rc}" "2" "optimize without any SLO")
expect_contains("${err}" "no SLO to meet" "the usage error explains")
run_cli(rc out err optimize ${demo} --p99 fast)
expect_equal("${rc}" "2" "non-numeric --p99")
expect_contains("${err}" "--p99: expected a number" "names the flag")
run_cli(rc out err optimize ${demo} --max-cold 2)
expect_equal("${rc}" "2" "--max-cold outside [0, 1]")
run_cli(rc out err optimize ${demo} --p99 1 --bogus)
expect_equal("${rc}" "2" "unknown option")
run_cli(rc out err capacity ${demo} --deployment nope --p99 1)
expect_equal("${rc}" "2" "unknown deployment")
expect_contains("${err}" "lambda-3008mb" "lists the deployments")

# --help documents the SLO flags.
foreach(command optimize pareto capacity recommend)
  run_cli(rc out err ${command} --help)
  expect_equal("${rc}" "0" "${command} --help")
  expect_contains("${out}" "--max-cold F" "${command} --help lists the SLO flags")
endforeach()
