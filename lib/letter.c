/*
 * letter.c - the documents the SOP names, as data (aduan-surat(5)): the
 * office's configuration (kantor.yaml: letterhead, number format,
 * signatories) and the letter templates (surat.yaml), loaded and checked
 * as strictly as the SOP; and a letter made from a case: its blocks with
 * the case's values put in, as plain text (nothing in a value is markup),
 * its number written in the office's format.  The letter as a record is
 * printed.c's: the number taken from the register of the data directory
 * (the one write a letter makes, through it), the "surat" event of each
 * printing, the letter a printed file is.  This file only reads:
 * kantor.yaml, surat.yaml and the emblem.  Drawing the letter is not
 * here: the core knows no PDF (cmd/pdf.c draws the blocks).
 *
 * Placeholders: {name}, {name:form}, {a|b} (the first that has a value),
 * a trailing '?' ({name?}) for a value that may be missing (drawn as a
 * dotted line to fill in by hand); "{{" is a '{'.  A name is a field of
 * the SOP (pelapor, or 5.pihak for step 5's), or one of the letter's
 * own: kasus, nomor, tanggal, untuk, langkah.N, kantor.KEY.  Every one
 * is checked when the templates are loaded, so that a letter never fails
 * on a misspelt name in front of a citizen.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* A piece of template text: literal, or a placeholder. */
struct ph {
	int literal;
	const char *text;	/* literal text */
	size_t len;
	int nalt;
	struct alt {
		enum { P_FIELD, P_KASUS, P_NOMOR, P_TANGGAL, P_UNTUK,
		    P_LANGKAH, P_OFFICE } what;
		int step;
		const char *field;
		int time;	/* a time: it takes a form */
	} alt[4];
	int form;		/* F_* */
	int optional;
};

enum { F_NONE, F_HARI, F_TANGGAL, F_PUKUL, F_LENGKAP, F_KATA };
static const char *const forms[] = {
	"", "hari", "tanggal", "pukul", "lengkap", "kata", NULL
};

struct tmpl {
	struct ph *p;
	int n;
};

/* A block of a template, its texts parsed. */
struct tblock {
	enum aduan_bkind kind;
	struct tmpl text;
	struct tmpl *cells;	/* tabel: label, value, label, value ... */
	int ncells;
	struct tmpl list;	/* daftar, ttd_pihak: one item per value */
	struct tsign {
		const struct signer *who;
		const char *atas;
	} *signs;
	int nsigns;
};

struct signer {
	const char *id, *jabatan, *nama, *pangkat, *nip;
	const struct aduan_role *peran;
};

struct kind {
	struct aduan_letter_kind pub;
	const char *nomor;	/* number format */
	struct tblock *b;
	int nb;
};

struct aduan_letters {
	struct arena a;
	const struct aduan_sop *sop;
	const char *path[2];	/* kantor.yaml, surat.yaml */
	const char *office[ADUAN_OFFICE_NKEYS];
	const char *nomor;
	struct signer *signers;
	int nsigners;
	struct kind *kinds;
	int nkinds;
};

struct aduan_letter {
	struct arena a;
	struct aduan_letter_view v;
};

const char *const aduan_office_keys[ADUAN_OFFICE_NKEYS + 1] = {
	"pemerintah", "nama", "alamat", "telepon", "email", "laman",
	"tempat", "lambang", "huruf", "kode", NULL
};

/* ---- loading ---- */

/* The step and field a name like "pihak" or "5.pihak" stands for. */
static int
resolve_field(struct vctx *v, const struct ynode *at, int home,
    const char *name, size_t len, struct alt *out)
{
	const struct aduan_sop *sop = v->sop;
	const struct aduan_step *st;
	char buf[128], found[128] = "";
	int i, nfound = 0, step = 0, only = 0;
	const char *f = buf, *dot;

	if (len >= sizeof(buf))
		return v_fail(v, at, _("placeholder '{%.*s}' is too long"),
		    (int)(len > 40 ? 40 : len), name);
	memcpy(buf, name, len);
	buf[len] = '\0';
	if ((dot = strchr(buf, '.')) != NULL) {
		char *end;
		long n = strtol(buf, &end, 10);

		if (end != dot || n < 1 || n > 999 ||
		    aduan_sop_step(sop, (int)n) == NULL)
			return v_fail(v, at, _("placeholder '{%s}': the SOP has "
			    "no step '%.*s'"), buf, (int)(dot - buf), buf);
		only = step = (int)n;
		f = dot + 1;
	}
	for (i = 0; i < aduan_sop_nsteps(sop); i++) {
		const struct aduan_field *fd;

		st = aduan_sop_step_at(sop, i);
		if ((only && st->no != only) ||
		    (fd = aduan_step_field(st, f)) == NULL)
			continue;
		if (st->no == home || only) {
			nfound = 1;
			step = st->no;
			out->time = fd->type == ADUAN_FIELD_TIME;
			break;
		}
		nfound++;
		step = st->no;
		out->time = fd->type == ADUAN_FIELD_TIME;
		snprintf(found + strlen(found), sizeof(found) - strlen(found),
		    "%s%d", found[0] ? ", " : "", st->no);
	}
	if (nfound == 0)
		return v_fail(v, at, only ? _("placeholder '{%s}': step %d has "
		    "no field '%s'") : _("unknown placeholder '{%s}': no step "
		    "of the SOP has a field of that name, and the letter has "
		    "none of its own"), buf, only, f);
	if (nfound > 1)
		return v_fail(v, at, _("placeholder '{%s}': the field is in "
		    "steps %s; name the step, as in '{%d.%s}'"), buf, found,
		    step, f);
	out->what = P_FIELD;
	out->step = step;
	if ((out->field = arena_strndup(v->a, f, strlen(f))) == NULL)
		return v_fail(v, at, _("out of memory"));
	return 0;
}

