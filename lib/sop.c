/*
 * sop.c - load and validate an SOP file (aduan-sop(5)) into memory.
 *
 * Contract: aduan_sop_load either returns an SOP in which every reference
 * holds (each step's role, command, next step, branch and clock field exist,
 * the step graph is a loop-free path from the first step to the steps that
 * close a case, and the calendar it names loaded too), or fails with the
 * file, line and column of the first fault.  Nothing is ignored: an unknown
 * key is a fault, so that a typo cannot silently change a deadline.  All the
 * SOP owns lives in one arena, freed by aduan_sop_free.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *const aduan_record_commands[] = {
	"new", "assign", "panggil", "musyawarah", "close", NULL
};

struct meta {
	const char *key;
	const char *val;
};

struct mlist {
	const char *key;
	const char *const *items;
	int n;
};

struct aduan_sop {
	struct arena arena;
	const char *path;
	struct meta meta[16];
	int nmeta;
	struct mlist lists[8];
	int nlists;
	struct aduan_role *roles;
	int nroles;
	struct aduan_step *steps;
	int nsteps;
	struct aduan_cancel *cancels;
	int ncancels;
	struct aduan_cal *cal;
	const char *calpath;	/* the calendar file it was loaded with */
	char *text;		/* the bytes of the SOP file, as parsed */
	size_t textlen;
};

static const char *const meta_keys[] = {
	"!nomor", "!revisi", "!nama", "pemerintah", "unit",
	"tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif",
	"disahkan_oleh", "dasar_hukum", "kualifikasi_pelaksana",
	"keterkaitan", "peralatan", "peringatan", "pencatatan", NULL
};
static const char *const list_keys[] = {
	"dasar_hukum", "kualifikasi_pelaksana", "keterkaitan", "peralatan",
	"peringatan", "pencatatan", NULL
};
static const char *const approver_keys[] = {
	"jabatan", "nama", "pangkat", "nip", NULL
};
static const char *const top_keys[] = {
	"!format", "!sop", "!calendar", "!roles", "!steps", "batal", NULL
};
static const char *const cancel_keys[] = {
	"!outcome", "label", "duplikat", NULL
};
static const char *const role_keys[] = {
	"!id", "!nama", "kolom", "singkat", NULL
};
static const char *const step_keys[] = {
	"!step", "nama", "!kegiatan", "!pelaksana", "!kelengkapan", "!waktu",
	"!output", "ket", "!command", "fields", "next", "branch", "outcome",
	"clock_from", "repeatable", "adjournable", "ulang", "tunda", NULL
};
static const char *const branch_keys[] = {
	"!field", "!cases", NULL
};

