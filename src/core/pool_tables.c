/*
 * pool_tables.c - a pool from several benchmark tables joined on the model
 * name: which file gives each key, which models are in every file, and the
 * warnings about the ones left out.
 */
#include "optdeploy/core/pool_tables.h"

#include <stdarg.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "optdeploy/core/pool_csv.h"
#include "optdeploy/core/pool_text.h"

#define ANY_FILE SIZE_MAX

struct entry {                 /* one row of a table, sorted by name for lookups */
	const char *name;
	size_t row;
};

struct joiner {
	const char *const *paths;
	size_t n;
	const struct pool_spec *spec;
	size_t file[POOL_KEY_COUNT];       /* the file a FILE:COLUMN mapping names, or ANY_FILE */
	const char *col[POOL_KEY_COUNT];   /* the mapped column, NULL for the built-in names */
	/* KEY=FILE:COLUMN naming another input that has a column file i lacks, for its message */
	char suggest[POOL_TABLES_MAX][POOL_KEY_COUNT][POOL_SPEC_TEXT * 2];
	int src[POOL_KEY_COUNT];           /* table giving each key, -1 for none */
	struct pool_csv_table t[POOL_TABLES_MAX];
	struct entry *sorted[POOL_TABLES_MAX];   /* tables 1..n-1 */
	bool *matched[POOL_TABLES_MAX];          /* rows of tables 1..n-1 met from table 0 */
	const char **skipped;                    /* every table's skipped names, sorted */
	size_t n_skipped;
	struct status_msg *m;
};

/* A list of model names for a message: "a, b, c and 4 more". */
struct name_list {
	size_t count;
	char text[400];
};

static void list_add(struct name_list *l, const char *name, const char *where)
{
	size_t used = strlen(l->text);
	if (l->count++ < POOL_WARN_SHOW)
		snprintf(l->text + used, sizeof l->text - used, "%s%.80s%s%.80s%s",
			 used ? ", " : "", name, where ? " (not in " : "", where ? where : "",
			 where ? ")" : "");
}

static const char *list_more(const struct name_list *l, char *buf, size_t size)
{
	if (l->count > POOL_WARN_SHOW)
		snprintf(buf, size, " and %zu more", l->count - POOL_WARN_SHOW);
	else
		buf[0] = '\0';
	return buf;
}

static void __attribute__((format(printf, 2, 3)))
warn(struct pool_warnings *w, const char *fmt, ...)
{
	va_list ap;
	if (w == NULL || w->n >= POOL_WARN_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(w->text[w->n++], sizeof w->text[0], fmt, ap);
	va_end(ap);
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s != NULL && s[1] != '\0' ? s + 1 : p;
}

/* Split a mapping "FILE:COLUMN" when FILE names one of the files (as typed, or its base name). */
static enum status resolve_mapping(struct joiner *J, int k)
{
	const char *text = J->spec->column[k], *colon = strrchr(text, ':');
	size_t plen, hits = 0, which = 0;
	J->file[k] = ANY_FILE;
	J->col[k] = text;
	if (colon == NULL || colon == text)
		return ST_OK;
	plen = (size_t)(colon - text);
	for (size_t i = 0; i < J->n && hits == 0; i++)
		if (strlen(J->paths[i]) == plen && memcmp(J->paths[i], text, plen) == 0) {
			hits = 1;
			which = i;
		}
	bool exact = hits == 1;  /* a path as typed wins; else every base name is tried */
	for (size_t i = 0; i < J->n && !exact; i++) {
		const char *b = base_name(J->paths[i]);
		if (strlen(b) == plen && memcmp(b, text, plen) == 0) {
			hits++;
			which = i;
		}
	}
	if (hits > 1)
		return status_fail(J->m, ST_USAGE, "--columns %s=%s: '%.*s' names more than one "
				   "file (write the path as typed)", pool_key_name(k), text,
				   (int)plen, text);
	if (hits == 1) {
		J->file[k] = which;
		J->col[k] = colon + 1;
	}
	return ST_OK;
}

/*
 * Length of the FILE part of key k's "FILE:COLUMN" mapping when FILE names
 * none of the inputs (the whole text is then tried as one column name), else 0.
 */
static int unknown_file(const struct joiner *J, int k)
{
	const char *colon = J->file[k] == ANY_FILE ? strrchr(J->col[k], ':') : NULL;
	return colon != NULL ? (int)(colon - J->col[k]) : 0;
}

/*
 * Whether the regular file at path has a header column col (ASCII case
 * ignored): a quick look for a message's hint, never at a pipe, a device or
 * standard input, which the loader alone may read.  '#' comment lines and
 * blank lines are skipped, the first other line is split at commas.
 */
static bool header_has(const char *path, const char *col)
{
	struct stat sb;
	char line[4096];
	bool found = false;
	FILE *fp;

	if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    (fp = fopen(path, "r")) == NULL)
		return false;
	while (fgets(line, sizeof line, fp) != NULL) {
		const char *f = line;
		if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
			continue;
		for (;;) {
			size_t len = strcspn(f, ",\r\n"), l = len;
			const char *c = f;
			pool_text_trim(&c, &l);
			if (l >= 2 && c[0] == '"' && c[l - 1] == '"') {
				c++;
				l -= 2;
			}
			if ((found = pool_text_ieq(c, l, col)) || f[len] != ',')
				break;
			f += len + 1;
		}
		break;
	}
	fclose(fp);
	return found;
}

