# merge refuses what does not add up, naming item ids and files: a missing
# part, a duplicated part, parts of another scenario (SHA-256), of other
# arguments, a truncated part, and a catalogue other than the parts'.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(work ${CMAKE_CURRENT_BINARY_DIR}/shard_errors)
file(REMOVE_RECURSE ${work})
file(MAKE_DIRECTORY ${work})
set(scenario ${work}/scenario.json)
set(text [=[
{
  "schemaVersion": 1, "name": "lambda, half an hour", "seed": 5,
  "workload": { "kind": "poisson", "ratePerSecond": 2.0, "durationSeconds": 1800 },
  "deployments": [
    { "name": "lambda", "platform": "aws-lambda", "memoryMb": 2048, "vcpu": 1,
      "service": { "kind": "lognormal", "p50Seconds": 0.35, "p99Seconds": 1.2 },
      "coldStart": { "kind": "lognormal", "p50Seconds": 1.8, "p99Seconds": 4.5 },
      "billing": "perRequestDuration" }
  ]
}
]=])
file(WRITE ${scenario} "${text}")
string(REPLACE "\"seed\": 5" "\"seed\": 6" other "${text}")
file(WRITE ${work}/other.json "${other}")

set(args --parameter workload.rateScale --from 0.5 --to 2 --points 7)
foreach(i 0 1 2)
  run_cli(rc out err sweep ${scenario} ${args} --shard ${i}/3 --out ${work}/p${i}.jsonl)
  expect_equal("${rc}" "0" "shard ${i}/3 (${err})")
endforeach()

run_cli(rc out err merge ${work}/p0.jsonl ${work}/p2.jsonl)
expect_equal("${rc}" "2" "missing part exit code")
expect_contains("${err}" "2 of 7 items missing: 1, 4" "missing ids named")
expect_equal("${out}" "" "nothing printed for a missing part")

run_cli(rc out err merge ${work}/p0.jsonl ${work}/p1.jsonl ${work}/p2.jsonl ${work}/p1.jsonl)
expect_equal("${rc}" "2" "duplicated part exit code")
expect_contains("${err}" "item 1 is duplicated: in ${work}/p1.jsonl:2 and ${work}/p1.jsonl:2" "duplicate id 1")
expect_contains("${err}" "item 4 is duplicated" "duplicate id 4")
expect_equal("${out}" "" "nothing printed for a duplicated part")

run_cli(rc out err sweep ${work}/other.json ${args} --shard 1/3 --out ${work}/other1.jsonl)
expect_equal("${rc}" "0" "other scenario's shard")
run_cli(rc out err merge ${work}/p0.jsonl ${work}/other1.jsonl ${work}/p2.jsonl)
expect_equal("${rc}" "2" "mismatched scenario exit code")
expect_contains("${err}" "${work}/other1.jsonl does not belong with ${work}/p0.jsonl: scenario SHA-256" "hash named")

run_cli(rc out err sweep ${scenario} --parameter workload.rateScale --from 0.5 --to 3 --points 7 --shard 1/3
        --out ${work}/args1.jsonl)
run_cli(rc out err merge ${work}/p0.jsonl ${work}/args1.jsonl ${work}/p2.jsonl)
expect_equal("${rc}" "2" "mismatched arguments exit code")
expect_contains("${err}" "arguments '--parameter workload.rateScale --from 0.5 --to 3" "arguments named")

file(STRINGS ${work}/p1.jsonl lines)
list(GET lines 0 header)
list(GET lines 1 item)
string(SUBSTRING "${item}" 0 40 cut)
file(WRITE ${work}/cut.jsonl "${header}\n${cut}\n")
run_cli(rc out err merge ${work}/p0.jsonl ${work}/cut.jsonl ${work}/p2.jsonl)
expect_equal("${rc}" "2" "truncated part exit code")
expect_contains("${err}" "${work}/cut.jsonl:2: not a JSON object" "truncated line named")

# The merge re-prices refinement probes: it must use the parts' catalogue.
run_cli(rc out err catalog --catalog ${work}/edited.sqlite set lambda.x86.gb-second 0.00002 --source test)
expect_equal("${rc}" "0" "catalogue edit (${err})")
run_cli(rc out err merge ${work}/p0.jsonl ${work}/p1.jsonl ${work}/p2.jsonl --catalog ${work}/edited.sqlite)
expect_equal("${rc}" "1" "other catalogue exit code")
expect_contains("${err}" "the parts were priced with snapshot" "snapshot mismatch named")

run_cli(rc out err merge ${work}/p0.jsonl ${work}/p1.jsonl ${work}/p2.jsonl)
expect_equal("${rc}" "0" "the three parts merge (${err})")

run_cli(rc out err sweep ${scenario} ${args} --shard 2 --out x)
expect_equal("${rc}" "2" "bad --shard")
expect_contains("${err}" "--shard '2': expected I/N" "bad --shard named")
run_cli(rc out err sweep ${scenario} ${args} --shard 0/2 --mpi)
expect_equal("${rc}" "2" "--shard with --mpi")
