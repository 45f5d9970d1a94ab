/*
 * aduan-sync - the office's data directory replicated over git, and the
 * city's copies of every office.
 *
 * At the office (aduan sync): the data directory is a git repository,
 * made on the first run when it is not one yet; every change since the
 * last run is committed once, by the office, with a message naming the
 * cases, and pushed to each remote given (--remote, as cron runs it).
 * History is never rewritten: no amend, no force, no rebase.  A remote
 * that cannot be reached is said, and the next run pushes what it missed;
 * nothing is lost, the data directory stays the record.
 *
 * At the city (aduan sync --fetch): each office listed in the city's
 * file is fetched into its own copy under the city directory, by fast
 * forward only: an office whose history was rewritten is refused and
 * reported, and the city keeps what it had, the witness of every office.
 * Each copy is then verified as aduan verify does.
 *
 * The work on the records, and git run carefully to do it, are the
 * core's (lib/sync.c); this command finds git (ADUAN_GIT, else on PATH),
 * says what was done, what failed and what to do, and maps it to the exit
 * status.  Nothing else of aduan needs git.
 */
#include <sys/stat.h>

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { OPT_FETCH = 256, OPT_REMOTE, OPT_KOTA, OPT_KANTOR, OPT_PILIH,
    OPT_SEAL };

static const char *const help_opts[][2] = {
	{ "--remote URL", N_("push to this git remote (a path or a URL); may "
	    "be given more than once") },
	{ "--fetch", N_("at the city: fetch every office the city file names "
	    "into its copy under the data directory, fast forward only, and "
	    "verify each") },
	{ "--kota FILE", N_("the city's file of offices and remotes, with "
	    "--fetch (the default: kota.yaml in the data directory)") },
	{ "--kantor FILE", N_("the office's configuration, instead of "
	    "kantor.yaml beside the SOP") },
	{ "--seal-dir DIR", N_("the sealing directory whose seals go with the "
	    "records, for the city to check with the office's key (the "
	    "default: ADUAN_SEAL_DIR, or DIR-seal when it exists)") },
	{ "--pilih ID:sini|ID:sana", N_("of a case recorded in two places "
	    "whose histories part: keep this place's history (sini) or the "
	    "other's (sana); the other is kept aside in DATA/fork") },
	CLI_HELP_QUIET,
	CLI_HELP_DIR,
	CLI_HELP_SOP,
	CLI_HELP_END
};
static const struct cli_help help = {
	.what = N_("Commit every change of the data directory since the last "
	    "run to its git repository and push it to the office's remotes; "
	    "or, at the city, fetch every office's records and verify them."),
	.opts = help_opts,
	.example = {
		"aduan sync --remote /srv/aduan/kranggan.git",
		"aduan sync --fetch -D /srv/aduan-kota",
	},
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-hqV] [--remote url ...] [--seal-dir dir] "
	    "[-D dir] [--sop file] [--kantor file]\n       %s [-hqV] --fetch [--kota file] "
	    "[-D dir] [--sop file]\n       %s [-q] --pilih id:sini|id:sana "
	    "[-D dir] [--sop file]\n"), cli_prog(), cli_prog(), cli_prog());
}

/*
 * The program git, found as a clerk's shell would (ADUAN_GIT, else on
 * PATH), or NULL after saying it is missing.
 */
static const char *
find_git(void)
{
	static char found[PATH_MAX];
	const char *env = getenv("ADUAN_GIT"), *path = getenv("PATH");
	const char *p, *e;

	if (env != NULL && env[0] != '\0') {
		if (access(env, X_OK) == 0)
			return env;
	} else {
		for (p = path ? path : "/usr/bin:/bin"; *p != '\0'; p = e +
		    (*e == ':')) {
			e = strchr(p, ':');
			if (e == NULL)
				e = p + strlen(p);
			if (e > p && snprintf(found, sizeof(found), "%.*s/git",
			    (int)(e - p), p) < (int)sizeof(found) &&
			    access(found, X_OK) == 0)
				return found;
		}
	}
	cli_warn(_("git is not installed (or not at ADUAN_GIT): aduan sync "
	    "runs the git command; install the git package (apt-get install "
	    "git)"));
	return NULL;
}

