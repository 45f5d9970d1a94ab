/*
 * pdf.c - a letter's blocks drawn on A4 as PDF, with cairo and pango.
 * Only the commands that print documents link this file (and cairo).
 *
 * The page follows the office letter as Tata Naskah Dinas sets it out
 * (aduan-surat(5)): A4, margins of 3 cm at the left and 2.5 cm at the
 * others, one typeface (Arial's metrics: Liberation Sans) at 12 points,
 * the letterhead over a double rule, paragraphs justified without
 * hyphens, signatures never split from their name, and the page number
 * at the top of every page after the first.  Every value is laid out as
 * text, never as pango markup.  The file is the same bytes each time the
 * same letter is drawn: its date is the letter's, not the clock's.
 */
#include <sys/stat.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "pdf.h"

#define MM (72.0 / 25.4)
#define PAGE_W (p->w)
#define PAGE_H (p->h)
#define LEFT (30 * MM)
#define RIGHT (25 * MM)
#define TOP (25 * MM)
#define BOTTOM (25 * MM)
#define WIDTH (PAGE_W - LEFT - RIGHT)
#define GAP 6.0			/* points after a paragraph */
#define SIGN_SPACE 62.0		/* points left blank to sign in */

struct pdf {
	const struct aduan_letters *L;
	cairo_surface_t *s;
	cairo_t *cr;
	const char *face;
	double w, h;		/* the page, in points */
	double y;
	int page;
	unsigned char *buf;
	size_t len, cap;
	int oom;
	/* The grid being drawn, whose head each new page repeats. */
	const struct pdf_grid *grid;
};