/* One name of a placeholder: the letter's own, or a field. */
static int
resolve(struct vctx *v, const struct ynode *at, int home, const char *s,
    size_t len, struct alt *out)
{
	static const struct {
		const char *name;
		int what, time;
	} own[] = {
		{ "kasus", P_KASUS, 0 }, { "nomor", P_NOMOR, 0 },
		{ "tanggal", P_TANGGAL, 1 }, { "untuk", P_UNTUK, 0 },
	};
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (strlen(own[i].name) == len &&
		    memcmp(own[i].name, s, len) == 0) {
			out->what = own[i].what;
			out->time = own[i].time;
			return 0;
		}
	if (len > 7 && memcmp(s, "kantor.", 7) == 0) {
		for (i = 0; i < ADUAN_OFFICE_LAMBANG; i++)
			if (strlen(aduan_office_keys[i]) == len - 7 &&
			    memcmp(aduan_office_keys[i], s + 7, len - 7) == 0) {
				out->what = P_OFFICE;
				out->step = (int)i;
				return 0;
			}
		return v_fail(v, at, _("placeholder '{%.*s}': the office has "
		    "pemerintah, nama, alamat, telepon, email, laman and "
		    "tempat"), (int)len, s);
	}
	if (len > 8 && memcmp(s, "langkah.", 8) == 0) {
		long n = 0;

		for (i = 8; i < len && s[i] >= '0' && s[i] <= '9' && n < 1000;
		    i++)
			n = n * 10 + (s[i] - '0');
		if (i < len || aduan_sop_step(v->sop,
		    (int)n) == NULL)
			return v_fail(v, at, _("placeholder '{%.*s}': the SOP "
			    "has no such step"), (int)len, s);
		out->what = P_LANGKAH;
		out->step = (int)n;
		out->time = 1;
		return 0;
	}
	return resolve_field(v, at, home, s, len, out);
}

/*
 * Parse template text s (of the node at) into t.  home is the letter's
 * step, whose fields a bare name means first.
 */
static int
parse_text(struct vctx *v, const struct ynode *at, int home, const char *s,
    struct tmpl *t)
{
	const char *p = s, *q;
	int cap = 0;

	t->p = NULL;
	t->n = 0;
	if (aduan_text_check(s, ADUAN_VALUE_MAX, v->err) == -1)
		return v_fail(v, at, "%s", v->err->msg);
	while (*p != '\0') {
		struct ph *ph;

		if (t->n == cap) {
			struct ph *np;

			cap = cap ? cap * 2 : 8;
			if ((np = arena_alloc(v->a, (size_t)cap * sizeof(*np))) ==
			    NULL)
				return v_fail(v, at, _("out of memory"));
			if (t->n)
				memcpy(np, t->p, (size_t)t->n * sizeof(*np));
			t->p = np;
		}
		ph = &t->p[t->n++];
		memset(ph, 0, sizeof(*ph));
		if (p[0] == '{' && p[1] == '{') {
			ph->literal = 1;
			ph->text = p;
			ph->len = 1;
			p += 2;
			continue;
		}
		if (*p != '{') {
			ph->literal = 1;
			ph->text = p;
			for (q = p; *q != '\0' && *q != '{'; q++)
				;
			ph->len = (size_t)(q - p);
			p = q;
			continue;
		}
		if ((q = strchr(p, '}')) == NULL)
			return v_fail(v, at, _("a '{' without its '}': write "
			    "'{{' for the character itself"));
		{
			const char *a = p + 1, *end = q, *colon;
			size_t flen;
			int k;

			if (end > a && end[-1] == '?') {
				ph->optional = 1;
				end--;
			}
			colon = memchr(a, ':', (size_t)(end - a));
			if (colon != NULL) {
				flen = (size_t)(end - colon - 1);
				for (k = 1; forms[k] != NULL; k++)
					if (strlen(forms[k]) == flen &&
					    memcmp(forms[k], colon + 1, flen) ==
					    0)
						break;
				if (forms[k] == NULL)
					return v_fail(v, at, _("placeholder "
					    "'%.*s': unknown form '%.*s' (a "
					    "time takes hari, tanggal, pukul, "
					    "lengkap or kata)"),
					    (int)(q - p + 1), p, (int)flen,
					    colon + 1);
				ph->form = k;
				end = colon;
			}
			while (a <= end) {
				const char *bar = memchr(a, '|',
				    (size_t)(end - a));
				const char *stop = bar ? bar : end;

				if (stop == a)
					return v_fail(v, at, _("placeholder "
					    "'%.*s' names nothing"),
					    (int)(q - p + 1), p);
				if (ph->nalt == 4)
					return v_fail(v, at, _("placeholder "
					    "'%.*s': at most four names"),
					    (int)(q - p + 1), p);
				if (resolve(v, at, home, a, (size_t)(stop - a),
				    &ph->alt[ph->nalt]) == -1)
					return -1;
				if (ph->form && !ph->alt[ph->nalt].time)
					return v_fail(v, at, _("placeholder "
					    "'%.*s': only a time takes a "
					    "form"), (int)(q - p + 1), p);
				ph->nalt++;
				a = stop + 1;
			}
		}
		p = q + 1;
	}
	return 0;
}

static const struct signer *
find_signer(const struct aduan_letters *L, const char *id)
{
	int i;

	for (i = 0; i < L->nsigners; i++)
		if (strcmp(L->signers[i].id, id) == 0)
			return &L->signers[i];
	return NULL;
}

/* A signature of a ttd block: an id, or {penandatangan: id, atas: ...}. */
static int
load_sign(struct vctx *v, struct aduan_letters *L, const struct ynode *n,
    struct tsign *out)
{
	static const char *const keys[] = { "!penandatangan", "atas", NULL };
	const char *id = NULL;

	out->atas = NULL;
	if (n->kind == Y_SCALAR)
		id = n->s;
	else if (v_map(v, n, "ttd", keys) == -1 ||
	    v_str(v, n, "penandatangan", &id) == -1 ||
	    v_str(v, n, "atas", &out->atas) == -1)
		return -1;
	if (id == NULL || (out->who = find_signer(L, id)) == NULL) {
		char ids[256] = "";
		int i;

		for (i = 0; i < L->nsigners; i++)
			snprintf(ids + strlen(ids), sizeof(ids) - strlen(ids),
			    "%s%s", i ? ", " : "", L->signers[i].id);
		return v_fail(v, n->kind == Y_SCALAR ? n : v_get(n,
		    "penandatangan"), _("unknown signatory '%s': %s names %s"),
		    id ? id : "", L->path[0], ids);
	}
	return 0;
}

static const char *const block_names[] = {
	"kop", "judul", "tengah", "kanan", "kiri", "teks", "tabel", "daftar",
	"ttd", "ttd_pihak", "jarak", NULL
};

