/*
 * aduan-verify - check the chain of every case log (or of those named)
 * and say, per case, where and as what it first breaks.
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "aduan.h"

struct run {
	struct aduan_store *store;
	struct aduan_checkpoint *cp;
	int quiet;
	int tsv;
	int checked;
	int bad;
	int status;
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hqV] [--format text|tsv] [-D dir] "
	    "[id ...]\n"), aduan_cli_prog());
}

/* A verdict word of the TSV contract, said for people. */
static const char *
said(const char *what)
{
	static const char *const words[] = {
		N_("altered"), N_("removed"), N_("inserted"), N_("duplicated"),
		N_("reordered"), N_("copied"), N_("torn"), N_("cut"),
		N_("rewritten"), N_("missing"), N_("link"), N_("header")
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i], what) == 0)
			return _(words[i]);
	return what;
}

static int
one(const char *id, int closed, void *arg)
{
	struct run *r = arg;
	struct aduan_verdict v;
	struct aduan_err err;
	const char *head = NULL;
	long events = 0;

	(void)closed;
	if (r->cp != NULL)
		aduan_checkpoint_head(r->cp, id, &events, &head);
	if (aduan_log_verify(r->store, id, events, head, &v, &err) == -1) {
		if (err.cat == ADUAN_E_NOTFOUND && head != NULL) {
			v.ok = 0;
			v.what = "missing";
			v.line = 0;
			v.events = 0;
			snprintf(v.detail, sizeof(v.detail), _("the checkpoint "
			    "saw %ld events; the log is gone"), events);
		} else {
			r->status = aduan_cli_fail(&err);
			return 0;
		}
	}
	r->checked++;
	r->bad += !v.ok;
	if (r->tsv)
		printf("%s\t%s\t%ld\t%ld\t%s\n", id, v.ok ? "ok" : v.what,
		    v.line, v.events, v.ok ? "" : v.detail);
	else if (!v.ok)
		printf(_("%s: %s at line %ld: %s\n"), id, said(v.what),
		    v.line, v.detail);
	else if (!r->quiet)
		printf(_("%s: ok, %ld events%s\n"), id, v.events, v.sealed ?
		    _(", a torn write sealed in place") : "");
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "data-dir", required_argument, NULL, 'D' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct aduan_cli_opts o = { usage, ADUAN_FMT_TEXT | ADUAN_FMT_TSV,
	    NULL, NULL, 't', 0 };
	struct run r = { NULL, NULL, 0, 0, 0, 0, 0 };
	const char *dir, *id;
	struct aduan_err err;
	size_t k;
	int ch, i;

	aduan_cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hqV", longopts, NULL)) != -1)
		if ((i = aduan_cli_opt(ch, &o)) != -1)
			return i;
	dir = o.dir;
	r.quiet = o.quiet;
	r.tsv = o.fmt == 's';
	/* The TSV is for scripts: its detail too stays in one language. */
	if (r.tsv)
		setlocale(LC_MESSAGES, "C");
	for (i = optind; i < argc; i++)
		if (aduan_id_check(argv[i], &err) == -1)
			return aduan_cli_fail(&err);
	if ((r.store = aduan_store_open(aduan_cli_data_dir(dir), 0,
	    aduan_cli_lock_wait(), &err)) == NULL)
		return aduan_cli_finish(aduan_cli_fail(&err));
	if ((r.cp = aduan_checkpoint_open(r.store, 0, &err)) == NULL) {
		r.status = aduan_cli_fail(&err);
		r.bad++;
	}
	if (optind == argc && aduan_store_scan(r.store, 1, one, &r, &err) == -1)
		r.status = aduan_cli_fail(&err);
	/* A case the checkpoint saw must still be there. */
	for (k = 0; optind == argc && r.cp != NULL &&
	    (id = aduan_checkpoint_id_at(r.cp, k)) != NULL; k++)
		if (aduan_log_verify(r.store, id, 0, NULL,
		    &(struct aduan_verdict){ 0 }, &err) == -1 &&
		    err.cat == ADUAN_E_NOTFOUND)
			one(id, 0, &r);
	for (i = optind; i < argc; i++)
		one(argv[i], 0, &r);
	if (!r.quiet && !r.tsv)
		fprintf(stderr, _("%s: %d case(s) checked, %d did not verify\n"),
		    aduan_cli_prog(), r.checked, r.bad);
	aduan_checkpoint_close(r.cp);
	aduan_store_close(r.store);
	if (r.status == 0 && r.bad > 0)
		r.status = ADUAN_EXIT_ANSWER;
	return aduan_cli_finish(r.status);
}
