/* ui_term.c - curses init/done, signals as flags, colour roles, glyphs and text drawing. */
#include "optdeploy/ui/ui_term.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t caught_signal;
static volatile sig_atomic_t caught_cont;
static volatile sig_atomic_t caught_tstp;

/*
 * SIGTSTP is ours too: ncurses' own handler is only installed when the
 * disposition is SIG_DFL, and ncurses ignores SIGTSTP while it refreshes the
 * screen, so a Ctrl-Z typed during a redraw (the planner redraws all the time
 * while its sweeps run) was lost.  A flag is never lost.  The signals a
 * user or a program sends to end a process (Ctrl-\'s SIGQUIT, SIGUSR1/2,
 * SIGALRM, SIGPIPE besides Ctrl-C's SIGINT, SIGTERM and SIGHUP) are flags
 * too, so the terminal is given back before the process ends by the signal
 * (SIGQUIT's core dump included).  A signal ignored at start stays ignored.
 */
static const int handled_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGCONT, SIGTSTP, SIGQUIT,
					 SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE };
#define N_HANDLED (sizeof handled_signals / sizeof handled_signals[0])

/* What ui_term_open changed, so ui_term_close (or exit) can put it back. */
static struct {
	SCREEN *screen;
	int saved_stderr;
	struct sigaction old[N_HANDLED];
	struct ui_term *term;
	bool atexit_done;
} saved = { .saved_stderr = -1 };

static const struct ui_glyphs glyphs_utf8 = {
	.hline = L'─', .vline = L'│', .corner_tl = L'┌', .corner_tr = L'┐',
	.corner_bl = L'└', .corner_br = L'┘', .tee_up = L'┬', .tee_left = L'┤',
	.tee_right = L'├', .arrow_up = L'▲',
	.handle = L'●', .track_fill = L'━', .point = L'o', .policy = L'◆',
	.pending = L'·', .bar_full = L'█', .point_unfit = L'◌', .point_mix = L'■',
	.shade = { L' ', L'░', L'▒', L'▓', L'█' },
	.lambda = "λ", .dots = "…", .focus = "▶", .times = "×",
};

static const struct ui_glyphs glyphs_ascii = {
	.hline = L'-', .vline = L'|', .corner_tl = L'+', .corner_tr = L'+',
	.corner_bl = L'+', .corner_br = L'+', .tee_up = L'+', .tee_left = L'|',
	.tee_right = L'|', .arrow_up = L'^',
	.handle = L'O', .track_fill = L'=', .point = L'o', .policy = L'@',
	.pending = L' ', .bar_full = L'#', .point_unfit = L'~', .point_mix = L'+',
	.shade = { L' ', L'.', L':', L'+', L'#' },
	.lambda = "lambda", .dots = "...", .focus = ">", .times = "x",
};

bool ui_rect_contains(struct ui_rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

const struct ui_glyphs *ui_glyphs_get(bool utf8)
{
	return utf8 ? &glyphs_utf8 : &glyphs_ascii;
}

static void on_signal(int sig)
{
	if (sig == SIGCONT)
		caught_cont = 1;
	else if (sig == SIGTSTP)
		caught_tstp = 1;
	else if (caught_signal == 0)
		caught_signal = sig;
}

int ui_term_signal(void)
{
	return caught_signal;
}

/* Button-event tracking (1002): REPORT_MOUSE_POSITION alone does not request drag motion. */
static void drag_reporting(bool on)
{
	fflush(stdout);
	fputs(on ? "\033[?1002h" : "\033[?1002l", stdout);
	fflush(stdout);
}

/* Ctrl-Z: give the terminal back, stop, and repaint everything on resume. */
static void suspend(struct ui_term *t)
{
	struct sigaction dfl, ours;

	if (t->mouse)
		drag_reporting(false);
	endwin();
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &ours);
	raise(SIGTSTP);  /* stops here until SIGCONT (not at all in an orphaned process group) */
	sigaction(SIGTSTP, &ours, NULL);
	clearok(curscr, TRUE);
	refresh();
}

bool ui_term_poll_resume(struct ui_term *t)
{
	bool redraw = false;

	if (caught_tstp) {
		caught_tstp = 0;
		if (t->open) {
			suspend(t);
			redraw = true;
		}
	}
	if (!caught_cont)
		return redraw;
	caught_cont = 0;
	if (t->open && t->mouse)
		drag_reporting(true);
	return true;
}

