/*
 * aduan.h - the one public interface of libaduan.
 *
 * libaduan keeps the record of citizen complaints handled under an SOP: it
 * loads and validates the SOP and its office calendar, keeps one append-only
 * log per case, and replays a log into the state of the case.  The core never
 * prints, exits or reads the environment: every function that can fail
 * returns 0 (or a pointer) on success and -1 (or NULL) on failure, and fills a
 * struct aduan_err.  Only the cli group at the end, used by the commands in
 * cmd/, talks to the outside world.
 *
 * Structs declared but not defined here are opaque.  The plain structs that
 * are defined (steps, roles, fields) are read-only views owned by the SOP
 * they come from and live as long as it does.
 */
#ifndef ADUAN_H
#define ADUAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define ADUAN_VERSION "0.1.0"

/*
 * Exit status of every command, one table, documented in aduan(1).
 * The error categories below have the same values, so that a failure maps
 * to its exit status without a table of its own.
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

/* Error categories; each equals the exit status it leads to. */
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
 * What went wrong.  msg is one line with no program name; when a file is at
 * fault, file names it and line/col (1-based, 0 if unknown) place it.
 */
struct aduan_err {
	enum aduan_errcat cat;
	int line;
	int col;
	char file[512];
	char msg[768];
};

/* Clear an error record. */
void aduan_err_clear(struct aduan_err *);

/*
 * Format the error as "file:line:col: msg" (or just "msg") into buf of size
 * n.  Returns buf.
 */
const char *aduan_err_str(const struct aduan_err *, char *buf, size_t n);

/* ---- durations (sop.c) ---- */

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
 * or "-".  Returns 0, or -1 with a message in err (no position).
 */
int aduan_dur_parse(const char *, struct aduan_dur *, struct aduan_err *);

/* Write the duration back in the SOP's wording ("2 menit", "-"). */
const char *aduan_dur_str(const struct aduan_dur *, char *buf, size_t n);

/* ---- the SOP and its calendar (sop.c, calendar.c) ---- */

struct aduan_sop;
struct aduan_cal;

enum aduan_ftype {
	ADUAN_FIELD_TEXT = 0,
	ADUAN_FIELD_TIME,
	ADUAN_FIELD_CHOICE,
	ADUAN_FIELD_FLAG
};

/* A piece of data recorded with a step; the command option is --name. */
struct aduan_field {
	const char *name;
	const char *label;	/* NULL when the SOP gives none */
	enum aduan_ftype type;
	int required;
	int multiple;
	const char *const *choices;	/* NULL-terminated, for CHOICE */
	int nchoices;
};

struct aduan_role {
	const char *id;
	const char *nama;
	const char *kolom;	/* the seed's executor column, or NULL */
};

/* One branch of a step: value of the branch field -> next step number. */
struct aduan_case_to {
	const char *value;
	int next;
};

