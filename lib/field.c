/*
 * field.c - the fields of the SOP's steps: the data each step records
 * (aduan-sop(5)), with the data of doing a step again (ulang) and of
 * adjourning it (tunda).  A field is an option of the command that
 * records its step, so its name may not be one the recording commands
 * keep for themselves, and every field of one name among the steps of one
 * command has one type: the option has one form.
 */
#include <string.h>

#include "internal.h"

static const char *const field_keys[] = {
	"!name", "label", "type", "required", "multiple", "choices", "ahead",
	"office_hours", "duplikat", "menunjuk", NULL
};
static const char *const ulang_keys[] = {
	"fields", NULL
};
static const char *const tunda_keys[] = {
	"fields", "clock_from", NULL
};

/*
 * Names a field cannot have: the recording commands take these options for
 * themselves (aduan-sop(5)).
 */
static const char *const reserved[] = {
	"at", "by", "help", "quiet", "sop", "step", "version", "ulang",
	"tunda", "batal", NULL
};

/*
 * What "repeatable: true" and "adjournable: true" stand for, the form of
 * SOP files written before ulang and tunda took fields: a reason, and for
 * an adjournment the new time its clock restarts from.
 */
static const struct aduan_field default_again[] = {
	{ .name = "alasan", .type = ADUAN_FIELD_TEXT },
};
static const struct aduan_field default_adjourn[] = {
	{ .name = "jadwal", .type = ADUAN_FIELD_TIME, .required = 1 },
	{ .name = "alasan", .type = ADUAN_FIELD_TEXT },
};

/*
 * A choice is typed by people as the screen shows it, so it may be a name
 * (Purwotengah, tidak-sepakat): ASCII letters of either case, digits,
 * '-', '_', '.' and single spaces inside, at most 40 bytes.  Choices are
 * told apart without regard to case, as they are matched.
 */
static int
choice_name(const char *s)
{
	size_t i;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    (*s >= '0' && *s <= '9')))
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-' || s[i] == '_' || s[i] == '.' ||
		    (s[i] == ' ' && s[i - 1] != ' ' && s[i + 1] != '\0')))
			return 0;
	return i <= 40;
}

static int
load_field(struct vctx *v, const struct ynode *f, struct aduan_field *fld)
{
	const char *type = "text";
	const struct ynode *ch;
	const char *const *choices;
	int n;

	fld->required = 1;
	if (v_map(v, f, "field", field_keys) == -1 ||
	    v_str(v, f, "name", &fld->name) == -1 ||
	    v_str(v, f, "label", &fld->label) == -1 ||
	    v_str(v, f, "type", &type) == -1 ||
	    v_bool(v, f, "required", &fld->required) == -1 ||
	    v_bool(v, f, "multiple", &fld->multiple) == -1)
		return -1;
	if (!sop_ident(fld->name, 0))
		return v_fail(v, v_get(f, "name"), _("field name '%s': use "
		    "lower-case letters, digits and '_'"), fld->name);
	for (n = 0; reserved[n] != NULL; n++)
		if (strcmp(reserved[n], fld->name) == 0)
			return v_fail(v, v_get(f, "name"), _("field name '%s' "
			    "is kept for the recording commands' own option"),
			    fld->name);
	if (strcmp(type, "text") == 0)
		fld->type = ADUAN_FIELD_TEXT;
	else if (strcmp(type, "time") == 0)
		fld->type = ADUAN_FIELD_TIME;
	else if (strcmp(type, "choice") == 0)
		fld->type = ADUAN_FIELD_CHOICE;
	else if (strcmp(type, "flag") == 0)
		fld->type = ADUAN_FIELD_FLAG;
	else if (strcmp(type, "phone") == 0)
		fld->type = ADUAN_FIELD_PHONE;
	else if (strcmp(type, "nik") == 0)
		fld->type = ADUAN_FIELD_NIK;
	else
		return v_fail(v, v_get(f, "type"), _("unknown field type '%s' "
		    "(expected text, time, choice, flag, phone or nik)"), type);
	/* An appointment: after the step, not too far, in office hours. */
	if ((v_get(f, "ahead") != NULL || v_get(f, "office_hours") != NULL) &&
	    fld->type != ADUAN_FIELD_TIME)
		return v_fail(v, f, _("ahead and office_hours are only for a "
		    "field of type time"));
	if (v_get(f, "ahead") != NULL) {
		const char *ahead;
		struct aduan_err derr;

		if (v_str(v, f, "ahead", &ahead) == -1)
			return -1;
		aduan_err_clear(&derr);
		if (aduan_dur_parse(ahead, &fld->ahead, &derr) == -1)
			return v_fail(v, v_get(f, "ahead"), "ahead: %s",
			    derr.msg);
	}
	if (v_bool(v, f, "office_hours", &fld->office_hours) == -1 ||
	    v_bool(v, f, "duplikat", &fld->duplicate) == -1 ||
	    v_str(v, f, "menunjuk", &fld->appoints) == -1)
		return -1;
	if (fld->appoints != NULL && fld->type != ADUAN_FIELD_TEXT)
		return v_fail(v, v_get(f, "menunjuk"), _("menunjuk is only for "
		    "a field of type text"));
	ch = v_get(f, "choices");
	if ((ch != NULL) != (fld->type == ADUAN_FIELD_CHOICE))
		return v_fail(v, ch ? ch : f, ch ? _("choices are only for a "
		    "field of type choice") : _("a field of type choice needs "
		    "'choices'"));
	if (ch == NULL)
		return 0;
	if (v_strlist(v, f, "choices", &choices, &n) == -1)
		return -1;
	if (n == 0)
		return v_fail(v, ch, _("choices: at least one is needed"));
	for (int i = 0; i < n; i++) {
		if (!choice_name(choices[i]))
			return v_fail(v, ch->kids[i], _("choice '%s': use "
			    "letters, digits, '-', '_', '.' and single spaces, "
			    "beginning with a letter or a digit"), choices[i]);
		for (int j = 0; j < i; j++)
			if (ascii_casecmp(choices[i], choices[j]) == 0)
				return v_fail(v, ch->kids[i],
				    _("duplicate choice '%s'"), choices[i]);
	}
	fld->choices = choices;
	fld->nchoices = n;
	return 0;
}

