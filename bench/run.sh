#!/usr/bin/env bash
# Benchmark MCP Sentinel on synthetic MCP-server corpora and compare it with ripgrep running the
# same rule patterns. See bench/README.md.
#
#   bench/run.sh                      publish the CLI, generate corpora if missing, time, report
#   bench/run.sh --sentinel PATH      use an existing mcp-sentinel binary (no publish)
#   bench/run.sh --patterns FILE      use FILE (one regex a line) instead of `rules export-patterns`
#   bench/run.sh --no-scanner --patterns FILE
#                                     time ripgrep only (to test the harness without the CLI)
#   bench/run.sh --corpus 1k:1000     only this corpus (repeatable; default 1k:1000 and 10k:10000)
#   bench/run.sh --runs 5 --warmup 1  timed runs / warm-up runs per measurement
#   bench/run.sh --no-hyperfine       time with /usr/bin/time -v even if hyperfine is installed
#   bench/run.sh --budget 300         seconds one measurement may take: a command slower than
#                                     budget/runs gets fewer timed runs (at least 1); 0 = no limit
#
# Environment: BENCH_OUT (default bench/.out), BENCH_SEED (default 42).
# Results: bench/.out/results.md (also printed), raw data in bench/.out/raw/.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT=${BENCH_OUT:-$BENCH_DIR/.out}
SEED=${BENCH_SEED:-42}
RUNS=5
WARMUP=1
BUDGET=300
SENTINEL_BIN=""
PATTERNS_FILE=""
RUN_SCANNER=1
NO_HF=0
CORPORA=()

