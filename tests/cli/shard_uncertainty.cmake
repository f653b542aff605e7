# Sharded Monte Carlo (docs/scale-out.md): uncertainty --shard I/N for N = 1,
# 2, 3 and 7, merged, prints exactly the bytes of the single-machine run up
# to its `run` object.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(work ${CMAKE_CURRENT_BINARY_DIR}/shard_uncertainty)
file(REMOVE_RECURSE ${work})
file(MAKE_DIRECTORY ${work})
set(scenario ${work}/scenario.json)
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

function(before_run json out)
  string(FIND "${json}" "\"run\": {" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "no run object in:\n${json}")
  endif()
  string(SUBSTRING "${json}" 0 ${at} prefix)
  set(${out} "${prefix}" PARENT_SCOPE)
endfunction()

set(args --runs 7 --vary pricing.factor=0.9:1.1 --vary workload.rateScale=0.8:1.5 --grid-points 4
    --grid-from 0.1 --grid-to 4 --seed 11)
run_cli(rc local err uncertainty ${scenario} ${args} --json --threads 2)
expect_equal("${rc}" "0" "local run (${err})")
string(JSON bands LENGTH "${local}" crossoverBands)
if(bands LESS 1)
  message(FATAL_ERROR "the test needs a crossover band:\n${local}")
endif()
before_run("${local}" expected)

foreach(n 1 2 3 7)
  set(parts)
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    set(part ${work}/runs-${n}-${i}.jsonl)
    run_cli(rc out err uncertainty ${scenario} ${args} --shard ${i}/${n} --out ${part} --threads 1)
    expect_equal("${rc}" "0" "shard ${i}/${n} (${err})")
    list(APPEND parts ${part})
  endforeach()
  run_cli(rc merged err merge ${parts})
  expect_equal("${rc}" "0" "merge of ${n} parts (${err})")
  before_run("${merged}" got)
  expect_equal("${got}" "${expected}" "merged ${n} parts = local run, byte for byte before run")
endforeach()

# An item carries its id, seed, drawn inputs, metrics and ledgers.
file(STRINGS ${work}/runs-3-2.jsonl lines)
list(GET lines 2 item)
string(JSON id GET "${item}" id)
expect_equal("${id}" "5" "second item of shard 2/3")
string(JSON path GET "${item}" inputs 1 path)
expect_equal("${path}" "workload.rateScale" "inputs named by path")
string(JSON platform GET "${item}" alternatives 1 ledgers 0 platform)
expect_equal("${platform}" "aws-ec2" "ledger of the node")
