/*
 * record.c - what a recording command may record now, and recording it.
 *
 * The rules come from the SOP: a command records, from the step the case
 * waits for, the run of consecutive steps the SOP maps to that command; a
 * later step of the run that has a flag field (the parties came) joins the
 * run only when its flag is given.  A request may name one step, ask for
 * a repeatable step again while its next step is pending (with the step's
 * fields and its again fields), or adjourn an adjournable pending step
 * (with its adjourn fields).  Every required field must be given; any
 * field no step of the run uses is refused rather than dropped.  All
 * events go in one append, after the checks, so that a refused request
 * writes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAXRUN 32
#define SKEW 60			/* seconds a time given may be ahead of now */

struct plan {
	const struct aduan_step *run[MAXRUN];
	int n;
	struct aduan_kv kv[MAXRUN][ADUAN_KV_MAX];
	int nkv[MAXRUN];
	char *norm[ADUAN_KV_MAX];	/* normalised values to free */
	int nnorm;
	time_t now;		/* what "besok" and "hari ini" count from */
};

/*
 * A step marked by a required flag (the parties came) is recorded only
 * when its flag is given: the flag says that it happened.
 */
static int
flag_step(const struct aduan_step *st)
{
	int i;

	for (i = 0; i < st->nfields; i++)
		if (st->fields[i].type == ADUAN_FIELD_FLAG &&
		    st->fields[i].required)
			return 1;
	return 0;
}

int
aduan_record_run(const struct aduan_sop *sop, int no, int run[], int max)
{
	const struct aduan_step *st = aduan_sop_step(sop, no), *first = st;
	int n = 0;

	while (st != NULL && n < max) {
		run[n++] = st->no;
		st = st->next ? aduan_sop_step(sop, st->next) : NULL;
		if (st != NULL && (strcmp(st->command, first->command) != 0 ||
		    flag_step(st)))
			break;
	}
	return n;
}

/* "step 5 (Para pihak dipanggil)" */
static const char *
step_name(const struct aduan_step *st, char *buf, size_t n)
{
	snprintf(buf, n, _("step %d (%s)"), st->no, st->nama);
	return buf;
}

/* A refusal whose hint is to record the step the case waits for. */
static int
hint_step(const struct aduan_sop *sop, int cur, struct aduan_err *err)
{
	err->sop = sop;
	return err_hint(err, ADUAN_HINT_STEP, cur);
}

static int
refuse_pending(const struct aduan_sop *sop, const char *id, int cur,
    struct aduan_err *err)
{
	char name[256];

	err_case(err, ADUAN_E_REFUSED, id, _("%s has not been recorded"),
	    step_name(aduan_sop_step(sop, cur), name, sizeof(name)));
	return hint_step(sop, cur, err);
}

static const char *
opt_value(const struct aduan_request *req, const char *key)
{
	int i;

	for (i = 0; i < req->nopts; i++)
		if (strcmp(req->opts[i].key, key) == 0)
			return req->opts[i].val;
	return NULL;
}

/* The step after st on this run, given the options, or 0. */
static int
successor(const struct aduan_step *st, const struct aduan_request *req)
{
	const char *v;
	int i;

	if (st->branch_field == NULL)
		return st->next;
	if ((v = opt_value(req, st->branch_field)) == NULL)
		return 0;
	for (i = 0; i < st->nbranches; i++)
		if (ascii_casecmp(st->branches[i].value, v) == 0)
			return st->branches[i].next;
	return 0;
}

static int
has_flag_field(const struct aduan_step *st, const struct aduan_request *req,
    int *given)
{
	int i, has = 0;

	*given = 0;
	for (i = 0; i < st->nfields; i++)
		if (st->fields[i].type == ADUAN_FIELD_FLAG &&
		    st->fields[i].required) {
			has = 1;
			*given |= opt_value(req, st->fields[i].name) != NULL;
		}
	return has;
}

/* The repeatable step of this command whose next step is pending. */
static const struct aduan_step *
repeatable(const struct aduan_sop *sop, const struct aduan_case *c,
    const char *command)
{
	const struct aduan_step *st;
	int i;

	for (i = 0; i < aduan_sop_nsteps(sop); i++) {
		st = aduan_sop_step_at(sop, i);
		if (st->repeatable && strcmp(st->command, command) == 0 &&
		    aduan_case_step(c, st->no)->done > 0 &&
		    st->next == aduan_case_next(c))
			return st;
	}
	return NULL;
}

