/*
 * aduan-assign - the Camat receives the citizen and orders the Kasi
 * Trantib to handle the complaint (steps 2 and 3 of the bundled SOP).
 */
#include "aduan.h"

static const char *const fields[] = { "kepada", NULL };

static const struct aduan_cli_recorder assign = {
	.command = "assign",
	.usage = N_("usage: %s id --kepada nama [-hqV] [--at waktu] "
	    "[--by nama] [-D dir] [--sop file] [--step n]\n"),
	.takes_id = 1,
	.fields = fields,
};

int
main(int argc, char **argv)
{
	return aduan_cli_record_main(&assign, argc, argv);
}