static int
load_block(struct vctx *v, struct aduan_letters *L, const struct ynode *n,
    int home, struct tblock *b)
{
	const struct ynode *val = NULL;
	const char *name;
	int k, i;

	memset(b, 0, sizeof(*b));
	if (n->kind == Y_SCALAR)
		name = n->s;
	else if (n->kind == Y_MAP && n->nkids == 2) {
		name = n->kids[0]->s;
		val = n->kids[1];
	} else
		return v_fail(v, n, _("a block is one of %s, %s, %s, %s, %s, "
		    "%s, %s, %s, %s, %s, %s: a word, or a mapping of one key"),
		    block_names[0], block_names[1], block_names[2],
		    block_names[3], block_names[4], block_names[5],
		    block_names[6], block_names[7], block_names[8],
		    block_names[9], block_names[10]);
	for (k = 0; block_names[k] != NULL; k++)
		if (strcmp(block_names[k], name) == 0)
			break;
	if (block_names[k] == NULL)
		return v_fail(v, n->kind == Y_SCALAR ? n : n->kids[0],
		    _("unknown block '%s' (one of kop, judul, tengah, kanan, "
		    "kiri, teks, tabel, daftar, ttd, ttd_pihak, jarak)"), name);
	b->kind = (enum aduan_bkind)k;
	if ((b->kind == ADUAN_BLK_KOP || b->kind == ADUAN_BLK_JARAK) !=
	    (val == NULL))
		return v_fail(v, n, val ? _("block '%s' takes no value") :
		    _("block '%s' needs a value"), name);
	switch (b->kind) {
	case ADUAN_BLK_KOP:
	case ADUAN_BLK_JARAK:
		return 0;
	case ADUAN_BLK_TABEL:
		if (v_seq(v, val, "tabel") == -1)
			return -1;
		if (val->nkids == 0)
			return v_fail(v, val, _("tabel: at least one row"));
		b->ncells = 2 * val->nkids;
		if ((b->cells = arena_alloc(v->a, (size_t)b->ncells *
		    sizeof(*b->cells))) == NULL)
			return v_fail(v, val, _("out of memory"));
		for (i = 0; i < val->nkids; i++) {
			const struct ynode *row = val->kids[i];

			if (row->kind != Y_SEQ || row->nkids != 2 ||
			    row->kids[0]->kind != Y_SCALAR ||
			    row->kids[1]->kind != Y_SCALAR)
				return v_fail(v, row, _("tabel: a row is [label, "
				    "value]"));
			if (parse_text(v, row->kids[0], home, row->kids[0]->s,
			    &b->cells[2 * i]) == -1 || parse_text(v,
			    row->kids[1], home, row->kids[1]->s,
			    &b->cells[2 * i + 1]) == -1)
				return -1;
		}
		return 0;
	case ADUAN_BLK_TTD:
		if (val->kind != Y_SEQ || val->nkids == 0 || val->nkids > 4)
			return v_fail(v, val, _("ttd: a list of one to four "
			    "signatories"));
		b->nsigns = val->nkids;
		if ((b->signs = arena_alloc(v->a, (size_t)b->nsigns *
		    sizeof(*b->signs))) == NULL)
			return v_fail(v, val, _("out of memory"));
		for (i = 0; i < val->nkids; i++)
			if (load_sign(v, L, val->kids[i], &b->signs[i]) == -1)
				return -1;
		return 0;
	default:
		if (v_scalar(v, val, name) == -1)
			return -1;
		return parse_text(v, val, home, val->s,
		    b->kind == ADUAN_BLK_DAFTAR || b->kind == ADUAN_BLK_TTDPIHAK ?
		    &b->list : &b->text);
	}
}

/* The number format: {urut}, {tahun}, {bulan}, {romawi}; checked. */
static int
check_number(struct vctx *v, const struct ynode *at, const char *s)
{
	static const char *const ok[] = { "urut", "tahun", "bulan", "romawi",
	    NULL };
	const char *p = s, *q;
	int k, has = 0;

	if (aduan_text_check(s, 200, v->err) == -1 || strchr(s, '\n'))
		return v_fail(v, at, _("nomor: one line of at most 200 bytes"));
	while ((p = strchr(p, '{')) != NULL) {
		if ((q = strchr(p, '}')) == NULL)
			return v_fail(v, at, _("nomor: a '{' without its '}'"));
		for (k = 0; ok[k] != NULL; k++)
			if (strlen(ok[k]) == (size_t)(q - p - 1) &&
			    memcmp(ok[k], p + 1, (size_t)(q - p - 1)) == 0)
				break;
		if (ok[k] == NULL)
			return v_fail(v, at, _("nomor: unknown placeholder "
			    "'%.*s' (the number takes {urut}, {tahun}, {bulan} "
			    "and {romawi})"), (int)(q - p + 1), p);
		has |= k == 0;
		p = q + 1;
	}
	if (!has)
		return v_fail(v, at, _("nomor: the format must hold {urut}, "
		    "the letter's own number"));
	return 0;
}

/* Whether the file at path begins as a PNG image does. */
static int
is_png(const char *path)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	unsigned char b[8];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), ok;

	if (fd == -1)
		return 0;
	ok = read(fd, b, 8) == 8 && memcmp(b, sig, 8) == 0;
	close(fd);
	return ok;
}

