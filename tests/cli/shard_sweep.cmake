# Sharded sweep (docs/scale-out.md): the parts of --shard I/N for N = 1, 2, 3
# and 7, merged, print exactly the bytes of the single-machine run up to its
# `run` object (wall-clock figures); each part holds only its own point ids.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(work ${CMAKE_CURRENT_BINARY_DIR}/shard_sweep)
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

# The JSON up to (not including) the `run` object, which holds wall-clock figures.
function(before_run json out)
  string(FIND "${json}" "\"run\": {" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "no run object in:\n${json}")
  endif()
  string(SUBSTRING "${json}" 0 ${at} prefix)
  set(${out} "${prefix}" PARENT_SCOPE)
endfunction()

set(args --parameter workload.rateScale --from 0.1 --to 4 --points 7 --log)
run_cli(rc local err sweep ${scenario} ${args} --json --threads 2)
expect_equal("${rc}" "0" "local sweep (${err})")
string(JSON crossovers LENGTH "${local}" crossovers)
if(crossovers LESS 1)
  message(FATAL_ERROR "the test needs a crossover, so that merge refines one:\n${local}")
endif()
string(JSON refined GET "${local}" crossovers 0 refined)
expect_equal("${refined}" "ON" "crossover refined")
before_run("${local}" expected)

foreach(n 1 2 3 7)
  set(parts)
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    set(part ${work}/sweep-${n}-${i}.jsonl)
    run_cli(rc out err sweep ${scenario} ${args} --shard ${i}/${n} --out ${part} --threads 1)
    expect_equal("${rc}" "0" "shard ${i}/${n} (${err})")
    # Items are the points with id % n == i, nothing else.
    file(STRINGS ${part} lines)
    list(LENGTH lines count)
    math(EXPR want "(7 - ${i} + ${n} - 1) / ${n} + 1")
    expect_equal("${count}" "${want}" "shard ${i}/${n}: header + its points")
    list(GET lines 1 item)
    string(JSON id GET "${item}" id)
    expect_equal("${id}" "${i}" "shard ${i}/${n}: first item id")
    string(JSON ledger GET "${item}" alternatives 0 ledgers 0 platform)
    expect_equal("${ledger}" "aws-lambda" "items carry their ledgers")
    list(APPEND parts ${part})
  endforeach()
  run_cli(rc merged err merge ${parts})
  expect_equal("${rc}" "0" "merge of ${n} parts (${err})")
  before_run("${merged}" got)
  expect_equal("${got}" "${expected}" "merged ${n} parts = local run, byte for byte before run")
endforeach()

# Parts to stdout, merged from files given in any order; --out writes the result.
run_cli(rc part0 err sweep ${scenario} ${args} --shard 0/2)
expect_equal("${rc}" "0" "part on stdout")
file(WRITE ${work}/stdout-0.jsonl "${part0}")
run_cli(rc merged err merge ${work}/sweep-2-1.jsonl ${work}/stdout-0.jsonl --out ${work}/result.json)
expect_equal("${rc}" "0" "merge --out (${err})")
file(READ ${work}/result.json merged)
before_run("${merged}" got)
expect_equal("${got}" "${expected}" "merge --out, parts in any order")
