# breakeven-cli sweep: the demo's traffic sweep finds a crossover, the --json
# schema (docs/analysis.md), thread-count independence, and input errors.
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

run_cli(rc out err sweep ${demo} --parameter workload.rateScale --from 0.1 --to 20 --points 12 --log --json
        --threads 2)
expect_equal("${rc}" "0" "demo sweep exit code")
expect_keys("${out}" "top level" schemaVersion version scenarioSha256 seed parameter points crossovers
            catalogSnapshot run)
string(JSON parameter GET "${out}" parameter)
expect_equal("${parameter}" "workload.rateScale" "parameter echoed")
string(JSON n LENGTH "${out}" points)
expect_equal("${n}" "12" "one entry per point")
string(JSON point GET "${out}" points 0)
expect_keys("${point}" "points[0]" value ratePerSecond deployments)
string(JSON deployment GET "${point}" deployments 0)
expect_keys("${deployment}" "points[0].deployments[0]" name costUsdPerMonth p99Seconds coldStartFraction
            rejectFraction)
string(JSON crossings LENGTH "${out}" crossovers)
if(crossings LESS 1)
  message(FATAL_ERROR "the demo's traffic sweep must find a crossover:\n${out}")
endif()
string(JSON crossover GET "${out}" crossovers 0)
expect_keys("${crossover}" "crossovers[0]" a b value ratePerSecond costUsdPerMonth aP99Seconds bP99Seconds
            refined dedicatedUtilization)
string(JSON costs GET "${crossover}" costUsdPerMonth)
expect_keys("${costs}" "crossovers[0].costUsdPerMonth" a b)
string(JSON utilisation GET "${crossover}" dedicatedUtilization)
expect_keys("${utilisation}" "crossovers[0].dedicatedUtilization" a b)
string(JSON refined GET "${crossover}" refined)
expect_equal("${refined}" "ON" "crossover refined by re-simulation")
string(JSON run GET "${out}" run)
expect_keys("${run}" "run" wallSeconds threads)

# Everything outside `run` is the same for any thread count.
set(small ${demo} --parameter workload.rateScale --from 0.5 --to 2 --points 3 --log --json)
run_cli(rc one err sweep ${small} --threads 1)
expect_equal("${rc}" "0" "1-thread sweep")
run_cli(rc two err sweep ${small} --threads 2)
expect_equal("${rc}" "0" "2-thread sweep")
string(JSON one REMOVE "${one}" run)
string(JSON two REMOVE "${two}" run)
expect_equal("${one}" "${two}" "sweep output independent of --threads")

# The readable table: a $/month column per deployment, crossovers marked.
run_cli(rc out err sweep ${demo} --parameter workload.rateScale --from 1 --to 2.5 --points 2)
expect_equal("${rc}" "0" "table exit code")
expect_contains("${out}" "ec2-c7g-xlarge-x2 $/mo" "a cost column per deployment")
expect_contains("${out}" "refined" "crossovers say whether they were refined")

run_cli(rc out err sweep ${demo} --parameter deployments[7].keepAliveSeconds --from 1 --to 10 --points 3)
expect_equal("${rc}" "2" "bad --parameter exit code")
expect_contains("${err}" "deployments[7].keepAliveSeconds: index 7 is out of range" "bad path named")

run_cli(rc out err sweep ${demo} --parameter deployments[0].name --from 1 --to 10 --points 3)
expect_equal("${rc}" "2" "non-numeric --parameter exit code")
expect_contains("${err}" "deployments[0].name: is a string, not a number" "non-number named")

run_cli(rc out err sweep ${demo} --parameter workload.rateScale --from 0 --to 10 --points 3 --log)
expect_equal("${rc}" "2" "log sweep from 0 exit code")
expect_contains("${err}" "a log sweep needs from and to > 0" "log range error")

run_cli(rc out err sweep ${demo} --parameter workload.rateScale --from 1 --to 10)
expect_equal("${rc}" "2" "missing --points exit code")
expect_contains("${err}" "--points is required" "missing option named")