/* Which steps the request records: p->run. */
static int
choose_run(const struct aduan_sop *sop, const struct aduan_case *c,
    const struct aduan_request *req, struct plan *p, struct aduan_err *err)
{
	const char *id = req->id;
	const struct aduan_step *st;
	char name[256];
	int cur, given, no;

	cur = c ? aduan_case_next(c) : aduan_sop_step_at(sop, 0)->no;
	if (c != NULL && cur == 0)
		return err_case(err, ADUAN_E_REFUSED, id, _("the case is closed "
		    "(%s); nothing more can be recorded"),
		    aduan_case_outcome(c));
	st = aduan_sop_step(sop, cur);
	if (req->again) {
		if ((st = repeatable(sop, c, req->command)) == NULL) {
			err_case(err, ADUAN_E_REFUSED, id, _("there is no step "
			    "to record again now; the case waits for %s"),
			    step_name(aduan_sop_step(sop, cur), name,
			    sizeof(name)));
			return err_field(err, "ulang");
		}
		p->run[p->n++] = st;
		return 0;
	}
	if (req->step != 0 && req->step != cur) {
		const struct aduan_step *want = aduan_sop_step(sop, req->step);

		if (want == NULL) {
			err_set(err, ADUAN_E_USAGE, _("the SOP has no step %d"),
			    req->step);
			return err_field(err, "step");
		}
		if (strcmp(want->command, req->command) != 0) {
			err_set(err, ADUAN_E_USAGE, _("step %d is recorded by "
			    "'%s', not by this command"), req->step,
			    want->command);
			return err_field(err, "step");
		}
		if (c != NULL && aduan_case_step(c, req->step)->done > 0) {
			err_case(err, ADUAN_E_REFUSED, id, _("%s is already "
			    "recorded; the case waits for %s"),
			    step_name(want, name, sizeof(name)),
			    step_name(st, name + 128, 128));
			return hint_step(sop, cur, err);
		}
		return refuse_pending(sop, id, cur, err);
	}
	if (strcmp(st->command, req->command) != 0)
		return refuse_pending(sop, id, cur, err);
	if (req->adjourn) {
		if (!st->adjournable)
			return err_case(err, ADUAN_E_REFUSED, id, _("%s cannot be "
			    "adjourned"), step_name(st, name, sizeof(name)));
		p->run[p->n++] = st;
		return 0;
	}
	if (has_flag_field(st, req, &given) && !given) {
		const struct aduan_step *rep = repeatable(sop, c, req->command);

		err_case(err, ADUAN_E_REFUSED, id, _("the case waits for %s"),
		    step_name(st, name, sizeof(name)));
		hint_step(sop, st->no, err);
		if (rep != NULL) {
			err->hint = ADUAN_HINT_AGAIN;
			err->again = rep->no;
		}
		return -1;
	}
	p->run[p->n++] = st;
	while (req->step == 0 && p->n < MAXRUN &&
	    (no = successor(st, req)) != 0 &&
	    (st = aduan_sop_step(sop, no)) != NULL &&
	    strcmp(st->command, req->command) == 0 &&
	    (!has_flag_field(st, req, &given) || given))
		p->run[p->n++] = st;
	return 0;
}

/* The command records a step that closes the case. */
static int
closes(const struct aduan_sop *sop, const char *command)
{
	int i;

	for (i = 0; i < aduan_sop_nsteps(sop); i++)
		if (aduan_sop_step_at(sop, i)->outcome != NULL &&
		    strcmp(aduan_sop_step_at(sop, i)->command, command) == 0)
			return 1;
	return 0;
}

/* The cancellations of the SOP, as "a, b or c". */
static const char *
cancels(const struct aduan_sop *sop, char *buf, size_t n)
{
	int i, k = aduan_sop_ncancels(sop);

	buf[0] = '\0';
	for (i = 0; i < k; i++)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s",
		    i == 0 ? "" : i == k - 1 ? _(" or ") : ", ",
		    aduan_sop_cancel_at(sop, i)->outcome);
	return buf;
}

/*
 * A cancellation: one "batal" event on the step the case waits for, with
 * its outcome and any text field of the command's steps (a note).
 */