static int
load_office(struct vctx *v, struct aduan_letters *L, const struct ynode *top)
{
	static const char *const top_keys[] = { "!format", "!kantor",
	    "!nomor", "!penandatangan", NULL };
	static const char *const office_keys[] = { "!pemerintah", "!nama",
	    "alamat", "telepon", "email", "laman", "!tempat", "lambang",
	    "huruf", "kode", NULL };
	static const char *const signer_keys[] = { "!id", "!jabatan",
	    "nama", "pangkat", "nip", "peran", NULL };
	const struct ynode *k, *s;
	const char *val;
	long fmt;
	int i;

	if (v_map(v, top, L->path[0], top_keys) == -1 ||
	    v_int(v, top, "format", 1, 1, &fmt) == -1)
		return -1;
	k = v_get(top, "kantor");
	if (v_map(v, k, "kantor", office_keys) == -1)
		return -1;
	for (i = 0; i < ADUAN_OFFICE_NKEYS; i++) {
		val = NULL;
		if (v_str(v, k, aduan_office_keys[i], &val) == -1)
			return -1;
		if (val != NULL && (aduan_text_check(val, 512, v->err) == -1 ||
		    strchr(val, '\n') != NULL))
			return v_fail(v, v_get(k, aduan_office_keys[i]),
			    _("kantor.%s: one line of at most 512 bytes"),
			    aduan_office_keys[i]);
		L->office[i] = val;
	}
	if ((val = L->office[ADUAN_OFFICE_KODE]) != NULL) {
		char id[32];

		snprintf(id, sizeof(id), "%.8s-2026-0001", val);
		if (strlen(val) > 6 || aduan_id_check(id, NULL) == -1 ||
		    val[0] < 'A' || val[0] > 'Z')
			return v_fail(v, v_get(k, "kode"), _("kantor.kode '%s': "
			    "two to six capital letters or digits, a letter "
			    "first, as KRG"), val);
	}
	/* The emblem is found beside the file, and must be a PNG there. */
	if ((val = L->office[ADUAN_OFFICE_LAMBANG]) != NULL) {
		char path[PATH_MAX];
		const char *slash = strrchr(L->path[0], '/');
		struct stat sb;

		if (val[0] == '/')
			snprintf(path, sizeof(path), "%s", val);
		else
			snprintf(path, sizeof(path), "%.*s%s",
			    slash ? (int)(slash - L->path[0] + 1) : 0,
			    L->path[0], val);
		if (stat(path, &sb) == -1 || !S_ISREG(sb.st_mode) ||
		    !is_png(path))
			return v_fail(v, v_get(k, "lambang"), _("kantor.lambang: "
			    "no PNG file '%s'"), path);
		L->office[ADUAN_OFFICE_LAMBANG] = arena_strndup(v->a, path,
		    strlen(path));
	}
	if (v_scalar(v, v_get(top, "nomor"), "nomor") == -1 ||
	    check_number(v, v_get(top, "nomor"), L->nomor =
	    v_get(top, "nomor")->s) == -1)
		return -1;
	s = v_get(top, "penandatangan");
	if (v_seq(v, s, "penandatangan") == -1)
		return -1;
	if ((L->signers = arena_alloc(v->a, (size_t)(s->nkids + 1) *
	    sizeof(*L->signers))) == NULL)
		return v_fail(v, s, _("out of memory"));
	for (i = 0; i < s->nkids; i++) {
		struct signer *g = &L->signers[i];
		const char *peran = NULL;
		static const char *const f[] = { "jabatan", "nama", "pangkat",
		    "nip" };
		const char **dst[] = { &g->jabatan, &g->nama, &g->pangkat,
		    &g->nip };
		size_t j;

		if (v_map(v, s->kids[i], "penandatangan", signer_keys) == -1 ||
		    v_str(v, s->kids[i], "id", &g->id) == -1 ||
		    v_str(v, s->kids[i], "peran", &peran) == -1)
			return -1;
		for (j = 0; j < 4; j++) {
			if (v_str(v, s->kids[i], f[j], dst[j]) == -1)
				return -1;
			if (*dst[j] != NULL && (aduan_text_check(*dst[j], 512,
			    v->err) == -1 || strchr(*dst[j], '\n')))
				return v_fail(v, v_get(s->kids[i], f[j]),
				    _("penandatangan.%s: one line of at most "
				    "512 bytes"), f[j]);
		}
		if (!sop_ident(g->id, 0))
			return v_fail(v, v_get(s->kids[i], "id"), _("signatory "
			    "id '%s': use a-z, 0-9 and '_', starting with a "
			    "letter"), g->id);
		if (find_signer(L, g->id) != NULL)
			return v_fail(v, v_get(s->kids[i], "id"), _("signatory "
			    "'%s' is given twice"), g->id);
		if (peran != NULL && (g->peran = aduan_sop_role(L->sop,
		    peran)) == NULL)
			return v_fail(v, v_get(s->kids[i], "peran"), _("peran "
			    "'%s' is not a role of the SOP"), peran);
		L->nsigners++;
	}
	return 0;
}

/* Whether template t has a placeholder naming what. */
static int
tmpl_has(const struct tmpl *t, int what)
{
	int p, q;

	for (p = 0; p < t->n; p++)
		for (q = 0; q < t->p[p].nalt; q++)
			if ((int)t->p[p].alt[q].what == what)
				return 1;
	return 0;
}

/* Whether any text of block b has a placeholder naming what. */
static int
block_has(const struct tblock *b, int what)
{
	int i;

	for (i = 0; i < b->ncells; i++)
		if (tmpl_has(&b->cells[i], what))
			return 1;
	return tmpl_has(&b->text, what) || tmpl_has(&b->list, what);
}

static int
load_kinds(struct vctx *v, struct aduan_letters *L, const struct ynode *top)
{
	static const char *const top_keys[] = { "!format", "!surat", NULL };
	static const char *const kind_keys[] = { "!jenis", "!nama",
	    "!langkah", "untuk", "nomor", "!isi", NULL };
	const struct ynode *s;
	long fmt, step;
	int i, j;

	if (v_map(v, top, L->path[1], top_keys) == -1 ||
	    v_int(v, top, "format", 1, 1, &fmt) == -1)
		return -1;
	s = v_get(top, "surat");
	if (v_seq(v, s, "surat") == -1)
		return -1;
	if (s->nkids == 0)
		return v_fail(v, s, _("surat: at least one letter"));
	if ((L->kinds = arena_alloc(v->a, (size_t)s->nkids *
	    sizeof(*L->kinds))) == NULL)
		return v_fail(v, s, _("out of memory"));
	for (i = 0; i < s->nkids; i++) {
		const struct ynode *n = s->kids[i], *isi;
		struct kind *k = &L->kinds[i];
		const struct aduan_step *st;
		const struct aduan_field *f;

		if (v_map(v, n, "surat", kind_keys) == -1 ||
		    v_str(v, n, "jenis", &k->pub.jenis) == -1 ||
		    v_str(v, n, "nama", &k->pub.nama) == -1 ||
		    v_int(v, n, "langkah", 1, 999, &step) == -1 ||
		    v_str(v, n, "untuk", &k->pub.untuk) == -1 ||
		    v_str(v, n, "nomor", &k->nomor) == -1)
			return -1;
		k->pub.line = n->line;
		if (!sop_ident(k->pub.jenis, 1))
			return v_fail(v, v_get(n, "jenis"), _("jenis '%s': use "
			    "a-z, 0-9, '_' and '-', starting with a letter"),
			    k->pub.jenis);
		/* It names the files printed and the register's lines. */
		if (strlen(k->pub.jenis) > 32)
			return v_fail(v, v_get(n, "jenis"), _("jenis '%.32s...': "
			    "at most 32 characters"), k->pub.jenis);
		for (j = 0; j < i; j++)
			if (strcmp(L->kinds[j].pub.jenis, k->pub.jenis) == 0)
				return v_fail(v, v_get(n, "jenis"), _("letter "
				    "'%s' is given twice"), k->pub.jenis);
		if ((st = aduan_sop_step(L->sop, (int)step)) == NULL)
			return v_fail(v, v_get(n, "langkah"), _("langkah %ld: "
			    "the SOP has no such step"), step);
		k->pub.step = (int)step;
		if (k->pub.untuk != NULL && ((f = aduan_step_field(st,
		    k->pub.untuk)) == NULL || !f->multiple ||
		    f->type != ADUAN_FIELD_TEXT))
			return v_fail(v, v_get(n, "untuk"), _("untuk: step %ld "
			    "has no text field '%s' of many values (one letter "
			    "is made for each value)"), step, k->pub.untuk);
		if (k->nomor != NULL && check_number(v, v_get(n, "nomor"),
		    k->nomor) == -1)
			return -1;
		if (k->nomor == NULL)
			k->nomor = L->nomor;
		isi = v_get(n, "isi");
		if (v_seq(v, isi, "isi") == -1)
			return -1;
		if (isi->nkids == 0 || isi->nkids > 200)
			return v_fail(v, isi, _("isi: one to 200 blocks"));
		if ((k->b = arena_alloc(v->a, (size_t)isi->nkids *
		    sizeof(*k->b))) == NULL)
			return v_fail(v, isi, _("out of memory"));
		for (j = 0; j < isi->nkids; j++) {
			if (load_block(v, L, isi->kids[j], k->pub.step,
			    &k->b[j]) == -1)
				return -1;
			if (k->pub.untuk == NULL && block_has(&k->b[j], P_UNTUK))
				return v_fail(v, isi->kids[j], _("{untuk}: this "
				    "letter is not made for each value of a "
				    "field (it has no 'untuk')"));
		}
		k->nb = isi->nkids;
		L->nkinds++;
	}
	return 0;
}

