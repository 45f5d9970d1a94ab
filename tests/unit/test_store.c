/*
 * test_store.c - the data directory: case numbers given in order and never
 * twice, a taken name passed over, the scan in order of ID without
 * opening closed cases, a case moved to closed/ never over a name, and
 * logs that are links refused.
 */
#include <sys/stat.h>

#include <errno.h>
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
#include "fixture.h"

/* A new case of year by the log's own creation; its ID into id. */
static int
create(int year, char id[ADUAN_ID_MAX + 1], struct aduan_err *err)
{
	struct aduan_kv kv[1] = { { "isi", "x" } };
	struct aduan_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.step = 1;
	ev.event = "done";
	ev.by = "Siti";
	ev.happened = now;
	ev.kv = kv;
	ev.nkv = 1;
	return log_create(store, year, "N", "R", &ev, 1, now, 25200, id, err);
}

/* Touch DATA/sub/name. */
static void
plant(const char *sub, const char *name)
{
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, name);
	assert_non_null(f = fopen(path, "w"));
	fclose(f);
}

static void
test_store_numbers_in_order_and_passes_over_a_taken_name(void **state)
{
	struct aduan_err err;
	char id[ADUAN_ID_MAX + 1];

	(void)state;
	assert_int_equal(create(2026, id, &err), 0);
	assert_string_equal(id, "2026-0001");
	assert_int_equal(create(2026, id, &err), 0);
	assert_string_equal(id, "2026-0002");
	/* A log there already (left by a crash before the hint): skipped. */
	plant("closed", "2026-0003.log");
	assert_int_equal(create(2026, id, &err), 0);
	assert_string_equal(id, "2026-0004");
	assert_int_equal(create(2027, id, &err), 0);
	assert_string_equal(id, "2027-0001");
	assert_int_equal(create(1969, id, &err), -1);
	assert_int_equal(err.cat, ADUAN_E_USAGE);
}

struct seen {
	char ids[8][ADUAN_ID_MAX + 1];
	int closed[8];
	int n;
};

static int
collect(const char *id, int closed, void *arg)
{
	struct seen *s = arg;

	if (s->n < 8) {
		strcpy(s->ids[s->n], id);
		s->closed[s->n++] = closed;
	}
	return 0;
}

static void
test_store_scan_orders_ids_and_skips_closed_ones(void **state)
{
	struct aduan_err err;
	struct seen s;
	char id[ADUAN_ID_MAX + 1];
	int i;

	(void)state;
	for (i = 0; i < 3; i++)
		assert_int_equal(create(2026, id, &err), 0);
	plant("open", "2026-10000.log");
	plant("open", "2025-0009.log");
	plant("open", "notes.txt");
	assert_int_equal(store_move_closed(store, "2026-0002", &err), 0);
	memset(&s, 0, sizeof(s));
	assert_int_equal(aduan_store_scan(store, 0, collect, &s, &err), 0);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.ids[0], "2025-0009");
	assert_string_equal(s.ids[1], "2026-0001");
	assert_string_equal(s.ids[2], "2026-0003");
	assert_string_equal(s.ids[3], "2026-10000");
	memset(&s, 0, sizeof(s));
	assert_int_equal(aduan_store_scan(store, 1, collect, &s, &err), 0);
	assert_int_equal(s.n, 5);
	assert_string_equal(s.ids[2], "2026-0002");
	assert_int_equal(s.closed[2], 1);
	assert_int_equal(s.closed[1], 0);
}

static void
test_store_move_to_closed_never_replaces_a_name(void **state)
{
	struct aduan_err err;
	char id[ADUAN_ID_MAX + 1], path[160];
	int fd, closed;

	(void)state;
	assert_int_equal(create(2026, id, &err), 0);
	plant("closed", "2026-0001.log");
	assert_int_equal(store_move_closed(store, id, &err), -1);
	assert_int_equal(err.cat, ADUAN_E_IO);
	assert_string_equal(err.id, id);
	snprintf(path, sizeof(path), "%s/open/%s.log", dir, id);
	assert_int_equal(access(path, F_OK), 0);
	fd = store_open_log(store, id, O_RDONLY, &closed, &err);
	assert_true(fd >= 0);
	assert_int_equal(closed, 0);
	close(fd);
}

static void
test_store_open_log_refuses_links_and_names_missing_cases(void **state)
{
	struct aduan_err err;
	char path[160];
	int closed;

	(void)state;
	snprintf(path, sizeof(path), "%s/open/2026-0007.log", dir);
	assert_int_equal(symlink("/etc/passwd", path), 0);
	assert_int_equal(store_open_log(store, "2026-0007", O_RDONLY, &closed,
	    &err), -1);
	assert_int_equal(err.cat, ADUAN_E_CORRUPT);
	assert_int_equal(store_open_log(store, "2026-0008", O_RDONLY, &closed,
	    &err), -1);
	assert_int_equal(err.cat, ADUAN_E_NOTFOUND);
	assert_int_equal(err.hint, ADUAN_HINT_LIST);
	assert_string_equal(err.id, "2026-0008");
}

static void
test_store_missing_directory_is_not_made_by_a_reader(void **state)
{
	struct aduan_err err;
	char path[160];

	(void)state;
	snprintf(path, sizeof(path), "%s/none", dir);
	assert_null(aduan_store_open(path, 0, 1, &err));
	assert_int_equal(err.cat, ADUAN_E_NOTFOUND);
	assert_int_equal(err.hint, ADUAN_HINT_DATADIR);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(errno, ENOENT);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_store_numbers_in_order_and_passes_over_a_taken_name),
		T(test_store_scan_orders_ids_and_skips_closed_ones),
		T(test_store_move_to_closed_never_replaces_a_name),
		T(test_store_open_log_refuses_links_and_names_missing_cases),
		T(test_store_missing_directory_is_not_made_by_a_reader),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