static int
plan_cancel(const struct aduan_sop *sop, const struct aduan_case *c,
    const struct aduan_request *req, struct plan *p, struct aduan_err *err)
{
	const struct aduan_cancel *k;
	const struct aduan_field *f = NULL;
	const struct aduan_step *st;
	char buf[512];
	int i, j, cur;

	if (c == NULL || !closes(sop, req->command))
		return err_set(err, ADUAN_E_USAGE, _("--batal: this command "
		    "does not close a case"));
	if ((cur = aduan_case_next(c)) == 0)
		return err_case(err, ADUAN_E_REFUSED, req->id, _("the case is "
		    "closed (%s); nothing more can be recorded"),
		    aduan_case_outcome(c));
	if ((k = aduan_sop_cancel(sop, req->cancel)) == NULL) {
		if (aduan_sop_ncancels(sop) == 0)
			err_set(err, ADUAN_E_USAGE, _("the SOP lists no "
			    "cancellation (batal)"));
		else
			err_set(err, ADUAN_E_USAGE, _("'%.40s' is not a "
			    "cancellation of the SOP: give %s"), req->cancel,
			    cancels(sop, buf, sizeof(buf)));
		return err_field(err, "batal");
	}
	p->run[p->n++] = aduan_sop_step(sop, cur);
	p->kv[0][p->nkv[0]].key = ADUAN_CANCEL_KEY;
	p->kv[0][p->nkv[0]++].val = k->outcome;
	for (i = 0; i < req->nopts; i++) {
		for (j = 0, f = NULL; f == NULL && j < aduan_sop_nsteps(sop);
		    j++) {
			st = aduan_sop_step_at(sop, j);
			if (strcmp(st->command, req->command) == 0 &&
			    (f = aduan_step_field(st, req->opts[i].key)) &&
			    f->type != ADUAN_FIELD_TEXT)
				f = NULL;
		}
		if (f == NULL) {
			err_set(err, ADUAN_E_USAGE, _("not used when cancelling "
			    "a case; nothing was recorded"));
			return err_field(err, req->opts[i].key);
		}
		if (req->opts[i].val[strspn(req->opts[i].val, " \t\n\r")] ==
		    '\0') {
			err_set(err, ADUAN_E_USAGE, _("empty"));
			return err_field(err, f->name);
		}
		if (aduan_text_check(req->opts[i].val, ADUAN_VALUE_MAX, err) ==
		    -1)
			return err_field(err, f->name);
		if (p->nkv[0] == ADUAN_KV_MAX)
			return err_set(err, ADUAN_E_USAGE, _("too many fields"));
		p->kv[0][p->nkv[0]].key = f->name;
		p->kv[0][p->nkv[0]++].val = req->opts[i].val;
	}
	return 0;
}

static int check_value(const struct aduan_field *, const char *, long,
    struct plan *, const char **, struct aduan_err *);

/*
 * A field a correction may change: data for people, not what moves the
 * case (a flag that says a step happened, a branch's choice, a time that
 * starts or restarts a clock).
 */
const char *
aduan_uncorrectable(const struct aduan_sop *sop, const struct aduan_step *st,
    const struct aduan_field *f)
{
	int i;

	if (f->type == ADUAN_FIELD_FLAG)
		return _("a mark that the step happened");
	if (st->branch_field != NULL && strcmp(st->branch_field, f->name) == 0)
		return _("it decides the way the case goes");
	if (f->type == ADUAN_FIELD_TIME)
		for (i = 0; i < aduan_sop_nsteps(sop); i++)
			if (aduan_sop_step_at(sop, i)->clock_from != NULL &&
			    strcmp(aduan_sop_step_at(sop, i)->clock_from,
			    f->name) == 0)
				return _("it starts a step's clock: record the "
				    "step again (--ulang) or adjourn it "
				    "(--tunda)");
	return NULL;
}

/*
 * A correction: one "koreksi" event on the step, done, that has every
 * field given (--step, or the last such step done), with the new values,
 * checked as when recorded, and the reason.
 */