die() { echo "run.sh: error: $*" >&2; exit 2; }
log() { echo "==> $*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --sentinel) SENTINEL_BIN=$2; shift 2 ;;
    --patterns) PATTERNS_FILE=$2; shift 2 ;;
    --no-scanner) RUN_SCANNER=0; shift ;;
    --no-hyperfine) NO_HF=1; shift ;;
    --corpus) CORPORA+=("$2"); shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --budget) BUDGET=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[ ${#CORPORA[@]} -gt 0 ] || CORPORA=("1k:1000" "10k:10000")
[ "$RUN_SCANNER" = 1 ] || [ -n "$PATTERNS_FILE" ] || die "--no-scanner needs --patterns FILE"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "--warmup must be a non-negative integer"
[[ "$BUDGET" =~ ^[0-9]+$ ]] || die "--budget must be a non-negative integer (seconds)"

mkdir -p "$OUT/raw"
RAW=$OUT/raw
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ------------------------------------------------------------------------------------------------
# Tools
# ------------------------------------------------------------------------------------------------
APT_UPDATED=0
apt_install() {  # apt_install PACKAGE... (best effort; only as root with apt-get)
  command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] || return 1
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    apt-get update -qq >"$RAW/apt.log" 2>&1 || true
    APT_UPDATED=1
  fi
  log "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$RAW/apt.log" 2>&1
}

command -v python3 >/dev/null 2>&1 || die "python3 is required (corpus generator, result parsing)"
[ -x /usr/bin/time ] || apt_install time || die "/usr/bin/time is missing (Debian package 'time')"
command -v rg >/dev/null 2>&1 || apt_install ripgrep || log "ripgrep is not installed: the comparison will be skipped"
[ "$NO_HF" = 1 ] || command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine || log "hyperfine is not installed: timing with /usr/bin/time -v"
HAVE_RG=0; command -v rg >/dev/null 2>&1 && HAVE_RG=1
HAVE_HF=0; [ "$NO_HF" = 0 ] && command -v hyperfine >/dev/null 2>&1 && HAVE_HF=1

# ------------------------------------------------------------------------------------------------
# (a) Publish the CLI
# ------------------------------------------------------------------------------------------------
SENTINEL=()
if [ "$RUN_SCANNER" = 1 ]; then
  if [ -n "$SENTINEL_BIN" ]; then
    [ -e "$SENTINEL_BIN" ] || die "--sentinel $SENTINEL_BIN does not exist"
    case "$SENTINEL_BIN" in
      *.dll) SENTINEL=(dotnet "$(cd "$(dirname "$SENTINEL_BIN")" && pwd)/$(basename "$SENTINEL_BIN")") ;;
      *) SENTINEL=("$(cd "$(dirname "$SENTINEL_BIN")" && pwd)/$(basename "$SENTINEL_BIN")") ;;
    esac
  else
    command -v dotnet >/dev/null 2>&1 || die "dotnet is not installed"
    [ -d "$ROOT/src/McpSentinel.Cli" ] || die "$ROOT/src/McpSentinel.Cli does not exist"
    log "dotnet publish src/McpSentinel.Cli -c Release -r linux-x64 -p:PublishAot=true -o ${OUT#$ROOT/}/cli"
    # Native AOT: the way the CLI is meant to be shipped for speed (start-up ~0.1 s instead of ~0.5 s with the JIT).
    # --artifacts-path keeps obj/ and bin/ under bench/.out instead of next to the sources (other
    # builds may be running there). If AOT cannot build here, fall back to a framework-dependent build.
    rm -rf "$OUT/cli"
    if ! dotnet publish "$ROOT/src/McpSentinel.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$OUT/cli" \
         --artifacts-path "$OUT/artifacts" --nologo >"$RAW/publish.log" 2>&1; then
      log "Native AOT publish failed; falling back to a JIT build with an apphost"
      if ! dotnet publish "$ROOT/src/McpSentinel.Cli" -c Release -o "$OUT/cli" \
           --artifacts-path "$OUT/artifacts" -p:UseAppHost=true --nologo >>"$RAW/publish.log" 2>&1; then
        tail -n 30 "$RAW/publish.log" >&2
        die "dotnet publish failed (full log: $RAW/publish.log)"
      fi
    fi
    if [ -x "$OUT/cli/mcp-sentinel" ]; then
      SENTINEL=("$OUT/cli/mcp-sentinel")
    elif [ -f "$OUT/cli/mcp-sentinel.dll" ]; then
      log "no apphost in $OUT/cli: running through 'dotnet mcp-sentinel.dll'"
      SENTINEL=(dotnet "$OUT/cli/mcp-sentinel.dll")
    else
      die "publish produced neither $OUT/cli/mcp-sentinel nor mcp-sentinel.dll"
    fi
  fi
  log "scanner: ${SENTINEL[*]}"
fi

# ------------------------------------------------------------------------------------------------
# (b) Corpora (reused while the manifest matches: file count, seed, default flaw rate, generator hash)
# ------------------------------------------------------------------------------------------------
corpus_ok() {  # corpus_ok DIR FILES
  [ -f "$1/bench-manifest.json" ] || return 1
  python3 - "$1/bench-manifest.json" "$2" "$SEED" "$BENCH_DIR/gen_corpus.py" <<'EOF'
import hashlib, json, sys
m = json.load(open(sys.argv[1]))
digest = hashlib.sha256(open(sys.argv[4], "rb").read()).hexdigest()
ok = (m.get("files") == int(sys.argv[2]) and m.get("seed") == int(sys.argv[3])
      and m.get("flaw_rate") == 0.1 and m.get("generator_sha256") == digest)
sys.exit(0 if ok else 1)
EOF
}

