# breakeven-cli cost: the five Lambda pricing-page examples of
# pricing-facts.json to the cent (example ids cited), one hand-computed month
# per platform, the readable table and exit code 2 on bad flags or values.
include(${CMAKE_CURRENT_LIST_DIR}/lib/CliSupport.cmake)

function(expect_total json cents what)
  string(JSON total GET "${json}" totalUsd)
  to_cents("${total}" got)
  expect_equal("${got}" "${cents}" "${what}: totalUsd in cents")
endfunction()

# Sum of the lines priced by `price_id`, in cents.
function(expect_line json price_id cents what)
  string(JSON n LENGTH "${json}" lines)
  set(sum 0)
  set(found FALSE)
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON id GET "${json}" lines ${i} priceId)
    if(id STREQUAL price_id)
      string(JSON usd GET "${json}" lines ${i} usd)
      to_cents("${usd}" c)
      math(EXPR sum "${sum} + ${c}")
      set(found TRUE)
    endif()
  endforeach()
  if(NOT found)
    message(FATAL_ERROR "${what}: no line priced by ${price_id} in\n${json}")
  endif()
  expect_equal("${sum}" "${cents}" "${what}: ${price_id} in cents")
endfunction()

function(expect_cost cents what)
  run_cli(rc out err cost ${ARGN} --json)
  expect_equal("${rc}" "0" "${what}: exit code (${err})")
  expect_total("${out}" "${cents}" "${what}")
  set(last_json "${out}" PARENT_SCOPE)
endfunction()

function(expect_usage_error needle what)
  run_cli(rc out err cost ${ARGN})
  expect_equal("${rc}" "2" "${what}: exit code")
  expect_contains("${err}" "${needle}" "${what}: message")
endfunction()

# ---- lambda-page-ephemeral-ex1-mobile-backend: 3M x 120 ms, 1536 MB, free tier -> $2.73
expect_cost(273 "ephemeral ex1" --platform aws-lambda --requests 3000000 --duration-ms 120
            --memory-mb 1536 --free-tier on)
expect_line("${last_json}" lambda.x86.gb-second 233 "ephemeral ex1")
expect_line("${last_json}" lambda.requests 40 "ephemeral ex1")

# ---- lambda-page-ephemeral-ex2-telemetry-ml-inference: 7.44M x 2 s, 1024 MB, no free tier -> $249.49
expect_cost(24949 "ephemeral ex2" --platform aws-lambda --requests 7440000 --duration-ms 2000 --memory-mb 1024)
expect_line("${last_json}" lambda.x86.gb-second 24800 "ephemeral ex2")
expect_line("${last_json}" lambda.requests 149 "ephemeral ex2")

# ---- lambda-page-ephemeral-ex3-bert-nlp-ephemeral: 6M x 280 ms, 4096 MB, 2048 MB /tmp -> $106.41
expect_cost(10641 "ephemeral ex3" --platform aws-lambda --requests 6000000 --duration-ms 280
            --memory-mb 4096 --ephemeral-storage-mb 2048 --free-tier on)
expect_line("${last_json}" lambda.x86.gb-second 10533 "ephemeral ex3")
expect_line("${last_json}" lambda.requests 100 "ephemeral ex3")
expect_line("${last_json}" lambda.ephemeral.gb-second 8 "ephemeral ex3")

# ---- lambda-page-pc-ex1-mobile-app-launch: PC 100 x 8 h; 500k x 100 ms on PC, 2.5M x 120 ms on
# demand; the free tier covers all 3M requests and the on-demand compute, never PC -> $19.96
expect_cost(1996 "pc ex1" --platform aws-lambda --requests 2500000 --duration-ms 120 --memory-mb 1536
            --provisioned-concurrency 100 --provisioned-hours 8 --provisioned-requests 500000
            --provisioned-duration-ms 100 --free-tier on)
expect_line("${last_json}" lambda.pc.x86.gb-second 1800 "pc ex1")
expect_line("${last_json}" lambda.pc.x86.duration.gb-second 73 "pc ex1")
expect_line("${last_json}" lambda.requests 40 "pc ex1")
expect_line("${last_json}" lambda.x86.gb-second 83 "pc ex1")

