/*
 * record.c - what a recording command may record now, and recording it.
 *
 * The rules come from the SOP: a command records, from the step the case
 * waits for, the run of consecutive steps the SOP maps to that command; a
 * later step of the run that has a flag field (the parties came: --hadir)
 * joins the run only when its flag is given.  --step N records one step,
 * --ulang a repeatable step again while its next step is pending, --tunda
 * adjourns an adjournable pending step.  Every required field of every
 * step in the run must be given; any option no step of the run uses is
 * refused rather than dropped.  All events go in one append, after the
 * checks, so that a refused command writes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAXRUN 32
#define SKEW 60			/* seconds an --at may be ahead of now */

struct plan {
	const struct aduan_step *run[MAXRUN];
	int n;
	struct aduan_kv kv[MAXRUN][ADUAN_KV_MAX];
	int nkv[MAXRUN];
	char *norm[ADUAN_KV_MAX];	/* normalised values to free */
	int nnorm;
	struct aduan_kv extra[2];	/* alasan, jadwal of --ulang/--tunda */
	int nextra;
};

static const char *
metavar(const struct aduan_field *f, char *buf, size_t n)
{
	size_t i;

	if (f->type == ADUAN_FIELD_TIME)
		return "WAKTU";
	if (f->type == ADUAN_FIELD_CHOICE) {
		buf[0] = '\0';
		for (i = 0; i < (size_t)f->nchoices; i++)
			snprintf(buf + strlen(buf), n - strlen(buf), "%s%s",
			    i ? "|" : "", f->choices[i]);
		return buf;
	}
	for (i = 0; f->name[i] != '\0' && i + 1 < n; i++)
		buf[i] = (char)(f->name[i] >= 'a' && f->name[i] <= 'z' ?
		    f->name[i] - 'a' + 'A' : f->name[i]);
	buf[i] = '\0';
	return buf;
}

static int
flag_step(const struct aduan_step *st)
{
	int i;

	for (i = 0; i < st->nfields; i++)
		if (st->fields[i].type == ADUAN_FIELD_FLAG)
			return 1;
	return 0;
}

/*
 * The hint names the options of the whole run the command records from
 * step no, as choose_run would take it without flags of later steps.
 */
const char *
aduan_step_hint(const struct aduan_sop *sop, int no, const char *id,
    char *buf, size_t n)
{
	const struct aduan_step *st = aduan_sop_step(sop, no), *first = st;
	char mv[128];
	int i, k;

	if (st == NULL) {
		snprintf(buf, n, "aduan show %s", id ? id : "");
		return buf;
	}
	snprintf(buf, n, "aduan %s%s%s", st->command, id ? " " : "",
	    id ? id : "");
	for (k = 0; k < MAXRUN && st != NULL; k++) {
		for (i = 0; i < st->nfields; i++) {
			const struct aduan_field *f = &st->fields[i];
			size_t len = strlen(buf);

			if (!f->required)
				continue;
			if (f->type == ADUAN_FIELD_FLAG)
				snprintf(buf + len, n - len, " --%s", f->name);
			else
				snprintf(buf + len, n - len, " --%s %s",
				    f->name, metavar(f, mv, sizeof(mv)));
		}
		st = st->next ? aduan_sop_step(sop, st->next) : NULL;
		if (st != NULL && (strcmp(st->command, first->command) != 0 ||
		    flag_step(st)))
			break;
	}
	return buf;
}

/* "step 5 (Para pihak dipanggil)" */
static const char *
step_name(const struct aduan_step *st, char *buf, size_t n)
{
	snprintf(buf, n, _("step %d (%s)"), st->no, st->output);
	return buf;
}

static int
refuse_pending(const struct aduan_sop *sop, const char *id, int cur,
    struct aduan_err *err)
{
	char name[256], hint[512];

