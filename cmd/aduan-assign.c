/*
 * aduan-assign - the Camat receives the citizen and orders the Kasi
 * Trantib to handle the complaint (steps 2 and 3 of the bundled SOP).
 */
#include "cli.h"

static const struct cli_recorder rec = {
	.command = "assign",
	.summary = N_("The Camat receives the citizen and orders the Kasi Trantib (steps "
	    "2-3)."),
	.stdin_field = NULL,
};

int
cmd_assign(int argc, char **argv)
{
	return cli_record_main(&rec, argc, argv);
}