/* A failure the sync went on past, or one before the one it ends with. */
static void
say(const struct aduan_err *e, void *arg)
{
	(void)arg;
	cli_fail(e);
}

/* ---- at the office ---- */

/* A case of the data directory dir whose two histories part. */
static void
say_fork(const char *id, long line, const char *kept, void *dir)
{
	cli_warn(_("%s: recorded in two places: the histories "
	    "part at line %ld; this place's is kept, the "
	    "other's in %s/%s; nothing more is recorded on the "
	    "case until a person chooses (aduan sync --pilih "
	    "%s:sini or %s:sana)"), id, line, (const char *)dir, kept, id, id);
}

/*
 * The remote holds history this data directory does not: merged case by
 * case (aduan_sync_merge), the merge said.  0, or the status
 * (ADUAN_EXIT_CORRUPT when a case forked); *merged when it was committed.
 */
static int
merge(struct aduan_sync *s, const char *dir, const char *remote, int quiet,
    int *merged)
{
	struct aduan_err err;
	char msg[2048];
	int r, forks;

	*merged = 0;
	if ((r = aduan_sync_merge(s, dir, remote, say_fork, (void *)dir, msg,
	    sizeof(msg), &forks, &err)) == -1)
		return cli_fail(&err);
	*merged = 1;
	if (!quiet)
		printf("%s\n", msg);
	return r ? ADUAN_EXIT_IO : forks ? ADUAN_EXIT_CORRUPT : 0;
}

/*
 * Every change committed, then pushed to each remote; a remote written
 * from another place is merged and pushed again.  Nothing is said when
 * nothing changed and every remote had it all: cron mails none.
 */
static int
office(struct aduan_sync *s, const char *dir, const char **remotes,
    int nremotes, int quiet)
{
	char msg[2048], removed[PATH_MAX];
	struct aduan_err err;
	int r, m, i, merged, status = 0;

	r = aduan_sync_commit(s, dir, msg, sizeof(msg), removed,
	    sizeof(removed), &err);
	if (r == -1)
		return cli_fail(&err);
	if (r == ADUAN_SYNC_REMOVED) {
		cli_warn(_("%s: removed from the data directory, which "
		    "only grows: a record is never deleted; nothing was "
		    "committed; put it back (git -C %s checkout HEAD -- "
		    "%s)"), removed, dir, removed);
		return ADUAN_EXIT_CORRUPT;
	}
	if (r == ADUAN_SYNC_COMMITTED && !quiet)
		printf("%s\n", msg);
	/* A repository with no commit yet has nothing to push. */
	for (i = 0; i < nremotes && aduan_sync_started(s, dir); i++) {
		r = aduan_sync_push(s, dir, remotes[i], &err);
		if (r == ADUAN_SYNC_PUSHED || r == ADUAN_SYNC_UPTODATE) {
			/* Silent when the remote had it all: cron. */
			if (!quiet && r == ADUAN_SYNC_PUSHED)
				printf(_("pushed to %s\n"), remotes[i]);
			continue;
		}
		if (r == -1) {
			cli_fail(&err);
			if (status == 0)
				status = ADUAN_EXIT_IO;
			continue;
		}
		/*
		 * Written in two places: merged case by case, then pushed, a
		 * fast forward of the remote now.
		 */
		m = merge(s, dir, remotes[i], quiet, &merged);
		if (merged) {
			r = aduan_sync_push(s, dir, remotes[i], &err);
			if (r == ADUAN_SYNC_PUSHED || r == ADUAN_SYNC_UPTODATE) {
				if (!quiet)
					printf(_("pushed to %s\n"), remotes[i]);
			} else {
				if (r == -1)
					cli_fail(&err);
				else
					cli_warn(_("%s: written again from another "
					    "place during the merge; the merge is "
					    "kept here and the next run merges and "
					    "pushes"), remotes[i]);
				if (m == 0)
					m = ADUAN_EXIT_IO;
			}
		}
		if (m != 0 && (status == 0 || m == ADUAN_EXIT_CORRUPT))
			status = m;
	}
	return status;
}

