/*
 * util.c - the arena allocator and the error record, shared by every part
 * of libaduan.  An error is set whole by err_set or err_at, then given the
 * case, the input at fault and a hint by err_id, err_field and err_hint.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

#define CHUNK_MIN 16384

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->head;
	size_t al = sizeof(max_align_t);
	void *p;

	n = (n + al - 1) / al * al;
	if (n == 0)
		n = al;
	if (c == NULL || c->size - c->used < n) {
		size_t sz = n > CHUNK_MIN ? n : CHUNK_MIN;

		if ((c = malloc(sizeof(*c) + sz)) == NULL)
			return NULL;
		c->next = a->head;
		c->used = 0;
		c->size = sz;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if ((p = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

void
aduan_err_clear(struct aduan_err *e)
{
	memset(e, 0, sizeof(*e));
}

int
err_vset(struct aduan_err *e, enum aduan_errcat cat, const char *file,
    int line, int col, const char *fmt, va_list ap)
{
	if (e == NULL)
		return -1;
	/* A new error: what an earlier one named does not carry over. */
	memset(e, 0, sizeof(*e));
	e->cat = cat;
	e->line = line;
	e->col = col;
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	return -1;
}

int
err_set(struct aduan_err *e, enum aduan_errcat cat, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(e, cat, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int
err_at(struct aduan_err *e, enum aduan_errcat cat, const char *file,
    int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(e, cat, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

int
err_case(struct aduan_err *e, enum aduan_errcat cat, const char *id,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(e, cat, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return err_id(e, id);
}

int
err_id(struct aduan_err *e, const char *id)
{
	if (e != NULL)
		snprintf(e->id, sizeof(e->id), "%s", id ? id : "");
	return -1;
}

int
err_field(struct aduan_err *e, const char *field)
{
	if (e != NULL)
		snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	return -1;
}

int
err_hint(struct aduan_err *e, enum aduan_hint hint, int step)
{
	if (e != NULL) {
		e->hint = hint;
		e->step = step;
	}
	return -1;
}

/* "000102...ff": each byte's two digits; and each digit's value + 1. */
static char pairs[512];
static uint8_t digit[256];

static void
hex_tables(void)
{
	int i;

	for (i = 0; i < 256; i++) {
		pairs[2 * i] = "0123456789abcdef"[i >> 4];
		pairs[2 * i + 1] = "0123456789abcdef"[i & 15];
	}
	for (i = 0; i < 16; i++)
		digit[(unsigned char)"0123456789abcdef"[i]] = (uint8_t)(i + 1);
}

/* n bytes as 2n lower-case hex digits and a NUL. */
void
hex_put(const uint8_t *p, size_t n, char *out)
{
	size_t i;

	if (pairs[1] == '\0')
		hex_tables();
	for (i = 0; i < n; i++)
		memcpy(out + 2 * i, pairs + 2 * p[i], 2);
	out[2 * n] = '\0';
}

/* Exactly 2n lower-case hex digits into n bytes: 0, or -1. */
int
hex_get(const char *s, uint8_t *p, size_t n)
{
	size_t i;
	unsigned a, b;

	if (pairs[1] == '\0')
		hex_tables();
	for (i = 0; i < n; i++) {
		/* A NUL has no value: the string is not read past its end. */
		if ((a = digit[(unsigned char)s[2 * i]]) == 0 ||
		    (b = digit[(unsigned char)s[2 * i + 1]]) == 0)
			return -1;
		p[i] = (uint8_t)((a - 1) << 4 | (b - 1));
	}
	return s[2 * n] == '\0' ? 0 : -1;
}
