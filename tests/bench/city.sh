#!/bin/sh
# city.sh DIR OFFICES CASES...: the city's side at scale (make bench-city).
# For each number of offices, that many offices of CASES open cases each
# (tests/bench/bench gen, a third of them late), each committed by aduan
# sync; then the city fetches every office (aduan sync --fetch, each copy
# verified) and lists every late step across them (aduan overdue --all -D
# CITY).  Prints a markdown table: the offices, the cases, the time and
# peak memory of the fetch and of the scan, and the scan's time per case.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
aduan=$top/cmd/aduan
bench=$top/tests/bench/bench
dir=$1
cases=$2
shift 2
export ADUAN_NOW="2026-03-10 10:00" ADUAN_USER=bench
export ADUAN_SOP="$top/sop/kranggan.yaml"
echo "| offices | cases | city fetch | its peak RSS | overdue --all across the city | its peak RSS | per case |"
echo "|---|---|---|---|---|---|---|"
for n in "$@"; do
	w=$dir/$n
	rm -rf "$w"
	mkdir -p "$w/city"
	printf 'format: 1\nkota: Bench\nkantor:\n' > "$w/city/kota.yaml"
	i=1
	while [ "$i" -le "$n" ]; do
		code=$(printf 'K%05d' "$i")
		"$bench" gen "$w/$code" 0 "$cases" >/dev/null
		"$aduan" sync -q -D "$w/$code"
		printf '  - kode: %s\n    remote: %s\n' "$code" "$w/$code" \
		    >> "$w/city/kota.yaml"
		i=$((i + 1))
	done
	/usr/bin/time -f "%e %M" -o "$w/fetch.t" "$aduan" sync -q --fetch \
	    -D "$w/city"
	/usr/bin/time -f "%e %M" -o "$w/scan.t" "$aduan" overdue --all \
	    -D "$w/city" --format tsv > "$w/scan.out" || [ $? -eq 1 ]
	read -r ft fm <<E
$(tail -1 "$w/fetch.t")
E
	read -r st sm <<E
$(tail -1 "$w/scan.t")
E
	total=$((n * cases))
	echo "| $n | $total | $ft s | $fm KiB | $st s | $sm KiB |" \
	    "$(awk -v t="$st" -v c="$total" 'BEGIN { printf "%.1f us", 1e6 * t / c }') |"
	rm -rf "$w"
done
