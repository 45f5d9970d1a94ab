/*
 * sync.c - replication over git (aduan-sync(1)): the office's data
 * directory committed and pushed to its remotes, merged case by case when
 * two places wrote it, and the city's copy of each office fetched by fast
 * forward only and verified.  History is never rewritten: no amend, no
 * force, no rebase.
 *
 *   DATA/.git/config           aduan's own, written anew before every run
 *                              (and in each copy of the city's)
 *   DATA/.git/info/exclude     seq/.lock, *.tmp*, .gitignore and
 *                              .gitattributes: no part of the record
 *   DATA/.git/info/attributes  every attribute that could change what is
 *                              committed switched off, for every file
 *   DATA/fork/ID.log           the other place's history of a case whose
 *                              two histories part, until a person chooses
 *   DATA/segel/seals.log       the sealing directory's log of seals,
 *                              carried with the records (never its key)
 *   CITY/KODE/                 the city's copy of the office KODE
 *
 * git is run as a careful child: its own program, found by the caller
 * (its command line is its stable interface), with a fixed environment
 * and options given on its command line, which comes after every file,
 * so that a repository's own configuration can run nothing (hooks,
 * fsmonitor, pager, credential prompts, filters, an ssh of its choosing
 * are all set or switched off); its output and its errors are read
 * together (poll), so that it never waits on a full pipe.  Every file of
 * the data directory is added, whatever a planted .gitignore says, and
 * committed in the office's name.
 *
 * Like the rest of the core it never prints, exits or reads the
 * environment: the caller finds git, runs the steps (commit, push, merge,
 * fetch, verify) in its order, and says what was done and what failed.
 * Every failure is an error record whose category is the exit status; a
 * case forked, a record removed, a remote ahead are values.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/*
 * What is read of git's output at the office: git status lists it all,
 * some 30 bytes a file, so that 64 MiB hold two million records (the
 * pages are touched only as far as git writes).
 */
#define OUT_MAX (1 << 26)

struct aduan_sync {
	const char *git;	/* the program, the caller's */
	char who[600];		/* user.name=, the office's */
	char mail[600];		/* user.email= */
	void (*report)(const struct aduan_err *, void *);
	void *arg;
	char *out;		/* OUT_MAX bytes, for the office's runs */
	char errs[4096];
};

/* ---- git, run carefully ---- */

/*
 * Read the two pipes a and b to their ends, together (poll), so that git
 * never waits on a full one: into abuf and bbuf (an and bn bytes,
 * NUL-terminated, the rest dropped).
 */
static void
drain(int a, char *abuf, size_t an, int b, char *bbuf, size_t bn,
    int *dropped)
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
			if ((size_t)r > cap[i] - 1 - len[i]) {
				r = (ssize_t)(cap[i] - 1 - len[i]);
				dropped[i] = 1;
			}
			memcpy(buf[i] + len[i], tmp, (size_t)r);
			len[i] += (size_t)r;
		}
	}
	abuf[len[0]] = '\0';
	bbuf[len[1]] = '\0';
}

/*
 * Run git with args in the repository at dir (NULL: none), its standard
 * output into out (n bytes, NUL-terminated, the rest dropped, or with
 * whole a failure) and its standard error into errbuf.  The exit status
 * of git, or -1 when it could not be run, errbuf saying why.
 */
