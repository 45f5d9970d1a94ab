/*
 * fuzz_surat.c - libFuzzer target: the loader of the letters
 * (aduan_letters_parse: the office's configuration, kantor.yaml, and the
 * letter templates, surat.yaml, parsed, checked and their placeholders
 * resolved against the SOP), on hostile files.
 *
 * The bundled SOP, FUZZ_TOP/sop/kranggan.yaml, and the two bundled files
 * beside it are read once, at the first call.  Then two modes, chosen by
 * the low bit of the first byte of the input (the whole input, that byte
 * included, is the text parsed):
 *
 *   even ('f' of "format: 1", '\n', ' ', ...): the input is kantor.yaml,
 *     parsed with the bundled surat.yaml;
 *   odd ('#' of a comment, 's' of "surat:", ...): the input is
 *     surat.yaml, parsed with the bundled kantor.yaml.
 *
 * So sop/surat.yaml as it is exercises the templates, and an office file
 * starting with "format:" or an empty line exercises the office (the
 * seed corpus, tests/fuzz/corpus/surat, holds both).  The texts are given
 * under the bundled files' paths, so that a kantor.lambang is looked for
 * beside them.  A parse that succeeds must give letters that answer their
 * accessors; they are freed.  A failure must say why (a message and a
 * category).  Sanitizer reports, crashes and leaks are findings.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aduan.h"
#include "harness.h"

static struct aduan_sop *sop;
static char *kantor, *surat;
static size_t klen, slen;
static char kantor_path[4200], surat_path[4200];

static void
setup(void)
{
	struct aduan_err err;
	char path[4200];

	snprintf(path, sizeof(path), "%s/sop/kranggan.yaml", FUZZ_TOP);
	aduan_err_clear(&err);
	if ((sop = aduan_sop_load(path, &err)) == NULL)
		HARNESS_FAIL("cannot load the bundled SOP %s: %s", path,
		    err.msg);
	kantor = fuzz_read_tree_file("sop/kantor.yaml", &klen);
	surat = fuzz_read_tree_file("sop/surat.yaml", &slen);
	snprintf(kantor_path, sizeof(kantor_path), "%s/sop/kantor.yaml",
	    FUZZ_TOP);
	snprintf(surat_path, sizeof(surat_path), "%s/sop/surat.yaml",
	    FUZZ_TOP);
}

static void
bug(const char *what)
{
	fprintf(stderr, "fuzz_surat: BUG: %s\n", what);
	abort();
}

/* Walk what loaded letters offer, so that a half-built one shows. */
static void
walk(const struct aduan_letters *L)
{
	int i, n = aduan_letters_n(L);

	if (n < 1)
		bug("loaded templates without a letter");
	if (aduan_letters_path(L, 0) == NULL || aduan_letters_path(L, 1) ==
	    NULL)
		bug("loaded templates without their paths");
	for (i = 0; i < n; i++) {
		const struct aduan_letter_kind *k = aduan_letters_at(L, i);

		if (k == NULL || k->jenis == NULL || k->nama == NULL)
			bug("a letter without its jenis or nama");
		if (aduan_letters_kind(L, k->jenis) != k)
			bug("a letter is not found by its jenis");
		if (aduan_sop_step(sop, k->step) == NULL)
			bug("a letter comes from a step the SOP lacks");
		if (k->untuk != NULL)
			(void)strlen(k->untuk);
	}
	if (aduan_letters_at(L, n) != NULL || aduan_letters_at(L, -1) != NULL)
		bug("a letter past the end");
	for (i = 0; i < ADUAN_OFFICE_NKEYS; i++) {
		const char *v = aduan_letters_office(L, i);

		if (v != NULL)
			(void)strlen(v);
	}
	if (aduan_letters_office(L, ADUAN_OFFICE_NAMA) == NULL ||
	    aduan_letters_office(L, ADUAN_OFFICE_TEMPAT) == NULL)
		bug("loaded an office without its required nama or tempat");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct aduan_letters *L;
	struct aduan_err err;
	char *in;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if (sop == NULL)
		setup();
	in = fuzz_str(data, size);
	aduan_err_clear(&err);
	if (size > 0 && (data[0] & 1))
		L = aduan_letters_parse(sop, kantor_path, kantor, klen,
		    surat_path, in, size, &err);
	else
		L = aduan_letters_parse(sop, kantor_path, in, size, surat_path,
		    surat, slen, &err);
	if (L == NULL) {
		if (err.cat == ADUAN_E_NONE || err.msg[0] == '\0')
			bug("the parse failed without saying why");
	} else {
		walk(L);
		aduan_letters_free(L);
	}
	free(in);
	return 0;
}
