/*
 * tree.c - the trees of the YAML files parsed before (the SOP, the
 * calendar, kantor.yaml, surat.yaml), kept in the user's cache folder
 * (cache.c) by the SHA-256 of their text, so that a command need not
 * parse them with libyaml again; read back, a tree is the parser's, to
 * the line and column that messages name.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/*
 * A file of the cache folder named by the text's hash:
 *
 *   aduan-tree 1 LF key LF node
 *
 * a node being a byte (its kind, and 4 when a plain scalar), its line and
 * column, then a scalar's length and bytes, or a sequence's or mapping's
 * count of kids and the kids; numbers as LEB128.  Read back, the tree is
 * the parser's, to the line and column that messages name.
 */
#define TREE_MAGIC "aduan-tree 1\n"
#define TREE_MAX (4 << 20)
#define TREE_DEPTH 33	/* the parser's nesting of 32, and the top */

struct tbuf {
	unsigned char *p;
	size_t len, cap;
	int failed;
};

static void
tput(struct tbuf *b, const void *p, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 8192;
		unsigned char *q;

		while (cap < b->len + n)
			cap *= 2;
		if (cap > TREE_MAX || (q = realloc(b->p, cap)) == NULL) {
			b->failed = 1;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
tput_num(struct tbuf *b, size_t v)
{
	unsigned char c;

	do {
		c = (unsigned char)(v & 127);
		v >>= 7;
		if (v != 0)
			c |= 128;
		tput(b, &c, 1);
	} while (v != 0);
}

static void
tput_node(struct tbuf *b, const struct ynode *n)
{
	unsigned char k = (unsigned char)(n->kind | (n->plain ? 4 : 0));
	int i;

	tput(b, &k, 1);
	tput_num(b, (size_t)n->line);
	tput_num(b, (size_t)n->col);
	if (n->kind == Y_SCALAR) {
		size_t len = strlen(n->s);

		tput_num(b, len);
		tput(b, n->s, len);
		return;
	}
	tput_num(b, (size_t)n->nkids);
	for (i = 0; i < n->nkids; i++)
		tput_node(b, n->kids[i]);
}

void
cache_tree_put(const char key[65], const struct ynode *root)
{
	struct tbuf b = { NULL, 0, 0, 0 };
	char dir[PATH_MAX - 96], path[PATH_MAX], tmp[PATH_MAX];
	size_t off = 0;
	ssize_t w;
	int fd;

	if (cache_dir(dir, sizeof(dir)) == -1)
		return;
	tput(&b, TREE_MAGIC, strlen(TREE_MAGIC));
	tput(&b, key, 64);
	tput(&b, "\n", 1);
	tput_node(&b, root);
	snprintf(path, sizeof(path), "%s/tree-%s", dir, key);
	snprintf(tmp, sizeof(tmp), "%s/tree-%s.XXXXXX", dir, key);
	if (b.failed || (fd = mkstemp(tmp)) == -1) {
		free(b.p);
		return;
	}
	while (off < b.len && (w = write(fd, b.p + off, b.len - off)) > 0)
		off += (size_t)w;
	if (close(fd) == -1 || off < b.len || rename(tmp, path) == -1)
		(void)unlink(tmp);
	free(b.p);
}

struct tread {
	const unsigned char *p, *end;
	struct arena *a;
	long nodes;
};

static int
tget_num(struct tread *r, size_t *v)
{
	size_t x = 0;
	int shift = 0;

	while (r->p < r->end && shift < 35) {
		unsigned char c = *r->p++;

		x |= (size_t)(c & 127) << shift;
		if ((c & 128) == 0) {
			*v = x;
			return 0;
		}
		shift += 7;
	}
	return -1;
}

static struct ynode *
tget_node(struct tread *r, int depth)
{
	struct ynode *n;
	size_t line, col, len, i;
	unsigned char k;

	if (r->p >= r->end || depth > TREE_DEPTH || ++r->nodes > 1000000)
		return NULL;
	k = *r->p++;
	if ((k & 3) > Y_MAP || (k & ~7) != 0 || tget_num(r, &line) == -1 ||
	    tget_num(r, &col) == -1 || line > INT_MAX || col > INT_MAX ||
	    tget_num(r, &len) == -1 ||
	    (n = arena_alloc(r->a, sizeof(*n))) == NULL)
		return NULL;
	n->kind = (enum ykind)(k & 3);
	n->plain = (k & 4) != 0;
	n->line = (int)line;
	n->col = (int)col;
	if (n->kind == Y_SCALAR) {
		if (len > (size_t)(r->end - r->p) || memchr(r->p, '\0', len) !=
		    NULL || (n->s = arena_strndup(r->a, (const char *)r->p,
		    len)) == NULL)
			return NULL;
		r->p += len;
		return n;
	}
	if (len > (size_t)(r->end - r->p) || len > INT_MAX ||
	    (len > 0 && (n->kids = arena_alloc(r->a, sizeof(*n->kids) *
	    len)) == NULL))
		return NULL;
	n->nkids = n->cap = (int)len;
	/* As the parser builds them: keys and values paired, keys scalars. */
	if (n->kind == Y_MAP && len % 2 != 0)
		return NULL;
	for (i = 0; i < len; i++)
		if ((n->kids[i] = tget_node(r, depth + 1)) == NULL ||
		    (n->kind == Y_MAP && i % 2 == 0 &&
		    n->kids[i]->kind != Y_SCALAR))
			return NULL;
	return n;
}

struct ynode *
cache_tree_get(struct arena *a, const char key[65])
{
	char dir[PATH_MAX - 96], path[PATH_MAX];
	struct tread r;
	struct ynode *root = NULL;
	struct stat sb;
	unsigned char *buf;
	size_t hl = strlen(TREE_MAGIC), got = 0;
	ssize_t n;
	int fd;

	if (cache_dir(dir, sizeof(dir)) == -1)
		return NULL;
	snprintf(path, sizeof(path), "%s/tree-%s", dir, key);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != geteuid() || (sb.st_mode & 077) != 0 ||
	    sb.st_size > TREE_MAX || (size_t)sb.st_size < hl + 65 ||
	    (buf = malloc((size_t)sb.st_size)) == NULL) {
		close(fd);
		return NULL;
	}
	while (got < (size_t)sb.st_size && (n = read(fd, buf + got,
	    (size_t)sb.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	if (got == (size_t)sb.st_size && memcmp(buf, TREE_MAGIC, hl) == 0 &&
	    memcmp(buf + hl, key, 64) == 0 && buf[hl + 64] == '\n') {
		r.p = buf + hl + 65;
		r.end = buf + got;
		r.a = a;
		r.nodes = 0;
		root = tget_node(&r, 0);
		/* The whole file, one tree, a mapping at the top. */
		if (root != NULL && (r.p != r.end || root->kind != Y_MAP))
			root = NULL;
	}
	free(buf);
	return root;
}
