#!/usr/bin/env bash
# The whole Stride test suite: Swift unit tests, then the protocol, display and notebook
# tests that drive the release kernel through real Jupyter clients.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> swift build -c release"
swift build -c release --product stride --static-swift-stdlib
export STRIDE_BIN="$PWD/.build/release/stride"

echo "==> swift test"
swift test --disable-swift-testing   # the suites are XCTest

echo "==> pytest"
python3 -m pytest -q client_tests
