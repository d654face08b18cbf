#!/usr/bin/env bash
# Builds the libFuzzer target over the Stride language and runs it.
#   fuzz/run.sh [SECONDS] [extra libFuzzer flags...]     default: 600 seconds
# Seeds come from the code blocks of docs/LANGUAGE.md and the programs of the conformance
# corpus; what the fuzzer learns is kept in fuzz/corpus, crashes and hangs in fuzz/artifacts.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true

mkdir -p .build/fuzz fuzz/seeds fuzz/corpus fuzz/artifacts

# One seed file per ```swift block of the reference (engine blocks too: they are good syntax).
rm -f fuzz/seeds/*.swift
awk '
  /^```swift/ { inside = 1; n += 1; file = sprintf("fuzz/seeds/doc-%03d.swift", n); printf "" > file; next }
  /^```/ && inside { inside = 0; close(file); next }
  inside { print >> file }
' docs/LANGUAGE.md
cp Tests/StrideLanguageTests/Corpus/*.swift fuzz/seeds/
echo "seeds: $(ls fuzz/seeds | wc -l) files"

binary=.build/fuzz/stride-fuzz
if [ ! -x "$binary" ] || [ -n "$(find Sources/StrideLanguage fuzz/StrideFuzz.swift -newer "$binary" -name '*.swift')" ]; then
  echo "building $binary"
  swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name StrideFuzz \
    Sources/StrideLanguage/*.swift fuzz/StrideFuzz.swift -o "$binary" 2> >(grep -v "ld.gold: warning" >&2)
fi

# Leaks are not looked for: a user's reference cycle (a class instance that holds itself)
# leaks under ARC by design, in Swift as in Stride.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
# -timeout: an input that outlives the interrupt by this much is a hang.
# -rss_limit_mb: an input that makes the interpreter allocate without bound is reported.
# -fork with -ignore_*: keep fuzzing after a finding, so one run collects all of them.
exec "$binary" fuzz/corpus fuzz/seeds \
  -dict=fuzz/stride.dict \
  -max_total_time="$seconds" \
  -timeout=10 \
  -rss_limit_mb=6144 \
  -max_len=4096 \
  -artifact_prefix=fuzz/artifacts/ \
  -print_final_stats=1 \
  -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  "$@"
