# The demo workspace end to end: it validates (its trace matches the recorded
# size and SHA-256), and `simulate WS --scenario NAME --json` answers for both
# scenarios — every alternative priced, the Lambda LLM alternative carrying
# its infeasibility findings, RunPod's GPU class stated as an assumption.
# (tests/model/test_workspace_demo.cpp checks that its scenarios stay the
# resources/demo/*.json files.)
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(demo ${SOURCE_DIR}/resources/demo.breakeven.json)

run_cli(rc out err workspace validate ${demo})
expect_equal("${rc}" "0" "demo workspace validates: ${err}")
expect_contains("${out}" "2 scenarios, 1 trace" "validate summary")

# Every alternative has a $/month and no pricing errors.
function(expect_priced json count)
  string(JSON n LENGTH "${json}" deployments)
  expect_equal("${n}" "${count}" "deployment count")
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON name GET "${json}" deployments ${i} name)
    string(JSON type TYPE "${json}" deployments ${i} costUsd perMonth)
    expect_equal("${type}" "NUMBER" "${name}: costUsd.perMonth")
    string(JSON errors LENGTH "${json}" deployments ${i} costUsd errors)
    expect_equal("${errors}" "0" "${name}: no pricing errors")
  endforeach()
endfunction()

# The CPU classifier, whole (about 19,000 requests per alternative).
run_cli(rc out err simulate ${demo} --scenario cpu-classifier --json)
expect_equal("${rc}" "0" "simulate cpu-classifier: ${err}")
expect_priced("${out}" 3)
string(JSON name GET "${out}" scenario)
expect_equal("${name}" "cpu-classifier" "scenario name")
string(JSON served GET "${out}" deployments 2 served)
expect_equal("${served}" "19366" "the dedicated nodes serve every request of the trace")
string(JSON findings LENGTH "${out}" deployments 0 feasibility)
expect_equal("${findings}" "0" "the classifier fits Lambda")

# The LLM comparison, whole: 19,366 requests on six GPU alternatives (about
# half a second in a Release build).
run_cli(rc out err simulate ${demo} --scenario llm-comparison --json)
expect_equal("${rc}" "0" "simulate llm-comparison: ${err}")
expect_priced("${out}" 7)
# Lambda has no GPU: shown with its reasons, not dropped.
string(JSON name GET "${out}" deployments 0 name)
expect_equal("${name}" "lambda-10gb-cpu-mistral7b" "Lambda alternative first")
string(JSON findings GET "${out}" deployments 0 feasibility)
foreach(code llm-needs-gpu model-exceeds-memory model-exceeds-image-limit weights-exceed-gpu-memory)
  expect_contains("${findings}" "\"${code}\"" "Lambda finding ${code}")
endforeach()
string(JSON severity GET "${out}" deployments 0 feasibility 0 severity)
expect_equal("${severity}" "limit" "Lambda findings are platform limits")
# RunPod's 24 GB class runs with the L4's figures, and says so.
string(JSON assumptions GET "${out}" deployments 4 costUsd assumptions)
expect_contains("${assumptions}" "RunPod GPU class 24gb is simulated as its representative catalogue GPU L4"
                "RunPod class assumption")
# The hybrid reports both members.
string(JSON members LENGTH "${out}" deployments 6 members)
expect_equal("${members}" "2" "hybrid members")
# The dedicated nodes serve the slice.
string(JSON requests GET "${out}" deployments 5 requests)
string(JSON served GET "${out}" deployments 5 served)
expect_equal("${served}" "${requests}" "g6.xlarge x6 serves every request")
expect_equal("${requests}" "19366" "the whole trace")