for spec in "${CORPORA[@]}"; do
  name=${spec%%:*}; files=${spec#*:}
  dir=$OUT/corpus-$name
  if corpus_ok "$dir" "$files"; then
    log "corpus-$name: present"
  else
    log "corpus-$name: generating $files files (seed $SEED)"
    rm -rf "$dir"
    python3 "$BENCH_DIR/gen_corpus.py" --files "$files" --seed "$SEED" --out "$dir"
  fi
done

# ------------------------------------------------------------------------------------------------
# Patterns for ripgrep
# ------------------------------------------------------------------------------------------------
RG_NOTE=""
RG_FLAGS=()
RG_PATTERNS=""
if [ "$HAVE_RG" = 1 ]; then
  if [ -n "$PATTERNS_FILE" ]; then
    [ -f "$PATTERNS_FILE" ] || die "--patterns $PATTERNS_FILE does not exist"
    cp "$PATTERNS_FILE" "$RAW/patterns.txt"
    RG_PATTERNS=$RAW/patterns.txt
  else
    log "${SENTINEL[*]##*/} rules export-patterns --output ${RAW#$ROOT/}/patterns.txt"
    if "${SENTINEL[@]}" rules export-patterns --output "$RAW/patterns.txt" >"$RAW/export-patterns.log" 2>&1 \
       && [ -s "$RAW/patterns.txt" ]; then
      RG_PATTERNS=$RAW/patterns.txt
    else
      RG_NOTE="ripgrep comparison skipped: \`mcp-sentinel rules export-patterns\` is not available or wrote no patterns ($(head -c 300 "$RAW/export-patterns.log" | tr '\n' ' '))"
      log "$RG_NOTE"
    fi
  fi
else
  RG_NOTE="ripgrep comparison skipped: rg is not installed (Debian package ripgrep)"
fi

RG_CMD=()      # the command timed for ripgrep
RG_LABEL=""
if [ -n "$RG_PATTERNS" ]; then
  # `rg -f` joins all patterns into one regex for one engine. The rule patterns are .NET regexes:
  # most compile with ripgrep's default engine, some need PCRE2 (-P: look-arounds, named groups),
  # and all PCRE2 ones together can exceed PCRE2's compiled-size limit. So: one file per engine,
  # the PCRE2 file split into chunks that compile, and one rg pass per file, run one after the other.
  # .NET-only syntax is translated first: named groups become non-capturing groups (several rules
  # use the same name, which one PCRE2 regex rejects, and ripgrep 13's default engine only knows
  # (?P<name>)); a pattern with a backreference keeps its groups under names made unique; \uXXXX
  # becomes \x{XXXX} (UTF-16 surrogate escapes are left, and such patterns are dropped below).
  python3 - "$RG_PATTERNS" "$RAW/patterns-rg.txt" <<'EOF'
import re, sys
src, dst = sys.argv[1:3]
out = []
for i, p in enumerate(open(src, encoding="utf-8").read().splitlines()):
    if not p.strip() or p.lstrip().startswith("#"):
        continue
    group = re.compile(r"\(\?(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')")
    if re.search(r"\\k[<'{]|\(\?P=", p):
        p = group.sub(lambda m: f"(?<{m.group(1) or m.group(2)}_p{i}>", p)
        p = re.sub(r"\\k([<'{])([A-Za-z_]\w*)[>'}]", lambda m: f"\\k<{m.group(2)}_p{i}>", p)
        p = re.sub(r"\(\?P=([A-Za-z_]\w*)\)", lambda m: f"\\k<{m.group(1)}_p{i}>", p)
    else:
        p = group.sub("(?:", p)
    p = re.sub(r"(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})",
               lambda m: m.group(0) if 0xD800 <= int(m.group(2), 16) <= 0xDFFF
               else f"{m.group(1)}\\x{{{m.group(2)}}}", p)
    out.append(p)
open(dst, "w", encoding="utf-8").write("".join(x + "\n" for x in out))
EOF
  total_patterns=$(wc -l <"$RAW/patterns-rg.txt")
  : >"$RAW/empty.txt"
  rg_compiles() { local r=0; rg --no-messages -c "$@" "$RAW/empty.txt" >/dev/null 2>&1 || r=$?; [ "$r" -eq 1 ]; }
  rm -f "$RAW"/patterns-rg.pass-*.txt
  PASS_FILES=(); PASS_FLAGS=()
  if [ "$total_patterns" -eq 0 ]; then
    RG_NOTE="ripgrep comparison skipped: the exported pattern file is empty"
  elif rg_compiles -f "$RAW/patterns-rg.txt"; then
    PASS_FILES=("$RAW/patterns-rg.txt"); PASS_FLAGS=("")
  elif rg_compiles -P -f "$RAW/patterns-rg.txt"; then
    PASS_FILES=("$RAW/patterns-rg.txt"); PASS_FLAGS=("-P")
  else
    log "ripgrep: sorting $total_patterns patterns by regex engine"
    : >"$RAW/patterns-rg.default"; : >"$RAW/patterns-rg.pcre2"; : >"$RAW/patterns-rg.dropped"
    while IFS= read -r pat; do
      if rg_compiles -e "$pat"; then printf '%s\n' "$pat" >>"$RAW/patterns-rg.default"
      elif rg_compiles -P -e "$pat"; then printf '%s\n' "$pat" >>"$RAW/patterns-rg.pcre2"
      else printf '%s\n' "$pat" >>"$RAW/patterns-rg.dropped"; fi
    done <"$RAW/patterns-rg.txt"
    if [ -s "$RAW/patterns-rg.default" ]; then
      cp "$RAW/patterns-rg.default" "$RAW/patterns-rg.pass-0.txt"
      rg_compiles -f "$RAW/patterns-rg.pass-0.txt" || die "the default-engine patterns compile one by one but not together"
      PASS_FILES+=("$RAW/patterns-rg.pass-0.txt"); PASS_FLAGS+=("")
    fi
    chunk=0; cur=""
    while IFS= read -r pat; do
      if [ -z "$cur" ]; then
        chunk=$((chunk + 1)); cur=$RAW/patterns-rg.pass-$chunk.txt; : >"$cur"
      fi
      printf '%s\n' "$pat" >>"$cur"
      if ! rg_compiles -P -f "$cur"; then   # too large together: close this chunk, start the next
        sed -i '$d' "$cur"
        PASS_FILES+=("$cur"); PASS_FLAGS+=("-P")
        chunk=$((chunk + 1)); cur=$RAW/patterns-rg.pass-$chunk.txt
        printf '%s\n' "$pat" >"$cur"
      fi
    done <"$RAW/patterns-rg.pcre2"
    [ -n "$cur" ] && [ -s "$cur" ] && { PASS_FILES+=("$cur"); PASS_FLAGS+=("-P"); }
    dropped=$(wc -l <"$RAW/patterns-rg.dropped")
    n_def=$(wc -l <"$RAW/patterns-rg.default"); n_pcre=$(wc -l <"$RAW/patterns-rg.pcre2")
    RG_NOTE="ripgrep: $total_patterns exported patterns; $n_def run with the default engine, $n_pcre with -P"
    [ "${#PASS_FILES[@]}" -gt 1 ] && RG_NOTE+=" in ${#PASS_FILES[@]} passes run one after the other (one rg -f cannot mix engines, and PCRE2 caps the size of one compiled regex)"
    [ "$dropped" -gt 0 ] && RG_NOTE+="; $dropped not accepted by either engine and left out (raw/patterns-rg.dropped)"
  fi
  if [ "${#PASS_FILES[@]}" -eq 1 ]; then
    RG_FLAGS=(${PASS_FLAGS[0]})
    RG_LABEL="ripgrep${PASS_FLAGS[0]:+ ${PASS_FLAGS[0]}}"
    RG_CMD=(rg -c --no-messages "${RG_FLAGS[@]}" -f "${PASS_FILES[0]}")
  elif [ "${#PASS_FILES[@]}" -gt 1 ]; then
    RG_LABEL="ripgrep (${#PASS_FILES[@]} passes)"
    {
      echo '#!/usr/bin/env bash'
      echo '# Generated by bench/run.sh: the exported patterns as consecutive ripgrep passes.'
      echo '# Exit 0 if any pass matched, 1 if none did, 2 if any pass failed.'
      echo 'any=1'
      for i in "${!PASS_FILES[@]}"; do
        printf 'r=0; rg -c --no-messages %s-f %q "$1" || r=$?\n' "${PASS_FLAGS[$i]:+${PASS_FLAGS[$i]} }" "${PASS_FILES[$i]}"
        echo '[ "$r" -ge 2 ] && exit 2; [ "$r" -eq 0 ] && any=0'
      done
      echo 'exit $any'
    } >"$RAW/rg-passes.sh"
    chmod +x "$RAW/rg-passes.sh"
    RG_CMD=("$RAW/rg-passes.sh")
  else
    [ -n "$RG_NOTE" ] || RG_NOTE="ripgrep comparison skipped: no pattern compiles under ripgrep"
  fi
  [ -n "$RG_LABEL" ] && log "ripgrep: $RG_LABEL, $total_patterns patterns"
fi

# ------------------------------------------------------------------------------------------------
# (c)/(d) Measurement
# ------------------------------------------------------------------------------------------------
ROWS=$RAW/rows.tsv   # corpus files mb tool mean stddev min max rss_mb rc extra
: >"$ROWS"

count_findings() {  # count_findings REPORT.json MANIFEST.json -> one line of notes
  python3 - "$1" "$2" <<'EOF'
import json, sys
try:
    data = json.load(open(sys.argv[1]))
except Exception as exc:  # noqa: BLE001
    print(f"findings: n/a (report not readable: {type(exc).__name__})"); sys.exit(0)
manifest = json.load(open(sys.argv[2]))
def find(o):
    if isinstance(o, dict):
        for k in ("findings", "results"):
            if isinstance(o.get(k), list):
                return o[k]
        for v in o.values():
            r = find(v)
            if r is not None:
                return r
    return None
f = data if isinstance(data, list) else find(data)
if f is None:
    print("findings: n/a (no findings list in the report)"); sys.exit(0)
scan = data.get("scan", {}) if isinstance(data, dict) else {}
rules, where = {}, {}
for x in f:
    if not isinstance(x, dict):
        continue
    rid = x.get("ruleId") or x.get("rule_id") or x.get("rule") or x.get("id")
    rules[str(rid)] = rules.get(str(rid), 0) + 1
    loc = x.get("location") or {}
    path, line = loc.get("path"), loc.get("startLine") or loc.get("line")
    if path:
        where.setdefault(path.replace("\\", "/"), []).append(line or 0)
top = ", ".join(f"{k} {v}" for k, v in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))[:8])
parts = []
if "filesScanned" in scan:
    parts.append(f"files scanned {scan['filesScanned']}" + (", INCOMPLETE" if scan.get("incomplete") else ""))
