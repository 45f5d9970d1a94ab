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
 * git is run as a careful child: its own program (its command line is
 * its stable interface), with a fixed environment and options, so that a
 * repository's own configuration can run nothing (hooks, fsmonitor,
 * pager, credential prompts, filters, an ssh of its choosing are all set
 * or switched off), and the data directory's .git/config is written anew
 * by aduan before every run.  Nothing else of aduan needs git.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
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

/* ---- git, run carefully ---- */

static const char *git_path;	/* the git program, checked once */

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

/*
 * Read the two pipes a and b to their ends, together (poll), so that git
 * never waits on a full one: into abuf and bbuf (an and bn bytes,
 * NUL-terminated, the rest dropped).
 */
static void
drain(int a, char *abuf, size_t an, int b, char *bbuf, size_t bn)
{
	struct pollfd p[2] = { { a, POLLIN, 0 }, { b, POLLIN, 0 } };
	char *buf[2] = { abuf, bbuf };
	size_t cap[2] = { an, bn }, len[2] = { 0, 0 };
	char tmp[4096];
	int live = 2, i;
	ssize_t r;

	while (live > 0) {
		if (poll(p, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < 2; i++) {
			if (p[i].fd < 0 || p[i].revents == 0)
				continue;
			if ((r = read(p[i].fd, tmp, sizeof(tmp))) == -1 &&
			    errno == EINTR)
				continue;
			if (r <= 0) {
				p[i].fd = -1;
				live--;
				continue;
			}
			if ((size_t)r > cap[i] - 1 - len[i])
				r = (ssize_t)(cap[i] - 1 - len[i]);
			memcpy(buf[i] + len[i], tmp, (size_t)r);
			len[i] += (size_t)r;
		}
	}
	abuf[len[0]] = '\0';
	bbuf[len[1]] = '\0';
}

/*
 * Run git with args in the repository at dir (NULL: none), its standard
 * output into out (n bytes, NUL-terminated, the rest dropped) and its
 * standard error into errbuf.  The exit status of git, or -1 when it
 * could not be run.
 */
static int
git(const char *dir, const char *const *args, char *out, size_t n,
    char *errbuf, size_t en)
{
	/*
	 * What the repository's configuration could make git run, set here
	 * on the command line, which comes after every file.
	 */
	static const char *const safe[] = {
		"-c", "core.hooksPath=/dev/null",
		"-c", "core.fsmonitor=false",
		"-c", "core.pager=cat",
		"-c", "core.editor=true",
		"-c", "core.askPass=",
		"-c", "core.sshCommand=ssh -o BatchMode=yes",
		"-c", "core.untrackedCache=false",
		"-c", "credential.helper=",
		"-c", "gc.auto=0",
		"-c", "maintenance.auto=false",
		"-c", "protocol.ext.allow=never",
		"-c", "protocol.file.allow=always",
		"-c", "safe.directory=*",
		"-c", "advice.detachedHead=false",
		"-c", "init.defaultBranch=main",
	};
	static char *const env[] = {
		"PATH=/usr/bin:/bin", "HOME=/nonexistent", "LC_ALL=C",
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=/bin/false",
		"SSH_ASKPASS=/bin/false", "GIT_PAGER=cat", "PAGER=cat",
		"GIT_EDITOR=true", "GIT_OPTIONAL_LOCKS=0",
		"GIT_NO_REPLACE_OBJECTS=1", "GIT_GRAFT_FILE=/nonexistent",
		"GIT_ATTR_NOSYSTEM=1", NULL
	};
	const char *argv[96];
	int po[2], pe[2], status, k = 0, i;
	pid_t pid;

	argv[k++] = git_path;
	if (dir != NULL) {
		argv[k++] = "-C";
		argv[k++] = dir;
	}
	for (i = 0; i < (int)(sizeof(safe) / sizeof(safe[0])); i++)
		argv[k++] = safe[i];
	for (i = 0; args[i] != NULL && k < 95; i++)
		argv[k++] = args[i];
	argv[k] = NULL;
	if (pipe(po) == -1)
		return -1;
	if (pipe(pe) == -1) {
		close(po[0]);
		close(po[1]);
		return -1;
	}
	fflush(NULL);
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);

		dup2(nul, 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]);
		close(pe[0]);
		execve(git_path, (char *const *)argv, env);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	drain(po[0], out, n, pe[0], errbuf, en);
	close(po[0]);
	close(pe[0]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* git's first line of complaint, for a message. */
static const char *
first_line(char *s)
{
	char *nl;

	while (*s == '\n')
		s++;
	if ((nl = strchr(s, '\n')) != NULL)
		*nl = '\0';
	return s[0] ? s : "git failed";
}

/* Write text to dir/name whole: 0, or -1 said. */
static int
put_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) == EOF) {
		cli_warn(_("cannot write %s: %s"), path, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Make dir a repository if it is not, and give it aduan's configuration,
 * whatever it held before: nothing of the repository's own can run.
 */
static int
own_repo(const char *dir)
{
	static const char *const init[] = { "init", "-q", NULL };
	static const char config[] =
	    "# Written by aduan sync before every run; edits are lost.\n"
	    "[core]\n"
	    "\trepositoryformatversion = 0\n"
	    "\tfilemode = true\n"
	    "\tbare = false\n"
	    "\tlogallrefupdates = true\n";
	/* Locks and half-written files are no part of the record. */
	static const char exclude[] =
	    "/seq/.lock\n*.tmp*\n.gitignore\n.gitattributes\n";
	char path[PATH_MAX], out[512], errs[2048];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/.git", dir);
	if (lstat(path, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
		cli_warn(_("%s is not a git folder (a file or a link); "
		    "refusing to use it"), path);
		return ADUAN_EXIT_CONFIG;
	}
	if (lstat(path, &sb) == -1 && git(dir, init, out, sizeof(out), errs,
	    sizeof(errs)) != 0) {
		cli_warn(_("%s: git init failed: %s"), dir, first_line(errs));
		return ADUAN_EXIT_IO;
	}
	snprintf(path, sizeof(path), "%s/.git/info", dir);
	mkdir(path, 0770);
	if (put_file(dir, ".git/config", config) == -1 ||
	    put_file(dir, ".git/info/exclude", exclude) == -1)
		return ADUAN_EXIT_IO;
	/*
	 * No attribute of a clerk's .gitattributes changes what is
	 * committed: this file comes before every other.
	 */
	if (put_file(dir, ".git/info/attributes", "* -text -ident -filter "
	    "-diff -merge -working-tree-encoding -export-subst\n") == -1)
		return ADUAN_EXIT_IO;
	return 0;
}

/* ---- at the office ---- */

/* A case ID from a path of the data directory (open/ID.log), or NULL. */
static const char *
path_case(const char *p, char id[32], const char **where)
{
	const char *slash = strchr(p, '/'), *dot;

	*where = NULL;
	if (slash == NULL || (dot = strstr(slash, ".log")) == NULL ||
	    dot[4] != '\0' || dot - slash - 1 >= 32)
		return NULL;
	snprintf(id, 32, "%.*s", (int)(dot - slash - 1), slash + 1);
	*where = strncmp(p, "open/", 5) == 0 ? "open" :
	    strncmp(p, "closed/", 7) == 0 ? "closed" : NULL;
	return *where ? id : NULL;
}

/* What one case's files did since the last sync, from git status. */
struct change {
	char id[32];
	int added_open, added_closed, gone_open, gone_closed, changed;
};

/*
 * The commit message for what git status says changed: each case by its
 * ID, new or closed when it is, then the count of the rest.  A record
 * removed (a log gone that did not move to closed/, the checkpoint gone)
 * is no change to commit: its path into *removed, 1.
 */
static int
message(char *status, char *msg, size_t n, char *removed, size_t rn)
{
	struct change *c = NULL, *x;
	char *line, *save = NULL, id[32];
	const char *where;
	size_t nc = 0, cap = 0, k, l;
	int other = 0, bad = 0, shown = 0;

	for (line = strtok_r(status, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		/* "XY path", or "R  old -> new" for a rename. */
		const char *p = strlen(line) > 3 ? line + 3 : "";
		const char *arrow = strstr(p, " -> ");
		char xy = line[0];

		if (arrow != NULL) {
			/* open/ID.log -> closed/ID.log: a case closed. */
			char oldp[512];

			snprintf(oldp, sizeof(oldp), "%.*s", (int)(arrow - p), p);
			p = arrow + 4;
			if (path_case(oldp, id, &where) != NULL &&
			    strcmp(where, "open") == 0)
				xy = 'M';
		}
		if (path_case(p, id, &where) == NULL) {
			/* A fork chosen: its file moves aside (--pilih). */
			if (xy == 'D' && !bad && strncmp(p, "fork/", 5) != 0) {
				snprintf(removed, rn, "%s", p);
				bad = 1;
			}
			other++;
			continue;
		}
		for (k = 0; k < nc && strcmp(c[k].id, id) != 0; k++)
			;
		if (k == nc) {
			if (nc == cap) {
				struct change *t = realloc(c, (cap = cap ? cap * 2 :
				    64) * sizeof(*c));

				if (t == NULL)
					break;
				c = t;
			}
			memset(&c[nc], 0, sizeof(c[nc]));
			snprintf(c[nc].id, sizeof(c[nc].id), "%s", id);
			nc++;
		}
		x = &c[k];
		if (xy == 'A' || xy == '?')
			*(strcmp(where, "open") == 0 ? &x->added_open :
			    &x->added_closed) = 1;
		else if (xy == 'D')
			*(strcmp(where, "open") == 0 ? &x->gone_open :
			    &x->gone_closed) = 1;
		else
			x->changed = 1;
		if (arrow != NULL)
			x->gone_open = x->added_closed = 1;
	}
	snprintf(msg, n, "aduan sync:");
	for (k = 0; k < nc; k++) {
		x = &c[k];
		/* A log gone from where it was, and not to closed/: removed. */
		if ((x->gone_open && !x->added_closed) || x->gone_closed) {
			if (!bad)
				snprintf(removed, rn, "%s/%s.log", x->gone_closed ?
				    "closed" : "open", x->id);
			bad = 1;
		}
		if (shown < 20) {
			l = strlen(msg);
			snprintf(msg + l, n - l, "%s %s%s", shown ? "," : "", x->id,
			    x->added_open && x->added_closed ? " (new, closed)" :
			    x->added_open ? " (new)" : x->added_closed &&
			    !x->gone_open ? " (new, closed)" : x->added_closed ?
			    " (closed)" : "");
			shown++;
		}
	}
	l = strlen(msg);
	if (nc > 20)
		snprintf(msg + l, n - l, " and %zu more cases", nc - 20);
	l = strlen(msg);
	if (nc == 0)
		snprintf(msg + l, n - l, " %d file(s) of the data directory",
		    other);
	else if (other > 0)
		snprintf(msg + l, n - l, "; %d other file(s)", other);
	free(c);
	return bad;
}

/*
 * A .git below the top of the data directory: git would take the folder
 * for another repository and commit none of its logs.  Its path, 1.
 */
static int
nested_git(const char *dir, char *found, size_t n)
{
	static const char *const subs[] = { "open", "closed", "seq", "sop",
	    "surat" };
	char path[PATH_MAX];
	struct stat sb;
	size_t i;

	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s/.git", dir, subs[i]);
		if (lstat(path, &sb) == 0) {
			snprintf(found, n, "%s", path);
			return 1;
		}
	}
	return 0;
}

/* ---- two places that wrote one office's records ---- */

/* A whole file into a malloc'd buffer: its length, or -1. */
static long
slurp(const char *path, char **buf)
{
	FILE *f = fopen(path, "rb");
	long n = -1;

	*buf = NULL;
	if (f == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (*buf = malloc((size_t)n + 1)) !=
	    NULL && fread(*buf, 1, (size_t)n, f) == (size_t)n)
		(*buf)[n] = '\0';
	else {
		free(*buf);
		*buf = NULL;
		n = -1;
	}
	fclose(f);
	return n;
}

/* The line at which a and b first differ, 1-based. */
static long
parting(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i, n = an < bn ? an : bn;
	long line = 1;

	for (i = 0; i < n && a[i] == b[i]; i++)
		if (a[i] == '\n')
			line++;
	return line;
}

/* Write n bytes to dir/path whole, making its folder: 0, or -1 said. */
static int
put_bytes(const char *dir, const char *path, const char *b, size_t n)
{
	char full[PATH_MAX], folder[PATH_MAX], *slash;
	FILE *f;

	snprintf(full, sizeof(full), "%s/%s", dir, path);
	snprintf(folder, sizeof(folder), "%s", full);
	if ((slash = strrchr(folder, '/')) != NULL) {
		*slash = '\0';
		mkdir(folder, 02770);
	}
	if ((f = fopen(full, "wb")) == NULL || fwrite(b, 1, n, f) != n ||
	    fclose(f) == EOF) {
		cli_warn(_("cannot write %s: %s"), full, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * The remote holds history this data directory does not: the two are
 * merged, case by case, never blindly.  A log one side has and the other
 * has not, or has as the start of it, is taken whole: what the other
 * place recorded goes on from what this one did.  A log whose two
 * histories part is kept as this place has it, the other's kept beside
 * it in DATA/fork/ID.log, and named with the line where they part; the
 * case is recorded on no more until a person chooses (--pilih).  The
 * merge is a commit of two parents: history is never rewritten.  0, or
 * the status (ADUAN_EXIT_CORRUPT when a case forked).
 */
static int
merge_remote(const char *dir, const char *remote, const char *who,
    const char *mail, int quiet, int *merged)
{
	static char theirs[1 << 23], out[1 << 20];
	const char *const fetch[] = { "fetch", "-q", "--no-tags", "--",
	    remote, "refs/heads/main", NULL };
	static const char *const base[] = { "merge-base", "HEAD", "FETCH_HEAD",
	    NULL };
	char errs[4096], basesha[64], msg[2048], id[32], fork[64], path[600];
	int forks = 0, taken = 0, status = 0;
	char *line, *save = NULL, *changed;

	*merged = 0;

	if (git(dir, fetch, out, sizeof(out), errs, sizeof(errs)) != 0) {
		cli_warn(_("%s: cannot fetch: %s"), remote, first_line(errs));
		return ADUAN_EXIT_IO;
	}
	if (git(dir, base, out, sizeof(out), errs, sizeof(errs)) != 0) {
		cli_warn(_("%s: refused: the remote's history and this data "
		    "directory's have nothing in common; nothing was merged"),
		    remote);
		return ADUAN_EXIT_CORRUPT;
	}
	snprintf(basesha, sizeof(basesha), "%.40s", out);
	{
		const char *const diff[] = { "diff", "--name-status",
		    "--no-renames", basesha, "FETCH_HEAD", "--", "open",
		    "closed", NULL };
		const char *const merge[] = { "-c", who, "-c", mail, "merge",
		    "-q", "--no-ff", "--no-commit", "-s", "ours", "FETCH_HEAD",
		    NULL };

		if (git(dir, diff, out, sizeof(out), errs, sizeof(errs)) != 0 ||
		    (changed = strdup(out)) == NULL ||
		    git(dir, merge, out, sizeof(out), errs, sizeof(errs)) !=
		    0) {
			cli_warn(_("%s: cannot merge: %s"), remote,
			    first_line(errs));
			return ADUAN_EXIT_IO;
		}
	}
	snprintf(msg, sizeof(msg), "aduan sync: merged what %s recorded:",
	    remote);
	for (line = strtok_r(changed, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		const char *p = line + 1, *where;
		char *ours = NULL, local[PATH_MAX];
		long on = -1;
		size_t tn;

		while (*p == '\t' || *p == ' ')
			p++;
		/* A log the other place removed or moved: its new place is
		   an A of the same case; nothing is removed here. */
		if (line[0] == 'D' || path_case(p, id, &where) == NULL)
			continue;
		{
			char spec[600];
			const char *const show[] = { "show", spec, NULL };

			snprintf(spec, sizeof(spec), "FETCH_HEAD:%s", p);
			if (git(dir, show, theirs, sizeof(theirs), errs,
			    sizeof(errs)) != 0) {
				status = ADUAN_EXIT_IO;
				continue;
			}
		}
		tn = strlen(theirs);
		snprintf(local, sizeof(local), "%s/open/%s.log", dir, id);
		if ((on = slurp(local, &ours)) < 0) {
			snprintf(local, sizeof(local), "%s/closed/%s.log", dir,
			    id);
			on = slurp(local, &ours);
		}
		if (on < 0 || ((size_t)on <= tn && memcmp(ours, theirs,
		    (size_t)on) == 0)) {
			/* Not here, or here as the start of theirs: taken. */
			if (put_bytes(dir, p, theirs, tn) == -1) {
				status = ADUAN_EXIT_IO;
				free(ours);
				continue;
			}
			snprintf(path, sizeof(path), "%s/%s", dir, p);
			if (on >= 0 && strcmp(local, path) != 0)
				unlink(local);
			taken++;
		} else if ((size_t)on >= tn && memcmp(ours, theirs, tn) == 0) {
			;	/* Theirs is the start of ours: ours goes on. */
		} else {
			snprintf(fork, sizeof(fork), "fork/%s.log", id);
			if (put_bytes(dir, fork, theirs, tn) == -1)
				status = ADUAN_EXIT_IO;
			cli_warn(_("%s: recorded in two places: the histories "
			    "part at line %ld; this place's is kept, the "
			    "other's in %s/%s; nothing more is recorded on the "
			    "case until a person chooses (aduan sync --pilih "
			    "%s:sini or %s:sana)"), id, parting(ours,
			    (size_t)on, theirs, tn), dir, fork, id, id);
			forks++;
			snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
			    " %s (forked)", id);
		}
		free(ours);
	}
	free(changed);
	snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg), " %d case(s) "
	    "brought forward, %d forked", taken, forks);
	{
		static const char *const add[] = { "add", "-A", "-f", "--", ".",
		    ":(exclude)seq/.lock", ":(exclude,glob)**/*.tmp*",
		    ":(exclude,glob)**/.gitignore",
		    ":(exclude,glob)**/.gitattributes", NULL };
		const char *const commit[] = { "-c", who, "-c", mail, "commit",
		    "-q", "--no-verify", "-m", msg, NULL };

		if (git(dir, add, out, sizeof(out), errs, sizeof(errs)) != 0 ||
		    git(dir, commit, out, sizeof(out), errs, sizeof(errs)) !=
		    0) {
			cli_warn(_("%s: cannot commit the merge: %s"), dir,
			    first_line(errs));
			return ADUAN_EXIT_IO;
		}
	}
	*merged = 1;
	if (!quiet)
		printf("%s\n", msg);
	return status ? status : forks ? ADUAN_EXIT_CORRUPT : 0;
}

static int
office(const char *dir, const struct aduan_letters *L, const char **remotes,
    int nremotes, int quiet)
{
	/*
	 * Everything of the data directory, whatever a .gitignore planted
	 * in it says (-f); not the locks, half-written files or git's own
	 * files of a clerk's.
	 */
	static const char *const add[] = { "add", "-A", "-f", "--", ".",
	    ":(exclude)seq/.lock", ":(exclude,glob)**/*.tmp*",
	    ":(exclude,glob)**/.gitignore", ":(exclude,glob)**/.gitattributes",
	    NULL };
	static const char *const st[] = { "status", "--porcelain",
	    "--untracked-files=no", NULL };
	static char out[1 << 22];
	char errs[4096], msg[2048], who[600], mail[600], removed[PATH_MAX];
	const char *name = L ? aduan_letters_office(L, ADUAN_OFFICE_NAMA) :
	    NULL, *email = L ? aduan_letters_office(L, ADUAN_OFFICE_EMAIL) :
	    NULL;
	int r, i, status = 0, failed = 0;

	if ((r = own_repo(dir)) != 0)
		return r;
	if (nested_git(dir, removed, sizeof(removed))) {
		cli_warn(_("%s: a git folder planted in the data directory would "
		    "hide the logs beside it from the record; remove it; nothing "
		    "was committed"), removed);
		return ADUAN_EXIT_CORRUPT;
	}
	if ((r = git(dir, add, out, sizeof(out), errs, sizeof(errs))) != 0) {
		cli_warn(_("%s: git add failed: %s"), dir, first_line(errs));
		return ADUAN_EXIT_IO;
	}
	if (git(dir, st, out, sizeof(out), errs, sizeof(errs)) != 0) {
		cli_warn(_("%s: git status failed: %s"), dir, first_line(errs));
		return ADUAN_EXIT_IO;
	}
	/* The office is the author: its name from kantor.yaml. */
	snprintf(who, sizeof(who), "user.name=%s", name ? name : "aduan");
	snprintf(mail, sizeof(mail), "user.email=%s", email ? email :
	    "aduan@localhost");
	if (out[0] != '\0') {
		if (message(out, msg, sizeof(msg), removed, sizeof(removed))) {
			static const char *const reset[] = { "reset", "-q",
			    NULL };
			char o2[256], e2[256];

			/* Unstaged again: the next run says so too. */
			git(dir, reset, o2, sizeof(o2), e2, sizeof(e2));
			cli_warn(_("%s: removed from the data directory, which "
			    "only grows: a record is never deleted; nothing was "
			    "committed; put it back (git -C %s checkout HEAD -- "
			    "%s)"), removed, dir, removed);
			return ADUAN_EXIT_CORRUPT;
		}
		{
			const char *const commit[] = { "-c", who, "-c", mail,
			    "commit", "-q", "--no-verify", "-m", msg, NULL };

			if (git(dir, commit, out, sizeof(out), errs,
			    sizeof(errs)) != 0) {
				cli_warn(_("%s: git commit failed: %s"), dir,
				    first_line(errs));
				return ADUAN_EXIT_IO;
			}
		}
		if (!quiet)
			printf("%s\n", msg);
	}
	for (i = 0; i < nremotes; i++) {
		const char *const push[] = { "push", "--porcelain",
		    remotes[i], "HEAD:refs/heads/main", NULL };

		/* A repository with no commit yet has nothing to push. */
		const char *const head[] = { "rev-parse", "-q", "--verify",
		    "HEAD", NULL };

		if (git(dir, head, out, sizeof(out), errs, sizeof(errs)) != 0)
			break;
		r = git(dir, push, out, sizeof(out), errs, sizeof(errs));
		if (r == 0) {
			/* Silent when the remote had it all: cron mails none. */
			if (!quiet && strstr(out, "[up to date]") == NULL)
				printf(_("pushed to %s\n"), remotes[i]);
			continue;
		}
		failed++;
		if (strstr(out, "[rejected]") != NULL ||
		    strstr(errs, "non-fast-forward") != NULL ||
		    strstr(errs, "fetch first") != NULL) {
			/*
			 * Written in two places: merged case by case, then
			 * pushed, a fast forward of the remote now.
			 */
			int merged, m = merge_remote(dir, remotes[i], who,
			    mail, quiet, &merged);

			if (merged && git(dir, push, out, sizeof(out), errs,
			    sizeof(errs)) == 0 && !quiet)
				printf(_("pushed to %s\n"), remotes[i]);
			else if (merged && m == 0)
				m = ADUAN_EXIT_IO;
			if (m != 0 && (status == 0 || m == ADUAN_EXIT_CORRUPT))
				status = m;
		} else {
			cli_warn(_("%s: cannot push: %s; the records are kept "
			    "here and the next run pushes them"), remotes[i],
			    first_line(errs));
			if (status == 0)
				status = ADUAN_EXIT_IO;
		}
	}
	(void)failed;
	return status;
}

/* ---- at the city ---- */

static int
verify_copy(const struct aduan_city_office *o, const char *copy,
    const struct aduan_sop *sop, int quiet, int changed)
{
	const char *kode = o->kode;
	struct aduan_store *st;
	struct aduan_checkpoint *cp;
	struct aduan_seal *seal = NULL;
	struct aduan_err err;
	char segel[PATH_MAX + 8], path[PATH_MAX + 24];
	struct {
		int n, bad;
	} v = { 0, 0 };
	int r;

	/* git keeps no empty folder: an office with no closed case yet. */
	if ((st = aduan_store_open(copy, 1, 10, &err)) == NULL) {
		cli_warn(_("%s: the copy is no data directory: %s"), kode,
		    err.msg);
		return ADUAN_EXIT_CORRUPT;
	}
	if ((cp = aduan_checkpoint_open(st, &err)) == NULL)
		cp = NULL;
	/* The office's seals, checked with its key when the city has it. */
	snprintf(segel, sizeof(segel), "%s/segel", copy);
	snprintf(path, sizeof(path), "%s/seals.log", segel);
	if (o->kunci != NULL && access(path, F_OK) == 0 &&
	    (seal = aduan_seal_open(segel, o->kunci, &err)) == NULL) {
		cli_warn(_("%s: the office's seals do not verify with its key: "
		    "%s"), kode, err.msg);
		aduan_checkpoint_close(cp);
		aduan_store_close(st);
		return ADUAN_EXIT_CORRUPT;
	}
	if (o->kunci != NULL && seal == NULL) {
		cli_warn(_("%s: the city has the office's key, but the office "
		    "sends no seals (aduan sync --seal-dir at the office)"),
		    kode);
		aduan_checkpoint_close(cp);
		aduan_store_close(st);
		return ADUAN_EXIT_CORRUPT;
	}
	r = aduan_verify_all(st, sop, cp, seal, &v.n, &v.bad, &err);
	aduan_seal_close(seal);
	aduan_checkpoint_close(cp);
	aduan_store_close(st);
	if (r == -1) {
		cli_warn(_("%s: cannot verify the copy: %s"), kode, err.msg);
		return ADUAN_EXIT_IO;
	}
	if (v.bad > 0) {
		cli_warn(_("%s: %d of %d case(s) of the copy do not verify; run "
		    "aduan verify -D %s"), kode, v.bad, v.n, copy);
		return ADUAN_EXIT_CORRUPT;
	}
	if (!quiet && changed)
		printf(_("%s: %d case(s), every one verifies\n"), kode, v.n);
	return 0;
}

/* One office's copy brought up to its remote, fast forward only. */
static int
fetch_office(const char *city, const struct aduan_city_office *o,
    const struct aduan_sop *sop, int quiet)
{
	static const char *const ff[] = { "merge", "--ff-only", "FETCH_HEAD",
	    NULL };
	static const char *const anc[] = { "merge-base", "--is-ancestor",
	    "HEAD", "FETCH_HEAD", NULL };
	char copy[PATH_MAX], gitdir[PATH_MAX + 8], out[4096], errs[4096];
	struct stat sb;
	int r, changed;

	snprintf(copy, sizeof(copy), "%s/%s", city, o->kode);
	snprintf(gitdir, sizeof(gitdir), "%s/.git", copy);
	if (lstat(gitdir, &sb) == -1) {
		const char *const clone[] = { "clone", "-q", "--no-hardlinks",
		    "--branch", "main", "--", o->remote, copy, NULL };

		if (git(NULL, clone, out, sizeof(out), errs, sizeof(errs)) !=
		    0) {
			cli_warn(_("%s: cannot fetch %s: %s; the next run tries "
			    "again"), o->kode, o->remote, first_line(errs));
			return ADUAN_EXIT_IO;
		}
		if ((r = own_repo(copy)) != 0)
			return r;
		if (!quiet)
			printf(_("%s: copied from %s\n"), o->kode, o->remote);
		return verify_copy(o, copy, sop, quiet, 1);
	}
	if ((r = own_repo(copy)) != 0)
		return r;
	{
		const char *const fetch[] = { "fetch", "-q", "--no-tags", "--",
		    o->remote, "refs/heads/main", NULL };

		if (git(copy, fetch, out, sizeof(out), errs, sizeof(errs)) !=
		    0) {
			cli_warn(_("%s: cannot fetch %s: %s; the city keeps its "
			    "copy and the next run tries again"), o->kode,
			    o->remote, first_line(errs));
			return ADUAN_EXIT_IO;
		}
	}
	/* What the city holds must be where the office's history starts. */
	if ((r = git(copy, anc, out, sizeof(out), errs, sizeof(errs))) != 0) {
		if (r == 1)
			cli_warn(_("%s: refused: the office's history at %s no "
			    "longer holds what the city copied (it was "
			    "rewritten); the city keeps its copy, the "
			    "witness of what the office recorded"), o->kode,
			    o->remote);
		else
			cli_warn(_("%s: cannot compare the histories: %s"),
			    o->kode, first_line(errs));
		return r == 1 ? ADUAN_EXIT_CORRUPT : ADUAN_EXIT_IO;
	}
	if (git(copy, ff, out, sizeof(out), errs, sizeof(errs)) != 0) {
		cli_warn(_("%s: cannot bring the copy forward: %s"), o->kode,
		    first_line(errs));
		return ADUAN_EXIT_IO;
	}
	/* Said only when the office recorded something since: cron. */
	changed = strstr(out, "Already up to date") == NULL;
	if (!quiet && changed)
		printf(_("%s: brought up to %s\n"), o->kode, o->remote);
	return verify_copy(o, copy, sop, quiet, changed);
}

static int
city(const char *dir, const char *kota, const struct aduan_sop *sop,
    int quiet)
{
	struct aduan_city *c;
	struct aduan_err err;
	char path[PATH_MAX];
	int i, r, status = 0;

	if (kota == NULL) {
		snprintf(path, sizeof(path), "%s/kota.yaml", dir);
		kota = path;
	}
	if ((c = aduan_city_load(kota, &err)) == NULL)
		return cli_fail(&err);
	for (i = 0; i < aduan_city_n(c); i++)
		if ((r = fetch_office(dir, aduan_city_at(c, i), sop, quiet)) !=
		    0 && (status == 0 || r == ADUAN_EXIT_CORRUPT))
			status = r;
	aduan_city_free(c);
	return status;
}

/*
 * The seals of the sealing directory, when there are any, copied into
 * DATA/segel/ for the records to carry: their log only, never a key;
 * read under the log's shared lock, so that a seal being written is not
 * half taken.  Their MACs are what the city checks: a copy a clerk
 * altered fails there.  0, or the status after a message (a sealing
 * directory given by --seal-dir that has no seals).
 */
static int
carry_seals(const char *dir, const char *sealdir, int asked)
{
	char path[PATH_MAX], *buf = NULL;
	long n;
	int fd;

	snprintf(path, sizeof(path), "%s/seals.log", sealdir);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		if (!asked)
			return 0;
		cli_warn(_("%s: no seals to carry: %s"), path, strerror(errno));
		return ADUAN_EXIT_CONFIG;
	}
	flock(fd, LOCK_SH);
	n = slurp(path, &buf);
	close(fd);
	if (n < 0 || put_bytes(dir, "segel/seals.log", buf, (size_t)n) == -1) {
		free(buf);
		cli_warn(_("%s: cannot carry the seals"), path);
		return ADUAN_EXIT_IO;
	}
	free(buf);
	return 0;
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
	const char *pilih = NULL, *sealdir = NULL;
	struct aduan_letters *L = NULL;
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
	if ((git_path = find_git()) == NULL)
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
		status = city(dir, kota, sop, o.quiet);
	else {
		/* The office's name authors its commits, when it is given. */
		if ((L = aduan_office_load(sop, kantor, &err)) == NULL &&
		    (kantor != NULL || err.line != 0 || access(err.file,
		    F_OK) == 0)) {
			status = cli_fail(&err);
			aduan_sop_free(sop);
			return cli_finish(status);
		}
		status = carry_seals(dir, cli_seal_dir(sealdir, o.dir),
		    sealdir != NULL);
		if (status == 0)
			status = office(dir, L, remotes, nremotes, o.quiet);
	}
	aduan_letters_free(L);
	aduan_sop_free(sop);
	return cli_finish(status);
}
