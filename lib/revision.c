/*
 * revision.c - the SOP revisions the cases run under (aduan-log(5)).
 *
 *   DATA/sop/SHA.yaml    the SOP file each case started under, kept
 *                        read-only (0440) by io_new_file before the first
 *                        case under it; SHA is the SHA-256 of its bytes,
 *                        which the first event of the case names
 *                        (sop-sha256) and every reader checks
 *   DATA/sop/REV.yaml    the same file under the SHA-256 of the SOP number
 *                        and revision, each ending in LF: the revision's
 *                        first text, so that a file changed without a new
 *                        revision is refused, and the copy of cases from
 *                        before copies were named by content
 *
 * A case is read under the current SOP when that is its copy, else under
 * the kept copy, always with the current calendar.  A copy is loaded once
 * per store.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "internal.h"

/* The file name of the copy of an SOP revision. */
static void
kept_name(const char *nomor, const char *revisi, char name[72])
{
	struct sha256_ctx c;
	uint8_t dig[SHA256_DIGEST_SIZE];

	sha256_init(&c);
	sha256_update(&c, strlen(nomor), (const uint8_t *)nomor);
	sha256_update(&c, 1, (const uint8_t *)"\n");
	sha256_update(&c, strlen(revisi), (const uint8_t *)revisi);
	sha256_update(&c, 1, (const uint8_t *)"\n");
	sha256_digest(&c, sizeof(dig), dig);
	hex_put(dig, SHA256_DIGEST_SIZE, name);
	strcpy(name + 2 * SHA256_DIGEST_SIZE, ".yaml");
}

/*
 * Read the kept copy name from sop/ (dfd) into *buf: 1, or 0 when there is
 * none, or -1 (not a plain file, or unreadable).
 */
static int
read_kept(struct aduan_store *st, int dfd, const char *name, char **buf,
    size_t *len, struct aduan_err *err)
{
	char path[PATH_MAX];
	struct stat sb;
	int fd, r;

	snprintf(path, sizeof(path), "%s/sop/%s", st->dir, name);
	if ((fd = open_beneath(dfd, name, O_RDONLY, 0)) == -1) {
		if (errno == ENOENT)
			return 0;
		return err_at(err, ADUAN_E_IO, path, 0, 0, _("cannot read "
		    "the kept SOP: %s"), strerror(errno));
	}
	if (check_plain(fd, &sb) == -1) {
		close(fd);
		return err_at(err, ADUAN_E_CORRUPT, path, 0, 0, _("the kept "
		    "SOP is not a plain file (a link or a device); it was not "
		    "read"));
	}
	r = yaml_read_fd(fd, path, buf, len, err);
	close(fd);
	return r == -1 ? -1 : 1;
}

/*
 * Whether the copy kept of sop's revision is sop's text: 1, 0 when none is
 * kept, -1 when it differs (the SOP was changed without a new revision).
 */
static int
same_kept(struct aduan_store *st, int dfd, const char *name,
    const struct aduan_sop *sop, struct aduan_err *err)
{
	const char *text;
	char *buf = NULL;
	size_t len, n;
	int r;

	if ((r = read_kept(st, dfd, name, &buf, &n, err)) != 1)
		return r;
	text = sop_text(sop, &len);
	r = n == len && memcmp(buf, text, len) == 0;
	free(buf);
	if (r)
		return 1;
	return err_at(err, ADUAN_E_CONFIG, sop_path(sop), 0, 0,
	    _("this SOP (%s revision %s) differs from the copy of that "
	    "revision kept in %s/sop/%s, under which its cases run; give "
	    "the changed SOP a new revisi, or restore the file"),
	    aduan_sop_meta(sop, "nomor"), aduan_sop_meta(sop, "revisi"),
	    st->dir, name);
}

int
revision_keep(struct aduan_store *st, const struct aduan_sop *sop,
    struct aduan_err *err)
{
	char name[72], sha[65];
	const char *text;
	size_t len;
	int dfd, r, e;