static int
plan_correct(const struct aduan_sop *sop, const struct aduan_case *c,
    const struct aduan_request *req, struct plan *p, struct aduan_err *err)
{
	long utcoff = aduan_cal_utcoff(aduan_sop_cal(sop));
	const struct aduan_step *st = NULL, *s;
	const struct aduan_field *f;
	const char *why, *val;
	char name[256];
	int i, k;

	if (c == NULL)
		return err_set(err, ADUAN_E_USAGE, _("which case? give its ID"));
	if (aduan_case_next(c) == 0)
		return err_case(err, ADUAN_E_REFUSED, req->id, _("the case is "
		    "closed (%s): its record is final; nothing was recorded"),
		    aduan_case_outcome(c));
	if (req->nopts == 0)
		return err_set(err, ADUAN_E_USAGE, _("give the fields to "
		    "correct and their right values, such as --pelapor "
		    "\"Budi Santoso\""));
	if (req->correct[strspn(req->correct, " \t\n\r")] == '\0') {
		err_set(err, ADUAN_E_USAGE, _("empty: say why the record is "
		    "corrected"));
		return err_field(err, "alasan");
	}
	if (aduan_text_check(req->correct, ADUAN_VALUE_MAX, err) == -1)
		return err_field(err, "alasan");
	/* The step: given, or the last one done that has all the fields. */
	for (i = aduan_sop_nsteps(sop) - 1; i >= 0 && st == NULL; i--) {
		s = aduan_sop_step_at(sop, i);
		if ((req->step != 0 && s->no != req->step) ||
		    (req->step == 0 && aduan_case_step(c, s->no)->done == 0))
			continue;
		for (k = 0; k < req->nopts &&
		    aduan_step_field(s, req->opts[k].key) != NULL; k++)
			;
		if (k == req->nopts || req->step != 0)
			st = s;
	}
	if (st == NULL) {
		err_case(err, ADUAN_E_USAGE, req->id, req->step ? _("the SOP "
		    "has no step %d") : _("no step done holds all the fields "
		    "given; correct one step at a time, or name it with "
		    "--step"), req->step);
		return err_field(err, req->step ? "step" : req->opts[0].key);
	}
	if (aduan_case_step(c, st->no)->done == 0)
		return err_case(err, ADUAN_E_REFUSED, req->id, _("%s has not "
		    "been recorded; there is nothing to correct"),
		    step_name(st, name, sizeof(name)));
	p->run[p->n++] = st;
	for (i = 0; i < req->nopts; i++) {
		if ((f = aduan_step_field(st, req->opts[i].key)) == NULL) {
			err_set(err, ADUAN_E_USAGE, _("not a field of %s"),
			    step_name(st, name, sizeof(name)));
			return err_field(err, req->opts[i].key);
		}
		if ((why = aduan_uncorrectable(sop, st, f)) != NULL) {
			err_set(err, ADUAN_E_USAGE, _("cannot be corrected: %s"),
			    why);
			return err_field(err, f->name);
		}
		if (check_value(f, req->opts[i].val, utcoff, p, &val, err) ==
		    -1)
			return -1;
		for (k = 0; k < p->nkv[0]; k++)
			if (strcmp(p->kv[0][k].key, f->name) == 0 &&
			    !f->multiple) {
				err_set(err, ADUAN_E_USAGE, _("given more than "
				    "once"));
				return err_field(err, f->name);
			}
		if (p->nkv[0] + 2 >= ADUAN_KV_MAX)
			return err_set(err, ADUAN_E_USAGE, _("too many fields"));
		p->kv[0][p->nkv[0]].key = f->name;
		p->kv[0][p->nkv[0]++].val = val;
	}
	p->kv[0][p->nkv[0]].key = ADUAN_CORRECT_KEY;
	p->kv[0][p->nkv[0]++].val = req->correct;
	return 0;
}

/* The choices of a field, as "a|b|c". */
static const char *
choices(const struct aduan_field *f, char *buf, size_t n)
{
	int i;

	buf[0] = '\0';
	for (i = 0; i < f->nchoices; i++)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i ? "|" :
		    "", f->choices[i]);
	return buf;
}

/*
 * The digits of s into out (at most n - 1), dropping the separators
 * people write between groups; -1 on any other character or too many.
 */
static int
digits_of(const char *s, char *out, size_t n)
{
	size_t k = 0;

	for (; *s != '\0'; s++)
		if (*s >= '0' && *s <= '9') {
			if (k + 1 >= n)
				return -1;
			out[k++] = *s;
		} else if (!strchr(" -.()/", *s))
			return -1;
	out[k] = '\0';
	return (int)k;
}

/*
 * A telephone number as people write it (0812-3456-7890, +62 812 3456
 * 7890, (0321) 321456), kept as its digits in the national form: 0, then
 * 8 to 12 more digits.
 */
