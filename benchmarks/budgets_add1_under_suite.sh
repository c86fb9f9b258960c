#!/bin/bash
# mes-add1 on Warsaw 2026 measured again and again while the whole test suite runs (issue 22
# item 6: "< 5 s under the load of a running test suite"). Starts `make test` in the
# repository, waits a minute, then every ~30 s until the suite ends (at most ROUNDS rounds) runs
# the rule on two processes, on one, and the `pnyx budgets outcome` command as a person would,
# printing one line each with the load average. The machine should run nothing else.
#
#   benchmarks/budgets_add1_under_suite.sh [path/to/Poland_Warszawa_2026.pb] > under-suite.log
set -u
cd "$(dirname "$0")/.."
FILE=${1:-../shared/data/pabulib/Poland_Warszawa_2026.pb}
ROUNDS=${ROUNDS:-12}
SUITE_LOG=$(mktemp)
make test > "$SUITE_LOG" 2>&1 &
SUITE=$!
sleep 60
load() { cut -d' ' -f1 /proc/loadavg; }
for _ in $(seq 1 "$ROUNDS"); do
  kill -0 "$SUITE" 2> /dev/null || break
  for processes in 2 1; do
    result=$(.venv/bin/python benchmarks/budgets_outcomes.py --one "$FILE" mes-add1 \
      --processes "$processes" 2>&1 | tail -1)
    echo "$(date +%T) processes=$processes load=$(load) $result"
  done
  command=$( { /usr/bin/time -f "%e s wall, %U s user" .venv/bin/pnyx budgets outcome "$FILE" \
    --rule mes-add1 > /dev/null; } 2>&1 | tail -1)
  echo "$(date +%T) pnyx budgets outcome load=$(load) $command"
  sleep 20
done
wait "$SUITE"
echo "suite: $(tail -1 "$SUITE_LOG")"
