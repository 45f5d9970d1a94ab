# aduan - build, test, install.  GNU make; libraries found by pkg-config.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBEXECDIR ?= $(PREFIX)/libexec/aduan
DATADIR ?= $(PREFIX)/share
SOPDIR ?= $(DATADIR)/aduan/sop
MANDIR ?= $(DATADIR)/man
LOCALEDIR ?= $(DATADIR)/locale
LOCALSTATEDIR ?= /var
PKG_CONFIG ?= pkg-config
INSTALL ?= install

CC ?= cc
CFLAGS ?= -O2 -g
DEPS_CFLAGS != $(PKG_CONFIG) --cflags yaml-0.1 nettle
DEPS_LIBS != $(PKG_CONFIG) --libs yaml-0.1 nettle
PDF_CFLAGS != $(PKG_CONFIG) --cflags pangocairo cairo-pdf
PDF_LIBS != $(PKG_CONFIG) --libs pangocairo cairo-pdf
ALL_CFLAGS = -std=c17 -Wall -Wextra -D_GNU_SOURCE -DENABLE_NLS -Ilib \
	$(DEPS_CFLAGS) $(CPPFLAGS) $(CFLAGS)
# The version: the package's, the first line of debian/changelog, so that
# --version and the package name one version.
VERSION != sed -n '1s/^aduan (\([^)]*\)).*/\1/p' debian/changelog
PATHS = -DADUAN_VERSION='"$(VERSION)"' \
	-DADUAN_SRCDIR='"$(CURDIR)"' -DADUAN_SOPDIR='"$(SOPDIR)"' \
	-DADUAN_LIBEXECDIR='"$(LIBEXECDIR)"' -DADUAN_LOCALEDIR='"$(LOCALEDIR)"' \
	-DADUAN_STATEDIR='"$(LOCALSTATEDIR)/lib/aduan"'

# The core (lib/, libaduan.a) and what talks to a person (cmd/, libcli.a).
LIBSRC = lib/cache.c lib/calendar.c lib/case.c lib/checkpoint.c lib/field.c lib/heads.c lib/io.c \
	lib/city.c lib/letter.c lib/line.c lib/log.c lib/printed.c \
	lib/recap.c lib/record.c lib/revision.c lib/scan.c lib/seal.c \
	lib/similar.c lib/sop.c lib/store.c lib/sync.c lib/text.c lib/time.c \
	lib/tree.c lib/util.c lib/verify.c lib/yaml.c
LIBOBJ = $(LIBSRC:.c=.o)
CLISRC = cmd/cli.c cmd/fmt.c cmd/record.c
CLIOBJ = $(CLISRC:.c=.o)
HDRS = lib/aduan.h lib/internal.h cmd/cli.h
CMDS = aduan aduan-assign aduan-checkpoint aduan-close aduan-init \
	aduan-koreksi aduan-list aduan-musyawarah aduan-new aduan-overdue \
	aduan-panggil aduan-seal aduan-show aduan-sop aduan-sync aduan-verify
# Commands of their own program: aduan runs them as it runs an aduan-foo
# on PATH.  They alone link cairo and pango: the documents.
EXTCMDS = aduan-surat aduan-rekap
BINS = $(CMDS:%=cmd/%) $(EXTCMDS:%=cmd/%)
UNITS = test_sop test_calendar test_log test_case test_record test_store \
	test_checkpoint
UNITBINS = $(UNITS:%=tests/unit/%)
MAN1 = $(filter-out man/aduan-seal.1,$(CMDS:%=man/%.1)) \
	$(EXTCMDS:%=man/%.1)
MAN8 = man/aduan-seal.8
MAN5 = man/aduan-log.5 man/aduan-sop.5 man/aduan-surat.5
MAN7 = man/aduan.7
MANS = $(MAN1) $(MAN5) $(MAN7) $(MAN8)
# The man pages in Indonesian: man/id/PAGE made by po4a from the English
# man/PAGE and its translation po/man/PAGE.id.po, with the options of
# po/man/po4a-options (mdoc: NAME and SYNOPSIS keep their English
# headings, which mandoc reads).  A string not yet translated stays
# English in the page, so that the build never waits on a translator;
# tests/cli/docs.bats fails until every one is.  After changing an
# English page: make man-po, then translate what it left empty or
# marked fuzzy.
MANS_ID = $(MANS:man/%=man/id/%)
PO4A_OPTS != cat po/man/po4a-options
PO4A_FLAGS = -f man -M UTF-8 $(PO4A_OPTS)
SOPFILES = sop/kranggan.yaml sop/kalender.yaml sop/kantor.yaml \
	sop/surat.yaml
