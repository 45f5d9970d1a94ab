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

#endif
