#!/usr/bin/env bash
# Library and program sources stay ASCII: Arabic lives in resources/ (and in
# tests, which read as examples). See docs/design.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if grep -rlP '[^\x00-\x7F]' src tools bench; then
  echo "check-ascii: the files above contain non-ASCII bytes; move Arabic text to resources/" >&2
  exit 1
fi
echo "check-ascii: sources are ASCII"
