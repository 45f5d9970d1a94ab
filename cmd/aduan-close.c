/*
 * aduan-close - close the case: the parties accept the agreed result
 * (step 10 of the bundled SOP), or, when none was agreed, the Camat hands
 * it back to them for the legal path (step 9).
 */
#include "cli.h"

static const struct cli_recorder rec = {
	.command = "close",
	.summary = N_("Close the case: the agreed result accepted (step 10), or the legal "
	    "path (step 9)."),
	.stdin_field = NULL,
	.example = {
		"aduan close 2026-0042",
		"aduan close 2026-0043 --batal dicabut --catatan \"pelapor "
		    "sudah berdamai\"",
	},
};

int
cmd_close(int argc, char **argv)
{
	return cli_record_main(&rec, argc, argv);
}
