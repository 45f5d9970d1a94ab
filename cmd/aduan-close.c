/*
 * aduan-close - close a case: the parties accept the result after an
 * agreement (step 10 of the bundled SOP), or the Camat hands the case back
 * to them for the legal path after none (step 9).
 */
#include "aduan.h"

static const char *const fields[] = { "catatan", NULL };

static const struct aduan_cli_recorder close_case = {
	.command = "close",
	.usage = N_("usage: %s id [--catatan teks] [-hqV] [--at waktu] "
	    "[--by nama] [-D dir] [--sop file] [--step n]\n"),
	.takes_id = 1,
	.fields = fields,
};

int
main(int argc, char **argv)
{
	return aduan_cli_record_main(&close_case, argc, argv);
}