static int
check_phone(const char *val, char out[32], struct aduan_err *err)
{
	const char *s = val + strspn(val, " ");
	int intl = *s == '+', n;
	char d[32];

	if ((n = digits_of(s + intl, d, sizeof(d))) < 0)
		goto bad;
	if (intl || strncmp(d, "62", 2) == 0) {
		/* +62 812...: the country code stands for the leading 0. */
		if (strncmp(d, "62", 2) != 0)
			goto bad;
		out[0] = '0';
		memcpy(out + 1, d + 2, (size_t)(n - 2) + 1);
		n--;
	} else
		memcpy(out, d, (size_t)n + 1);
	if (n >= 9 && n <= 13 && out[0] == '0' && out[1] != '0')
		return 0;
bad:
	return err_set(err, ADUAN_E_USAGE, _("'%.40s' is not a telephone "
	    "number: write it as 0812 3456 7890 or +62 812 3456 7890 (9 to 13 "
	    "digits beginning with 0)"), val);
}

/*
 * A NIK (Nomor Induk Kependudukan): 16 digits, of which 7 to 12 are the
 * date of birth as DDMMYY, the day plus 40 for a woman.
 */
static int
check_nik(const char *val, char out[32], struct aduan_err *err)
{
	int n = digits_of(val, out, 32), d, m;

	if (n != 16)
		return err_set(err, ADUAN_E_USAGE, _("'%.40s' is not a NIK: a "
		    "NIK has 16 digits"), val);
	d = (out[6] - '0') * 10 + (out[7] - '0');
	m = (out[8] - '0') * 10 + (out[9] - '0');
	if (d > 40)
		d -= 40;
	if (d < 1 || d > 31 || m < 1 || m > 12)
		return err_set(err, ADUAN_E_USAGE, _("'%.40s' is not a NIK: "
		    "digits 7 to 12 are the date of birth as DDMMYY (the day "
		    "plus 40 for a woman), and %.6s is not one"), val, out + 6);
	return 0;
}

/* Check one value against its field; the stored form into *out. */
static int
check_value(const struct aduan_field *f, const char *val, long utcoff,
    struct plan *p, const char **out, struct aduan_err *err)
{
	char buf[256];
	time_t t;
	int i;

	*out = val;
	switch (f->type) {
	case ADUAN_FIELD_FLAG:
		*out = "ya";
		return 0;
	case ADUAN_FIELD_CHOICE:
		/* As the screen shows it, in any case; kept as the SOP's. */
		for (i = 0; i < f->nchoices; i++)
			if (ascii_casecmp(f->choices[i], val) == 0) {
				*out = f->choices[i];
				return 0;
			}
		err_set(err, ADUAN_E_USAGE, _("'%.40s' is not one of %s"), val,
		    choices(f, buf, sizeof(buf)));
		return err_field(err, f->name);
	case ADUAN_FIELD_TIME:
	case ADUAN_FIELD_PHONE:
	case ADUAN_FIELD_NIK:
		if (f->type == ADUAN_FIELD_TIME) {
			if (aduan_time_read(val, p->now, utcoff, &t, err) ==
			    -1)
				return err_field(err, f->name);
			aduan_time_fmt(t, utcoff, buf);
		} else if ((f->type == ADUAN_FIELD_PHONE ? check_phone(val,
		    buf, err) : check_nik(val, buf, err)) == -1)
			return err_field(err, f->name);
		if ((*out = p->norm[p->nnorm++] = strdup(buf)) == NULL)
			return err_set(err, ADUAN_E_IO, _("out of memory"));
		return 0;
	default:
		if (val[strspn(val, " \t\n\r")] == '\0') {
			err_set(err, ADUAN_E_USAGE, _("empty"));
			return err_field(err, f->name);
		}
		if (aduan_text_check(val, ADUAN_VALUE_MAX, err) == -1)
			return err_field(err, f->name);
		return 0;
	}
}

/* The field called name in a list of n fields, or NULL. */
static const struct aduan_field *
field_in(const struct aduan_field *fs, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(fs[i].name, name) == 0)
			return &fs[i];
	return NULL;
}

/*
 * The field an option is for, and the step of the run that takes it (the
 * last that has it): adjourning takes the adjourn fields only, doing a
 * step again its own fields and its again fields.
 */
static const struct aduan_field *
field_for(const struct aduan_request *req, const struct plan *p,
    const char *key, int *s)
{
	const struct aduan_step *st = p->run[0];
	const struct aduan_field *f;

	*s = 0;
	if (req->adjourn)
		return field_in(st->adjourn_fields, st->nadjourn, key);
	if (req->again && (f = field_in(st->again_fields, st->nagain, key)))
		return f;
	for (*s = p->n - 1; *s >= 0; (*s)--)
		if ((f = aduan_step_field(p->run[*s], key)) != NULL)
			return f;
	return NULL;
}

