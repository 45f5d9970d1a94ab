/*
 * internal.h - what the files of libaduan share among themselves and with
 * nobody else: the arena allocator, the error setters and the calendar's
 * constructor used by the SOP loader.
 */
#ifndef ADUAN_INTERNAL_H
#define ADUAN_INTERNAL_H

#include <sys/stat.h>
#include <sys/types.h>

#include <stdarg.h>

#include "aduan.h"

/*
 * An arena: many small allocations freed at once.  Used for everything a
 * loaded SOP owns, so that a failure half-way through a load frees cleanly.
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
/* Put "what: " before the message already in err; -1. */
int err_prefix(struct aduan_err *, const char *what);
int err_at(struct aduan_err *, enum aduan_errcat, const char *file, int line,
    int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

int err_vset(struct aduan_err *, enum aduan_errcat, const char *file,
    int line, int col, const char *fmt, va_list);

/*
 * The parsed YAML tree the loaders validate: scalars, sequences and
 * mappings (keys and values alternate in kids), each with its position.
 */
enum ykind { Y_SCALAR, Y_SEQ, Y_MAP };

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

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
long days_from_civil(int y, int m, int d);
void civil_from_days(long z, int *y, int *m, int *d);

/* Parse "YYYY-MM-DD" strictly; 0 or -1. */
int parse_date(const char *, int *y, int *m, int *d);

/*
 * Build the calendar from the tree of the calendar file.  Returns it (in
 * the arena) or NULL with err placed in the file.
 */
struct aduan_cal *cal_build(struct vctx *, const struct ynode *root);

/*
 * Build an SOP from len bytes of text, naming path in messages; its
 * calendar is the one at calpath if given, else the one it names, found
 * beside path.  As aduan_sop_load otherwise.
 */
struct aduan_sop *sop_parse(const char *path, const char *text, size_t len,
    const char *calpath, struct aduan_err *);

/* The calendar file the SOP was loaded with. */
const char *sop_calpath(const struct aduan_sop *);

/* A revision of the SOP the store has loaded for its cases. */
struct kept_sop {
	char name[72];		/* its file in DATA/sop/ */
	const struct aduan_sop *sop;
	struct aduan_sop *owned;	/* when loaded from that file */
};

/* The data directory: descriptors of it and of its subdirectories. */
struct aduan_store {
	char *dir;		/* its path, for messages */
	int dirfd;
	int openfd;		/* open/ */
	int closedfd;		/* closed/ */
	int seqfd;		/* seq/ */
	int wait;		/* seconds to wait for a lock */
	long io_calls;		/* I/O calls that change the disk, so far */
	long fault_at;		/* the test seam: fail or kill this call */
	int fault_errno;	/* ...with this errno, or 0 to kill */
	struct kept_sop *sops;	/* SOP revisions met so far */
	int nsops;
};

/*
 * The test seam: every call that changes the disk asks first.  Returns 0
 * to go on, or -1 with errno set when this call is the one to fail; when
 * it is the one to kill, the process dies there with SIGKILL.
 */
int io_fault(struct aduan_store *);

/*
 * Open name beneath dirfd with no symlink anywhere on the way, never
 * blocking on a FIFO.  -1 with errno (ELOOP, EXDEV, ...) on failure.
 */
int open_beneath(int dirfd, const char *name, int flags, mode_t mode);

/*
 * Require a regular file with one link (no planted hard link, FIFO or
 * device), its status into *sb: 0, or -1 with errno EINVAL or EMLINK.
 */
int check_plain(int fd, struct stat *sb);

/* flock with a bounded wait: 0, or -1 with errno EWOULDBLOCK on timeout. */
int lock_wait(int fd, int op, int seconds);

/* Write all of buf, retrying short writes and EINTR: 0 or -1. */
int write_all(struct aduan_store *, int fd, const char *buf, size_t n);

/* fsync a file or directory, through the seam: 0 or -1. */
int io_fsync(struct aduan_store *, int fd);

/*
 * The chain hash of a line body of n bytes: SHA-256 of prev (64 hex
 * digits, or nothing when NULL), TAB, body, LF; as hex into out.
 */
void hexhash(const char *prev, const char *body, size_t n, char out[65]);

/* The head of a log read to its end: last seq, end offset, last hash. */
void log_head(const struct aduan_log *, long *seq, long long *end,
    char hash[65]);

/* Build the header line of a log into buf (with its hash and LF). */
size_t log_header_line(char *buf, size_t cap, const char *id,
    const char *nomor, const char *revisi, char hash[65]);

/*
 * Build one event line chained to prev (64 hex digits) into buf, with its
 * hash and LF; hash receives the new hash.  Returns the length, or 0 when
 * it does not fit.
 */
size_t log_event_line(char *buf, size_t cap, const char prev[65], long seq,
    time_t recorded, const struct aduan_event *, long utcoff, char hash[65]);

#endif /* ADUAN_INTERNAL_H */
