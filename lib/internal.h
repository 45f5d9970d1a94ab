/*
 * internal.h - what the files of libaduan share among themselves, and with
 * the unit tests: nobody else.  Grouped by the file that defines it.
 */
#ifndef ADUAN_INTERNAL_H
#define ADUAN_INTERNAL_H

#include <sys/stat.h>
#include <sys/types.h>

#include <stdarg.h>

#include "aduan.h"

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

/* ---- util.c: the arena and the error setters ---- */

/*
 * An arena: many small allocations freed at once.  Used for everything a
 * loaded SOP or a replayed case owns, so that a failure half-way frees
 * cleanly.
 */
struct arena_chunk;
struct arena {
	struct arena_chunk *head;
};

/* Zeroed memory of size n from the arena, or NULL when out of memory. */
void *arena_alloc(struct arena *, size_t n);

/* A copy of s (n bytes, then a NUL) in the arena, or NULL. */
char *arena_strndup(struct arena *, const char *s, size_t n);

/* Free every allocation of the arena. */
void arena_free(struct arena *);

/* Fill err with a category and a formatted message; returns -1. */
int err_set(struct aduan_err *, enum aduan_errcat, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Same, with the place in a file; returns -1. */
int err_at(struct aduan_err *, enum aduan_errcat, const char *file, int line,
    int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
int err_vset(struct aduan_err *, enum aduan_errcat, const char *file,
    int line, int col, const char *fmt, va_list);

/* Same, for case id: the message does not name it, err->id does. */
int err_case(struct aduan_err *, enum aduan_errcat, const char *id,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Name the case, the input at fault or the hint of an error; -1. */
int err_id(struct aduan_err *, const char *id);
int err_field(struct aduan_err *, const char *field);
int err_hint(struct aduan_err *, enum aduan_hint, int step);

/* n bytes as 2n lower-case hex digits and a NUL (util.c). */
void hex_put(const uint8_t *, size_t n, char *out);

/* Exactly 2n lower-case hex digits into n bytes: 0, or -1. */
int hex_get(const char *, uint8_t *, size_t n);

/* The SHA-256 of n bytes, as hex (revision.c). */
void sha_hex(const char *p, size_t n, char out[65]);

/* ---- yaml.c: the YAML tree the loaders validate ---- */

enum ykind { Y_SCALAR, Y_SEQ, Y_MAP };

/* Scalars, sequences and mappings (keys and values alternate in kids). */
struct ynode {
	enum ykind kind;
	int line;
	int col;
	int plain;		/* scalar written without quotes */
	const char *s;		/* scalar text, NUL-terminated */
	struct ynode **kids;
	int nkids;
	int cap;
};

/*
 * Read and parse the YAML file at path into a tree in the arena.  Refuses
 * files over 1 MiB, nesting over 32, aliases, anchors, tags, duplicate keys
 * and anything that is not a single document with a mapping at the top.
 */
struct ynode *yaml_load_tree(struct arena *, const char *path,
    struct aduan_err *);

/*
 * The two halves of yaml_load_tree: read a regular file of at most 1 MiB
 * whole into *buf (malloc'd, NUL-terminated; the caller frees it), and
 * parse len bytes of text, naming path in messages.
 */
int yaml_read_file(const char *path, char **buf, size_t *len,
    struct aduan_err *);
int yaml_read_fd(int fd, const char *path, char **buf, size_t *len,
    struct aduan_err *);
struct ynode *yaml_parse_tree(struct arena *, const char *path,
    const char *buf, size_t len, struct aduan_err *);

/*
 * Validation helpers shared by the SOP and calendar loaders.  keys lists
 * the keys a mapping may have, required ones prefixed with '!'.
 */
struct vctx {
	struct arena *a;
	struct aduan_err *err;
	const char *file;
	const struct aduan_sop *sop;	/* the letters': the SOP they use */
};

int v_fail(struct vctx *, const struct ynode *, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int v_map(struct vctx *, const struct ynode *, const char *what,
    const char *const *keys);
const struct ynode *v_get(const struct ynode *map, const char *key);
int v_str(struct vctx *, const struct ynode *map, const char *key,
    const char **out);
int v_int(struct vctx *, const struct ynode *map, const char *key, long lo,
    long hi, long *out);
int v_bool(struct vctx *, const struct ynode *map, const char *key,
    int *out);
int v_strlist(struct vctx *, const struct ynode *map, const char *key,
    const char *const **out, int *n);
int v_seq(struct vctx *, const struct ynode *, const char *what);
int v_scalar(struct vctx *, const struct ynode *, const char *what);

/* ---- sop.c ---- */

/*
 * Build an SOP from len bytes of text, naming path in messages; its
 * calendar is the one at calpath if given, else the one it names, found
 * beside path.  As aduan_sop_load otherwise.
 */
struct aduan_sop *sop_parse(const char *path, const char *text, size_t len,
    const char *calpath, struct aduan_err *);

/* Whether s is a name: a-z, then a-z, 0-9, '_' (and '-' with dash). */
int sop_ident(const char *s, int dash);

/* The path the SOP was loaded from, and the calendar file it used. */
const char *sop_path(const struct aduan_sop *);
const char *sop_calpath(const struct aduan_sop *);

/* The text of the SOP file as it was parsed, its length into *len. */
const char *sop_text(const struct aduan_sop *, size_t *len);

/* ---- field.c: the data the steps record ---- */

/* The list of fields at fl (of step no) into *out and *n; 0 or -1. */
int field_load_list(struct vctx *, const struct ynode *fl, int no,
    const struct aduan_field **out, int *n);

/*
 * The data of doing step st again (ulang) and of adjourning it (tunda),
 * from the mappings of its node s, or the defaults of the older booleans
 * repeatable and adjournable.  0 or -1.
 */
int field_load_extra(struct vctx *, const struct ynode *s,
    struct aduan_step *st);

/*
 * Every field of one name among the ns steps recorded by one command (its
 * ulang and tunda fields too) has one type; node is the steps' node, for
 * the message.  0 or -1.
 */
int field_check_options(struct vctx *, const struct aduan_step *steps,
    int ns, const struct ynode *node);

/* ---- calendar.c ---- */

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
 * has no holiday list.
 */
int cal_day(const struct aduan_cal *, int y, int m, int d,
    struct aduan_span spans[8], enum aduan_dayoff *kind, const char **name,
    int *listed);

/*
 * Whether the office is open at t; when not, *kind says why the day is
 * closed (ADUAN_OPEN: a day with hours, outside them) and *name the
 * holiday's name, or NULL.
 */
int cal_open_at(const struct aduan_cal *, time_t t, enum aduan_dayoff *kind,
    const char **name);

/* The years with a holiday list, ascending; count in *n. */
const int *cal_years(const struct aduan_cal *, int *n);

/*
 * Build the calendar from the tree of the calendar file.  Returns it (in
 * the arena) or NULL with err placed in the file.
 */
struct aduan_cal *cal_build(struct vctx *, const struct ynode *root);

/* ---- time.c: dates ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
long days_from_civil(int y, int m, int d);
void civil_from_days(long z, int *y, int *m, int *d);

/* Parse "YYYY-MM-DD" strictly; 0 or -1. */
int parse_date(const char *, int *y, int *m, int *d);

/* n decimal digits at p as a number, or -1. */
int digits(const char *p, int n);

/*
 * A time exactly as aduan writes it in a log (2026-03-02T09:15:00+07:00):
 * 0 with *t, or -1 for anything else, which aduan_time_parse then reads.
 */
int time_parse_written(const char *s, time_t *t);

/* ---- text.c: the rules of stored text, and escaping (aduan-log(5)) ---- */

enum {
	TEXT_OK = 0,
	TEXT_CONTROL,		/* a control character but TAB, LF, CR */
	TEXT_FORMAT,		/* an invisible format character (Cf) */
	TEXT_UTF8		/* not valid UTF-8 */
};

/*
 * Scan s: TEXT_OK (with its length once escaped in *esc when not NULL),
 * or what is wrong with the character *cp at byte *at.
 */
int text_scan(const char *s, unsigned long *cp, size_t *at, size_t *esc);

/* Say what text_scan found into err (ADUAN_E_USAGE); -1, or 0 for OK. */
int text_say(int r, unsigned long cp, size_t at, struct aduan_err *);

/* Escape s onto out (room for cap bytes); bytes written, or 0 if full. */
size_t text_escape(const char *s, char *out, size_t cap);

/* Unescape s in place; -1 on an unknown escape or a raw control byte. */
int text_unescape(char *s);
/* strcmp ignoring the case of ASCII letters, in any locale. */
int ascii_casecmp(const char *, const char *);

/*
 * Where the year starts in a case ID: after the office's code and its
 * hyphen (KRG-2026-0042), or at its start (2026-0042); NULL when what
 * comes before the year is no code.
 */
const char *id_year(const char *id);

/* ---- line.c: the line format and the chain hash ---- */

#define LOG_MAGIC "aduan-log"
#define LOG_FORMAT "1"		/* the format version, as the header spells it */

/*
 * The chain hash of a line body of n bytes: SHA-256 of prev (64 hex
 * digits, or nothing when NULL), TAB, body, LF; as hex into out.
 */
void line_hash(const char *prev, const char *body, size_t n, char out[65]);

/* Build the header line of a log into buf (with its hash and LF). */
size_t line_header(char *buf, size_t cap, const char *id,
    const char *nomor, const char *revisi, char hash[65]);

/*
 * Build one event line chained to prev (64 hex digits) into buf, with its
 * hash and LF; hash receives the new hash.  Returns the length, or 0 when
 * it does not fit.
 */
size_t line_event(char *buf, size_t cap, const char prev[65], long seq,
    time_t recorded, const struct aduan_event *, long utcoff, char hash[65]);

/* A header line, split: what line_parse_header found. */
struct line_header {
	const char *id, *nomor, *revisi;	/* into the line, unescaped */
	char format[32];	/* LINE_BAD_FORMAT: the format it names */
	char hash[65];
};

enum {
	LINE_OK = 0,
	LINE_BAD = -1,		/* not a header, or altered */
	LINE_BAD_FORMAT = -2,	/* a header of another format */
	LINE_BAD_HASH = -3	/* a header, altered */
};

/* Parse and check the header line s (len bytes, no LF) in place. */
int line_parse_header(char *s, size_t len, struct line_header *);

/*
 * Check and parse an event line s (len bytes, no LF) chained to prev,
 * whose seq must be seq; the line is split in place, its key=value pairs
 * into kv (ADUAN_KV_MAX).  0 with ev and hash filled, or -1.
 */
int line_parse_event(char *s, size_t len, const char prev[65], long seq,
    struct aduan_kv *kv, struct aduan_event *ev, char hash[65]);

/* The seq at the start of a raw line, or -1. */
long line_raw_seq(const char *p, size_t len);

/* The stored hash at the end of a raw line into out: 0, or -1. */
int line_raw_hash(const char *p, size_t len, char out[65]);

/* ---- io.c: the system-call discipline of every file the core writes ---- */

/*
 * The test seam: the nth call that changes the disk (write, fsync, link,
 * rename, a new file) fails with errno err, or with err 0 kills the
 * process there.  at 0 turns it off.
 */
struct io_seam {
	long calls;
	long at;
	int err;
};

/* Every call that changes the disk asks first: 0, or -1 with errno. */
int io_fault(struct io_seam *);

/*
 * Open name beneath dirfd with no symlink anywhere on the way, never
 * blocking on a FIFO.  -1 with errno (ELOOP, EXDEV, ...) on failure.
 */
int open_beneath(int dirfd, const char *name, int flags, mode_t mode);

/* Whether errno after open_beneath says "not a plain file here". */
int io_not_plain(int e);

/*
 * Require a regular file with one link (no planted hard link, FIFO or
 * device), its status into *sb: 0, or -1 with errno EINVAL or EMLINK.
 */
int check_plain(int fd, struct stat *sb);

/* flock with a bounded wait: 0, or -1 with errno EWOULDBLOCK on timeout. */
int lock_wait(int fd, int op, int seconds);

/* Write all of buf, retrying short writes and EINTR: 0 or -1. */
int write_all(struct io_seam *, int fd, const char *buf, size_t n);

/*
 * A file of our own with no name, under the folder aduan_tmpdir gave
 * (/tmp by default), gone when it is closed: its descriptor, or -1.
 */
int io_tmpfile(void);

/* fsync a file or directory, through the seam: 0 or -1. */
int io_fsync(struct io_seam *, int fd);

/*
 * A new file: make it whole, unnamed, in directory dirfd (O_TMPFILE, or a
 * named tmp file where the file system lacks it), with mode and data,
 * fsync it, link it to name (never over an existing name: -1 with EEXIST),
 * and fsync the directory.  0; -1 with errno when nothing was named; -2
 * with errno when the name was made but the directory did not sync.
 */
int io_new_file(struct io_seam *, int dirfd, const char *name,
    const char *data, size_t n, mode_t mode);

/* Make the directories of path (02770) and sync each new name; 0 or -1. */
int io_mkdir_p(const char *path);

/* Open (with create, make and sync) the subdirectory name of dirfd. */
int io_subdir(int dirfd, const char *name, int create);

/* ---- store.c: the data directory ---- */

/* A revision of the SOP the store has loaded for its cases. */
struct kept_sop {
	char name[72];		/* its file in DATA/sop/ */
	char sha[65];		/* the hash of its text, or "" for a case of
				   before the copies were named by it */
	const struct aduan_sop *sop;
	struct aduan_sop *owned;	/* when loaded from that file */
};

struct aduan_store {
	char *dir;		/* its path, for messages */
	int dirfd;
	int openfd;		/* open/ */
	int closedfd;		/* closed/ */
	int seqfd;		/* seq/ */
	int wait;		/* seconds to wait for a lock */
	char office[8];		/* the office's code new IDs start with, or "" */
	struct io_seam seam;
	struct kept_sop *sops;	/* SOP revisions met so far (revision.c) */
	int nsops;
	struct aduan_log *spare;	/* a log closed, kept for the next */
};

/*
 * Why the subdirectory name of the data directory dir could not be
 * opened (errno e), into err; -1.
 */
int store_subdir_err(int dirfd, const char *dir, const char *name, int e,
    struct aduan_err *);

/*
 * Take the next number of year in the register directory dfd (surat/):
 * under the allocator lock, the number after the hint seq/surat-YEAR whose
 * file YEAR-NNNN does not exist, made with the line given as its content
 * (synced, with its directory).  The number, or -1 with err.
 */
long store_take_number(struct aduan_store *, int dfd, const char *year,
    const char *line, size_t len, struct aduan_err *);

/*
 * tree.c: the tree of a YAML text parsed before, by the text's SHA-256
 * (key, hex), from the user's cache: NULL when there is none to use; and
 * the tree of a text just parsed, kept there.
 */
struct ynode *cache_tree_get(struct arena *, const char key[65]);
void cache_tree_put(const char key[65], const struct ynode *);

/* cache.c: whether the caches are on; the user's cache folder into buf
 * (made if missing, and refused unless it is the user's alone): 0, -1. */
int cache_on(void);
int cache_dir(char *buf, size_t n);

/*
 * A cache's line for case id in open/ or closed/: the payload its user
 * kept (after a TAB), valid until the next call, when the log is as it
 * was; else NULL.  cache_keep keeps the payload (plen bytes, each field
 * after a TAB) of case cs just loaded, or, NULL, forgets it; cache_num
 * reads a field and cache_put_num writes one (its length).
 */
const char *cache_find(struct aduan_cache *, const char *id, int closed,
    struct stat *);
void cache_keep(struct aduan_cache *, const char *id,
    const struct aduan_case *cs, const char *payload, size_t plen);
int cache_num(const char **p, long long *v);
size_t cache_put_num(char *p, long long v);

/* Two case IDs in the order aduan_store_scan gives them: <0, 0, >0. */
int store_cmp_id(const char *, const char *);

/* An ID from a file name "ID.log" into id: 0, or -1 if it is not one. */
int store_name_id(const char *name, char id[ADUAN_ID_MAX + 1]);

/* Set the test seam of the store (see struct io_seam). */
void store_fault(struct aduan_store *, long n, int err);

/*
 * Open the log of case id with flags (O_RDONLY, or O_RDWR | O_APPEND),
 * from open/ or closed/ (*closed says which), looked for first in closed/
 * when first is 1 (a scan knows where it met the case).  The fd, or -1
 * with err: ADUAN_E_NOTFOUND, ADUAN_E_CORRUPT (not a plain file) or
 * ADUAN_E_IO.
 */
int store_open_log_in(struct aduan_store *, const char *id, int flags,
    int first, int *closed, struct aduan_err *);
#define store_open_log(st, id, flags, closed, err) \
	store_open_log_in(st, id, flags, 0, closed, err)

/*
 * Create a new case of year: under the allocator lock, for the first free
 * number, encode(arg, id, buf, cap) writes the whole file into buf and
 * returns its length (0: too long); the file is made by io_new_file in
 * open/ and the number is kept.  The ID is written to id.  0, or -1.
 */
int store_new_case(struct aduan_store *, int year,
    size_t (*encode)(void *, const char *id, char *buf, size_t cap),
    void *arg, size_t cap, char id[ADUAN_ID_MAX + 1], struct aduan_err *);

/*
 * Move the log of case id from open/ to closed/ (never over a name), under
 * the allocator lock, and sync both directories.  0, or -1.
 */
int store_move_closed(struct aduan_store *, const char *id,
    struct aduan_err *);

/* Whether the log of case id exists in open/ or closed/. */
int store_has_case(struct aduan_store *, const char *id);

/* Whether case id has another history waiting for a person (DATA/fork/). */
int store_forked(struct aduan_store *, const char *id);

/* ---- revision.c: the SOP revisions the cases run under ---- */

/*
 * Keep a copy of the SOP file in DATA/sop/, one per SOP number and
 * revision, before a case starts under it.  If the copy of that revision
 * exists and differs from the SOP, the SOP was changed without a new
 * revision: ADUAN_E_CONFIG.  0, or -1.
 */
int revision_keep(struct aduan_store *, const struct aduan_sop *,
    struct aduan_err *);

/*
 * The SOP a case runs under: the one whose text hashes to sha (the first
 * event's sop-sha256), current when it is that one, else the copy kept in
 * DATA/sop/, which must hash to its name and be the revision nomor and
 * revisi of the case's header; a case without sha (NULL) by its number
 * and revision.  Loaded once and owned by the store, with the calendar of
 * current.  NULL with ADUAN_E_CONFIG when no copy is kept, ADUAN_E_CORRUPT
 * when the copy was altered.
 */
const struct aduan_sop *revision_sop(struct aduan_store *,
    const struct aduan_sop *current, const char *nomor, const char *revisi,
    const char *sha, struct aduan_err *);

/* The SHA-256 of an SOP file's text, as hex: its kept copy's name. */
void revision_sha(const struct aduan_sop *, char out[65]);

/* ---- log.c: one case log, read and appended ---- */

struct aduan_log;

/*
 * Open the log of case id, locked for mode, and read its header.  A case
 * that does not exist fails with ADUAN_E_NOTFOUND; a busy lock, after the
 * store's wait, with ADUAN_E_LOCKED.  With v not NULL, a log that is
 * corrupt at its header is said in *v (fault and line) as well.
 */
struct aduan_log *log_open_in(struct aduan_store *, const char *id,
    enum aduan_lockmode, int where, struct aduan_verdict *v,
    struct aduan_err *);
#define log_open(st, id, mode, v, err) log_open_in(st, id, mode, 0, v, err)
/*
 * log_open_in: looked for first in closed/ when where is 1 (as
 * store_open_log_in); mode may also be LOG_PEEK, read with no lock.
 */
#define LOG_PEEK ((enum aduan_lockmode)2)

/* The log a store keeps for the next log_open, freed. */
void log_close_spare(struct aduan_store *);

/* The case ID, SOP number and SOP revision named by the header. */
const char *log_id(const struct aduan_log *);
const char *log_nomor(const struct aduan_log *);
const char *log_revisi(const struct aduan_log *);

/*
 * Read the next event into ev (valid until the next call).  Returns 1 for
 * an event, 0 at the end, -1 with ADUAN_E_CORRUPT naming the line.  A torn
 * tail is not an event: it ends the reading and log_torn tells.
 */
int log_next(struct aduan_log *, struct aduan_event *, struct aduan_err *);

/*
 * After the end: 1 when the tail is torn, with where it starts and its
 * length in bytes; 0 otherwise.
 */
int log_torn(const struct aduan_log *, long long *off, long long *len);

/* The head of a log read so far: last seq, end offset, last hash. */
void log_head(const struct aduan_log *, long *seq, long long *end,
    char hash[65]);

/* Lines read so far. */
long log_lines(const struct aduan_log *);

/* Whether the log lives in closed/. */
int log_closed(const struct aduan_log *);

/* The log's file as fstat saw it when it was opened and locked. */
const struct stat *log_stat(const struct aduan_log *);

/*
 * After log_next failed or found a torn tail: the first bad line, read
 * again raw into *p (valid until the next call) and *len (SIZE_MAX when
 * over the limit), with its line number, offset and whether it ended in
 * LF.  0, or -1.
 */
int log_bad_line(struct aduan_log *, char **p, size_t *len, long *line,
    int *lf);

/*
 * Append events to a log opened ADUAN_WRITE and read to its end: seal a
 * torn tail first, then write every line in one write and fsync.  now is
 * the recorded time, utcoff the local offset its times are written with.
 * On failure the file is as before and err says why (ADUAN_E_IO).
 */
int log_append(struct aduan_log *, const struct aduan_event *, int n,
    time_t now, long utcoff, struct aduan_err *);

/*
 * Create a new case: the next ID of year, its header (SOP number and
 * revision) and its first n events, in one whole file (store_new_case).
 * The ID is written to id.  0, or -1.
 */
int log_create(struct aduan_store *, int year, const char *nomor,
    const char *revisi, const struct aduan_event *evs, int n, time_t now,
    long utcoff, char id[ADUAN_ID_MAX + 1], struct aduan_err *);

/* Unlock and close; NULL is allowed. */
void log_close(struct aduan_log *);

/* ---- case.c ---- */

/*
 * Append events to a case loaded ADUAN_WRITE and replay them; a case they
 * close is moved to closed/.  Returns 0 or -1 (nothing appended).
 */
int case_append(struct aduan_case *, const struct aduan_event *, int n,
    time_t now, struct aduan_err *);

/*
 * The deadline of step st of sop whose clock started at start, and its
 * lateness at time at, into *due (zeroed by the caller): 1, or 0 when it
 * cannot be counted.
 */
int case_count_due(const struct aduan_sop *, const struct aduan_step *st,
    time_t start, time_t at, struct aduan_due *due,
    void (*note)(void *, const char *), void *arg);

/* The file of the case's log as it was read, and whether in closed/. */
const struct stat *case_file(const struct aduan_case *, int *closed);

/* ---- checkpoint.c ---- */

/*
 * The head a checkpoint opened by aduan_checkpoint_open last saw for id:
 * 1 with events and hash (valid until the next call), 0 when it saw
 * none, -1 with errno.  Asked in the order of the IDs (the scan's), each
 * is a step of a merge; out of order, a search.
 */
int checkpoint_head(struct aduan_checkpoint *, const char *id,
    long *events, const char **hash);

/*
 * After the lookups, the heads never asked for, for checkpoint_id_at:
 * 0, or -1 with errno.
 */
int checkpoint_drain(struct aduan_checkpoint *);

/*
 * The ith of the heads checkpoint_drain found never asked for, in order
 * of ID, or NULL past the end; *met says whether one was asked for out
 * of order since, *events its events.
 */
const char *checkpoint_id_at(const struct aduan_checkpoint *, size_t i,
    int *met, long *events);

/*
 * Note in the checkpoint the head of case id (its events, the end of its
 * last one and that one's hash), just moved to closed/ by its closing:
 * the chain carried on from the checkpoint's last line alone.  A data
 * directory with no checkpoint file is left without.  0, or -1.
 */
int checkpoint_note(struct aduan_store *, const char *id, long events,
    long long end, const char *head, time_t now, long utcoff,
    struct aduan_err *);

/* Make the checkpoint file of a data directory if it has none: 0, -1. */
int checkpoint_init(struct aduan_store *, struct aduan_err *);

/* ---- heads.c ---- */

/*
 * The last head of each case of a checkpoint file, given in the order of
 * the IDs (store_cmp_id), in a memory bounded whatever their number:
 * the heads added (with their line's number, the later winning), then
 * heads_done, then heads_get in order (one out of order is searched
 * for: 1, 0 when there is none, -1 with errno; size and closed may be
 * NULL; hash lasts until the next call), and with keep, heads_drain and
 * heads_at for those never asked.  heads_add gives 0, -1 with errno, or
 * -2 when hash is not 64 lower-case hex digits.
 */
struct heads;
struct heads *heads_new(int keep);
int heads_add(struct heads *, const char *id, long events, long long size,
    int closed, const char *hash, uint32_t order);
int heads_done(struct heads *);
int heads_get(struct heads *, const char *id, long *events,
    long long *size, int *closed, const char **hash);
int heads_drain(struct heads *);
const char *heads_at(const struct heads *, size_t i, int *met,
    long *events);
void heads_free(struct heads *);

/* err said when the heads cannot be sorted or read back: -1. */
int heads_failed(struct aduan_err *);

/* ---- seal.c ---- */

/* The latest seal of case id: 1 with its head, or 0; marked met. */
int seal_head(struct aduan_seal *, const char *id, long *events,
    const char **head, int *closed, time_t *at);

/* The IDs sealed, in order: the ith, or NULL past the end; *met as above. */
const char *seal_id_at(const struct aduan_seal *, size_t i, int *met);

/* The last seal of every case: 1 with its count, digest and time, or 0. */
int seal_set_check(const struct aduan_seal *, long *n, const char **digest,
    time_t *at);

/* ---- printed.c: the letters printed, as records ---- */

/*
 * Take the next number of the register of year (DATA/surat/) for the
 * letter v of case c, its kind and key set (store_take_number): the
 * number, its place in the register into v->reg; or -1 with err.
 */
long printed_take(struct aduan_store *, const struct aduan_case *c,
    struct aduan_letter_view *v, int year, struct aduan_err *);

/*
 * Whether case c has printed the letter v (its kind and key set): 1 with
 * the number, register place and date of its first surat event and its
 * last one and that one's SHA-256 into v; 0, v untouched, when not.
 */
int printed_recall(const struct aduan_case *c, struct aduan_letter_view *v);

#endif /* ADUAN_INTERNAL_H */
