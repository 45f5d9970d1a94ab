# Shared by every bats file: the commands of this tree first on PATH, a
# fresh data directory and a fixed clock for each test.
bats_require_minimum_version 1.5.0
top=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
PATH="$top/cmd:$PATH"
export ADUAN_DIR="$BATS_TEST_TMPDIR/data"
export ADUAN_NOW="2026-03-02T09:00:00+07:00"
export ADUAN_USER="Petugas Uji"
unset ADUAN_SOP
SOP="$top/sop/kranggan.yaml"