static int
git_exec(const struct aduan_sync *s, const char *dir, const char *const *args,
    char *out, size_t n, char *errbuf, size_t en, int whole)
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
	int po[2], pe[2], status, k = 0, i, dropped[2] = { 0, 0 };
	pid_t pid;

	out[0] = errbuf[0] = '\0';
	argv[k++] = s->git;
	if (dir != NULL) {
		argv[k++] = "-C";
		argv[k++] = dir;
	}
	for (i = 0; i < (int)(sizeof(safe) / sizeof(safe[0])); i++)
		argv[k++] = safe[i];
	for (i = 0; args[i] != NULL && k < 95; i++)
		argv[k++] = args[i];
	argv[k] = NULL;
	if (pipe(po) == -1) {
		snprintf(errbuf, en, "%s", strerror(errno));
		return -1;
	}
	if (pipe(pe) == -1) {
		snprintf(errbuf, en, "%s", strerror(errno));
		close(po[0]);
		close(po[1]);
		return -1;
	}
	/*
	 * What the caller has said so far goes out before git runs, so that
	 * its words keep their order with what it says after.
	 */
	fflush(NULL);
	if ((pid = fork()) == -1) {
		snprintf(errbuf, en, "%s", strerror(errno));
		close(po[0]);
		close(po[1]);
		close(pe[0]);
		close(pe[1]);
		return -1;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);

		dup2(nul, 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]);
		close(pe[0]);
		execve(s->git, (char *const *)argv, env);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	drain(po[0], out, n, pe[0], errbuf, en, dropped);
	close(po[0]);
	close(pe[0]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			snprintf(errbuf, en, "%s", strerror(errno));
			return -1;
		}
	if (whole && dropped[0]) {
		snprintf(errbuf, en, "git %s: more than %zu bytes of output",
		    args[0], n - 1);
		return -1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Run git, its output as it comes (git_exec). */
static int
git_run(const struct aduan_sync *s, const char *dir, const char *const *args,
    char *out, size_t n, char *errbuf, size_t en)
{
	return git_exec(s, dir, args, out, n, errbuf, en, 0);
}

/*
 * Run git, its whole output needed: a status, a diff or a file read whole
 * are never read cut short (git_exec).
 */
static int
git_whole(const struct aduan_sync *s, const char *dir,
    const char *const *args, char *out, size_t n, char *errbuf, size_t en)
{
	return git_exec(s, dir, args, out, n, errbuf, en, 1);
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

/*
 * Stage every file of the data directory dir, whatever a .gitignore
 * planted in it says (-f); not the locks, half-written files or git's own
 * files of a clerk's.  git's exit status, as git_run.
 */
static int
git_add(const struct aduan_sync *s, const char *dir, char *out, size_t n,
    char *errs, size_t en)
{
	static const char *const add[] = { "add", "-A", "-f", "--", ".",
	    ":(exclude)seq/.lock", ":(exclude,glob)**/*.tmp*",
	    ":(exclude,glob)**/.gitignore", ":(exclude,glob)**/.gitattributes",
	    NULL };

	return git_run(s, dir, add, out, n, errs, en);
}

/* Commit what is staged in dir with msg, as the office: as git_run. */
static int
git_commit(const struct aduan_sync *s, const char *dir, const char *msg,
    char *out, size_t n, char *errs, size_t en)
{
	const char *const commit[] = { "-c", s->who, "-c", s->mail, "commit",
	    "-q", "--no-verify", "-m", msg, NULL };

	return git_run(s, dir, commit, out, n, errs, en);
}

/* A failure gone past, or one before the failure returned: said. */
static void
report(const struct aduan_sync *s, const struct aduan_err *e)
{
	if (s->report != NULL)
		s->report(e, s->arg);
}

/* ---- whole files ---- */

/* The largest file read whole: a case log, a seal log. */
#define SLURP_MAX (64L << 20)

/*
 * A whole plain file into a malloc'd buffer: its length, or -1 (missing,
 * not a plain file, larger than SLURP_MAX, or unreadable).
 */
static long
slurp(const char *path, char **buf)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
	struct stat sb;
	long n = -1, got = 0;
	ssize_t r;

	*buf = NULL;
	if (fd == -1)
		return -1;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size <= SLURP_MAX && (*buf = malloc((size_t)sb.st_size +
	    1)) != NULL) {
		n = (long)sb.st_size;
		while (got < n && ((r = read(fd, *buf + got, (size_t)(n -
		    got))) > 0 || (r == -1 && errno == EINTR)))
			got += r > 0 ? r : 0;
		if (got == n)
			(*buf)[n] = '\0';
	}
	if (got != n) {
		free(*buf);
		*buf = NULL;
		n = -1;
	}
	close(fd);
	return n;
}

/* Write n bytes to dir/path whole, making its folder: 0, or -1 with err. */
static int
put_bytes(const char *dir, const char *path, const char *b, size_t n,
    struct aduan_err *err)
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
	    fclose(f) == EOF)
		return err_set(err, ADUAN_E_IO, _("cannot write %s: %s"), full,
		    strerror(errno));
	return 0;
}

/* ---- the repository ---- */

/*
 * Make dir a repository if it is not, and give it aduan's configuration,
 * whatever it held before: nothing of the repository's own can run.  0,
 * or -1 with err.
 */
