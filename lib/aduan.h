/*
 * aduan.h - the public interface of libaduan, the core of aduan.
 *
 * libaduan keeps the record of citizen complaints handled under an SOP: it
 * loads and validates the SOP and its office calendar, keeps one
 * append-only, hash-chained log per case in a data directory, replays a log
 * into the state of the case, decides what may be recorded next and when a
 * step is late.  It never prints, exits, reads the environment or names a
 * command or an option: every function that can fail returns 0 (or a
 * pointer) on success and -1 (or NULL) on failure and fills a struct
 * aduan_err, and every verdict (late, verified) is a value.  What talks to
 * a person lives with the commands, in cmd/.
 *
 * Structs declared but not defined here are opaque.  The plain structs that
 * are defined (steps, roles, fields, events) are read-only views owned by
 * the object they come from and live as long as it does.
 */
#ifndef ADUAN_H
#define ADUAN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/*
 * Exit status of every command, one table, documented in aduan(1).  The
 * error categories have the same values, so that a failure maps to its
 * exit status without a table of its own.
 */
enum {
	ADUAN_EXIT_OK = 0,	/* done */
	ADUAN_EXIT_ANSWER = 1,	/* an answer, not a failure (late, unverified) */
	ADUAN_EXIT_USAGE = 2,	/* bad command line */
	ADUAN_EXIT_NOTFOUND = 3,	/* no such case */
	ADUAN_EXIT_REFUSED = 4,	/* refused by the workflow */
	ADUAN_EXIT_CONFIG = 5,	/* bad SOP or configuration */
	ADUAN_EXIT_CORRUPT = 6,	/* corrupt data */
	ADUAN_EXIT_IO = 7,	/* I/O failure, nothing recorded */
	ADUAN_EXIT_LOCKED = 8	/* lock busy, nothing recorded */
};

/* ---- errors (util.c) ---- */

struct aduan_sop;

enum aduan_errcat {
	ADUAN_E_NONE = 0,
	ADUAN_E_USAGE = ADUAN_EXIT_USAGE,
	ADUAN_E_NOTFOUND = ADUAN_EXIT_NOTFOUND,
	ADUAN_E_REFUSED = ADUAN_EXIT_REFUSED,
	ADUAN_E_CONFIG = ADUAN_EXIT_CONFIG,
	ADUAN_E_CORRUPT = ADUAN_EXIT_CORRUPT,
	ADUAN_E_IO = ADUAN_EXIT_IO,
	ADUAN_E_LOCKED = ADUAN_EXIT_LOCKED
};

/*
 * What a person could do about an error; the commands say it in their own
 * words (the core knows no command).
 */
enum aduan_hint {
	ADUAN_HINT_NONE = 0,
	ADUAN_HINT_STEP,	/* record step err.step of case err.id */
	ADUAN_HINT_AGAIN,	/* that, or record step err.again again */
	ADUAN_HINT_MISSING,	/* step err.step needs field err.field */
	ADUAN_HINT_VERIFY,	/* verify case err.id: where its log breaks */
	ADUAN_HINT_LIST,	/* list the cases there are */
	ADUAN_HINT_DATADIR,	/* no data directory: make one, or name another */
	ADUAN_HINT_REVISION	/* give the SOP file of the case's revision */
};

/*
 * What went wrong.  msg is one line that names neither the program nor the
 * case; id names the case and field the input at fault, when there is one
 * ("pelapor", "at"); when a file is at fault, file names it and line/col
 * (1-based, 0 if unknown) place it.
 */
struct aduan_err {
	enum aduan_errcat cat;
	enum aduan_hint hint;
	int line;
	int col;
	int step;		/* with ADUAN_HINT_STEP, AGAIN, MISSING */
	int again;		/* with ADUAN_HINT_AGAIN */
	const struct aduan_sop *sop;	/* the revision of the hint's steps */
	char id[17];
	char field[256];	/* the option at fault; with ADUAN_HINT_MISSING
				   every one missing, separated by spaces */
	char file[512];
	char msg[768];
};

/* Clear an error record. */
void aduan_err_clear(struct aduan_err *);

/* ---- durations and the SOP (sop.c) ---- */

enum aduan_unit {
	ADUAN_UNIT_NONE = 0,	/* "-": no time standard */
	ADUAN_UNIT_MENIT,	/* working minutes */
	ADUAN_UNIT_JAM,		/* working hours */
	ADUAN_UNIT_HARI		/* working days, decided by the calendar */
};

struct aduan_dur {
	enum aduan_unit unit;
	int amount;		/* 1..99999; 0 with ADUAN_UNIT_NONE */
};

/*
 * Parse the SOP's wording of a time standard: "2 menit", "1 jam", "1 hari"
 * or "-".  Returns 0, or -1 with a message in err.
 */
int aduan_dur_parse(const char *, struct aduan_dur *, struct aduan_err *);

/* Write the duration back in the SOP's wording ("2 menit", "-"). */
const char *aduan_dur_str(const struct aduan_dur *, char *buf, size_t n);

struct aduan_sop;
struct aduan_cal;

enum aduan_ftype {
	ADUAN_FIELD_TEXT = 0,
	ADUAN_FIELD_TIME,
	ADUAN_FIELD_CHOICE,
	ADUAN_FIELD_FLAG,
	ADUAN_FIELD_PHONE,	/* an Indonesian telephone number */
	ADUAN_FIELD_NIK		/* a 16-digit Nomor Induk Kependudukan */
};

/* A piece of data recorded with a step, as the SOP defines it. */
struct aduan_field {
	const char *name;
	const char *label;	/* NULL when the SOP gives none */
	enum aduan_ftype type;
	int required;
	int multiple;
	const char *const *choices;	/* NULL-terminated, for CHOICE */
	int nchoices;
	struct aduan_dur ahead;	/* TIME: an appointment at most this far
				   after the step (ADUAN_UNIT_NONE: none) */
	int office_hours;	/* TIME: within the office's hours */
	const char *appoints;	/* TEXT: its value names the person who acts
				   for this role in the case, or NULL */
	int duplicate;		/* of the first step: equal in two open cases,
				   with the others so marked, they may be
				   one complaint filed twice */
};

struct aduan_role {
	const char *id;
	const char *nama;
	const char *kolom;	/* the seed's executor column, or NULL */
	const char *singkat;	/* the short name people read: the SOP's
				   singkat, else nama */
};

/* One branch of a step: value of the branch field -> next step number. */
struct aduan_case_to {
	const char *value;
	int next;
};

struct aduan_step {
	int no;
	const char *nama;	/* what people read of it: the SOP's nama,
				   else its output */
	const char *kegiatan;
	const struct aduan_role *pelaksana;
	const char *kelengkapan;
	struct aduan_dur waktu;
	const char *waktu_text;	/* as written in the SOP */
	const char *output;
	const char *ket;	/* "" when empty */
	const char *command;
	const struct aduan_field *fields;
	int nfields;
	int next;		/* 0 when none */
	const char *branch_field;	/* NULL unless the step branches */
	const struct aduan_case_to *branches;
	int nbranches;
	const char *outcome;	/* NULL unless recording it closes the case */
	const char *clock_from;	/* NULL, or a time field of an earlier step */
	int repeatable;		/* it may be recorded again (ulang) */
	const struct aduan_field *again_fields;	/* data of doing it again */
	int nagain;
	int adjournable;	/* it may be adjourned (tunda) */
	const struct aduan_field *adjourn_fields;	/* data of adjourning */
	int nadjourn;
	const char *adjourn_clock;	/* the adjourn field its clock restarts
					   from, or NULL */
	int line;		/* where the step starts in the SOP file */
};

