# breakeven-cli simulate with LLM engines: GPU figures come from the
# catalogue by the deployment's gpu id, the --json output carries vLLM's
# metrics and the cold-start components, the table shows them, and a GPU the
# catalogue does not know is an input error naming its JSON path.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
set(scenario ${DATA_DIR}/llm/catalogue-gpus.json)

run_cli(rc out err simulate ${scenario} --json)
expect_equal("${rc}" "0" "exit code")
foreach(i 0 1)
  foreach(key ttftSeconds tpotSeconds itlSeconds)
    foreach(q p50 p90 p99)
      string(JSON v ERROR_VARIABLE missing GET "${out}" deployments ${i} ${key} ${q})
      if(missing)
        message(FATAL_ERROR "deployments[${i}].${key}.${q} missing")
      endif()
    endforeach()
  endforeach()
  foreach(key goodputFraction outputTokensPerSecond preemptions kvUtilization)
    string(JSON v ERROR_VARIABLE missing GET "${out}" deployments ${i} ${key})
    if(missing)
      message(FATAL_ERROR "deployments[${i}].${key} missing")
    endif()
  endforeach()
endforeach()
# The dedicated L40S pair has spare capacity: every request within the SLOs.
string(JSON goodput GET "${out}" deployments 0 goodputFraction)
expect_equal("${goodput}" "1.0" "dedicated goodput")
# 7.24 B bf16 weights at 0.5 GB/s: 28.97 s, more than the 20 s pull.
string(JSON dominant GET "${out}" deployments 1 coldStartComponentsSeconds dominant)
expect_equal("${dominant}" "weightLoad" "dominant cold-start component")
string(JSON pull GET "${out}" deployments 1 coldStartComponentsSeconds imagePull)
expect_equal("${pull}" "20.0" "image pull seconds")
string(JSON perToken ERROR_VARIABLE missing GET "${out}" deployments 1 costUsd per1MTokens)
if(missing)
  message(FATAL_ERROR "no \$ per 1M tokens for the serverless LLM deployment: ${missing}")
endif()

run_cli(rc out err simulate ${scenario})
expect_equal("${rc}" "0" "table exit code")
expect_contains("${out}" "TTFT p50" "LLM table")
expect_contains("${out}" "goodput" "LLM table")

file(READ ${scenario} text)
string(REPLACE "\"gpu\": \"L40S\", \"gpuCount\": 1,\n     \"service\": {\"kind\": \"llm\", \"model\": \"mistral-7b\",\n"
               "\"gpu\": \"Z9000\", \"gpuCount\": 1,\n     \"service\": {\"kind\": \"llm\", \"model\": \"mistral-7b\",\n"
               text "${text}")
string(REPLACE "../../../resources" "${SOURCE_DIR}/resources" text "${text}")
set(bad ${CMAKE_CURRENT_BINARY_DIR}/simulate_llm_unknown_gpu.json)
file(WRITE ${bad} "${text}")
run_cli(rc out err simulate ${bad})
expect_equal("${rc}" "2" "unknown GPU exit code")
expect_contains("${err}" "deployments[1].gpu: GPU \"Z9000\" is not in the catalogue" "unknown GPU message")