/* File j as a --columns FILE: its base name, or its path when another input has that base name. */
static const char *file_word(const struct joiner *J, size_t j)
{
	for (size_t i = 0; i < J->n; i++)
		if (i != j && strcmp(base_name(J->paths[i]), base_name(J->paths[j])) == 0)
			return J->paths[j];
	return base_name(J->paths[j]);
}

/*
 * For a join: each mapped column that some input has, the mapping that
 * names that input, for the message of a file that lacks it (`name=arch`
 * when only b.csv has arch: "write --columns name=b.csv:arch").
 */
static void suggest_files(struct joiner *J)
{
	for (int k = 0; k < POOL_KEY_COUNT && J->n > 1; k++) {
		if (!J->spec->mapped[k])
			continue;
		for (size_t i = 0; i < J->n; i++) {
			J->suggest[i][k][0] = '\0';
			if (J->file[k] != ANY_FILE && J->file[k] != i)
				continue;
			for (size_t j = 0; j < J->n; j++)
				if (j != i && header_has(J->paths[j], J->col[k])) {
					snprintf(J->suggest[i][k], sizeof J->suggest[i][k], "%s=%s:%s",
						 pool_key_name(k), file_word(J, j), J->col[k]);
					break;
				}
		}
	}
}

/* What file i is asked for. */
static void request_for(const struct joiner *J, size_t i, struct pool_csv_request *rq)
{
	memset(rq, 0, sizeof *rq);
	rq->hint = true;
	rq->skip_incomplete = J->spec->skip_incomplete;
	rq->memory_needed = J->spec->memory_needed;
	rq->latency_needed = J->spec->latency_needed;
	rq->select = J->spec;
	for (int k = 0; k < POOL_KEY_COUNT; k++) {
		bool mine = J->file[k] == ANY_FILE || J->file[k] == i;
		bool mapped = J->spec->mapped[k];
		rq->column[k] = mapped && mine ? J->col[k] : NULL;
		rq->skip[k] = k != POOL_KEY_NAME && mapped && !mine;
		rq->need[k] = k == POOL_KEY_NAME || (mapped && (J->n == 1 || J->file[k] == i)) ||
			      (J->n == 1 && (k == POOL_KEY_COST || k == POOL_KEY_ACCURACY));
		/* "FILE:COLUMN" naming no input: assign_keys says so once, as a usage error */
		if (k != POOL_KEY_NAME && mapped && unknown_file(J, k) > 0)
			rq->need[k] = false;
		if (mapped && mine)
			rq->unknown_file[k] = unknown_file(J, k);
		rq->suggest[k] = J->suggest[i][k][0] != '\0' ? J->suggest[i][k] : NULL;
	}
}