static cairo_status_t
collect(void *arg, const unsigned char *data, unsigned int n)
{
	struct pdf *p = arg;

	if (p->len + n > p->cap) {
		size_t cap = p->cap ? p->cap : 65536;
		unsigned char *nb;

		while (cap < p->len + n)
			cap *= 2;
		if ((nb = realloc(p->buf, cap)) == NULL) {
			p->oom = 1;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		p->buf = nb;
		p->cap = cap;
	}
	memcpy(p->buf + p->len, data, n);
	p->len += n;
	return CAIRO_STATUS_SUCCESS;
}

enum { A_LEFT, A_CENTER, A_RIGHT, A_JUSTIFY };

/* A layout of plain text (never markup) in the face, size and style. */
static PangoLayout *
layout(struct pdf *p, const char *text, double width, int align, int bold,
    int underline, double size)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_new();
	PangoAttrList *al = pango_attr_list_new();

	pango_font_description_set_family(fd, p->face);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	/* A word is never broken with a hyphen; a word longer than the
	   line is broken where it must be. */
	pango_attr_list_insert(al, pango_attr_insert_hyphens_new(FALSE));
	if (underline)
		pango_attr_list_insert(al,
		    pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
	pango_layout_set_attributes(l, al);
	pango_attr_list_unref(al);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	/* The letter reads left to right, whatever a value is written in. */
	pango_layout_set_auto_dir(l, FALSE);
	pango_layout_set_alignment(l, align == A_CENTER ? PANGO_ALIGN_CENTER :
	    align == A_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_justify(l, align == A_JUSTIFY);
	if (size >= 12)
		pango_layout_set_line_spacing(l, 1.15f);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double
height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void grid_head(struct pdf *);

static void
new_page(struct pdf *p)
{
	char no[32];
	PangoLayout *l;

	cairo_show_page(p->cr);
	p->page++;
	p->y = TOP - 12;
	snprintf(no, sizeof(no), "- %d -", p->page);
	l = layout(p, no, WIDTH, A_CENTER, 0, 0, 11);
	cairo_move_to(p->cr, LEFT, p->y);
	pango_cairo_show_layout(p->cr, l);
	p->y += height(l) + 12;
	g_object_unref(l);
	if (p->grid != NULL)
		grid_head(p);
}

/* Room for h points, on this page or the next. */
static void
need(struct pdf *p, double h)
{
	if (p->y + h > PAGE_H - BOTTOM && p->y > TOP + 30)
		new_page(p);
}

/* Draw l at x, line by line, going on to a new page where it must. */
static void
flow(struct pdf *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double top = p->y, shift = 0;

	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle r;
		int base = pango_layout_iter_get_baseline(it);

		pango_layout_iter_get_line_extents(it, NULL, &r);
		if (top + shift + (double)(r.y + r.height) / PANGO_SCALE >
		    PAGE_H - BOTTOM) {
			new_page(p);
			shift = p->y - top - (double)r.y / PANGO_SCALE;
		}
		cairo_move_to(p->cr, x + (double)r.x / PANGO_SCALE,
		    top + shift + (double)base / PANGO_SCALE);
		pango_cairo_show_layout_line(p->cr, line);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y = top + shift + height(l);
}

static void
text_block(struct pdf *p, const char *s, double x, double w, int align,
    int bold, int underline, double after)
{
	PangoLayout *l = layout(p, s, w, align, bold, underline, 12);

	flow(p, l, x);
	g_object_unref(l);
	p->y += after;
}

static void
kop(struct pdf *p, const struct aduan_letters *L)
{
	const char *emblem = aduan_letters_office(L, ADUAN_OFFICE_LAMBANG);
	const char *lines[2] = {
		aduan_letters_office(L, ADUAN_OFFICE_PEMERINTAH),
		aduan_letters_office(L, ADUAN_OFFICE_NAMA),
	};
	char contact[1600] = "";
	double y0 = 15 * MM, x = LEFT, w = WIDTH, emh = 0;
	static const int ckeys[] = { ADUAN_OFFICE_ALAMAT,
	    ADUAN_OFFICE_TELEPON, ADUAN_OFFICE_EMAIL, ADUAN_OFFICE_LAMAN };
	static const char *const clabel[] = { "", "Telepon ", "Pos-el ",
	    "Laman " };
	PangoLayout *l;
	size_t i;
	int lined = 0;

	p->y = y0;
	if (emblem != NULL) {
		cairo_surface_t *img = cairo_image_surface_create_from_png(
		    emblem);

		if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS &&
		    cairo_image_surface_get_height(img) > 0) {
			double ih = cairo_image_surface_get_height(img);
			double iw = cairo_image_surface_get_width(img);
			double sc = (25 * MM) / ih;

			cairo_save(p->cr);
			cairo_translate(p->cr, LEFT, y0);
			cairo_scale(p->cr, sc, sc);
			cairo_set_source_surface(p->cr, img, 0, 0);
			cairo_paint(p->cr);
			cairo_restore(p->cr);
			emh = 25 * MM;
			x = LEFT + iw * sc + 4 * MM;
			w = PAGE_W - RIGHT - x;
		}
		cairo_surface_destroy(img);
	}
	for (i = 0; i < 2; i++) {
		l = layout(p, lines[i], w, A_CENTER, 1, 0, i ? 16 : 14);
		cairo_move_to(p->cr, x, p->y);
		pango_cairo_show_layout(p->cr, l);
		p->y += height(l);
		g_object_unref(l);
	}
	for (i = 0; i < 4; i++) {
		const char *v = aduan_letters_office(L, ckeys[i]);

		if (v == NULL || *v == '\0')
			continue;
		/* The address a line, the ways to reach the office the next. */
		snprintf(contact + strlen(contact), sizeof(contact) -
		    strlen(contact), "%s%s%s", contact[0] == '\0' ? "" :
		    i > 0 && !lined ? "\n" : "  ", clabel[i], v);
		lined |= i > 0;
	}
	if (contact[0] != '\0') {
		l = layout(p, contact, w, A_CENTER, 0, 0, 10);
		cairo_move_to(p->cr, x, p->y);
		pango_cairo_show_layout(p->cr, l);
		p->y += height(l);
		g_object_unref(l);
	}
	if (p->y < y0 + emh)
		p->y = y0 + emh;
	p->y += 3;
	/* The double rule under the letterhead: thick, then thin. */
	cairo_set_line_width(p->cr, 2.2);
	cairo_move_to(p->cr, LEFT, p->y);
	cairo_line_to(p->cr, PAGE_W - RIGHT, p->y);
	cairo_stroke(p->cr);
	cairo_set_line_width(p->cr, 0.7);
	cairo_move_to(p->cr, LEFT, p->y + 2.6);
	cairo_line_to(p->cr, PAGE_W - RIGHT, p->y + 2.6);
	cairo_stroke(p->cr);
	p->y += 16;
}

static void
table(struct pdf *p, const struct aduan_block *b)
{
	double lw = 0, colon, vx;
	int i;

	for (i = 0; i + 1 < b->nitems; i += 2) {
		PangoLayout *l = layout(p, b->items[i], WIDTH * 0.4, A_LEFT, 0,
		    0, 12);
		int w, h;

		pango_layout_get_size(l, &w, &h);
		if ((double)w / PANGO_SCALE > lw)
			lw = (double)w / PANGO_SCALE;
		g_object_unref(l);
	}
	colon = LEFT + 12 + lw + 6;
	vx = colon + 10;
	for (i = 0; i + 1 < b->nitems; i += 2) {
		PangoLayout *lab = layout(p, b->items[i], WIDTH * 0.4, A_LEFT,
		    0, 0, 12);
		PangoLayout *val = layout(p, b->items[i + 1], PAGE_W - RIGHT -
		    vx, A_LEFT, 0, 0, 12);
		PangoLayout *c = layout(p, ":", 10, A_LEFT, 0, 0, 12);
		double h = height(lab) > height(val) ? height(lab) :
		    height(val);

		need(p, h < 60 ? h : 60);
		cairo_move_to(p->cr, LEFT + 12, p->y);
		pango_cairo_show_layout(p->cr, lab);
		cairo_move_to(p->cr, colon, p->y);
		pango_cairo_show_layout(p->cr, c);
		if (height(val) >= height(lab))
			flow(p, val, vx);
		else {
			cairo_move_to(p->cr, vx, p->y);
			pango_cairo_show_layout(p->cr, val);
			p->y += h;
		}
		g_object_unref(lab);
		g_object_unref(val);
		g_object_unref(c);
	}
	p->y += GAP;
}

static void
list(struct pdf *p, const struct aduan_block *b)
{
	char no[16];
	int i;

	for (i = 0; i < b->nitems; i++) {
		PangoLayout *n, *t;

		snprintf(no, sizeof(no), "%d.", i + 1);
		n = layout(p, no, 24, A_LEFT, 0, 0, 12);
		t = layout(p, b->items[i], WIDTH - 36, A_LEFT, 0, 0, 12);
		need(p, height(n));
		cairo_move_to(p->cr, LEFT + 12, p->y);
		pango_cairo_show_layout(p->cr, n);
		flow(p, t, LEFT + 36);
		g_object_unref(n);
		g_object_unref(t);
	}
	p->y += GAP;
}

/*
 * A centred line of a signature in the column at x, width w, at y, drawn
 * when draw: its height.
 */
static double
centred(struct pdf *p, const char *text, double x, double y, double w,
    int bold, int underline, int draw)
{
	PangoLayout *l = layout(p, text, w, A_CENTER, bold, underline, 12);
	double h = height(l);

	if (draw) {
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, l);
	}
	g_object_unref(l);
	return h;
}

/* The lines above a signature, atas then jabatan, drawn when draw. */
static double
above(struct pdf *p, const struct aduan_sign *s, double x, double w,
    double y, int draw)
{
	double h = 0;

	if (s != NULL && s->atas != NULL)
		h += centred(p, s->atas, x, y + h, w, 0, 0, draw);
	if (s != NULL && s->jabatan != NULL)
		h += centred(p, s->jabatan, x, y + h, w, 0, 0, draw);
	return h;
}

/*
 * One signature in the column at x, width w, from y: the lines above it,
 * then the room to sign, from top below y so that two side by side have
 * their names on one line, then the name, rank and NIP.  Its height.
 */
static double
sign(struct pdf *p, const struct aduan_sign *s, const char *name, double x,
    double w, double y, double top, int draw)
{
	char nip[600];
	double h = above(p, s, x, w, y, draw);

	if (top > h)
		h = top;
	h += SIGN_SPACE;
	h += centred(p, name && *name ? name :
	    "(................................)", x, y + h, w, 1,
	    name && *name, draw);
	/* An officer's NIP; one the office does not list is written in. */
	if (s != NULL && (s->pangkat || s->nip || (s->nama == name && name))) {
		snprintf(nip, sizeof(nip), "%s%sNIP. %s", s->pangkat ?
		    s->pangkat : "", s->pangkat ? "\n" : "", s->nip ? s->nip :
		    "..............................");
		h += centred(p, nip, x, y + h, w, 0, 0, draw);
	}
	return h;
}

/* Signatures two to a row, a single one in the right half. */
static void
signatures(struct pdf *p, const struct aduan_block *b)
{
	int n = b->kind == ADUAN_BLK_TTD ? b->nsigns : b->nitems;
	double cw = WIDTH / 2, h, h2;
	int i;

	for (i = 0; i < n; i += 2) {
		const struct aduan_sign *s1 = b->kind == ADUAN_BLK_TTD ?
		    &b->signs[i] : NULL;
		const struct aduan_sign *s2 = b->kind == ADUAN_BLK_TTD &&
		    i + 1 < n ? &b->signs[i + 1] : NULL;
		const char *n1 = s1 ? s1->nama : b->items[i];
		const char *n2 = i + 1 < n ? s2 ? s2->nama : b->items[i + 1] :
		    NULL;
		double x1 = i + 1 < n ? LEFT : LEFT + cw, top;

		top = above(p, s1, 0, cw, 0, 0);
		if (i + 1 < n && above(p, s2, 0, cw, 0, 0) > top)
			top = above(p, s2, 0, cw, 0, 0);
		h = sign(p, s1, n1, x1, cw, 0, top, 0);
		h2 = i + 1 < n ? sign(p, s2, n2, LEFT + cw, cw, 0, top, 0) : 0;
		need(p, h > h2 ? h : h2);
		sign(p, s1, n1, x1, cw, p->y, top, 1);
		if (i + 1 < n)
			sign(p, s2, n2, LEFT + cw, cw, p->y, top, 1);
		p->y += (h > h2 ? h : h2) + 18;
	}
}

struct pdf *
pdf_open(const struct aduan_letters *L, const char *title,
    const char *iso_date, int landscape)
{
	struct pdf *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->L = L;
	p->face = aduan_letters_office(L, ADUAN_OFFICE_HURUF);
	if (p->face == NULL)
		p->face = "Liberation Sans";
	p->w = (landscape ? 297 : 210) * MM;
	p->h = (landscape ? 210 : 297) * MM;
	p->page = 1;
	p->y = TOP;
	p->s = cairo_pdf_surface_create_for_stream(collect, p, p->w, p->h);
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_AUTHOR,
	    aduan_letters_office(L, ADUAN_OFFICE_NAMA));
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_CREATOR,
	    "aduan " ADUAN_VERSION);
	/* The document's own date, so that it is the same file every time. */
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_CREATE_DATE,
	    iso_date);
	p->cr = cairo_create(p->s);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	return p;
}

