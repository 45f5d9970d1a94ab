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
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pdf.h"

#define MM (72.0 / 25.4)
#define PAGE_W (210 * MM)
#define PAGE_H (297 * MM)
#define LEFT (30 * MM)
#define RIGHT (25 * MM)
#define TOP (25 * MM)
#define BOTTOM (25 * MM)
#define WIDTH (PAGE_W - LEFT - RIGHT)
#define GAP 6.0			/* points after a paragraph */
#define SIGN_SPACE 62.0		/* points left blank to sign in */

struct pdf {
	cairo_surface_t *s;
	cairo_t *cr;
	const char *face;
	double y;
	int page;
	unsigned char *buf;
	size_t len, cap;
	int oom;
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
		snprintf(contact + strlen(contact), sizeof(contact) -
		    strlen(contact), "%s%s%s", contact[0] ? i == 1 ? "\n" :
		    "  " : "", clabel[i], v);
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

/* One signature in the column at x, width w, from the current y. */
static double
sign(struct pdf *p, const struct aduan_sign *s, const char *name, double x,
    double w, double y, int draw)
{
	char nip[600];
	const char *above[2] = { s ? s->atas : NULL, s ? s->jabatan : NULL };
	double h = 0;
	PangoLayout *l;
	int i;

	for (i = 0; i < 2; i++) {
		if (above[i] == NULL)
			continue;
		l = layout(p, above[i], w, A_CENTER, 0, 0, 12);
		if (draw) {
			cairo_move_to(p->cr, x, y + h);
			pango_cairo_show_layout(p->cr, l);
		}
		h += height(l);
		g_object_unref(l);
	}
	h += SIGN_SPACE;
	l = layout(p, name && *name ? name : "(................................)",
	    w, A_CENTER, 1, name && *name, 12);
	if (draw) {
		cairo_move_to(p->cr, x, y + h);
		pango_cairo_show_layout(p->cr, l);
	}
	h += height(l);
	g_object_unref(l);
	/* An officer's NIP; one the office does not list is written in. */
	if (s != NULL && (s->pangkat || s->nip || (s->nama == name && name))) {
		snprintf(nip, sizeof(nip), "%s%sNIP. %s", s->pangkat ?
		    s->pangkat : "", s->pangkat ? "\n" : "", s->nip ? s->nip :
		    "..............................");
		l = layout(p, nip, w, A_CENTER, 0, 0, 12);
		if (draw) {
			cairo_move_to(p->cr, x, y + h);
			pango_cairo_show_layout(p->cr, l);
		}
		h += height(l);
		g_object_unref(l);
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
		double x1 = i + 1 < n ? LEFT : LEFT + cw;

		h = sign(p, s1, n1, x1, cw, 0, 0);
		h2 = i + 1 < n ? sign(p, s2, n2, LEFT + cw, cw, 0, 0) : 0;
		need(p, h > h2 ? h : h2);
		sign(p, s1, n1, x1, cw, p->y, 1);
		if (i + 1 < n)
			sign(p, s2, n2, LEFT + cw, cw, p->y, 1);
		p->y += (h > h2 ? h : h2) + 18;
	}
}

int
pdf_letter(const struct aduan_letters *L, const struct aduan_letter_view *v,
    const char *iso_date, unsigned char **out, size_t *len)
{
	struct pdf p;
	char title[512];
	int i;

	memset(&p, 0, sizeof(p));
	p.face = aduan_letters_office(L, ADUAN_OFFICE_HURUF);
	if (p.face == NULL)
		p.face = "Liberation Sans";
	p.page = 1;
	p.y = TOP;
	p.s = cairo_pdf_surface_create_for_stream(collect, &p, PAGE_W, PAGE_H);
	snprintf(title, sizeof(title), "%s %s", v->kind->nama, v->nomor);
	cairo_pdf_surface_set_metadata(p.s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(p.s, CAIRO_PDF_METADATA_AUTHOR,
	    aduan_letters_office(L, ADUAN_OFFICE_NAMA));
	cairo_pdf_surface_set_metadata(p.s, CAIRO_PDF_METADATA_CREATOR,
	    "aduan " ADUAN_VERSION);
	/* The letter's own date, so that it is the same file every time. */
	cairo_pdf_surface_set_metadata(p.s, CAIRO_PDF_METADATA_CREATE_DATE,
	    iso_date);
	p.cr = cairo_create(p.s);
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	for (i = 0; i < v->nblocks; i++) {
		const struct aduan_block *b = &v->blocks[i];

		switch (b->kind) {
		case ADUAN_BLK_KOP:
			kop(&p, L);
			break;
		case ADUAN_BLK_JUDUL:
			need(&p, 40);
			text_block(&p, b->text, LEFT, WIDTH, A_CENTER, 1, 1, 0);
			break;
		case ADUAN_BLK_TENGAH:
			text_block(&p, b->text, LEFT, WIDTH, A_CENTER, 0, 0,
			    GAP);
			break;
		case ADUAN_BLK_KANAN:
			text_block(&p, b->text, LEFT + WIDTH / 2, WIDTH / 2,
			    A_LEFT, 0, 0, GAP);
			break;
		case ADUAN_BLK_KIRI:
			text_block(&p, b->text, LEFT, WIDTH, A_LEFT, 0, 0,
			    GAP);
			break;
		case ADUAN_BLK_TEKS:
			text_block(&p, b->text, LEFT, WIDTH, A_JUSTIFY, 0, 0,
			    GAP);
			break;
		case ADUAN_BLK_TABEL:
			table(&p, b);
			break;
		case ADUAN_BLK_DAFTAR:
			list(&p, b);
			break;
		case ADUAN_BLK_TTD:
		case ADUAN_BLK_TTDPIHAK:
			signatures(&p, b);
			break;
		case ADUAN_BLK_JARAK:
			p.y += 14;
			break;
		}
	}
	cairo_show_page(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.s);
	i = cairo_surface_status(p.s) != CAIRO_STATUS_SUCCESS || p.oom;
	cairo_surface_destroy(p.s);
	if (i) {
		free(p.buf);
		return -1;
	}
	*out = p.buf;
	*len = p.len;
	return 0;
}