/*
 * A way to close a case without finishing its steps (batal: withdrawn, a
 * duplicate, outside the office's remit), as the SOP lists them.
 */
struct aduan_cancel {
	const char *outcome;	/* the word the case closes with */
	const char *label;	/* for people, or NULL */
	int duplicate;		/* the one for a complaint filed twice */
};

/* The commands that record steps; a step's command must be one of them. */
extern const char *const aduan_record_commands[];

/*
 * Load and validate the SOP at path and the calendar it names.  Returns the
 * SOP, owned by the caller (aduan_sop_free), or NULL with err filled: for a
 * fault in a file, err->file, line and col place it.
 */
struct aduan_sop *aduan_sop_load(const char *path, struct aduan_err *);

/* Free a loaded SOP and its calendar.  NULL is allowed. */
void aduan_sop_free(struct aduan_sop *);

/*
 * Metadata of the SOP by key as in aduan-sop(5) ("nomor", "revisi", "nama",
 * "disahkan_oleh.nip", ...): the string, or NULL when absent.
 */
const char *aduan_sop_meta(const struct aduan_sop *, const char *key);

/*
 * A list in the metadata ("dasar_hukum", "peralatan", ...): its items,
 * NULL-terminated, count in *n.  Absent lists give an empty list.
 */
const char *const *aduan_sop_list(const struct aduan_sop *, const char *key,
    int *n);

/* Steps in file order; the first is the start step. */
int aduan_sop_nsteps(const struct aduan_sop *);
const struct aduan_step *aduan_sop_step_at(const struct aduan_sop *, int i);

/* The step numbered no, or NULL. */
const struct aduan_step *aduan_sop_step(const struct aduan_sop *, int no);

/* The role with this id, or NULL. */
const struct aduan_role *aduan_sop_role(const struct aduan_sop *,
    const char *id);

/* The field called name of a step, or NULL. */
const struct aduan_field *aduan_step_field(const struct aduan_step *,
    const char *name);

/*
 * The field called name that a step records when done, done again or
 * adjourned, or NULL.
 */
const struct aduan_field *aduan_step_any_field(const struct aduan_step *,
    const char *name);

/* The calendar the SOP names; owned by the SOP. */
const struct aduan_cal *aduan_sop_cal(const struct aduan_sop *);

/*
 * The role that word names, as a clerk may type it: its id, its nama or
 * its short name (singkat), in any case; or NULL.
 */
const struct aduan_role *aduan_sop_role_named(const struct aduan_sop *,
    const char *word);

/* The roles, in file order: their number and the ith. */
int aduan_sop_nroles(const struct aduan_sop *);
const struct aduan_role *aduan_sop_role_at(const struct aduan_sop *, int i);

/*
 * The SOP's cancellations (batal), in file order: their number, the ith,
 * and the one whose outcome is word (in any case), or NULL.
 */
int aduan_sop_ncancels(const struct aduan_sop *);
const struct aduan_cancel *aduan_sop_cancel_at(const struct aduan_sop *,
    int i);
const struct aduan_cancel *aduan_sop_cancel(const struct aduan_sop *,
    const char *word);

/* ---- the office calendar (calendar.c) ---- */

/* The calendar's fixed offset from UTC, in seconds (Asia/Jakarta: 25200). */
long aduan_cal_utcoff(const struct aduan_cal *);

/*
 * The deadline of a time standard started at start, counted in office
 * time (aduan(7)): menit and jam count working minutes, from the next
 * opening when start is outside office hours; hari counts working days,
 * the same clock time on the Nth next working day (at most that day's
 * closing, at least its opening).  *unlisted gets the first year met that
 * has no holiday list (0 if none), so that the caller can say so; note,
 * when not NULL, is called with each line of how it was counted.
 * Returns 0, 1 for a standard of "-" (no deadline), or -1 when no office
 * day comes within ten years.
 */
int aduan_cal_add(const struct aduan_cal *, time_t start,
    const struct aduan_dur *, time_t *deadline, int *unlisted,
    void (*note)(void *, const char *), void *arg);

/* Seconds of office time between from and to (0 if to <= from). */
long aduan_cal_working(const struct aduan_cal *, time_t from, time_t to);

/* ---- text, IDs and times (text.c, time.c) ---- */

/* Limits of the case log, as in aduan-log(5). */
#define ADUAN_VALUE_MAX 16384	/* bytes of one value, escaped */
#define ADUAN_LINE_MAX 65536	/* bytes of one line */
#define ADUAN_KV_MAX 64		/* key=value fields of one event */
#define ADUAN_ID_MAX 16		/* bytes of a case ID */

/*
 * Check that s may be stored: valid UTF-8, no control character but TAB,
 * LF and CR, no bidirectional control, at most max bytes once escaped.
 * 0, or -1 with ADUAN_E_USAGE.
 */
int aduan_text_check(const char *s, size_t max, struct aduan_err *);

/*
 * Check that s is a case ID (YYYY-NNNN, aduan-log(5)).  0, or -1 with
 * ADUAN_E_USAGE and a message that says what shape an ID has.
 */
int aduan_id_check(const char *s, struct aduan_err *);

/*
 * Parse a time as a user writes it: ISO 8601 with an offset
 * (2026-03-02T09:15:00+07:00, ...Z), or local time in the calendar's
 * zone as "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]".  utcoff is
 * the local offset in seconds.  0, or -1 with ADUAN_E_USAGE.
 */
int aduan_time_parse(const char *, long utcoff, time_t *, struct aduan_err *);

/*
 * Read a time as a clerk types it: any form aduan_time_parse takes, or a
 * day and a time in the office's habits, "5-3-2026 09.00" (day, month,
 * year in full; '-' or '/'), "hari ini 13.30", "besok 09.00", "lusa
 * 9.00", "kemarin 16.00" (today, tomorrow, ... of now in the calendar's
 * zone), the time as HH.MM or HH:MM, optionally after "pukul" or "jam".
 * What could be read two ways is refused (a two-digit year, a month past
 * 12, a date without its time, a time without its day), saying how to
 * write it.  0, or -1 with ADUAN_E_USAGE.
 */
int aduan_time_read(const char *, time_t now, long utcoff, time_t *,
    struct aduan_err *);

/*
 * Read a day, a month or a year as a clerk writes it (2026-03-05,
 * 5-3-2026, 2026-03, 3-2026, "Maret 2026", 2026) as the period it covers
 * in the zone utcoff: [*from, *to).  0, or -1 with ADUAN_E_USAGE.
 */
int aduan_period_read(const char *, long utcoff, time_t *from, time_t *to,
    struct aduan_err *);

/* Format t as "YYYY-MM-DDTHH:MM:SS+07:00" for the offset; returns buf. */
const char *aduan_time_fmt(time_t, long utcoff, char buf[32]);

/* ---- events ---- */

struct aduan_kv {
	const char *key;
	const char *val;
};

/*
 * One line of a case log.  Read from a log, the strings belong to the case
 * they came from.  To record, fill step (0 for none), event, happened, by
 * and kv; seq and recorded are set when it is appended.
 */