void
pdf_block(struct pdf *p, const struct aduan_block *b)
{
	switch (b->kind) {
	case ADUAN_BLK_KOP:
		kop(p, p->L);
		break;
	case ADUAN_BLK_JUDUL:
		need(p, 40);
		text_block(p, b->text, LEFT, WIDTH, A_CENTER, 1, 1, 0);
		break;
	case ADUAN_BLK_TENGAH:
		text_block(p, b->text, LEFT, WIDTH, A_CENTER, 0, 0, GAP);
		break;
	case ADUAN_BLK_KANAN:
		text_block(p, b->text, LEFT + WIDTH / 2, WIDTH / 2, A_LEFT, 0,
		    0, GAP);
		break;
	case ADUAN_BLK_KIRI:
		text_block(p, b->text, LEFT, WIDTH, A_LEFT, 0, 0, GAP);
		break;
	case ADUAN_BLK_TEKS:
		text_block(p, b->text, LEFT, WIDTH, A_JUSTIFY, 0, 0, GAP);
		break;
	case ADUAN_BLK_TABEL:
		table(p, b);
		break;
	case ADUAN_BLK_DAFTAR:
		list(p, b);
		break;
	case ADUAN_BLK_TTD:
	case ADUAN_BLK_TTDPIHAK:
		signatures(p, b);
		break;
	case ADUAN_BLK_JARAK:
		p->y += 14;
		break;
	}
}

