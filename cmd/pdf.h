/*
 * pdf.h - drawing documents as PDF (pdf.c): only the commands that print
 * them include this and link cairo and pango.
 */
#ifndef ADUAN_PDF_H
#define ADUAN_PDF_H

#include <stddef.h>

#include "aduan.h"

/*
 * Draw the letter v of the office L as an A4 PDF dated iso_date (its
 * creation date: the same letter is the same bytes).  0 with the file in
 * *out (malloc'd) and its length in *len, or -1.
 */
int pdf_letter(const struct aduan_letters *L,
    const struct aduan_letter_view *v, const char *iso_date,
    unsigned char **out, size_t *len);

/*
 * A document drawn block by block: opened on A4 (landscape for a wide
 * register), dated iso_date, then closed into the file's bytes (*out,
 * malloc'd).  pdf_open gives NULL when out of memory; pdf_close 0 or -1.
 */
struct pdf;
struct pdf *pdf_open(const struct aduan_letters *L, const char *title,
    const char *iso_date, int landscape);
void pdf_block(struct pdf *, const struct aduan_block *);
int pdf_close(struct pdf *, unsigned char **out, size_t *len);

/* A heading in bold, on the page of the keep points that follow it. */
void pdf_heading(struct pdf *, const char *text, double keep);

/* A horizontal bar for each label, scaled to the largest (or to 100%). */
void pdf_bars(struct pdf *, const char *const *labels, const double *values,
    int n, int percent);

/* Columns side by side for each label: a dark, and b light if given. */
void pdf_columns(struct pdf *, const char *const *labels, const double *a,
    const double *b, int n);

/*
 * A ruled table: its head (repeated on every new page), the share of the
 * width of each column, then a row at a time, never split.
 */
struct pdf_grid {
	const char *const *head;
	const double *width;
	int ncols;
};
void pdf_grid_begin(struct pdf *, const struct pdf_grid *);
void pdf_grid_row(struct pdf *, const char *const *cells);
void pdf_grid_end(struct pdf *);

/*
 * Write n bytes to path whole or not at all: a temporary beside it,
 * synced, renamed over the name.  0, or -1 with errno.
 */
int pdf_save(const char *path, const unsigned char *b, size_t n);

#endif