# Messages: English in the sources, po/LL.po a catalog per language, built
# into po/locale (where the commands run from the tree look) and installed
# under LOCALEDIR.  After changing a message: make pot, then translate.
LINGUAS = id
MOFILES = $(LINGUAS:%=po/locale/%/LC_MESSAGES/aduan.mo)
POTSRC = $(LIBSRC) $(CLISRC) cmd/cli.h $(CMDS:%=cmd/%.c) \
	$(EXTCMDS:%=cmd/%.c) cmd/pdf.c
XGETTEXT_OPTS = --from-code=UTF-8 --keyword=_ --keyword=N_ \
	--flag=cli_warn:1:c-format --flag=cli_usage_error:1:c-format \
	--flag=err_set:3:c-format --flag=err_at:6:c-format \
	--flag=err_case:4:c-format --flag=v_fail:3:c-format \
	--flag=ybuild_fail:3:c-format --flag=note:2:c-format \
	--add-comments=TRANSLATORS: --package-name=aduan

all: $(BINS) $(MOFILES) $(MANS_ID)

po/locale/%/LC_MESSAGES/aduan.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ po/$*.po

pot:
	xgettext $(XGETTEXT_OPTS) -o po/aduan.pot $(POTSRC)
	for l in $(LINGUAS); do msgmerge --quiet --update --backup=off \
		--previous po/$$l.po po/aduan.pot || exit 1; done

man/id/%: man/% po/man/%.id.po po/man/po4a-options
	@mkdir -p $(@D)
	po4a-translate $(PO4A_FLAGS) -L UTF-8 -k 0 -m man/$* \
		-p po/man/$*.id.po -l $@

# Each page's PO file made, or updated to its English page (msgmerge:
# what changed is marked fuzzy, what is new left empty).
man-po:
	for m in $(MANS); do po4a-updatepo $(PO4A_FLAGS) \
		--msgmerge-opt=--backup=off -m $$m \
		-p po/man/$${m#man/}.id.po || exit 1; done

lib/libaduan.a: $(LIBOBJ)
	$(AR) rcs $@ $(LIBOBJ)
cmd/libcli.a: $(CLIOBJ)
	$(AR) rcs $@ $(CLIOBJ)

# The version and the installation paths compiled in: rebuilt when PREFIX
# and the rest change, so that "make install PREFIX=..." installs what it
# names.
.paths: FORCE
	@echo '$(PATHS)' | cmp -s - $@ || echo '$(PATHS)' > $@
FORCE:

cmd/cli.o cmd/aduan.o cmd/pdf.o: .paths
cmd/cli.o cmd/aduan.o cmd/pdf.o: ALL_CFLAGS += $(PATHS)

.SUFFIXES: .c .o
.c.o:
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBOBJ) $(CLIOBJ) $(BINS:=.o): $(HDRS)

# One program, git-style: aduan runs its commands in-process, and each
# cmd/aduan-NAME is a link to it that runs NAME.
CMDOBJ = $(CMDS:%=cmd/%.o)
cmd/aduan: $(CMDOBJ) cmd/libcli.a lib/libaduan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CMDOBJ) cmd/libcli.a \
		lib/libaduan.a $(DEPS_LIBS)
$(filter-out cmd/aduan,$(CMDS:%=cmd/%)): cmd/aduan
	ln -f cmd/aduan $@

cmd/pdf.o cmd/aduan-surat.o cmd/aduan-rekap.o: ALL_CFLAGS += $(PDF_CFLAGS)
cmd/pdf.o cmd/aduan-surat.o cmd/aduan-rekap.o: cmd/pdf.h
cmd/aduan-surat: cmd/aduan-surat.o cmd/pdf.o cmd/libcli.a lib/libaduan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ cmd/aduan-surat.o cmd/pdf.o \
		cmd/libcli.a lib/libaduan.a $(PDF_LIBS) $(DEPS_LIBS)
