/*
 * aduan-new - open a case: record the first step of the SOP (the citizen
 * brings the complaint, with the Lurah) and print the new case ID alone.
 * The complaint's text (isi) may come on standard input.
 */
#include "cli.h"

static const struct cli_recorder rec = {
	.command = "new",
	.summary = N_("Open a case: the citizen brings the complaint (step 1); the new "
	    "case ID is printed alone on standard output."),
	.stdin_field = "isi",
	.example = {
		"aduan new --pelapor \"Budi Santoso\" --lurah \"Agus "
		    "Salim\" --perihal \"Musik keras malam hari\" --isi -",
		"aduan new --pelapor \"Sri Wahyuni\" --lurah \"Joko "
		    "Purnomo\" --perihal \"Parkir liar\" --isi \"Mobil parkir "
		    "menutup jalan\" --telepon \"0812 3456 7890\" --at \"hari "
		    "ini 08.30\"",
	},
};

int
cmd_new(int argc, char **argv)
{
	return cli_record_main(&rec, argc, argv);
}
