#!/usr/bin/env bash
# `npm test`: set the machine up, build the apps the end-to-end tests start as processes, run every
# test: unit specs in parallel, then end-to-end specs one file at a time (they share the machine's
# broker and database server, and each starts real processes).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh xmllint chromium
npm run --silent build
npx jest --ci --selectProjects unit "$@"
npx jest --ci --selectProjects e2e --runInBand "$@"
