#!/bin/sh
# Seeds fuzz/corpus/<target>/ from the repository's samples and fixtures.
# The corpus is git-ignored; run this once before fuzzing (it is idempotent).
set -eu
cd "$(dirname "$0")"
root=..
for t in source render import marking; do mkdir -p "corpus/$t"; done
for f in "$root"/samples/*.md "$root"/samples/bad/*.md "$root"/tests/fixtures/check/*.md; do
    n=$(basename "$(dirname "$f")")-$(basename "$f")
    cp "$f" "corpus/source/$n"
    cp "$f" "corpus/render/$n"
done
for f in "$root"/tests/fixtures/import/*.txt; do
    cp "$f" "corpus/import/$(basename "$f")"
done
# Marks: every parenthesised mark and banner line found in the sources, one a file.
i=0
cat "$root"/samples/*.md "$root"/samples/bad/*.md "$root"/tests/fixtures/check/*.md \
    "$root"/tests/fixtures/import/*.txt |
    grep -oE '\((TS|S|C|U|SBU|TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS)[^)]{0,60}\)|^(TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS)[A-Z/, -]{0,60}$' |
    sort -u | while IFS= read -r mark; do
        i=$((i + 1))
        printf '%s' "$mark" > "corpus/marking/mark-$i"
    done
for mark in '(S//REL TO USA, TWN)' '(S//NF)' 'SECRET//NOFORN' '(C//REL)' '(U//FOUO)' '(SBU-NF)' \
    'SECRET REL TAIWAN' '(TS//REL TO USA, FVEY/RELIDO)' 'UNCLAS SBU NOFORN' '(U)'; do
    printf '%s' "$mark" > "corpus/marking/extra-$(printf '%s' "$mark" | cksum | cut -d' ' -f1)"
done
for t in source render import marking; do
    echo "$t: $(ls "corpus/$t" | wc -l) seeds"
done