/* ---- at the city ---- */

/* One office's copy brought up to its remote, verified, said. */
static int
fetch_office(struct aduan_sync *s, const char *city,
    const struct aduan_city_office *o, const struct aduan_sop *sop,
    int quiet)
{
	char copy[PATH_MAX];
	struct aduan_err err;
	int r, v, n, bad;

	if ((r = aduan_sync_fetch(s, city, o, copy, sizeof(copy), &err)) == -1)
		return cli_fail(&err);
	/* Said only when the office recorded something since: cron. */
	if (!quiet && r == ADUAN_SYNC_COPIED)
		printf(_("%s: copied from %s\n"), o->kode, o->remote);
	else if (!quiet && r == ADUAN_SYNC_BROUGHT)
		printf(_("%s: brought up to %s\n"), o->kode, o->remote);
	if ((v = aduan_sync_verify(o, copy, sop, &n, &bad, &err)) == -1)
		return cli_fail(&err);
	if (v == 1) {
		cli_warn(_("%s: the city has the office's key, but the office "
		    "sends no seals (aduan sync --seal-dir at the office)"),
		    o->kode);
		return ADUAN_EXIT_CORRUPT;
	}
	if (bad > 0) {
		cli_warn(_("%s: %d of %d case(s) of the copy do not verify; "
		    "run aduan verify -D %s"), o->kode, bad, n, copy);
		return ADUAN_EXIT_CORRUPT;
	}
	if (!quiet && r != ADUAN_SYNC_UNCHANGED)
		printf(_("%s: %d case(s), every one verifies\n"), o->kode, n);
	return 0;
}

static int
city(const char *git, const char *dir, const char *kota,
    const struct aduan_sop *sop, int quiet)
{
	struct aduan_city *c;
	struct aduan_sync *s;
	struct aduan_err err;
	char path[PATH_MAX];
	int i, r, status = 0;

	if (kota == NULL) {
		snprintf(path, sizeof(path), "%s/kota.yaml", dir);
		kota = path;
	}
	if ((c = aduan_city_load(kota, &err)) == NULL)
		return cli_fail(&err);
	if ((s = aduan_sync_new(git, NULL, NULL, say, NULL, &err)) == NULL) {
		aduan_city_free(c);
		return cli_fail(&err);
	}
	for (i = 0; i < aduan_city_n(c); i++)
		if ((r = fetch_office(s, dir, aduan_city_at(c, i), sop,
		    quiet)) != 0 && (status == 0 || r == ADUAN_EXIT_CORRUPT))
			status = r;
	aduan_sync_free(s);
	aduan_city_free(c);
	return status;
}

/* --pilih ID:sini or ID:sana: a person's choice of a forked case. */
static int
choose(const char *dir, const struct aduan_sop *sop, const char *arg,
    int quiet)
{
	const char *colon = strrchr(arg, ':');
	char id[ADUAN_ID_MAX + 1], kept[64];
	struct aduan_store *st;
	struct aduan_err err;
	int theirs, r;

	if (colon == NULL || (size_t)(colon - arg) > ADUAN_ID_MAX ||
	    (strcmp(colon + 1, "sini") != 0 && strcmp(colon + 1, "sana") != 0))
		return cli_usage_error(_("--pilih: '%s' is not ID:sini (this "
		    "place's history) or ID:sana (the other's)"), arg);
	snprintf(id, sizeof(id), "%.*s", (int)(colon - arg), arg);
	theirs = strcmp(colon + 1, "sana") == 0;
	if ((st = aduan_store_open(dir, 0, cli_lock_wait(), &err)) == NULL)
		return cli_fail(&err);
	r = aduan_store_choose(st, sop, id, theirs, kept, sizeof(kept), &err);
	aduan_store_close(st);
	if (r == -1)
		return cli_fail(&err);
	if (!quiet)
		printf(theirs ? _("%s: the other place's history is the case's "
		    "now; this place's is kept in %s/%s\n") : _("%s: this "
		    "place's history is kept; the other's is in %s/%s\n"), id,
		    dir, kept);
	return 0;
}

