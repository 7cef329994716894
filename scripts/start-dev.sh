#!/bin/sh
# npm run start:dev: the server restarts on every change of the sources. tsc recompiles what
# changed (watch mode, incremental) and Node restarts the server when its compiled files change
# (node --watch): the loop of `nest start --watch`, without the Nest CLI's toolchain.
set -eu
cd "$(dirname "$0")/.."
tsc=./node_modules/.bin/tsc

# One build first, so that the server starts on up-to-date files.
"$tsc" -b tsconfig.build.json
"$tsc" -b tsconfig.build.json --watch --preserveWatchOutput &
tsc_pid=$!
node --watch --watch-preserve-output dist/src/main.js &
node_pid=$!
# Both run in the background so that this shell sees Ctrl-C and SIGTERM at once and stops both.
trap 'kill "$tsc_pid" "$node_pid" 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
wait "$node_pid"
