/*
 * ui_schedule.c - key s: the current policy's inference order into a file
 * named in the prompt; a long one (csv or runs at a large K) on a thread of
 * its own, so the planner keeps drawing and taking keys, and Esc cancels it.
 */
#include "optdeploy/ui/ui_schedule.h"

#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/schedule_export.h"

/*
 * A background export.  The worker owns nothing the planner changes: pool,
 * policy and path are copies.  The two threads share only the atomics.
 */
struct ui_schedule_task {
	pthread_t thread;
	atomic_bool cancel;              /* set by the planner: stop at the next check */
	atomic_bool finished;            /* set by the worker as its last act */
	atomic_ullong slots;             /* slots written so far */
	unsigned long long k;
	struct pool pool;
	struct policy pol;
	struct schedule_job job;
	char path[sizeof ((struct app *)0)->export_path];
	/* the outcome, read after the join */
	enum status st;
	struct status_msg m;
	size_t rows;
	unsigned long long shown;        /* slots when the status line was last written */
};

static void report(struct app *a, enum status st, const struct status_msg *m,
		   enum schedule_format f, size_t rows, const char *path)
{
	if (st != ST_OK)
		ui_app_message(a, true, "%s", m->text);
	else if (f == SCHEDULE_FORMAT_C)
		ui_app_message(a, false, "exported the schedule as a C header (%zu models) to %s",
			       rows, path);
	else
		ui_app_message(a, false, "exported the schedule (%s, %zu rows) to %s",
			       schedule_format_name(f), rows, path);
}

static bool task_progress(void *ctx, uint64_t slots, uint64_t k)
{
	struct ui_schedule_task *t = ctx;
	(void)k;
	atomic_store(&t->slots, (unsigned long long)slots);
	return !atomic_load(&t->cancel);
}

static void *task_run(void *arg)
{
	struct ui_schedule_task *t = arg;
	t->st = schedule_export_file(t->path, &t->job, &t->rows, &t->m);
	atomic_store(&t->finished, true);
	return NULL;
}

static void task_free(struct ui_schedule_task *t)
{
	pool_free(&t->pool);
	policy_free(&t->pol);
	free(t);
}

/* Copies of what the worker reads, then the thread; false (and a message) when it cannot start. */
static bool start_task(struct app *a, const struct schedule_job *job)
{
	struct ui_schedule_task *t = calloc(1, sizeof *t);
	struct status_msg m;
	status_clear(&m);
	if (t == NULL || pool_copy(&t->pool, job->pool, &m) != ST_OK ||
	    policy_init(&t->pol, job->pol->n, &m) != ST_OK) {
		ui_app_message(a, true, "cannot start the export: %s", t ? m.text : "out of memory");
		if (t != NULL)
			pool_free(&t->pool);
		free(t);
		return false;
	}
	long long *count = t->pol.count;
	t->pol = *job->pol;
	t->pol.count = count;
	memcpy(count, job->pol->count, job->pol->n * sizeof *count);
	atomic_init(&t->cancel, false);
	atomic_init(&t->finished, false);
	atomic_init(&t->slots, 0);
	t->k = (unsigned long long)job->pol->params.k;
	t->job = (struct schedule_job){ &t->pool, &t->pol, job->format, task_progress, t };
	snprintf(t->path, sizeof t->path, "%s", a->export_path);
	status_clear(&t->m);
	/* the worker takes no signal: the planner's own handling stays on the main thread */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int err = pthread_create(&t->thread, NULL, task_run, t);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err != 0) {
		ui_app_message(a, true, "cannot start the export: no thread");
		task_free(t);
		return false;
	}
	a->schedule_task = t;
	ui_app_message(a, false, "exporting the schedule to %s (Esc cancels)", t->path);
	return true;
}

void ui_schedule_export(struct app *a)
{
	struct schedule_job job = { ui_app_pool(a), &a->pol, SCHEDULE_FORMAT_RUNS, NULL, NULL };
	struct status_msg m;
	size_t rows = 0;

	status_clear(&m);
	if (ui_schedule_busy(a))
		ui_app_message(a, true, "an export is running: wait for it, or Esc cancels it");
	else if (!a->have_pol)
		ui_app_message(a, true, "nothing to schedule: %s", a->solve_error);
	else if (!policy_has_counts(&a->pol))  /* as `schedule -o`: no policy, no file */
		ui_app_message(a, true, "nothing to schedule: the solve ended %s%s%s",
			       solve_outcome_name(a->pol.outcome), a->pol.message[0] ? ": " : "",
			       a->pol.message);
	else if (!schedule_format_from_name(a->export_path, &job.format))
		ui_app_message(a, true, "%s: a schedule file ends in .csv, .runs.csv or .h",
			       a->export_path);
	else if (schedule_export_check(&job, &m) != ST_OK)
		ui_app_message(a, true, "%s", m.text);
	else if (job.format != SCHEDULE_FORMAT_C && a->pol.params.k > UI_SCHEDULE_BACKGROUND_K)
		(void)start_task(a, &job);
	else {
		enum status st = schedule_export_file(a->export_path, &job, &rows, &m);
		report(a, st, &m, job.format, rows, a->export_path);
	}
}

bool ui_schedule_busy(const struct app *a)
{
	return a->schedule_task != NULL;
}

/* Join the ended worker, report, free. */
static void finish_task(struct app *a)
{
	struct ui_schedule_task *t = a->schedule_task;
	pthread_join(t->thread, NULL);
	if (t->st != ST_OK && atomic_load(&t->cancel))
		ui_app_message(a, false, "schedule export cancelled: %s is as it was", t->path);
	else
		report(a, t->st, &t->m, t->job.format, t->rows, t->path);
	a->schedule_task = NULL;
	task_free(t);
}

bool ui_schedule_poll(struct app *a)
{
	struct ui_schedule_task *t = a->schedule_task;
	if (t == NULL)
		return false;
	if (atomic_load(&t->finished)) {
		finish_task(a);
		return true;
	}
	unsigned long long done = atomic_load(&t->slots);
	if (done == t->shown || atomic_load(&t->cancel))
		return false;
	t->shown = done;
	/* short: the status line has about 60 columns for it at 120 */
	ui_app_message(a, false, "schedule to %s: %.0f%% written (Esc cancels)", t->path,
		       floor(100.0 * (double)done / (double)t->k));
	return true;
}

void ui_schedule_cancel(struct app *a)
{
	struct ui_schedule_task *t = a->schedule_task;
	if (t == NULL)
		return;
	atomic_store(&t->cancel, true);
	ui_app_message(a, false, "cancelling the schedule export to %s", t->path);
}

void ui_schedule_stop(struct app *a)
{
	if (a->schedule_task == NULL)
		return;
	atomic_store(&a->schedule_task->cancel, true);
	finish_task(a);
}
