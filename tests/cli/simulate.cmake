# breakeven-cli simulate: exit codes, messages naming file and JSON path,
# the --json schema and the readable table.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(demo ${SOURCE_DIR}/resources/demo/demo-scenario.json)

run_cli(rc out err simulate ${demo})
expect_equal("${rc}" "0" "demo exit code")
expect_contains("${out}" "lambda-3008mb" "table names the deployment")
expect_contains("${out}" "p99" "table has latency columns")

run_cli(rc out err simulate ${demo} --json --timeline --seed 5)
expect_equal("${rc}" "0" "json exit code")
string(JSON schema GET "${out}" schemaVersion)
expect_equal("${schema}" "1" "schemaVersion")
string(JSON seed GET "${out}" seed)
expect_equal("${seed}" "5" "--seed overrides the scenario seed")
string(JSON n LENGTH "${out}" deployments)
expect_equal("${n}" "3" "one result per deployment")
foreach(key requests served queued coldStarts coldStartsFromZero coldStartsScaleOut
            coldStartFraction rejected rejectFraction timedOut latencySeconds
            coldLatencySeconds queueDelaySeconds instances feasibility ledger timeline)
  string(JSON value ERROR_VARIABLE missing GET "${out}" deployments 0 ${key})
  if(missing)
    message(FATAL_ERROR "deployments[0].${key} missing from --json output")
  endif()
endforeach()
string(JSON p99 GET "${out}" deployments 0 latencySeconds p99)
string(JSON threads GET "${out}" run threads)
string(JSON minutes LENGTH "${out}" deployments 0 timeline alive)
expect_equal("${minutes}" "1440" "one timeline entry per minute of a day")

run_cli(rc out err simulate ${DATA_DIR}/does-not-exist.json)
expect_equal("${rc}" "2" "missing file exit code")
expect_contains("${err}" "does-not-exist.json" "missing file named")

file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/bad-keepalive.json [=[
{ "schemaVersion": 1, "name": "bad", "workload": { "kind": "poisson", "ratePerSecond": 1, "durationSeconds": 10 },
  "deployments": [ { "name": "a", "service": { "kind": "fixed", "seconds": 1 }, "keepAliveSeconds": -1 } ] }
]=])
run_cli(rc out err simulate ${CMAKE_CURRENT_BINARY_DIR}/bad-keepalive.json)
expect_equal("${rc}" "2" "invalid value exit code")
expect_contains("${err}" "bad-keepalive.json: deployments[0].keepAliveSeconds: must be ≥ 0" "error names file and path")

run_cli(rc out err simulate ${demo} --bogus)
expect_equal("${rc}" "2" "unknown option exit code")
expect_contains("${err}" "unknown option --bogus" "unknown option named")

run_cli(rc out err simulate ${demo} --seed abc)
expect_equal("${rc}" "2" "bad seed exit code")

run_cli(rc out err frobnicate)
expect_equal("${rc}" "2" "unknown command exit code")

run_cli(rc out err --version)
expect_equal("${rc}" "0" "--version")
expect_contains("${out}" "breakeven-cli" "--version output")

# Platform limits are findings, not errors.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/long-timeout.json [=[
{ "schemaVersion": 1, "name": "what-if", "workload": { "kind": "poisson", "ratePerSecond": 1, "durationSeconds": 100 },
  "deployments": [ { "name": "lambda", "platform": "aws-lambda", "service": { "kind": "fixed", "seconds": 0.1 },
                     "requestTimeoutSeconds": 1800 } ] }
]=])
run_cli(rc out err simulate ${CMAKE_CURRENT_BINARY_DIR}/long-timeout.json --json)
expect_equal("${rc}" "0" "platform limit is not an input error")
string(JSON code GET "${out}" deployments 0 feasibility 0 code)
expect_equal("${code}" "timeout-above-platform-max" "feasibility finding code")

# Every result is priced: costs per deployment with lines traceable to price
# rows, a total, and the catalogue snapshot that produced them.
run_cli(rc out err simulate ${demo} --json)
expect_equal("${rc}" "0" "priced simulate exit code")
string(JSON snapshot GET "${out}" catalogSnapshot id)
expect_contains("${snapshot}" "cat-" "catalogue snapshot id")
string(JSON lambda_price_id GET "${out}" deployments 0 costUsd lines 0 priceId)
expect_equal("${lambda_price_id}" "lambda.requests" "Lambda's first line is the request fee")
string(JSON ec2_price_id GET "${out}" deployments 2 costUsd lines 0 priceId)
expect_equal("${ec2_price_id}" "aws-ec2.c7g.xlarge" "dedicated nodes priced from the instance row")
# Two c7g.xlarge nodes for a 730-hour month at $0.145/h = $211.70.
string(JSON ec2_month GET "${out}" deployments 2 costUsd perMonth)
to_cents("${ec2_month}" ec2_cents)
expect_equal("${ec2_cents}" "21170" "dedicated nodes per month")
string(JSON not_priced LENGTH "${out}" deployments 0 costUsd notPriced)
if(not_priced LESS 1)
  message(FATAL_ERROR "notPriced must list what the bill leaves out")
endif()
string(JSON month_total GET "${out}" total costUsd perMonth)

run_cli(rc out err simulate ${demo} --free-tier maybe)
expect_equal("${rc}" "2" "bad --free-tier exit code")
expect_contains("${err}" "--free-tier" "bad --free-tier named")

# A deployment's own discount and extra cost lines are priced as their own lines.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/discount.json [=[
{ "schemaVersion": 1, "name": "discount", "workload": { "kind": "poisson", "ratePerSecond": 1, "durationSeconds": 3600 },
  "deployments": [ { "name": "node", "platform": "aws-ec2", "kind": "dedicated", "nodes": 1, "instanceType": "c7g.xlarge",
                     "service": { "kind": "fixed", "seconds": 0.1 }, "discountPercent": 10,
                     "extraCostLines": [ { "item": "load balancer", "unit": "month", "usdPerUnit": 16.43, "quantityPerMonth": 1 } ] } ] }
]=])
run_cli(rc out err simulate ${CMAKE_CURRENT_BINARY_DIR}/discount.json --json)
expect_equal("${rc}" "0" "discount scenario")
# One c7g.xlarge node for 730 h at $0.145 = $105.85, less 10 % = -$10.59 (rounded
# half-up per line), plus the $16.43 load balancer: $111.69 per month.
string(JSON month GET "${out}" deployments 0 costUsd perMonth)
to_cents("${month}" month_cents)
expect_equal("${month_cents}" "11169" "discounted month with an extra line")