/* path, or the file called name beside the SOP, made in buf. */
static const char *
beside(const struct aduan_sop *sop, const char *path, const char *name,
    char buf[PATH_MAX])
{
	const char *sp = sop_path(sop), *slash = strrchr(sp, '/');

	if (path != NULL)
		return path;
	snprintf(buf, PATH_MAX, "%.*s%s", slash ? (int)(slash - sp + 1) : 0,
	    sp, name);
	return buf;
}

/*
 * New letters of the SOP, their files kpath and spath ("" for none),
 * with the office's configuration: the text kantor (klen bytes) of
 * kpath, parsed and checked.  v is the context that checked it, left for
 * the templates.  NULL with err.
 */
static struct aduan_letters *
office_parse(const struct aduan_sop *sop, const char *kpath,
    const char *kantor, size_t klen, const char *spath, struct vctx *v,
    struct aduan_err *err)
{
	struct aduan_letters *L;
	const struct ynode *top;

	if ((L = calloc(1, sizeof(*L))) == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	L->sop = sop;
	v->a = &L->a;
	v->sop = sop;
	v->err = err;
	if ((L->path[0] = arena_strndup(&L->a, kpath, strlen(kpath))) ==
	    NULL || (L->path[1] = arena_strndup(&L->a, spath,
	    strlen(spath))) == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		goto fail;
	}
	v->file = L->path[0];
	if ((top = yaml_parse_tree(&L->a, L->path[0], kantor, klen, err)) ==
	    NULL || load_office(v, L, top) == -1)
		goto fail;
	return L;
fail:
	aduan_letters_free(L);
	return NULL;
}

struct aduan_letters *
aduan_letters_parse(const struct aduan_sop *sop, const char *kantor_path,
    const char *kantor, size_t klen, const char *surat_path,
    const char *surat, size_t slen, struct aduan_err *err)
{
	struct aduan_letters *L;
	const struct ynode *top;
	struct vctx v;

	if ((L = office_parse(sop, kantor_path, kantor, klen, surat_path, &v,
	    err)) == NULL)
		return NULL;
	v.file = L->path[1];
	if ((top = yaml_parse_tree(&L->a, L->path[1], surat, slen, err)) ==
	    NULL || load_kinds(&v, L, top) == -1) {
		aduan_letters_free(L);
		return NULL;
	}
	return L;
}

struct aduan_letters *
aduan_letters_load(const struct aduan_sop *sop, const char *kantor_path,
    const char *surat_path, struct aduan_err *err)
{
	struct aduan_letters *L = NULL;
	char kbuf[PATH_MAX], sbuf[PATH_MAX], *kb = NULL, *sb = NULL;
	const char *kp = beside(sop, kantor_path, "kantor.yaml", kbuf);
	const char *sp = beside(sop, surat_path, "surat.yaml", sbuf);
	size_t kl, sl;

	if (yaml_read_file(kp, &kb, &kl, err) == 0 &&
	    yaml_read_file(sp, &sb, &sl, err) == 0)
		L = aduan_letters_parse(sop, kp, kb, kl, sp, sb, sl, err);
	if (L == NULL && err->cat == ADUAN_E_NOTFOUND)
		err->cat = ADUAN_E_CONFIG;
	free(kb);
	free(sb);
	return L;
}

struct aduan_letters *
aduan_office_load(const struct aduan_sop *sop, const char *kantor_path,
    struct aduan_err *err)
{
	struct aduan_letters *L;
	char kbuf[PATH_MAX], *kb = NULL;
	const char *kp = beside(sop, kantor_path, "kantor.yaml", kbuf);
	size_t kl;
	struct vctx v;

	if (yaml_read_file(kp, &kb, &kl, err) == -1) {
		if (err->cat == ADUAN_E_NOTFOUND)
			err->cat = ADUAN_E_CONFIG;
		return NULL;
	}
	L = office_parse(sop, kp, kb, kl, "", &v, err);
	free(kb);
	return L;
}

void
aduan_letters_free(struct aduan_letters *L)
{
	if (L == NULL)
		return;
	arena_free(&L->a);
	free(L);
}

const char *
aduan_letters_path(const struct aduan_letters *L, int which)
{
	return L->path[which ? 1 : 0];
}

int
aduan_letters_n(const struct aduan_letters *L)
{
	return L->nkinds;
}

const struct aduan_letter_kind *
aduan_letters_at(const struct aduan_letters *L, int i)
{
	return i >= 0 && i < L->nkinds ? &L->kinds[i].pub : NULL;
}

const struct aduan_letter_kind *
aduan_letters_kind(const struct aduan_letters *L, const char *jenis)
{
	int i;

	for (i = 0; i < L->nkinds; i++)
		if (ascii_casecmp(L->kinds[i].pub.jenis, jenis) == 0)
			return &L->kinds[i].pub;
	return NULL;
}

const char *
aduan_letters_office(const struct aduan_letters *L, int key)
{
	return key >= 0 && key < ADUAN_OFFICE_NKEYS ? L->office[key] : NULL;
}

int
aduan_letters_signer(const struct aduan_letters *L, int i,
    struct aduan_sign *out)
{
	const struct signer *g;

