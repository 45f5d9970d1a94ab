/*
 * cli.h - what the commands share to talk to a person: their name and
 * messages (cli.c), the formats they print in (fmt.c) and the main of
 * every recording command (record.c).  The core, libaduan, knows none of
 * this.
 */
#ifndef ADUAN_CLI_H
#define ADUAN_CLI_H

#include <stdio.h>
#include <time.h>

#include "aduan.h"

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

/* ---- cli.c: name, environment, diagnostics, exit ---- */

/*
 * Start a command: name it from argv[0], make fds 0-2 safe, set the umask
 * (007), ignore SIGXFSZ and set the message catalog.  Returns the name.
 */
const char *cli_init(int argc, char **argv);

/* The program name set by cli_init. */
const char *cli_prog(void);
/* The name of the command's manual page: aduan-new for "aduan new". */
const char *cli_page(void);

/* Print "prog: message" on stderr (printf-style, one line). */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Print "prog: error" for an error record, with what to do, and return
 * the exit status its category stands for.
 */
/*
 * The fields a refusal (ADUAN_HINT_MISSING) says are missing, at most max
 * into out: their number, 0 for another refusal.
 */
int cli_missing(const struct aduan_err *, const struct aduan_field **out,
    int max);
/*
 * The role a --role names (its id, nama or short name, in any case), or
 * NULL with the usage error said, listing the roles, into *status.
 */
const struct aduan_role *cli_role(const struct aduan_sop *, const char *word,
    int *status);

/*
 * The period of --bulan, or of --dari and --sampai (each a day, a month or
 * a year; NULL when not given), into f: 0, or the status after a usage
 * message.
 */
int cli_period(const struct aduan_sop *, const char *bulan, const char *dari,
    const char *sampai, struct aduan_filter *f);

/*
 * f's kelurahan as the SOP spells it (typed in any case): 0, or the
 * status after a usage message naming the SOP's.
 */
int cli_kelurahan(const struct aduan_sop *, struct aduan_filter *f);

/* The outcome word names (a step's or a cancellation's), or NULL. */
const char *cli_outcome(const struct aduan_sop *, const char *word);

/* Every outcome of the SOP, as "a, b, c", into buf. */
const char *cli_outcomes(const struct aduan_sop *, char *buf, size_t n);

int cli_fail(const struct aduan_err *);

/* Print "prog: message; try 'prog --help'" and return ADUAN_EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* The SOP file: the --sop option if given, else ADUAN_SOP, else bundled. */
const char *cli_sop_path(const char *opt);

/*
 * The data directory: the -D option if given, else ADUAN_DIR, else data/
 * of the source tree (run from it) or the install's state directory.
 */
const char *cli_data_dir(const char *opt);

/*
 * The sealing directory: the --seal-dir option if given, else
 * ADUAN_SEAL_DIR, else the data directory's path with "-seal" added
 * (/var/lib/aduan-seal beside /var/lib/aduan).  data is the -D option.
 */
const char *cli_seal_dir(const char *opt, const char *data);

/* Seconds to wait for a busy lock: ADUAN_LOCK_WAIT, default 10. */
int cli_lock_wait(void);

/* Who records: the --by option, else ADUAN_USER, else the login name. */
const char *cli_user(const char *opt);

/*
 * "Now": ADUAN_NOW when set (any form aduan_time_parse reads), else the
 * clock.  0, or ADUAN_EXIT_CONFIG after a message.
 */
int cli_now(long utcoff, time_t *now);

/* Whether now was set by hand (ADUAN_NOW), a drill the log says so of. */
int cli_drill(void);

/* Load the SOP as cli_sop_path says: NULL after a message, *status set. */
struct aduan_sop *cli_load_sop(const char *opt, int *status);

/*
 * Flush and close stdout; a failure becomes ADUAN_EXIT_IO with a message.
 * Returns status unchanged otherwise.  Call it on the way out of main.
 */
int cli_finish(int status);

/* Print the version line of the program and return ADUAN_EXIT_OK. */
int cli_version(void);

/* The version, as --version says it. */
const char *cli_version_string(void);