static int
own_repo(const struct aduan_sync *s, const char *dir, struct aduan_err *err)
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
	static const char attributes[] = "* -text -ident -filter -diff "
	    "-merge -working-tree-encoding -export-subst\n";
	char path[PATH_MAX], out[512], errs[2048];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/.git", dir);
	if (lstat(path, &sb) == 0 && !S_ISDIR(sb.st_mode))
		return err_set(err, ADUAN_E_CONFIG, _("%s is not a git folder "
		    "(a file or a link); refusing to use it"), path);
	if (lstat(path, &sb) == -1 && git_run(s, dir, init, out, sizeof(out),
	    errs, sizeof(errs)) != 0)
		return err_set(err, ADUAN_E_IO, _("%s: git init failed: %s"),
		    dir, first_line(errs));
	snprintf(path, sizeof(path), "%s/.git/info", dir);
	mkdir(path, 0770);
	if (put_bytes(dir, ".git/config", config, sizeof(config) - 1,
	    err) == -1 || put_bytes(dir, ".git/info/exclude", exclude,
	    sizeof(exclude) - 1, err) == -1)
		return -1;
	/*
	 * No attribute of a clerk's .gitattributes changes what is
	 * committed: this file comes before every other.
	 */
	return put_bytes(dir, ".git/info/attributes", attributes,
	    sizeof(attributes) - 1, err);
}

struct aduan_sync *
aduan_sync_new(const char *git, const char *name, const char *email,
    void (*fn)(const struct aduan_err *, void *), void *arg,
    struct aduan_err *err)
{
	struct aduan_sync *s;

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->out = malloc(OUT_MAX)) == NULL) {
		free(s);
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	s->out[0] = '\0';
	s->git = git;
	/* The office is the author: its name from kantor.yaml. */
	snprintf(s->who, sizeof(s->who), "user.name=%s", name ? name :
	    "aduan");
	snprintf(s->mail, sizeof(s->mail), "user.email=%s", email ? email :
	    "aduan@localhost");
	s->report = fn;
	s->arg = arg;
	return s;
}

