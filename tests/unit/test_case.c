/*
 * test_case.c - replay and recording driven by the SOP: the next step
 * follows next and branch, an outcome closes the case and moves its log,
 * a repeatable step may be done again, refusals write nothing.
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

static void
walk_to_eight(char id[ADUAN_ID_MAX + 1], const char *hasil)
{
	struct aduan_recorded out;
	struct aduan_err err;
	char h[64];

	assert_int_equal(rec("new", NULL, &out, &err, "pelapor=Budi",
	    "lurah=Pak Lurah", "perihal=Pagar", "isi=Pagar melewati batas",
	    NULL), 0);
	strcpy(id, out.id);
	assert_int_equal(out.nsteps, 1);
	assert_int_equal(out.next, 2);
	assert_int_equal(rec("assign", id, &out, &err, "kepada=Agus", NULL),
	    0);
	assert_int_equal(out.nsteps, 2);
	assert_int_equal(rec("panggil", id, &out, &err, "pihak=Budi",
	    "pihak=Joko", "jadwal=2026-03-02 10:00", NULL), 0);
	assert_int_equal(out.next, 6);
	assert_int_equal(rec("panggil", id, &out, &err, "hadir=", NULL), 0);
	snprintf(h, sizeof(h), "hasil=%s", hasil);
	assert_int_equal(rec("musyawarah", id, &out, &err, h, NULL), 0);
	assert_int_equal(out.nsteps, 2);
}

static void
test_case_sepakat_goes_to_step_10_and_closes_selesai(void **state)
{
	char id[ADUAN_ID_MAX + 1], path[128];
	struct aduan_recorded out;
	struct aduan_err err;
	struct aduan_case *c;
	struct stat sb;

	(void)state;
	walk_to_eight(id, "sepakat");
	c = load(id);
	assert_int_equal(aduan_case_next(c), 10);
	assert_int_equal(aduan_case_status(c, 9), ADUAN_STEP_SKIPPED);
	assert_int_equal(aduan_case_status(c, 10), ADUAN_STEP_NEXT);
	assert_int_equal(aduan_case_step(c, 5)->done, 1);
	assert_string_equal(aduan_event_get(aduan_case_step(c, 3)->last,
	    "kepada"), "Agus");
	aduan_case_free(c);
	assert_int_equal(rec("close", id, &out, &err, NULL), 0);
	assert_int_equal(out.next, 0);
	assert_string_equal(out.outcome, "selesai");
	snprintf(path, sizeof(path), "%s/closed/%s.log", dir, id);
	assert_int_equal(stat(path, &sb), 0);
	snprintf(path, sizeof(path), "%s/open/%s.log", dir, id);
	assert_int_equal(stat(path, &sb), -1);
	c = load(id);
	assert_int_equal(aduan_case_next(c), 0);
	assert_string_equal(aduan_case_outcome(c), "selesai");
	aduan_case_free(c);
	assert_int_equal(rec("close", id, &out, &err, NULL), -1);
	assert_int_equal(err.cat, ADUAN_E_REFUSED);
	assert_non_null(strstr(err.msg, "closed"));
}

static void
test_case_tidak_sepakat_goes_to_step_9(void **state)
{
	char id[ADUAN_ID_MAX + 1];
	struct aduan_recorded out;
	struct aduan_err err;
	struct aduan_case *c;

	(void)state;
	walk_to_eight(id, "tidak-sepakat");
	c = load(id);
	assert_int_equal(aduan_case_next(c), 9);
	assert_int_equal(aduan_case_status(c, 10), ADUAN_STEP_SKIPPED);
	aduan_case_free(c);
	assert_int_equal(rec("close", id, &out, &err, NULL), 0);
	assert_string_equal(out.outcome, "jalur-hukum");
	assert_int_equal(out.steps[0], 9);
}

static void
test_case_summons_repeat_while_parties_are_awaited(void **state)
{
	char id[ADUAN_ID_MAX + 1];
	struct aduan_recorded out;
	struct aduan_request req;
	struct aduan_err err;
	struct aduan_case *c;
	struct aduan_kv kv[] = { { "pihak", "Joko" },
	    { "jadwal", "2026-03-03 09:00" }, { "alasan", "tidak hadir" } };

	(void)state;
	assert_int_equal(rec("new", NULL, &out, &err, "pelapor=B", "lurah=L",
	    "perihal=P", "isi=I", NULL), 0);
	strcpy(id, out.id);
	assert_int_equal(rec("assign", id, &out, &err, "kepada=A", NULL), 0);
	assert_int_equal(rec("panggil", id, &out, &err, "pihak=Joko",
	    "jadwal=2026-03-02 10:00", NULL), 0);
	memset(&req, 0, sizeof(req));
	req.command = "panggil";
	req.id = id;
	req.opts = kv;
	req.nopts = 3;
	req.again = 1;
	req.by = "Siti";
	req.now = now;
	assert_int_equal(aduan_record(store, sop, &req, &out, &err), 0);
	assert_int_equal(out.steps[0], 5);
	assert_int_equal(out.next, 6);
	c = load(id);
	assert_int_equal(aduan_case_step(c, 5)->done, 2);
	assert_string_equal(aduan_event_get(aduan_case_step(c, 5)->last,
	    "jadwal"), "2026-03-03T09:00:00+07:00");
	assert_string_equal(aduan_event_get(aduan_case_step(c, 5)->first,
	    "jadwal"), "2026-03-02T10:00:00+07:00");
	aduan_case_free(c);
}

static void
test_case_out_of_order_is_refused_and_writes_nothing(void **state)
{
	char id[ADUAN_ID_MAX + 1], path[128];
	struct aduan_recorded out;
	struct aduan_err err;
	struct stat a, b;

	(void)state;
	assert_int_equal(rec("new", NULL, &out, &err, "pelapor=B", "lurah=L",
	    "perihal=P", "isi=I", NULL), 0);
	strcpy(id, out.id);
	snprintf(path, sizeof(path), "%s/open/%s.log", dir, id);
	assert_int_equal(stat(path, &a), 0);
	assert_int_equal(rec("musyawarah", id, &out, &err, "hasil=sepakat",
	    NULL), -1);
	assert_int_equal(err.cat, ADUAN_E_REFUSED);
	/* The refusal says what to record instead, as data. */
	assert_int_equal(err.hint, ADUAN_HINT_STEP);
	assert_int_equal(err.step, 2);
	assert_string_equal(err.id, id);
	assert_non_null(strstr(err.msg, "step 2 "));
	assert_int_equal(rec("assign", id, &out, &err, NULL), -1);
	assert_int_equal(err.cat, ADUAN_E_REFUSED);
	assert_int_equal(err.hint, ADUAN_HINT_MISSING);
	assert_int_equal(err.step, 3);
	assert_string_equal(err.field, "kepada");
	assert_int_equal(rec("assign", id, &out, &err, "kepada=A",
	    "hasil=sepakat", NULL), -1);
	assert_int_equal(err.cat, ADUAN_E_USAGE);
	assert_int_equal(stat(path, &b), 0);
	assert_int_equal(a.st_size, b.st_size);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_case_sepakat_goes_to_step_10_and_closes_selesai),
		T(test_case_tidak_sepakat_goes_to_step_9),
		T(test_case_summons_repeat_while_parties_are_awaited),
		T(test_case_out_of_order_is_refused_and_writes_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
