/*
 * fuzz_tree.c - libFuzzer target: the trees of YAML files the commands
 * remember in the user's cache (cache.c, cache_tree_get), read back from
 * files that may be cut, stale or anything at all.
 *
 * The input follows a valid header ("aduan-tree 1", the key) in the
 * cache file of a fixed key, in a private cache folder; the tree read
 * back, if any, must be as the parser makes them: every node of a known
 * kind, every scalar a string, no deeper than 32, a mapping at the top,
 * every mapping's keys scalars paired with values.  Sanitizer reports, crashes and leaks
 * are findings.  The seeds are trees of the bundled YAML files.
 */
#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "harness.h"

static const char key[65] =
    "0000000000000000000000000000000000000000000000000000000000000000";
static char file[4200];

#define TREE_TEXT (4u << 20)	/* no scalar outgrows the file */

static void
setup(void)
{
	const char *d = fuzz_tmpdir("tree");
	char path[4200];

	snprintf(path, sizeof(path), "%s/aduan", d);
	if (mkdir(path, 0700) == -1)
		HARNESS_FAIL("mkdir %s", path);
	snprintf(file, sizeof(file), "%s/tree-%s", path, key);
	aduan_cache_enable(d);
}

/* Every node reachable and of its kind; the number of nodes. */
static long
walk(const struct ynode *n, int depth)
{
	long count = 1;
	int i;

	if (depth > 33)
		HARNESS_FAIL("a tree deeper than the parser makes");
	if (n->kind == Y_SCALAR) {
		if (n->s == NULL || n->nkids != 0 || strlen(n->s) > TREE_TEXT)
			HARNESS_FAIL("a scalar without its text");
		return 1;
	}
	if (n->kind != Y_SEQ && n->kind != Y_MAP)
		HARNESS_FAIL("a node of no kind");
	if (n->kind == Y_MAP && n->nkids % 2 != 0)
		HARNESS_FAIL("a mapping with a key and no value");
	for (i = 0; i < n->nkids; i++) {
		if (n->kind == Y_MAP && i % 2 == 0 &&
		    n->kids[i]->kind != Y_SCALAR)
			HARNESS_FAIL("a mapping key that is not a scalar");
		count += walk(n->kids[i], depth + 1);
	}
	return count;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct arena a = { NULL };
	struct ynode *t;
	char *buf;
	size_t hl = strlen("aduan-tree 1\n") + 65;

	if (!ready++)
		setup();
	if ((buf = malloc(hl + size + 1)) == NULL)
		return 0;
	snprintf(buf, hl + 1, "aduan-tree 1\n%s\n", key);
	memcpy(buf + hl, data, size);
	fuzz_write_file(file, buf, hl + size);
	chmod(file, 0600);
	free(buf);
	if ((t = cache_tree_get(&a, key)) != NULL) {
		if (t->kind != Y_MAP)
			HARNESS_FAIL("a tree with no mapping at its top");
		walk(t, 0);
	}
	arena_free(&a);
	return 0;
}
