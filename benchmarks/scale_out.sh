#!/usr/bin/env bash
# Scale-out benchmark (docs/scale-out.md): work items per second for one
# sweep run locally on 1 thread, and under mpirun on 1 and 2 ranks, plus
# simulated requests per second per core (what the 10^10-request estimate in
# docs/scale-out.md scales from). Every run must print the same JSON apart
# from its `run` object; the script checks that too.
#
#   benchmarks/scale_out.sh [build-dir] [points]      (defaults: build-dev, 16)
#
# As root, mpirun needs --allow-run-as-root (added automatically).
set -euo pipefail
build=${1:-build-dev}
points=${2:-16}
cli=$build/app/cli/breakeven-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BREAKEVEN_CATALOG=$work/catalog.sqlite
export OMPI_MCA_btl_vader_single_copy_mechanism=none

# Lambda vs eight EC2 nodes, ten hours of Poisson traffic at 2 req/s × rateScale:
# the sweep from 5× to 50× simulates 0.36 M–3.6 M requests per deployment and point.
cat > "$work/scenario.json" <<'JSON'
{
  "schemaVersion": 1, "name": "scale-out benchmark", "seed": 5,
  "workload": { "kind": "poisson", "ratePerSecond": 2.0, "durationSeconds": 36000 },
  "deployments": [
    { "name": "lambda", "platform": "aws-lambda", "memoryMb": 3008, "vcpu": 2,
      "service": { "kind": "lognormal", "p50Seconds": 0.35, "p99Seconds": 1.2 },
      "coldStart": { "kind": "lognormal", "p50Seconds": 1.8, "p99Seconds": 4.5 },
      "billing": "perRequestDuration" },
    { "name": "node", "platform": "aws-ec2", "kind": "dedicated", "nodes": 8,
      "instanceType": "c7g.xlarge", "memoryMb": 8192, "vcpu": 4,
      "service": { "kind": "lognormal", "p50Seconds": 0.35, "p99Seconds": 1.2 },
      "concurrencyPerInstance": 4, "overflow": "queue", "queueTimeoutSeconds": 30,
      "requestTimeoutSeconds": 300, "billing": "nodeHours" }
  ]
}
JSON
args=(sweep "$work/scenario.json" --parameter workload.rateScale --from 5 --to 50 --points "$points" --log --json)
"$cli" catalog list > /dev/null 2>&1  # seed the catalogue before timing anything

mpirun_args=(--oversubscribe)
[ "$(id -u)" = 0 ] && mpirun_args+=(--allow-run-as-root)

# Wall-clock figures depend on what else runs on the machine; CPU seconds
# (user + system of the whole process tree, from /usr/bin/time) much less.
timed() {  # output-file command...
  local out=$1; shift
  /usr/bin/time -f "%U %S" -o "$out.cpu" "$@" > "$out" 2>/dev/null
}
report() {  # label file
  python3 - "$1" "$2" <<'PY'
import json, sys
label, path = sys.argv[1], sys.argv[2]
r = json.load(open(path))
user, system = map(float, open(path + ".cpu").read().split()[-2:])
run = r["run"]
points = len(r["points"])
requests = sum(p["ratePerSecond"] * 36000 for p in r["points"]) * len(r["points"][0]["deployments"])
print(f"{label:<18} {points / run['wallSeconds']:6.2f} items/s wall ({run['wallSeconds']:6.2f} s)  "
      f"{points / (user + system):5.2f} items per CPU-s  {requests / (user + system) / 1e6:5.2f} M simulated "
      f"requests per CPU-s  ({run['simulations']} deployment runs)")
PY
}
strip_run() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r.pop("run"); print(json.dumps(r))' "$1"; }

timed "$work/local1.json" "$cli" "${args[@]}" --threads 1
report "local, 1 thread" "$work/local1.json"
timed "$work/local2.json" "$cli" "${args[@]}" --threads 2
report "local, 2 threads" "$work/local2.json"
if command -v mpirun > /dev/null && ! "$cli" "${args[@]}" --mpi 2>&1 >/dev/null | grep -q "built without MPI"; then
  for n in 1 2; do
    timed "$work/mpi$n.json" mpirun "${mpirun_args[@]}" -np "$n" "$cli" "${args[@]}" --mpi
    report "mpirun -np $n" "$work/mpi$n.json"
    [ "$(strip_run "$work/mpi$n.json")" = "$(strip_run "$work/local1.json")" ] || { echo "mpi $n differs from local" >&2; exit 1; }
  done
else
  echo "(no MPI in this build: mpirun rows skipped)"
fi
[ "$(strip_run "$work/local2.json")" = "$(strip_run "$work/local1.json")" ] || { echo "2 threads differ" >&2; exit 1; }
echo "$(nproc) cores; all runs printed the same JSON apart from run; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
