/*
 * aduan-musyawarah - the deliberation with the parties and the report of
 * its result to the Camat (steps 7 and 8 of the bundled SOP), or the
 * deliberation adjourned to another day (--tunda).
 */
#include "aduan.h"

static const char *const fields[] = {
	"catatan", "hasil", "jadwal", NULL
};

static const struct aduan_cli_recorder musyawarah = {
	.command = "musyawarah",
	.usage = N_("usage: %1$s id --hasil sepakat|tidak-sepakat "
	    "[--catatan teks] [-hqV] [--at waktu] [--by nama] [-D dir] "
	    "[--sop file] [--step n]\n"
	    "       %1$s id --tunda --jadwal waktu [--alasan teks] [-hqV] "
	    "[--at waktu] [--by nama] [-D dir] [--sop file] [--step n]\n"),
	.takes_id = 1,
	.fields = fields,
	.tunda = 1,
};

int
main(int argc, char **argv)
{
	return aduan_cli_record_main(&musyawarah, argc, argv);
}