/* Every file's header, for a message about a column no file has. */
static void all_columns(const struct joiner *J, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < J->n; i++) {
		size_t used = strlen(buf);
		snprintf(buf + used, size - used, "%s%s: %s", i ? "; " : "", J->t[i].pool.source,
			 J->t[i].columns);
	}
}

/* Which table gives each key: exactly one, or none for the optional keys. */
static enum status assign_keys(struct joiner *J)
{
	char cols[POOL_TABLES_MAX * 64];
	for (int k = 1; k < POOL_KEY_COUNT; k++) {
		J->src[k] = -1;
		for (size_t i = 0; i < J->n; i++) {
			if (!J->t[i].found[k])
				continue;
			if (J->src[k] >= 0) {
				const struct pool_csv_table *a = &J->t[J->src[k]], *b = &J->t[i];
				return status_fail(J->m, ST_DATA, "the %s is in two files: column "
						   "'%s' of %s and column '%s' of %s (pick one with "
						   "--columns %s=%s:%s)", pool_key_name(k),
						   a->col_text[k], a->pool.source, b->col_text[k],
						   b->pool.source, pool_key_name(k),
						   base_name(J->paths[i]), b->col_text[k]);
			}
			J->src[k] = (int)i;
		}
		if (J->src[k] >= 0 || !(J->spec->mapped[k] || k == POOL_KEY_COST ||
					k == POOL_KEY_ACCURACY))
			continue;
		all_columns(J, cols, sizeof cols);
		if (J->spec->mapped[k] && unknown_file(J, k) > 0)
			/* no column of that whole name either: FILE is a mistyped input */
			return status_fail(J->m, ST_USAGE, "--columns %s=%s: '%.*s' is not one of "
					   "the input files (FILE:COLUMN names a FILE given on the "
					   "command line; %s)", pool_key_name(k), J->col[k],
					   unknown_file(J, k), J->col[k], cols);
		if (J->spec->mapped[k])
			return status_fail(J->m, ST_DATA, "--columns %s=%s: no file has this column "
					   "(%s)", pool_key_name(k), J->col[k], cols);
		return status_fail(J->m, ST_DATA, "no file has a column %s; map one with "
				   "--columns %s=FILE:COLUMN (%s)", k == POOL_KEY_COST ?
				   "'cost' or 'energy'" : "'accuracy', 'performance' or 'score'",
				   pool_key_name(k), cols);
	}
	return ST_OK;
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Row of table i called name, or SIZE_MAX. */
static size_t lookup(const struct joiner *J, size_t i, const char *name)
{
	struct entry key = { name, 0 };
	const struct entry *e;
	if (i == 0)
		return SIZE_MAX;  /* table 0 is walked, never searched */
	e = bsearch(&key, J->sorted[i], J->t[i].pool.n, sizeof key, entry_cmp);
	return e != NULL ? e->row : SIZE_MAX;
}

static bool was_skipped(const struct joiner *J, const char *name)
{
	return J->n_skipped > 0 &&
	       bsearch(&name, J->skipped, J->n_skipped, sizeof name, str_cmp) != NULL;
}

/* Sorted lookups of tables 1..n-1 and the sorted list of skipped names. */
static enum status index_tables(struct joiner *J)
{
	size_t total = 0;
	for (size_t i = 0; i < J->n; i++)
		total += J->t[i].n_skipped;
	J->skipped = total ? malloc(total * sizeof *J->skipped) : NULL;
	if (total && J->skipped == NULL)
		return status_fail(J->m, ST_INTERNAL, "out of memory joining the tables");
	for (size_t i = 0; i < J->n; i++)
		for (size_t r = 0; r < J->t[i].n_skipped; r++)
			J->skipped[J->n_skipped++] = J->t[i].skipped[r];
	if (J->n_skipped > 1)
		qsort(J->skipped, J->n_skipped, sizeof *J->skipped, str_cmp);
	for (size_t i = 1; i < J->n; i++) {
		size_t n = J->t[i].pool.n;
		J->sorted[i] = malloc((n ? n : 1) * sizeof *J->sorted[i]);
		J->matched[i] = calloc(n ? n : 1, sizeof *J->matched[i]);
		if (J->sorted[i] == NULL || J->matched[i] == NULL)
			return status_fail(J->m, ST_INTERNAL, "out of memory joining the tables");
		for (size_t r = 0; r < n; r++)
			J->sorted[i][r] = (struct entry){ J->t[i].pool.models[r].name, r };
		qsort(J->sorted[i], n, sizeof *J->sorted[i], entry_cmp);
	}
	return ST_OK;
}

static double *field(struct model *md, int k)
{
	return k == POOL_KEY_COST ? &md->cost : k == POOL_KEY_ACCURACY ? &md->accuracy
	       : k == POOL_KEY_LOAD_COST ? &md->load_cost
	       : k == POOL_KEY_MEMORY ? &md->memory : &md->latency;
}

/* Model r of table 0 with every key from its table, into *md (name borrowed); false if missing. */
static bool gather(struct joiner *J, size_t r, struct model *md, const char **missing_in)
{
	size_t row[POOL_TABLES_MAX];
	*md = J->t[0].pool.models[r];
	*missing_in = NULL;
	for (size_t i = 1; i < J->n; i++) {
		row[i] = lookup(J, i, md->name);
		if (row[i] == SIZE_MAX)
			*missing_in = *missing_in ? *missing_in : J->t[i].pool.source;
		else
			J->matched[i][row[i]] = true;
	}
	if (*missing_in != NULL)
		return false;
	for (int k = 1; k < POOL_KEY_COUNT; k++)
		if (J->src[k] > 0)
			*field(md, k) = *field(&J->t[J->src[k]].pool.models[row[J->src[k]]], k);
	return true;
}

/* Models of tables 1..n-1 that table 0 lacks, each counted once. */
static void missing_from_first(const struct joiner *J, struct name_list *missing)
{
	for (size_t i = 1; i < J->n; i++)
		for (size_t r = 0; r < J->t[i].pool.n; r++) {
			const char *name = J->t[i].pool.models[r].name;
			bool seen = false;
			if (J->matched[i][r] || was_skipped(J, name))
				continue;
			for (size_t j = 1; j < i && !seen; j++)
				seen = lookup(J, j, name) != SIZE_MAX;
			if (!seen)
				list_add(missing, name, J->t[0].pool.source);
		}
}

/* The joined pool: table 0's order, each key from its table. */
static enum status join(struct joiner *J, struct pool *out, struct name_list *missing)
{
	const struct pool *first = &J->t[0].pool;
	out->models = calloc(first->n ? first->n : 1, sizeof *out->models);
	if (out->models == NULL)
		return status_fail(J->m, ST_INTERNAL, "out of memory joining the tables");
	for (size_t r = 0; r < first->n; r++) {
		struct model md;
		const char *where;
		if (!gather(J, r, &md, &where)) {
			if (!was_skipped(J, md.name))
				list_add(missing, md.name, where);
			continue;
		}
		out->models[out->n] = md;
		if ((out->models[out->n].name = strdup(md.name)) == NULL)
			return status_fail(J->m, ST_INTERNAL, "out of memory joining the tables");
		out->n++;
	}
	missing_from_first(J, missing);
	out->has_memory = J->src[POOL_KEY_MEMORY] >= 0 &&
			  J->t[J->src[POOL_KEY_MEMORY]].pool.has_memory;  /* no empty cell */
	out->has_latency = J->src[POOL_KEY_LATENCY] >= 0 &&
			   J->t[J->src[POOL_KEY_LATENCY]].pool.has_latency;
	return ST_OK;
}

/* "a.csv + b.csv", the joined pool's name in messages. */
static enum status name_source(struct joiner *J, struct pool *out)
{
	size_t len = 1;
	for (size_t i = 0; i < J->n; i++)
		len += strlen(J->t[i].pool.source) + 3;
	if ((out->source = malloc(len)) == NULL)
		return status_fail(J->m, ST_INTERNAL, "out of memory joining the tables");
	out->source[0] = '\0';
	for (size_t i = 0; i < J->n; i++) {
		if (i > 0)
			strcat(out->source, " + ");
		strcat(out->source, J->t[i].pool.source);
	}
	return ST_OK;
}

/* An empty result: the selection's fault (usage), or the data's. */
static enum status nothing_kept(const struct joiner *J)
{
	const struct pool_spec *s = J->spec;
	for (size_t i = 0; i < J->n; i++) {
		const struct pool_csv_table *t = &J->t[i];
		size_t rows = t->pool.n + t->n_unselected + t->n_skipped;
		if (t->pool.n == 0 && t->n_skipped == 0)
			return status_fail(J->m, ST_USAGE, "%s%s%s%s%s%s%s: selects none of the %zu "
					   "models in %s", s->only ? "--only '" : "",
					   s->only ? s->only : "", s->only ? "'" : "",
					   s->only && s->exclude ? " with " : "",
					   s->exclude ? "--exclude '" : "", s->exclude ? s->exclude : "",
					   s->exclude ? "'" : "", rows, t->pool.source);
		if (t->pool.n == 0)
			return status_fail(J->m, ST_DATA, "%s: every row has an empty value "
					   "(--skip-incomplete left out all %zu)", t->pool.source,
					   t->n_skipped);
	}
	return status_fail(J->m, ST_DATA, "no model is in every file (%s has %zu models, %s "
			   "has %zu; do the name columns agree?)", J->t[0].pool.source,
			   J->t[0].pool.n, J->t[1].pool.source, J->t[1].pool.n);
}

/* Say what was left out; under --strict a missing model is an error. */
static enum status report(struct joiner *J, const struct name_list *missing,
			  struct pool_warnings *w)
{
	char more[48];
	struct name_list skipped = { 0, "" };
	for (size_t i = 0; i < J->n_skipped; i++)
		if (i == 0 || strcmp(J->skipped[i], J->skipped[i - 1]) != 0)
			list_add(&skipped, J->skipped[i], NULL);
	if (missing->count > 0 && J->spec->strict)
		return status_fail(J->m, ST_DATA, "--strict: %zu model%s not in every file: %s%s",
				   missing->count, missing->count == 1 ? " is" : "s are",
				   missing->text, list_more(missing, more, sizeof more));
	if (skipped.count > 0)
		warn(w, "--skip-incomplete: left out %zu model%s with an empty value: %s%s",
		     skipped.count, skipped.count == 1 ? "" : "s", skipped.text,
		     list_more(&skipped, more, sizeof more));
	if (missing->count > 0)
		warn(w, "left out %zu model%s not in every file: %s%s (--strict makes this an "
		     "error)", missing->count, missing->count == 1 ? "" : "s", missing->text,
		     list_more(missing, more, sizeof more));
	return ST_OK;
}

static enum status check_paths(const char *const *paths, size_t n, struct status_msg *m)
{
	if (n < 1 || n > POOL_TABLES_MAX)
		return status_fail(m, ST_USAGE, "%zu files: give 1 to %d", n, POOL_TABLES_MAX);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(paths[i], paths[j]) == 0)
				return status_fail(m, ST_USAGE, "%s: %s twice", paths[i],
						   strcmp(paths[i], "-") == 0
						   ? "standard input can be read only once, not"
						   : "the same file given");
	return ST_OK;
}

