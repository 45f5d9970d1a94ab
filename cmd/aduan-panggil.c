/*
 * aduan-panggil - the Kasi Trantib studies the complaint and summons the
 * parties (steps 4 and 5 of the bundled SOP), a party who did not come is
 * summoned again (--ulang), and the parties come (--hadir, step 6).
 */
#include "cli.h"

static const struct cli_recorder rec = {
	.command = "panggil",
	.summary = N_("The complaint studied and the parties summoned (steps 4-5), "
	    "summoned again (--ulang), or come (step 6)."),
	.stdin_field = NULL,
	.example = {
		"aduan panggil 2026-0042 --pihak \"Pak Harto\" --pihak "
		    "\"Bu Siti\" --jadwal \"besok 09.00\"",
		"aduan panggil 2026-0042 --hadir --pihak \"Pak Harto\" "
		    "--pihak \"Bu Siti\"",
	},
};

int
cmd_panggil(int argc, char **argv)
{
	return cli_record_main(&rec, argc, argv);
}
