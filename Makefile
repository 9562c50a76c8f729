# optdeploy - plain Makefile.  `make` builds ./optdeploy; see README.md.
#
#   make            build ./optdeploy (objects under build/)
#   make run        install missing Debian packages (as root), build, open the planner
#   make check      the same, then every test, also under ASan+UBSan
#   make bench      benchmarks against glpsol and SciPy/HiGHS (bench/RESULTS.md)
#   make fuzz       fuzz the CSV loader and the command line (FUZZ_SECONDS each)
#   make figures    regenerate the README's figures (man/figures/*.png)
#   make install / uninstall   honour PREFIX and DESTDIR

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/optdeploy
BUILD     ?= build
PROG      ?= optdeploy
CC        ?= cc
OPT       ?= -O2 -g
FUZZ_SECONDS ?= 60

NCURSES_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags ncursesw 2>/dev/null))
NCURSES_LIBS   := $(or $(shell pkg-config --libs ncursesw 2>/dev/null),-lncursesw -ltinfo)
CAIRO_CFLAGS   := $(shell pkg-config --cflags cairo fontconfig 2>/dev/null)
CAIRO_LIBS     := $(or $(shell pkg-config --libs cairo fontconfig 2>/dev/null),-lcairo -lfontconfig)

WARN      = -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
            -Wwrite-strings -Wpointer-arith -Wformat=2
CPPFLAGS += -Iinclude -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
            -DOPTDEPLOY_DATADIR='"$(DATADIR)"' $(NCURSES_CFLAGS) $(CAIRO_CFLAGS)
SAN      ?=
SANITIZE  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_FLAGS = $(if $(SAN),$(SANITIZE))
ALL_CFLAGS = -std=c11 $(WARN) $(OPT) $(SAN_FLAGS) -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)
# cairo is not linked: the figure layer loads it when it draws (figure_cairo.h);
# the tests link it, as they draw on cairo surfaces of their own.
LDLIBS   += $(NCURSES_LIBS) -lglpk -lcsv -lm -pthread

# One folder per layer: src/core (the library: no terminal), src/cli (the
# batch front end), src/ui (the planner), src/figure (cairo figures, read by
# both front ends), src/main.c.  Objects mirror them.
CORE_SRC  = $(wildcard src/core/*.c)
FRONT_SRC = $(wildcard src/cli/*.c src/ui/*.c src/figure/*.c) src/main.c
CORE_OBJ  = $(CORE_SRC:src/%.c=$(BUILD)/%.o)
FRONT_OBJ = $(FRONT_SRC:src/%.c=$(BUILD)/%.o)
UI_OBJ    = $(filter-out $(BUILD)/main.o,$(FRONT_OBJ))
CORE_LIB  = $(BUILD)/liboptdeploy.a

TEST_SRC  = $(wildcard tests/unit/test_*.c)
TEST_BIN  = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: FORCE all run check test core-purity figures test-unit test-cli test-tui deps asan bench fuzz install uninstall clean lint

all: $(PROG)

$(PROG): $(BUILD)/optdeploy.bin
	cp $< $@

$(BUILD)/optdeploy.bin: $(FRONT_OBJ) $(CORE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(FRONT_OBJ) $(CORE_LIB) $(LDLIBS)

$(CORE_LIB): $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(CORE_LIB) $(UI_OBJ) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Itests/unit $(ALL_LDFLAGS) -o $@ $< \
		$(UI_OBJ) $(CORE_LIB) -lcmocka $(LDLIBS) $(CAIRO_LIBS)

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

# pool_bundled.c compiles DATADIR in: rebuild it whenever PREFIX/DATADIR changes, so
# `make install PREFIX=/usr` never installs a binary looking in /usr/local.
# It also compiles in the source tree's data/, found when the program is not next to it.
$(BUILD)/datadir.stamp: FORCE | $(BUILD)
	@echo '$(DATADIR) $(CURDIR)' | cmp -s - $@ || echo '$(DATADIR) $(CURDIR)' > $@
$(BUILD)/core/pool_bundled.o: $(BUILD)/datadir.stamp
$(BUILD)/core/pool_bundled.o: CPPFLAGS += -DOPTDEPLOY_SRCDATA='"$(CURDIR)/data"'
FORCE:

deps:
	@sh .ci/deps.sh

run: deps
	$(MAKE) all
	./$(PROG)

# `make check`: dependencies, the optimised build and its tests, then the
# same tests again on an ASan+UBSan build (build/asan).
check: deps
	$(MAKE) test
	$(MAKE) BUILD=build/asan PROG=build/asan/optdeploy-asan OPT='-O1 -g' SAN=1 test

test: $(PROG) $(TEST_BIN) core-purity
	@sh tests/run.sh $(BUILD) $(abspath $(PROG))

bench: deps all
	@sh bench/run.sh

fuzz:
	@sh .ci/deps.sh clang libclang-rt-14-dev
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# The core is a library: it never reaches a terminal or ends the process.
# Neither does the figure layer, which only draws what the core computed.
core-purity:
	@sh tests/core_purity.sh src/core include/optdeploy/core src/figure include/optdeploy/figure

# The README's figures (man/figures/*.png), from the bundled ImageNet pool.
figures: $(PROG)
	@mkdir -p man/figures
	./$(PROG) plot data/imagenet_paper.csv --figure frontier --budget 40 -o man/figures/frontier.png
	./$(PROG) plot data/imagenet_paper.csv --figure heatmap --budget 40 -o man/figures/heatmap.png
	./$(PROG) plot --pool torchvision --figure heatmap -o man/figures/heatmap_torchvision.png

lint:
	mandoc -Tlint -W warning man/optdeploy.1

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/optdeploy
	install -m 644 man/optdeploy.1 $(DESTDIR)$(MANDIR)/man1/optdeploy.1
	install -m 644 data/*.csv data/README $(DESTDIR)$(DATADIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/optdeploy $(DESTDIR)$(MANDIR)/man1/optdeploy.1
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/,$(notdir $(wildcard data/*.csv)) README)
	-rmdir $(DESTDIR)$(DATADIR)

clean:
	rm -rf build $(PROG)

-include $(CORE_OBJ:.o=.d) $(FRONT_OBJ:.o=.d)
