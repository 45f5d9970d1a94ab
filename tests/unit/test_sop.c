/*
 * test_sop.c - the SOP loader: the bundled SOP loads whole, each fault is
 * named with its file, line and column, and hostile files end in a clear
 * error.  Each fault test starts from a small valid SOP and changes one
 * thing in it.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "internal.h"

static char dir[64];
static char sopfile[128];

static const char base_sop[] =
    "format: 1\n"					/* 1 */
    "sop:\n"						/* 2 */
    "  nomor: \"065/SOP/ /417.515/2019\"\n"		/* 3 */
    "  revisi: \"2019-06\"\n"				/* 4 */
    "  nama: UJI\n"					/* 5 */
    "calendar: cal.yaml\n"				/* 6 */
    "roles:\n"						/* 7 */
    "  - id: warga\n"					/* 8 */
    "    nama: Warga\n"					/* 9 */
    "  - id: camat\n"					/* 10 */
    "    nama: Camat\n"					/* 11 */
    "steps:\n"						/* 12 */
    "  - step: 1\n"					/* 13 */
    "    kegiatan: Warga datang\n"			/* 14 */
    "    pelaksana: warga\n"				/* 15 */
    "    kelengkapan: Aduan\n"				/* 16 */
    "    waktu: 2 menit\n"				/* 17 */
    "    output: Aduan diterima\n"			/* 18 */
    "    command: new\n"				/* 19 */
    "    fields:\n"					/* 20 */
    "      - name: hasil\n"				/* 21 */
    "        type: choice\n"				/* 22 */
    "        choices: [ya, tidak]\n"			/* 23 */
    "    branch:\n"					/* 24 */
    "      field: hasil\n"				/* 25 */
    "      cases:\n"					/* 26 */
    "        ya: 2\n"					/* 27 */
    "        tidak: 3\n"					/* 28 */
    "  - step: 2\n"					/* 29 */
    "    kegiatan: Selesai\n"				/* 30 */
    "    pelaksana: camat\n"				/* 31 */
    "    kelengkapan: \"-\"\n"				/* 32 */
    "    waktu: 1 jam\n"				/* 33 */
    "    output: Selesai\n"				/* 34 */
    "    command: close\n"				/* 35 */
    "    outcome: selesai\n"				/* 36 */
    "  - step: 3\n"					/* 37 */
    "    kegiatan: Jalur hukum\n"			/* 38 */
    "    pelaksana: camat\n"				/* 39 */
    "    kelengkapan: Jalur Hukum\n"			/* 40 */
    "    waktu: 1 hari\n"				/* 41 */
    "    output: Proses\n"				/* 42 */
    "    command: close\n"				/* 43 */
    "    outcome: jalur-hukum\n";			/* 44 */

static const char base_cal[] =
    "format: 1\n"
    "zona: Asia/Jakarta\n"
    "utc_offset: \"+07:00\"\n"
    "jam_kerja:\n"
    "  senin: [\"07:30-12:00\", \"13:00-16:00\"]\n"
    "  selasa: [\"07:30-12:00\", \"13:00-16:00\"]\n"
    "  rabu: [\"07:30-12:00\", \"13:00-16:00\"]\n"
    "  kamis: [\"07:30-12:00\", \"13:00-16:00\"]\n"
    "  jumat: [\"07:30-11:30\", \"13:00-16:30\"]\n"
    "  sabtu: []\n"
    "  minggu: []\n"
    "tahun:\n"
    "  - tahun: 2026\n"
    "    keputusan: SKB\n"
    "    libur:\n"
    "      - tanggal: 2026-01-01\n"
    "        nama: Tahun Baru\n"
    "        jenis: libur nasional\n";

static void
put(const char *name, const char *text, size_t n)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_true(write(fd, text, n) == (ssize_t)n);
	close(fd);
}

/* The base text with the first `from` replaced by `to`. */
static char *
edit(const char *base, const char *from, const char *to)
{
	const char *at = strstr(base, from);
	char *out;

	if (at == NULL)
		fail_msg("no '%s' in the base text", from);
	out = malloc(strlen(base) + strlen(to) + 1);
	memcpy(out, base, (size_t)(at - base));
	strcpy(out + (at - base), to);
	strcat(out, at + strlen(from));
	return out;
}

static int
setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/aduan-test-sop.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(sopfile, sizeof(sopfile), "%s/sop.yaml", dir);
	put("sop.yaml", base_sop, strlen(base_sop));
	put("cal.yaml", base_cal, strlen(base_cal));
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/*
 * Load the SOP after replacing from by to in it (or in the calendar):
 * expect failure at file:line:col with msg in the message.
 */