int
sop_ident(const char *s, int dash)
{
	if (*s < 'a' || *s > 'z')
		return 0;
	for (s++; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_' || (dash && *s == '-')))
			return 0;
	return 1;
}

static int
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static int
load_meta(struct vctx *v, struct aduan_sop *sop, const struct ynode *m)
{
	const struct ynode *ap;
	const char *const *k;
	const char *val;
	int i;

	if (v_map(v, m, "sop", meta_keys) == -1)
		return -1;
	for (k = meta_keys; *k != NULL; k++) {
		const char *key = *k + (**k == '!');
		const struct ynode *n = v_get(m, key);
		int islist = 0;

		for (i = 0; list_keys[i] != NULL; i++)
			islist |= strcmp(list_keys[i], key) == 0;
		if (islist) {
			struct mlist *l = &sop->lists[sop->nlists++];

			l->key = key;
			if (v_strlist(v, m, key, &l->items, &l->n) == -1)
				return -1;
			continue;
		}
		if (n == NULL || strcmp(key, "disahkan_oleh") == 0)
			continue;
		if (v_str(v, m, key, &val) == -1)
			return -1;
		if (has_control(val))
			return v_fail(v, n, _("%s: control characters are not "
			    "allowed"), key);
		sop->meta[sop->nmeta].key = key;
		sop->meta[sop->nmeta++].val = val;
	}
	if ((ap = v_get(m, "disahkan_oleh")) == NULL)
		return 0;
	if (v_map(v, ap, "disahkan_oleh", approver_keys) == -1)
		return -1;
	for (k = approver_keys; *k != NULL; k++) {
		char buf[64];

		val = NULL;
		if (v_str(v, ap, *k, &val) == -1)
			return -1;
		if (val == NULL)
			continue;
		snprintf(buf, sizeof(buf), "disahkan_oleh.%s", *k);
		sop->meta[sop->nmeta].key = arena_strndup(v->a, buf,
		    strlen(buf));
		sop->meta[sop->nmeta++].val = val;
	}
	return 0;
}

static int
load_roles(struct vctx *v, struct aduan_sop *sop, const struct ynode *s)
{
	int i, j;

	if (v_seq(v, s, "roles") == -1)
		return -1;
	if (s->nkids == 0)
		return v_fail(v, s, _("roles: at least one role is needed"));
	sop->roles = arena_alloc(v->a, sizeof(*sop->roles) *
	    (size_t)s->nkids);
	if (sop->roles == NULL)
		return v_fail(v, s, _("out of memory"));
	for (i = 0; i < s->nkids; i++) {
		const struct ynode *r = s->kids[i];
		struct aduan_role *role = &sop->roles[i];

		if (v_map(v, r, "role", role_keys) == -1 ||
		    v_str(v, r, "id", &role->id) == -1 ||
		    v_str(v, r, "nama", &role->nama) == -1 ||
		    v_str(v, r, "kolom", &role->kolom) == -1 ||
		    v_str(v, r, "singkat", &role->singkat) == -1)
			return -1;
		if (role->singkat == NULL)
			role->singkat = role->nama;
		if (!sop_ident(role->id, 0))
			return v_fail(v, v_get(r, "id"), _("role id '%s': use "
			    "lower-case letters, digits and '_'"), role->id);
		for (j = 0; j < i; j++)
			if (strcmp(sop->roles[j].id, role->id) == 0)
				return v_fail(v, v_get(r, "id"),
				    _("duplicate role id '%s'"), role->id);
	}
	sop->nroles = s->nkids;
	return 0;
}

/*
 * The cancellations: each an outcome word, told apart from each other and
 * from the steps' outcomes, which they must not shadow.
 */
static int
load_cancels(struct vctx *v, struct aduan_sop *sop, const struct ynode *s)
{
	int i, j;

	if (s == NULL)
		return 0;
	if (v_seq(v, s, "batal") == -1)
		return -1;
	sop->cancels = arena_alloc(v->a, sizeof(*sop->cancels) *
	    (size_t)(s->nkids + 1));
	if (sop->cancels == NULL)
		return v_fail(v, s, _("out of memory"));
	for (i = 0; i < s->nkids; i++) {
		const struct ynode *c = s->kids[i];
		struct aduan_cancel *k = &sop->cancels[i];

		if (v_map(v, c, "batal", cancel_keys) == -1 ||
		    v_str(v, c, "outcome", &k->outcome) == -1 ||
		    v_str(v, c, "label", &k->label) == -1 ||
		    v_bool(v, c, "duplikat", &k->duplicate) == -1)
			return -1;
		if (!sop_ident(k->outcome, 1))
			return v_fail(v, v_get(c, "outcome"), _("outcome '%s': "
			    "use lower-case letters, digits, '-' and '_'"),
			    k->outcome);
		for (j = 0; j < i; j++)
			if (strcmp(sop->cancels[j].outcome, k->outcome) == 0)
				return v_fail(v, v_get(c, "outcome"),
				    _("duplicate outcome '%s'"), k->outcome);
		for (j = 0; j < sop->nsteps; j++)
			if (sop->steps[j].outcome != NULL &&
			    strcmp(sop->steps[j].outcome, k->outcome) == 0)
				return v_fail(v, v_get(c, "outcome"),
				    _("batal outcome '%s' is the outcome of "
				    "step %d"), k->outcome, sop->steps[j].no);
	}
	sop->ncancels = s->nkids;
	return 0;
}

static int
load_branch(struct vctx *v, const struct ynode *b, struct aduan_step *st)
{
	const struct aduan_field *f;
	const struct ynode *cases;
	struct aduan_case_to *to;
	long no;
	int i, j;

	if (v_map(v, b, "branch", branch_keys) == -1 ||
	    v_str(v, b, "field", &st->branch_field) == -1)
		return -1;
	f = aduan_step_field(st, st->branch_field);
	if (f == NULL || f->type != ADUAN_FIELD_CHOICE)
		return v_fail(v, v_get(b, "field"), _("step %d: branch field "
		    "'%s' is not a choice field of this step"), st->no,
		    st->branch_field);
	cases = v_get(b, "cases");
	if (cases->kind != Y_MAP)
		return v_fail(v, cases, _("cases: expected a mapping of "
		    "choice to step number"));
	to = arena_alloc(v->a, sizeof(*to) * (size_t)(cases->nkids / 2 + 1));
	if (to == NULL)
		return v_fail(v, cases, _("out of memory"));
	for (i = 0; i + 1 < cases->nkids; i += 2) {
		const struct ynode *k = cases->kids[i];

		for (j = 0; j < f->nchoices; j++)
			if (strcmp(f->choices[j], k->s) == 0)
				break;
		if (j == f->nchoices)
			return v_fail(v, k, _("step %d: '%s' is not a choice "
			    "of field '%s'"), st->no, k->s, f->name);
		if (v_int(v, cases, k->s, 1, 999, &no) == -1)
			return -1;
		to[i / 2].value = k->s;
		to[i / 2].next = (int)no;
	}
	st->branches = to;
	st->nbranches = cases->nkids / 2;
	if (st->nbranches != f->nchoices)
		for (j = 0; j < f->nchoices; j++) {
			for (i = 0; i < st->nbranches; i++)
				if (strcmp(to[i].value, f->choices[j]) == 0)
					break;
			if (i == st->nbranches)
				return v_fail(v, cases, _("step %d: branch has "
				    "no case for '%s'"), st->no,
				    f->choices[j]);
		}
	return 0;
}

static int
load_step(struct vctx *v, struct aduan_sop *sop, const struct ynode *s,
    struct aduan_step *st)
{
	const struct ynode *fl, *b;
	const char *role, *cmd;
	long no, next = 0;
	struct aduan_err derr;
	int i;

	st->ket = "";
	st->line = s->line;
	if (v_map(v, s, "step", step_keys) == -1 ||
	    v_int(v, s, "step", 1, 999, &no) == -1 ||
	    v_str(v, s, "kegiatan", &st->kegiatan) == -1 ||
	    v_str(v, s, "pelaksana", &role) == -1 ||
	    v_str(v, s, "kelengkapan", &st->kelengkapan) == -1 ||
	    v_str(v, s, "waktu", &st->waktu_text) == -1 ||
	    v_str(v, s, "output", &st->output) == -1 ||
	    v_str(v, s, "nama", &st->nama) == -1 ||
	    v_str(v, s, "ket", &st->ket) == -1 ||
	    v_str(v, s, "command", &cmd) == -1 ||
	    v_int(v, s, "next", 1, 999, &next) == -1 ||
	    v_str(v, s, "outcome", &st->outcome) == -1 ||
	    v_str(v, s, "clock_from", &st->clock_from) == -1 ||
	    v_bool(v, s, "repeatable", &st->repeatable) == -1 ||
	    v_bool(v, s, "adjournable", &st->adjournable) == -1)
		return -1;
	st->no = (int)no;
	st->next = (int)next;
	if (st->nama == NULL)
		st->nama = st->output;
	for (i = 0; i < sop->nsteps; i++)
		if (sop->steps[i].no == st->no)
			return v_fail(v, v_get(s, "step"), _("duplicate step "
			    "number %d (first at line %d)"), st->no,
			    sop->steps[i].line);
	if ((st->pelaksana = aduan_sop_role(sop, role)) == NULL)
		return v_fail(v, v_get(s, "pelaksana"), _("step %d: unknown "
		    "role '%s' (not in roles)"), st->no, role);
	for (i = 0; aduan_record_commands[i] != NULL; i++)
		if (strcmp(aduan_record_commands[i], cmd) == 0)
			st->command = aduan_record_commands[i];
	if (st->command == NULL)
		return v_fail(v, v_get(s, "command"), _("step %d: unknown "
		    "command '%s' (expected new, assign, panggil, musyawarah "
		    "or close)"), st->no, cmd);
	aduan_err_clear(&derr);
	if (aduan_dur_parse(st->waktu_text, &st->waktu, &derr) == -1)
		return v_fail(v, v_get(s, "waktu"), "step %d: %s", st->no,
		    derr.msg);
	if (st->outcome != NULL && !sop_ident(st->outcome, 1))
		return v_fail(v, v_get(s, "outcome"), _("outcome '%s': use "
		    "lower-case letters, digits, '-' and '_'"), st->outcome);
	if ((fl = v_get(s, "fields")) != NULL &&
	    field_load_list(v, fl, st->no, &st->fields, &st->nfields) == -1)
		return -1;
	for (i = 0; i < st->nfields; i++)
		if (st->fields[i].appoints != NULL &&
		    aduan_sop_role(sop, st->fields[i].appoints) == NULL)
			return v_fail(v, fl->kids[i], _("step %d: field '%s': "
			    "menunjuk '%s' is not a role"), st->no,
			    st->fields[i].name, st->fields[i].appoints);
	if (field_load_extra(v, s, st) == -1)
		return -1;
	if ((b = v_get(s, "branch")) != NULL) {
		if (next != 0)
			return v_fail(v, b, _("step %d: give either next or "
			    "branch, not both"), st->no);
		if (load_branch(v, b, st) == -1)
			return -1;
	}
	if (st->outcome != NULL && (next != 0 || b != NULL))
		return v_fail(v, v_get(s, "outcome"), _("step %d: a step with "
		    "an outcome closes the case and has no next step"),
		    st->no);
	if (st->outcome == NULL && next == 0 && b == NULL)
		return v_fail(v, s, _("step %d: no way on: give next, branch "
		    "or outcome"), st->no);
	return 0;
}

/* The node of a step's reference to target, for an error message. */
static const struct ynode *
ref_node(const struct ynode *s, int target)
{
	const struct ynode *b = v_get(s, "branch"), *cases;
	int i;

	if (b == NULL || (cases = v_get(b, "cases")) == NULL)
		return v_get(s, "next");
	for (i = 0; i + 1 < cases->nkids; i += 2)
		if (atoi(cases->kids[i + 1]->s) == target)
			return cases->kids[i + 1];
	return b;
}

static int
succ(const struct aduan_step *st, int out[], int max)
{
	int n = 0, i;

	if (st->next != 0)
		out[n++] = st->next;
	for (i = 0; i < st->nbranches && n < max; i++)
		out[n++] = st->branches[i].next;
	return n;
}

/*
 * Every reference resolves, every step is reachable from the first, and no
 * path comes back to a step it has passed (a depth-first search with the
 * usual three colours).
 */
static int
check_graph(struct vctx *v, struct aduan_sop *sop, const struct ynode *steps)
{
	int *color, *stack, *edge, sp, i, n, to[64];
	int ns = sop->nsteps;

	for (i = 0; i < ns; i++) {
		n = succ(&sop->steps[i], to, 64);
		for (int k = 0; k < n; k++)
			if (aduan_sop_step(sop, to[k]) == NULL)
				return v_fail(v, ref_node(steps->kids[i],
				    to[k]), _("step %d: next step %d does not "
				    "exist"), sop->steps[i].no, to[k]);
		if (sop->steps[i].clock_from != NULL) {
			int found = 0;

			for (int k = 0; k < ns && !found; k++) {
				const struct aduan_field *f = aduan_step_field(
				    &sop->steps[k], sop->steps[i].clock_from);
				found = f != NULL && f->type == ADUAN_FIELD_TIME;
			}
			if (!found)
				return v_fail(v, v_get(steps->kids[i],
				    "clock_from"), _("step %d: clock_from '%s' "
				    "is not a time field of any step"),
				    sop->steps[i].no, sop->steps[i].clock_from);
		}
	}
	if (strcmp(sop->steps[0].command, "new") != 0)
		return v_fail(v, v_get(steps->kids[0], "command"), _("step %d: "
		    "the first step is recorded by 'new'"), sop->steps[0].no);
	for (i = 1; i < ns; i++)
		if (strcmp(sop->steps[i].command, "new") == 0)
			return v_fail(v, v_get(steps->kids[i], "command"),
			    _("step %d: only the first step is recorded by "
			    "'new'"), sop->steps[i].no);
	color = arena_alloc(v->a, sizeof(int) * (size_t)ns * 3);
	if (color == NULL)
		return v_fail(v, steps, _("out of memory"));
	stack = color + ns;
	edge = stack + ns;
	sp = 0;
	stack[sp] = 0;
	edge[sp++] = 0;
	color[0] = 1;
	while (sp > 0) {
		int cur = stack[sp - 1];
		const struct aduan_step *st = &sop->steps[cur];

		n = succ(st, to, 64);
		if (edge[sp - 1] == n) {
			color[cur] = 2;
			sp--;
			continue;
		}
		int t = (int)(aduan_sop_step(sop, to[edge[sp - 1]++]) -
		    sop->steps);
		if (color[t] == 1)
			return v_fail(v, ref_node(steps->kids[cur],
			    sop->steps[t].no), _("step %d: going on to step "
			    "%d makes a loop"), st->no, sop->steps[t].no);
		if (color[t] == 0) {
			color[t] = 1;
			stack[sp] = t;
			edge[sp++] = 0;
		}
	}
	for (i = 0; i < ns; i++)
		if (color[i] == 0)
			return v_fail(v, steps->kids[i], _("step %d cannot be "
			    "reached from step %d"), sop->steps[i].no,
			    sop->steps[0].no);
	return 0;
}

/*
 * Every time standard can be counted by this calendar: the check and the
 * arithmetic agree, so that a standard that passes the check always gives
 * a deadline (from the first day of 2026, as good as any).
 */
static int
check_waktu(struct vctx *v, struct aduan_sop *sop, const struct ynode *steps)
{
	time_t start = (time_t)days_from_civil(2026, 1, 1) * 86400, due;
	int i;

	for (i = 0; i < sop->nsteps; i++)
		if (aduan_cal_add(sop->cal, start, &sop->steps[i].waktu, &due,
		    NULL, NULL, NULL) == -1)
			return v_fail(v, v_get(steps->kids[i], "waktu"),
			    _("step %d: waktu '%s' cannot be counted by the "
			    "calendar: it reaches beyond ten years of office "
			    "days"), sop->steps[i].no, sop->steps[i].waktu_text);
	return 0;
}

/*
 * The calendar named in the SOP, relative to the SOP file; or the one at
 * calpath when given (a kept copy of an earlier revision runs with the
 * calendar of the current one).
 */
static struct aduan_cal *
load_calendar(struct vctx *sv, struct aduan_sop *sop, const char *name,
    const char *calpath, const struct ynode *at)
{
	const struct ynode *root;
	struct vctx v = *sv;
	const char *slash = strrchr(sv->file, '/');
	char *path;
	size_t dl = slash ? (size_t)(slash - sv->file + 1) : 0;

	if (name[0] == '\0' || has_control(name)) {
		v_fail(sv, at, _("calendar: expected a file name"));
		return NULL;
	}
	if (calpath != NULL) {
		name = calpath;
		dl = 0;
	}
	if (name[0] == '/')
		dl = 0;
	if ((path = arena_alloc(sv->a, dl + strlen(name) + 1)) == NULL) {
		v_fail(sv, at, _("out of memory"));
		return NULL;
	}
	memcpy(path, sv->file, dl);
	strcpy(path + dl, name);
	if ((root = yaml_load_tree(sv->a, path, sv->err)) == NULL) {
		char msg[sizeof(sv->err->msg)];

		/* A file that cannot be read is named where the SOP names it. */
		if (sv->err->line == 0) {
			memcpy(msg, sv->err->msg, sizeof(msg));
			v_fail(sv, at, _("calendar: %s: %s"), path, msg);
		}
		return NULL;
	}
	v.file = sop->calpath = path;
	return cal_build(&v, root);
}

struct aduan_sop *
sop_parse(const char *path, const char *text, size_t len,
    const char *calpath, struct aduan_err *err)
{
	struct aduan_sop *sop;
	const struct ynode *root, *steps;
	const char *calname;
	struct arena a = { NULL };
	struct vctx v;
	long format;
	int i;

	aduan_err_clear(err);
	if ((sop = arena_alloc(&a, sizeof(*sop))) == NULL ||
	    (sop->text = arena_alloc(&a, len + 1)) == NULL) {
		arena_free(&a);
		err_set(err, ADUAN_E_CONFIG, _("out of memory"));
		return NULL;
	}
	memcpy(sop->text, text, len);
	sop->text[len] = '\0';
	sop->textlen = len;
	v.a = &a;
	v.err = err;
	v.file = sop->path = arena_strndup(&a, path, strlen(path));
	if (v.file == NULL ||
	    (root = yaml_parse_tree(&a, path, text, len, err)) == NULL)
		goto fail;
	if (v_map(&v, root, "the SOP file", top_keys) == -1 ||
	    v_int(&v, root, "format", 1, 1, &format) == -1 ||
	    load_meta(&v, sop, v_get(root, "sop")) == -1 ||
	    v_str(&v, root, "calendar", &calname) == -1 ||
	    load_roles(&v, sop, v_get(root, "roles")) == -1)
		goto fail;
	steps = v_get(root, "steps");
	if (v_seq(&v, steps, "steps") == -1)
		goto fail;
	if (steps->nkids == 0) {
		v_fail(&v, steps, _("steps: at least one step is needed"));
		goto fail;
	}
	sop->steps = arena_alloc(&a, sizeof(*sop->steps) *
	    (size_t)steps->nkids);
	if (sop->steps == NULL) {
		v_fail(&v, steps, _("out of memory"));
		goto fail;
	}
	for (i = 0; i < steps->nkids; i++) {
		if (load_step(&v, sop, steps->kids[i], &sop->steps[i]) == -1)
			goto fail;
		sop->nsteps++;
	}
	if (check_graph(&v, sop, steps) == -1 ||
	    field_check_options(&v, sop->steps, sop->nsteps, steps) == -1 ||
	    load_cancels(&v, sop, v_get(root, "batal")) == -1)
		goto fail;
	sop->cal = load_calendar(&v, sop, calname, calpath,
	    v_get(root, "calendar"));
	if (sop->cal == NULL || check_waktu(&v, sop, steps) == -1)
		goto fail;
	sop->arena = a;
	return sop;
fail:
	if (err->cat == ADUAN_E_NONE)
		err->cat = ADUAN_E_CONFIG;
	arena_free(&a);
	return NULL;
}

struct aduan_sop *
aduan_sop_load(const char *path, struct aduan_err *err)
{
	struct aduan_sop *sop;
	char *text;
	size_t len;

	aduan_err_clear(err);
	if (yaml_read_file(path, &text, &len, err) == -1)
		return NULL;
	sop = sop_parse(path, text, len, NULL, err);
	free(text);
	return sop;
}

void
aduan_sop_free(struct aduan_sop *sop)
{
	struct arena a;

	if (sop == NULL)
		return;
	a = sop->arena;
	arena_free(&a);
}

const char *
aduan_sop_meta(const struct aduan_sop *sop, const char *key)
{
	int i;

	for (i = 0; i < sop->nmeta; i++)
		if (strcmp(sop->meta[i].key, key) == 0)
			return sop->meta[i].val;
	return NULL;
}

const char *const *
aduan_sop_list(const struct aduan_sop *sop, const char *key, int *n)
{
	static const char *const empty[] = { NULL };
	int i;

	for (i = 0; i < sop->nlists; i++)
		if (strcmp(sop->lists[i].key, key) == 0) {
			*n = sop->lists[i].n;
			return sop->lists[i].items;
		}
	*n = 0;
	return empty;
}

const char *
sop_path(const struct aduan_sop *sop)
{
	return sop->path;
}

int
aduan_sop_nsteps(const struct aduan_sop *sop)
{
	return sop->nsteps;
}

const struct aduan_step *
aduan_sop_step_at(const struct aduan_sop *sop, int i)
{
	return i >= 0 && i < sop->nsteps ? &sop->steps[i] : NULL;
}

const struct aduan_step *
aduan_sop_step(const struct aduan_sop *sop, int no)
{
	int i;

	for (i = 0; i < sop->nsteps; i++)
		if (sop->steps[i].no == no)
			return &sop->steps[i];
	return NULL;
}

const struct aduan_role *
aduan_sop_role(const struct aduan_sop *sop, const char *id)
{
	int i;

	for (i = 0; i < sop->nroles; i++)
		if (strcmp(sop->roles[i].id, id) == 0)
			return &sop->roles[i];
	return NULL;
}

const struct aduan_cal *
aduan_sop_cal(const struct aduan_sop *sop)
{
	return sop->cal;
}

const struct aduan_role *
aduan_sop_role_named(const struct aduan_sop *sop, const char *word)
{
	int i;

	for (i = 0; i < sop->nroles; i++)
		if (ascii_casecmp(sop->roles[i].id, word) == 0 ||
		    ascii_casecmp(sop->roles[i].nama, word) == 0 ||
		    ascii_casecmp(sop->roles[i].singkat, word) == 0)
			return &sop->roles[i];
	return NULL;
}

int
aduan_sop_nroles(const struct aduan_sop *sop)
{
	return sop->nroles;
}

const struct aduan_role *
aduan_sop_role_at(const struct aduan_sop *sop, int i)
{
	return i >= 0 && i < sop->nroles ? &sop->roles[i] : NULL;
}

int
aduan_sop_ncancels(const struct aduan_sop *sop)
{
	return sop->ncancels;
}

const struct aduan_cancel *
aduan_sop_cancel_at(const struct aduan_sop *sop, int i)
{
	return i >= 0 && i < sop->ncancels ? &sop->cancels[i] : NULL;
}

const struct aduan_cancel *
aduan_sop_cancel(const struct aduan_sop *sop, const char *word)
{
	int i;

	for (i = 0; i < sop->ncancels; i++)
		if (ascii_casecmp(sop->cancels[i].outcome, word) == 0)
			return &sop->cancels[i];
	return NULL;
}

const char *
sop_text(const struct aduan_sop *sop, size_t *len)
{
	*len = sop->textlen;
	return sop->text;
}

const char *
sop_calpath(const struct aduan_sop *sop)
{
	return sop->calpath;
}
