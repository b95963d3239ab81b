#!/usr/bin/env bash
# End-to-end checks of the neig binary as an analyst uses it: exit codes, stderr lines, output formats.
# Usage: scripts/cli-smoke.sh PATH/TO/neig   (uses $DATABASE_URL when set, a temporary SQLite file otherwise)
set -uo pipefail
neig=$(realpath "$1")
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
if [ -n "${DATABASE_URL:-}" ]; then db="$DATABASE_URL"; else db="sqlite:$work/cli.sqlite"; fi
passed=0; failed=0
check() { # name, condition
  if eval "$2"; then passed=$((passed+1)); else failed=$((failed+1)); echo "FAIL: $1"; fi
}
header='bron_id;datum;tijd;gemeentecode;gemeente;adres;postcode;x;y;doelwit;middel;omschrijving'
printf '%s\r\nCLI-1;2024-01-05;01:00;GM0363;Amsterdam;Kerkstraat 1;1017 GC;121400;487400;woning;explosief;"deur; raam"\r\nCLI-2;05-02-2025;;GM0599;Rotterdam;;;92500;437500;bedrijf;vuurwerk;\r\n' "$header" > good.csv
printf '%s\nBAD-1;2024-02-30;;GM0363;;;;121400;487400;woning;explosief;\nBAD-2;2024-03-01;;GM9999;;;;121400;487400;huis;explosief;\n' "$header" > bad.csv

"$neig" migrate --database "$db" >/dev/null 2>&1; check "migrate exits 0" '[ $? = 0 ]'
"$neig" import incidents good.csv --database "$db" > out.txt 2> err.txt; code=$?
check "good import exits 0" '[ $code = 0 ]'
check "good import summary" 'grep -q "inserted 2, already present 0, rejected 0" out.txt'
"$neig" import incidents good.csv --database "$db" > out.txt 2>&1; code=$?
check "re-import exits 0 and inserts nothing" '[ $code = 0 ] && grep -q "inserted 0, already present 2" out.txt'
"$neig" import incidents bad.csv --database "$db" > out.txt 2> err.txt; code=$?
check "bad import exits 1" '[ $code = 1 ]'
check "bad date reported with line and column" 'grep -q "^line 2, column datum: " err.txt'
check "unknown municipality reported" 'grep -q "^line 3, column gemeentecode: " err.txt'
check "bad target reported" 'grep -q "^line 3, column doelwit: " err.txt'
fixtures="$here/../Tests/NEIGAppTests/Fixtures"
"$neig" import incidents "$fixtures/excel-incidenten-windows1252.csv" --dry-run --database "$db" > out.txt 2> err.txt; code=$?
check "an Excel CSV in Windows-1252 is read and said" '[ $code = 0 ] && grep -q "read as CSV, Windows-1252" out.txt && grep -q "would insert 3" out.txt'
check "a spelling is a note, not a problem" 'grep -q "^note: line 2, column doelwit: ‘Woning’ gelezen als ‘woning’" err.txt'
"$neig" import incidents "$fixtures/excel-incidenten.xlsx" --dry-run --database "$db" > out.txt 2>&1; code=$?
check "an .xlsx workbook imports by the same rules" '[ $code = 0 ] && grep -q "read as Excel-werkmap" out.txt && grep -q "would insert 3" out.txt'
"$neig" monitor --year 2024 --format json --database "$db" > monitor.json 2>/dev/null
check "monitor json has the year total" 'python3 -c "import json,sys; d=json.load(open(\"monitor.json\")); sys.exit(0 if d[\"total\"]==1 and d[\"by_month\"][0]==1 and d[\"previous_year_total\"] is None and d[\"change_pct\"] is None else 1)"'
"$neig" monitor --year 2025 --format csv --database "$db" > monitor.csv 2>/dev/null
check "monitor csv" 'head -1 monitor.csv | grep -q "^year;total;woning"'
"$neig" monitor --year 2025 --format table --database "$db" > monitor.txt 2>/dev/null
check "monitor table" 'grep -q "Totaal" monitor.txt'
echo "a-long-enough-password" | "$neig" user create --email analist@example.nl --name "Anna" --role analyst --organisation vng --database "$db" > out.txt 2>&1
check "user create reads the password from stdin" '[ $? = 0 ] && grep -q "created analist@example.nl" out.txt'
echo "short" | "$neig" user create --email x@example.nl --name X --role analyst --organisation vng --database "$db" > out.txt 2>&1
check "short password refused" '[ $? = 1 ]'
"$neig" user reset-second-factor --email analist@example.nl --database "$db" > out.txt 2>&1
check "second factor reset" '[ $? = 0 ] && grep -q "removed" out.txt'
"$neig" user reset-second-factor --email niemand@example.nl --database "$db" > out.txt 2>&1
check "second factor reset of an unknown account exits 1" '[ $? = 1 ] && grep -q "no user" out.txt'
"$neig" token create --email analist@example.nl --database "$db" > token.txt 2>/dev/null
check "token on the last line" 'tail -1 token.txt | grep -q "^neig_"'
"$neig" backup --output "$work/backup.bak" --database "$db" > out.txt 2>&1
check "backup written" '[ $? = 0 ] && [ -s "$work/backup.bak" ]'
printf '%s\nCLI-3;2024-06-01;;GM0344;;;;136000;456000;woning;explosief;\n' "$header" > later.csv
"$neig" import incidents later.csv --database "$db" >/dev/null 2>&1
"$neig" restore --input "$work/backup.bak" --database "$db" > out.txt 2>&1
check "restore exits 0" '[ $? = 0 ]'
"$neig" monitor --year 2024 --format json --database "$db" > monitor.json 2>/dev/null
check "restore brings back the backed-up figures" 'python3 -c "import json,sys; sys.exit(0 if json.load(open(\"monitor.json\"))[\"total\"]==1 else 1)"'

