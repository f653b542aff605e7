# breakeven-cli estimate: the roofline of a Llama-2-7B-shaped model on the
# catalogue's H200 against the real H200 measurement
# (../shared/data/profiles/h200-llama7b-shape.csv: prefill of 2,048 tokens
# 0.051807 s, decode batch 1 at context 512 0.004925 s), the memory figures
# by hand, the derived shape, and exit code 2 with a clear message on bad input.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)

# "0.0582141868..." -> whole microseconds (CMake's math has integers only).
function(to_micros text out)
  if(NOT "${text}" MATCHES "^([0-9]+)\\.([0-9]*)$")
    message(FATAL_ERROR "not a plain decimal number: '${text}'")
  endif()
  set(whole "${CMAKE_MATCH_1}")
  set(fraction "${CMAKE_MATCH_2}000000")
  string(SUBSTRING "${fraction}" 0 6 six)
  math(EXPR micros "${whole} * 1000000 + 1${six} - 1000000")
  set(${out} "${micros}" PARENT_SCOPE)
endfunction()

# |got - measured| <= 25 % of measured, all in microseconds.
function(expect_within_25_percent json key measured_us what)
  string(JSON value GET "${json}" ${key})
  to_micros("${value}" got)
  math(EXPR low "${measured_us} * 75 / 100")
  math(EXPR high "${measured_us} * 125 / 100")
  if(got LESS low OR got GREATER high)
    message(FATAL_ERROR "${what}: ${key} = ${value} s, not within 25 % of ${measured_us} us")
  endif()
  message(STATUS "${what}: ${key} ${got} us vs measured ${measured_us} us")
endfunction()

set(h200_7b --params 6738411520 --bytes-per-weight 2 --gpu H200
            --layers 32 --hidden 4096 --kv-heads 32 --head-dim 128)

run_cli(rc out err estimate ${h200_7b} --json)
expect_equal("${rc}" "0" "H200 7B exit code (${err})")
expect_within_25_percent("${out}" prefillSeconds 51807 "prefill of 2,048 tokens")
expect_within_25_percent("${out}" decodeStepSeconds 4925 "decode batch 1, context 512")
string(JSON fits GET "${out}" fitsGpuMemory)
expect_equal("${fits}" "ON" "13.5 GB of weights fit in 141 GB")
# (141e9 x 0.9 - 13,476,823,040 - 1e9 reserve) / 524,288 bytes per token = 214,430.3
string(JSON kv GET "${out}" kvCapacityTokens)
expect_equal("${kv}" "214430" "kvCapacityTokens")
# 13,476,823,040 bytes at the default 2 GB/s, safetensors: 6.738 s
string(JSON load GET "${out}" weightLoadSeconds)
to_micros("${load}" load_us)
expect_equal("${load_us}" "6738411" "weightLoadSeconds")
string(JSON tps GET "${out}" tokensPerSecond)
if(NOT tps MATCHES "^232\\.")
  message(FATAL_ERROR "tokensPerSecond: 1 / decodeStepSeconds = 232.8 expected, got ${tps}")
endif()
string(JSON derived GET "${out}" model shapeDerived)
expect_equal("${derived}" "OFF" "the full shape was given")

# Batch 32 at context 2,048 (measured 0.013416 s) and the throughput that follows.
run_cli(rc out err estimate ${h200_7b} --batch 32 --context 2048 --json)
expect_equal("${rc}" "0" "batch 32 exit code (${err})")
expect_within_25_percent("${out}" decodeStepSeconds 13416 "decode batch 32, context 2048")

# Without a shape the Llama-style derivation gives Llama-2-7B's own.
run_cli(rc out err estimate --params 6738411520 --bytes-per-weight 2 --gpu H200 --json)
expect_equal("${rc}" "0" "derived shape exit code (${err})")
string(JSON layers GET "${out}" model layers)
string(JSON hidden GET "${out}" model hidden)
string(JSON kv_heads GET "${out}" model kvHeads)
expect_equal("${layers}/${hidden}/${kv_heads}" "32/4096/32" "derived shape")
string(JSON derived GET "${out}" model shapeDerived)
expect_equal("${derived}" "ON" "shapeDerived")

# A 70B model in bf16 does not fit one L4 (24 GB); the table says so.
run_cli(rc out err estimate --params 70e9 --bytes-per-weight 2 --gpu L4)
expect_equal("${rc}" "0" "70B on L4 exit code (${err})")
expect_contains("${out}" "prefill step (2048 tokens)" "table")
expect_contains("${out}" "fits GPU memory (2048-token sequence)   no" "table: does not fit")
expect_contains("${out}" "assumption: model shape derived" "table: the derivation is said")

# Bad input: exit code 2, the flag named, the known GPUs listed.
run_cli(rc out err estimate --params 6738411520 --bytes-per-weight 2 --gpu X100)
expect_equal("${rc}" "2" "unknown GPU exit code")
expect_contains("${err}" "--gpu: unknown GPU 'X100' (known: " "unknown GPU message")
expect_contains("${err}" "H200" "unknown GPU lists the catalogue's GPUs")
run_cli(rc out err estimate --params 6738411520 --bytes-per-weight 2)
expect_equal("${rc}" "2" "missing --gpu exit code")
expect_contains("${err}" "missing --gpu" "missing --gpu message")
run_cli(rc out err estimate --params 7 --bytes-per-weight 2 --gpu H200)
expect_equal("${rc}" "2" "--params in billions exit code")
expect_contains("${err}" "--params: 7 is a parameter count" "--params message")
run_cli(rc out err estimate ${h200_7b} --tp 3)
expect_equal("${rc}" "2" "--tp 3 exit code")
expect_contains("${err}" "--tp: 3 must be 1, 2, 4 or 8" "--tp message")
run_cli(rc out err estimate ${h200_7b} --mfu 1.5)
expect_equal("${rc}" "2" "--mfu 1.5 exit code")
run_cli(rc out err estimate ${h200_7b} --frobnicate 1)
expect_equal("${rc}" "2" "unknown flag exit code")
expect_contains("${err}" "unknown option --frobnicate" "unknown flag message")
run_cli(rc out err estimate --help)
expect_equal("${rc}" "0" "--help exit code")
expect_contains("${out}" "--bytes-per-weight" "--help lists the flags")