	kept_name(aduan_sop_meta(sop, "nomor"), aduan_sop_meta(sop, "revisi"),
	    name);
	if ((dfd = io_subdir(st->dirfd, "sop", 1)) == -1)
		return store_subdir_err(st->dirfd, st->dir, "sop", errno, err);
	text = sop_text(sop, &len);
	if ((r = same_kept(st, dfd, name, sop, err)) == 0) {
		e = io_new_file(&st->seam, dfd, name, text, len, 0440);
		if (e == -1 && errno == EEXIST)	/* kept by another clerk */
			r = same_kept(st, dfd, name, sop, err);
		else if (e != 0) {
			r = -1;
			err_set(err, ADUAN_E_IO, _("cannot keep a copy of the "
			    "SOP: %s; nothing was recorded"), strerror(errno));
		} else
			r = 1;
	}
	/* The copy the cases name, by the hash of its content. */
	revision_sha(sop, sha);
	snprintf(name, sizeof(name), "%s.yaml", sha);
	if (r == 1 && faccessat(dfd, name, F_OK, AT_SYMLINK_NOFOLLOW) == -1 &&
	    (e = io_new_file(&st->seam, dfd, name, text, len, 0440)) != 0 &&
	    !(e == -1 && errno == EEXIST)) {
		r = -1;
		err_set(err, ADUAN_E_IO, _("cannot keep a copy of the SOP: %s; "
		    "nothing was recorded"), strerror(errno));
	}
	close(dfd);
	return r == 1 ? 0 : -1;
}

void
sha_hex(const char *p, size_t n, char out[65])
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&c);
	sha256_update(&c, n, (const uint8_t *)p);
	sha256_digest(&c, sizeof(d), d);
	hex_put(d, SHA256_DIGEST_SIZE, out);
}

void
revision_sha(const struct aduan_sop *sop, char out[65])
{
	const char *text;
	size_t len;

	text = sop_text(sop, &len);
	sha_hex(text, len, out);
}

/*
 * Load the copy named by its content's hash: it must hash to its name and
 * be the revision the case's header names.  1 with ks->owned, 0 when
 * there is none, -1.
 */
static int
load_by_sha(struct aduan_store *st, int dfd, struct kept_sop *ks,
    const struct aduan_sop *current, const char *nomor, const char *revisi,
    struct aduan_err *err)
{
	char path[PATH_MAX], h[65], *buf = NULL;
	size_t len;
	int r;

	snprintf(ks->name, sizeof(ks->name), "%s.yaml", ks->sha);
	snprintf(path, sizeof(path), "%s/sop/%s", st->dir, ks->name);
	if ((r = dfd == -1 ? 0 : read_kept(st, dfd, ks->name, &buf, &len,
	    err)) != 1)
		return r;
	sha_hex(buf, len, h);
	if (strcmp(h, ks->sha) != 0)
		r = err_at(err, ADUAN_E_CORRUPT, path, 0, 0, _("the kept SOP "
		    "does not hash to its name: it was altered"));
	else if ((ks->owned = sop_parse(path, buf, len, sop_calpath(current),
	    err)) == NULL)
		r = -1;
	else if (strcmp(aduan_sop_meta(ks->owned, "nomor"), nomor) != 0 ||
	    strcmp(aduan_sop_meta(ks->owned, "revisi"), revisi) != 0)
		r = err_at(err, ADUAN_E_CORRUPT, path, 0, 0, _("the kept SOP is "
		    "%s revision %s, not the %s revision %s of the case"),
		    aduan_sop_meta(ks->owned, "nomor"),
		    aduan_sop_meta(ks->owned, "revisi"), nomor, revisi);
	free(buf);
	return r;
}

