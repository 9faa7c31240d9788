#!/usr/bin/env bash
# Install the RDF parsers tests/test_loaders.py checks the exports with, when they are missing:
# Raptor's `rapper` (Debian raptor2-utils) and N3.js (npm package n3, installed globally).
# Idempotent: does nothing when both are there. Never fails the run: a parser that cannot be had
# here is reported, and its test skips with that reason.
set -uo pipefail

have_rapper() { command -v rapper >/dev/null 2>&1; }
have_n3js() { command -v node >/dev/null 2>&1 && NODE_PATH="$(npm root -g 2>/dev/null)" node -e "require('n3')" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi; }

if ! have_rapper; then
    echo "ci-loader-deps: installing raptor2-utils (rapper)" >&2
    if command -v apt-get >/dev/null 2>&1; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends raptor2-utils >/dev/null 2>&1 \
            || echo "ci-loader-deps: could not install raptor2-utils" >&2
    else
        echo "ci-loader-deps: no apt-get here; rapper tests will skip" >&2
    fi
fi

if ! have_n3js; then
    if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
        echo "ci-loader-deps: installing nodejs and npm" >&2
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null 2>&1 \
            || echo "ci-loader-deps: could not install nodejs/npm" >&2
    fi
    if command -v npm >/dev/null 2>&1; then
        echo "ci-loader-deps: installing the npm package n3 (N3.js)" >&2
        as_root npm install --global --no-audit --no-fund --loglevel=error n3 >/dev/null 2>&1 \
            || echo "ci-loader-deps: could not install n3 from npm" >&2
    fi
fi

have_rapper && echo "ci-loader-deps: rapper $(rapper --version 2>/dev/null)" >&2
have_n3js && echo "ci-loader-deps: N3.js in $(npm root -g 2>/dev/null)" >&2
exit 0