/* The required fields not given, all of them, to say at once. */
struct missing {
	const struct aduan_step *st;	/* of the first */
	const struct aduan_field *f[ADUAN_KV_MAX];
	int n;
};

/* Whether field name was given to step s of the plan. */
static int
given(const struct plan *p, int s, const char *name)
{
	int k;

	for (k = 0; k < p->nkv[s]; k++)
		if (strcmp(p->kv[s][k].key, name) == 0)
			return 1;
	return 0;
}

/* Note each required field of fs (n) not given to step s. */
static void
check_required(const struct plan *p, int s, const struct aduan_field *fs,
    int n, struct missing *m)
{
	int i, k;

	for (i = 0; i < n; i++) {
		if (!fs[i].required || given(p, s, fs[i].name))
			continue;
		for (k = 0; k < m->n && strcmp(m->f[k]->name, fs[i].name); k++)
			;
		if (k < m->n || m->n == ADUAN_KV_MAX)
			continue;
		if (m->n == 0)
			m->st = p->run[s];
		m->f[m->n++] = &fs[i];
	}
}

/* Refuse the request, naming every required field not given. */
static int
refuse_missing(const struct aduan_request *req, const struct aduan_sop *sop,
    const struct missing *m, struct aduan_err *err)
{
	char name[256], labels[512] = "", names[256] = "";
	int k;

	for (k = 0; k < m->n; k++) {
		const struct aduan_field *f = m->f[k];

		snprintf(labels + strlen(labels), sizeof(labels) -
		    strlen(labels), "%s%s", k ? ", " : "", f->label ? f->label :
		    f->name);
		if (strlen(names) + strlen(f->name) + 2 < sizeof(names))
			snprintf(names + strlen(names), sizeof(names) -
			    strlen(names), "%s%s", k ? " " : "", f->name);
	}
	err_case(err, ADUAN_E_REFUSED, req->id, _("%s needs %s; nothing was "
	    "recorded"), step_name(m->st, name, sizeof(name)), labels);
	err_field(err, names);
	err->sop = sop;
	return err_hint(err, ADUAN_HINT_MISSING, m->st->no);
}

/* Give each option to its step of the run, checked. */
static int
assign_fields(const struct aduan_sop *sop, const struct aduan_request *req,
    struct plan *p, struct aduan_err *err)
{
	long utcoff = aduan_cal_utcoff(aduan_sop_cal(sop));
	const struct aduan_step *st = p->run[0];
	const struct aduan_field *f;
	struct missing m = { .n = 0 };
	char name[256];
	const char *val;
	int i, s;

	for (i = 0; i < req->nopts; i++) {
		const char *key = req->opts[i].key;

		if ((f = field_for(req, p, key, &s)) == NULL) {
			err_set(err, ADUAN_E_USAGE, req->adjourn ? _("not used "
			    "when adjourning %s; nothing was recorded") :
			    p->n > 1 ? _("not used when recording %s and the "
			    "steps after it; nothing was recorded") : _("not "
			    "used when recording %s; nothing was recorded"),
			    step_name(st, name, sizeof(name)));
			return err_field(err, key);
		}
		if (check_value(f, req->opts[i].val, utcoff, p, &val, err) == -1)
			return -1;
		if (given(p, s, f->name) && !f->multiple) {
			err_set(err, ADUAN_E_USAGE, _("given more than once"));
			return err_field(err, key);
		}
		if (p->nkv[s] == ADUAN_KV_MAX)
			return err_set(err, ADUAN_E_USAGE, _("too many fields"));
		p->kv[s][p->nkv[s]].key = f->name;
		p->kv[s][p->nkv[s]++].val = val;
	}
	if (req->adjourn)
		check_required(p, 0, st->adjourn_fields, st->nadjourn, &m);
	else {
		if (req->again)
			check_required(p, 0, st->again_fields, st->nagain, &m);
		for (s = 0; s < p->n; s++)
			check_required(p, s, p->run[s]->fields,
			    p->run[s]->nfields, &m);
	}
	return m.n > 0 ? refuse_missing(req, sop, &m, err) : 0;
}

/* The time of the last step event of the case, or 0. */
static time_t
last_happened(const struct aduan_case *c)
{
	time_t t = 0;
	int i;

	for (i = 0; c != NULL && i < aduan_case_nevents(c); i++) {
		const struct aduan_event *e = aduan_case_event(c, i);

		if (e->step > 0 && (strcmp(e->event, "done") == 0 ||
		    strcmp(e->event, "adjourn") == 0) && e->happened > t)
			t = e->happened;
	}
	return t;
}