# ---- lambda-page-pc-ex2-cyber-monday: PC 7 x 24 h, 4096 MB, 2M x 280 ms all on PC -> $32.26
expect_cost(3226 "pc ex2" --platform aws-lambda --requests 0 --memory-mb 4096
            --provisioned-concurrency 7 --provisioned-hours 24 --provisioned-requests 2000000
            --provisioned-duration-ms 280)
expect_line("${last_json}" lambda.pc.x86.gb-second 1008 "pc ex2")
expect_line("${last_json}" lambda.pc.x86.duration.gb-second 2178 "pc ex2")
expect_line("${last_json}" lambda.requests 40 "pc ex2")
string(JSON snapshot GET "${last_json}" catalogSnapshot)
expect_contains("${snapshot}" "cat-" "prices come from the catalogue")
foreach(key item quantity unit usdPerUnit usd priceId)
  string(JSON value ERROR_VARIABLE missing GET "${last_json}" lines 0 ${key})
  if(missing)
    message(FATAL_ERROR "lines[0].${key} missing from cost --json")
  endif()
endforeach()

# Lambda bills each request rounded up to 1 ms: on the granule, then just over it.
expect_cost(187 "1 ms granule" --platform aws-lambda --requests 1000000 --duration-ms 100 --memory-mb 1024)
expect_cost(188 "one µs over" --platform aws-lambda --requests 1000000 --duration-ms 100.001 --memory-mb 1024)
string(JSON quantity GET "${last_json}" lines 1 quantity)
expect_equal("${quantity}" "101000.0" "101 ms billed")

# ---- Other platforms, hand-computed.
# Cloud Run request-based: 10M x 250 ms -> 300 ms billed, 2 vCPU, 2 GiB, concurrency 1:
# 6e6 vCPU-s x $0.000024 + 6e6 GiB-s x $0.0000025 + 10 x $0.40 = $163.00
expect_cost(16300 "cloud run request-based" --platform gcp-cloud-run --requests 10000000 --duration-ms 250
            --memory-mb 2048 --vcpu 2 --concurrency 1)
# Cloud Run instance-based L4, one instance for 100 h: $25.92 + $11.52 + $67.21
expect_cost(10465 "cloud run L4" --platform gcp-cloud-run --billing instance --gpu L4 --requests 0
            --memory-mb 16384 --vcpu 4 --instances 1 --hours 100)
expect_line("${last_json}" cloudrun.gpu.l4.no-zonal-redundancy.second 6721 "cloud run L4")
# Modal H100, 8 vCPU, 64 GiB, 36,000 busy seconds: $1.89 + $5.11 + $39.49
expect_cost(4649 "modal H100" --platform modal --gpu H100 --requests 36000 --duration-ms 1000
            --memory-mb 65536 --vcpu 8)
# RunPod L4: 1 active worker for 10 h (36,000 s x $0.00013) + 64,000 flex s x $0.00019
expect_cost(1684 "runpod L4" --platform runpod-serverless --gpu L4 --requests 100000 --duration-ms 1000
            --instances 1 --hours 10)
# EC2: 2 x 730 h x $1.006
expect_cost(146876 "ec2 g5.xlarge" --platform aws-ec2.g5.xlarge --instances 2)

# ---- Readable table.
run_cli(rc out err cost --platform aws-lambda --requests 3000000 --duration-ms 120 --memory-mb 1536 --free-tier on)
expect_equal("${rc}" "0" "table exit code")
expect_contains("${out}" "compute (x86, request duration)" "table names the line")
expect_contains("${out}" "2.73" "table shows the total")
expect_contains("${out}" "not priced:" "table lists what is not priced")
run_cli(rc out err cost --help)
expect_equal("${rc}" "0" "--help exit code")
expect_contains("${out}" "--provisioned-concurrency" "--help lists the flags")

# ---- A price row the catalogue lacks: exit 1, the row named.
run_cli(rc out err cost --platform runpod-serverless --gpu rtx-pro-6000 --requests 0 --instances 1)
expect_equal("${rc}" "1" "missing active-worker row exit code")
expect_contains("${err}" "runpod.96gb-pro.active.second" "missing row named")

# ---- Bad flags and values: exit 2 with a message naming them.
expect_usage_error("missing --platform" "no platform" --requests 1)
expect_usage_error("unknown platform 'azure-functions'" "unknown platform" --platform azure-functions --requests 1)
expect_usage_error("unknown EC2 instance 'aws-ec2.z9.huge'" "unknown instance" --platform aws-ec2.z9.huge)
expect_usage_error("--memory-mb: -5 must be > 0" "negative memory" --platform aws-lambda --requests 1
                   --duration-ms 1 --memory-mb -5)