# Space-time analyses, on a file and on the register.
python3 "$here/../Benchmarks/generate_near_repeat.py" 300 5 > nr.csv
"$neig" analyse knox --input nr.csv --distance 200 --days 14 --permutations 99 --seed 3 > knox.json 2>err.txt
check "knox json has n, observed, expected, p_value, p_poisson" 'python3 -c "import json,sys; d=json.load(open(\"knox.json\")); sys.exit(0 if d[\"n\"]==300 and d[\"observed\"]>d[\"expected\"] and 0<d[\"p_value\"]<=1 and 0<=d[\"p_poisson\"]<=1 else 1)"'
"$neig" analyse knox --input nr.csv --distance 200 --days 14 --permutations 99 --seed 3 > knox2.json 2>/dev/null
check "same seed, same result" 'cmp -s knox.json knox2.json'
"$neig" analyse near-repeat --input nr.csv --distance-bands 100,200 --time-bands 7,14 --permutations 19 > nr.json 2>/dev/null
check "near-repeat has 4 x 3 cells" 'python3 -c "import json,sys; d=json.load(open(\"nr.json\")); sys.exit(0 if len(d[\"cells\"])==12 and sum(c[\"observed\"] for c in d[\"cells\"])==300*299//2 else 1)"'
"$neig" analyse near-repeat --input nr.csv --distance-bands 200,100 > out.txt 2>err.txt
check "decreasing bands exit 64 with the reason" '[ $? = 64 ] && grep -q "increasing" err.txt'
"$neig" analyse knox --input bad.csv --distance 100 --days 7 > out.txt 2>err.txt
check "bad analysis input names line and column" '[ $? = 1 ] && grep -q "^line 2, column datum: " err.txt'
"$neig" analyse local-knox --input nr.csv --distance 200 --days 14 --permutations 19 --format csv > local.csv 2>/dev/null
check "local knox has a row per incident" '[ $(wc -l < local.csv) = 301 ]'
"$neig" analyse hotspots --input nr.csv --format geojson > hot.geojson 2>/dev/null
check "hotspots are GeoJSON polygons" 'python3 -c "import json,sys; d=json.load(open(\"hot.geojson\")); sys.exit(0 if d[\"type\"]==\"FeatureCollection\" and d[\"features\"] and d[\"features\"][0][\"geometry\"][\"type\"]==\"Polygon\" else 1)"'
"$neig" import incidents nr.csv --database "$db" >/dev/null 2>&1
"$neig" analyse knox --gemeente GM0363 --from 2021-01-01 --to 2025-12-31 --distance 200 --days 14 --permutations 9 --database "$db" > db.json 2>/dev/null
check "knox on the register of one municipality" 'python3 -c "import json,sys; d=json.load(open(\"db.json\")); sys.exit(0 if 0<d[\"n\"]<300 else 1)"'
"$neig" retention run --dry-run --database "$db" > out.txt 2>&1
check "retention dry run lists what would go" '[ $? = 0 ] && grep -q "^would delete: 0 closed cases, 0 information items, 0 signals" out.txt'
"$neig" retention run --closed-case-days=-1 --database "$db" > out.txt 2>err.txt
check "negative retention period refused" '[ $? = 64 ] && grep -q "whole days" err.txt'
printf 'Bewoner Jan Jansen (BSN 111222333) woont aan de Kerkstraat 12A, 1017 GC.\n' > personal.txt
"$neig" anonymise-check personal.txt > anon.json 2>/dev/null
check "anonymise-check finds personal data and exits 1" '[ $? = 1 ] && python3 -c "import json,sys; k=[f[\"kind\"] for f in json.load(open(\"anon.json\"))[\"findings\"]]; sys.exit(0 if k==[\"person_name\",\"bsn\",\"address\",\"postcode\"] else 1)"'
printf 'De burgemeester van Rotterdam sloot op grond van artikel 174a Gemeentewet.\n' > clean.txt
"$neig" anonymise-check clean.txt > anon.json 2>/dev/null
check "anonymise-check passes clean text with exit 0" '[ $? = 0 ] && grep -q "\"findings\":\[\]" anon.json'
"$neig" audit verify --database "$db" > out.txt 2>&1
check "audit chain intact after all of the above" '[ $? = 0 ] && grep -q "audit chain intact: [0-9]* entries" out.txt'


