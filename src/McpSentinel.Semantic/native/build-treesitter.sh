#!/usr/bin/env bash
# Builds libmcpsentinel-treesitter.so from pinned npm tarballs: the tree-sitter core and the Python,
# JavaScript, TypeScript/TSX and Go grammars. Called by the BuildTreeSitter target of McpSentinel.Semantic.csproj
# with the output folder (under obj/) as $1; MSBuild skips it when the library is up to date.
set -euo pipefail
work="$1"
mkdir -p "$work"
cd "$work"
exec 9>.lock
flock 9
packages=(tree-sitter@0.25.1 tree-sitter-python@0.25.0 tree-sitter-javascript@0.25.0 tree-sitter-typescript@0.23.2 tree-sitter-go@0.25.0)
# The stamp records the grammar set the library was built from: a changed set rebuilds even if the file is newer.
stamp="${packages[*]}"
[ -f libmcpsentinel-treesitter.so ] && [ "${FORCE:-0}" != 1 ] && [ libmcpsentinel-treesitter.so -nt "$0" ] \
  && [ "$(cat grammars.stamp 2>/dev/null)" = "$stamp" ] && exit 0

rm -rf src o && mkdir -p src o
( cd src && npm pack --silent "${packages[@]}" >/dev/null )
for tgz in src/*.tgz; do d="${tgz%.tgz}"; mkdir -p "$d" && tar xzf "$tgz" -C "$d"; done

core=src/tree-sitter-0.25.1/package/vendor/tree-sitter/lib
flags=(-c -O2 -fPIC -std=gnu11 -D_DEFAULT_SOURCE -w)
pids=()
gcc "${flags[@]}" -I"$core/include" -I"$core/src" "$core/src/lib.c" -o o/core.o & pids+=($!)
for grammar in src/tree-sitter-python-0.25.0/package src/tree-sitter-javascript-0.25.0/package \
               src/tree-sitter-typescript-0.23.2/package/typescript src/tree-sitter-typescript-0.23.2/package/tsx \
               src/tree-sitter-go-0.25.0/package; do
  name=$(echo "$grammar" | tr '/.-' '___')
  for part in parser scanner; do
    if [ -f "$grammar/src/$part.c" ]; then
      gcc "${flags[@]}" -I"$grammar/src" "$grammar/src/$part.c" -o "o/${name}_$part.o" & pids+=($!)
    fi
  done
done
for pid in "${pids[@]}"; do wait "$pid"; done
gcc -shared -o libmcpsentinel-treesitter.so.tmp o/*.o
mv libmcpsentinel-treesitter.so.tmp libmcpsentinel-treesitter.so
echo "$stamp" > grammars.stamp
rm -rf o
