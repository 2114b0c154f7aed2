#!/usr/bin/env bash
# `npm test`: set the machine up, build the apps the end-to-end tests start as processes, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh xmllint chromium
npm run --silent build
exec npx jest --ci "$@"