/* Warn that the log of id ends in a torn fragment (see aduan-log(5)). */
void cli_warn_torn(const char *id, long long off, long long len);

/* The values of --format: a command takes some of them. */
enum {
	CLI_FMT_TEXT = 1,
	CLI_FMT_JSON = 2,
	CLI_FMT_TSV = 4,
	CLI_FMT_ALL = 7
};

/* The options the reading commands share, as cli_opt fills them. */
/*
 * What --help says after the usage lines, in the clerk's language: what
 * the command does, each option in a sentence, and two examples.
 */
struct cli_help {
	const char *what;
	const char *const (*opts)[2];	/* { "--all", N_("...") }, ... { 0 } */
	const char *example[2];
};

/* Print h (its strings translated) on stdout. */
void cli_help(const struct cli_help *h);

/* The sentences of the options most commands share. */
#define CLI_HELP_DIR { "-D, --data-dir DIR", N_("the data directory, " \
	"instead of ADUAN_DIR or the default (/var/lib/aduan)") }
#define CLI_HELP_SOP { "--sop FILE", N_("the SOP file, instead of " \
	"ADUAN_SOP or the bundled one") }
#define CLI_HELP_FORMAT { "--format FORMAT", N_("text for people " \
	"(the default), or tsv or json for scripts, the same in any " \
	"language") }
#define CLI_HELP_QUIET { "-q, --quiet", N_("say nothing when all goes " \
	"well") }
#define CLI_HELP_END { "-h, --help", N_("this help") }, \
	{ "-V, --version", N_("the version") }, { NULL, NULL }

struct cli_opts {
	void (*usage)(FILE *);	/* the command's usage lines */
	const struct cli_help *help;	/* what --help adds, or NULL */
	int formats;		/* the CLI_FMT_ values --format takes */
	const char *dir;	/* -D, --data-dir */
	const char *sop;	/* --sop */
	int fmt;		/* --format: 't' text (default), 'j', 's' */
	int quiet;		/* -q, --quiet */
	const char *dirs[64];	/* every -D given, in order */
	int ndirs;
};

/*
 * The data directories a reader reads: each -D given, a city's directory
 * (one with a kota.yaml) standing for each office's copy under it, or the
 * one data directory of cli_data_dir.  label names the office (its code
 * at a city, else the directory's last name); *shown says whether the
 * output must name it (more than one, or a city).
 */
struct cli_store {
	char label[64];
	char path[4096];
	struct aduan_store *st;
};
int cli_stores(const struct cli_opts *, struct cli_store **, int *n,
    int *shown);

/*
 * The stores are opened one at a time, as each is read (the first by
 * cli_stores): 0, or the status after a message; closing is allowed of
 * one not open.
 */
int cli_store_open(struct cli_store *);
void cli_store_close(struct cli_store *);

/* 0, or the status of a usage error when -D was given more than once. */
int cli_one_dir(const struct cli_opts *);
void cli_stores_close(struct cli_store *, int n);

/*
 * Take option ch, as getopt_long returned it, if it is one the commands
 * share: -D (data-dir), s (sop), f (format), q (quiet), h (help), V
 * (version), or an unknown option (the usage on stderr).  Returns -1 to
 * go on, or the status main should exit with.
 */
int cli_opt(int ch, struct cli_opts *);

/*
 * What a reading command needs after its options: the SOP, now and the
 * data directory opened for reading.  0, or the status to exit with after
 * a message; *sop and *store (NULL when not opened) are the caller's to
 * free either way.
 */
int cli_open(const struct cli_opts *, struct aduan_sop **, time_t *now,
    struct aduan_store **);

/* ---- fmt.c: the forms of what is printed ---- */

/* Write s to f as a JSON string (NULL as null). */
void fmt_json_str(FILE *f, const char *s);

/* Write s to f escaped as in a TSV contract (\\ \t \n \r). */
void fmt_tsv_str(FILE *f, const char *s);

/*
 * Write the key=value data of an event as a JSON object: a key that
 * repeats, or a field of st (when not NULL) that may, is an array.
 */