static void joiner_free(struct joiner *J)
{
	for (size_t i = 0; i < J->n; i++) {
		pool_csv_table_free(&J->t[i]);
		free(J->sorted[i]);
		free(J->matched[i]);
	}
	free(J->skipped);
	free(J);
}

/* Latencies in seconds from the column's unit (never more than 1 s: no overflow). */
static void to_seconds(struct pool *p, double unit_s)
{
	for (size_t i = 0; i < p->n; i++)
		p->models[i].latency *= unit_s;
}

/*
 * Seconds per unit of the latency column: --latency-unit, else the unit its
 * header ends with ("latency_s", "latency_us", "latency_ms"; a table whose
 * header says seconds must not be read as milliseconds), else ms.
 */
static double latency_unit(const struct joiner *J)
{
	static const struct { const char *suffix; double s; } units[] = {
		{ "_ms", 1e-3 }, { "_us", 1e-6 }, { "_s", 1.0 },
	};
	if (J->spec->latency_unit_s > 0)
		return J->spec->latency_unit_s;
	int src = J->src[POOL_KEY_LATENCY];
	const char *h = src >= 0 ? J->t[src].col_text[POOL_KEY_LATENCY] : "";
	size_t len = strlen(h);
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		size_t n = strlen(units[i].suffix);
		if (len > n && strcasecmp(h + len - n, units[i].suffix) == 0)
			return units[i].s;
	}
	return POOL_LATENCY_UNIT_DEFAULT;
}