struct aduan_event {
	long seq;
	time_t recorded;
	time_t happened;
	const char *by;
	int step;
	const char *event;
	const struct aduan_kv *kv;
	int nkv;
	long line;		/* line number in the file, 1-based */
};

/*
 * The field an event recorded with the clock set by hand (ADUAN_NOW)
 * carries: the time that was set (aduan-log(5)).  Field names the core
 * adds hold a '-', which no SOP field name can.
 */
#define ADUAN_DRILL_KEY "drill-now"

/* The field of a case's first event naming its SOP copy by hash. */
#define ADUAN_SOP_KEY "sop-sha256"

/* The field of a "batal" event naming the cancellation's outcome. */
#define ADUAN_CANCEL_KEY "batal-outcome"

/* The field of a "koreksi" event giving the reason for the correction. */
#define ADUAN_CORRECT_KEY "koreksi-alasan"

/* The value of key in an event (the first, if it repeats), or NULL. */
const char *aduan_event_get(const struct aduan_event *, const char *key);

/* ---- the data directory (store.c) ---- */

struct aduan_store;

/*
 * Open the data directory at dir, creating it and its layout when create
 * is set (aduan-log(5)).  wait is how many seconds a busy lock is waited
 * for.  Returns the store (aduan_store_close) or NULL.
 */
struct aduan_store *aduan_store_open(const char *dir, int create, int wait,
    struct aduan_err *);
void aduan_store_close(struct aduan_store *);

/*
 * Give the cases this store opens from now on the office's code (KRG:
 * KRG-2026-0042), or none (NULL or ""); a number is given once whether
 * with the code or without, so that the cases filed before the office
 * had one keep theirs.  0, or -1 with ADUAN_E_CONFIG for a code that is
 * not two to six capital letters or digits, a letter first.
 */
int aduan_store_office(struct aduan_store *, const char *code,
    struct aduan_err *);

/* Whether the store has case id, open or closed (a valid ID). */
int aduan_store_has(struct aduan_store *, const char *id);

/*
 * Choose for case id, recorded in two places (DATA/fork/ID.log, by
 * aduan sync), this place's history (theirs 0) or the other's (1): the
 * one not chosen is kept aside in DATA/fork, its name into kept, and the
 * case may be recorded on again.  0, or -1 (ADUAN_E_NOTFOUND when there
 * is nothing to choose).
 */
int aduan_store_choose(struct aduan_store *, const struct aduan_sop *,
    const char *id, int theirs, char *kept, size_t kn, struct aduan_err *);

/* What aduan_store_scan goes through. */
#define ADUAN_SCAN_CLOSED 1	/* the closed cases too */
#define ADUAN_SCAN_NEWEST 2	/* the newest first */
#define ADUAN_SCAN_ANYORDER 4	/* as the folders list them: no list kept */

/*
 * Call fn for the ID of every open case, in order of ID (closed ones are
 * skipped by name, never opened); with all set (ADUAN_SCAN_CLOSED), for
 * closed cases too; with ADUAN_SCAN_NEWEST, from the last ID back; with
 * ADUAN_SCAN_ANYORDER, open/ then closed/ in the order the folders list
 * them, each case as it is listed, so that memory does not grow with the
 * cases.  In order of ID, the scan holds a bit a number given out (an
 * eighth of a byte a case), or, for numbers too far apart for that, the
 * names.  Stops at the first non-zero return of fn and returns it; -1
 * with err on an I/O error.
 */
int aduan_store_scan(struct aduan_store *, int all,
    int (*fn)(const char *id, int closed, void *), void *arg,
    struct aduan_err *);

/* ---- a case: its log replayed against the SOP (case.c) ---- */

struct aduan_case;

/* What replay knows of one step of a case. */
struct aduan_stepstate {
	int done;		/* times done (a repeatable step: more than 1) */
	const struct aduan_event *last;	/* its last done event, or NULL */
	const struct aduan_event *first;	/* its first done event */
	time_t adjourned_to;	/* the last adjournment's new time, or 0 */
	int adjourns;		/* times adjourned */
	int flagged;		/* a late event was recorded for it */
	time_t flagged_for;	/* the deadline its last late event named */
	time_t warned_for;	/* the deadline its last soon event named */
};

enum aduan_status {
	ADUAN_STEP_DONE,	/* recorded */
	ADUAN_STEP_NEXT,	/* the step the case waits for */
	ADUAN_STEP_LATER,	/* still ahead on the way the case can go */
	ADUAN_STEP_SKIPPED	/* not on this case's branch */
};

enum aduan_lockmode {
	ADUAN_READ = 0,		/* shared lock, for reading */
	ADUAN_WRITE = 1		/* exclusive lock, for recording */
};

/*
 * Open the case id, lock it for mode, read its whole log and replay it
 * against the SOP revision it runs under: sop when the case names that
 * revision, else the copy the data directory keeps of it.  Returns the case
 * (aduan_case_free) or NULL: ADUAN_E_NOTFOUND, ADUAN_E_LOCKED,
 * ADUAN_E_CORRUPT (with the line), ADUAN_E_CONFIG (a revision with no kept
 * copy, or an SOP changed without a new revision) or ADUAN_E_IO.  With
 * ADUAN_WRITE the case stays locked until it is freed, so that a check and
 * an append see the same log.
 */
struct aduan_case *aduan_case_load(struct aduan_store *,
    const struct aduan_sop *, const char *id, enum aduan_lockmode,
    struct aduan_err *);

/* Unlock and free; NULL is allowed. */
void aduan_case_free(struct aduan_case *);

const char *aduan_case_id(const struct aduan_case *);

/* The SOP revision the case runs under (owned by the store or caller). */
const struct aduan_sop *aduan_case_sop(const struct aduan_case *);

/* The number of the step the case waits for; 0 once it is closed. */
int aduan_case_next(const struct aduan_case *);

/*
 * The value of field of step no as it stands: the last correction of it
 * (*by its koreksi event), else the step's last done event's (*by NULL);
 * NULL when there is none.  by may be NULL.
 */
const char *aduan_case_value(const struct aduan_case *, int no,
    const char *field, const struct aduan_event **by);

/*
 * Who acts for role in the case: the value of the last field done that
 * the SOP marks as appointing to that role (menunjuk), such as the Kasi
 * Trantib named at step 3, or NULL.
 */
const char *aduan_case_person(const struct aduan_case *,
    const struct aduan_role *role);

/* The outcome of a closed case (the SOP's word), or NULL while open. */
const char *aduan_case_outcome(const struct aduan_case *);

/* The state of step no (NULL if the SOP has no such step). */
const struct aduan_stepstate *aduan_case_step(const struct aduan_case *,
    int no);

/* Where step no stands on this case. */
enum aduan_status aduan_case_status(const struct aduan_case *, int no);

/* The events of the log in order, torn fragments left out. */
int aduan_case_nevents(const struct aduan_case *);
const struct aduan_event *aduan_case_event(const struct aduan_case *, int i);

/*
 * 1 when the log ends in a torn fragment, a write that did not finish
 * (aduan-log(5)), with where it starts and its length in bytes; else 0.
 */
int aduan_case_torn(const struct aduan_case *, long long *off,
    long long *len);

/* ---- deadlines: the one rule of lateness (case.c) ---- */