expect_usage_error("--requests: -3 must be >= 0" "negative requests" --platform aws-lambda --requests -3
                   --duration-ms 1 --memory-mb 128)
expect_usage_error("--requests: 2.5 must be a whole number" "fractional requests" --platform aws-lambda
                   --requests 2.5 --duration-ms 1 --memory-mb 128)
expect_usage_error("--duration-ms: 'fast' is not a number" "bad number" --platform aws-lambda --requests 1
                   --duration-ms fast --memory-mb 128)
expect_usage_error("missing --duration-ms" "no duration" --platform aws-lambda --requests 1 --memory-mb 128)
expect_usage_error("missing --requests" "no requests" --platform modal --memory-mb 128)
expect_usage_error("unknown GPU 'T4' for runpod-serverless" "unknown GPU" --platform runpod-serverless
                   --gpu T4 --requests 1 --duration-ms 1)
expect_usage_error("unknown GPU 'B300' for modal" "unknown Modal GPU" --platform modal --gpu B300
                   --requests 1 --duration-ms 1 --memory-mb 1024)
expect_usage_error("missing --gpu" "RunPod without GPU" --platform runpod-serverless --requests 1 --duration-ms 1)
expect_usage_error("--gpu does not apply to aws-lambda" "GPU on Lambda" --platform aws-lambda --gpu L4
                   --requests 1 --duration-ms 1 --memory-mb 128)
expect_usage_error("needs --billing instance" "Cloud Run GPU request-based" --platform gcp-cloud-run --gpu L4
                   --requests 1 --duration-ms 1 --memory-mb 16384)
expect_usage_error("--provisioned-concurrency does not apply to modal" "PC on Modal" --platform modal
                   --provisioned-concurrency 2 --requests 1 --duration-ms 1 --memory-mb 128)
expect_usage_error("--free-tier: 'maybe' is not one of" "bad switch" --platform aws-lambda --requests 1
                   --duration-ms 1 --memory-mb 128 --free-tier maybe)
expect_usage_error("--region-tier: '3' is not one of" "bad region tier" --platform gcp-cloud-run --requests 1
                   --duration-ms 1 --memory-mb 128 --region-tier 3)
expect_usage_error("--hours: 800 is more than a 730-hour month" "too many hours" --platform aws-ec2.g5.xlarge
                   --hours 800)
expect_usage_error("need more than" "PC overloaded" --platform aws-lambda --requests 0 --memory-mb 128
                   --provisioned-concurrency 1 --provisioned-hours 1 --provisioned-requests 10000
                   --provisioned-duration-ms 1000)
expect_usage_error("--provisioned-requests/-hours/-duration-ms need --provisioned-concurrency" "PC requests alone"
                   --platform aws-lambda --requests 0 --memory-mb 128 --provisioned-requests 5)
expect_usage_error("--gpu: aws-ec2.g5.xlarge has 1 GPU(s) A10G" "GPU mismatch on EC2" --platform aws-ec2.g5.xlarge
                   --gpu H100)
expect_usage_error("unknown option --bogus" "unknown flag" --platform aws-lambda --bogus)
expect_usage_error("unexpected argument 'lambda'" "positional" lambda)
expect_usage_error("--vcpu does not apply to aws-lambda" "vCPU on Lambda" --platform aws-lambda --vcpu 2
                   --requests 1 --duration-ms 1 --memory-mb 128)

# `cost` prices from the catalogue: an edited price row changes the answer,
# and --as-of travels back to the seeded one.
run_cli(rc out err catalog set lambda.requests 0.30 --source "cost.cmake test" --effective-from 2027-01-01)
expect_equal("${rc}" "0" "catalog set for cost")
run_cli(rc out err cost --platform aws-lambda --requests 10000000 --duration-ms 100 --memory-mb 128 --as-of 2027-01-02 --json)
expect_equal("${rc}" "0" "cost after edit")
expect_line("${out}" lambda.requests 300 "edited request price: 10M x $0.30")
run_cli(rc out err cost --platform aws-lambda --requests 10000000 --duration-ms 100 --memory-mb 128 --as-of 2026-12-01 --json)
expect_line("${out}" lambda.requests 200 "as of before the edit: 10M x $0.20")
