/*
 * test_record.c - what a recording request may record, decided by the SOP:
 * the run of steps of one command, every field checked against its step,
 * the data of doing a step again and of adjourning it taken from the SOP,
 * and every refusal said as data (the case, the field, the step to record
 * instead) with nothing written.
 */
#include <sys/stat.h>

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
#include "fixture.h"

/* A new case with the four fields of step 1; its ID into id. */
static void
filed(char id[ADUAN_ID_MAX + 1])
{
	struct aduan_recorded out;
	struct aduan_err err;

	assert_int_equal(rec("new", NULL, &out, &err, "pelapor=Budi",
	    "lurah=L", "perihal=P", "isi=I", NULL), 0);
	strcpy(id, out.id);
}

/* The size of the log of case id. */
static long long
size_of(const char *id)
{
	char path[128];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/open/%s.log", dir, id);
	assert_int_equal(stat(path, &sb), 0);
	return (long long)sb.st_size;
}

static void
test_record_run_is_the_steps_of_one_command(void **state)
{
	int run[8];

	(void)state;
	assert_int_equal(aduan_record_run(sop, 2, run, 8), 2);
	assert_int_equal(run[0], 2);
	assert_int_equal(run[1], 3);
	/* Step 6 is marked by its required flag: never in the run. */
	assert_int_equal(aduan_record_run(sop, 4, run, 8), 2);
	assert_int_equal(run[1], 5);
	assert_int_equal(aduan_record_run(sop, 6, run, 8), 1);
	assert_int_equal(aduan_record_run(sop, 99, run, 8), 0);
}

static void
test_record_field_of_no_step_of_the_run_is_refused_by_name(void **state)
{
	struct aduan_recorded out;
	struct aduan_err err;
	char id[ADUAN_ID_MAX + 1];
	long long before;

	(void)state;
	filed(id);
	before = size_of(id);
	assert_int_equal(rec("assign", id, &out, &err, "kepada=A",
	    "hasil=sepakat", NULL), -1);
	assert_int_equal(err.cat, ADUAN_E_USAGE);
	assert_string_equal(err.field, "hasil");
	assert_int_equal(rec("assign", id, &out, &err, "kepada=A",
	    "kepada=B", NULL), -1);
	assert_string_equal(err.field, "kepada");
	assert_non_null(strstr(err.msg, "more than once"));
	assert_int_equal(size_of(id), before);
}

static void
test_record_missing_field_names_step_and_field(void **state)
{
	struct aduan_recorded out;
	struct aduan_err err;
	char id[ADUAN_ID_MAX + 1];

	(void)state;
	filed(id);
	assert_int_equal(rec("assign", id, &out, &err, NULL), -1);
	assert_int_equal(err.cat, ADUAN_E_REFUSED);
	assert_int_equal(err.hint, ADUAN_HINT_MISSING);
	assert_int_equal(err.step, 3);
	assert_string_equal(err.field, "kepada");
	assert_string_equal(err.id, id);
	assert_ptr_equal(err.sop, sop);
	assert_int_equal(rec("new", NULL, &out, &err, "pelapor=B", NULL), -1);
	assert_int_equal(err.hint, ADUAN_HINT_MISSING);
	assert_int_equal(err.step, 1);
	assert_string_equal(err.id, "");
}

static void
test_record_values_are_checked_against_their_field(void **state)
{
	struct aduan_recorded out;
	struct aduan_err err;

	(void)state;
	assert_int_equal(rec("new", NULL, &out, &err, "pelapor=", "lurah=L",
	    "perihal=P", "isi=I", NULL), -1);
	assert_int_equal(err.cat, ADUAN_E_USAGE);
	assert_string_equal(err.field, "pelapor");
	assert_int_equal(rec("new", NULL, &out, &err, "pelapor=B\x1b[2J",
	    "lurah=L", "perihal=P", "isi=I", NULL), -1);
	assert_string_equal(err.field, "pelapor");
	assert_non_null(strstr(err.msg, "control character"));
}

static void
test_record_adjourn_takes_the_tunda_fields_of_the_sop(void **state)
{
	const struct aduan_step *st = aduan_sop_step(sop, 7);
	struct aduan_recorded out;
	struct aduan_request req;
	struct aduan_kv kv[1] = { { "jadwal", "2026-03-03 09:00" } };
	struct aduan_err err;
	struct aduan_case *c;
	char id[ADUAN_ID_MAX + 1];

	(void)state;
	assert_true(st->adjournable);
	assert_string_equal(st->adjourn_clock, "jadwal");
	filed(id);
	assert_int_equal(rec("assign", id, &out, &err, "kepada=A", NULL), 0);
	assert_int_equal(rec("panggil", id, &out, &err, "pihak=X",
	    "jadwal=2026-03-02 10:00", NULL), 0);
	assert_int_equal(rec("panggil", id, &out, &err, "hadir=", NULL), 0);
	memset(&req, 0, sizeof(req));
	req.command = "musyawarah";
	req.id = id;
	req.adjourn = 1;
	req.by = "Siti";
	req.now = now;
	assert_int_equal(aduan_record(store, sop, &req, &out, &err), -1);
	assert_int_equal(err.hint, ADUAN_HINT_MISSING);
	assert_string_equal(err.field, "jadwal");
	assert_int_equal(err.step, 7);
	req.opts = kv;
	req.nopts = 1;
	assert_int_equal(aduan_record(store, sop, &req, &out, &err), 0);
	assert_true(out.adjourned);
	c = load(id);
	assert_int_equal(aduan_case_next(c), 7);
	assert_int_equal(aduan_case_step(c, 7)->adjourns, 1);
	assert_int_equal(aduan_case_step(c, 7)->adjourned_to, now + 86400);
	aduan_case_free(c);
}

static void
test_record_time_ahead_of_now_is_refused_as_at(void **state)
{
	struct aduan_recorded out;
	struct aduan_request req;
	struct aduan_kv kv[4] = { { "pelapor", "B" }, { "lurah", "L" },
	    { "perihal", "P" }, { "isi", "I" } };
	struct aduan_err err;

	(void)state;
	memset(&req, 0, sizeof(req));
	req.command = "new";
	req.opts = kv;
	req.nopts = 4;
	req.by = "Siti";
	req.now = now;
	req.at = "2026-03-02 09:05";
	assert_int_equal(aduan_record(store, sop, &req, &out, &err), -1);
	assert_int_equal(err.cat, ADUAN_E_REFUSED);
	assert_string_equal(err.field, "at");
	req.at = "besok";
	assert_int_equal(aduan_record(store, sop, &req, &out, &err), -1);
	assert_int_equal(err.cat, ADUAN_E_USAGE);
	assert_string_equal(err.field, "at");
	req.at = NULL;
	req.by = "Siti\x07";
	assert_int_equal(aduan_record(store, sop, &req, &out, &err), -1);
	assert_string_equal(err.field, "by");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_record_run_is_the_steps_of_one_command),
		T(test_record_field_of_no_step_of_the_run_is_refused_by_name),
		T(test_record_missing_field_names_step_and_field),
		T(test_record_values_are_checked_against_their_field),
		T(test_record_adjourn_takes_the_tunda_fields_of_the_sop),
		T(test_record_time_ahead_of_now_is_refused_as_at),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
