/*
 * yaml.c - read a YAML file into a small positioned tree, and the checks
 * the SOP and calendar loaders build their validation from.
 *
 * The tree is built from libyaml's event stream, so that every node keeps
 * the line and column it was written at.  Hostile input is cut short before
 * it can cost time or memory: the file is read whole only if it is a regular
 * file of at most 1 MiB, nesting stops at depth 32, and aliases, anchors and
 * tags are refused (an SOP needs none, and aliases are what an "alias bomb"
 * is made of).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "internal.h"

#define YAML_MAX_SIZE (1024 * 1024)
#define YAML_MAX_DEPTH 32

int
yaml_read_fd(int fd, const char *path, char **buf, size_t *len,
    struct aduan_err *err)
{
	struct stat st;
	ssize_t r;
	size_t got = 0;

	if (fstat(fd, &st) == -1)
		return err_at(err, ADUAN_E_CONFIG, path, 0, 0,
		    _("cannot read: %s"), strerror(errno));
	if (S_ISDIR(st.st_mode))
		return err_at(err, ADUAN_E_CONFIG, path, 0, 0,
		    _("is a directory, not a YAML file"));
	if (!S_ISREG(st.st_mode))
		return err_at(err, ADUAN_E_CONFIG, path, 0, 0,
		    _("not a regular file"));
	if (st.st_size > YAML_MAX_SIZE)
		return err_at(err, ADUAN_E_CONFIG, path, 0, 0,
		    _("file too large (%lld bytes; the limit is %d)"),
		    (long long)st.st_size, YAML_MAX_SIZE);
	if ((*buf = malloc((size_t)st.st_size + 1)) == NULL)
		return err_at(err, ADUAN_E_CONFIG, path, 0, 0,
		    _("out of memory"));
	/* The file may grow while we read: never read past the limit. */
	while (got < (size_t)st.st_size) {
		r = read(fd, *buf + got, (size_t)st.st_size - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			free(*buf);
			*buf = NULL;
			return err_at(err, ADUAN_E_CONFIG, path, 0, 0,
			    _("cannot read: %s"), strerror(errno));
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	(*buf)[got] = '\0';
	*len = got;
	return 0;
}

int
yaml_read_file(const char *path, char **buf, size_t *len,
    struct aduan_err *err)
{
	int fd, r;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return err_at(err, ADUAN_E_CONFIG, path, 0, 0,
		    _("cannot open: %s"), strerror(errno));
	r = yaml_read_fd(fd, path, buf, len, err);
	close(fd);
	return r;
}

static struct ynode *
node_new(struct arena *a, enum ykind kind, const yaml_mark_t *m)
{
	struct ynode *n = arena_alloc(a, sizeof(*n));

	if (n == NULL)
		return NULL;
	n->kind = kind;
	n->line = (int)m->line + 1;
	n->col = (int)m->column + 1;
	return n;
}

static int
node_add(struct arena *a, struct ynode *parent, struct ynode *kid)
{
	if (parent->nkids == parent->cap) {
		int cap = parent->cap ? parent->cap * 2 : 8;
		struct ynode **k = arena_alloc(a, sizeof(*k) * (size_t)cap);

		if (k == NULL)
			return -1;
		if (parent->nkids > 0)
			memcpy(k, parent->kids,
			    sizeof(*k) * (size_t)parent->nkids);
		parent->kids = k;
		parent->cap = cap;
	}
	parent->kids[parent->nkids++] = kid;
	return 0;
}

/* A key already present in the mapping being built, or NULL. */
static const struct ynode *
dup_key(const struct ynode *map, const char *key)
{
	int i;

	for (i = 0; i + 1 < map->nkids; i += 2)
		if (map->kids[i]->kind == Y_SCALAR &&
		    strcmp(map->kids[i]->s, key) == 0)
			return map->kids[i];
	return NULL;
}

struct ybuild {
	struct arena *a;
	struct aduan_err *err;
	const char *path;
	struct ynode *stack[YAML_MAX_DEPTH + 1];
	int depth;
	struct ynode *root;
	int docs;
};

static int
ybuild_fail(struct ybuild *b, const yaml_mark_t *m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
ybuild_fail(struct ybuild *b, const yaml_mark_t *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(b->err, ADUAN_E_CONFIG, b->path, (int)m->line + 1,
	    (int)m->column + 1, fmt, ap);
	va_end(ap);
	return -1;
}

/* Attach a finished node to its parent (or make it the root). */
static int
ybuild_attach(struct ybuild *b, struct ynode *n, const yaml_mark_t *m)
{
	struct ynode *p;

	if (b->depth == 0) {
		if (b->root != NULL)
			return ybuild_fail(b, m, _("more than one document"));
		b->root = n;
		return 0;
	}
	p = b->stack[b->depth - 1];
	if (p->kind == Y_MAP && p->nkids % 2 == 0) {
		if (n->kind != Y_SCALAR)
			return ybuild_fail(b, m,
			    _("a mapping key must be a plain string"));
		if (dup_key(p, n->s) != NULL)
			return ybuild_fail(b, m, _("duplicate key '%s'"),
			    n->s);
	}
	if (node_add(b->a, p, n) == -1)
		return ybuild_fail(b, m, _("out of memory"));
	return 0;
}

static int
ybuild_event(struct ybuild *b, yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;
	struct ynode *n;
	unsigned long cp;
	size_t at;
	int r;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return ybuild_fail(b, m,
		    _("aliases are not allowed in an SOP file"));
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor != NULL)
			return ybuild_fail(b, m, _("anchors are not allowed"));
		if (ev->data.scalar.tag != NULL)
			return ybuild_fail(b, m, _("tags are not allowed"));
		if ((n = node_new(b->a, Y_SCALAR, m)) == NULL ||
		    (n->s = arena_strndup(b->a,
		    (const char *)ev->data.scalar.value,
		    ev->data.scalar.length)) == NULL)
			return ybuild_fail(b, m, _("out of memory"));
		if (strlen(n->s) != ev->data.scalar.length)
			return ybuild_fail(b, m, _("NUL character in text"));
		/* What the screens and letters show is plain text only. */
		if ((r = text_scan(n->s, &cp, &at, NULL)) != TEXT_OK)
			return ybuild_fail(b, m, r == TEXT_FORMAT ?
			    _("invisible or format character U+%04lX is not "
			    "allowed") : _("control character U+%04lX is not "
			    "allowed"), cp);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return ybuild_attach(b, n, m);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if ((ev->type == YAML_SEQUENCE_START_EVENT ?
		    ev->data.sequence_start.anchor :
		    ev->data.mapping_start.anchor) != NULL)
			return ybuild_fail(b, m, _("anchors are not allowed"));
		if ((ev->type == YAML_SEQUENCE_START_EVENT ?
		    ev->data.sequence_start.tag :
		    ev->data.mapping_start.tag) != NULL)
			return ybuild_fail(b, m, _("tags are not allowed"));
		if (b->depth >= YAML_MAX_DEPTH)
			return ybuild_fail(b, m,
			    _("nested too deeply (the limit is %d levels)"),
			    YAML_MAX_DEPTH);
		n = node_new(b->a, ev->type == YAML_SEQUENCE_START_EVENT ?
		    Y_SEQ : Y_MAP, m);
		if (n == NULL)
			return ybuild_fail(b, m, _("out of memory"));
		b->stack[b->depth++] = n;
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		n = b->stack[--b->depth];
		return ybuild_attach(b, n, m);
	case YAML_DOCUMENT_START_EVENT:
		if (++b->docs > 1)
			return ybuild_fail(b, m, _("more than one document"));
		return 0;
	default:
		return 0;
	}
}

