/*
 * fuzz_sop.c - libFuzzer target: the SOP loader and the calendar loader
 * (aduan_sop_load: YAML parsing, validation, the step graph, the
 * calendar), on hostile files.
 *
 * Two modes, chosen by the low bit of the first byte of the input (the
 * whole input, that byte included, is the file written):
 *
 *   even ('f' of "format: 1", '\n', ' ', ...): the input is the SOP,
 *     written as sop.yaml in a directory that also holds a valid calendar,
 *     kalender.yaml, copied from FUZZ_TOP/sop/kalender.yaml;
 *   odd ('#' of a comment, ...): the input is the calendar, written as
 *     kalender.yaml beside a valid SOP, sop.yaml, copied from
 *     FUZZ_TOP/sop/kranggan.yaml (which names kalender.yaml).
 *
 * So sop/kalender.yaml as it is exercises the calendar, and an SOP file
 * starting with "format:" or an empty line exercises the SOP.  The valid
 * files are copied once, at the first call, into one private directory per
 * mode.  A load that succeeds must give an SOP that answers its accessors
 * and a calendar; it is freed.  A failure must say why (a message and a
 * category).  Sanitizer reports, crashes and leaks are findings.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "harness.h"

static char sop_mode_sop[4200];	/* fuzzed SOP, valid calendar beside it */
static char cal_mode_sop[4200];	/* valid SOP; fuzzed calendar beside it */
static char cal_mode_cal[4200];

static void
setup(void)
{
	const char *a = fuzz_tmpdir("sop");
	const char *b = fuzz_tmpdir("cal");
	char path[4200], *buf;
	size_t len;

	buf = fuzz_read_tree_file("sop/kalender.yaml", &len);
	snprintf(path, sizeof(path), "%s/kalender.yaml", a);
	fuzz_write_file(path, buf, len);
	free(buf);
	buf = fuzz_read_tree_file("sop/kranggan.yaml", &len);
	snprintf(cal_mode_sop, sizeof(cal_mode_sop), "%s/sop.yaml", b);
	fuzz_write_file(cal_mode_sop, buf, len);
	free(buf);
	snprintf(sop_mode_sop, sizeof(sop_mode_sop), "%s/sop.yaml", a);
	snprintf(cal_mode_cal, sizeof(cal_mode_cal), "%s/kalender.yaml", b);
}

/* Walk what a loaded SOP offers, so that a half-built one shows. */
static void
walk(const struct aduan_sop *sop)
{
	const struct aduan_cal *cal = aduan_sop_cal(sop);
	const int *years;
	int i, j, n, ny;
	char buf[64];

	if (cal == NULL || aduan_sop_nsteps(sop) < 1) {
		fprintf(stderr, "fuzz_sop: BUG: loaded SOP without a calendar "
		    "or steps\n");
		abort();
	}
	(void)aduan_sop_meta(sop, "nomor");
	(void)aduan_sop_list(sop, "dasar_hukum", &n);
	for (i = 0; i < aduan_sop_nsteps(sop); i++) {
		const struct aduan_step *s = aduan_sop_step_at(sop, i);

		if (aduan_sop_step(sop, s->no) != s) {
			fprintf(stderr, "fuzz_sop: BUG: step %d is not found "
			    "by its number\n", s->no);
			abort();
		}
		(void)strlen(s->kegiatan);
		(void)strlen(s->pelaksana->id);
		aduan_dur_str(&s->waktu, buf, sizeof(buf));
		for (j = 0; j < s->nfields; j++)
			(void)aduan_step_field(s, s->fields[j].name);
	}
	years = cal_years(cal, &ny);
	for (i = 0; i < ny && i < 3; i++) {
		struct aduan_span spans[8];
		enum aduan_dayoff kind;
		const char *name;
		int listed;

		(void)cal_day(cal, years[i], 1, 1, spans, &kind, &name,
		    &listed);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct aduan_sop *sop;
	struct aduan_err err;
	const char *path;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (sop_mode_sop[0] == '\0')
		setup();
	if (size > 0 && (data[0] & 1)) {
		fuzz_write_file(cal_mode_cal, data, size);
		path = cal_mode_sop;
	} else {
		fuzz_write_file(sop_mode_sop, data, size);
		path = sop_mode_sop;
	}
	aduan_err_clear(&err);
	if ((sop = aduan_sop_load(path, &err)) == NULL) {
		if (err.cat == ADUAN_E_NONE || err.msg[0] == '\0') {
			fprintf(stderr, "fuzz_sop: BUG: the load failed without "
			    "saying why\n");
			abort();
		}
		return 0;
	}
	walk(sop);
	aduan_sop_free(sop);
	return 0;
}