int
cmd_sync(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "remote", required_argument, NULL, OPT_REMOTE },
		{ "fetch", no_argument, NULL, OPT_FETCH },
		{ "kota", required_argument, NULL, OPT_KOTA },
		{ "kantor", required_argument, NULL, OPT_KANTOR },
		{ "pilih", required_argument, NULL, OPT_PILIH },
		{ "seal-dir", required_argument, NULL, OPT_SEAL },
		{ "data-dir", required_argument, NULL, 'D' },
		{ "sop", required_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_opts o = { .usage = usage, .help = &help };
	const char *remotes[16], *kota = NULL, *kantor = NULL, *dir;
	const char *pilih = NULL, *sealdir = NULL, *git;
	struct aduan_letters *L = NULL;
	struct aduan_sync *s = NULL;
	struct aduan_sop *sop = NULL;
	struct aduan_err err;
	int ch, status, fetch = 0, nremotes = 0;
	struct stat sb;

	cli_init(argc, argv);
	while ((ch = getopt_long(argc, argv, "D:hqV", longopts, NULL)) != -1)
		if (ch == OPT_REMOTE) {
			if (nremotes == 16)
				return cli_usage_error(_("--remote: at most 16"));
			if (optarg[0] == '-' || optarg[0] == '\0')
				return cli_usage_error(_("--remote: '%s' is not "
				    "a path or a URL"), optarg);
			remotes[nremotes++] = optarg;
		} else if (ch == OPT_FETCH)
			fetch = 1;
		else if (ch == OPT_KOTA)
			kota = optarg;
		else if (ch == OPT_KANTOR)
			kantor = optarg;
		else if (ch == OPT_PILIH)
			pilih = optarg;
		else if (ch == OPT_SEAL)
			sealdir = optarg;
		else if ((status = cli_opt(ch, &o)) != -1)
			return status;
	if (optind < argc)
		return cli_usage_error(_("unexpected argument '%s'"),
		    argv[optind]);
	if (fetch && nremotes > 0)
		return cli_usage_error(_("--remote is the office's, --fetch the "
		    "city's: not both"));
	if ((status = cli_one_dir(&o)) != 0)
		return status;
	if ((git = find_git()) == NULL)
		return cli_finish(ADUAN_EXIT_CONFIG);
	if ((sop = cli_load_sop(o.sop, &status)) == NULL)
		return cli_finish(status);
	dir = cli_data_dir(o.dir);
	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
		cli_warn(_("%s: no data directory here"), dir);
		aduan_sop_free(sop);
		return cli_finish(ADUAN_EXIT_NOTFOUND);
	}
	if (pilih != NULL)
		status = choose(dir, sop, pilih, o.quiet);
	else if (fetch)
		status = city(git, dir, kota, sop, o.quiet);
	else {
		/* The office's name authors its commits, when it is given. */
		if ((L = aduan_office_load(sop, kantor, &err)) == NULL &&
		    (kantor != NULL || err.line != 0 || access(err.file,
		    F_OK) == 0)) {
			status = cli_fail(&err);
			aduan_sop_free(sop);
			return cli_finish(status);
		}
		if ((s = aduan_sync_new(git, L ? aduan_letters_office(L,
		    ADUAN_OFFICE_NAMA) : NULL, L ? aduan_letters_office(L,
		    ADUAN_OFFICE_EMAIL) : NULL, say, NULL, &err)) == NULL)
			status = cli_fail(&err);
		else if (aduan_sync_seals(s, dir, cli_seal_dir(sealdir, o.dir),
		    sealdir != NULL, &err) == -1)
			status = cli_fail(&err);
		else
			status = office(s, dir, remotes, nremotes, o.quiet);
		aduan_sync_free(s);
	}
	aduan_letters_free(L);
	aduan_sop_free(sop);
	return cli_finish(status);
}