/* ---- charts and grids, for the recap and the register ---- */

void
pdf_heading(struct pdf *p, const char *text, double keep)
{
	need(p, 20 + keep);
	p->y += 4;
	text_block(p, text, LEFT, WIDTH, A_LEFT, 1, 0, 4);
}

void
pdf_bars(struct pdf *p, const char *const *labels, const double *values,
    int n, int percent)
{
	double max = 0, lw = 0, bh = 14, x0, w;
	char num[32];
	int i;

	for (i = 0; i < n; i++) {
		PangoLayout *l = layout(p, labels[i], WIDTH * 0.45, A_LEFT, 0,
		    0, 10);
		int lwid, lh;

		pango_layout_get_size(l, &lwid, &lh);
		if ((double)lwid / PANGO_SCALE > lw)
			lw = (double)lwid / PANGO_SCALE;
		g_object_unref(l);
		if (values[i] > max)
			max = values[i];
	}
	if (percent)
		max = 100;
	x0 = LEFT + lw + 8;
	w = PAGE_W - RIGHT - x0 - 50;
	for (i = 0; i < n; i++) {
		PangoLayout *l = layout(p, labels[i], WIDTH * 0.45, A_LEFT, 0,
		    0, 10);
		PangoLayout *v;
		double bw = max > 0 ? w * values[i] / max : 0;

		need(p, bh + 4);
		cairo_move_to(p->cr, LEFT, p->y);
		pango_cairo_show_layout(p->cr, l);
		/* The bar, grey, then its figure after it. */
		cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
		cairo_rectangle(p->cr, x0, p->y + 2, bw, bh - 4);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		if (percent)
			snprintf(num, sizeof(num), "%.0f%%", values[i]);
		else
			snprintf(num, sizeof(num), "%.0f", values[i]);
		v = layout(p, num, 60, A_LEFT, 0, 0, 10);
		cairo_move_to(p->cr, x0 + bw + 4, p->y);
		pango_cairo_show_layout(p->cr, v);
		p->y += height(l) > bh ? height(l) + 2 : bh + 2;
		g_object_unref(l);
		g_object_unref(v);
	}
	p->y += GAP;
}

