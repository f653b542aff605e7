# breakeven-cli sweep --csv: RFC 4180 records, a header naming the
# swept parameter, one record per point and alternative, the same $/month
# as sweep --json.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(demo ${SOURCE_DIR}/resources/demo/demo-scenario.json)
set(args sweep ${demo} --parameter workload.rateScale --from 0.5 --to 2 --points 3 --log --threads 2)

run_cli(rc csv err ${args} --csv)
expect_equal("${rc}" "0" "sweep --csv exit code")
# (execute_process turns CRLF into LF; test_gui_export checks the CRLF.)
string(REPLACE "\r" "" csv "${csv}")
string(REPLACE "\n" ";" records "${csv}")
list(FILTER records EXCLUDE REGEX "^$")
list(LENGTH records n)
run_cli(rc json err ${args} --json)
expect_equal("${rc}" "0" "sweep --json exit code")
string(JSON alternatives LENGTH "${json}" points 0 deployments)
math(EXPR expected "1 + 3 * ${alternatives}")
expect_equal("${n}" "${expected}" "header + one record per point and alternative")
list(GET records 0 header)
expect_equal("${header}"
  "workload.rateScale,requests_per_second,alternative,usd_per_month,p99_seconds,cold_start_fraction,reject_fraction"
  "header")
# Record k+1 is point k / alternatives, deployment k % alternatives.
foreach(k RANGE 1 ${alternatives})
  math(EXPR point "(${k} - 1) / ${alternatives}")
  math(EXPR dep "(${k} - 1) % ${alternatives}")
  list(GET records ${k} record)
  string(REPLACE "," ";" fields "${record}")
  list(GET fields 2 name)
  list(GET fields 3 usd)
  string(JSON jname GET "${json}" points ${point} deployments ${dep} name)
  string(JSON jusd GET "${json}" points ${point} deployments ${dep} costUsdPerMonth)
  expect_equal("${name}" "${jname}" "record ${k} alternative")
  to_cents("${usd}" a)
  to_cents("${jusd}" b)
  expect_equal("${a}" "${b}" "record ${k} $/month (cents)")
endforeach()