int
field_load_list(struct vctx *v, const struct ynode *fl, int no,
    const struct aduan_field **out, int *n)
{
	struct aduan_field *fs;
	int i, j;

	if (v_seq(v, fl, "fields") == -1)
		return -1;
	fs = arena_alloc(v->a, sizeof(*fs) * (size_t)(fl->nkids + 1));
	if (fs == NULL)
		return v_fail(v, fl, _("out of memory"));
	for (i = 0; i < fl->nkids; i++) {
		if (load_field(v, fl->kids[i], &fs[i]) == -1)
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(fs[j].name, fs[i].name) == 0)
				return v_fail(v, fl->kids[i], _("step %d: "
				    "duplicate field '%s'"), no, fs[i].name);
	}
	*out = fs;
	*n = fl->nkids;
	return 0;
}

int
field_load_extra(struct vctx *v, const struct ynode *s, struct aduan_step *st)
{
	const struct ynode *u = v_get(s, "ulang"), *t = v_get(s, "tunda"), *fl;
	int i;

	if (u != NULL) {
		if (v_map(v, u, "ulang", ulang_keys) == -1 ||
		    ((fl = v_get(u, "fields")) != NULL && field_load_list(v, fl,
		    st->no, &st->again_fields, &st->nagain) == -1))
			return -1;
		st->repeatable = 1;
	} else if (st->repeatable) {
		st->again_fields = default_again;
		st->nagain = 1;
	}
	if (t != NULL) {
		if (v_map(v, t, "tunda", tunda_keys) == -1 ||
		    ((fl = v_get(t, "fields")) != NULL && field_load_list(v, fl,
		    st->no, &st->adjourn_fields, &st->nadjourn) == -1) ||
		    v_str(v, t, "clock_from", &st->adjourn_clock) == -1)
			return -1;
		st->adjournable = 1;
		if (st->adjourn_clock != NULL) {
			for (i = 0; i < st->nadjourn; i++)
				if (strcmp(st->adjourn_fields[i].name,
				    st->adjourn_clock) == 0 &&
				    st->adjourn_fields[i].type ==
				    ADUAN_FIELD_TIME)
					break;
			if (i == st->nadjourn)
				return v_fail(v, v_get(t, "clock_from"),
				    _("step %d: tunda clock_from '%s' is not "
				    "a time field of tunda"), st->no,
				    st->adjourn_clock);
		}
	} else if (st->adjournable) {
		st->adjourn_fields = default_adjourn;
		st->nadjourn = 2;
		st->adjourn_clock = "jadwal";
	}
	for (i = 0; i < st->nagain; i++)
		if (aduan_step_field(st, st->again_fields[i].name) != NULL)
			return v_fail(v, u, _("step %d: ulang field '%s' is a "
			    "field of the step already"), st->no,
			    st->again_fields[i].name);
	return 0;
}

/* The kth of a step's fields, its ulang fields, then its tunda fields. */
static const struct aduan_field *
nth_field(const struct aduan_step *st, int k)
{
	if (k < st->nfields)
		return &st->fields[k];
	if ((k -= st->nfields) < st->nagain)
		return &st->again_fields[k];
	if ((k -= st->nagain) < st->nadjourn)
		return &st->adjourn_fields[k];
	return NULL;
}

int
field_check_options(struct vctx *v, const struct aduan_step *steps, int ns,
    const struct ynode *node)
{
	const struct aduan_step *a, *b;
	const struct aduan_field *f, *g;
	int i, j, k, l;

	for (i = 0; i < ns; i++)
		for (a = &steps[i], k = 0; (f = nth_field(a, k)); k++)
			for (j = 0; j < i; j++) {
				b = &steps[j];
				if (strcmp(a->command, b->command) != 0)
					continue;
				for (l = 0; (g = nth_field(b, l)) != NULL; l++)
					if (strcmp(f->name, g->name) == 0 &&
					    f->type != g->type)
						return v_fail(v, node->kids[i],
						    _("step %d: field '%s' has "
						    "another type in step %d, "
						    "which '%s' also records"),
						    a->no, f->name, b->no,
						    a->command);
			}
	return 0;
}

const struct aduan_field *
aduan_step_field(const struct aduan_step *st, const char *name)
{
	int i;

	for (i = 0; i < st->nfields; i++)
		if (strcmp(st->fields[i].name, name) == 0)
			return &st->fields[i];
	return NULL;
}

const struct aduan_field *
aduan_step_any_field(const struct aduan_step *st, const char *name)
{
	const struct aduan_field *f;
	int i;

	if ((f = aduan_step_field(st, name)) != NULL)
		return f;
	for (i = 0; i < st->nagain; i++)
		if (strcmp(st->again_fields[i].name, name) == 0)
			return &st->again_fields[i];
	for (i = 0; i < st->nadjourn; i++)
		if (strcmp(st->adjourn_fields[i].name, name) == 0)
			return &st->adjourn_fields[i];
	return NULL;
}
