/*
 * city.c - the city's list of the offices it keeps a copy of (kota.yaml,
 * aduan-sync(1)): for each office its code, which names its copy under
 * the city's directory, its name and the git remote its records are
 * fetched from.  Checked as strictly as the SOP, at file:line:column.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct aduan_city {
	struct arena a;
	struct aduan_city_office *o;
	int n;
};

/* An office code: two to eight capital letters or digits, a letter first. */
static int
code_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n < 2 || n > 8 || s[0] < 'A' || s[0] > 'Z')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9')))
			return 0;
	return 1;
}

struct aduan_city *
aduan_city_load(const char *path, struct aduan_err *err)
{
	static const char *const top_keys[] = { "!format", "kota", "!kantor",
	    NULL };
	static const char *const office_keys[] = { "!kode", "nama",
	    "!remote", "kunci", NULL };
	struct aduan_city *c = calloc(1, sizeof(*c));
	const struct ynode *top, *list;
	struct vctx v;
	long fmt;
	int i, j;

	if (c == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	v.a = &c->a;
	v.err = err;
	v.file = path;
	v.sop = NULL;
	if ((top = yaml_load_tree(&c->a, path, err)) == NULL) {
		if (err->cat == ADUAN_E_NOTFOUND)
			err->cat = ADUAN_E_CONFIG;
		goto fail;
	}
	if (v_map(&v, top, path, top_keys) == -1 ||
	    v_int(&v, top, "format", 1, 1, &fmt) == -1)
		goto fail;
	list = v_get(top, "kantor");
	if (v_seq(&v, list, "kantor") == -1)
		goto fail;
	if (list->nkids == 0) {
		v_fail(&v, list, _("kantor: at least one office"));
		goto fail;
	}
	if ((c->o = arena_alloc(&c->a, (size_t)list->nkids *
	    sizeof(*c->o))) == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		goto fail;
	}
	for (i = 0; i < list->nkids; i++) {
		struct aduan_city_office *o = &c->o[i];
		const struct ynode *k = list->kids[i];

		if (v_map(&v, k, "kantor", office_keys) == -1 ||
		    v_str(&v, k, "kode", &o->kode) == -1 ||
		    v_str(&v, k, "nama", &o->nama) == -1 ||
		    v_str(&v, k, "remote", &o->remote) == -1 ||
		    v_str(&v, k, "kunci", &o->kunci) == -1)
			goto fail;
		o->line = k->line;
		if (!code_ok(o->kode)) {
			v_fail(&v, v_get(k, "kode"), _("kode '%s': two to eight "
			    "capital letters or digits, a letter first, as "
			    "KRG"), o->kode);
			goto fail;
		}
		for (j = 0; j < i; j++)
			if (strcmp(c->o[j].kode, o->kode) == 0) {
				v_fail(&v, v_get(k, "kode"), _("kode '%s' is "
				    "given twice"), o->kode);
				goto fail;
			}
		if (o->remote[0] == '\0' || o->remote[0] == '-' ||
		    aduan_text_check(o->remote, 1024, err) == -1 ||
		    strpbrk(o->remote, "\n\t") != NULL) {
			v_fail(&v, v_get(k, "remote"), _("remote: a path or a "
			    "URL of one line, not starting with '-'"));
			goto fail;
		}
		c->n++;
	}
	return c;
fail:
	aduan_city_free(c);
	return NULL;
}

void
aduan_city_free(struct aduan_city *c)
{
	if (c == NULL)
		return;
	arena_free(&c->a);
	free(c);
}

int
aduan_city_n(const struct aduan_city *c)
{
	return c->n;
}

const struct aduan_city_office *
aduan_city_at(const struct aduan_city *c, int i)
{
	return i >= 0 && i < c->n ? &c->o[i] : NULL;
}
