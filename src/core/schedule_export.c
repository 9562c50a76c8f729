/* schedule_export.c - a policy's inference order as slot CSV, run-length CSV or a C header. */
#include "optdeploy/core/schedule_export.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/export.h"
#include "optdeploy/core/numtext.h"
#include "optdeploy/core/schedule.h"

static void put_fmt_u64(struct export_out *o, const char *before, uint64_t v, const char *after)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
	export_put_text(o, before);
	export_put_text(o, buf);
	export_put_text(o, after);
}

const char *schedule_format_name(enum schedule_format f)
{
	switch (f) {
	case SCHEDULE_FORMAT_CSV: return "csv";
	case SCHEDULE_FORMAT_RUNS: return "runs";
	case SCHEDULE_FORMAT_C: return "c";
	}
	return "?";
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	if (n <= k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (tolower((unsigned char)s[n - k + i]) != suffix[i])
			return false;
	return true;
}

bool schedule_format_from_name(const char *path, enum schedule_format *f)
{
	if (ends_with(path, ".runs.csv"))
		*f = SCHEDULE_FORMAT_RUNS;
	else if (ends_with(path, ".csv"))
		*f = SCHEDULE_FORMAT_CSV;
	else if (ends_with(path, ".h"))
		*f = SCHEDULE_FORMAT_C;
	else
		return false;
	return true;
}

enum status schedule_export_check(const struct schedule_job *job, struct status_msg *m)
{
	const struct policy *p = job->pol;
	long long k = p->params.k, most = 0, bound;
	if (!policy_has_counts(p) || p->n != job->pool->n)
		return status_fail(m, ST_INTERNAL, "schedule: the policy (%s, %zu models) has no "
				   "order for a pool of %zu models", solve_outcome_name(p->outcome),
				   p->n, job->pool->n);
	for (size_t i = 0; i < p->n; i++)
		if (p->count[i] > most)
			most = p->count[i];
	if (job->format == SCHEDULE_FORMAT_CSV && k > SCHEDULE_ROWS_MAX)
		return status_fail(m, ST_USAGE, "csv: K = %lld would be %lld rows, more than %lld; "
				   "use the runs or c format (--format runs or c; a .runs.csv or .h "
				   "file)", k, k, SCHEDULE_ROWS_MAX);
	/* Runs alternate: each run of another model can split the largest one's runs. */
	bound = 2 * (k - most) + 1 < k ? 2 * (k - most) + 1 : k;
	if (job->format == SCHEDULE_FORMAT_RUNS && bound > SCHEDULE_ROWS_MAX)
		return status_fail(m, ST_USAGE, "runs: K = %lld with %lld inferences outside the "
				   "largest count may need %lld rows, more than %lld; use the c "
				   "format (--format c, or a .h file)", k, k - most, bound,
				   SCHEDULE_ROWS_MAX);
	return ST_OK;
}

/* How a slot walk ended. */
enum walk_end { WALK_DONE, WALK_NO_MODEL, WALK_CANCELLED };

/* Every SCHEDULE_PROGRESS_SLOTS slots: go on unless the job's progress says stop. */
static bool walk_on(const struct schedule_job *job, uint64_t t, uint64_t k)
{
	return job->progress == NULL || t % SCHEDULE_PROGRESS_SLOTS != 0 ||
	       job->progress(job->progress_ctx, t, k);
}

/* Each scheduled model's name as a CSV field and a line end: "name\n". */
static char **field_lines(const struct pool *pool, const struct schedule *s)
{
	char **line = calloc(s->n ? s->n : 1, sizeof *line);
	for (size_t r = 0; line != NULL && r < s->n; r++) {
		const char *name = pool->models[s->models[r].index].name;
		line[r] = malloc(2 * strlen(name) + 4);
		if (line[r] == NULL) {
			for (size_t q = 0; q < r; q++)
				free(line[q]);
			free(line);
			return NULL;
		}
		size_t len = export_field_text(line[r], name);
		memcpy(line[r] + len, "\n", 2);
	}
	return line;
}

static enum walk_end write_csv(struct export_out *o, const struct schedule_job *job,
			       struct schedule *s, size_t *rows)
{
	char **line = field_lines(job->pool, s);
	char num[24];
	enum walk_end end = WALK_DONE;
	if (line == NULL) {
		o->err = ENOMEM;
		return WALK_DONE;
	}
	export_put_text(o, "slot,model\n");
	for (uint64_t t = 1; t <= s->k && o->err == 0 && end == WALK_DONE; t++) {
		size_t r = schedule_next(s);
		if (r == SIZE_MAX) {
			end = WALK_NO_MODEL;
			break;
		}
		size_t len = numtext_u64(num, t);
		num[len++] = ',';
		export_put_bytes(o, num, len);
		export_put_bytes(o, line[r], strlen(line[r]));
		if (!walk_on(job, t, s->k))
			end = WALK_CANCELLED;
	}
	for (size_t r = 0; r < s->n; r++)
		free(line[r]);
	free(line);
	*rows = (size_t)s->k;
	return end;
}

static void put_run(struct export_out *o, const struct pool *pool, const struct schedule *s,
		    size_t r, uint64_t repeat)
{
	export_put_field(o, pool->models[s->models[r].index].name);
	put_fmt_u64(o, ",", repeat, "\n");
}

static enum walk_end write_runs(struct export_out *o, const struct schedule_job *job,
				struct schedule *s, size_t *rows)
{
	size_t cur = SIZE_MAX, n_rows = 0;
	uint64_t repeat = 0;
	export_put_text(o, "model,repeat\n");
	for (uint64_t t = 1; t <= s->k && o->err == 0; t++) {
		size_t r = schedule_next(s);
		if (r == SIZE_MAX)
			return WALK_NO_MODEL;
		if (!walk_on(job, t, s->k))
			return WALK_CANCELLED;
		if (r == cur) {
			repeat++;
			continue;
		}
		if (cur != SIZE_MAX) {
			put_run(o, job->pool, s, cur, repeat);
			n_rows++;
		}
		cur = r;
		repeat = 1;
	}
	if (cur != SIZE_MAX) {
		put_run(o, job->pool, s, cur, repeat);
		n_rows++;
	}
	*rows = n_rows;
	return WALK_DONE;
}

/*
 * A C string literal: quote and backslash escaped, every '?' as "\?" (no
 * trigraph can form), other bytes outside printable ASCII as three-digit
 * octal escapes (never greedy, unlike \x).
 */
static void put_c_string(struct export_out *o, const char *s)
{
	char buf[8];
	export_put_text(o, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\' || *p == '?')
			snprintf(buf, sizeof buf, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			snprintf(buf, sizeof buf, "\\%03o", *p);
		else
			snprintf(buf, sizeof buf, "%c", *p);
		export_put_text(o, buf);
	}
	export_put_text(o, "\"");
}

/*
 * Text inside a C comment: control bytes become '_', and a star next to a
 * slash (either order) or two question marks are split with a space, so no name can end the comment, open a
 * nested one (-Wcomment) or form a trigraph.
 */
static void put_comment_text(struct export_out *o, const char *s)
{
	char buf[3];
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		unsigned char c = *p < 0x20 || *p == 0x7f ? '_' : *p;
		bool split = (c == '*' && p[1] == '/') || (c == '/' && p[1] == '*') ||
			     (c == '?' && p[1] == '?');
		buf[0] = (char)c;
		buf[1] = split ? ' ' : '\0';
		buf[2] = '\0';
		export_put_text(o, buf);
	}
}

static void put_c_comment(struct export_out *o, const struct pool *pool, const struct policy *p)
{
	export_put_text(o, "/*\n * optdeploy_schedule.h - the order of inferences of one deployment "
		 "policy,\n * written by `optdeploy schedule --format c`.  Regenerate it rather "
		 "than edit it.\n *\n * pool:              ");
	put_comment_text(o, pool->source != NULL ? pool->source : "");
	if (p->params.mode == SOLVE_MAX_ACCURACY) {
		export_put_text(o, "\n * budget:            ");
		export_put_number(o, p->params.budget);
		put_comment_text(o, cost_unit_suffix(&pool->unit));
		export_put_text(o, " per inference (maximum expected accuracy)");
	} else {
		export_put_text(o, "\n * accuracy floor:    ");
		export_put_number(o, p->params.min_accuracy);
		export_put_text(o, " (minimum expected cost)");
	}
	put_fmt_u64(o, "\n * K:                 ", (uint64_t)p->params.k, " inferences per period");
	export_put_text(o, "\n * lambda:            ");
	export_put_number(o, p->params.lambda);
	export_put_text(o, "\n * policy:            ");
	export_put_text(o, solve_outcome_name(p->outcome));
	export_put_text(o, "\n * expected accuracy: ");
	export_put_number(o, p->expected_accuracy);
	export_put_text(o, "\n * expected cost:     ");
	export_put_number(o, p->expected_cost);
	put_comment_text(o, cost_unit_suffix(&pool->unit));
	export_put_text(o, " per inference");
	if (pool->idle_per_s > 0) {
		/* the costs are e - P t (the idle draw for idle time only): the measured e too */
		long double e = 0;
		for (size_t i = 0; i < pool->n; i++)
			e += (long double)p->count[i] * pool_energy(pool, i);
		export_put_text(o, "\n *                    (budget and cost: each energy less the "
				"idle draw during it, e - P t)\n * expected energy:   ");
		export_put_number(o, (double)(e / p->params.k));
		put_comment_text(o, cost_unit_suffix(&pool->unit));
		export_put_text(o, " per inference (measured, whole-board)");
	}
	export_put_text(o, "\n *\n"
		 " * After any t calls of optdeploy_schedule_next() in a period, model i has\n"
		 " * run floor(t c / K) or ceil(t c / K) times (c = optdeploy_counts[i]), so\n"
		 " * never a whole inference away from its share.  Earliest deadline first\n"
		 " * over each model's windows [floor((j-1) K / c), ceil(j K / c)) for its\n"
		 " * j-th run, ties to the lower index; integers only (every value stays\n"
		 " * below 2 K + 2 < 2^32), no allocation, no division after init.\n */\n");
}

static const char c_types[] =
	"\n#if defined(__GNUC__) || defined(__clang__)\n"
	"#define OPTDEPLOY_MAYBE_UNUSED __attribute__((unused))\n"
	"#else\n"
	"#define OPTDEPLOY_MAYBE_UNUSED\n"
	"#endif\n\n"
	"/* O(OPTDEPLOY_N_MODELS) state; n is the model's runs so far in the period. */\n"
	"struct optdeploy_schedule {\n"
	"\tuint32_t slot;                            /* calls so far in this period */\n"
	"\tuint32_t quot[OPTDEPLOY_N_MODELS];        /* K / count */\n"
	"\tuint32_t rem[OPTDEPLOY_N_MODELS];         /* K % count */\n"
	"\tuint32_t release[OPTDEPLOY_N_MODELS];     /* floor(n K / count): its next run's first slot */\n"
	"\tuint32_t next_floor[OPTDEPLOY_N_MODELS];  /* floor((n + 1) K / count) */\n"
	"\tuint32_t next_rem[OPTDEPLOY_N_MODELS];    /* (n + 1) K % count */\n"
	"};\n\n"
	"/* start a period: call once before the first optdeploy_schedule_next() */\n"
	"static void optdeploy_schedule_init(struct optdeploy_schedule *s) OPTDEPLOY_MAYBE_UNUSED;\n"
	"/* index into optdeploy_model_names of the model for the next inference;\n"
	"   after OPTDEPLOY_K calls the schedule starts its next period again */\n"
	"static int optdeploy_schedule_next(struct optdeploy_schedule *s) OPTDEPLOY_MAYBE_UNUSED;\n";

/* The same integer steps as schedule.c (model_restart, model_advance, schedule_next). */
static const char c_code[] =
	"\nstatic void optdeploy_schedule_init(struct optdeploy_schedule *s)\n"
	"{\n"
	"\tint i;\n"
	"\ts->slot = 0;\n"
	"\tfor (i = 0; i < OPTDEPLOY_N_MODELS; i++) {\n"
	"\t\ts->quot[i] = (uint32_t)OPTDEPLOY_K / optdeploy_counts[i];\n"
	"\t\ts->rem[i] = (uint32_t)OPTDEPLOY_K % optdeploy_counts[i];\n"
	"\t\ts->release[i] = 0;\n"
	"\t\ts->next_floor[i] = s->quot[i];\n"
	"\t\ts->next_rem[i] = s->rem[i];\n"
	"\t}\n"
	"}\n\n"
	"static int optdeploy_schedule_next(struct optdeploy_schedule *s)\n"
	"{\n"
	"\tint i, best = -1;\n"
	"\tuint32_t best_deadline = 0, deadline, r;\n"
	"\tif (s->slot == (uint32_t)OPTDEPLOY_K)\n"
	"\t\toptdeploy_schedule_init(s);\n"
	"\tfor (i = 0; i < OPTDEPLOY_N_MODELS; i++) {\n"
	"\t\tdeadline = s->next_floor[i] + (s->next_rem[i] != 0);\n"
	"\t\tif (s->release[i] > s->slot)\n"
	"\t\t\tcontinue;\n"
	"\t\tif (best < 0 || deadline < best_deadline) {\n"
	"\t\t\tbest = i;\n"
	"\t\t\tbest_deadline = deadline;\n"
	"\t\t}\n"
	"\t}\n"
	"\tif (best >= 0) {\n"
	"\t\tr = s->next_rem[best] + s->rem[best];\n"
	"\t\ts->release[best] = s->next_floor[best];\n"
	"\t\ts->next_floor[best] += s->quot[best];\n"
	"\t\tif (r >= optdeploy_counts[best]) {\n"
	"\t\t\tr -= optdeploy_counts[best];\n"
	"\t\t\ts->next_floor[best]++;\n"
	"\t\t}\n"
	"\t\ts->next_rem[best] = r;\n"
	"\t}\n"
	"\ts->slot++;\n"
	"\treturn best;\n"
	"}\n\n"
	"#endif\n";

/* "#define NAME VALUE", its comment at column 40. */
static void put_define(struct export_out *o, const char *name, uint64_t v, const char *comment)
{
	char buf[128];
	int w = snprintf(buf, sizeof buf, "#define %s %llu", name, (unsigned long long)v);
	export_put_text(o, buf);
	snprintf(buf, sizeof buf, "%*s/* %s */\n", w < 40 ? 40 - w : 1, "", comment);
	export_put_text(o, buf);
}

static enum status write_c(struct export_out *o, const struct pool *pool, const struct policy *p,
			   const struct schedule *s, size_t *rows)
{
	put_c_comment(o, pool, p);
	export_put_text(o, "#ifndef OPTDEPLOY_SCHEDULE_H\n#define OPTDEPLOY_SCHEDULE_H\n\n"
		 "#include <stdint.h>\n\n");
	put_define(o, "OPTDEPLOY_K", s->k, "inferences in one period");
	put_define(o, "OPTDEPLOY_N_MODELS", s->n, "models used by the policy");
	export_put_text(o, "\n");
	export_put_text(o, "static const char *const optdeploy_model_names[OPTDEPLOY_N_MODELS] = {\n");
	for (size_t i = 0; i < s->n; i++) {
		export_put_text(o, "\t");
		put_c_string(o, pool->models[s->models[i].index].name);
		export_put_text(o, ",\n");
	}
	export_put_text(o, "};\n\n/* runs of each model in one period; they sum to OPTDEPLOY_K */\n"
		 "static const uint32_t optdeploy_counts[OPTDEPLOY_N_MODELS] = {\n");
	for (size_t i = 0; i < s->n; i++)
		put_fmt_u64(o, "\t", s->models[i].count, "u,\n");
	export_put_text(o, "};\n");
	export_put_text(o, c_types);
	export_put_text(o, c_code);
	*rows = s->n;
	return ST_OK;
}

enum status schedule_export_stream(FILE *fp, const char *name, const void *ctx,
				   size_t *rows, struct status_msg *m)
{
	const struct schedule_job *job = ctx;
	const struct policy *p = job->pol;
	struct export_out *o = malloc(sizeof *o);  /* its buffer is too big for a thread's stack */
	struct schedule s;
	size_t n_rows = 0;
	enum status st = schedule_export_check(job, m);
	if (rows != NULL)
		*rows = 0;
	if (st == ST_OK && o == NULL)
		st = status_fail(m, ST_INTERNAL, "%s: out of memory", name);
	if (st == ST_OK)
		st = schedule_init(&s, p->count, p->n, p->params.k, m);
	if (st != ST_OK) {
		free(o);
		return st;
	}
	export_out_init(o, fp);
	enum walk_end end = WALK_DONE;
	if (job->format == SCHEDULE_FORMAT_CSV)
		end = write_csv(o, job, &s, &n_rows);
	else if (job->format == SCHEDULE_FORMAT_RUNS)
		end = write_runs(o, job, &s, &n_rows);
	else
		write_c(o, job->pool, p, &s, &n_rows);
	schedule_free(&s);
	if (end != WALK_DONE)
		free(o);
	if (end == WALK_NO_MODEL)
		return status_fail(m, ST_INTERNAL, "%s: schedule: no model was due at a slot (a bug)",
				   name);
	if (end == WALK_CANCELLED)
		return status_fail(m, ST_OUTPUT, "%s: cancelled", name);
	st = export_out_finish(o, name, m);
	free(o);
	if (st == ST_OK && rows != NULL)
		*rows = n_rows;
	return st;
}

enum status schedule_export_file(const char *path, const struct schedule_job *job,
				 size_t *rows, struct status_msg *m)
{
	enum status st = schedule_export_check(job, m);
	if (st != ST_OK)
		return st;
	return export_atomic(path, schedule_export_stream, job, rows, m);
}
