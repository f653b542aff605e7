# `mpirun -np 2 breakeven-cli sweep|uncertainty … --mpi` prints exactly the
# bytes of the single-machine run up to its `run` object (docs/scale-out.md).
# Registered only when breakeven-cli is built with BREAKEVEN_MPI.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/CliSupport.cmake)
set(work ${CMAKE_CURRENT_BINARY_DIR}/mpi_identical)
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

# Open MPI in containers: root needs --allow-run-as-root, and the vader
# transport's single-copy (CMA) is often not permitted.
set(ENV{OMPI_MCA_btl_vader_single_copy_mechanism} none)
set(mpirun ${MPIEXEC} --allow-run-as-root --oversubscribe -np 2)

foreach(command sweep uncertainty)
  if(command STREQUAL "sweep")
    set(args --parameter workload.rateScale --from 0.1 --to 4 --points 7 --log --json)
  else()
    set(args --runs 5 --vary pricing.factor=0.9:1.1 --grid-points 4 --grid-from 0.1 --grid-to 4 --json)
  endif()
  # Before mpirun, so the catalogue exists; rank 0 would create it otherwise.
  run_cli(rc local err ${command} ${scenario} ${args})
  expect_equal("${rc}" "0" "local ${command} (${err})")
  execute_process(COMMAND ${mpirun} ${CLI} ${command} ${scenario} ${args} --mpi
                  RESULT_VARIABLE rc OUTPUT_VARIABLE distributed ERROR_VARIABLE err)
  expect_equal("${rc}" "0" "mpirun ${command} (${err})")
  before_run("${local}" expected)
  before_run("${distributed}" got)
  expect_equal("${got}" "${expected}" "${command} over 2 MPI ranks = local run, byte for byte before run")
  string(JSON ranks GET "${distributed}" run threads)
  expect_equal("${ranks}" "2" "${command}: run.threads counts the ranks")
endforeach()

# A failing run exits non-zero with nothing on stdout (here every rank
# rejects the parameter; a rank killed mid-run is checked by hand, see
# docs/scale-out.md).
execute_process(COMMAND ${mpirun} ${CLI} sweep ${scenario} --parameter workload.nope --from 1 --to 2 --points 2
                        --json --mpi
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "a failing MPI run must exit non-zero:\n${err}")
endif()
expect_equal("${out}" "" "a failed MPI run prints no result")