# Effect evaluation on a synthetic file: 40 municipalities, four years, the first one's attacks halved from 2024.
python3 - "$here/../Sources/NEIGCore/Resources/gemeenten.csv" > effect.csv <<'PY'
import math, random, sys
codes = [line.split(";")[0] for line in open(sys.argv[1], encoding="utf-8").read().splitlines()[1:41]]
random.seed(4)
def poisson(lam):
    limit, k, p = math.exp(-lam), 0, random.random()
    while p > limit:
        p *= random.random(); k += 1
    return k
print("bron_id;datum;gemeentecode;x;y;doelwit;middel")
n = 0
for i, code in enumerate(codes):
    for m in range(48):
        year, month = 2021 + m // 12, m % 12 + 1
        rate = (8 if i == 0 else 1 + i % 12) * (0.5 if i == 0 and year >= 2024 else 1)
        for _ in range(poisson(rate)):
            n += 1
            print(f"SYN-{n};{year}-{month:02d}-{1 + n % 28:02d};{code};121400;487400;woning;explosief")
PY
treated=$(sed -n 2p "$here/../Sources/NEIGCore/Resources/gemeenten.csv" | cut -d';' -f1)
"$neig" evaluate --incidents effect.csv --treated "$treated" --start 2024-01-01 --seed 7 --format json > effect.json 2> err.txt; code=$?
check "evaluate exits 0" '[ $code = 0 ]'
check "evaluate finds the planted halving" 'python3 -c "import json,sys; d=json.load(open(\"effect.json\")); sys.exit(0 if -70<d[\"effect_pct\"]<-30 and d[\"ci_high\"]<0 and d[\"p_value\"]<=0.1 and len(d[\"controls\"])==20 and d[\"verdict\"].startswith(\"Daling van ~\") else 1)"'
"$neig" evaluate --incidents effect.csv --treated "$treated" --start 2024-01-01 --seed 7 --format json > again.json 2>/dev/null
check "evaluate with the same seed gives the same output" 'cmp -s effect.json again.json'
"$neig" evaluate --incidents effect.csv --treated GM9999 --start 2024-01-01 > out.txt 2>&1; code=$?
check "evaluate refuses an unknown municipality" '[ $code = 64 ] && grep -q "GM9999" out.txt'
"$neig" evaluate --incidents bad.csv --treated GM0363 --start 2024-01-01 > out.txt 2> err.txt; code=$?
check "evaluate refuses a file with problems, naming line and column" '[ $code = 1 ] && grep -q "^line 2, column datum: " err.txt'
"$neig" interventions export --database "$db" > interventions.csv 2>/dev/null
check "interventions export writes the CSV header" 'head -1 interventions.csv | grep -q "^id,naam,lijn,eigenaar"'
# Numeric flags: hostile values are usage errors (exit 64) naming the flag, never a trap (exit >= 128).
for value in 9223372036854775808 1e19 -1e19 inf nan 99999999999999999999 -1 "$(printf '9%.0s' $(seq 1 10000))"; do
  for args in "analyse knox --input nr.csv --days 14 --distance" "analyse knox --input nr.csv --distance 200 --days" \
              "analyse near-repeat --input nr.csv --distance-bands" "analyse near-repeat --input nr.csv --time-bands" \
              "analyse hotspots --input nr.csv --bandwidth" "analyse hotspots --input nr.csv --cell-size" \
              "analyse knox --input nr.csv --distance 200 --days 14 --permutations" "monitor --year" \
              "alerts configure --gemeente GM0363 --days 28 --distance" "alerts configure --gemeente GM0363 --distance 400 --days" \
              "evaluate --incidents good.csv --treated GM0363 --start 2024-06-01 --seed 1 --months-before" \
              "retention run --dry-run --closed-case-days" "serve --port"; do
    # shellcheck disable=SC2086
    "$neig" $args "$value" --database "$db" > out.txt 2> err.txt; code=$?
    check "neig $args ${value:0:24} is refused, not a crash" '[ $code -ge 1 ] && [ $code -lt 128 ] && ! grep -q "Fatal error" err.txt'
  done
done
"$neig" users check --database "$db" > out.txt 2> err.txt; code=$?
check "users check: every account fits its organisation" '[ $code = 0 ] && grep -q "all accounts fit" err.txt'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