static int
check_at(const struct aduan_sop *sop, const struct aduan_case *c,
    const struct aduan_request *req, time_t *at, struct aduan_err *err)
{
	long utcoff = aduan_cal_utcoff(aduan_sop_cal(sop));
	char b1[32], b2[32];
	time_t last;

	*at = req->now;
	if (req->at != NULL && aduan_time_read(req->at, req->now, utcoff, at,
	    err) == -1)
		return err_field(err, "at");
	if (*at > req->now + SKEW)
		err_case(err, ADUAN_E_REFUSED, req->id, _("%s is in the future "
		    "(now is %s); nothing was recorded"), aduan_time_fmt(*at,
		    utcoff, b1), aduan_time_fmt(req->now, utcoff, b2));
	else if ((last = last_happened(c)) != 0 && *at < last && req->at)
		err_case(err, ADUAN_E_REFUSED, req->id, _("%s is before the "
		    "last recorded step (%s); nothing was recorded"),
		    aduan_time_fmt(*at, utcoff, b1), aduan_time_fmt(last,
		    utcoff, b2));
	else if (last != 0 && *at < last)
		/* Nobody gave a time: the clock and the log disagree. */
		return err_case(err, ADUAN_E_REFUSED, req->id, _("the last "
		    "recorded step (%s) lies in the future of this clock (now "
		    "is %s): the clock is behind, or that step was recorded "
		    "with a clock set ahead; set the clock right; nothing was "
		    "recorded"), aduan_time_fmt(last, utcoff, b1),
		    aduan_time_fmt(*at, utcoff, b2));
	else
		return 0;
	return err_field(err, "at");
}

/*
 * The appointments given (time fields with ahead or office_hours): after
 * the step's time at, at most ahead of it, within office hours.  Refused
 * with what to do, nothing written.
 */
static int
check_appointments(const struct aduan_sop *sop, const struct aduan_request *req,
    const struct plan *p, time_t at, struct aduan_err *err)
{
	const struct aduan_cal *cal = aduan_sop_cal(sop);
	long utcoff = aduan_cal_utcoff(cal);
	const struct aduan_field *f;
	enum aduan_dayoff kind;
	const char *name;
	char b1[32], b2[32], b3[32];
	time_t t, far;
	int s, k, dummy;

	for (s = 0; s < p->n; s++)
		for (k = 0; k < p->nkv[s]; k++) {
			if ((f = field_for(req, p, p->kv[s][k].key, &dummy)) ==
			    NULL || f->type != ADUAN_FIELD_TIME ||
			    (f->ahead.unit == ADUAN_UNIT_NONE &&
			    !f->office_hours) ||
			    aduan_time_parse(p->kv[s][k].val, 0, &t, NULL) ==
			    -1)
				continue;
			if (t < at)
				err_case(err, ADUAN_E_REFUSED, req->id, _("%s is "
				    "before the step it is set at (%s): an "
				    "appointment lies ahead; nothing was "
				    "recorded"), aduan_time_fmt(t, utcoff, b1),
				    aduan_time_fmt(at, utcoff, b2));
			else if (f->ahead.unit != ADUAN_UNIT_NONE &&
			    aduan_cal_add(cal, at, &f->ahead, &far, NULL, NULL,
			    NULL) == 0 && t > far) {
				aduan_dur_str(&f->ahead, b2, sizeof(b2));
				err_case(err, ADUAN_E_REFUSED, req->id, _("%s is "
				    "more than %s ahead (the SOP's bound, to "
				    "%s); nothing was recorded"),
				    aduan_time_fmt(t, utcoff, b1), b2,
				    aduan_time_fmt(far, utcoff, b3));
			} else if (f->office_hours && !cal_open_at(cal, t,
			    &kind, &name))
				err_case(err, ADUAN_E_REFUSED, req->id,
				    kind == ADUAN_OPEN ? _("%s is outside office "
				    "hours; give a time the office is open, or "
				    "open the day in the calendar (buka); "
				    "nothing was recorded") : kind ==
				    ADUAN_WEEKEND ? _("%s falls on a day the "
				    "office is closed; give a working day, or "
				    "open the day in the calendar (buka); "
				    "nothing was recorded") : _("%s falls on a "
				    "holiday; give a working day, or open the "
				    "day in the calendar (buka); nothing was "
				    "recorded"), aduan_time_fmt(t, utcoff, b1));
			else
				continue;
			(void)name;
			return err_field(err, f->name);
		}
	return 0;
}

