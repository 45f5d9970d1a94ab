/*
 * aduan-panggil - the Kasi Trantib studies the complaint and summons the
 * parties (steps 4 and 5 of the bundled SOP), a party who did not come is
 * summoned again (--ulang), and the parties come (--hadir, step 6).
 */
#include "aduan.h"

static const char *const fields[] = {
	"catatan", "!hadir", "jadwal", "pihak", NULL
};

static const struct aduan_cli_recorder panggil = {
	.command = "panggil",
	.usage = N_("usage: %1$s id --pihak nama [--pihak nama ...] "
	    "--jadwal waktu [-hqV] [--at waktu] [--by nama] [-D dir] "
	    "[--sop file] [--step n]\n"
	    "       %1$s id --hadir [-hqV] [--at waktu] [--by nama] "
	    "[-D dir] [--sop file] [--step n]\n"
	    "       %1$s id --ulang --pihak nama --jadwal waktu "
	    "[--alasan teks] [-hqV] [--at waktu] [--by nama] [-D dir] "
	    "[--sop file] [--step n]\n"),
	.takes_id = 1,
	.fields = fields,
	.ulang = 1,
};

int
main(int argc, char **argv)
{
	return aduan_cli_record_main(&panggil, argc, argv);
}
