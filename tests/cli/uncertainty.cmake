# breakeven-cli uncertainty: --json shape (docs/analysis.md), a crossover
# band on a one-hour Lambda vs EC2 node scenario, thread-count independence,
# and input errors (a bad --vary path exits 2 naming the path).
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(scenario ${CMAKE_CURRENT_BINARY_DIR}/uncertainty-cli.json)
file(WRITE ${scenario} [=[
{
  "schemaVersion": 1, "name": "lambda vs a node, one hour", "seed": 5,
  "workload": { "kind": "poisson", "ratePerSecond": 2.0, "durationSeconds": 3600 },
  "deployments": [
    { "name": "lambda", "platform": "aws-lambda", "memoryMb": 3008, "vcpu": 2,
      "service": { "kind": "lognormal", "p50Seconds": 0.35, "p99Seconds": 1.2 },
      "coldStart": { "kind": "lognormal", "p50Seconds": 1.8, "p99Seconds": 4.5 },
      "billing": "perRequestDuration" },
    { "name": "node", "platform": "aws-ec2", "kind": "dedicated", "nodes": 1,
      "instanceType": "c7g.xlarge", "memoryMb": 8192, "vcpu": 4,
      "service": { "kind": "lognormal", "p50Seconds": 0.35, "p99Seconds": 1.2 },
      "concurrencyPerInstance": 4, "overflow": "queue", "queueTimeoutSeconds": 30,
      "requestTimeoutSeconds": 300, "billing": "nodeHours" }
  ]
}
]=])

function(expect_keys json what)
  foreach(key ${ARGN})
    string(JSON value ERROR_VARIABLE missing GET "${json}" ${key})
    if(missing)
      message(FATAL_ERROR "${what}: key ${key} missing from --json output")
    endif()
  endforeach()
endfunction()

set(args ${scenario} --runs 4 --vary pricing.factor=0.9:1.1 --vary workload.rateScale=0.8:1.5
    --grid-points 6 --grid-from 0.1 --grid-to 4 --json)
run_cli(rc out err uncertainty ${args} --threads 2)
expect_equal("${rc}" "0" "uncertainty exit code (${err})")
expect_keys("${out}" "top level" schemaVersion version scenario scenarioSha256 seed runs inputs grid
            alternatives runsWithoutWinner crossoverBands catalogSnapshot run)
string(JSON runs GET "${out}" runs)
expect_equal("${runs}" "4" "runs echoed")
string(JSON n LENGTH "${out}" alternatives)
expect_equal("${n}" "2" "one entry per alternative")
string(JSON alt GET "${out}" alternatives 0)
expect_keys("${alt}" "alternatives[0]" name costUsdPerMonth p99Seconds ttftP99Seconds winFraction)
string(JSON cost GET "${alt}" costUsdPerMonth)
expect_keys("${cost}" "alternatives[0].costUsdPerMonth" mean p5 median p95)
string(JSON p99 GET "${alt}" p99Seconds)
expect_keys("${p99}" "alternatives[0].p99Seconds" mean p5 p95)
string(JSON p5 GET "${cost}" p5)
string(JSON p95 GET "${cost}" p95)
if(p5 GREATER p95)
  message(FATAL_ERROR "p5 ${p5} above p95 ${p95}")
endif()
# The node costs the same in every run (a flat node-hour bill × factor);
# Lambda grows with traffic: the two cross somewhere in 0.1–4.
string(JSON bands LENGTH "${out}" crossoverBands)
if(bands LESS 1)
  message(FATAL_ERROR "expected a crossover band:\n${out}")
endif()
string(JSON band GET "${out}" crossoverBands 0)
expect_keys("${band}" "crossoverBands[0]" a b low high median runsWithCrossover)
string(JSON low GET "${band}" low)
string(JSON high GET "${band}" high)
if(low GREATER high OR low LESS 0.1 OR high GREATER 4)
  message(FATAL_ERROR "band ${low}–${high} outside the grid or inverted")
endif()
string(JSON run GET "${out}" run)
expect_keys("${run}" "run" wallSeconds simulations threads)

# Everything outside `run` is the same for any thread count.
run_cli(rc one err uncertainty ${args} --threads 1)
expect_equal("${rc}" "0" "1-thread run")
string(JSON one REMOVE "${one}" run)
string(JSON two REMOVE "${out}" run)
expect_equal("${one}" "${two}" "uncertainty output independent of --threads")

run_cli(rc out err uncertainty ${scenario} --runs 2 --grid-points 0)
expect_equal("${rc}" "0" "text exit code")
expect_contains("${out}" "wins" "text table")
expect_contains("${out}" "No crossover bands" "grid off")

run_cli(rc out err uncertainty ${scenario} --runs 2 --vary deployments[4].coldStart.p50Seconds=1:2)
expect_equal("${rc}" "2" "bad --vary path exit code")
expect_contains("${err}" "deployments[4].coldStart.p50Seconds" "bad path named")
run_cli(rc out err uncertainty ${scenario} --runs 2 --vary workload.rateScale)
expect_equal("${rc}" "2" "--vary without a range")
expect_contains("${err}" "PATH=LOW:HIGH" "expected form named")
run_cli(rc out err uncertainty ${scenario} --runs 2 --vary deployments[0].keepAliveSeconds=-5:10)
expect_equal("${rc}" "2" "value out of range")
expect_contains("${err}" "deployments[0].keepAliveSeconds" "path of the bad value named")
run_cli(rc out err uncertainty ${scenario})
expect_equal("${rc}" "2" "missing --runs")
expect_contains("${err}" "--runs" "missing option named")
run_cli(rc out err uncertainty --help)
expect_equal("${rc}" "0" "--help")
expect_contains("${out}" "--vary PATH=LOW:HIGH" "usage text")
