# Helpers for CLI tests: run breakeven-cli and check exit code and output.
function(run_cli out_rc out_stdout out_stderr)
  execute_process(COMMAND ${CLI} ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE so ERROR_VARIABLE se)
  set(${out_rc} "${rc}" PARENT_SCOPE)
  set(${out_stdout} "${so}" PARENT_SCOPE)
  set(${out_stderr} "${se}" PARENT_SCOPE)
endfunction()

function(expect_equal actual expected what)
  if(NOT "${actual}" STREQUAL "${expected}")
    message(FATAL_ERROR "${what}: expected '${expected}', got '${actual}'")
  endif()
endfunction()

function(expect_contains haystack needle what)
  string(FIND "${haystack}" "${needle}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "${what}: expected to contain '${needle}', got:\n${haystack}")
  endif()
endfunction()

# CMake prints JSON numbers with 17 significant digits (0.4 -> 0.40000000000000002):
# compare money as whole cents.
function(to_cents text out)
  if(NOT "${text}" MATCHES "^(-?)([0-9]+)(\\.([0-9]*))?$")
    message(FATAL_ERROR "not a number: '${text}'")
  endif()
  set(sign "${CMAKE_MATCH_1}")
  set(whole "${CMAKE_MATCH_2}")
  set(fraction "${CMAKE_MATCH_4}000")
  string(SUBSTRING "${fraction}" 0 2 two)
  string(SUBSTRING "${fraction}" 2 1 third)
  math(EXPR cents "${whole} * 100 + 1${two} - 100")
  if(third GREATER_EQUAL 5)
    math(EXPR cents "${cents} + 1")
  endif()
  set(${out} "${sign}${cents}" PARENT_SCOPE)
endfunction()

