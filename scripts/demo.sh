#!/usr/bin/env bash
# `npm run demo`: set the machine up (dependencies, PostgreSQL, RabbitMQ), build, run the network.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
npm run --silent build
exec node -r ./scripts/register-paths.js dist/scripts/demo/demo.js "$@"