static int
record(struct aduan_store *store, const struct aduan_sop *sop,
    struct aduan_case *c, const struct aduan_request *req, struct plan *p,
    struct aduan_recorded *out, struct aduan_err *err)
{
	struct aduan_event evs[MAXRUN];
	long utcoff = aduan_cal_utcoff(aduan_sop_cal(sop));
	time_t at, clock = req->clock ? req->clock : req->now;
	char drill[32], sha[65];
	int i, y, m, d;

	if ((req->cancel != NULL ? plan_cancel(sop, c, req, p, err) == -1 :
	    req->correct != NULL ? plan_correct(sop, c, req, p, err) == -1 :
	    (choose_run(sop, c, req, p, err) == -1 ||
	    assign_fields(sop, req, p, err) == -1)) ||
	    check_at(sop, c, req, &at, err) == -1 ||
	    check_appointments(sop, req, p, at, err) == -1)
		return -1;
	memset(evs, 0, sizeof(evs));
	aduan_time_fmt(req->now, utcoff, drill);
	/* A new case names the SOP it runs under by the hash of its text. */
	revision_sha(sop, sha);
	if (c == NULL && p->nkv[0] < ADUAN_KV_MAX) {
		p->kv[0][p->nkv[0]].key = ADUAN_SOP_KEY;
		p->kv[0][p->nkv[0]++].val = sha;
	}
	for (i = 0; i < p->n; i++) {
		if (req->drill && p->nkv[i] < ADUAN_KV_MAX) {
			p->kv[i][p->nkv[i]].key = ADUAN_DRILL_KEY;
			p->kv[i][p->nkv[i]++].val = drill;
		}
		evs[i].step = p->run[i]->no;
		evs[i].event = req->cancel ? "batal" : req->correct ?
		    "koreksi" : req->adjourn ? "adjourn" : "done";
		evs[i].by = req->by;
		evs[i].happened = at;
		evs[i].kv = p->kv[i];
		evs[i].nkv = p->nkv[i];
	}
	/* A name is one line of text, like a field's value and more. */
	if (aduan_text_check(req->by, 256, err) == -1)
		return err_field(err, "by");
	if (req->by[strspn(req->by, " ")] == '\0' ||
	    strpbrk(req->by, "\t\n\r") != NULL) {
		err_set(err, ADUAN_E_USAGE, req->by[strspn(req->by, " ")] ?
		    _("a name is one line, with no tab") : _("empty"));
		return err_field(err, "by");
	}
	memset(out, 0, sizeof(*out));
	if (c == NULL) {
		civil_from_days((long)((at + utcoff) / 86400), &y, &m, &d);
		if (revision_keep(store, sop, err) == -1 ||
		    checkpoint_init(store, err) == -1 ||
		    log_create(store, y, aduan_sop_meta(sop, "nomor"),
		    aduan_sop_meta(sop, "revisi"), evs, p->n, clock, utcoff,
		    out->id, err) == -1)
			return -1;
		out->next = successor(p->run[p->n - 1], req);
		out->outcome = p->run[p->n - 1]->outcome;
	} else {
		if (case_append(c, evs, p->n, clock, err) == -1)
			return -1;
		snprintf(out->id, sizeof(out->id), "%s", req->id);
		out->next = aduan_case_next(c);
		out->outcome = aduan_case_outcome(c);
	}
	for (i = 0; i < p->n; i++)
		out->steps[out->nsteps++] = p->run[i]->no;
	out->adjourned = req->adjourn;
	out->cancelled = req->cancel != NULL;
	out->corrected = req->correct != NULL;
	out->sop = sop;
	out->happened = at;
	return 0;
}

int
aduan_record(struct aduan_store *store, const struct aduan_sop *sop,
    const struct aduan_request *req, struct aduan_recorded *out,
    struct aduan_err *err)
{
	struct aduan_case *c = NULL;
	struct plan *p;
	int r, i;

	aduan_err_clear(err);
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return err_set(err, ADUAN_E_IO, _("out of memory"));
	p->now = req->now;
	if (req->id != NULL &&
	    (c = aduan_case_load(store, sop, req->id, ADUAN_WRITE, err)) ==
	    NULL) {
		free(p);
		return -1;
	}
	r = record(store, c ? aduan_case_sop(c) : sop, c, req, p, out, err);
	for (i = 0; i < p->nnorm; i++)
		free(p->norm[i]);
	free(p);
	aduan_case_free(c);
	return r;
}