void
aduan_sync_free(struct aduan_sync *s)
{
	if (s == NULL)
		return;
	free(s->out);
	free(s);
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

			snprintf(oldp, sizeof(oldp), "%.*s", (int)(arrow - p),
			    p);
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
				struct change *t = realloc(c, (cap = cap ?
				    cap * 2 : 64) * sizeof(*c));

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
				snprintf(removed, rn, "%s/%s.log",
				    x->gone_closed ? "closed" : "open", x->id);
			bad = 1;
		}
		if (shown < 20) {
			l = strlen(msg);
			snprintf(msg + l, n - l, "%s %s%s", shown ? "," : "",
			    x->id, x->added_open && x->added_closed ?
			    " (new, closed)" : x->added_open ? " (new)" :
			    x->added_closed && !x->gone_open ?
			    " (new, closed)" : x->added_closed ? " (closed)" :
			    "");
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

int
aduan_sync_commit(struct aduan_sync *s, const char *dir, char *msg, size_t n,
    char *removed, size_t rn, struct aduan_err *err)
{
	static const char *const st[] = { "status", "--porcelain",
	    "--untracked-files=no", NULL };
	static const char *const reset[] = { "reset", "-q", NULL };
	char found[PATH_MAX], o2[256], e2[256];

	if (own_repo(s, dir, err) == -1)
		return -1;
	if (nested_git(dir, found, sizeof(found)))
		return err_set(err, ADUAN_E_CORRUPT, _("%s: a git folder "
		    "planted in the data directory would hide the logs beside "
		    "it from the record; remove it; nothing was committed"),
		    found);
	if (git_add(s, dir, s->out, OUT_MAX, s->errs, sizeof(s->errs)) != 0)
		return err_set(err, ADUAN_E_IO, _("%s: git add failed: %s"),
		    dir, first_line(s->errs));
	if (git_whole(s, dir, st, s->out, OUT_MAX, s->errs,
	    sizeof(s->errs)) != 0)
		return err_set(err, ADUAN_E_IO, _("%s: git status failed: %s"),
		    dir, first_line(s->errs));
	if (s->out[0] == '\0')
		return ADUAN_SYNC_NOTHING;
	if (message(s->out, msg, n, removed, rn)) {
		/* Unstaged again: the next run finds it too. */
		git_run(s, dir, reset, o2, sizeof(o2), e2, sizeof(e2));
		return ADUAN_SYNC_REMOVED;
	}
	if (git_commit(s, dir, msg, s->out, OUT_MAX, s->errs,
	    sizeof(s->errs)) != 0)
		return err_set(err, ADUAN_E_IO, _("%s: git commit failed: %s"),
		    dir, first_line(s->errs));
	return ADUAN_SYNC_COMMITTED;
}

int
aduan_sync_started(struct aduan_sync *s, const char *dir)
{
	static const char *const head[] = { "rev-parse", "-q", "--verify",
	    "HEAD", NULL };

	return git_run(s, dir, head, s->out, OUT_MAX, s->errs,
	    sizeof(s->errs)) == 0;
}

int
aduan_sync_push(struct aduan_sync *s, const char *dir, const char *remote,
    struct aduan_err *err)
{
	const char *const push[] = { "push", "--porcelain", remote,
	    "HEAD:refs/heads/main", NULL };

	if (git_run(s, dir, push, s->out, OUT_MAX, s->errs,
	    sizeof(s->errs)) == 0)
		return strstr(s->out, "[up to date]") == NULL ?
		    ADUAN_SYNC_PUSHED : ADUAN_SYNC_UPTODATE;
	if (strstr(s->out, "[rejected]") != NULL ||
	    strstr(s->errs, "non-fast-forward") != NULL ||
	    strstr(s->errs, "fetch first") != NULL)
		return ADUAN_SYNC_BEHIND;
	return err_set(err, ADUAN_E_IO, _("%s: cannot push: %s; the records "
	    "are kept here and the next run pushes them"), remote,
	    first_line(s->errs));
}

int
aduan_sync_seals(struct aduan_sync *s, const char *dir, const char *sealdir,
    int required, struct aduan_err *err)
{
	char path[PATH_MAX], *buf = NULL;
	struct aduan_err e;
	long n;
	int fd;

	snprintf(path, sizeof(path), "%s/seals.log", sealdir);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1) {
		if (!required)
			return 0;
		return err_set(err, ADUAN_E_CONFIG, _("%s: no seals to carry: "
		    "%s"), path, strerror(errno));
	}
	/* A seal being written is not half taken. */
	flock(fd, LOCK_SH);
	n = slurp(path, &buf);
	close(fd);
	if (n < 0 || put_bytes(dir, "segel/seals.log", buf, (size_t)n,
	    &e) == -1) {
		if (n >= 0)
			report(s, &e);
		free(buf);
		return err_set(err, ADUAN_E_IO, _("%s: cannot carry the seals"),
		    path);
	}
	free(buf);
	return 1;
}

/* ---- two places that wrote one office's records ---- */

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

/*
 * The remote holds history this data directory does not: the two are
 * merged, case by case, never blindly.  A log one side has and the other
 * has not, or has as the start of it, is taken whole: what the other
 * place recorded goes on from what this one did.  A log whose two
 * histories part is kept as this place has it, the other's kept beside
 * it in DATA/fork/ID.log, and named with the line where they part; the
 * case is recorded on no more until a person chooses.  The merge is a
 * commit of two parents: history is never rewritten.
 */