static void
expect(int in_cal, const char *from, const char *to, int line, int col,
    const char *msg)
{
	char *text = edit(in_cal ? base_cal : base_sop, from, to);
	struct aduan_err err;
	struct aduan_sop *sop;

	put(in_cal ? "cal.yaml" : "sop.yaml", text, strlen(text));
	free(text);
	sop = aduan_sop_load(sopfile, &err);
	if (sop != NULL)
		fail_msg("loaded, expected '%s'", msg);
	assert_int_equal(err.cat, ADUAN_E_CONFIG);
	if (strstr(err.msg, msg) == NULL)
		fail_msg("message '%s' lacks '%s'", err.msg, msg);
	assert_non_null(strstr(err.file, in_cal ? "cal.yaml" : "sop.yaml"));
	if (line != err.line || col != err.col)
		fail_msg("'%s' at %d:%d, expected %d:%d", err.msg, err.line,
		    err.col, line, col);
}

static void
test_sop_base_loads(void **state)
{
	struct aduan_err err;
	struct aduan_sop *sop = aduan_sop_load(sopfile, &err);

	(void)state;
	if (sop == NULL)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
	assert_int_equal(aduan_sop_nsteps(sop), 3);
	assert_int_equal(aduan_sop_step(sop, 1)->nbranches, 2);
	assert_string_equal(aduan_sop_meta(sop, "nomor"),
	    "065/SOP/ /417.515/2019");
	aduan_sop_free(sop);
}

static void
test_sop_bundled_encodes_the_seed(void **state)
{
	struct aduan_err err;
	struct aduan_sop *sop = aduan_sop_load("../../sop/kranggan.yaml", &err);
	const struct aduan_step *st;
	char buf[32];
	int n, i;

	(void)state;
	if (sop == NULL)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
	assert_int_equal(aduan_sop_nsteps(sop), 10);
	assert_string_equal(aduan_sop_meta(sop, "disahkan_oleh.nip"),
	    "19700113 198903 2 003");
	assert_string_equal(aduan_sop_meta(sop, "disahkan_oleh.pangkat"),
	    "Pembina Tingkat I");
	aduan_sop_list(sop, "kualifikasi_pelaksana", &n);
	assert_int_equal(n, 2);
	st = aduan_sop_step(sop, 4);
	assert_string_equal(st->kegiatan, "Kepala Seksi Ketentraman dan "
	    "Ketertiban Umum mempelajari dan menelaah permasalahan yang "
	    "menjadi aduan warga");
	assert_string_equal(aduan_dur_str(&st->waktu, buf, sizeof(buf)),
	    "1 hari");
	assert_string_equal(st->pelaksana->id, "kasi_trantib");
	st = aduan_sop_step(sop, 8);
	assert_string_equal(st->branch_field, "hasil");
	for (i = 0; i < st->nbranches; i++)
		assert_int_equal(st->branches[i].next,
		    strcmp(st->branches[i].value, "sepakat") == 0 ? 10 : 9);
	assert_string_equal(aduan_sop_step(sop, 9)->outcome, "jalur-hukum");
	assert_int_equal(aduan_sop_step(sop, 10)->waktu.unit,
	    ADUAN_UNIT_NONE);
	assert_string_equal(aduan_sop_step(sop, 6)->clock_from, "jadwal");
	aduan_sop_free(sop);
}

static void
test_sop_rejects_yaml_syntax_error(void **state)
{
	(void)state;
	expect(0, "  nama: UJI\n", "  nama: [UJI\n", 6, 9, "YAML syntax");
}

static void
test_sop_rejects_unknown_key(void **state)
{
	(void)state;
	expect(0, "    waktu: 2 menit\n", "    waktuu: 2 menit\n", 17, 5,
	    "unknown key 'waktuu'");
}

static void
test_sop_rejects_missing_key(void **state)
{
	(void)state;
	expect(0, "    output: Selesai\n", "", 29, 5,
	    "missing key 'output'");
}

static void
test_sop_rejects_duplicate_step(void **state)
{
	(void)state;
	expect(0, "  - step: 3\n", "  - step: 2\n", 37, 11,
	    "duplicate step number 2");
}

static void
test_sop_rejects_duplicate_key(void **state)
{
	(void)state;
	expect(0, "    output: Selesai\n", "    output: Selesai\n"
	    "    output: Lagi\n", 35, 5, "duplicate key 'output'");
}

static void
test_sop_rejects_unknown_role(void **state)
{
	(void)state;
	expect(0, "    pelaksana: camat\n", "    pelaksana: lurah\n", 31, 16,
	    "unknown role 'lurah'");
}

