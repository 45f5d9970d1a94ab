/*
 * pngdiff - compare two pictures of a page, pixel by pixel: the page of a
 * letter drawn now against its committed picture (aduan-surat.bats).
 *
 *	pngdiff A.png B.png [TOLERANCE]
 *
 * Both are read with cairo alone and laid over white, so that a grey, an
 * RGB and an ARGB file of the same page compare alike.  A pixel differs
 * when one of its channels differs by more than 64 of 255: anti-aliasing
 * and hinting that shift an edge by a shade do not count, a letter moved
 * or changed does.  Prints how many pixels differ and their share of the
 * page; exits 0 when the share is at most TOLERANCE (default 0.002), 1
 * when it is more or when the sizes differ, 2 on a usage or read error.
 */
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define THRESHOLD 64
#define TOLERANCE 0.002

static const char *prog = "pngdiff";

static void
usage(void)
{
	fprintf(stderr, "usage: %s a.png b.png [tolerance]\n", prog);
}

/*
 * The PNG at path as an ARGB32 surface over white, or NULL after a
 * message.
 */
static cairo_surface_t *
load(const char *path)
{
	cairo_surface_t *png, *s;
	cairo_status_t st;
	cairo_t *cr;

	png = cairo_image_surface_create_from_png(path);
	if ((st = cairo_surface_status(png)) != CAIRO_STATUS_SUCCESS) {
		/* cairo says "out of memory" of a file that is not PNG. */
		if (st == CAIRO_STATUS_FILE_NOT_FOUND)
			fprintf(stderr, "%s: %s: no such file\n", prog, path);
		else
			fprintf(stderr, "%s: %s: cannot read it as a PNG "
			    "(cairo: %s)\n", prog, path,
			    cairo_status_to_string(st));
		cairo_surface_destroy(png);
		return NULL;
	}
	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
	    cairo_image_surface_get_width(png),
	    cairo_image_surface_get_height(png));
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_surface(cr, png, 0, 0);
	cairo_paint(cr);
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(png);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "%s: %s: %s\n", prog, path,
		    cairo_status_to_string(st));
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_surface_flush(s);
	return s;
}

/* Whether two pixels differ by more than THRESHOLD in a channel. */
static int
differs(uint32_t a, uint32_t b)
{
	int shift, d;

	for (shift = 0; shift < 32; shift += 8) {
		d = (int)((a >> shift) & 0xff) - (int)((b >> shift) & 0xff);
		if (d > THRESHOLD || d < -THRESHOLD)
			return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	cairo_surface_t *a = NULL, *b = NULL;
	double tol = TOLERANCE, share;
	long count = 0, total;
	int w, h, x, y, status = 2;
	char *end;

	if (argc < 3 || argc > 4) {
		usage();
		return 2;
	}
	if (argc == 4) {
		errno = 0;
		tol = strtod(argv[3], &end);
		if (end == argv[3] || *end != '\0' || errno != 0 ||
		    !isfinite(tol) || tol < 0 || tol > 1) {
			fprintf(stderr, "%s: tolerance '%s': give a share of "
			    "the pixels from 0 to 1, such as 0.002\n", prog,
			    argv[3]);
			return 2;
		}
	}
	if ((a = load(argv[1])) == NULL || (b = load(argv[2])) == NULL)
		goto out;
	w = cairo_image_surface_get_width(a);
	h = cairo_image_surface_get_height(a);
	if (w != cairo_image_surface_get_width(b) ||
	    h != cairo_image_surface_get_height(b)) {
		printf("%s: %s is %dx%d, %s is %dx%d: not the same size\n",
		    prog, argv[1], w, h, argv[2],
		    cairo_image_surface_get_width(b),
		    cairo_image_surface_get_height(b));
		status = 1;
		goto out;
	}
	for (y = 0; y < h; y++) {
		const uint32_t *ra = (const uint32_t *)(const void *)
		    (cairo_image_surface_get_data(a) +
		    (size_t)y * (size_t)cairo_image_surface_get_stride(a));
		const uint32_t *rb = (const uint32_t *)(const void *)
		    (cairo_image_surface_get_data(b) +
		    (size_t)y * (size_t)cairo_image_surface_get_stride(b));

		for (x = 0; x < w; x++)
			count += differs(ra[x], rb[x]);
	}
	total = (long)w * h;
	share = total > 0 ? (double)count / (double)total : 0;
	printf("%s: %ld of %ld pixels differ: %.6f of the page, tolerance "
	    "%g\n", prog, count, total, share, tol);
	status = share <= tol ? 0 : 1;
out:
	if (a != NULL)
		cairo_surface_destroy(a);
	if (b != NULL)
		cairo_surface_destroy(b);
	return status;
}