int
aduan_sync_merge(struct aduan_sync *s, const char *dir, const char *remote,
    void (*forked)(const char *id, long line, const char *kept, void *),
    void *arg, char *msg, size_t n, int *forks, struct aduan_err *err)
{
	const char *const fetch[] = { "fetch", "-q", "--no-tags", "--",
	    remote, "refs/heads/main", NULL };
	static const char *const base[] = { "merge-base", "HEAD", "FETCH_HEAD",
	    NULL };
	char errs[4096], basesha[64], id[32], fork[64], path[PATH_MAX];
	char *theirs, *out, *line, *save = NULL, *changed = NULL;
	struct aduan_err e;
	int taken = 0, lost = 0, r = -1;

	*forks = 0;
	if ((theirs = malloc(1 << 23)) == NULL ||
	    (out = malloc(1 << 20)) == NULL) {
		free(theirs);
		return err_set(err, ADUAN_E_IO, _("out of memory"));
	}
	theirs[0] = out[0] = errs[0] = '\0';
	if (git_run(s, dir, fetch, out, 1 << 20, errs, sizeof(errs)) != 0) {
		err_set(err, ADUAN_E_IO, _("%s: cannot fetch: %s"), remote,
		    first_line(errs));
		goto done;
	}
	if (git_run(s, dir, base, out, 1 << 20, errs, sizeof(errs)) != 0) {
		err_set(err, ADUAN_E_CORRUPT, _("%s: refused: the remote's "
		    "history and this data directory's have nothing in common; "
		    "nothing was merged"), remote);
		goto done;
	}
	snprintf(basesha, sizeof(basesha), "%.40s", out);
	{
		const char *const diff[] = { "diff", "--name-status",
		    "--no-renames", basesha, "FETCH_HEAD", "--", "open",
		    "closed", NULL };
		const char *const merge[] = { "-c", s->who, "-c", s->mail,
		    "merge", "-q", "--no-ff", "--no-commit", "-s", "ours",
		    "FETCH_HEAD", NULL };

		if (git_whole(s, dir, diff, out, 1 << 20, errs,
		    sizeof(errs)) != 0 || (changed = strdup(out)) == NULL ||
		    git_run(s, dir, merge, out, 1 << 20, errs,
		    sizeof(errs)) != 0) {
			err_set(err, ADUAN_E_IO, _("%s: cannot merge: %s"),
			    remote, first_line(errs));
			goto done;
		}
	}
	snprintf(msg, n, "aduan sync: merged what %s recorded:", remote);
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
			if (git_whole(s, dir, show, theirs, 1 << 23, errs,
			    sizeof(errs)) != 0) {
				lost = 1;
				continue;
			}
		}
		tn = strlen(theirs);
		/* Paths that do not fit are not acted on: a case is lost to
		   the merge, never a log to a wrong name. */
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, p) >=
		    sizeof(path) || (size_t)snprintf(local, sizeof(local),
		    "%s/closed/%s.log", dir, id) >= sizeof(local)) {
			lost = 1;
			continue;
		}
		snprintf(local, sizeof(local), "%s/open/%s.log", dir, id);
		if ((on = slurp(local, &ours)) < 0) {
			snprintf(local, sizeof(local), "%s/closed/%s.log", dir,
			    id);
			on = slurp(local, &ours);
		}
		if (on < 0 || ((size_t)on <= tn && memcmp(ours, theirs,
		    (size_t)on) == 0)) {
			/* Not here, or here as the start of theirs: taken. */
			if (put_bytes(dir, p, theirs, tn, &e) == -1) {
				report(s, &e);
				lost = 1;
				free(ours);
				continue;
			}
			if (on >= 0 && strcmp(local, path) != 0)
				unlink(local);
			taken++;
		} else if ((size_t)on >= tn && memcmp(ours, theirs, tn) == 0) {
			/* Theirs is the start of ours: ours goes on. */
		} else {
			snprintf(fork, sizeof(fork), "fork/%s.log", id);
			if (put_bytes(dir, fork, theirs, tn, &e) == -1) {
				report(s, &e);
				lost = 1;
			}
			if (forked != NULL)
				forked(id, parting(ours, (size_t)on, theirs,
				    tn), fork, arg);
			(*forks)++;
			snprintf(msg + strlen(msg), n - strlen(msg),
			    " %s (forked)", id);
		}
		free(ours);
	}
	snprintf(msg + strlen(msg), n - strlen(msg), " %d case(s) brought "
	    "forward, %d forked", taken, *forks);
	if (git_add(s, dir, out, 1 << 20, errs, sizeof(errs)) != 0 ||
	    git_commit(s, dir, msg, out, 1 << 20, errs, sizeof(errs)) != 0) {
		err_set(err, ADUAN_E_IO, _("%s: cannot commit the merge: %s"),
		    dir, first_line(errs));
		goto done;
	}
	r = lost;
done:
	free(changed);
	free(out);
	free(theirs);
	return r;
}

/* ---- at the city ---- */

int
aduan_sync_fetch(struct aduan_sync *s, const char *city,
    const struct aduan_city_office *o, char *copy, size_t cn,
    struct aduan_err *err)
{
	static const char *const ff[] = { "merge", "--ff-only", "FETCH_HEAD",
	    NULL };
	static const char *const anc[] = { "merge-base", "--is-ancestor",
	    "HEAD", "FETCH_HEAD", NULL };
	char gitdir[PATH_MAX + 8], out[4096], errs[4096];
	struct stat sb;
	int r;