	memset(out, 0, sizeof(*out));
	if (i < 0 || i >= L->nsigners)
		return -1;
	g = &L->signers[i];
	out->jabatan = g->jabatan;
	out->nama = g->nama;
	out->pangkat = g->pangkat;
	out->nip = g->nip;
	return 0;
}

/* ---- Indonesian dates, and numbers in words ---- */

static const char *const hari[] = {
	"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"
};
static const char *const bulan[] = {
	"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"
};

/* n (0 <= n < 10000) in Indonesian words, appended to buf. */
static void
words(char *buf, size_t cap, int n)
{
	static const char *const unit[] = { "nol", "satu", "dua", "tiga",
	    "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
	    "sepuluh", "sebelas" };
	size_t l = strlen(buf);
	const char *sp = l && buf[l - 1] != ' ' ? " " : "";

#define ADD(...) (l = strlen(buf), snprintf(buf + l, cap - l, __VA_ARGS__))
	if (n < 12)
		ADD("%s%s", sp, unit[n]);
	else if (n < 20)
		ADD("%s%s belas", sp, unit[n - 10]);
	else if (n < 100) {
		ADD("%s%s puluh", sp, unit[n / 10]);
		if (n % 10)
			words(buf, cap, n % 10);
	} else if (n < 1000) {
		if (n / 100 == 1)
			ADD("%sseratus", sp);
		else
			ADD("%s%s ratus", sp, unit[n / 100]);
		if (n % 100)
			words(buf, cap, n % 100);
	} else {
		if (n / 1000 == 1)
			ADD("%sseribu", sp);
		else {
			words(buf, cap, n / 1000);
			ADD(" ribu");
		}
		if (n % 1000)
			words(buf, cap, n % 1000);
	}
#undef ADD
}

const char *
aduan_date_id(time_t t, long utcoff, int form, char *buf, size_t cap)
{
	/* Indonesia's three zones by their offset; another has none. */
	const char *zone = utcoff == 25200 ? "WIB" : utcoff == 28800 ?
	    "WITA" : utcoff == 32400 ? "WIT" : NULL;
	struct tm tm;
	time_t lt = t + utcoff;

	gmtime_r(&lt, &tm);
	buf[0] = '\0';
	switch (form) {
	case ADUAN_DATE_HARI:
		snprintf(buf, cap, "%s", hari[tm.tm_wday]);
		break;
	case ADUAN_DATE_PUKUL:
		snprintf(buf, cap, "%02d.%02d %s", tm.tm_hour, tm.tm_min,
		    zone ? zone : "");
		break;
	case ADUAN_DATE_LENGKAP:
		snprintf(buf, cap, "%s, %d %s %d pukul %02d.%02d %s",
		    hari[tm.tm_wday], tm.tm_mday, bulan[tm.tm_mon],
		    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, zone ? zone : "");
		break;
	case ADUAN_DATE_KATA:
		snprintf(buf, cap, "%s tanggal", hari[tm.tm_wday]);
		words(buf, cap, tm.tm_mday);
		snprintf(buf + strlen(buf), cap - strlen(buf), " bulan %s tahun",
		    bulan[tm.tm_mon]);
		words(buf, cap, tm.tm_year + 1900);
		break;
	default:
		snprintf(buf, cap, "%d %s %d", tm.tm_mday, bulan[tm.tm_mon],
		    tm.tm_year + 1900);
	}
	/* No zone: no trailing space. */
	if (buf[0] != '\0' && buf[strlen(buf) - 1] == ' ')
		buf[strlen(buf) - 1] = '\0';
	return buf;
}

/* ---- a letter made from a case ---- */

struct make {
	const struct aduan_letters *L;
	const struct kind *k;
	const struct aduan_case *c;
	struct aduan_letter *out;
	const char *untuk;
	long utcoff;
	struct aduan_err *err;
	char *buf;		/* the text being built */
	size_t len, cap;
	int oom;
};

static void
put(struct make *m, const char *s, size_t n)
{
	char *nb;

	if (m->len + n + 1 > m->cap) {
		size_t cap = m->cap ? m->cap : 256;

		while (cap < m->len + n + 1)
			cap *= 2;
		if ((nb = realloc(m->buf, cap)) == NULL) {
			m->oom = 1;
			return;
		}
		m->buf = nb;
		m->cap = cap;
	}
	memcpy(m->buf + m->len, s, n);
	m->len += n;
	m->buf[m->len] = '\0';
}

/*
 * The values a field of a step holds as it stands (a correction's, else
 * its last done event's), at most max into v: their number.
 */
static int
field_values(const struct aduan_case *c, int step, const char *field,
    const char **v, int max)
{
	const struct aduan_stepstate *ss = aduan_case_step(c, step);
	const struct aduan_event *e = NULL;
	int i, n = 0;

	if (aduan_case_value(c, step, field, &e) == NULL)
		return 0;
	if (e == NULL)
		e = ss->last;
	for (i = 0; i < e->nkv && n < max; i++)
		if (strcmp(e->kv[i].key, field) == 0)
			v[n++] = e->kv[i].val;
	return n;
}

#define MAXVAL 64

/* The values one name of a placeholder has in the case: their number. */
static int
alt_values(struct make *m, const struct alt *a, const char **v, time_t *t)
{
	const struct aduan_stepstate *ss;

	*t = 0;
	switch (a->what) {
	case P_KASUS:
		v[0] = aduan_case_id(m->c);
		return 1;
	case P_NOMOR:
		v[0] = m->out->v.nomor;
		return 1;
	case P_TANGGAL:
		*t = m->out->v.tanggal;
		return 1;
	case P_UNTUK:
		v[0] = m->untuk;
		return m->untuk != NULL;
	case P_OFFICE:
		v[0] = m->L->office[a->step];
		return v[0] != NULL && v[0][0] != '\0';
	case P_LANGKAH:
		ss = aduan_case_step(m->c, a->step);
		if (ss == NULL || ss->last == NULL)
			return 0;
		*t = ss->last->happened;
		return 1;
	default:
		if (a->time) {
			const char *s = aduan_case_value(m->c, a->step,
			    a->field, NULL);

			if (s == NULL || aduan_time_parse(s, 0, t, NULL) == -1)
				return 0;
			return 1;
		}
		return field_values(m->c, a->step, a->field, v, MAXVAL);
	}
}

/* A placeholder's text into m: 1, or 0 with the name it lacks. */
static int
put_ph(struct make *m, const struct ph *ph, const char **v, int *nv,
    const struct alt **missing)
{
	char tbuf[160];
	time_t t;
	int i, k, n;

	*nv = 0;
	for (i = 0; i < ph->nalt; i++) {
		if ((n = alt_values(m, &ph->alt[i], v, &t)) == 0)
			continue;
		if (t != 0) {
			aduan_date_id(t, m->utcoff, ph->form ? ph->form :
			    ph->alt[i].what == P_TANGGAL ? ADUAN_DATE_TANGGAL :
			    ADUAN_DATE_LENGKAP, tbuf, sizeof(tbuf));
			put(m, tbuf, strlen(tbuf));
			*nv = 1;
			return 1;
		}
		*nv = n;
		/* Many values: "A, B dan C". */
		for (k = 0; k < n; k++) {
			if (k > 0)
				put(m, k == n - 1 ? " dan " : ", ",
				    k == n - 1 ? 5 : 2);
			put(m, v[k], strlen(v[k]));
		}
		return 1;
	}
	if (ph->optional) {
		put(m, "..............................", 30);
		return 1;
	}
	*missing = &ph->alt[0];
	return 0;
}

static int
lacks(struct make *m, const struct alt *a)
{
	if (a->what == P_OFFICE)
		return err_at(m->err, ADUAN_E_CONFIG, m->L->path[0], 0, 0,
		    _("the letter needs kantor.%s, which is not given"),
		    aduan_office_keys[a->step]);
	if (a->what != P_FIELD)
		return err_case(m->err, ADUAN_E_REFUSED, aduan_case_id(m->c),
		    _("the letter needs the time of step %d, which is not "
		    "recorded"), a->step);
	err_case(m->err, ADUAN_E_REFUSED, aduan_case_id(m->c), _("the letter "
	    "needs '%s' of step %d, which the case does not have"), a->field,
	    a->step);
	{
		snprintf(m->err->field, sizeof(m->err->field), "%s", a->field);
		m->err->step = a->step;
	}
	return -1;
}

/* Template text t with the case's values, into the letter's arena. */
static const char *
expand(struct make *m, const struct tmpl *t)
{
	const char *v[MAXVAL];
	const struct alt *miss;
	int i, nv;

	m->len = 0;
	put(m, "", 0);
	for (i = 0; i < t->n; i++) {
		if (t->p[i].literal)
			put(m, t->p[i].text, t->p[i].len);
		else if (!put_ph(m, &t->p[i], v, &nv, &miss)) {
			lacks(m, miss);
			return NULL;
		}
	}
	if (m->oom) {
		err_set(m->err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	return arena_strndup(&m->out->a, m->buf, m->len);
}

/*
 * A list block: each value of its one placeholder, with the text around
 * it, an item.  The template is "{5.pihak}" or "Saudara {6.pihak|5.pihak}".
 */
static int
expand_list(struct make *m, const struct tmpl *t, struct aduan_block *b)
{
	const char *v[MAXVAL], *items[MAXVAL];
	const struct alt *miss = NULL;
	int i, k, nv = 0, at = -1;
	time_t tt;

	for (i = 0; i < t->n; i++)
		if (!t->p[i].literal) {
			for (k = 0; k < t->p[i].nalt; k++) {
				if ((nv = alt_values(m, &t->p[i].alt[k], v,
				    &tt)) > 0 && tt == 0)
					break;
				nv = 0;
			}
			at = i;
			if (nv == 0)
				miss = &t->p[i].alt[0];
			break;
		}
	if (at == -1 || nv == 0) {
		const char *s = at == -1 || t->p[at].optional ? expand(m, t) :
		    NULL;

		if (s == NULL && at != -1 && !t->p[at].optional)
			return lacks(m, miss);
		if (s == NULL)
			return -1;
		items[0] = s;
		nv = 1;
	} else
		for (k = 0; k < nv; k++) {
			m->len = 0;
			put(m, "", 0);
			for (i = 0; i < t->n; i++)
				if (i == at)
					put(m, v[k], strlen(v[k]));
				else if (t->p[i].literal)
					put(m, t->p[i].text, t->p[i].len);
				else {
					const char *w[MAXVAL];
					int n2;

					if (!put_ph(m, &t->p[i], w, &n2,
					    &miss))
						return lacks(m, miss);
				}
			if (m->oom || (items[k] = arena_strndup(&m->out->a,
			    m->buf, m->len)) == NULL)
				return err_set(m->err, ADUAN_E_IO,
				    _("out of memory"));
		}
	if ((b->items = arena_alloc(&m->out->a, (size_t)nv *
	    sizeof(*b->items))) == NULL)
		return err_set(m->err, ADUAN_E_IO, _("out of memory"));
	memcpy((void *)b->items, items, (size_t)nv * sizeof(*items));
	b->nitems = nv;
	return 0;
}

/* Who signs for s: the office's signatory, or the case's officer. */
static void
sign_of(struct make *m, const struct tsign *s, struct aduan_sign *out)
{
	const struct signer *g = s->who;
	const char *who = g->peran ? aduan_case_person(m->c, g->peran) : NULL;

	out->atas = s->atas;
	out->jabatan = g->jabatan;
	out->nama = g->nama;
	out->pangkat = g->pangkat;
	out->nip = g->nip;
	/*
	 * The officer the case names signs; the rank and NIP the office
	 * lists are theirs only if the name is the one listed.
	 */
	if (who != NULL && (g->nama == NULL || ascii_casecmp(who, g->nama))) {
		out->nama = who;
		out->pangkat = NULL;
		out->nip = NULL;
	}
}

static int
make_blocks(struct make *m)
{
	const struct kind *k = m->k;
	struct aduan_block *bs;
	int i, j;

	if ((bs = arena_alloc(&m->out->a, (size_t)k->nb * sizeof(*bs))) ==
	    NULL)
		return err_set(m->err, ADUAN_E_IO, _("out of memory"));
	for (i = 0; i < k->nb; i++) {
		const struct tblock *t = &k->b[i];
		struct aduan_block *b = &bs[i];

		b->kind = t->kind;
		switch (t->kind) {
		case ADUAN_BLK_KOP:
		case ADUAN_BLK_JARAK:
			break;
		case ADUAN_BLK_TABEL:
			if ((b->items = arena_alloc(&m->out->a,
			    (size_t)t->ncells * sizeof(char *))) == NULL)
				return err_set(m->err, ADUAN_E_IO,
				    _("out of memory"));
			for (j = 0; j < t->ncells; j++)
				if ((((const char **)b->items)[j] = expand(m,
				    &t->cells[j])) == NULL)
					return -1;
			b->nitems = t->ncells;
			break;
		case ADUAN_BLK_TTD: {
			struct aduan_sign *s = arena_alloc(&m->out->a,
			    (size_t)t->nsigns * sizeof(*s));

			if (s == NULL)
				return err_set(m->err, ADUAN_E_IO,
				    _("out of memory"));
			for (j = 0; j < t->nsigns; j++)
				sign_of(m, &t->signs[j], &s[j]);
			b->signs = s;
			b->nsigns = t->nsigns;
			break;
		}
		case ADUAN_BLK_DAFTAR:
		case ADUAN_BLK_TTDPIHAK:
			if (expand_list(m, &t->list, b) == -1)
				return -1;
			break;
		default:
			if ((b->text = expand(m, &t->text)) == NULL)
				return -1;
		}
	}
	m->out->v.blocks = bs;
	m->out->v.nblocks = k->nb;
	return 0;
}

/* The number format with the letter's number and date put in. */
static void
format_number(const char *fmt, long urut, time_t t, long utcoff, char *out,
    size_t cap)
{
	static const char *const roman[] = { "I", "II", "III", "IV", "V",
	    "VI", "VII", "VIII", "IX", "X", "XI", "XII" };
	struct tm tm;
	time_t lt = t + utcoff;
	size_t l = 0;
	const char *p;

	gmtime_r(&lt, &tm);
	out[0] = '\0';
	for (p = fmt; *p != '\0' && l + 1 < cap; ) {
		const char *q = *p == '{' ? strchr(p, '}') : NULL;
		int w;

		if (q == NULL) {
			out[l++] = *p++;
			out[l] = '\0';
			continue;
		}
		w = 0;
		if (strncmp(p, "{urut}", 6) == 0)
			w = snprintf(out + l, cap - l, "%ld", urut);
		else if (strncmp(p, "{tahun}", 7) == 0)
			w = snprintf(out + l, cap - l, "%d", tm.tm_year + 1900);
		else if (strncmp(p, "{bulan}", 7) == 0)
			w = snprintf(out + l, cap - l, "%d", tm.tm_mon + 1);
		else if (strncmp(p, "{romawi}", 8) == 0)
			w = snprintf(out + l, cap - l, "%s", roman[tm.tm_mon]);
		if (w > 0)
			l += (size_t)w < cap - l ? (size_t)w : cap - l - 1;
		p = q + 1;
	}
}

int
aduan_letter_count(const struct aduan_letters *L, const struct aduan_case *c,
    const struct aduan_letter_kind *kind,
    const char *names[ADUAN_LETTERS_MAX], struct aduan_err *err)
{
	const struct aduan_stepstate *ss = aduan_case_step(c, kind->step);

	(void)L;
	names[0] = NULL;
	if (ss == NULL || ss->done == 0) {
		err_case(err, ADUAN_E_REFUSED, aduan_case_id(c), _("%s comes "
		    "from step %d, which the case has not recorded yet"),
		    kind->nama, kind->step);
		err->sop = aduan_case_sop(c);
		return err_hint(err, ADUAN_HINT_STEP, kind->step);
	}
	if (kind->untuk == NULL)
		return 1;
	return field_values(c, kind->step, kind->untuk, names,
	    ADUAN_LETTERS_MAX);
}

struct aduan_letter *
aduan_letter_make(struct aduan_store *st, const struct aduan_letters *L,
    const struct aduan_case *c, const struct aduan_letter_kind *kind,
    int index, time_t now, struct aduan_err *err)
{
	const struct kind *k = (const struct kind *)kind;
	const struct aduan_stepstate *ss = aduan_case_step(c, kind->step);
	const char *names[ADUAN_LETTERS_MAX];
	struct make m;
	struct tm tm;
	time_t lt;
	long num;
	int n;

	if ((n = aduan_letter_count(L, c, kind, names, err)) == -1)
		return NULL;
	if (index < 0 || index >= n) {
		err_case(err, ADUAN_E_USAGE, aduan_case_id(c), _("%s: there is "
		    "no letter %d (there are %d)"), kind->nama, index + 1, n);
		return NULL;
	}
	memset(&m, 0, sizeof(m));
	if ((m.out = calloc(1, sizeof(*m.out))) == NULL) {
		err_set(err, ADUAN_E_IO, _("out of memory"));
		return NULL;
	}
	m.L = L;
	m.k = k;
	m.c = c;
	m.err = err;
	m.utcoff = aduan_cal_utcoff(aduan_sop_cal(aduan_case_sop(c)));
	m.untuk = kind->untuk ? names[index] : NULL;
	m.out->v.kind = kind;
	m.out->v.index = index;
	m.out->v.untuk = m.untuk;
	/* Which letter: of this kind, of the step's last record, for whom. */
	snprintf(m.out->v.key, sizeof(m.out->v.key), "%ld.%d",
	    ss->last->seq, index + 1);
	/* Printed before: its number and date, else a new number. */
	if (printed_recall(c, &m.out->v) == 0) {
		/*
		 * Made once without its number first: a letter refused for a
		 * value it lacks takes no number from the register.
		 */
		snprintf(m.out->v.nomor, sizeof(m.out->v.nomor), "-");
		m.out->v.tanggal = now;
		if (make_blocks(&m) == -1)
			goto fail;
		lt = now + m.utcoff;
		gmtime_r(&lt, &tm);
		if ((num = printed_take(st, c, &m.out->v, tm.tm_year + 1900,
		    err)) == -1)
			goto fail;
		format_number(k->nomor, num, now, m.utcoff, m.out->v.nomor,
		    sizeof(m.out->v.nomor));
		m.out->v.tanggal = now;
	}
	if (make_blocks(&m) == -1)
		goto fail;
	free(m.buf);
	return m.out;
fail:
	free(m.buf);
	aduan_letter_free(m.out);
	return NULL;
}

const struct aduan_letter_view *
aduan_letter_view(const struct aduan_letter *l)
{
	return &l->v;
}

void
aduan_letter_free(struct aduan_letter *l)
{
	if (l == NULL)
		return;
	arena_free(&l->a);
	free(l);
}
