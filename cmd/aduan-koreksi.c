/*
 * aduan-koreksi - correct fields of a step recorded wrongly (a name
 * misspelled, a wrong address): a "koreksi" event with the right values
 * and the reason; the old values stay in the log, where they were.
 */
#include "cli.h"

static const struct cli_recorder rec = {
	.command = "koreksi",
	.summary = N_("Correct fields of a step already recorded: the old "
	    "value stays in the log, with who corrected it, when and why."),
	.stdin_field = NULL,
	.correct = 1,
	.example = {
		"aduan koreksi 2026-0042 --pelapor \"Budi Santoso\" "
		    "--alasan \"salah ketik\"",
		"aduan koreksi 2026-0042 --telepon \"0813 2222 1111\" "
		    "--alasan \"nomor baru\"",
	},
};

int
cmd_koreksi(int argc, char **argv)
{
	return cli_record_main(&rec, argc, argv);
}