	snprintf(copy, cn, "%s/%s", city, o->kode);
	snprintf(gitdir, sizeof(gitdir), "%s/.git", copy);
	if (lstat(gitdir, &sb) == -1) {
		const char *const clone[] = { "clone", "-q", "--no-hardlinks",
		    "--branch", "main", "--", o->remote, copy, NULL };

		if (git_run(s, NULL, clone, out, sizeof(out), errs,
		    sizeof(errs)) != 0)
			return err_set(err, ADUAN_E_IO, _("%s: cannot fetch "
			    "%s: %s; the next run tries again"), o->kode,
			    o->remote, first_line(errs));
		if (own_repo(s, copy, err) == -1)
			return -1;
		return ADUAN_SYNC_COPIED;
	}
	if (own_repo(s, copy, err) == -1)
		return -1;
	{
		const char *const fetch[] = { "fetch", "-q", "--no-tags", "--",
		    o->remote, "refs/heads/main", NULL };

		if (git_run(s, copy, fetch, out, sizeof(out), errs,
		    sizeof(errs)) != 0)
			return err_set(err, ADUAN_E_IO, _("%s: cannot fetch "
			    "%s: %s; the city keeps its copy and the next run "
			    "tries again"), o->kode, o->remote,
			    first_line(errs));
	}
	/* What the city holds must be where the office's history starts. */
	if ((r = git_run(s, copy, anc, out, sizeof(out), errs,
	    sizeof(errs))) != 0) {
		if (r == 1)
			return err_set(err, ADUAN_E_CORRUPT, _("%s: refused: "
			    "the office's history at %s no longer holds what "
			    "the city copied (it was rewritten); the city "
			    "keeps its copy, the witness of what the office "
			    "recorded"), o->kode, o->remote);
		return err_set(err, ADUAN_E_IO, _("%s: cannot compare the "
		    "histories: %s"), o->kode, first_line(errs));
	}
	if (git_run(s, copy, ff, out, sizeof(out), errs, sizeof(errs)) != 0)
		return err_set(err, ADUAN_E_IO, _("%s: cannot bring the copy "
		    "forward: %s"), o->kode, first_line(errs));
	return strstr(out, "Already up to date") == NULL ?
	    ADUAN_SYNC_BROUGHT : ADUAN_SYNC_UNCHANGED;
}

int
aduan_sync_verify(const struct aduan_city_office *o, const char *copy,
    const struct aduan_sop *sop, int *n, int *bad, struct aduan_err *err)
{
	struct aduan_store *st;
	struct aduan_checkpoint *cp;
	struct aduan_seal *seal = NULL;
	struct aduan_err e;
	char segel[PATH_MAX + 8], path[PATH_MAX + 24];
	int r;

	*n = *bad = 0;
	/* git keeps no empty folder: an office with no closed case yet. */
	if ((st = aduan_store_open(copy, 1, 10, &e)) == NULL)
		return err_set(err, ADUAN_E_CORRUPT, _("%s: the copy is no "
		    "data directory: %s"), o->kode, e.msg);
	/* No checkpoint, or one that cannot be read: verified without. */
	cp = aduan_checkpoint_open(st, &e);
	/* The office's seals, checked with its key when the city has it. */
	snprintf(segel, sizeof(segel), "%s/segel", copy);
	snprintf(path, sizeof(path), "%s/seals.log", segel);
	if (o->kunci != NULL && access(path, F_OK) == 0 &&
	    (seal = aduan_seal_open(segel, o->kunci, &e)) == NULL) {
		aduan_checkpoint_close(cp);
		aduan_store_close(st);
		return err_set(err, ADUAN_E_CORRUPT, _("%s: the office's seals "
		    "do not verify with its key: %s"), o->kode, e.msg);
	}
	if (o->kunci != NULL && seal == NULL) {
		aduan_checkpoint_close(cp);
		aduan_store_close(st);
		return 1;
	}
	r = aduan_verify_all(st, sop, cp, seal, n, bad, &e);
	aduan_seal_close(seal);
	aduan_checkpoint_close(cp);
	aduan_store_close(st);
	if (r == -1)
		return err_set(err, ADUAN_E_IO, _("%s: cannot verify the copy: "
		    "%s"), o->kode, e.msg);
	return 0;
}