static void
test_sop_rejects_unknown_command(void **state)
{
	(void)state;
	expect(0, "    command: close\n", "    command: tutup\n", 35, 14,
	    "unknown command 'tutup'");
}

static void
test_sop_rejects_unreadable_waktu(void **state)
{
	(void)state;
	expect(0, "2 menit", "2 menitt", 17, 12, "'2 menitt'");
	expect(0, "2 menit", "-1 jam", 17, 12, "'-1 jam'");
	expect(0, "2 menit", "jam", 17, 12, "'jam'");
	expect(0, "2 menit", "0 jam", 17, 12, "'0 jam'");
}

static void
test_sop_rejects_missing_next_step(void **state)
{
	(void)state;
	expect(0, "        tidak: 3\n", "        tidak: 7\n", 28, 16,
	    "next step 7 does not exist");
}

static void
test_sop_rejects_loop(void **state)
{
	(void)state;
	expect(0, "    outcome: jalur-hukum\n", "    next: 1\n", 44, 11,
	    "makes a loop");
}

static void
test_sop_rejects_step_without_way_on(void **state)
{
	(void)state;
	expect(0, "    outcome: jalur-hukum\n", "", 37, 5, "no way on");
}

static void
test_sop_rejects_branch_missing_a_choice(void **state)
{
	(void)state;
	expect(0, "        tidak: 3\n", "", 27, 9, "no case for 'tidak'");
}

static void
test_sop_rejects_unreachable_step(void **state)
{
	(void)state;
	expect(0, "        tidak: 3\n", "        tidak: 2\n", 37, 5,
	    "cannot be reached");
}

static void
test_sop_rejects_alias(void **state)
{
	(void)state;
	expect(0, "  nama: UJI\n", "  nama: &a UJI\n", 5, 9, "anchors");
}

static void
test_calendar_rejects_bad_time(void **state)
{
	(void)state;
	expect(1, "\"13:00-16:30\"", "\"13:00-16:60\"", 9, 26, "bad office "
	    "hours '13:00-16:60'");
	expect(1, "\"13:00-16:30\"", "\"16:30-13:00\"", 9, 26, "closes before");
	expect(1, "\"13:00-16:30\"", "\"11:00-16:30\"", 9, 26, "overlaps");
	expect(1, "  minggu: []\n", "", 5, 3, "missing key 'minggu'");
}

static void
test_calendar_rejects_bad_date(void **state)
{
	(void)state;
	expect(1, "2026-01-01", "2026-02-30", 16, 18, "bad date '2026-02-30'");
	expect(1, "2026-01-01", "2026-13-01", 16, 18, "bad date");
	expect(1, "2026-01-01", "2027-01-01", 16, 18, "not in 2026");
	expect(1, "jenis: libur nasional", "jenis: libur", 18, 16,
	    "neither");
	expect(1, "Asia/Jakarta", "Asia/Makassar", 2, 7, "only Asia/Jakarta");
}

static void
test_sop_hostile_files_fail_cleanly(void **state)
{
	struct aduan_err err;
	char path[128], *big;
	size_t i, n;
	int fd;

	(void)state;
	/* Empty. */
	put("sop.yaml", "", 0);
	assert_null(aduan_sop_load(sopfile, &err));
	assert_non_null(strstr(err.msg, "empty"));
	/* A directory. */
	assert_null(aduan_sop_load(dir, &err));
	assert_non_null(strstr(err.msg, "directory"));
	/* Missing. */
	snprintf(path, sizeof(path), "%s/none.yaml", dir);
	assert_null(aduan_sop_load(path, &err));
	assert_non_null(strstr(err.msg, "cannot open"));
	/* Invalid UTF-8. */
	put("sop.yaml", "format: 1\nsop: \xff\xfe\n", 17);
	assert_null(aduan_sop_load(sopfile, &err));
	assert_non_null(strstr(err.msg, "UTF-8"));
	/* 10,000-deep nesting. */
	n = 20000;
	big = malloc(n + 1);
	for (i = 0; i < n / 2; i++)
		big[i] = '[';
	for (; i < n; i++)
		big[i] = ']';
	put("sop.yaml", big, n);
	assert_null(aduan_sop_load(sopfile, &err));
	assert_non_null(strstr(err.msg, "nested too deeply"));
	free(big);
	/* An alias bomb. */
	put("sop.yaml", "a: &a [x, x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n", 146);
	assert_null(aduan_sop_load(sopfile, &err));
	assert_non_null(strstr(err.msg, "not allowed"));
	/* 50 MB: refused by its size, without being read. */
	fd = open(sopfile, O_WRONLY | O_TRUNC);
	assert_int_equal(ftruncate(fd, 50L * 1024 * 1024), 0);
	close(fd);
	assert_null(aduan_sop_load(sopfile, &err));
	assert_non_null(strstr(err.msg, "too large"));
	/* A scalar at the top. */
	put("sop.yaml", "hello\n", 6);
	assert_null(aduan_sop_load(sopfile, &err));
	assert_non_null(strstr(err.msg, "expected a mapping"));
}