void fmt_json_data(FILE *f, const struct aduan_kv *, int n,
    const struct aduan_step *st);

/*
 * Write s to f for a screen: every control character, invisible format
 * character and byte that is not UTF-8 written as a visible escape (\t,
 * \n, \x1b, \u202e), so that nothing printed moves the cursor, clears
 * the screen or reorders the text.
 */
void fmt_clean(FILE *f, const char *s);

/* The same into buf (n bytes), cut short when it does not fit; buf. */
const char *fmt_cleaned(const char *s, char *buf, size_t n);

/*
 * Cut s into lines of at most width columns, breaking at spaces: at most
 * max lines, each a pointer into s and a length.  Returns the number.
 */
int fmt_wrap(const char *s, int width, const char **lines, size_t *lens,
    int max);

/*
 * Print s in a column width characters wide (UTF-8 aware, cut on a
 * character boundary, tabs and line breaks shown as spaces), padded.
 */
void fmt_cell(FILE *f, const char *s, int width);

/*
 * A local time for people: "YYYY-MM-DD HH:MM", or under the Indonesian
 * style of the catalog "Kamis, 5 Mar 2026 09.00".  Returns buf.
 */
const char *fmt_time(time_t, long utcoff, char buf[32]);

/* Office seconds as "1h05m", for people.  Returns buf. */
const char *fmt_office(long seconds, char buf[32]);

/*
 * The office time from from to to (office seconds, counted already) as
 * people say it: under the Indonesian style of the catalog, whole working
 * days then hours and minutes, "3 hari 2 jam 5 menit"; else as
 * fmt_office.
 */
const char *fmt_span(const struct aduan_cal *, time_t from, time_t to,
    long office, char buf[64]);

/* The catalog asks for the office's style of dates and spans. */
int fmt_office_style(void);

/* The columns fmt_time takes at most, in the style in force. */
int fmt_time_width(void);

/* The columns s takes on a terminal (its characters, all one wide). */
int fmt_width(const char *s);

/* ---- record.c: the recording commands ---- */

/* The metavariable of a field in usage and hints: WAKTU, a|b, NAME. */
const char *cli_metavar(const struct aduan_field *, char *buf, size_t n);

/*
 * The command that records step no of case id (id NULL for new), with
 * the options its required fields need: "aduan panggil 2026-0001 --pihak
 * PIHAK --jadwal WAKTU".  Returns buf.
 */
const char *cli_step_hint(const struct aduan_sop *, int no, const char *id,
    char *buf, size_t n);

/*
 * A recording command (aduan-new, aduan-assign, ...): its SOP command
 * name, what it does, and the field read from standard input when not
 * given (aduan-new: "isi").  Its options are the fields of the steps the
 * SOP has it record.
 */
struct cli_recorder {
	const char *command;
	const char *summary;
	const char *stdin_field;
	int correct;		/* aduan-koreksi: the fields of every step,
				   and --alasan */
	const char *example[2];	/* for --help, as typed */
};

/*
 * The whole main() of a recording command: load the SOP, build the
 * options from its fields, parse them, open the store, aduan_record,
 * print what was recorded (the new ID alone on stdout for new; a line a
 * step on stderr unless --quiet) and return the exit status.
 */
int cli_record_main(const struct cli_recorder *, int argc, char **argv);

/* ---- the commands, built into aduan (aduan.c) ---- */

/*
 * Each command's main, run in-process by aduan for "aduan NAME" and for
 * a program named aduan-NAME (a link to aduan), argv[0] being aduan-NAME.
 */
int cmd_assign(int, char **);
int cmd_checkpoint(int, char **);
int cmd_close(int, char **);
int cmd_init(int, char **);
int cmd_koreksi(int, char **);
int cmd_list(int, char **);
int cmd_musyawarah(int, char **);
int cmd_new(int, char **);
int cmd_overdue(int, char **);
int cmd_panggil(int, char **);
int cmd_seal(int, char **);
int cmd_show(int, char **);
int cmd_sop(int, char **);
int cmd_sync(int, char **);
int cmd_verify(int, char **);

#endif /* ADUAN_CLI_H */