cmd/aduan-rekap: cmd/aduan-rekap.o cmd/pdf.o cmd/libcli.a lib/libaduan.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ cmd/aduan-rekap.o cmd/pdf.o \
		cmd/libcli.a lib/libaduan.a $(PDF_LIBS) $(DEPS_LIBS)

tests/unit/%: tests/unit/%.c lib/libaduan.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $$($(PKG_CONFIG) --cflags cmocka) $(LDFLAGS) \
		-o $@ $< lib/libaduan.a $(DEPS_LIBS) \
		$$($(PKG_CONFIG) --libs cmocka)

# The negative control of the power-cut test (tests/cli/powercut.bats):
# fsync and its kin as no-ops, preloaded into the commands.  Built without
# CFLAGS: a sanitized shim would need its runtime first in LD_PRELOAD.
tests/tools/nosync.so: tests/tools/nosync.c
	$(CC) -std=c17 -Wall -Wextra -D_GNU_SOURCE -O2 -fPIC -shared -o $@ \
		tests/tools/nosync.c

# Compares a page drawn now with its committed picture (aduan-surat.bats).
tests/tools/pngdiff: tests/tools/pngdiff.c
	$(CC) $(ALL_CFLAGS) $(PDF_CFLAGS) $(LDFLAGS) -o $@ \
		tests/tools/pngdiff.c $(PDF_LIBS)

# Page 1 of the Surat Panggilan of the test data, as the README shows it
# and aduan-surat.bats compares against: made again after a change to
# the letters or their drawing, and looked at before it is committed.
surat-png: all
	sh tests/cli/surat-data.sh tests/cli/ref/surat-panggilan.png

