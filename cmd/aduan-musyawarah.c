/*
 * aduan-musyawarah - the deliberation with the parties and the report of
 * its result to the Camat (steps 7 and 8 of the bundled SOP), or the
 * deliberation adjourned to another day (--tunda).
 */
#include "cli.h"

static const struct cli_recorder rec = {
	.command = "musyawarah",
	.summary = N_("The deliberation and its result reported to the Camat (steps "
	    "7-8), or the deliberation adjourned (--tunda)."),
	.stdin_field = NULL,
	.example = {
		"aduan musyawarah 2026-0042 --hasil sepakat --catatan "
		    "\"pagar dibongkar minggu ini\"",
		"aduan musyawarah 2026-0042 --tunda --jadwal \"lusa "
		    "10.00\" --alasan \"Bu Siti sakit\"",
	},
};

int
cmd_musyawarah(int argc, char **argv)
{
	return cli_record_main(&rec, argc, argv);
}