const struct aduan_sop *
revision_sop(struct aduan_store *st, const struct aduan_sop *current,
    const char *nomor, const char *revisi, const char *sha,
    struct aduan_err *err)
{
	struct kept_sop *ks;
	char path[PATH_MAX], *buf = NULL;
	size_t len;
	int i, dfd, r;

	for (i = 0; i < st->nsops; i++) {
		ks = &st->sops[i];
		if (sha != NULL ? strcmp(ks->sha, sha) == 0 : ks->sha[0] ==
		    '\0' && strcmp(aduan_sop_meta(ks->sop, "nomor"), nomor) ==
		    0 && strcmp(aduan_sop_meta(ks->sop, "revisi"), revisi) == 0)
			return ks->sop;
	}
	if ((ks = realloc(st->sops, sizeof(*ks) * (size_t)(st->nsops + 1))) ==
	    NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	st->sops = ks;
	ks = &st->sops[st->nsops];
	memset(ks, 0, sizeof(*ks));
	if (sha != NULL)
		snprintf(ks->sha, sizeof(ks->sha), "%s", sha);
	dfd = io_subdir(st->dirfd, "sop", 0);
	if (dfd == -1 && errno != ENOENT) {
		store_subdir_err(st->dirfd, st->dir, "sop", errno, err);
		return NULL;
	}
	if (sha != NULL) {
		char cur[65];

		revision_sha(current, cur);
		r = 1;
		if (strcmp(cur, sha) == 0)
			ks->sop = current;
		else if ((r = load_by_sha(st, dfd, ks, current, nomor, revisi,
		    err)) == 1)
			ks->sop = ks->owned;
		else if (r == -1) {
			aduan_sop_free(ks->owned);
			ks->owned = NULL;
		}
	} else if (strcmp(aduan_sop_meta(current, "nomor"), nomor) == 0 &&
	    strcmp(aduan_sop_meta(current, "revisi"), revisi) == 0) {
		/* A case from before copies were named by content. */
		kept_name(nomor, revisi, ks->name);
		r = dfd == -1 ? 0 : same_kept(st, dfd, ks->name, current, err);
		r = r == 0 ? 1 : r;
		ks->sop = current;
	} else {
		kept_name(nomor, revisi, ks->name);
		snprintf(path, sizeof(path), "%s/sop/%s", st->dir, ks->name);
		r = dfd == -1 ? 0 : read_kept(st, dfd, ks->name, &buf, &len,
		    err);
		if (r == 1 && (ks->owned = sop_parse(path, buf, len,
		    sop_calpath(current), err)) == NULL)
			r = -1;
		else if (r == 1 && (strcmp(aduan_sop_meta(ks->owned, "nomor"),
		    nomor) != 0 || strcmp(aduan_sop_meta(ks->owned, "revisi"),
		    revisi) != 0)) {
			err_at(err, ADUAN_E_CORRUPT, path, 0, 0, _("the kept "
			    "SOP is %s revision %s, not the %s revision %s its "
			    "name says"), aduan_sop_meta(ks->owned, "nomor"),
			    aduan_sop_meta(ks->owned, "revisi"), nomor, revisi);
			aduan_sop_free(ks->owned);
			ks->owned = NULL;
			r = -1;
		}
		ks->sop = ks->owned;
		free(buf);
	}
	if (r == 0) {
		snprintf(path, sizeof(path), "%s/sop/%s", st->dir, ks->name);
		err_set(err, ADUAN_E_CONFIG, _("the case runs under SOP %s "
		    "revision %s, but the SOP loaded is %s revision %s and the "
		    "data directory keeps no copy of that revision (%s)"),
		    nomor, revisi, aduan_sop_meta(current, "nomor"),
		    aduan_sop_meta(current, "revisi"), path);
		err_hint(err, ADUAN_HINT_REVISION, 0);
	}
	if (dfd != -1)
		close(dfd);
	if (r != 1 || ks->sop == NULL)
		return NULL;
	st->nsops++;
	return ks->sop;
}