parts.append(f"findings {len(f)}" + (f" ({top}{', ...' if len(rules) > 8 else ''})" if rules else ""))
flaws = manifest.get("flaws", [])
if flaws and where:
    flawed = {fl["path"] for fl in flaws}
    # A planted flaw counts as found when a finding in its file starts within 15 lines above it
    # (a finding may point at the tool registration) or 2 lines below.
    hit = sum(1 for fl in flaws if any(fl["line"] - 15 <= ln <= fl["line"] + 2 for ln in where.get(fl["path"], [])))
    files_hit = sum(1 for p in flawed if p in where)
    clean = sum(len(v) for p, v in where.items() if p not in flawed and p != "bench-manifest.json")
    parts.append(f"planted flaws found {hit}/{len(flaws)}, flawed files with a finding {files_hit}/{len(flawed)}, "
                 f"findings in files without a planted flaw {clean}")
print("; ".join(parts))
EOF
}

rss_mb_of() {  # rss_mb_of TIME_V_FILE  -> decimal MB
  awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 * 1024 / 1e6}' "$1"
}

measure() {  # measure CORPUS_NAME FILES MB TOOL_LABEL OKCODES KEY NOTE -- CMD...
  local cname=$1 files=$2 mb=$3 label=$4 okcodes=$5 key=$6 extra=$7; shift 8
  local cmd=("$@") rc=0 stdout_file="$RAW/$key.stdout"
  log "$cname: $label"
  # Validation run (also a warm-up): exit code, peak RSS, output kept for the notes.
  local v0=$EPOCHREALTIME
  /usr/bin/time -v -o "$RAW/$key.time-v" "${cmd[@]}" >"$stdout_file" 2>"$RAW/$key.stderr" || rc=$?
  local vtime; vtime=$(awk -v a="$v0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.3f", b - a}')
  if [[ " $okcodes " != *" $rc "* ]]; then
    log "$cname: $label exited with $rc (stderr: $RAW/$key.stderr)"
    printf '%s\t%s\t%s\t%s\t\t\t\t\t\t%s\tFAILED\n' "$cname" "$files" "$mb" "$label" "$rc" >>"$ROWS"
    return 0
  fi
  local rss; rss=$(rss_mb_of "$RAW/$key.time-v")
  local cpu; cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s += $2} END {printf "%.2f", s}' "$RAW/$key.time-v")
  extra="validation run: ${vtime} s wall, ${cpu} s CPU (user+sys)${extra:+; $extra}"
  local stats runs=$RUNS warmup=$WARMUP
  if [ "$BUDGET" -gt 0 ]; then   # keep one measurement within about BUDGET seconds
    runs=$(awk -v b="$BUDGET" -v t="$vtime" -v r="$RUNS" 'BEGIN {n = int(b / (t > 0 ? t : 0.001)); if (n < 1) n = 1; print (n < r ? n : r)}')
    if [ "$runs" -lt "$RUNS" ]; then
      warmup=$((WARMUP > 0 ? 1 : 0))   # the validation run is the only warm-up
      log "$cname: $label took ${vtime}s once: $runs timed run(s) instead of $RUNS (--budget $BUDGET)"
      extra="only $runs timed run(s) (--budget $BUDGET); $extra"
    fi
  fi
  if [ "$HAVE_HF" = 1 ]; then
    local shell_opt=(-N) c
    for c in "${cmd[@]}"; do [[ "$c" =~ [[:space:]\'\"\\] ]] && shell_opt=(); done
    local warm=$((warmup > 0 ? warmup - 1 : 0))  # the validation run was already one warm-up
    hyperfine "${shell_opt[@]}" --warmup "$warm" --runs "$runs" -i --style basic \
      --export-json "$RAW/$key.hyperfine.json" -- "$(printf '%q ' "${cmd[@]}")" >"$RAW/$key.hyperfine.txt" 2>&1 \
      || { cat "$RAW/$key.hyperfine.txt" >&2; die "hyperfine failed"; }
    stats=$(python3 - "$RAW/$key.hyperfine.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
codes = sorted(set(r.get("exit_codes") or []))
print(f'{r["mean"]:.4f}\t{r.get("stddev") or 0:.4f}\t{r["min"]:.4f}\t{r["max"]:.4f}\t{",".join(map(str, codes))}')
EOF
)
  else
    local i t0 t1 times=() r run_codes=()
    for ((i = 1; i < warmup; i++)); do "${cmd[@]}" >/dev/null 2>&1 || true; done
    for ((i = 0; i < runs; i++)); do
      r=0
      t0=$EPOCHREALTIME
      /usr/bin/time -v -o "$RAW/$key.time-v.$i" "${cmd[@]}" >/dev/null 2>&1 || r=$?
      t1=$EPOCHREALTIME
      [[ " ${run_codes[*]} " == *" $r "* ]] || run_codes+=("$r")
      times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.6f", b - a}')")
      local rr; rr=$(rss_mb_of "$RAW/$key.time-v.$i")
      rss=$(awk -v a="$rss" -v b="$rr" 'BEGIN {print (b > a ? b : a)}')
    done
    stats=$(printf '%s\n' "${times[@]}" | awk -v rc="$(IFS=,; echo "${run_codes[*]}")" '
      {x[NR] = $1; s += $1; if (NR == 1 || $1 < mn) mn = $1; if ($1 > mx) mx = $1}
      END {m = s / NR; for (i = 1; i <= NR; i++) v += (x[i] - m) ^ 2;
           sd = NR > 1 ? sqrt(v / (NR - 1)) : 0; printf "%.4f\t%.4f\t%.4f\t%.4f\t%s", m, sd, mn, mx, rc}')
  fi
  IFS=$'\t' read -r mean sd mn mx codes <<<"$stats"
  case "$label" in
    ripgrep*) extra="${extra:+$extra; }matching lines: $(awk -F: '{s += $NF} END {print s + 0}' "$stdout_file"), files with a match: $(wc -l <"$stdout_file")" ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$cname" "$files" "$mb" "$label" \
    "$mean" "$sd" "$mn" "$mx" "$rss" "$rc (timed runs: $codes)" "$extra" >>"$ROWS"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
: >"$RAW/planted.tsv.tmp"
for spec in "${CORPORA[@]}"; do
  name=${spec%%:*}
  dir=$OUT/corpus-$name
  files=$(find "$dir" -type f | wc -l)
  mb=$(find "$dir" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1e6}')
  planted=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["planted_flaws"], m["flawed_files"])' "$dir/bench-manifest.json")
  echo -e "$name\t${planted% *}\t${planted#* }" >>"$RAW/planted.tsv.tmp"
  if [ "$RUN_SCANNER" = 1 ]; then
    # One untimed run writes the report to a file, to count the findings (it also warms the cache).
    log "corpus-$name: mcp-sentinel (report for the findings count)"
    "${SENTINEL[@]}" scan "$dir" --format json --output "$RAW/sentinel-$name.json" --no-progress \
      >/dev/null 2>"$RAW/sentinel-$name.report.stderr" || true
    note=$(count_findings "$RAW/sentinel-$name.json" "$dir/bench-manifest.json")
    SCAN=("${SENTINEL[@]}" scan "$dir" --format json --output /dev/null --no-progress)
    measure "corpus-$name" "$files" "$mb" "mcp-sentinel" "0 1 3" "sentinel-$name" "$note" -- "${SCAN[@]}"
  fi
  if [ -n "$RG_LABEL" ]; then
    measure "corpus-$name" "$files" "$mb" "$RG_LABEL" "0 1" "rg-$name" "" -- "${RG_CMD[@]}" "$dir"
  fi
done
mv "$RAW/planted.tsv.tmp" "$RAW/planted.tsv"

# ------------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------------
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
python3 - "$ROWS" "$RAW/planted.tsv" "$OUT/results.md" "$RUNS" "$WARMUP" "$HAVE_HF" "$RG_NOTE" \
  "${SENTINEL[*]:-}" "${RG_FLAGS[*]:-}" "$ROOT" "$LOAD_BEFORE" "$LOAD_AFTER" <<'EOF'
import os, platform, subprocess, sys, datetime
(rows_path, planted_path, out_path, runs, warmup, have_hf, rg_note, sentinel, rg_flags, root,
 load_before, load_after) = sys.argv[1:13]

def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:  # noqa: BLE001
        return ""

rows = [l.split("\t") for l in open(rows_path).read().splitlines() if l.strip()]
planted = {l.split("\t")[0]: l.split("\t")[1:] for l in open(planted_path).read().splitlines() if l.strip()}

def f(x, fmt):
    try:
        return format(float(x), fmt)
    except ValueError:
        return "-"

table = ["| corpus | files | MB | tool | mean wall s | files/s | MB/s | peak RSS MB |",
         "|---|---:|---:|---|---:|---:|---:|---:|"]
details = []
by = {}
for r in rows:
    cname, files, mb, tool, mean, sd, mn, mx, rss, rc, extra = (r + [""] * 11)[:11]
    if extra == "FAILED":
        table.append(f"| {cname} | {int(files):,} | {mb} | {tool} | FAILED (exit {rc}) | - | - | - |")
        continue
    m = float(mean)
    table.append(f"| {cname} | {int(files):,} | {mb} | {tool} | {m:.3f} | {int(files) / m:,.0f} | "
                 f"{float(mb) / m:,.1f} | {f(rss, '.0f')} |")
    details.append(f"- {cname} / {tool}: mean {m:.3f} s ± {float(sd):.3f} (min {float(mn):.3f}, max {float(mx):.3f}); "
                   f"exit code {rc}; {extra}")
    by[(cname, "ripgrep" if tool.startswith("ripgrep") else tool)] = (m, float(rss) if rss else None)

cpu = ""
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip(); break
except OSError:
    pass
mem = ""
try:
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"; break
except OSError:
    pass
commit = sh("git", "-C", root, "rev-parse", "--short", "HEAD") or "none yet"

lines = ["# MCP Sentinel benchmark", "",
         f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}; "
         f"{os.cpu_count()} cores ({cpu or platform.machine()}), {mem} RAM; "
         f"{'hyperfine' if have_hf == '1' else '/usr/bin/time -v'}, {warmup} warm-up + {runs} timed runs "
         "a measurement, warm page cache. Wall time includes process start. MB = 10^6 bytes; "
         "peak RSS from /usr/bin/time -v (Maximum resident set size). "
         f"Load average (1/5/15 min) {load_before} before, {load_after} after the measurements.", "",
         *table, ""]
