/*
 * aduan-new - open a case: record the first step of the SOP (the citizen
 * brings the complaint, with the Lurah) and print the new case ID alone.
 */
#include "aduan.h"

static const char *const fields[] = {
	"pelapor", "lurah", "perihal", "isi", NULL
};

static const struct aduan_cli_recorder new = {
	.command = "new",
	.usage = N_("usage: %s --pelapor nama --lurah nama --perihal teks "
	    "[--isi teks] [-hqV] [--at waktu] [--by nama] [-D dir] "
	    "[--sop file] [--step n]\n"),
	.takes_id = 0,
	.fields = fields,
	.stdin_field = "isi",
};

int
main(int argc, char **argv)
{
	return aduan_cli_record_main(&new, argc, argv);
}