/* A step's deadline and how the step stands against it. */
struct aduan_due {
	time_t start;		/* when its clock started */
	time_t deadline;
	time_t at;		/* when it was first done, or now if pending */
	int late;		/* done, or still pending, after the deadline */
	long office;		/* office seconds from deadline to at when late,
				   from at to deadline otherwise */
	int unlisted;		/* a year met that has no holiday list, or 0 */
};

/*
 * The deadline of step no and whether it is late: for a done step as it
 * was when first done, for the pending step as it is at now.  Returns 1
 * with *due filled, or 0 when the step has none (no time standard, or
 * neither done nor pending).  note, when not NULL, is told how the
 * deadline was counted.
 */
int aduan_case_due(const struct aduan_case *, int no, time_t now,
    struct aduan_due *, void (*note)(void *, const char *), void *arg);

/* The pending step of a case, late at now or due within the warning time. */
struct aduan_late {
	char id[ADUAN_ID_MAX + 1];
	int step;
	const struct aduan_sop *sop;	/* the revision the case runs under */
	struct aduan_due due;
	int soon;		/* not late yet: due within the warning time */
	long within;		/* the warning time asked for, office seconds */
	int flagged;		/* its flag for this deadline is in the log */
};

/*
 * Whether the step case c waits for is late at now, or (within > 0
 * seconds of office time) due within that time: 1 with *late filled, or
 * 0.
 */
int aduan_case_late(const struct aduan_case *, time_t now, long within,
    struct aduan_late *);

/*
 * What a scan needs of a case to say whether it is late: the step it
 * waits for, when that step's clock started (0: it has none) and the
 * deadlines its flags named.  Worked out by replay, or remembered by the
 * scan's cache (aduan_cache_get).
 */
struct aduan_wait {
	const struct aduan_sop *sop;	/* the revision the case runs under */
	int next;			/* 0 when the case waits for nothing */
	time_t start;
	time_t flagged_for, warned_for;
	long long size;			/* of its log when read */
	int noted;			/* the scan's cache: a cron run's take
					   went after it was so */
};

void aduan_case_wait(const struct aduan_case *, struct aduan_wait *);

/* aduan_case_late of the case id that waits as w says. */
int aduan_wait_late(const struct aduan_wait *, const char *id, time_t now,
    long within, struct aduan_late *);

/*
 * The scan's cache (cache.c): what a scan of the open cases worked out of
 * each, kept in the user's own cache directory for the next scan of the
 * same data directory, under the same SOP and version.  Open it before a
 * scan (NULL when there is none to use, never an error), anyorder set
 * for an ADUAN_SCAN_ANYORDER one; for each case, aduan_cache_get says what it remembers of it, 1
 * with *w while its log is unchanged, else 0, and the case loaded is
 * given to aduan_cache_put (noted set for the cron run, whose checkpoint
 * take goes after it; w.noted gives it back).  Close with whole set when the scan saw every
 * case: the new cache replaces the old one.
 */
struct aduan_cache;

/*
 * The caches are used only once this is called (by the commands; the
 * library's other users, such as the tests, keep none), in the folder
 * aduan under dir, an absolute path, made if missing: the scans', and
 * the trees of the YAML files parsed before (the SOP, the calendar, ...).
 */
void aduan_cache_enable(const char *dir);

/*
 * Where the library sorts what it must not hold in memory (the heads of
 * a checkpoint), in files with no name: dir, an absolute path, or /tmp
 * (NULL, or a path that is not absolute).  The commands give TMPDIR.
 */
void aduan_tmpdir(const char *dir);

struct aduan_cache *aduan_cache_open(struct aduan_store *,
    const struct aduan_sop *, const char *version, const char *kind,
    int anyorder);
int aduan_cache_get(struct aduan_cache *, const char *id,
    struct aduan_wait *);
void aduan_cache_put(struct aduan_cache *, const char *id,
    const struct aduan_case *, int noted);
void aduan_cache_close(struct aduan_cache *, int whole);

/*
 * The scan is the cron run's, whose checkpoint take goes after every case
 * it meets: each line met says noted from now (kept only if the cache is
 * closed whole, once the take is done).
 */
void aduan_cache_noting(struct aduan_cache *);

/*
 * A line the commands keep beside the caches, kind's for the data
 * directory of the store: read into buf (0, or -1 when there is none of
 * the user's own), or written in place of the old one.
 */
int aduan_cache_note_get(struct aduan_store *, const char *kind, char *buf,
    size_t cap);
void aduan_cache_note_put(struct aduan_store *, const char *kind,
    const char *line);

/*
 * Record in the log of case late->id that its step is late (or soon due),
 * by the recorder by, unless the log holds that flag for the same deadline
 * already: looked again under the case's write lock, so that two runs flag
 * a step once.  say, when not NULL, is called under that lock before the
 * flag is written, to deliver the notice: when it returns non-zero the
 * step is not flagged (ADUAN_E_IO), so that a notice is never lost.  now
 * is the workflow's; clock and drill as in struct aduan_request.  1 when
 * this call recorded it, 0 when it was there, -1.
 */
int aduan_case_flag(struct aduan_store *, const struct aduan_sop *,
    const struct aduan_late *, const char *by, time_t now, time_t clock,
    int drill, int (*say)(const struct aduan_late *, void *), void *arg,
    struct aduan_err *);

/* ---- recording steps (record.c) ---- */

/* What a recording command asks for, straight from its options. */
struct aduan_request {
	const char *command;	/* "new", "assign", ... as in the SOP */
	const char *id;		/* the case; NULL for new */
	const struct aduan_kv *opts;	/* fields given, in order; flags "" */
	int nopts;
	int step;		/* one step only, or 0 */
	int again;		/* a repeatable step again */
	int adjourn;		/* adjourn the pending step */
	const char *cancel;	/* close it by this cancellation (batal) */
	const char *correct;	/* correct fields of a step done (koreksi),
				   for this reason; opts are the new values */
	const char *at;		/* when it happened as written, NULL for now */
	const char *by;		/* who records */
	time_t now;		/* now, as the workflow sees it */
	time_t clock;		/* the system clock: the recorded time (0: now) */
	int drill;		/* now was set by hand: every event says so */
};

/*
 * An open case other than id, among the newest ADUAN_SIMILAR_WINDOW open
 * ones, whose first step holds the same values as id's in every field the
 * SOP marks duplikat (all of them given; compared without regard to case
 * or to runs of spaces): its ID into other, 1; 0 when there is none or
 * the SOP marks no field.  Logs that cannot be read are passed over.
 */
#define ADUAN_SIMILAR_WINDOW 200
int aduan_record_similar(struct aduan_store *, const struct aduan_sop *,
    const char *id, char other[ADUAN_ID_MAX + 1], struct aduan_err *);

/*
 * Why field f of step st cannot be corrected (a flag, a branch's choice,
 * a time that starts a clock), or NULL when it can.
 */
const char *aduan_uncorrectable(const struct aduan_sop *,
    const struct aduan_step *, const struct aduan_field *);

/* What was recorded. */
struct aduan_recorded {
	char id[ADUAN_ID_MAX + 1];
	int steps[32];
	int nsteps;
	int adjourned;		/* the event was an adjournment */
	int cancelled;		/* a cancellation: steps[0] is the step the
				   case waited for */
	int corrected;		/* a correction: steps[0] is the step */
	time_t happened;
	int next;		/* the step the case now waits for; 0: closed */
	const char *outcome;	/* when closed */
	const struct aduan_sop *sop;	/* the revision the case runs under */
};