void ui_term_reraise(int sig)
{
	signal(sig, SIG_DFL);
	raise(sig);
}

static void close_at_exit(void)
{
	if (saved.term != NULL)
		ui_term_close(saved.term);
}

/* Pair numbers equal role numbers; fg256 and fg8 are the role's colours (-1: default). */
struct role_style {
	short fg256, bg256, fg8, bg8;
	attr_t mono, extra;
};

static const struct role_style role_styles[UI_ROLES] = {
	[UI_NORMAL] = { -1, -1, -1, -1, A_NORMAL, A_NORMAL },
	[UI_TITLE]  = { 255, 24, COLOR_WHITE, COLOR_BLUE, A_REVERSE, A_BOLD },
	[UI_STATUS] = { 252, 236, COLOR_BLACK, COLOR_WHITE, A_REVERSE, A_NORMAL },
	[UI_ERROR]  = { 203, -1, COLOR_RED, -1, A_BOLD, A_BOLD },
	[UI_FOCUS]  = { 220, -1, COLOR_YELLOW, -1, A_REVERSE, A_BOLD },
	[UI_LABEL]  = { 117, -1, COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[UI_DIM]    = { 244, -1, -1, -1, A_DIM, A_NORMAL },
	[UI_AXIS]   = { 246, -1, -1, -1, A_NORMAL, A_NORMAL },
	[UI_HULL]   = { 75, -1, COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[UI_ILP]    = { 214, -1, COLOR_YELLOW, -1, A_NORMAL, A_BOLD },
	[UI_POINT]  = { 255, -1, COLOR_WHITE, -1, A_BOLD, A_BOLD },
	[UI_POLICY] = { 197, -1, COLOR_RED, -1, A_BOLD, A_BOLD },
	[UI_BUDGET] = { 77, -1, COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[UI_BAR]    = { 37, -1, COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[UI_HEAT1]  = { 24, -1, COLOR_BLUE, -1, A_NORMAL, A_NORMAL },
	[UI_HEAT2]  = { 31, -1, COLOR_CYAN, -1, A_NORMAL, A_NORMAL },
	[UI_HEAT3]  = { 37, -1, COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[UI_HEAT4]  = { 43, -1, COLOR_YELLOW, -1, A_NORMAL, A_BOLD },
};

attr_t ui_term_attr(const struct ui_term *t, enum ui_role r)
{
	const struct role_style *s = &role_styles[r];

	if (t->depth == UI_MONO)
		return s->mono;
	if (r == UI_NORMAL)
		return A_NORMAL;
	return COLOR_PAIR((int)r) | s->extra;
}

static void setup_colors(struct ui_term *t)
{
	const char *nc = getenv("NO_COLOR");

	t->depth = UI_MONO;
	/* no-color.org: present and not empty disables colour */
	if ((nc != NULL && nc[0] != '\0') || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	t->depth = COLORS >= 256 ? UI_COLOR256 : COLORS >= 8 ? UI_COLOR8 : UI_MONO;
	if (t->depth == UI_MONO || COLOR_PAIRS < UI_ROLES)
		return;
	for (int r = 1; r < UI_ROLES; r++) {
		const struct role_style *s = &role_styles[r];
		if (t->depth == UI_COLOR256)
			init_pair((short)r, s->fg256, s->bg256);
		else
			init_pair((short)r, s->fg8, s->bg8);
	}
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a signal should cut getch's wait short */
	for (size_t i = 0; i < N_HANDLED; i++)
		if (sigaction(handled_signals[i], NULL, &saved.old[i]) == 0 &&
		    saved.old[i].sa_handler != SIG_IGN)
			sigaction(handled_signals[i], &sa, NULL);
}

static void restore_signals(void)
{
	for (size_t i = 0; i < N_HANDLED; i++)
		sigaction(handled_signals[i], &saved.old[i], NULL);
}

/* stderr goes to /dev/null while curses owns the screen: nothing may scribble on it. */
static void hide_stderr(void)
{
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	fflush(stderr);
	saved.saved_stderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (fd >= 0 && saved.saved_stderr >= 0)
		dup2(fd, STDERR_FILENO);
	if (fd >= 0)
		close(fd);
}

static void restore_stderr(void)
{
	if (saved.saved_stderr < 0)
		return;
	fflush(stderr);
	dup2(saved.saved_stderr, STDERR_FILENO);
	close(saved.saved_stderr);
	saved.saved_stderr = -1;
}

enum status ui_term_open(struct ui_term *t, bool force_ascii, struct status_msg *m)
{
	const char *term = getenv("TERM");

	memset(t, 0, sizeof *t);
	setlocale(LC_ALL, "");
	/* ncurses needs the character set; numbers on screen, typed or written use '.' */
	setlocale(LC_NUMERIC, "C");
	t->utf8 = !force_ascii && strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	t->g = ui_glyphs_get(t->utf8);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return status_fail(m, ST_USAGE, "the planner needs a terminal on standard input "
				   "and output (use 'optdeploy solve' for batch work)");
	hide_stderr();
	/* before newterm, so ncurses installs none of its own handlers (see handled_signals) */
	caught_signal = 0;
	caught_cont = 0;
	caught_tstp = 0;
	catch_signals();
	saved.screen = newterm(NULL, stdout, stdin);
	if (saved.screen == NULL) {
		restore_signals();
		restore_stderr();
		return status_fail(m, ST_USAGE, "cannot use terminal type '%s'",
				   term != NULL ? term : "(unset)");
	}
	set_term(saved.screen);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	setup_colors(t);
	if (mousemask(ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION, NULL) != 0) {
		mouseinterval(0);  /* raw press/release: a merged click would break dragging */
		t->mouse = true;
		drag_reporting(true);
	}
	t->open = true;
	saved.term = t;
	if (!saved.atexit_done && atexit(close_at_exit) == 0)
		saved.atexit_done = true;
	return ST_OK;
}

void ui_term_close(struct ui_term *t)
{
	if (!t->open)
		return;
	t->open = false;
	if (t->mouse) {
		drag_reporting(false);
		mousemask(0, NULL);
	}
	curs_set(1);
	endwin();
	delscreen(saved.screen);
	saved.screen = NULL;
	saved.term = NULL;
	restore_signals();
	restore_stderr();
}

int ui_text(const struct ui_term *t, int y, int x, int w, attr_t a, const char *s)
{
	mbstate_t st;
	int used = 0;
	size_t len = strlen(s);

	memset(&st, 0, sizeof st);
	attrset(a);
	move(y, x);
	while (len > 0 && used < w) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &st);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			wc = L'?';
			n = 1;
		}
		if (!t->utf8 && (unsigned long)wc > 126UL)
			wc = L'?';
		cw = wcwidth(wc);
		if (cw < 1) {
			wc = L'?';
			cw = 1;
		}
		if (used + cw > w)
			break;
		addnwstr(&wc, 1);
		used += cw;
		s += n;
		len -= n;
	}
	attrset(A_NORMAL);
	return used;
}

int ui_textf(const struct ui_term *t, int y, int x, int w, attr_t a, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_text(t, y, x, w, a, buf);
}

size_t ui_text_step(const char *s, size_t len, mbstate_t *st, int *cw)
{
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, len, st);

	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		memset(st, 0, sizeof *st);
		*cw = 1;
		return 1;
	}
	*cw = wcwidth(wc);
	*cw = *cw < 1 ? 1 : *cw;
	return n;
}

int ui_text_width(const char *s)
{
	mbstate_t st;
	size_t len = strlen(s);
	int w = 0;

	memset(&st, 0, sizeof st);
	while (len > 0) {
		int cw;
		size_t n = ui_text_step(s, len, &st, &cw);

		w += cw;
		s += n;
		len -= n;
	}
	return w;
}

void ui_text_cut_end(char *s, size_t size, int w, const char *mark)
{
	int cells = 0, keep = w - ui_text_width(mark);

	if (ui_text_width(s) <= w || keep < 0)
		return;
	for (size_t i = 0; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && cells++ == keep) {
			snprintf(s + i, size - i, "%s", mark);
			return;
		}
}

void ui_put(int y, int x, wchar_t c, attr_t a)
{
	cchar_t cc;
	wchar_t wc[2] = { c, L'\0' };

	setcchar(&cc, wc, a & ~A_COLOR, (short)PAIR_NUMBER(a), NULL);
	mvadd_wch(y, x, &cc);
}

void ui_hfill(int y, int x, int w, wchar_t c, attr_t a)
{
	for (int i = 0; i < w; i++)
		ui_put(y, x + i, c, a);
}