static enum status load_all(struct joiner *J, struct pool *out, struct pool_warnings *w)
{
	struct name_list missing = { 0, "" };
	struct pool_csv_request rq;
	enum status st = ST_OK;
	for (int k = 0; k < POOL_KEY_COUNT && st == ST_OK; k++)
		if (J->spec->mapped[k])
			st = resolve_mapping(J, k);
	if (st == ST_OK)
		suggest_files(J);
	for (size_t i = 0; i < J->n && st == ST_OK; i++) {
		request_for(J, i, &rq);
		st = pool_csv_load_path(J->paths[i], &rq, &J->t[i], J->m);
	}
	if (st == ST_OK)
		st = assign_keys(J);
	if (st == ST_OK)
		st = index_tables(J);
	if (st == ST_OK)
		st = join(J, out, &missing);
	if (st == ST_OK && out->n == 0)
		st = nothing_kept(J);
	if (st == ST_OK)
		st = report(J, &missing, w);
	if (st == ST_OK)
		st = name_source(J, out);
	if (st == ST_OK)
		to_seconds(out, latency_unit(J));
	return st;
}

/* The spec's unit and conversion (--cost-unit 2.5mJ multiplies every cost by 2.5). */
static enum status declare_unit(const struct pool_spec *spec, struct pool *out,
				struct status_msg *m)
{
	double f = spec->cost_factor;
	out->unit = cost_unit_declared(spec->cost_unit);
	out->accuracy_label = spec->accuracy_label;
	if (f == 0 || f == 1)
		return ST_OK;
	for (size_t i = 0; i < out->n; i++) {
		double c = out->models[i].cost * f;
		if (!isfinite(c))
			return status_fail(m, ST_DATA, "%s: model '%s': cost %g x %g (--cost-unit) is "
					   "too large", out->source, out->models[i].name,
					   out->models[i].cost, f);
		out->models[i].cost = c;
	}
	return ST_OK;
}

enum status pool_load_tables(const char *const *paths, size_t n, const struct pool_spec *spec,
			     struct pool *out, struct pool_warnings *w, struct status_msg *m)
{
	static const struct pool_spec plain = { .only = NULL };  /* built-in names, every model */
	struct joiner *J;
	enum status st;
	memset(out, 0, sizeof *out);
	out->cost_scale = 1.0;
	if (w != NULL)
		w->n = 0;
	status_clear(m);
	if ((st = check_paths(paths, n, m)) != ST_OK)
		return st;
	if ((J = calloc(1, sizeof *J)) == NULL)
		return status_fail(m, ST_INTERNAL, "out of memory");
	J->paths = paths;
	J->n = n;
	J->spec = spec != NULL ? spec : &plain;
	J->m = m;
	st = load_all(J, out, w);
	joiner_free(J);
	if (st == ST_OK)
		st = declare_unit(spec != NULL ? spec : &plain, out, m);
	if (st != ST_OK) {
		pool_free(out);
		if (w != NULL)
			w->n = 0;
	}
	return st;
}