struct ynode *
yaml_parse_tree(struct arena *a, const char *path, const char *buf,
    size_t len, struct aduan_err *err)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct ybuild b;
	struct ynode *t;
	char key[65];
	int done = 0, rc = 0;

	/* The same text parsed before: its tree, from the user's cache. */
	if (cache_on()) {
		sha_hex(buf, len, key);
		if ((t = cache_tree_get(a, key)) != NULL)
			return t;
	}
	memset(&b, 0, sizeof(b));
	b.a = a;
	b.err = err;
	b.path = path;
	if (!yaml_parser_initialize(&parser)) {
		err_at(err, ADUAN_E_CONFIG, path, 0, 0, _("out of memory"));
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf,
	    len);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&parser, &ev)) {
			const yaml_mark_t *pm = &parser.problem_mark;

			if (parser.error == YAML_READER_ERROR)
				err_at(err, ADUAN_E_CONFIG, path, 0, 0,
				    _("not valid UTF-8 text (byte %zu): %s"),
				    parser.problem_offset,
				    parser.problem ? parser.problem : "");
			else
				err_at(err, ADUAN_E_CONFIG, path,
				    (int)pm->line + 1, (int)pm->column + 1,
				    _("YAML syntax error: %s%s%s"),
				    parser.problem ? parser.problem : "?",
				    parser.context ? " " : "",
				    parser.context ? parser.context : "");
			rc = -1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		rc = ybuild_event(&b, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (rc == -1)
		return NULL;
	if (b.root == NULL) {
		err_at(err, ADUAN_E_CONFIG, path, 0, 0,
		    _("empty file: expected a YAML mapping"));
		return NULL;
	}
	if (b.root->kind != Y_MAP) {
		err_at(err, ADUAN_E_CONFIG, path, b.root->line, b.root->col,
		    _("expected a mapping at the top of the file"));
		return NULL;
	}
	if (cache_on())
		cache_tree_put(key, b.root);
	return b.root;
}

struct ynode *
yaml_load_tree(struct arena *a, const char *path, struct aduan_err *err)
{
	struct ynode *root;
	char *buf;
	size_t len;

	if (yaml_read_file(path, &buf, &len, err) == -1)
		return NULL;
	root = yaml_parse_tree(a, path, buf, len, err);
	free(buf);
	return root;
}

/* ---- validation helpers ---- */

int
v_fail(struct vctx *v, const struct ynode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(v->err, ADUAN_E_CONFIG, v->file, n ? n->line : 0,
	    n ? n->col : 0, fmt, ap);
	va_end(ap);
	return -1;
}

const struct ynode *
v_get(const struct ynode *map, const char *key)
{
	int i;

	if (map == NULL || map->kind != Y_MAP)
		return NULL;
	for (i = 0; i + 1 < map->nkids; i += 2)
		if (strcmp(map->kids[i]->s, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

static const char *
kind_name(enum ykind k)
{
	return k == Y_MAP ? _("a mapping") : k == Y_SEQ ? _("a list") :
	    _("a value");
}

static int
v_kind(struct vctx *v, const struct ynode *n, enum ykind want,
    const char *what)
{
	if (n->kind != want)
		return v_fail(v, n, _("%s: expected %s, found %s"), what,
		    kind_name(want), kind_name(n->kind));
	return 0;
}

int
v_seq(struct vctx *v, const struct ynode *n, const char *what)
{
	return v_kind(v, n, Y_SEQ, what);
}

int
v_scalar(struct vctx *v, const struct ynode *n, const char *what)
{
	return v_kind(v, n, Y_SCALAR, what);
}

int
v_map(struct vctx *v, const struct ynode *n, const char *what,
    const char *const *keys)
{
	const char *const *k;
	int i;

	if (v_kind(v, n, Y_MAP, what) == -1)
		return -1;
	for (i = 0; i + 1 < n->nkids; i += 2) {
		const char *key = n->kids[i]->s;

		for (k = keys; *k != NULL; k++)
			if (strcmp(*k + (**k == '!'), key) == 0)
				break;
		if (*k == NULL)
			return v_fail(v, n->kids[i],
			    _("unknown key '%s' in %s"), key, what);
	}
	for (k = keys; *k != NULL; k++)
		if (**k == '!' && v_get(n, *k + 1) == NULL)
			return v_fail(v, n, _("%s: missing key '%s'"), what,
			    *k + 1);
	return 0;
}

int
v_str(struct vctx *v, const struct ynode *map, const char *key,
    const char **out)
{
	const struct ynode *n = v_get(map, key);

	if (n == NULL)
		return 0;
	if (v_kind(v, n, Y_SCALAR, key) == -1)
		return -1;
	*out = n->s;
	return 0;
}

int
v_int(struct vctx *v, const struct ynode *map, const char *key, long lo,
    long hi, long *out)
{
	const struct ynode *n = v_get(map, key);
	const char *p;
	long x = 0;

	if (n == NULL)
		return 0;
	if (v_kind(v, n, Y_SCALAR, key) == -1)
		return -1;
	for (p = n->s; *p >= '0' && *p <= '9' && x <= hi; p++)
		x = x * 10 + (*p - '0');
	if (!n->plain || *p != '\0' || p == n->s || x < lo || x > hi)
		return v_fail(v, n, _("%s: expected a whole number from %ld "
		    "to %ld, found '%s'"), key, lo, hi, n->s);
	*out = x;
	return 0;
}

int
v_bool(struct vctx *v, const struct ynode *map, const char *key, int *out)
{
	const struct ynode *n = v_get(map, key);

	if (n == NULL)
		return 0;
	if (v_kind(v, n, Y_SCALAR, key) == -1)
		return -1;
	if (n->plain && strcmp(n->s, "true") == 0)
		*out = 1;
	else if (n->plain && strcmp(n->s, "false") == 0)
		*out = 0;
	else
		return v_fail(v, n, _("%s: expected true or false, found "
		    "'%s'"), key, n->s);
	return 0;
}

int
v_strlist(struct vctx *v, const struct ynode *map, const char *key,
    const char *const **out, int *n)
{
	const struct ynode *s = v_get(map, key);
	const char **items;
	int i;

	*n = 0;
	if (s == NULL) {
		*out = arena_alloc(v->a, sizeof(char *));
		return *out == NULL ? v_fail(v, map, _("out of memory")) : 0;
	}
	if (v_kind(v, s, Y_SEQ, key) == -1)
		return -1;
	if ((items = arena_alloc(v->a, sizeof(char *) *
	    (size_t)(s->nkids + 1))) == NULL)
		return v_fail(v, s, _("out of memory"));
	for (i = 0; i < s->nkids; i++) {
		if (v_kind(v, s->kids[i], Y_SCALAR, key) == -1)
			return -1;
		items[i] = s->kids[i]->s;
	}
	*out = items;
	*n = s->nkids;
	return 0;
}