/*
 * Record what req asks on its case, if the SOP allows it now: the run of
 * steps the command records from the step the case waits for, each with
 * the data its kelengkapan requires, in one append (or, for new, a new
 * case).  Refusals are ADUAN_E_REFUSED with a hint of what to record
 * instead; bad values are ADUAN_E_USAGE naming the field.  Nothing is
 * written unless everything is accepted.
 */
int aduan_record(struct aduan_store *, const struct aduan_sop *,
    const struct aduan_request *, struct aduan_recorded *,
    struct aduan_err *);

/*
 * The steps a command records from step no on, as a request with no
 * optional flag takes them: their numbers into run (at most max), their
 * count as the result.  For a command's hint of what to give.
 */
int aduan_record_run(const struct aduan_sop *, int no, int run[], int max);

/* ---- verification (verify.c, checkpoint.c) ---- */

/* How a log first breaks. */
enum aduan_fault {
	ADUAN_OK = 0,
	ADUAN_ALTERED,		/* event seq was changed */
	ADUAN_REMOVED,		/* event seq comes where expect should */
	ADUAN_INSERTED,		/* a line that is no event (toolong: too long) */
	ADUAN_DUPLICATED,	/* event seq appears again after expect - 1 */
	ADUAN_REORDERED,	/* event seq comes after expect - 1 */
	ADUAN_TORN,		/* bytes at offset do not make an event */
	ADUAN_COPIED,		/* the header names case other */
	ADUAN_HEADER,		/* line 1 is no header, or is altered */
	ADUAN_FORMAT,		/* line 1 names a format this aduan cannot read */
	ADUAN_LINK,		/* the log is no plain file */
	ADUAN_CUT,		/* it ends at seq; the witness saw expect */
	ADUAN_REWRITTEN,	/* event seq is not the one the witness saw */
	ADUAN_MISSING,		/* the witness saw expect events; no log */
	ADUAN_MOVED,		/* in closed/, but the case is not closed */
	ADUAN_BACKDATED,	/* event seq was recorded before a seal that
				   did not hold it: its clock was set back */
	ADUAN_UNSEALED,		/* recorded before the last seal of every
				   case, yet in none */
	ADUAN_SOPCOPY		/* the SOP copy it runs under (other: the
				   start of its hash) is gone or altered */
};

/* What verification found in one log. */
struct aduan_verdict {
	enum aduan_fault fault;
	long events;		/* events that verified */
	long lines;		/* lines read */
	int sealed;		/* torn fragments sealed in place: no fault */
	long line;		/* the first line at fault, or 0 */
	long seq;		/* the event at fault, as the fault says */
	long expect;
	long long offset, length;	/* ADUAN_TORN */
	int toolong;		/* ADUAN_INSERTED: over ADUAN_LINE_MAX */
	int altered;		/* ADUAN_HEADER: a header whose hash fails */
	int by_seal;		/* ADUAN_CUT, REWRITTEN, MISSING: the seal saw
				   it, not the checkpoint */
	time_t sealed_at;	/* then: when the seal was made */
	long drills;		/* events recorded with the clock set by hand */
	int closed;		/* the log is in closed/ */
	char other[ADUAN_ID_MAX + 1];	/* ADUAN_COPIED */
	char format[32];	/* ADUAN_FORMAT */
};

struct aduan_checkpoint;
struct aduan_seal;

/*
 * Read the checkpoint, the witness of the case heads kept outside the logs
 * (DATA/checkpoint.log), checking its own chain (ADUAN_E_CORRUPT if it was
 * altered).  A missing file reads as an empty checkpoint.  Free with
 * aduan_checkpoint_close.
 */
struct aduan_checkpoint *aduan_checkpoint_open(struct aduan_store *,
    struct aduan_err *);
void aduan_checkpoint_close(struct aduan_checkpoint *);

/*
 * Check the whole chain of case id, its head against the checkpoint cp
 * and the seals s when not NULL, and that a log in closed/ is of a closed
 * case (under sop, when not NULL), and say where and as what it first
 * breaks.  0 with *v filled (a broken chain is an answer, not an error),
 * or -1 when the log cannot be read (not found, busy, I/O).
 */
int aduan_verify(struct aduan_store *, const struct aduan_sop *,
    struct aduan_checkpoint *, struct aduan_seal *, const char *id,
    struct aduan_verdict *, struct aduan_err *);

/*
 * aduan_verify of a case a scan met in closed/ (where 1) or open/ (0),
 * looked for there first; -1: not known.  It marks the case met in cp and
 * s, so that aduan_verify_missing looks only for the cases not verified.
 */
int aduan_verify_in(struct aduan_store *, const struct aduan_sop *,
    struct aduan_checkpoint *, struct aduan_seal *, const char *id,
    int where, struct aduan_verdict *, struct aduan_err *);

/*
 * The cases the checkpoint or the seals saw that are gone: fn is called
 * with each ID and its verdict (ADUAN_MISSING).  0, or -1.
 */
int aduan_verify_missing(struct aduan_store *, struct aduan_checkpoint *,
    struct aduan_seal *,
    void (*fn)(const char *id, const struct aduan_verdict *, void *),
    void *arg, struct aduan_err *);

/* ---- forward-secure seals (seal.c, aduan-seal(8)) ---- */

/*
 * Set up sealing in the directory dir (made 0755 when missing): a random
 * verification key, epochs of len seconds from the start of the current
 * one, the current epoch's key stored (0600), the verification key never.
 * The verification key, to be printed once and kept off the machine, is
 * written to vkey (n >= 100 bytes).  A directory set up already is
 * refused (ADUAN_E_REFUSED).  0, or -1.
 */
int aduan_seal_setup(const char *dir, time_t now, long len, char *vkey,
    size_t n, struct aduan_err *);

/*
 * Seal every case of the store, open and closed, and the set of them, at
 * now: the key is first moved on to now's epoch and the older one
 * overwritten.  A case whose sealed head is no longer in its log, or that
 * was moved back to open/ or to closed/ without a new event, or is gone,
 * is not sealed again: report is called with it and its error and its
 * old seal kept.  *sealed and *refused count.  0, or -1.
 */
int aduan_seal_run(struct aduan_store *, const char *dir, time_t now,
    int *sealed, int *refused,
    void (*report)(const char *id, const struct aduan_err *, void *),
    void *arg, struct aduan_err *);

/*
 * Read the seals of the sealing directory dir; with vkey, check every
 * seal with the key of its own epoch (ADUAN_E_CORRUPT naming the line
 * that fails, ADUAN_E_USAGE for another key).  Free with
 * aduan_seal_close.
 */
struct aduan_seal *aduan_seal_open(const char *dir, const char *vkey,
    struct aduan_err *);
void aduan_seal_close(struct aduan_seal *);

/* How many seals there are, when the last and the last of every case. */
void aduan_seal_last(const struct aduan_seal *, long *seals, time_t *at,
    time_t *set_at);

/*
 * Take a checkpoint: note the head of every open case (with all, of the
 * closed ones too) whose log changed since its last note, in one append
 * to the checkpoint.  *added says how many.  A log that is corrupt (not a
 * plain file, a broken chain) is not noted: skipped, when not NULL, is
 * called with its error and arg, and the others go on.  0 or -1.
 */
