/*
 * fixture.h - what the unit tests of recording, the store and the
 * checkpoint share: a fresh data directory under the bundled SOP for each
 * test (setup, teardown), recording with options written "k=v" (rec) and
 * loading a case (load).  Included by one test file each; static.
 */
#ifndef ADUAN_TEST_FIXTURE_H
#define ADUAN_TEST_FIXTURE_H

static struct aduan_sop *sop;
static struct aduan_store *store;
static char dir[64];
static time_t now;

static int
setup(void **state)
{
	struct aduan_err err;

	(void)state;
	strcpy(dir, "/tmp/aduan-test.XXXXXX");
	assert_non_null(mkdtemp(dir));
	sop = aduan_sop_load("../../sop/kranggan.yaml", &err);
	assert_non_null(sop);
	store = aduan_store_open(dir, 1, 2, &err);
	assert_non_null(store);
	assert_int_equal(aduan_time_parse("2026-03-02 09:00", 25200, &now,
	    &err), 0);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	aduan_store_close(store);
	aduan_sop_free(sop);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Record with command and options "k=v" (a flag as "k="); returns rc. */
static __attribute__((unused)) int
rec(const char *cmd, const char *id, struct aduan_recorded *out,
    struct aduan_err *err, ...)
{
	struct aduan_kv kv[16];
	struct aduan_request req;
	char *buf[16];
	const char *a;
	va_list ap;
	int n = 0, r, i;

	memset(&req, 0, sizeof(req));
	va_start(ap, err);
	while ((a = va_arg(ap, const char *)) != NULL) {
		buf[n] = strdup(a);
		*strchr(buf[n], '=') = '\0';
		kv[n].key = buf[n];
		kv[n].val = buf[n] + strlen(buf[n]) + 1;
		n++;
	}
	va_end(ap);
	req.command = cmd;
	req.id = id;
	req.opts = kv;
	req.nopts = n;
	req.by = "Siti";
	req.now = now;
	r = aduan_record(store, sop, &req, out, err);
	for (i = 0; i < n; i++)
		free(buf[i]);
	return r;
}

static __attribute__((unused)) struct aduan_case *
load(const char *id)
{
	struct aduan_err err;
	struct aduan_case *c = aduan_case_load(store, sop, id, ADUAN_READ,
	    &err);

	if (c == NULL)
		fail_msg("%s", err.msg);
	return c;
}

#endif