void
pdf_columns(struct pdf *p, const char *const *labels, const double *a,
    const double *b, int n)
{
	double max = 1, ch = 90, cw = WIDTH / n, base;
	int i;

	for (i = 0; i < n; i++) {
		if (a[i] > max)
			max = a[i];
		if (b != NULL && b[i] > max)
			max = b[i];
	}
	need(p, ch + 30);
	base = p->y + ch;
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, LEFT, base);
	cairo_line_to(p->cr, PAGE_W - RIGHT, base);
	cairo_stroke(p->cr);
	for (i = 0; i < n; i++) {
		double x = LEFT + i * cw, ha = ch * a[i] / max;
		double hb = b ? ch * b[i] / max : 0;
		PangoLayout *l = layout(p, labels[i], cw, A_CENTER, 0, 0, 8);
		char num[24];
		PangoLayout *v;

		/* Filed dark, closed light, side by side. */
		cairo_set_source_rgb(p->cr, 0.25, 0.25, 0.25);
		cairo_rectangle(p->cr, x + cw * 0.15, base - ha, cw * 0.33, ha);
		cairo_fill(p->cr);
		if (b != NULL) {
			cairo_set_source_rgb(p->cr, 0.65, 0.65, 0.65);
			cairo_rectangle(p->cr, x + cw * 0.52, base - hb,
			    cw * 0.33, hb);
			cairo_fill(p->cr);
		}
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		snprintf(num, sizeof(num), "%.0f", a[i]);
		v = layout(p, num, cw * 0.5, A_CENTER, 0, 0, 7);
		cairo_move_to(p->cr, x + cw * 0.06, base - ha - 10);
		pango_cairo_show_layout(p->cr, v);
		g_object_unref(v);
		cairo_move_to(p->cr, x, base + 2);
		pango_cairo_show_layout(p->cr, l);
		g_object_unref(l);
	}
	p->y = base + 26;
}

/* The head of the grid being drawn, at the top of a page or the grid. */
static void
grid_head(struct pdf *p)
{
	const struct pdf_grid *g = p->grid;
	double x = LEFT, h = 0;
	int i;

	for (i = 0; i < g->ncols; i++) {
		PangoLayout *l = layout(p, g->head[i], g->width[i] * WIDTH - 4,
		    A_CENTER, 1, 0, 9);

		if (height(l) > h)
			h = height(l);
		g_object_unref(l);
	}
	for (i = 0; i < g->ncols; i++) {
		PangoLayout *l = layout(p, g->head[i], g->width[i] * WIDTH - 4,
		    A_CENTER, 1, 0, 9);

		cairo_rectangle(p->cr, x, p->y, g->width[i] * WIDTH, h + 4);
		cairo_set_line_width(p->cr, 0.6);
		cairo_stroke(p->cr);
		cairo_move_to(p->cr, x + 2, p->y + 2);
		pango_cairo_show_layout(p->cr, l);
		g_object_unref(l);
		x += g->width[i] * WIDTH;
	}
	p->y += h + 4;
}