int aduan_checkpoint_take(struct aduan_store *, int all, time_t now,
    long utcoff, int *added, void (*skipped)(const struct aduan_err *,
    void *), void *arg, struct aduan_err *);

/* An open case as a scan just saw it: its log's size, or -1 if unknown. */
struct aduan_seen {
	char id[ADUAN_ID_MAX + 1];
	long long size;
};

/*
 * aduan_checkpoint_take of the open cases, for the cron run, given the
 * nopen cases its scan saw in open/ and, of those, the n that may need a
 * line, in its order, with the sizes their logs had: open/ is not listed
 * again, nor a log looked at whose size is known.  The others are those
 * whose log the scan's cache knows unchanged since a take went after it
 * (aduan_checkpoint_stamp); when a snapshot is due, every open case is
 * taken, as aduan_checkpoint_take does.
 */
int aduan_checkpoint_take_seen(struct aduan_store *,
    const struct aduan_seen *, size_t n, size_t nopen, time_t now,
    long utcoff, int *added, struct aduan_err *);

/*
 * The checkpoint file as it is now, in a line for aduan_cache_note_put
 * (0, or -1 when there is none), and whether the one a stamp names is
 * still there, grown at most (1, else 0): the lines of the scan's cache
 * marked noted are believed only while it is.
 */
int aduan_checkpoint_stamp(struct aduan_store *, char *buf, size_t cap);
int aduan_checkpoint_since(struct aduan_store *, const char *stamp);

/* ---- the letters the SOP names (letter.c, aduan-surat(5)) ---- */

/*
 * The office's configuration (kantor.yaml) and the letter templates
 * (surat.yaml), checked against the SOP they print from.
 */
struct aduan_letters;

/* The office's keys (kantor:), by index. */
enum {
	ADUAN_OFFICE_PEMERINTAH, ADUAN_OFFICE_NAMA, ADUAN_OFFICE_ALAMAT,
	ADUAN_OFFICE_TELEPON, ADUAN_OFFICE_EMAIL, ADUAN_OFFICE_LAMAN,
	ADUAN_OFFICE_TEMPAT, ADUAN_OFFICE_LAMBANG, ADUAN_OFFICE_HURUF,
	ADUAN_OFFICE_KODE,	/* the code its case IDs start with, KRG */
	ADUAN_OFFICE_NKEYS
};
extern const char *const aduan_office_keys[ADUAN_OFFICE_NKEYS + 1];

/* A kind of letter: its word, its name, the step it comes from. */
struct aduan_letter_kind {
	const char *jenis;	/* "panggilan" */
	const char *nama;	/* "Surat Panggilan" */
	int step;
	const char *untuk;	/* a letter for each value of this field of
				   the step, or NULL: one letter */
	int line;		/* where it starts in surat.yaml */
};

/*
 * Load the office's configuration and the templates: the files given, or
 * kantor.yaml and surat.yaml beside the SOP's file.  Every placeholder is
 * checked against the SOP's fields.  NULL with err (ADUAN_E_CONFIG and
 * the place in the file) on a fault.  aduan_letters_parse takes the
 * texts themselves.
 */
struct aduan_letters *aduan_letters_load(const struct aduan_sop *,
    const char *kantor, const char *surat, struct aduan_err *);
struct aduan_letters *aduan_letters_parse(const struct aduan_sop *,
    const char *kantor_path, const char *kantor, size_t klen,
    const char *surat_path, const char *surat, size_t slen,
    struct aduan_err *);
void aduan_letters_free(struct aduan_letters *);

/*
 * The office's configuration alone (kantor.yaml, as above), for a
 * document of the office that is no letter: no kinds of letter.
 */
struct aduan_letters *aduan_office_load(const struct aduan_sop *,
    const char *kantor, struct aduan_err *);

/* The path of kantor.yaml (which 0) or surat.yaml (1). */
const char *aduan_letters_path(const struct aduan_letters *, int which);

/* The kinds of letter in file order, and the one called jenis (any case). */
int aduan_letters_n(const struct aduan_letters *);
const struct aduan_letter_kind *aduan_letters_at(const struct aduan_letters *,
    int i);
const struct aduan_letter_kind *aduan_letters_kind(
    const struct aduan_letters *, const char *jenis);

/* The office's value of key (ADUAN_OFFICE_*), or NULL; lambang a path. */
const char *aduan_letters_office(const struct aduan_letters *, int key);

struct aduan_sign;

/*
 * The ith signatory of kantor.yaml, as it signs a document of the office
 * (not a case's: no officer named for a role): 0, or -1 past the last.
 */
int aduan_letters_signer(const struct aduan_letters *, int i,
    struct aduan_sign *);

/* The blocks a letter is drawn from, in the order of the template. */
enum aduan_bkind {
	ADUAN_BLK_KOP,		/* the letterhead */
	ADUAN_BLK_JUDUL,	/* a title: centred, bold, underlined */
	ADUAN_BLK_TENGAH,	/* centred lines */
	ADUAN_BLK_KANAN,	/* lines in the right half (place and date) */
	ADUAN_BLK_KIRI,		/* lines at the left (to whom) */
	ADUAN_BLK_TEKS,		/* a justified paragraph */
	ADUAN_BLK_TABEL,	/* label : value rows (items: label, value...) */
	ADUAN_BLK_DAFTAR,	/* a numbered list (items) */
	ADUAN_BLK_TTD,		/* signatures of the office (signs) */
	ADUAN_BLK_TTDPIHAK,	/* a signature place for each item (party) */
	ADUAN_BLK_JARAK		/* a blank line */
};

struct aduan_sign {
	const char *atas;	/* the line above ("Mengetahui,"), or NULL */
	const char *jabatan, *nama, *pangkat, *nip;	/* each may be NULL */
};

struct aduan_block {
	enum aduan_bkind kind;
	const char *text;	/* judul, tengah, kanan, kiri, teks */
	const char *const *items;
	int nitems;
	const struct aduan_sign *signs;
	int nsigns;
};

/* A letter made from a case, every value put in as plain text. */
struct aduan_letter;
struct aduan_letter_view {
	const struct aduan_letter_kind *kind;
	int index;		/* which of the kind's letters, from 0 */
	const char *untuk;	/* the value it is for, or NULL */
	char key[48];		/* which letter: "SEQ.N" (aduan-log(5)) */
	char nomor[256];	/* its number, as the office writes it */
	char reg[24];		/* its place in the register, YEAR-NNNN */
	time_t tanggal;		/* its date: when it was first printed */
	const struct aduan_event *printed;	/* its last surat event, or
						   NULL: never printed */
	char sha[65];		/* the SHA-256 that event records */
	const struct aduan_block *blocks;
	int nblocks;
};

/* The most letters of one kind a case makes: one for each party. */
#define ADUAN_LETTERS_MAX 64

/*
 * How many letters of kind the case c makes: 1, or one for each value of
 * its untuk field, at most ADUAN_LETTERS_MAX (their values into names,
 * pointing into the case; names[0] NULL for a letter made once).  -1 when
 * the step it comes from is not recorded (ADUAN_E_REFUSED,
 * ADUAN_HINT_STEP).
 */
