# breakeven-cli diff: two scenarios, a scenario against a saved result, the
# --json shape with added / removed deployments, and input errors.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(dir ${CMAKE_CURRENT_BINARY_DIR}/diff-cli)
file(MAKE_DIRECTORY ${dir})
set(lambda [=[
    { "name": "lambda", "platform": "aws-lambda", "memoryMb": MEMORY, "vcpu": 2,
      "service": { "kind": "lognormal", "p50Seconds": 0.35, "p99Seconds": 1.2 },
      "coldStart": { "kind": "fixed", "seconds": 1.5 }, "billing": "perRequestDuration" }]=])
set(node [=[
    { "name": "node", "platform": "aws-ec2", "kind": "dedicated", "nodes": 1,
      "instanceType": "c7g.xlarge", "memoryMb": 8192, "vcpu": 4,
      "service": { "kind": "lognormal", "p50Seconds": 0.35, "p99Seconds": 1.2 },
      "concurrencyPerInstance": 4, "overflow": "queue", "queueTimeoutSeconds": 30,
      "requestTimeoutSeconds": 300, "billing": "nodeHours" }]=])
set(head [=[{ "schemaVersion": 1, "name": "NAME", "seed": 3,
  "workload": { "kind": "poisson", "ratePerSecond": 1.0, "durationSeconds": 1800 },
  "deployments": []=])
string(REPLACE "MEMORY" "3008" lambdaA "${lambda}")
string(REPLACE "MEMORY" "1536" lambdaB "${lambda}")
string(REPLACE "NAME" "A" headA "${head}")
string(REPLACE "NAME" "B" headB "${head}")
string(REPLACE "\"node\"" "\"node-b\"" nodeB "${node}")
file(WRITE ${dir}/a.json "${headA}${lambdaA},${node}\n]}\n")
file(WRITE ${dir}/b.json "${headB}${lambdaB},${nodeB}\n]}\n")

run_cli(rc out err diff ${dir}/a.json ${dir}/b.json --json)
expect_equal("${rc}" "0" "diff of two scenarios (${err})")
string(JSON kind GET "${out}" a kind)
expect_equal("${kind}" "scenario" "A detected as a scenario")
string(JSON n LENGTH "${out}" deployments)
expect_equal("${n}" "3" "lambda (both), node (removed), node-b (added)")
string(JSON name GET "${out}" deployments 0 name)
string(JSON status GET "${out}" deployments 0 status)
expect_equal("${name}/${status}" "lambda/both" "matched by name")
string(JSON status GET "${out}" deployments 1 status)
expect_equal("${status}" "removed" "only in A")
string(JSON status GET "${out}" deployments 2 status)
expect_equal("${status}" "added" "only in B")
string(JSON delta TYPE "${out}" deployments 1 delta)
expect_equal("${delta}" "NULL" "no delta for a removed deployment")
# Half the memory: Lambda's GB-seconds halve, so it costs less in B.
string(JSON a GET "${out}" deployments 0 a costUsdPerMonth)
string(JSON b GET "${out}" deployments 0 b costUsdPerMonth)
string(JSON d GET "${out}" deployments 0 delta costUsdPerMonth)
if(NOT b LESS a OR NOT d LESS 0)
  message(FATAL_ERROR "expected B's Lambda cheaper: ${a} → ${b} (delta ${d})")
endif()

# A saved result against the scenario it came from: nothing changes.
run_cli(rc saved err simulate ${dir}/a.json --json)
expect_equal("${rc}" "0" "simulate --json")
file(WRITE ${dir}/a-result.json "${saved}")
run_cli(rc out err diff ${dir}/a-result.json ${dir}/a.json --json)
expect_equal("${rc}" "0" "diff of a result and a scenario (${err})")
string(JSON kind GET "${out}" a kind)
expect_equal("${kind}" "result" "A detected as a saved result")
string(JSON kind GET "${out}" b kind)
expect_equal("${kind}" "scenario" "B detected as a scenario")
foreach(i 0 1)
  string(JSON dc GET "${out}" deployments ${i} delta costUsdPerMonth)
  string(JSON dp GET "${out}" deployments ${i} delta p99Seconds)
  if(NOT dc EQUAL 0 OR NOT dp EQUAL 0)
    message(FATAL_ERROR "same scenario, same seed: deltas ${dc} / ${dp} for deployment ${i}")
  endif()
endforeach()

run_cli(rc out err diff ${dir}/a.json ${dir}/b.json)
expect_equal("${rc}" "0" "text exit code")
expect_contains("${out}" "Δ $/mo" "table header")
expect_contains("${out}" "removed" "removed deployment listed")

run_cli(rc out err diff ${dir}/a.json)
expect_equal("${rc}" "2" "one file only")
run_cli(rc out err diff ${dir}/a.json ${dir}/missing.json)
expect_equal("${rc}" "2" "missing file")
expect_contains("${err}" "missing.json" "file named")
file(WRITE ${dir}/neither.json "{\"hello\": 1}")
run_cli(rc out err diff ${dir}/a.json ${dir}/neither.json)
expect_equal("${rc}" "2" "neither a scenario nor a result")
expect_contains("${err}" "neither.json" "file named")
