#!/bin/sh
# agree.sh DIR N - the coreutils-only check of aduan-log(5) and aduan
# verify agree on N generated logs, a third of them tampered with at
# random (a byte changed, a line removed, duplicated or swapped).
# Exit 0 when they agree on every log.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=$1
n=$2
"$top/tests/bench/bench" gen "$dir" $((n - n / 3)) $((n / 3))

# The check of aduan-log(5), word for word: ok, or the first bad line.
shcheck() {
	prev= ; i=0
	while IFS= read -r line; do
		body=${line%"	"*}
		hash=${line##*"	"}
		if [ $i -eq 0 ]; then
			want=$(printf '%s\n' "$body" | sha256sum | cut -c1-64)
		else
			want=$(printf '%s\t%s\n' "$prev" "$body" | sha256sum | cut -c1-64)
		fi
		[ "$want" = "$hash" ] || { echo bad; return; }
		prev=$hash
		i=$((i + 1))
	done < "$1"
	echo ok
}

k=0
for f in "$dir"/open/*.log "$dir"/closed/*.log; do
	k=$((k + 1))
	lines=$(wc -l < "$f")
	[ $((k % 3)) -eq 0 ] || continue
	l=$(( (k * 7) % (lines - 1) + 2 ))
	case $((k % 4)) in
	0) sed -i "${l}s/Budi/Budo/; ${l}s/	done	/	dona	/" "$f" ;;
	1) sed -i "${l}d" "$f" ;;
	2) sed -n "${l}p" "$f" >> "$f" ;;
	3) awk -v l="$l" 'NR == l - 1 { held = $0; next } NR == l { print; print held; next } 1' \
	    "$f" > "$f.x" && cat "$f.x" > "$f" && rm "$f.x" ;;
	esac
done

ADUAN_DIR=$dir "$top/cmd/aduan-verify" --format tsv > "$dir/verify.tsv" || true
agree=0 differ=0 bad=0
while IFS='	' read -r id verdict rest; do
	f=$dir/open/$id.log
	[ -f "$f" ] || f=$dir/closed/$id.log
	s=$(shcheck "$f")
	v=ok
	[ "$verdict" = ok ] || v=bad
	[ "$v" = bad ] && bad=$((bad + 1))
	if [ "$s" = "$v" ]; then agree=$((agree + 1)); else differ=$((differ + 1)); echo "differ: $id sh=$s verify=$verdict"; fi
done < "$dir/verify.tsv"
echo "agree: $agree logs checked by both, $bad found bad, $differ disagreements"
[ "$differ" -eq 0 ] && [ "$agree" -eq "$n" ]