	return err_set(err, ADUAN_E_REFUSED, _("%s: %s has not been recorded; "
	    "run: %s"), id, step_name(aduan_sop_step(sop, cur), name,
	    sizeof(name)), aduan_step_hint(sop, cur, id, hint, sizeof(hint)));
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
		if (strcmp(st->branches[i].value, v) == 0)
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
		if (st->fields[i].type == ADUAN_FIELD_FLAG) {
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
	char name[256], hint[512];
	int cur, given, no;

	cur = c ? aduan_case_next(c) : aduan_sop_step_at(sop, 0)->no;
	if (c != NULL && cur == 0)
		return err_set(err, ADUAN_E_REFUSED, _("%s: the case is closed "
		    "(%s); nothing more can be recorded"), id,
		    aduan_case_outcome(c));
	st = aduan_sop_step(sop, cur);
	if (req->again) {
		if ((st = repeatable(sop, c, req->command)) == NULL)
			return err_set(err, ADUAN_E_REFUSED, _("%s: --ulang: "
			    "there is no step of 'aduan %s' to repeat now; the "
			    "case waits for %s"), id, req->command,
			    step_name(aduan_sop_step(sop, cur), name,
			    sizeof(name)));
		p->run[p->n++] = st;
		return 0;
	}
	if (req->step != 0 && req->step != cur) {
		const struct aduan_step *want = aduan_sop_step(sop, req->step);

		if (want == NULL)
			return err_set(err, ADUAN_E_USAGE, _("--step %d: the SOP "
			    "has no such step"), req->step);
		if (strcmp(want->command, req->command) != 0)
			return err_set(err, ADUAN_E_USAGE, _("--step %d: that "
			    "step is recorded by 'aduan %s'"), req->step,
			    want->command);
		if (c != NULL && aduan_case_step(c, req->step)->done > 0)
			return err_set(err, ADUAN_E_REFUSED, _("%s: %s is "
			    "already recorded; the case waits for %s; run: %s"),
			    id, step_name(want, name, sizeof(name)),
			    step_name(st, name + 128, 128),
			    aduan_step_hint(sop, cur, id, hint, sizeof(hint)));
		return refuse_pending(sop, id, cur, err);
	}
	if (strcmp(st->command, req->command) != 0)
		return refuse_pending(sop, id, cur, err);
	if (req->adjourn) {
		if (!st->adjournable)
			return err_set(err, ADUAN_E_REFUSED, _("%s: %s cannot be "
			    "adjourned"), id, step_name(st, name,
			    sizeof(name)));
		p->run[p->n++] = st;
		return 0;
	}
	if (has_flag_field(st, req, &given) && !given) {
		const struct aduan_step *rep = repeatable(sop, c, req->command);

		err_set(err, ADUAN_E_REFUSED, _("%s: the case waits for %s; "
		    "run: %s"), id, step_name(st, name, sizeof(name)),
		    aduan_step_hint(sop, st->no, id, hint, sizeof(hint)));
		if (rep != NULL) {
			size_t len = strlen(err->msg);

			snprintf(err->msg + len, sizeof(err->msg) - len,
			    _("; to record step %d again (a new summons), add "
			    "--ulang"), rep->no);
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

/* Check one value against its field; the stored form into *out. */
static int
check_value(const struct aduan_field *f, const char *val, long utcoff,
    struct plan *p, const char **out, struct aduan_err *err)
{
	char what[64], buf[32];
	time_t t;
	int i;

	snprintf(what, sizeof(what), "--%s", f->name);
	*out = val;
	switch (f->type) {
	case ADUAN_FIELD_FLAG:
		*out = "ya";
		return 0;
	case ADUAN_FIELD_CHOICE:
		for (i = 0; i < f->nchoices; i++)
			if (strcmp(f->choices[i], val) == 0)
				return 0;
		return err_set(err, ADUAN_E_USAGE, _("%s: '%.40s' is not one "
		    "of %s"), what, val, metavar(f, buf, sizeof(buf)));
	case ADUAN_FIELD_TIME:
		if (aduan_time_parse(val, utcoff, &t, err) == -1)
			return err_prefix(err, what);
		aduan_time_fmt(t, utcoff, buf);
		if ((*out = p->norm[p->nnorm++] = strdup(buf)) == NULL)
			return err_set(err, ADUAN_E_IO, _("out of memory"));
		return 0;
	default:
		if (val[0] == '\0')
			return err_set(err, ADUAN_E_USAGE, _("%s: empty"), what);
		return aduan_text_check(val, ADUAN_VALUE_MAX, what, err);
	}
}

/* Give each option to the last step of the run that has its field. */
static int
assign_fields(const struct aduan_sop *sop, const struct aduan_request *req,
    struct plan *p, struct aduan_err *err)
{
	long utcoff = aduan_cal_utcoff(aduan_sop_cal(sop));
	const struct aduan_field *f = NULL;
	char name[256], mv[128];
	const char *val;
	int i, k, s, count;

	for (i = 0; i < req->nopts; i++) {
		const char *key = req->opts[i].key;

		if ((req->again || req->adjourn) && (strcmp(key, "alasan") == 0 ||
		    (req->adjourn && strcmp(key, "jadwal") == 0))) {
			static const struct aduan_field jadwal = { "jadwal",
			    NULL, ADUAN_FIELD_TIME, 1, 0, NULL, 0 };
			static const struct aduan_field alasan = { "alasan",
			    NULL, ADUAN_FIELD_TEXT, 0, 0, NULL, 0 };

			if (p->nextra == 2 || check_value(key[0] == 'j' ?
			    &jadwal : &alasan, req->opts[i].val, utcoff, p, &val,
			    err) == -1)
				return p->nextra == 2 ? err_set(err,
				    ADUAN_E_USAGE, _("--%s: given twice"), key) :
				    -1;
			p->extra[p->nextra].key = key;
			p->extra[p->nextra++].val = val;
			continue;
		}
		for (s = p->n - 1; s >= 0; s--)
			if ((f = aduan_step_field(p->run[s], key)) != NULL)
				break;
		if (s < 0 || req->adjourn)
			return err_set(err, ADUAN_E_USAGE, _("--%s is not used "
			    "when recording %s%s; nothing was recorded"), key,
			    step_name(p->run[0], name, sizeof(name)),
			    p->n > 1 ? _(" and the steps after it") : "");
		if (check_value(f, req->opts[i].val, utcoff, p, &val, err) == -1)
			return -1;
		for (k = 0, count = 0; k < p->nkv[s]; k++)
			count += strcmp(p->kv[s][k].key, key) == 0;
		if (count > 0 && !f->multiple)
			return err_set(err, ADUAN_E_USAGE, _("--%s: given more "
			    "than once"), key);
		if (p->nkv[s] == ADUAN_KV_MAX)
			return err_set(err, ADUAN_E_USAGE, _("too many options"));
		p->kv[s][p->nkv[s]].key = f->name;
		p->kv[s][p->nkv[s]++].val = val;
	}
	if (req->adjourn && (p->nextra == 0 || strcmp(p->extra[0].key,
	    "jadwal") != 0) && (p->nextra < 2 || strcmp(p->extra[1].key,
	    "jadwal") != 0))
		return err_set(err, ADUAN_E_REFUSED, _("%s: --tunda needs "
		    "--jadwal WAKTU, the new date; nothing was recorded"),
		    req->id);
	for (s = 0; s < p->n && !req->adjourn; s++)
		for (i = 0; i < p->run[s]->nfields; i++) {
			f = &p->run[s]->fields[i];
			for (k = 0; k < p->nkv[s]; k++)
				if (strcmp(p->kv[s][k].key, f->name) == 0)
					break;
			if (f->required && k == p->nkv[s])
				return err_set(err, ADUAN_E_REFUSED, _("%s: %s "
				    "needs --%s%s%s%s%s%s; nothing was recorded"),
				    req->id ? req->id : "aduan new",
				    step_name(p->run[s], name, sizeof(name)),
				    f->name, f->type == ADUAN_FIELD_FLAG ? "" :
				    " ", f->type == ADUAN_FIELD_FLAG ? "" :
				    metavar(f, mv, sizeof(mv)), f->label ? " (" :
				    "", f->label ? f->label : "", f->label ? ")" :
				    "");
		}
	return 0;
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
	if (req->at != NULL && aduan_time_parse(req->at, utcoff, at, err) ==
	    -1)
		return err_prefix(err, "--at");
	if (*at > req->now + SKEW)
		return err_set(err, ADUAN_E_REFUSED, _("%s: --at %s is in the "
		    "future (now is %s); nothing was recorded"),
		    req->id ? req->id : "aduan new", aduan_time_fmt(*at, utcoff,
		    b1), aduan_time_fmt(req->now, utcoff, b2));
	if ((last = last_happened(c)) != 0 && *at < last)
		return err_set(err, ADUAN_E_REFUSED, _("%s: --at %s is before "
		    "the last recorded step (%s); nothing was recorded"),
		    req->id, aduan_time_fmt(*at, utcoff, b1),
		    aduan_time_fmt(last, utcoff, b2));
	return 0;
}

static int
record(struct aduan_store *store, const struct aduan_sop *sop,
    struct aduan_case *c, const struct aduan_request *req, struct plan *p,
    struct aduan_recorded *out, struct aduan_err *err)
{
	struct aduan_event evs[MAXRUN];
	long utcoff = aduan_cal_utcoff(aduan_sop_cal(sop));
	time_t at;
	int i, y, m, d;

	if (choose_run(sop, c, req, p, err) == -1 ||
	    assign_fields(sop, req, p, err) == -1 ||
	    check_at(sop, c, req, &at, err) == -1)
		return -1;
	memset(evs, 0, sizeof(evs));
	for (i = 0; i < p->n; i++) {
		evs[i].step = p->run[i]->no;
		evs[i].event = req->adjourn ? "adjourn" : "done";
		evs[i].by = req->by;
		evs[i].happened = at;
		if (p->nextra > 0) {
			memcpy(&p->kv[i][p->nkv[i]], p->extra,
			    sizeof(p->extra[0]) * (size_t)p->nextra);
			p->nkv[i] += p->nextra;
		}
		evs[i].kv = p->kv[i];
		evs[i].nkv = p->nkv[i];
	}
	if (aduan_text_check(req->by, 256, "--by", err) == -1)
		return -1;
	memset(out, 0, sizeof(*out));
	if (c == NULL) {
		civil_from_days((long)((at + utcoff) / 86400), &y, &m, &d);
		if (aduan_store_keep_sop(store, sop, err) == -1 ||
		    aduan_store_create(store, y, aduan_sop_meta(sop, "nomor"),
		    aduan_sop_meta(sop, "revisi"), evs, p->n, req->now, utcoff,
		    out->id, err) == -1)
			return -1;
		out->next = successor(p->run[p->n - 1], req);
		out->outcome = p->run[p->n - 1]->outcome;
	} else {
		if (aduan_case_append(c, evs, p->n, req->now, err) == -1)
			return -1;
		snprintf(out->id, sizeof(out->id), "%s", req->id);
		out->next = aduan_case_next(c);
		out->outcome = aduan_case_outcome(c);
	}
	for (i = 0; i < p->n; i++)
		out->steps[out->nsteps++] = p->run[i]->no;
	out->adjourned = req->adjourn;
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

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return err_set(err, ADUAN_E_IO, _("out of memory"));
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
