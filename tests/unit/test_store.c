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

/* Every ID a scan gives, with its folder, in a growing list. */
struct all_seen {
	char (*ids)[ADUAN_ID_MAX + 2];
	int n, stop;
};

static int
collect_all(const char *id, int closed, void *arg)
{
	struct all_seen *s = arg;

	s->ids = realloc(s->ids, (size_t)(s->n + 1) * sizeof(*s->ids));
	assert_non_null(s->ids);
	snprintf(s->ids[s->n], ADUAN_ID_MAX + 1, "%s", id);
	s->ids[s->n++][ADUAN_ID_MAX + 1] = (char)closed;
	return s->stop > 0 && s->n == s->stop;
}

static int
by_id(const void *a, const void *b)
{
	return store_cmp_id(a, b);
}

/*
 * Two years, three offices and none, open and closed, numbers of four to
 * eight digits: the scan gives them as a sort of their names does, back
 * for ADUAN_SCAN_NEWEST; numbers far apart (the list of names, not the
 * bits) give the same; and a stop of fn stops the scan with its value.
 */
static void
test_store_scan_in_the_order_of_a_sort_of_the_names(void **state)
{
	static const char *const office[] = { "", "KRG-", "KRGA-", "AB1-" };
	struct all_seen want = { NULL, 0, 0 }, got;
	char name[64];
	struct aduan_err err;
	int round, i, k, flags;

	(void)state;
	for (round = 0; round < 2; round++) {
		for (i = 1; i <= 300; i++) {
			/* Each number in each office: 0001 to 0031, 10240.. */
			long num = i < 250 ? i / 8 + 1 : 9990 + i;
			int closed = i % 3 == 0;

			if (round == 1 && i == 300)
				num = 99999999;	/* far: names, not bits */
			snprintf(name, sizeof(name), "%s%d-%04ld",
			    office[i % 4], 2025 + i / 4 % 2, num);
			if (round == 1 && i != 300)
				continue;
			plant(closed ? "closed" : "open", (strcat(name, ".log"),
			    name));
			name[strlen(name) - 4] = '\0';
			collect_all(name, closed, &want);
		}
		qsort(want.ids, (size_t)want.n, sizeof(*want.ids), by_id);
		for (flags = 1; flags <= 3; flags += 2) {
			memset(&got, 0, sizeof(got));
			assert_int_equal(aduan_store_scan(store, flags,
			    collect_all, &got, &err), 0);
			assert_int_equal(got.n, want.n);
			for (i = 0; i < want.n; i++) {
				k = flags & ADUAN_SCAN_NEWEST ? want.n - 1 - i : i;
				assert_string_equal(got.ids[i], want.ids[k]);
				assert_int_equal(got.ids[i][ADUAN_ID_MAX + 1],
				    want.ids[k][ADUAN_ID_MAX + 1]);
			}
			free(got.ids);
		}
		memset(&got, 0, sizeof(got));
		got.stop = 7;
		assert_int_equal(aduan_store_scan(store, 1, collect_all, &got,
		    &err), 1);
		assert_int_equal(got.n, 7);
		free(got.ids);
	}
	free(want.ids);
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
		T(test_store_scan_in_the_order_of_a_sort_of_the_names),
		T(test_store_move_to_closed_never_replaces_a_name),
		T(test_store_open_log_refuses_links_and_names_missing_cases),
		T(test_store_missing_directory_is_not_made_by_a_reader),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