struct aduan_step {
	int no;
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
	int repeatable;
	int adjournable;
	int line;		/* where the step starts in the SOP file */
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

/* The path the SOP was loaded from. */
const char *aduan_sop_path(const struct aduan_sop *);

/* The text of the SOP file as it was parsed, its length into *len. */
const char *aduan_sop_text(const struct aduan_sop *, size_t *len);

/* Steps in file order; the first is the start step. */
int aduan_sop_nsteps(const struct aduan_sop *);
const struct aduan_step *aduan_sop_step_at(const struct aduan_sop *, int i);

/* The step numbered no, or NULL. */
const struct aduan_step *aduan_sop_step(const struct aduan_sop *, int no);

int aduan_sop_nroles(const struct aduan_sop *);
const struct aduan_role *aduan_sop_role_at(const struct aduan_sop *, int i);

/* The role with this id, or NULL. */
const struct aduan_role *aduan_sop_role(const struct aduan_sop *,
    const char *id);

/* The field called name of a step, or NULL. */
const struct aduan_field *aduan_step_field(const struct aduan_step *,
    const char *name);

/* The calendar the SOP names; owned by the SOP. */
const struct aduan_cal *aduan_sop_cal(const struct aduan_sop *);

/* ---- the office calendar (calendar.c) ---- */

/* An office interval in minutes after local midnight, [open, close). */
struct aduan_span {
	int open;
	int close;
};

/* Kinds of a closed day. */
enum aduan_dayoff {
	ADUAN_OPEN = 0,
	ADUAN_WEEKEND,		/* no office hours that weekday */
	ADUAN_LIBUR,		/* libur nasional */
	ADUAN_CUTI		/* cuti bersama */
};

/*
 * Office hours on a local date: the spans (at most 8) into spans, their
 * number as the result.  kind tells why a day with none is closed and name
 * the holiday's name (NULL otherwise).  *listed is 0 when the date's year
 * has no holiday list, so that the caller can say so.
 */
int aduan_cal_day(const struct aduan_cal *, int y, int m, int d,
    struct aduan_span spans[8], enum aduan_dayoff *kind, const char **name,
    int *listed);

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

/* The years with a holiday list, ascending; count in *n. */
const int *aduan_cal_years(const struct aduan_cal *, int *n);

/* ---- text, IDs and times (log.c) ---- */

/* Limits of the case log, as in aduan-log(5). */
#define ADUAN_VALUE_MAX 16384	/* bytes of one value, escaped */
#define ADUAN_LINE_MAX 65536	/* bytes of one line */
#define ADUAN_KV_MAX 64		/* key=value fields of one event */
#define ADUAN_ID_MAX 16		/* bytes of a case ID */

/*
 * Check that s may be stored: valid UTF-8, no control character but TAB,
 * LF and CR, no bidirectional control, at most max bytes once escaped.
 * what names it in the message ("--perihal").  0, or -1 with
 * ADUAN_E_USAGE.
 */
int aduan_text_check(const char *s, size_t max, const char *what,
    struct aduan_err *);

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

/* Format t as "YYYY-MM-DDTHH:MM:SS+07:00" for the offset; returns buf. */
const char *aduan_time_fmt(time_t, long utcoff, char buf[32]);

/* ---- events ---- */

struct aduan_kv {
	const char *key;
	const char *val;
};

/*
 * One line of a case log.  Read from a log, the strings belong to the
 * reader (or the case) they came from.  To append, fill step (0 for
 * none), event, happened, by and kv; seq and recorded are set by the log.
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
 * The test seam: make the nth call that changes the disk (write, fsync,
 * link, rename, a new file) fail with errno err, or with err 0 kill the
 * process there.  n 0 turns it off.  For tests only.
 */
void aduan_store_fault(struct aduan_store *, long n, int err);

/*
 * Call fn for the ID of every open case (closed ones are skipped by name,
 * never opened); with all set, for closed cases too.  Stops at the first
 * non-zero return of fn and returns it; -1 with err on an I/O error.
 */
int aduan_store_scan(struct aduan_store *, int all,
    int (*fn)(const char *id, int closed, void *), void *arg,
    struct aduan_err *);

/* ---- one case log (log.c) ---- */

struct aduan_log;

enum aduan_lockmode {
	ADUAN_READ = 0,		/* shared lock, for reading */
	ADUAN_WRITE = 1		/* exclusive lock, for appending */
};

/*
 * Open the log of case id, locked for mode, and read its header.  A case
 * that does not exist fails with ADUAN_E_NOTFOUND; a busy lock, after the
 * store's wait, with ADUAN_E_LOCKED.
 */
struct aduan_log *aduan_log_open(struct aduan_store *, const char *id,
    enum aduan_lockmode, struct aduan_err *);

/* The case ID, SOP number and SOP revision named by the header. */
const char *aduan_log_id(const struct aduan_log *);
const char *aduan_log_sop(const struct aduan_log *);
const char *aduan_log_revisi(const struct aduan_log *);

/* Whether the log lives in closed/. */
int aduan_log_in_closed(const struct aduan_log *);

/*
 * Read the next event into ev (valid until the next call).  Returns 1 for
 * an event, 0 at the end, -1 with ADUAN_E_CORRUPT naming the line.  A torn
 * tail is not an event: it ends the reading and aduan_log_torn tells.
 */
int aduan_log_next(struct aduan_log *, struct aduan_event *,
    struct aduan_err *);

/*
 * Skip a long log to its last lines before reading on, for a writer that
 * needs only the tail (last seq, last hash, torn tail), not the replay.
 * The line it starts from is trusted, not verified: the chain is checked
 * by readers of the whole log.  Line numbers are unknown afterwards.
 */
int aduan_log_seek_tail(struct aduan_log *, struct aduan_err *);

/*
 * After the end: 1 when the tail is torn, with where it starts and its
 * length in bytes; 0 otherwise.
 */
int aduan_log_torn(const struct aduan_log *, long long *off, long long *len);

/*
 * Append events to a log opened ADUAN_WRITE and read to its end: seal a
 * torn tail first, then write every line in one write and fsync.  now is
 * the recorded time, utcoff the local offset its times are written
 * with.  On failure the file is as before and err says why
 * (ADUAN_E_IO).
 */
int aduan_log_append(struct aduan_log *, const struct aduan_event *, int n,
    time_t now, long utcoff, struct aduan_err *);

/*
 * Move the log of a closed case to closed/ (without replacing anything)
 * and sync both directories.  The log stays open and locked.
 */
int aduan_log_move_closed(struct aduan_log *, struct aduan_err *);

/* Unlock and close; NULL is allowed. */
void aduan_log_close(struct aduan_log *);

/* What aduan_log_verify found in a log. */
struct aduan_verdict {
	int ok;			/* the chain holds from the header to the end */
	long events;		/* events that verified */
	long lines;		/* lines read */
	int sealed;		/* torn fragments sealed in place: no fault */
	long line;		/* the first line at fault, or 0 */
	const char *what;	/* NULL, or "altered", "removed", "inserted",
				   "duplicated", "reordered", "torn",
				   "copied" (from another case), "header",
				   "link" (not a plain file) */
	char detail[256];
};

/*
 * Check the whole chain of case id and say where, and as what, it first
 * breaks.  With want_head, the log must also hold want_events events and
 * its event want_events must end in that hash, as a checkpoint saw it
 * ("cut", "rewritten").  0 with *v filled (a broken chain is an answer,
 * not an error), or -1 when the log cannot be read (not found, busy, I/O).
 */
int aduan_log_verify(struct aduan_store *, const char *id, long want_events,
    const char *want_head, struct aduan_verdict *, struct aduan_err *);

/* ---- the checkpoint, a witness outside the logs (checkpoint.c) ---- */

struct aduan_checkpoint;

/*
 * Read DATA/checkpoint.log, checking its own chain (ADUAN_E_CORRUPT if it
 * was altered); with write, lock it for a new checkpoint.  A missing file
 * reads as an empty checkpoint.  Free with aduan_checkpoint_close.
 */
struct aduan_checkpoint *aduan_checkpoint_open(struct aduan_store *,
    int write, struct aduan_err *);
void aduan_checkpoint_close(struct aduan_checkpoint *);

/* The head a checkpoint last saw for id: 1 with events and hash, or 0. */
int aduan_checkpoint_head(struct aduan_checkpoint *, const char *id,
    long *events, const char **hash);

/* The IDs the checkpoint knows, in order: the ith, or NULL past the end. */
const char *aduan_checkpoint_id_at(struct aduan_checkpoint *, size_t i);

/*
 * Take a checkpoint: note the head of every open case (with all, of the
 * closed ones too) whose log changed since its last note, in one append
 * to the checkpoint log.  *added says how many.  A log that is corrupt
 * (not a plain file, a broken chain) is not noted: skipped, when not
 * NULL, is called with its error and arg, and the others go on.  0 or -1.
 */
int aduan_checkpoint_take(struct aduan_store *, int all, time_t now,
    long utcoff, int *added, void (*skipped)(const struct aduan_err *,
    void *), void *arg, struct aduan_err *);

/*
 * Create a new case: allocate the next ID of year, write the header (SOP
 * number and revision) and its first n events in a complete file, sync it and
 * link it into open/.  The ID is written to id.  0, or -1.
 */
int aduan_store_create(struct aduan_store *, int year, const char *nomor,
    const char *revisi, const struct aduan_event *evs, int n, time_t now,
    long utcoff, char id[ADUAN_ID_MAX + 1], struct aduan_err *);

/*
 * Keep a copy of the SOP file in DATA/sop/, one per SOP number and
 * revision, before a case starts under it, so that the case runs under
 * that revision for its whole life.  If the copy of that revision exists
 * and differs from the SOP, the SOP was changed without a new revision:
 * ADUAN_E_CONFIG.  0, or -1.
 */
int aduan_store_keep_sop(struct aduan_store *, const struct aduan_sop *,
    struct aduan_err *);

/*
 * The SOP a case with this SOP number and revision runs under: current
 * when it is that revision (and matches the copy kept of it), else the
 * copy kept in DATA/sop/, loaded once and owned by the store, with the
 * calendar of current.  NULL with ADUAN_E_CONFIG when no copy is kept.
 */
const struct aduan_sop *aduan_store_sop(struct aduan_store *,
    const struct aduan_sop *current, const char *nomor, const char *revisi,
    struct aduan_err *);

/* ---- a case: its log replayed against the SOP (case.c) ---- */

struct aduan_case;

/* What replay knows of one step of a case. */
struct aduan_stepstate {
	int done;		/* times done (a repeatable step: more than 1) */
	const struct aduan_event *last;	/* its last done event, or NULL */
	const struct aduan_event *first;	/* its first done event */
	time_t adjourned_to;	/* the last adjourn's new time, or 0 */
	int adjourns;		/* times adjourned */
	int flagged;		/* a late event was recorded for it */
	time_t flagged_for;	/* the deadline its last late event named */
	time_t warned_for;	/* the deadline its last soon event named */
	int timed;		/* done, with a deadline: the three below */
	time_t started;		/* when its clock started */
	time_t deadline;	/* when it was due */
	int late;		/* it was done after its deadline */
};

enum aduan_status {
	ADUAN_STEP_DONE,	/* recorded */
	ADUAN_STEP_NEXT,	/* the step the case waits for */
	ADUAN_STEP_LATER,	/* still ahead on the way the case can go */
	ADUAN_STEP_SKIPPED	/* not on this case's branch */
};

/*
 * Open the case id, lock it for mode, read its whole log and replay it
 * against the SOP revision it runs under: sop when the case names that
 * revision, else the copy the store keeps (aduan_store_sop).  Returns the
 * case (aduan_case_free) or NULL: ADUAN_E_NOTFOUND, ADUAN_E_LOCKED,
 * ADUAN_E_CORRUPT (with the line), ADUAN_E_CONFIG (a revision with no
 * kept copy, or an SOP changed without a new revision) or ADUAN_E_IO.  With ADUAN_WRITE the case stays locked
 * until it is freed, so that a check and an append see the same log.
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

/* The outcome of a closed case (the SOP's word), or NULL while open. */
const char *aduan_case_outcome(const struct aduan_case *);

/* The state of step no (NULL if the SOP has no such step). */
const struct aduan_stepstate *aduan_case_step(const struct aduan_case *,
    int no);

/* Where step no stands on this case. */
enum aduan_status aduan_case_status(const struct aduan_case *, int no);

/*
 * The deadline of step no: for a done step, as it was when it was done;
 * for the pending step, as it is now.  Fills *start and *deadline and
 * returns 1; 0 when the step has none (no time standard, or neither done
 * nor pending).  *unlisted as in aduan_cal_add.  note, when not NULL, is
 * told how the deadline was counted.
 */
int aduan_case_deadline(const struct aduan_case *, int no, time_t *start,
    time_t *deadline, int *unlisted, void (*note)(void *, const char *),
    void *arg);

/* The events of the log in order, torn fragments left out. */
int aduan_case_nevents(const struct aduan_case *);
const struct aduan_event *aduan_case_event(const struct aduan_case *, int i);

/* 1 when the log ends in a torn tail (see aduan_log_torn), else 0. */
int aduan_case_torn(const struct aduan_case *, long long *off,
    long long *len);

/*
 * Append events to a case loaded ADUAN_WRITE and replay them; a case they
 * close is moved to closed/.  Returns 0 or -1 (nothing appended).
 */
int aduan_case_append(struct aduan_case *, const struct aduan_event *, int n,
    time_t now, struct aduan_err *);

/* ---- late steps (case.c) ---- */

/* A pending step past its deadline, or due soon. */
struct aduan_late {
	char id[ADUAN_ID_MAX + 1];
	int step;
	const struct aduan_sop *sop;	/* the revision the case runs under */
	time_t start;
	time_t deadline;
	long late_by;		/* office seconds past the deadline; < 0: left */
	int soon;		/* not late yet: due within the warning time */
	int unlisted;		/* a year without a holiday list was met */
	int newly;		/* this call recorded its flag */
};

/*
 * Check the step case id waits for against now.  Returns 1 with *late
 * filled when it is past its deadline, or (with within > 0 seconds of
 * office time) due within that time; 0 when not; -1 on error.  With flag
 * set, records a "late" (or "soon") event for it under the case's lock,
 * unless one was recorded for the same deadline: late->newly says whether
 * this call did, so that each step is flagged once even when two runs
 * overlap.
 */
int aduan_case_check_late(struct aduan_store *, const struct aduan_sop *,
    const char *id, time_t now, long within, int flag,
    struct aduan_late *late, struct aduan_err *);

/* ---- recording steps (record.c) ---- */

/* What a recording command asks for, straight from its options. */
struct aduan_request {
	const char *command;	/* "new", "assign", ... as in the SOP */
	const char *id;		/* the case; NULL for new */
	const struct aduan_kv *opts;	/* --NAME VALUE, in order; "" for flags */
	int nopts;
	int step;		/* --step N, or 0 */
	int again;		/* --ulang: a repeatable step again */
	int adjourn;		/* --tunda: adjourn the pending step */
	const char *at;		/* --at as written, or NULL for now */
	const char *by;		/* who records */
	time_t now;
};

/* What was recorded. */
struct aduan_recorded {
	char id[ADUAN_ID_MAX + 1];
	int steps[32];
	int nsteps;
	int adjourned;		/* the event was an adjournment */
	time_t happened;
	int next;		/* the step the case now waits for; 0: closed */
	const char *outcome;	/* when closed */
	const struct aduan_sop *sop;	/* the revision the case runs under */
};

/*
 * Record what req asks on its case, if the SOP allows it now: the run of
 * steps the command records from the step the case waits for, each with
 * the data its kelengkapan requires, in one append (or, for new, a new
 * case).  Refusals are ADUAN_E_REFUSED with a message naming the case, the
 * pending step and the command that records it; bad values are
 * ADUAN_E_USAGE.  Nothing is written unless everything is accepted.
 */
int aduan_record(struct aduan_store *, const struct aduan_sop *,
    const struct aduan_request *, struct aduan_recorded *,
    struct aduan_err *);

/*
 * The command that records step no of case id (id NULL for new), with
 * the options its required fields need: "aduan panggil 2026-0001 --pihak
 * PIHAK --jadwal WAKTU".  Returns buf.
 */
const char *aduan_step_hint(const struct aduan_sop *, int no, const char *id,
    char *buf, size_t n);

/* ---- command-line support (cli.c): for cmd/ only ---- */

/*
 * Start a command: name it from argv[0], make fds 0-2 safe, set the umask
 * (007), ignore SIGXFSZ and set the message catalog.  Returns the program
 * name.
 */
const char *aduan_cli_init(int argc, char **argv);

/* The program name set by aduan_cli_init. */
const char *aduan_cli_prog(void);

/* Print "prog: message" on stderr (printf-style, one line). */
void aduan_cli_warn(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/*
 * Print "prog: error" for an error record and return the exit status its
 * category stands for.
 */
int aduan_cli_fail(const struct aduan_err *);

/*
 * Print "prog: message; try 'prog --help'" and return ADUAN_EXIT_USAGE.
 */
int aduan_cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/*
 * The SOP file to use: the --sop option if given, else ADUAN_SOP, else the
 * bundled default.  Never NULL.
 */
const char *aduan_cli_sop_path(const char *opt);

/*
 * The data directory: the -D option if given, else ADUAN_DIR, else data/
 * of the source tree (run from it) or the install's state directory.
 */
const char *aduan_cli_data_dir(const char *opt);

/* Seconds to wait for a busy lock: ADUAN_LOCK_WAIT, default 10. */
int aduan_cli_lock_wait(void);

/* Who records: the --by option, else ADUAN_USER, else the login name. */
const char *aduan_cli_user(const char *opt);

/*
 * "Now": ADUAN_NOW when set (any form aduan_time_parse reads), else the
 * clock.  0, or ADUAN_EXIT_CONFIG after a message.
 */
int aduan_cli_now(long utcoff, time_t *now);

/* Load the SOP as aduan_cli_sop_path says; on failure print and exit. */
struct aduan_sop *aduan_cli_load_sop(const char *opt);

/*
 * Flush and close stdout; a failure becomes ADUAN_EXIT_IO with a message.
 * Returns status unchanged otherwise.  Call it on the way out of main.
 */
int aduan_cli_finish(int status);

/* Print the version line of the program and return ADUAN_EXIT_OK. */
int aduan_cli_version(void);

/* Warn that the log of id ends in a torn fragment (see aduan-log(5)). */
void aduan_cli_warn_torn(const char *id, long long off, long long len);

/* The values of --format: a command takes some of them. */
enum {
	ADUAN_FMT_TEXT = 1,
	ADUAN_FMT_JSON = 2,
	ADUAN_FMT_TSV = 4
};

/* The options the reading commands share, as aduan_cli_opt fills them. */
struct aduan_cli_opts {
	void (*usage)(FILE *);	/* the command's usage lines */
	int formats;		/* the ADUAN_FMT_ values --format takes */
	const char *dir;	/* -D, --data-dir */
	const char *sop;	/* --sop */
	int fmt;		/* --format: 't' text (default), 'j', 's' */
	int quiet;		/* -q, --quiet */
};

/*
 * Take option ch, as getopt_long returned it, if it is one the commands
 * share: -D (data-dir), s (sop), f (format), q (quiet), h (help), V
 * (version), or an unknown option (the usage on stderr).  Returns -1 to
 * go on, or the status main should exit with.
 */
int aduan_cli_opt(int ch, struct aduan_cli_opts *);

/*
 * What a reading command needs after its options: the SOP (exits on
 * failure), now and the data directory opened for reading.  0, or the
 * status to exit with after a message; *sop and *store (NULL when not
 * opened) are the caller's to free either way.
 */
int aduan_cli_open(const struct aduan_cli_opts *, struct aduan_sop **,
    time_t *now, struct aduan_store **);

/* ---- what the commands print (print.c): for cmd/ only ---- */

/* Write s to f as a JSON string (NULL as null). */
void aduan_cli_json_str(FILE *f, const char *s);

/* Write s to f escaped as in a TSV contract (\\ \t \n \r). */
void aduan_cli_tsv_str(FILE *f, const char *s);

/* Write the key=value data of an event as a JSON object (repeats: arrays). */
void aduan_cli_json_data(FILE *f, const struct aduan_kv *, int n);

/*
 * Cut s into lines of at most width columns, breaking at spaces: at most
 * max lines, each a pointer into s and a length.  Returns the number.
 */
int aduan_cli_wrap(const char *s, int width, const char **lines,
    size_t *lens, int max);

/*
 * Print s in a column width characters wide (UTF-8 aware, cut on a
 * character boundary, tabs and line breaks shown as spaces), padded.
 */
void aduan_cli_cell(FILE *f, const char *s, int width);

/* "YYYY-MM-DD HH:MM" local time, for people. Returns buf. */
const char *aduan_cli_time(time_t, long utcoff, char buf[32]);

/*
 * A case against the SOP revision it runs under, as aduan-show(1) prints
 * it: a timeline for people (with explain, how each deadline was
 * counted), the JSON document, or a TSV line a step.
 */
void aduan_cli_case_text(const struct aduan_case *, time_t now,
    int explain);
void aduan_cli_case_json(const struct aduan_case *, time_t now);
void aduan_cli_case_tsv(const struct aduan_case *);

/*
 * A case on one line, as aduan-list(1) prints it in format fmt ('t', 'j'
 * or 's'); n is how many were printed before (the header, the commas).
 */
void aduan_cli_case_row(const struct aduan_case *, int fmt, time_t now,
    int n);

/* A late (or soon due) step, as aduan-overdue(1) prints it; n as above. */
void aduan_cli_late(const struct aduan_late *, int fmt, int n);

/* The SOP as aduan-sop(1) prints it: the seed's table, or JSON. */
void aduan_cli_sop_text(const struct aduan_sop *);
void aduan_cli_sop_json(const struct aduan_sop *);

/*
 * A recording command (aduan-new, aduan-assign, ...): its SOP command
 * name, its usage lines, whether it takes a case ID, the field options it
 * accepts ("kepada"; a leading '!' marks a flag taking no value), whether
 * it takes --ulang or --tunda (with --alasan), and the field read from
 * standard input when not given (aduan-new: "isi").
 */
struct aduan_cli_recorder {
	const char *command;
	const char *usage;
	int takes_id;
	const char *const *fields;
	int ulang;
	int tunda;
	const char *stdin_field;
};

/*
 * The whole main() of a recording command: parse the options, load the
 * SOP, open the store, aduan_record, print what was recorded (the new ID
 * alone on stdout for new; a line a step on stderr unless --quiet) and
 * return the exit status.
 */
int aduan_cli_record_main(const struct aduan_cli_recorder *, int argc,
    char **argv);

/* Gettext marker and lookup for the commands and the library. */
#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

#endif /* ADUAN_H */
