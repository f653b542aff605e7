# `simulate -` reads the scenario from standard input.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)
execute_process(COMMAND ${CLI} simulate - --json
                INPUT_FILE ${SOURCE_DIR}/resources/demo/demo-scenario.json
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect_equal("${rc}" "0" "stdin exit code")
string(JSON name GET "${out}" scenario)
expect_equal("${name}" "Image classifier, one diurnal day" "scenario name from stdin")
file(SHA256 ${SOURCE_DIR}/resources/demo/demo-scenario.json expected)
string(JSON sha GET "${out}" scenarioSha256)
expect_equal("${sha}" "${expected}" "scenarioSha256 is the SHA-256 of the input bytes")