int aduan_letter_count(const struct aduan_letters *, const struct aduan_case *,
    const struct aduan_letter_kind *, const char *names[ADUAN_LETTERS_MAX],
    struct aduan_err *);

/*
 * Make the index-th letter of kind from case c, which the caller holds
 * with ADUAN_WRITE: the number and date it was first printed with, or a
 * new number of the register, dated now.  A value the template needs and
 * the case lacks is ADUAN_E_REFUSED with err->step and err->field.
 */
struct aduan_letter *aduan_letter_make(struct aduan_store *,
    const struct aduan_letters *, const struct aduan_case *,
    const struct aduan_letter_kind *, int index, time_t now,
    struct aduan_err *);
const struct aduan_letter_view *aduan_letter_view(const struct aduan_letter *);
void aduan_letter_free(struct aduan_letter *);

/* The forms of a date in Indonesian (aduan_date_id). */
enum {
	ADUAN_DATE_TANGGAL = 2,	/* 5 Maret 2026 */
	ADUAN_DATE_HARI = 1,	/* Kamis */
	ADUAN_DATE_PUKUL = 3,	/* 09.00 WIB */
	ADUAN_DATE_LENGKAP = 4,	/* Kamis, 5 Maret 2026 pukul 09.00 WIB */
	ADUAN_DATE_KATA = 5	/* Kamis tanggal lima bulan Maret tahun dua
				   ribu dua puluh enam */
};

/* t in the zone utcoff, in the form asked; returns buf. */
const char *aduan_date_id(time_t t, long utcoff, int form, char *buf,
    size_t cap);

/* ---- the letters printed, as records (printed.c, aduan-log(5)) ---- */

/* The fields of a "surat" event (aduan-log(5)). */
#define ADUAN_LETTER_JENIS "surat-jenis"
#define ADUAN_LETTER_NOMOR "surat-nomor"
#define ADUAN_LETTER_REG "surat-register"
#define ADUAN_LETTER_KEY "surat-kunci"
#define ADUAN_LETTER_UNTUK "surat-untuk"
#define ADUAN_LETTER_SHA "surat-sha256"

/*
 * Record that the letter was printed as the file whose SHA-256 is sha (64
 * hex digits): a "surat" event, dated as the letter, unless its last
 * printing has that hash already.  0 when it had, 1 when this is its
 * first printing, 2 when it was printed before as other bytes (the case
 * or the template changed); -1.
 */
int aduan_letter_record(struct aduan_case *, const struct aduan_letter *,
    const char *sha, const char *by, time_t now, time_t clock, int drill,
    struct aduan_err *);

/* The letter a printed file is, found by its SHA-256. */
struct aduan_letter_match {
	char id[ADUAN_ID_MAX + 1];
	long seq, line;
	int step;
	time_t happened, recorded;
	char by[128];
	char jenis[64];
	char nomor[256];
	char untuk[256];
	long superseded;	/* a later printing of it, other bytes: its
				   seq; else 0 */
};

/*
 * Look through every case, open and closed, for the surat event that
 * recorded sha: 1 with *m filled, 0 when none did, -1.
 */
int aduan_letter_find(struct aduan_store *, const struct aduan_sop *,
    const char *sha, struct aduan_letter_match *, struct aduan_err *);

/* The SHA-256 of n bytes at p, or of the file at path, in hex. */
void aduan_sha256(const void *p, size_t n, char out[65]);
int aduan_sha256_file(const char *path, char out[65], struct aduan_err *);

/* ---- the register and the recap (recap.c) ---- */

/*
 * s folded for search into out (n bytes): lower case, the accents of
 * Latin letters taken off, runs of white space one space, no space at
 * either end.  Its length.
 */
size_t aduan_fold(const char *s, char *out, size_t n);

/* A case as the register lists it. */
struct aduan_summary {
	time_t filed;		/* its first event happened */
	time_t closed;		/* the event that closed it, 0 while open */
	const char *outcome;	/* NULL while open */
	int cancelled;		/* closed by a cancellation (batal) */
	const char *pelapor, *perihal, *kelurahan;	/* step 1's values as
							   they stand, or "" */
	int next;		/* the step it waits for, 0 once closed */
};
void aduan_case_summary(const struct aduan_case *, struct aduan_summary *);

/* Which cases a search asks for; every part given must hold. */
struct aduan_filter {
	time_t from, to;	/* [from, to) of the filing date, or with
				   closing of the closing date; 0: no bound */
	int closing;
	const char *text;	/* in a text field of the SOP recorded or
				   corrected: pelapor, pihak, perihal, isi,
				   ..., without regard to case or accents */
	const char *kelurahan;	/* step 1's kelurahan, in any case */
};
int aduan_case_matches(const struct aduan_case *, const struct aduan_filter *);

/* A count of a recap: of what (an outcome, a role, a kelurahan, ...). */
struct aduan_recap_count {
	const char *key;	/* "" for a kelurahan not given */
	long n;
	int cancel;		/* an outcome that is a cancellation */
};

/* One step's figures in a recap. */
struct aduan_recap_step {
	const struct aduan_step *step;
	long recorded;		/* first recorded in the period */
	long timed;		/* of them, with a deadline */
	long late;		/* of them, late */
	long median, p90;	/* office minutes taken (start to first
				   done), -1 when none was timed */
	int over;		/* the 90th percentile is at least the
				   histogram's last minute (60000) */
};

struct aduan_recap_view {
	time_t from, to;
	long filed, closed;
	long open_end;		/* open at the end of the period (or now) */
	long open_median_days, open_max_days;	/* -1 when none */
	char oldest[ADUAN_ID_MAX + 1];	/* the case open the longest */
	time_t oldest_filed;
	const struct aduan_recap_count *outcomes;	/* SOP order */
	int noutcomes;
	const struct aduan_recap_step *steps;	/* SOP order */
	int nsteps;
	const struct aduan_recap_count *roles;	/* late steps per role */
	int nroles;
	const struct aduan_recap_count *kelurahan;	/* the SOP's list,
							   then "" */
	int nkel;
	const struct aduan_recap_count *subjects;	/* perihal, the most
							   first */
	int nsubjects;
	struct {
		int year, month;	/* 1-12 */
		long filed, closed;
	} trend[12];		/* the twelve months ending with the
				   period's last */
};

/*
 * A recap of the period [from, to) (0 for no bound) under sop; now is
 * when it is made (the end for a period not over).  Add every case with
 * aduan_recap_add, then read the view (valid until the next add or the
 * free).  NULL with err when out of memory.
 */
struct aduan_recap;
struct aduan_recap *aduan_recap_new(const struct aduan_sop *, time_t from,
    time_t to, time_t now, struct aduan_err *);
int aduan_recap_add(struct aduan_recap *, const struct aduan_case *,
    struct aduan_err *);

/*
 * With the recap's cache (aduan_cache_open, kind "recap"): count case id
 * (in closed/ or not) from what the cache remembers of it, 1, when its
 * log is unchanged; else 0, and the caller loads the case, adds it and
 * gives it to aduan_recap_keep.  -1 with err when out of memory.
 */
/*
 * The cases added from now on are of the next office (a city's recap):
 * where the figures name one case among equals (the oldest open, the
 * words a subject is shown in), the first office's comes first, and
 * within an office the case first in order of ID, whatever order the
 * cases were added in.
 */
void aduan_recap_office(struct aduan_recap *);

