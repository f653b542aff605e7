# Stored results and re-pricing (docs/workspace-format.md "Stored results and
# re-pricing"): simulate WS --scenario NAME --save stores the result with its
# prices; workspace reprice prices the stored ledgers with today's catalogue,
# names the changed rows and reports a flipped winner on a constructed case.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(work ${CMAKE_CURRENT_BINARY_DIR}/cli_workspace_reprice_work)
file(REMOVE_RECURSE ${work})
file(MAKE_DIRECTORY ${work})
# The test edits prices: a fresh catalogue of its own on every run.
set(ENV{BREAKEVEN_CATALOG} ${work}/catalog.sqlite)

# 60 requests of 0.2 s at 1 GB in 600 s. Per 730-hour month (x 4380):
#   Lambda: 52,560 GB-s x $0.0000166667 = $0.88 + 262,800 requests x $0.20/1M = $0.05 -> $0.93
#   one c7g.xlarge: 730 h x $0.145 = $105.85
# so Lambda is the cheapest. At $0.01 per GB-s Lambda costs $525.60 + $0.05 = $525.65
# and the dedicated node wins.
set(arrivals "0")
foreach(i RANGE 1 59)
  math(EXPR t "${i} * 10")
  string(APPEND arrivals ", ${t}")
endforeach()
file(WRITE ${work}/flip.json "{\"schemaVersion\": 1, \"name\": \"flip\", \"seed\": 3,
 \"workload\": {\"kind\": \"list\", \"arrivalsSeconds\": [${arrivals}], \"durationSeconds\": 600},
 \"deployments\": [
  {\"name\": \"lambda-1gb\", \"platform\": \"aws-lambda\", \"memoryMb\": 1024,
   \"service\": {\"kind\": \"fixed\", \"seconds\": 0.2}, \"keepAliveSeconds\": 600},
  {\"name\": \"c7g-x1\", \"platform\": \"aws-ec2\", \"kind\": \"dedicated\", \"nodes\": 1,
   \"instanceType\": \"c7g.xlarge\", \"memoryMb\": 8192, \"vcpu\": 4,
   \"service\": {\"kind\": \"fixed\", \"seconds\": 0.2}}]}")
run_cli(rc out err workspace create --scenario ${work}/flip.json --out ${work}/flip.breakeven.json)
expect_equal("${rc}" "0" "create: ${err}")

# --save needs a workspace.
run_cli(rc out err simulate ${work}/flip.json --save)
expect_equal("${rc}" "2" "--save on a scenario file")
expect_contains("${err}" "--save stores the result in a workspace" "--save message")
# reprice before anything is stored: a usage error that says how to store one.
run_cli(rc out err workspace reprice ${work}/flip.breakeven.json)
expect_equal("${rc}" "2" "reprice without results")
expect_contains("${err}" "has no stored result" "no results message")

run_cli(rc printed err simulate ${work}/flip.breakeven.json --scenario flip --save --json)
expect_equal("${rc}" "0" "simulate --save: ${err}")
expect_contains("${err}" "saved the result of \"flip\"" "save note")
file(READ ${work}/flip.breakeven.json stored)
string(JSON nresults LENGTH "${stored}" results)
expect_equal("${nresults}" "1" "one stored result")
string(JSON nprices LENGTH "${stored}" prices)
expect_equal("${nprices}" "1" "one embedded snapshot")
string(JSON storedId GET "${stored}" prices 0 snapshotId)
string(JSON resultId GET "${stored}" results 0 result catalogSnapshot id)
expect_equal("${resultId}" "${storedId}" "result names its embedded snapshot")
string(JSON rate GET "${stored}" prices 0 items lambda.x86.gb-second usdPerUnit)
# (CMake prints JSON numbers with 17 digits: 1.6666700000000001e-05)
if(NOT "${rate}" MATCHES "^1\\.666670*(0001)?e-05$")
  message(FATAL_ERROR "embedded Lambda GB-second price: got '${rate}'")
endif()
# The stored result is what simulate printed, apart from `run`.
string(JSON result GET "${stored}" results 0 result)
string(JSON result REMOVE "${result}" run)
string(JSON printed REMOVE "${printed}" run)
string(JSON same EQUAL "${result}" "${printed}")
expect_equal("${same}" "ON" "stored result equals the printed one apart from run")
run_cli(rc out err workspace validate ${work}/flip.breakeven.json)
expect_equal("${rc}" "0" "the saved workspace validates: ${err}")

# Same catalogue: nothing changed, same costs, same winner.
run_cli(rc out err workspace reprice ${work}/flip.breakeven.json --json)
expect_equal("${rc}" "0" "reprice unchanged: ${err}")
string(JSON nchanges LENGTH "${out}" results 0 priceChanges)
expect_equal("${nchanges}" "0" "no price changes")
string(JSON oldUsd GET "${out}" results 0 alternatives 0 oldUsdPerMonth)
string(JSON newUsd GET "${out}" results 0 alternatives 0 newUsdPerMonth)
to_cents("${oldUsd}" oldCents)
to_cents("${newUsd}" newCents)
expect_equal("${oldCents}" "93" "Lambda $/month with the stored prices")
expect_equal("${newCents}" "93" "Lambda $/month re-priced unchanged")
string(JSON dedicated GET "${out}" results 0 alternatives 1 newUsdPerMonth)
to_cents("${dedicated}" dedicatedCents)
expect_equal("${dedicatedCents}" "10585" "c7g.xlarge $/month")
string(JSON flipped GET "${out}" results 0 winner flipped)
expect_equal("${flipped}" "OFF" "no flip on the same prices")
string(JSON winner GET "${out}" results 0 winner new)
expect_equal("${winner}" "lambda-1gb" "Lambda is the cheapest")

# Lambda's GB-second x 600: the winner flips, and the changed row is named.
run_cli(rc out err catalog set lambda.x86.gb-second 0.01 --source "test: what-if")
expect_equal("${rc}" "0" "catalog set: ${err}")
run_cli(rc out err workspace reprice ${work}/flip.breakeven.json --scenario flip --json)
expect_equal("${rc}" "0" "reprice after the edit: ${err}")
string(JSON nchanges LENGTH "${out}" results 0 priceChanges)
expect_equal("${nchanges}" "1" "one changed row")
string(JSON id GET "${out}" results 0 priceChanges 0 priceId)
expect_equal("${id}" "lambda.x86.gb-second" "changed row id")
string(JSON newRate GET "${out}" results 0 priceChanges 0 newUsdPerUnit)
if(NOT "${newRate}" MATCHES "^0\\.01(0000000000000000)?[0-9]?$")
  message(FATAL_ERROR "changed row's new price: got '${newRate}'")
endif()
string(JSON oldUsd GET "${out}" results 0 alternatives 0 oldUsdPerMonth)
string(JSON newUsd GET "${out}" results 0 alternatives 0 newUsdPerMonth)
to_cents("${oldUsd}" oldCents)
to_cents("${newUsd}" newCents)
expect_equal("${oldCents}" "93" "old Lambda $/month")
expect_equal("${newCents}" "52565" "new Lambda $/month")
string(JSON flipped GET "${out}" results 0 winner flipped)
expect_equal("${flipped}" "ON" "the winner flipped")
string(JSON oldWinner GET "${out}" results 0 winner old)
string(JSON newWinner GET "${out}" results 0 winner new)
expect_equal("${oldWinner}" "lambda-1gb" "old winner")
expect_equal("${newWinner}" "c7g-x1" "new winner")
run_cli(rc out err workspace reprice ${work}/flip.breakeven.json)
expect_equal("${rc}" "0" "reprice text")
expect_contains("${out}" "Cheapest alternative FLIPPED: lambda-1gb -> c7g-x1" "flip in the text")
expect_contains("${out}" "lambda.x86.gb-second" "changed row in the text")

# --save: the new costs and prices are stored; re-pricing again changes nothing.
run_cli(rc out err workspace reprice ${work}/flip.breakeven.json --save)
expect_equal("${rc}" "0" "reprice --save: ${err}")
file(READ ${work}/flip.breakeven.json stored)
string(JSON nprices LENGTH "${stored}" prices)
expect_equal("${nprices}" "1" "only the new snapshot is kept")
string(JSON perMonth GET "${stored}" results 0 result deployments 0 costUsd perMonth)
to_cents("${perMonth}" cents)
expect_equal("${cents}" "52565" "stored cost updated")
run_cli(rc out err workspace reprice ${work}/flip.breakeven.json --json)
string(JSON flipped GET "${out}" results 0 winner flipped)
expect_equal("${flipped}" "OFF" "no flip after saving the new prices")
string(JSON nchanges LENGTH "${out}" results 0 priceChanges)
expect_equal("${nchanges}" "0" "no changes after saving the new prices")

run_cli(rc out err workspace reprice ${work}/flip.breakeven.json --scenario nope)
expect_equal("${rc}" "2" "unknown scenario")
expect_contains("${err}" "no scenario named \"nope\"" "unknown scenario message")