void
pdf_grid_begin(struct pdf *p, const struct pdf_grid *g)
{
	need(p, 60);
	p->grid = g;
	grid_head(p);
}

void
pdf_grid_row(struct pdf *p, const char *const *cells)
{
	const struct pdf_grid *g = p->grid;
	PangoLayout *l[16];
	double x = LEFT, h = 0;
	int i, n = g->ncols < 16 ? g->ncols : 16;

	for (i = 0; i < n; i++) {
		l[i] = layout(p, cells[i], g->width[i] * WIDTH - 4, A_LEFT, 0,
		    0, 9);
		if (height(l[i]) > h)
			h = height(l[i]);
	}
	/* A row is never split: it goes whole to the next page. */
	if (p->y + h + 4 > PAGE_H - BOTTOM)
		new_page(p);
	for (i = 0; i < n; i++) {
		cairo_rectangle(p->cr, x, p->y, g->width[i] * WIDTH, h + 4);
		cairo_set_line_width(p->cr, 0.4);
		cairo_stroke(p->cr);
		cairo_move_to(p->cr, x + 2, p->y + 2);
		pango_cairo_show_layout(p->cr, l[i]);
		g_object_unref(l[i]);
		x += g->width[i] * WIDTH;
	}
	p->y += h + 4;
}

void
pdf_grid_end(struct pdf *p)
{
	p->grid = NULL;
	p->y += GAP;
}

int
pdf_close(struct pdf *p, unsigned char **out, size_t *len)
{
	int bad;

	cairo_show_page(p->cr);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->s);
	bad = cairo_surface_status(p->s) != CAIRO_STATUS_SUCCESS || p->oom;
	cairo_surface_destroy(p->s);
	if (bad) {
		free(p->buf);
		free(p);
		return -1;
	}
	*out = p->buf;
	*len = p->len;
	free(p);
	return 0;
}

int
pdf_letter(const struct aduan_letters *L, const struct aduan_letter_view *v,
    const char *iso_date, unsigned char **out, size_t *len)
{
	char title[512];
	struct pdf *p;
	int i;

	snprintf(title, sizeof(title), "%s %s", v->kind->nama, v->nomor);
	if ((p = pdf_open(L, title, iso_date, 0)) == NULL)
		return -1;
	for (i = 0; i < v->nblocks; i++) {
		/*
		 * The place and date, or a line such as "Para pihak,", go
		 * to the next page with the signatures they head.
		 */
		if ((v->blocks[i].kind == ADUAN_BLK_KANAN ||
		    v->blocks[i].kind == ADUAN_BLK_TENGAH) &&
		    i + 1 < v->nblocks &&
		    (v->blocks[i + 1].kind == ADUAN_BLK_TTD ||
		    v->blocks[i + 1].kind == ADUAN_BLK_TTDPIHAK))
			need(p, 170);
		pdf_block(p, &v->blocks[i]);
	}
	return pdf_close(p, out, len);
}

/* All of b to fd: 0, or -1 with errno. */
static int
write_all_fd(int fd, const unsigned char *b, size_t n)
{
	size_t off = 0;
	ssize_t w;

	while (off < n) {
		if ((w = write(fd, b + off, n - off)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)w;
	}
	return 0;
}

int
pdf_save(const char *path, const unsigned char *b, size_t n)
{
	char tmp[PATH_MAX], real[PATH_MAX];
	struct stat sb;
	int fd, e;

	/*
	 * A device or a pipe (/dev/null, /dev/stdout) is written to, not
	 * replaced; a symbolic link to a file is followed, so that the file
	 * is replaced and the link kept; anything else is made whole beside
	 * its name.
	 */
	if (stat(path, &sb) == 0 && (S_ISCHR(sb.st_mode) ||
	    S_ISFIFO(sb.st_mode))) {
		if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
			return -1;
		if (write_all_fd(fd, b, n) == -1) {
			e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		return close(fd);
	}
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		if (realpath(path, real) == NULL)
			return -1;
		path = real;
	}
	if (snprintf(tmp, sizeof(tmp), "%s.tmpXXXXXX", path) >=
	    (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkstemp(tmp)) == -1)
		return -1;
	if (write_all_fd(fd, b, n) == -1)
		goto fail;
	if (fchmod(fd, 0640) == -1 || fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	if (rename(tmp, path) == -1) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	e = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	errno = e;
	return -1;
}