int aduan_recap_cached(struct aduan_recap *, struct aduan_cache *,
    const char *id, int closed, struct aduan_err *);
void aduan_recap_keep(struct aduan_recap *, struct aduan_cache *,
    const char *id, const struct aduan_case *);
const struct aduan_recap_view *aduan_recap_view(struct aduan_recap *);
void aduan_recap_free(struct aduan_recap *);

/* ---- the city's offices (city.c, aduan-sync(1)) ---- */

struct aduan_city_office {
	const char *kode;	/* KRG: names its copy under the city */
	const char *nama;	/* or NULL */
	const char *remote;	/* where its records are fetched from */
	const char *kunci;	/* the verification key of its seals, or
				   NULL (aduan-seal(8)) */
	int line;		/* where it is in the file */
};

/*
 * Load the city's file of offices (kota.yaml): NULL with err
 * (ADUAN_E_CONFIG and the place) on a fault.
 */
struct aduan_city;
struct aduan_city *aduan_city_load(const char *path, struct aduan_err *);
void aduan_city_free(struct aduan_city *);
int aduan_city_n(const struct aduan_city *);
const struct aduan_city_office *aduan_city_at(const struct aduan_city *,
    int i);

/*
 * Verify every case of the store, open and closed, against the
 * checkpoint cp and the seals when not NULL, as aduan verify does, and the cases the
 * checkpoint saw that are gone: the cases into *n, those that do not
 * verify into *bad.  0, or -1 when a log cannot be read.
 */
int aduan_verify_all(struct aduan_store *, const struct aduan_sop *,
    struct aduan_checkpoint *, struct aduan_seal *, int *n, int *bad,
    struct aduan_err *);

/* ---- replication over git (sync.c, aduan-sync(1)) ---- */

/*
 * The git program run carefully for one office or one city, and the
 * office that authors its commits.
 */
struct aduan_sync;

/*
 * Ready to run the git program at git (a path the caller found, which
 * must live as long as the object), committing as the office: name and
 * email, NULL for "aduan" and "aduan@localhost".  fn, when not NULL, is
 * called with arg and each failure a function goes on past, or that comes
 * before the one it fails with (a file that cannot be written).  The
 * object is the caller's (aduan_sync_free), or NULL with ADUAN_E_IO when
 * out of memory.
 */
struct aduan_sync *aduan_sync_new(const char *git, const char *name,
    const char *email, void (*fn)(const struct aduan_err *, void *),
    void *arg, struct aduan_err *);
void aduan_sync_free(struct aduan_sync *);

/* What aduan_sync_commit did. */
enum {
	ADUAN_SYNC_NOTHING = 0,	/* nothing changed since the last one */
	ADUAN_SYNC_COMMITTED,	/* one commit, its message in msg */
	ADUAN_SYNC_REMOVED	/* a record is gone: nothing committed */
};

/*
 * Commit every change of the data directory dir since the last commit,
 * once, with a message naming the cases, new or closed (into msg, n
 * bytes); dir is made a repository first when it is not one, and given
 * aduan's configuration whatever it held.  A record removed (a log gone
 * that did not move to closed/, the checkpoint gone) is never committed:
 * ADUAN_SYNC_REMOVED, its path in dir into removed (rn bytes), the change
 * unstaged again.  -1 with err: ADUAN_E_CONFIG when dir/.git is no
 * folder, ADUAN_E_CORRUPT for a .git planted below the top of dir,
 * ADUAN_E_IO when git fails.
 */
int aduan_sync_commit(struct aduan_sync *, const char *dir, char *msg,
    size_t n, char *removed, size_t rn, struct aduan_err *);

/* Whether the repository at dir has a commit to push: 1, or 0. */
int aduan_sync_started(struct aduan_sync *, const char *dir);

/* What aduan_sync_push did. */
enum {
	ADUAN_SYNC_PUSHED = 0,	/* the remote's main moved forward */
	ADUAN_SYNC_UPTODATE,	/* the remote had it all */
	ADUAN_SYNC_BEHIND	/* the remote holds history dir does not */
};

/*
 * Push the repository at dir to the main branch of remote (a path or a
 * URL), a fast forward only, never forced: what it did, as above (when
 * ADUAN_SYNC_BEHIND, aduan_sync_merge, then push again).  -1 with
 * ADUAN_E_IO when it cannot; the commits stay in dir.
 */
int aduan_sync_push(struct aduan_sync *, const char *dir,
    const char *remote, struct aduan_err *);

/*
 * Merge what remote recorded into the repository at dir, case by case:
 * a log one side has and the other has not, or has as the start of it,
 * is taken whole; a log whose two histories part is kept as dir has it,
 * the other's kept in dir/fork/ID.log, so that the case is recorded on no
 * more until a person chooses (aduan_store_choose); forked, when not
 * NULL, is called with its ID, the line where the two part (1-based), the
 * file the other is kept in (fork/ID.log) and arg.  The merge is a commit
 * of two parents, its message into msg (n bytes), the cases forked into
 * *forks: 0, or 1 when a case of the remote could not be read or written.
 * -1 with err, nothing merged: ADUAN_E_CORRUPT when the two histories
 * have nothing in common, ADUAN_E_IO.
 */
int aduan_sync_merge(struct aduan_sync *, const char *dir,
    const char *remote,
    void (*forked)(const char *id, long line, const char *kept, void *),
    void *arg, char *msg, size_t n, int *forks, struct aduan_err *);

/*
 * Copy the log of the seals of the sealing directory sealdir (never its
 * key) into dir/segel/seals.log, read under its shared lock, for the city
 * to check: 1, or 0 when sealdir has no seals and they are not required.
 * -1 with err: ADUAN_E_CONFIG when required seals are missing,
 * ADUAN_E_IO.
 */
int aduan_sync_seals(struct aduan_sync *, const char *dir,
    const char *sealdir, int required, struct aduan_err *);

/* What aduan_sync_fetch did. */
enum {
	ADUAN_SYNC_UNCHANGED = 0,	/* the office recorded nothing since */
	ADUAN_SYNC_BROUGHT,	/* the copy brought forward */
	ADUAN_SYNC_COPIED	/* the city had no copy: cloned */
};

/*
 * Bring the city's copy of office o, city/KODE (its path into copy, n
 * bytes), up to the office's remote by fast forward only, cloned when the
 * city has none: what it did, as above; the copy is then for
 * aduan_sync_verify.  -1 with err: ADUAN_E_CORRUPT when the office's
 * history no longer holds what the city copied (it was rewritten: the
 * copy is kept), ADUAN_E_CONFIG when its .git is no folder, ADUAN_E_IO.
 */
int aduan_sync_fetch(struct aduan_sync *, const char *city,
    const struct aduan_city_office *o, char *copy, size_t n,
    struct aduan_err *);

/*
 * Verify the city's copy of office o at copy as aduan_verify_all does,
 * with the office's seals when the city has its key (o->kunci): the
 * cases into *n, those that do not verify into *bad, 0; 1 when the city
 * has the key and the copy carries no seals.  -1 with err:
 * ADUAN_E_CORRUPT when the copy is no data directory or its seals do not
 * verify with the key, ADUAN_E_IO.
 */
int aduan_sync_verify(const struct aduan_city_office *o, const char *copy,
    const struct aduan_sop *, int *n, int *bad, struct aduan_err *);

#endif /* ADUAN_H */
