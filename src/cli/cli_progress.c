/* cli_progress.c - a one-line progress indicator on a terminal's standard error. */
#include "optdeploy/cli/cli_progress.h"

#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "optdeploy/core/deadline.h"

static int terminal_width(FILE *out)
{
	struct winsize ws;

	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

void cli_progress_start(struct cli_progress *p, FILE *out, bool allowed, const char *what,
			const char *unit, size_t total)
{
	memset(p, 0, sizeof *p);
	p->out = out;
	p->what = what;
	p->unit = unit;
	p->total = total;
	p->enabled = allowed && out != NULL && isatty(fileno(out));
	p->start = deadline_now();
	p->last = p->start;
	p->width = p->enabled ? terminal_width(out) : 0;
}

/* "0.4 s", "12 s", "3 min 05 s": short, and never negative. */
static void format_duration(char *buf, size_t size, double s)
{
	if (!(s > 0))
		s = 0;
	if (s < 10)
		snprintf(buf, size, "%.1f s", s);
	else if (s < 60)
		snprintf(buf, size, "%.0f s", s);
	else if (s < 3600)
		snprintf(buf, size, "%d min %02d s", (int)(s / 60), (int)s % 60);
	else
		snprintf(buf, size, "%d h %02d min", (int)(s / 3600), (int)(s / 60) % 60);
}

void cli_progress_format(char *buf, size_t size, const char *what, const char *unit,
			 size_t done, size_t total, double elapsed)
{
	char el[32], left[32];

	if (size == 0)
		return;
	format_duration(el, sizeof el, elapsed);
	if (done == 0 || done >= total) {
		snprintf(buf, size, "%s: %zu/%zu %s, %s elapsed", what, done, total, unit, el);
		return;
	}
	/* the steps so far predict the rest: the only estimate there is */
	format_duration(left, sizeof left, elapsed / (double)done * (double)(total - done));
	snprintf(buf, size, "%s: %zu/%zu %s, %s elapsed, about %s left", what, done, total, unit,
		 el, left);
}

void cli_progress_tick(struct cli_progress *p, size_t done, double now)
{
	char line[160];
	size_t len;

	if (!p->enabled || now - p->start < CLI_PROGRESS_DELAY_S)
		return;
	if (p->shown && now - p->last < CLI_PROGRESS_PERIOD_S)
		return;
	cli_progress_format(line, sizeof line, p->what, p->unit, done, p->total, now - p->start);
	/* one terminal line: a wrapped line could not be erased by "\r" */
	len = strlen(line);
	if (p->width > 1 && len > (size_t)(p->width - 1))
		line[p->width - 1] = '\0';
	fprintf(p->out, "\r%s\033[K", line);
	fflush(p->out);
	p->shown = true;
	p->last = now;
}

void cli_progress_update(struct cli_progress *p, size_t done)
{
	if (p->enabled)
		cli_progress_tick(p, done, deadline_now());
}

void cli_progress_end(struct cli_progress *p)
{
	if (!p->shown)
		return;
	fputs("\r\033[K", p->out);
	fflush(p->out);
	p->shown = false;
}
