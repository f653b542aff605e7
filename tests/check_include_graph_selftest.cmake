# Guards the include-graph check against passing vacuously (a broken regex
# or glob would report "OK" on the real tree forever). Runs it on a fixture
# tree with known violations and expects exactly those to be reported:
#   cmake -P tests/check_include_graph_selftest.cmake
# CHECKER and FIXTURE_DIR default to the files next to this script.
cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED CHECKER)
  set(CHECKER "${CMAKE_CURRENT_LIST_DIR}/check_include_graph.cmake")
endif()
if(NOT DEFINED FIXTURE_DIR)
  set(FIXTURE_DIR "${CMAKE_CURRENT_LIST_DIR}/data/include_graph_bad")
endif()
foreach(required "${CHECKER}" "${FIXTURE_DIR}/model/bad.h" "${FIXTURE_DIR}/pricing/ok.cpp"
                 "${FIXTURE_DIR}/app/cli/bad.cpp")
  if(NOT EXISTS "${required}")
    message(FATAL_ERROR "include graph self-test: missing ${required}")
  endif()
endforeach()

execute_process(
  COMMAND "${CMAKE_COMMAND}" "-DSOURCE_DIR=${FIXTURE_DIR}" -P "${CHECKER}"
  RESULT_VARIABLE result
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
set(output "${out}${err}")

set(problems "")
if(result EQUAL 0)
  string(APPEND problems "\n  checker succeeded on a tree with known violations")
endif()
# File names are matched with the trailing ':' of the file:line format so
# that a bare mention (say, in an unrelated error) does not count.
foreach(expected "model/bad.h:" "app/cli/bad.cpp:")
  string(FIND "${output}" "${expected}" pos)
  if(pos EQUAL -1)
    string(APPEND problems "\n  output does not report ${expected}<line>")
  endif()
endforeach()
# pricing/ok.cpp includes a model/ header, which is allowed.
string(FIND "${output}" "pricing/ok.cpp" pos)
if(NOT pos EQUAL -1)
  string(APPEND problems "\n  output flags pricing/ok.cpp, which is allowed")
endif()
# Exactly the planted violations: nothing extra, nothing reported twice.
if(NOT output MATCHES "2 layering violation")
  string(APPEND problems "\n  expected exactly 2 layering violations")
endif()

if(NOT problems STREQUAL "")
  message(FATAL_ERROR "include graph self-test failed:${problems}\n"
                      "checker exit status: ${result}\nchecker output:\n${output}")
endif()
message("include graph self-test OK: checker rejects ${FIXTURE_DIR}")