check: all $(UNITBINS) tests/tools/nosync.so tests/tools/pngdiff
	@set -e; for t in $(UNITBINS); do echo "== $$t"; \
		(cd tests/unit && ./$${t##*/}); done
	bats $$(command -v parallel >/dev/null && echo --jobs $$(nproc)) tests/cli

# The whole suite again, built with AddressSanitizer and UBSan.  UBSan's
# null checks make GCC 12 see a NULL format in printf(_("...")) that
# cannot be (-Wformat-overflow): that warning is the normal build's.
SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all -Wno-format-overflow
sanitize:
	$(MAKE) clean
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/tools/lsan.supp:print_suppressions=0 \
		ADUAN_SANITIZED=1 $(MAKE) CFLAGS='$(SANFLAGS)' \
		LDFLAGS='-fsanitize=address,undefined' check
	$(MAKE) clean

# The unit tests and the whole command-line suite with every command under
# memcheck (tests/tools/valgrind.sh).
valgrind: all $(UNITBINS) tests/tools/nosync.so tests/tools/pngdiff
	UNITS='$(UNITBINS)' sh tests/tools/valgrind.sh $(CMDS) $(EXTCMDS)

lint: $(MANS_ID)
	mandoc -Tlint -Wwarning $(MANS) $(MANS_ID)

# What CI runs.  Every test of the suite runs at least once: under
# valgrind, and under the sanitizers (each skips a few the other runs,
# saying why); the stress figures of the README come from make stress,
# CI runs it bounded; then a short fuzzing round.
test: lint valgrind sanitize
	$(MAKE) stress STRESS_APPEND="32 250" STRESS_CREATE="16 100" \
		STRESS_KILL="8 40" STRESS_AGREE=300
	$(MAKE) fuzz FUZZ_SECONDS=8
	$(MAKE) deb-test

# libFuzzer targets (clang, ASan, UBSan), FUZZ_SECONDS seconds each, then
# every input that once crashed (tests/fuzz/regress).
FUZZ_SECONDS = 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh

# A look at aduan on the bundled SOP and a throwaway data directory: one
# case walked through the SOP, then the cron job a working day later.
demo: all
	@t=$$(mktemp -d); trap 'rm -rf "$$t"' EXIT; \
	export ADUAN_DIR=$$t PATH="$(CURDIR)/cmd:$$PATH" ADUAN_USER=Siti; \
	set -ex; \
	export ADUAN_NOW="2026-11-27 15:55"; \
	id=$$(aduan new --pelapor "Budi Santoso" --lurah "Lurah Kranggan" \
		--perihal "Pagar melewati batas" --isi "Pagar tetangga 1 m masuk"); \
	ADUAN_NOW="2026-11-30 08:10" aduan overdue || true; \
	export ADUAN_NOW="2026-11-30 08:20"; \
	aduan assign "$$id" --kepada "Agus (Kasi Trantib)" --at "2026-11-30 08:05"; \
	aduan list; \
	ADUAN_NOW="2026-12-01 10:00" aduan overdue --all || true; \
	aduan show "$$id"; \
	aduan surat tanda-terima "$$id" -o "$$t/tanda-terima.pdf"; \
	pdftotext -layout "$$t/tanda-terima.pdf" -

install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXECDIR) \
		$(DESTDIR)$(SOPDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(MANDIR)/man8
	$(INSTALL) -m 755 cmd/aduan $(DESTDIR)$(BINDIR)/
	for c in $(CMDS); do [ $$c = aduan ] || \
		ln -sf $(BINDIR)/aduan $(DESTDIR)$(LIBEXECDIR)/$$c || \
		exit 1; done
	for c in $(EXTCMDS); do $(INSTALL) -m 755 cmd/$$c \
		$(DESTDIR)$(LIBEXECDIR)/ || exit 1; done
	$(INSTALL) -m 644 $(SOPFILES) $(DESTDIR)$(SOPDIR)/
	$(INSTALL) -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	$(INSTALL) -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	$(INSTALL) -m 644 $(MAN8) $(DESTDIR)$(MANDIR)/man8/
	$(INSTALL) -d $(DESTDIR)$(DATADIR)/bash-completion/completions
	$(INSTALL) -m 644 completion/aduan.bash \
		$(DESTDIR)$(DATADIR)/bash-completion/completions/aduan
	for m in $(MANS_ID); do s=$${m##*.}; \
		$(INSTALL) -d $(DESTDIR)$(MANDIR)/id/man$$s && \
		$(INSTALL) -m 644 $$m $(DESTDIR)$(MANDIR)/id/man$$s/ || \
		exit 1; done
	for l in $(LINGUAS); do \
		$(INSTALL) -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		$(INSTALL) -m 644 po/locale/$$l/LC_MESSAGES/aduan.mo \
		$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/ || exit 1; done

# The Debian package, built by dpkg-buildpackage (debhelper, debian/) in a
# copy of the tree's tracked files, build/deb/aduan-VERSION, so that its
# clean and build leave the tree's own build alone; the package is then
# build/deb/aduan_VERSION_ARCH.deb.  deb-lint runs lintian on it, failing
# on any error or warning not overridden (debian/aduan.lintian-overrides,
# each with its reason).  deb-test installs it with apt as a new office
# would and walks a case through it as a clerk (tests/deb/package.bats):
# it installs system-wide, so it needs root, and leaves the machine as it
# found it.
DEBDIR = build/deb
deb:
	rm -rf $(DEBDIR) && mkdir -p $(DEBDIR)/aduan-$(VERSION)
	git ls-files -z | xargs -0 tar cf - | \
		tar xf - -C $(DEBDIR)/aduan-$(VERSION)
	cd $(DEBDIR)/aduan-$(VERSION) && dpkg-buildpackage -b -us -uc
deb-lint: deb
	lintian --fail-on error,warning --info $(DEBDIR)/aduan_$(VERSION)_*.deb
deb-test: deb-lint
	bats tests/deb

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/aduan
	rm -f $(DESTDIR)$(DATADIR)/bash-completion/completions/aduan
	for c in $(CMDS) $(EXTCMDS); do rm -f $(DESTDIR)$(LIBEXECDIR)/$$c; \
		done
	for f in $(SOPFILES); do rm -f $(DESTDIR)$(SOPDIR)/$${f##*/}; done
	for m in $(MANS); do s=$${m##*.}; \
		rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/} \
		$(DESTDIR)$(MANDIR)/id/man$$s/$${m##*/}; done
	for l in $(LINGUAS); do \
		rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/aduan.mo; done
	-rmdir $(DESTDIR)$(LIBEXECDIR) $(DESTDIR)$(SOPDIR) \
		$(DESTDIR)$(DATADIR)/aduan 2>/dev/null

clean:
	rm -f .paths lib/*.o lib/libaduan.a cmd/*.o cmd/libcli.a $(BINS) \
		$(UNITBINS) tests/stress/stress tests/stress/stress-unsafe \
		tests/bench/bench tests/fuzz/fuzz_log tests/fuzz/fuzz_line \
		tests/fuzz/fuzz_sop tests/fuzz/fuzz_time tests/fuzz/fuzz_id \
		tests/fuzz/fuzz_surat tests/fuzz/fuzz_tree tests/tools/nosync.so tests/tools/pngdiff
	rm -rf tests/tools/valgrind po/locale man/id build

.PHONY: FORCE all bench bench-city check clean deb deb-lint deb-test demo fuzz \
	install lint man-po pot \
	sanitize stress surat-png test uninstall valgrind

# Concurrency: 64 x 500 appends to one case, 32 x 100 new cases, 100
# rounds of 8 appenders killed at random; the coreutils check of
# aduan-log(5) against aduan verify on 1,000 logs, a third tampered; then
# the concurrency checkers on a build whose locks and no-replace links are
# taken out (tests/stress/unsafe.c), where they must fail.
tests/stress/stress: tests/stress/stress.c lib/libaduan.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/stress/stress.c \
		lib/libaduan.a $(DEPS_LIBS)
tests/stress/stress-unsafe: tests/stress/stress.c tests/stress/unsafe.c \
		lib/libaduan.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) \
		-Wl,--wrap=flock,--wrap=openat,--wrap=linkat -o $@ \
		tests/stress/stress.c tests/stress/unsafe.c lib/libaduan.a \
		$(DEPS_LIBS)
STRESS_APPEND = 64 500
STRESS_CREATE = 32 100
STRESS_KILL = 8 100
STRESS_AGREE = 1000
stress: all tests/stress/stress tests/stress/stress-unsafe tests/bench/bench
	@set -e; t=$$(mktemp -d); trap 'rm -rf "$$t"' EXIT; \
	tests/stress/stress append $$t/a $(STRESS_APPEND); \
	tests/stress/stress create $$t/c $(STRESS_CREATE); \
	tests/stress/stress kill $$t/k $(STRESS_KILL); \
	sh tests/stress/agree.sh $$t/g $(STRESS_AGREE); \
	echo "negative control (no locks; the checker must fail):"; \
	if tests/stress/stress-unsafe append $$t/na 16 200; then \
		echo "FAIL: the append checker passed without locks"; exit 1; fi; \
	if tests/stress/stress-unsafe create $$t/nc 16 50; then \
		echo "FAIL: the create checker passed without locks"; exit 1; fi; \
	echo "stress: ok"

# What users run, as they type it, against the floors, at each number of
# open cases beside BENCH_CLOSED closed ones (README, "Performance");
# BENCH_INSTR=1 adds instructions a case under callgrind (to 10,000), and
# the bench fails when they grow over 1.3x at 10x the cases.  BENCH_DIR
# must be on the disk to be measured.
BENCH_CLOSED = 100000
BENCH_SIZES = 100 1000 10000 100000
tests/bench/bench: tests/bench/bench.c lib/libaduan.a $(HDRS)
	$(CC) $(ALL_CFLAGS) -DADUAN_BENCH_TOP='"$(CURDIR)/tests/bench"' \
		$(LDFLAGS) -o $@ tests/bench/bench.c lib/libaduan.a $(DEPS_LIBS)
bench: all tests/bench/bench
	@t=$$(mktemp -d $${BENCH_DIR:-/var/tmp}/aduan-bench.XXXXXX); \
	trap 'rm -rf "$$t"' EXIT; \
	tests/bench/bench run $$t $(BENCH_CLOSED) $(BENCH_SIZES)

# The city's side at scale: BENCH_OFFICES offices of BENCH_CASES cases
# each, synced, fetched by the city and scanned across it (README).
BENCH_CASES = 100
BENCH_OFFICES = 10 100 1000
bench-city: all tests/bench/bench
	@t=$$(mktemp -d $${BENCH_DIR:-/var/tmp}/aduan-city.XXXXXX); \
	trap 'rm -rf "$$t"' EXIT; \
	sh tests/bench/city.sh $$t $(BENCH_CASES) $(BENCH_OFFICES)