lines.append("Details:")
lines += details
for cname, (pf, ff) in planted.items():
    lines.append(f"- corpus-{cname}: {pf} planted flaws in {ff} files (bench-manifest.json)")
if sentinel:
    shown = " ".join(os.path.relpath(w, root) if w.startswith(root + "/") else w for w in sentinel.split())
    lines.append(f"- scanner: `{shown} scan DIR --format json --output /dev/null --no-progress`")
if rg_note:
    lines.append(f"- {rg_note}")
if any(r[3].startswith("ripgrep") for r in rows):
    v = sh("rg", "--version")
    lines.append(f"- ripgrep: `rg -c --no-messages {rg_flags + ' ' if rg_flags else ''}-f PATTERNS DIR` "
                 f"({v.splitlines()[0] if v else 'rg'}; patterns from `mcp-sentinel rules export-patterns` "
                 "unless --patterns was given)")
lines.append("")

targets = []
def check(ok, text):
    targets.append(f"- {'PASS' if ok else 'FAIL'}: {text}")
for cname, limit in (("corpus-1k", 1.0), ("corpus-10k", 3.0)):
    s = by.get((cname, "mcp-sentinel"))
    if s:
        check(s[0] < limit, f"{cname} scanned in {s[0]:.3f} s (target < {limit:g} s)")
    s_rss = s[1] if s else None
    if s_rss is not None:
        check(s_rss < 300, f"{cname} peak RSS {s_rss:.0f} MB (target < 300 MB)")
    r = by.get((cname, "ripgrep"))
    if s and r:
        check(s[0] <= r[0], f"{cname} mcp-sentinel {s[0]:.3f} s vs ripgrep {r[0]:.3f} s (target: no slower; ratio {s[0] / r[0]:.2f}x)")
if targets:
    lines += ["Targets:", *targets, ""]

text = "\n".join(lines)
open(out_path, "w").write(text)
print(text)
EOF
log "written ${OUT}/results.md"
