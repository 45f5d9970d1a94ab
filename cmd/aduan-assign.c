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
	.example = {
		"aduan assign 2026-0042 --kepada \"Joko Susilo\"",
		"aduan assign 2026-0042 --step 2 --at \"hari ini 09.15\"",
	},
};

int
cmd_assign(int argc, char **argv)
{
	return cli_record_main(&rec, argc, argv);
}
