# breakeven-cli sensitivity: tornado rows for the prices the scenario uses,
# cold start, service time and traffic; --json shape; input errors.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(scenario ${CMAKE_CURRENT_BINARY_DIR}/sensitivity-cli.json)
file(WRITE ${scenario} [=[
{
  "schemaVersion": 1, "name": "lambda vs a node", "seed": 5,
  "workload": { "kind": "poisson", "ratePerSecond": 1.0, "durationSeconds": 3600 },
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

run_cli(rc out err sensitivity ${scenario} --percent 10 --json --threads 2)
expect_equal("${rc}" "0" "sensitivity exit code (${err})")
foreach(key schemaVersion scenarioSha256 percent winnerRule baseWinner alternatives rows catalogSnapshot run)
  string(JSON value ERROR_VARIABLE missing GET "${out}" ${key})
  if(missing)
    message(FATAL_ERROR "key ${key} missing from --json output")
  endif()
endforeach()
string(JSON n LENGTH "${out}" rows)
if(n LESS 4)
  message(FATAL_ERROR "expected cold start, service time, traffic and price rows:\n${out}")
endif()
set(inputs "")
set(previous "")
math(EXPR last "${n} - 1")
foreach(i RANGE ${last})
  string(JSON input GET "${out}" rows ${i} input)
  string(JSON swing GET "${out}" rows ${i} swingUsdPerMonth)
  string(JSON flips GET "${out}" rows ${i} flipsWinner)
  string(JSON costs GET "${out}" rows ${i} alternatives 0 costUsdPerMonth)
  string(JSON low GET "${costs}" low)
  list(APPEND inputs "${input}")
  if(NOT previous STREQUAL "" AND swing GREATER previous)
    message(FATAL_ERROR "rows not sorted by swing: ${swing} after ${previous}")
  endif()
  set(previous "${swing}")
endforeach()
foreach(expected coldStart serviceTime workload.rateScale)
  list(FIND inputs "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "no ${expected} row in ${inputs}")
  endif()
endforeach()
# The node's hourly rate is a price the scenario uses; Lambda's compute too.
expect_contains("${inputs}" "price aws-ec2" "the node's instance price has a row")
expect_contains("${inputs}" "price lambda" "a Lambda price has a row")

run_cli(rc out err sensitivity ${scenario} --percent 25)
expect_equal("${rc}" "0" "text exit code")
expect_contains("${out}" "█" "tornado bars")
expect_contains("${out}" "Winner (cheapest)" "base winner named")

run_cli(rc out err sensitivity ${scenario} --percent 120)
expect_equal("${rc}" "2" "percent out of range")
expect_contains("${err}" "--percent" "option named")
run_cli(rc out err sensitivity ${scenario})
expect_equal("${rc}" "2" "missing --percent")
run_cli(rc out err sensitivity --help)
expect_equal("${rc}" "0" "--help")