static void
test_dur_parse_keeps_the_unit(void **state)
{
	static const struct {
		const char *text;
		enum aduan_unit unit;
		int amount;
	} good[] = {
		{ "2 menit", ADUAN_UNIT_MENIT, 2 },
		{ "15 menit", ADUAN_UNIT_MENIT, 15 },
		{ "1 jam", ADUAN_UNIT_JAM, 1 },
		{ "1 hari", ADUAN_UNIT_HARI, 1 },
		{ "99999 hari", ADUAN_UNIT_HARI, 99999 },
		{ "-", ADUAN_UNIT_NONE, 0 },
	};
	static const char *const bad[] = {
		"2 menitt", "-1 jam", "jam", "0 jam", "1  jam", "1jam",
		" 1 jam", "1 jam ", "100000 hari", "", "--", "1.5 jam",
		"2 Menit", "1 minggu",
	};
	struct aduan_dur d;
	struct aduan_err err;
	char buf[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_int_equal(aduan_dur_parse(good[i].text, &d, &err), 0);
		assert_int_equal(d.unit, good[i].unit);
		assert_int_equal(d.amount, good[i].amount);
		assert_string_equal(aduan_dur_str(&d, buf, sizeof(buf)),
		    good[i].text);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (aduan_dur_parse(bad[i], &d, &err) != -1)
			fail_msg("accepted '%s'", bad[i]);
}

static void
test_calendar_office_override_opens_a_cuti_bersama(void **state)
{
	char *cal = edit(base_cal, "tahun:\n", "buka:\n"
	    "  - tanggal: 2026-12-24\n"
	    "    alasan: layanan pengaduan tetap buka\n"
	    "  - tanggal: 2026-12-26\n"
	    "    alasan: kerja bakti\n"
	    "    jam_kerja: [\"08:00-11:00\"]\n"
	    "tahun:\n");
	char *cal2 = edit(cal, "        jenis: libur nasional\n",
	    "        jenis: libur nasional\n"
	    "      - tanggal: 2026-12-24\n"
	    "        nama: Natal\n"
	    "        jenis: cuti bersama\n");
	struct aduan_span s[8];
	enum aduan_dayoff kind;
	struct aduan_err err;
	struct aduan_sop *sop;
	const char *name;
	int n, listed;

	(void)state;
	put("cal.yaml", cal2, strlen(cal2));
	free(cal);
	free(cal2);
	sop = aduan_sop_load(sopfile, &err);
	if (sop == NULL)
		fail_msg("%s:%d: %s", err.file, err.line, err.msg);
	/* Thursday 24 December: cuti bersama, but the office opens. */
	n = cal_day(aduan_sop_cal(sop), 2026, 12, 24, s, &kind, &name,
	    &listed);
	assert_int_equal(n, 2);
	assert_int_equal(s[0].open, 7 * 60 + 30);
	/* Saturday 26 December: opened with hours of its own. */
	n = cal_day(aduan_sop_cal(sop), 2026, 12, 26, s, &kind, &name,
	    &listed);
	assert_int_equal(n, 1);
	assert_int_equal(s[0].open, 8 * 60);
	assert_int_equal(s[0].close, 11 * 60);
	aduan_sop_free(sop);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_sop_base_loads),
		T(test_sop_bundled_encodes_the_seed),
		T(test_sop_rejects_yaml_syntax_error),
		T(test_sop_rejects_unknown_key),
		T(test_sop_rejects_missing_key),
		T(test_sop_rejects_duplicate_step),
		T(test_sop_rejects_duplicate_key),
		T(test_sop_rejects_unknown_role),
		T(test_sop_rejects_unknown_command),
		T(test_sop_rejects_unreadable_waktu),
		T(test_sop_rejects_missing_next_step),
		T(test_sop_rejects_loop),
		T(test_sop_rejects_step_without_way_on),
		T(test_sop_rejects_branch_missing_a_choice),
		T(test_sop_rejects_unreachable_step),
		T(test_sop_rejects_alias),
		T(test_calendar_rejects_bad_time),
		T(test_calendar_rejects_bad_date),
		T(test_calendar_office_override_opens_a_cuti_bersama),
		T(test_sop_hostile_files_fail_cleanly),
		cmocka_unit_test(test_dur_parse_keeps_the_unit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
