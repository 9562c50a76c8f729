/* cli_options.c - the command line parser: getopt_long, value checks, no output. */
#include "optdeploy/cli/cli.h"
#include "optdeploy/cli/cli_battery.h"
#include "optdeploy/cli/cli_units.h"
#include "optdeploy/cli/cli_time.h"
#include "optdeploy/core/schedule_export.h"
#include "optdeploy/core/pool_bundled.h"
#include "optdeploy/core/sweep.h"
#include "optdeploy/core/units.h"

#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Command bits: which commands accept an option. */
#define C_PLAN (1u << CLI_PLAN)
#define C_SOLVE (1u << CLI_SOLVE)
#define C_SWEEP (1u << CLI_SWEEP)
#define C_FRONTIER (1u << CLI_FRONTIER)
#define C_COMPARE (1u << CLI_COMPARE)
#define C_LIFETIME (1u << CLI_LIFETIME)
#define C_SCHEDULE (1u << CLI_SCHEDULE)
#define C_PLOT (1u << CLI_PLOT)
#define C_BATCH (C_SOLVE | C_SWEEP | C_FRONTIER | C_COMPARE | C_SCHEDULE)
#define C_ALL (C_PLAN | C_BATCH | C_PLOT)

/* Long-only options get values above any character getopt can return. */
enum opt_id {
	OPT_BUDGET = 256, OPT_K, OPT_LAMBDA, OPT_LAMBDA_PER_K, OPT_RELAX,
	OPT_MIN_ACCURACY, OPT_NORMALIZE, OPT_FORMAT, OPT_FROM, OPT_TO,
	OPT_STEPS, OPT_TIME_LIMIT, OPT_ASCII, OPT_OUTPUT = 'o', OPT_HELP = 'h', OPT_VERSION = 'V',
	OPT_COLUMNS = 512, OPT_ONLY, OPT_EXCLUDE, OPT_STRICT, OPT_SKIP_INCOMPLETE, OPT_POOL,
	OPT_LOG, OPT_LINEAR,
	OPT_COST_UNIT, OPT_BATTERY, OPT_IDLE, OPT_RATE, OPT_DURATION, OPT_SWEEP,
	OPT_MAX_MODELS, OPT_MEMORY, OPT_NO_PROGRESS,
	OPT_DEADLINE, OPT_DUTY_CYCLE, OPT_LATENCY_UNIT, OPT_ENERGY, OPT_ALL, OPT_ROWS
};

/* The options of `optdeploy plot` alone (take_plot_option). */
enum plot_opt_id {
	OPT_PLOT_FIGURE = 1024, OPT_PLOT_SIZE, OPT_PLOT_DATA_CSV
};

/* The master list: getopt's table, the display name and where it applies. */
struct opt_spec {
	const char *name;
	int has_arg;
	int id;
	const char *shown;      /* as written in messages */
	unsigned commands;
};

static const struct opt_spec specs[] = {
	{ "budget", required_argument, OPT_BUDGET, "--budget", C_PLAN | C_SOLVE | C_SCHEDULE | C_PLOT },
	{ "K", required_argument, OPT_K, "--K", C_ALL },
	{ "lambda", required_argument, OPT_LAMBDA, "--lambda", C_ALL | C_LIFETIME },
	{ "lambda-per-k", required_argument, OPT_LAMBDA_PER_K, "--lambda-per-k",
	  C_ALL | C_LIFETIME },
	{ "relax", no_argument, OPT_RELAX, "--relax", C_ALL },
	{ "min-accuracy", required_argument, OPT_MIN_ACCURACY, "--min-accuracy",
	  C_PLAN | C_SOLVE | C_LIFETIME | C_SCHEDULE },
	{ "normalize", no_argument, OPT_NORMALIZE, "--normalize", C_ALL },
	{ "format", required_argument, OPT_FORMAT, "--format", C_BATCH | C_LIFETIME },
	{ "from", required_argument, OPT_FROM, "--from", C_SWEEP | C_FRONTIER | C_LIFETIME | C_PLOT },
	{ "to", required_argument, OPT_TO, "--to", C_SWEEP | C_FRONTIER | C_LIFETIME | C_PLOT },
	{ "steps", required_argument, OPT_STEPS, "--steps", C_SWEEP | C_FRONTIER | C_LIFETIME | C_PLOT },
	{ "time-limit", required_argument, OPT_TIME_LIMIT, "--time-limit", C_ALL | C_LIFETIME },
	{ "ascii", no_argument, OPT_ASCII, "--ascii", C_PLAN },
	{ "output", required_argument, OPT_OUTPUT, "-o", C_BATCH | C_LIFETIME | C_PLOT },
	{ "help", no_argument, OPT_HELP, "--help", C_ALL | C_LIFETIME },
	{ "version", no_argument, OPT_VERSION, "--version", C_ALL | C_LIFETIME },
	{ "cost-unit", required_argument, OPT_COST_UNIT, "--cost-unit", C_ALL | C_LIFETIME },
	{ "battery", required_argument, OPT_BATTERY, "--battery", C_PLAN | C_SOLVE | C_SCHEDULE | C_LIFETIME },
	{ "idle", required_argument, OPT_IDLE, "--idle", C_PLAN | C_SOLVE | C_SCHEDULE | C_LIFETIME },
	{ "rate", required_argument, OPT_RATE, "--rate", C_ALL | C_LIFETIME },
	{ "duration", required_argument, OPT_DURATION, "--duration", C_PLAN | C_SOLVE | C_SCHEDULE | C_LIFETIME },
	{ "sweep", no_argument, OPT_SWEEP, "--sweep", C_LIFETIME },
	{ "columns", required_argument, OPT_COLUMNS, "--columns", C_ALL | C_LIFETIME },
	{ "only", required_argument, OPT_ONLY, "--only", C_ALL | C_LIFETIME },
	{ "exclude", required_argument, OPT_EXCLUDE, "--exclude", C_ALL | C_LIFETIME },
	{ "strict", no_argument, OPT_STRICT, "--strict", C_ALL | C_LIFETIME },
	{ "skip-incomplete", no_argument, OPT_SKIP_INCOMPLETE, "--skip-incomplete", C_ALL | C_LIFETIME },
	{ "pool", required_argument, OPT_POOL, "--pool", C_ALL | C_LIFETIME },
	{ "log", no_argument, OPT_LOG, "--log", C_PLAN | C_SWEEP | C_FRONTIER | C_PLOT },
	{ "linear", no_argument, OPT_LINEAR, "--linear", C_PLAN | C_SWEEP | C_FRONTIER | C_PLOT },
	{ "figure", required_argument, OPT_PLOT_FIGURE, "--figure", C_PLOT },
	{ "size", required_argument, OPT_PLOT_SIZE, "--size", C_PLOT },
	{ "data-csv", required_argument, OPT_PLOT_DATA_CSV, "--data-csv", C_PLOT },
	{ "max-models", required_argument, OPT_MAX_MODELS, "--max-models", C_ALL | C_LIFETIME },
	{ "memory", required_argument, OPT_MEMORY, "--memory", C_ALL | C_LIFETIME },
	{ "no-progress", no_argument, OPT_NO_PROGRESS, "--no-progress", C_BATCH | C_PLOT },
	{ "deadline", required_argument, OPT_DEADLINE, "--deadline", C_ALL | C_LIFETIME },
	{ "duty-cycle", required_argument, OPT_DUTY_CYCLE, "--duty-cycle", C_ALL | C_LIFETIME },
	{ "latency-unit", required_argument, OPT_LATENCY_UNIT, "--latency-unit", C_ALL | C_LIFETIME },
	{ "energy", required_argument, OPT_ENERGY, "--energy", C_PLAN | C_SOLVE | C_SCHEDULE | C_LIFETIME },
	{ "all", no_argument, OPT_ALL, "--all", C_SOLVE },
	{ "rows", required_argument, OPT_ROWS, "--rows", C_PLAN | C_PLOT },
};
#define N_SPECS (sizeof specs / sizeof specs[0])
_Static_assert(N_SPECS <= 64, "scan() records the options seen in a 64-bit mask: widen it");

static const char *const command_names[] = {
	[CLI_PLAN] = "", [CLI_SOLVE] = "solve", [CLI_SWEEP] = "sweep",
	[CLI_FRONTIER] = "frontier", [CLI_COMPARE] = "compare", [CLI_LIFETIME] = "lifetime",
	[CLI_SCHEDULE] = "schedule", [CLI_PLOT] = "plot", [CLI_HELP] = "help",
	[CLI_VERSION] = "version",
};

const char *cli_command_name(enum cli_command c)
{
	return command_names[c];
}

const char *cli_command_list(void)
{
	/* Built once from command_names, so a new command cannot be left out. */
	static char list[160];
	if (list[0] == '\0') {
		size_t used = 0;
		for (int c = CLI_SOLVE; c <= CLI_HELP; c++)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
						 used ? ", " : "", command_names[c]);
	}
	return list;
}

static size_t spec_index(int id)
{
	for (size_t i = 0; i < N_SPECS; i++)
		if (specs[i].id == id)
			return i;
	return N_SPECS;
}

/*
 * A user's string made safe to quote in a one-line message: control bytes
 * become '?', and long values are cut (the fuzzer sends anything).
 */
const char *cli_printable(const char *s, char *buf, size_t size)
{
	return units_quoted(s, buf, size);
}

#define SHOWN(s) cli_printable((s), (char[64]){ 0 }, 64)

/* One plain decimal number: [+-]digits[.digits][e[+-]digits]; no hex, inf, nan, spaces. */
static int plain_number(const char *s)
{
	size_t i = 0, digits = 0;
	if (s[i] == '+' || s[i] == '-')
		i++;
	for (; s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (s[i] == '.')
		for (i++; s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return 0;
	if (s[i] == 'e' || s[i] == 'E') {
		size_t exp_digits = 0;
		i++;
		if (s[i] == '+' || s[i] == '-')
			i++;
		for (; s[i] >= '0' && s[i] <= '9'; i++)
			exp_digits++;
		if (exp_digits == 0)
			return 0;
	}
	return s[i] == '\0';
}

static enum status parse_real(const char *opt, const char *arg, double *out,
			      struct status_msg *m)
{
	if (!plain_number(arg))
		return status_fail(m, ST_USAGE, "%s: \"%s\" is not a number", opt, SHOWN(arg));
	double v = strtod(arg, NULL);
	if (!isfinite(v))
		return status_fail(m, ST_USAGE, "%s: \"%s\" is too large", opt, SHOWN(arg));
	*out = v == 0 ? 0.0 : v;  /* no "-0" in tables */
	return ST_OK;
}

static enum status parse_nonneg(const char *opt, const char *arg, double *out,
				struct status_msg *m)
{
	enum status st = parse_real(opt, arg, out, m);
	if (st == ST_OK && *out < 0)
		return status_fail(m, ST_USAGE, "%s: \"%s\" must not be negative", opt, SHOWN(arg));
	return st;
}

/*
 * A cost amount: a plain number now, or text with a unit ("250mJ") kept for
 * cli_units_finish, which knows the pool's cost unit.
 */
static enum status parse_cost(const char *opt, const char *arg, double *out, const char **text,
			      struct status_msg *m)
{
	*text = NULL;
	if (arg[0] >= '0' && arg[0] <= '9' && !plain_number(arg) &&
	    arg[strcspn(arg, "0123456789.eE+-")] != '\0') {
		*text = arg;
		return ST_OK;
	}
	return parse_nonneg(opt, arg, out, m);
}

/* An exact integer in lo..hi; "1e6" is accepted because it is one. */
static enum status parse_count(const char *opt, const char *arg, long long lo, long long hi,
			       long long *out, struct status_msg *m)
{
	double v;
	if (!plain_number(arg))
		return status_fail(m, ST_USAGE, "%s: \"%s\" is not a number", opt, SHOWN(arg));
	v = strtod(arg, NULL);
	/* Compare as doubles first: out-of-range values would overflow a long long. */
	if (!(v >= (double)lo && v <= (double)hi))
		return status_fail(m, ST_USAGE, "%s: \"%s\" is out of range %lld..%lld",
				   opt, SHOWN(arg), lo, hi);
	if (v != floor(v))
		return status_fail(m, ST_USAGE, "%s: \"%s\" is not an integer", opt, SHOWN(arg));
	/* Integers up to 1e9 are exact in a double, so no precision was lost. */
	*out = (long long)v;
	return ST_OK;
}

/* The options only `optdeploy plot` takes; others are left alone. */
static enum status take_plot_option(int id, const char *arg, struct cli_options *o,
				    struct status_msg *m)
{
	switch (id) {
	case OPT_PLOT_FIGURE:
		return figure_kind_parse(arg, &o->plot.kind, m);
	case OPT_PLOT_SIZE:
		return figure_size_parse(arg, &o->plot.width, &o->plot.height, m);
	case OPT_PLOT_DATA_CSV:
		if (arg[0] == '\0')
			return status_fail(m, ST_USAGE, "--data-csv: the file name is empty");
		o->plot.data_csv = arg;
		return ST_OK;
	default:
		return ST_OK;
	}
}

/* The options that say how the pool is read, and the sweep's spacing. */
static enum status take_table_option(int id, const char *arg, struct cli_options *o,
				     struct status_msg *m)
{
	switch (id) {
	case OPT_COLUMNS:
		return pool_spec_add_columns(&o->spec, arg, false, m);
	case OPT_ONLY: case OPT_EXCLUDE: {
		const char **list = id == OPT_ONLY ? &o->spec.only : &o->spec.exclude;
		const char *name = id == OPT_ONLY ? "--only" : "--exclude";
		if (*list != NULL)
			return status_fail(m, ST_USAGE, "%s given twice (list the patterns in one, "
					   "separated by commas)", name);
		*list = arg;
		return pool_spec_check_globs(name, arg, m);
	}
	case OPT_STRICT: o->spec.strict = true; return ST_OK;
	case OPT_SKIP_INCOMPLETE: o->spec.skip_incomplete = true; return ST_OK;
	case OPT_POOL:
		if (strcmp(arg, "help") != 0 && pool_bundled_find(arg) == NULL)
			return status_fail(m, ST_USAGE, "--pool: \"%s\" is not a bundled pool "
					   "(--pool help lists them)", SHOWN(arg));
		o->pool_name = arg;
		return ST_OK;
	default:  /* --log, --linear */
		if (o->spacing_given && o->spacing != (id == OPT_LOG ? SWEEP_LOG : SWEEP_LINEAR))
			return status_fail(m, ST_USAGE, "--log and --linear: give only one");
		o->spacing_given = true;
		o->spacing = id == OPT_LOG ? SWEEP_LOG : SWEEP_LINEAR;
		return ST_OK;
	}
}

/* The value of one option into o; `seen` records it for the per-command check. */
static enum status take_option(int id, const char *arg, struct cli_options *o,
			       struct status_msg *m)
{
	long long n;
	enum status st = ST_OK;
	switch (id) {
	case OPT_BUDGET:
		st = parse_cost("--budget", arg, &o->params.budget, &o->budget_text, m);
		o->budget_given = true;
		break;
	case OPT_K:
		st = parse_count("--K", arg, 1, SOLVE_K_MAX, &o->params.k, m);
		o->k_given = true;
		break;
	case OPT_LAMBDA:
		st = parse_nonneg("--lambda", arg, &o->params.lambda, m);
		o->lambda_given = true;
		break;
	case OPT_LAMBDA_PER_K:
		st = parse_nonneg("--lambda-per-k", arg, &o->lambda_per_k, m);
		o->lambda_per_k_given = true;
		break;
	case OPT_RELAX: o->params.method = SOLVE_RELAXED; break;
	case OPT_MIN_ACCURACY:
		st = parse_real("--min-accuracy", arg, &o->params.min_accuracy, m);
		o->floor_given = true;
		break;
	case OPT_NORMALIZE: o->normalize = true; break;
	case OPT_ASCII: o->ascii = true; break;
	case OPT_NO_PROGRESS: o->no_progress = true; break;
	case OPT_ALL: o->all = true; break;
	case OPT_ROWS:
		if (strcmp(arg, "all") == 0 || strcmp(arg, "used") == 0)
			o->rows_all = strcmp(arg, "all") == 0;
		else
			st = status_fail(m, ST_USAGE, "--rows: \"%s\" is not used or all", SHOWN(arg));
		break;
	case OPT_FORMAT:
		if (strcmp(arg, "table") == 0)
			o->format = CLI_FORMAT_TABLE;
		else if (strcmp(arg, "csv") == 0)
			o->format = CLI_FORMAT_CSV;
		else if (strcmp(arg, "runs") == 0)
			o->format = CLI_FORMAT_RUNS;
		else if (strcmp(arg, "c") == 0)
			o->format = CLI_FORMAT_C;
		else
			st = status_fail(m, ST_USAGE, "--format: \"%s\" is not a format (table or csv; "
					 "schedule: csv, runs or c)", SHOWN(arg));
		break;
	case OPT_FROM:
		st = parse_cost("--from", arg, &o->from, &o->from_text, m);
		o->from_given = true;
		break;
	case OPT_TO:
		st = parse_cost("--to", arg, &o->to, &o->to_text, m);
		o->to_given = true;
		break;
	case OPT_STEPS:
		st = parse_count("--steps", arg, 1, CLI_STEPS_MAX, &n, m);
		o->steps = (size_t)n;
		break;
	case OPT_TIME_LIMIT:
		st = parse_nonneg("--time-limit", arg, &o->params.time_limit, m);
		if (st == ST_OK && !(o->params.time_limit > 0 && o->params.time_limit <= 1e6))
			st = status_fail(m, ST_USAGE, "--time-limit: \"%s\" is out of range "
					 "(0, 1000000] seconds", SHOWN(arg));
		break;
	case OPT_MAX_MODELS:  /* device limits (solve.h); --memory needs a memory column */
		st = parse_count("--max-models", arg, 1, CLI_MAX_MODELS_MAX, &n, m);
		o->params.max_models = (size_t)n;
		break;
	case OPT_MEMORY:
		st = parse_nonneg("--memory", arg, &o->params.memory_limit, m);
		o->spec.memory_needed = true;  /* an empty memory cell is then a data error */
		break;
	case OPT_COST_UNIT: st = cli_battery_take(CLI_PHYS_COST_UNIT, arg, &o->phys, m); break;
	case OPT_BATTERY: st = cli_battery_take(CLI_PHYS_BATTERY, arg, &o->phys, m); break;
	case OPT_IDLE: st = cli_battery_take(CLI_PHYS_IDLE, arg, &o->phys, m); break;
	case OPT_RATE: st = cli_battery_take(CLI_PHYS_RATE, arg, &o->phys, m); break;
	case OPT_DURATION: st = cli_battery_take(CLI_PHYS_DURATION, arg, &o->phys, m); break;
	case OPT_SWEEP: o->sweep = true; break;
	case OPT_DEADLINE: st = cli_time_take(CLI_TIME_DEADLINE, arg, o, m); break;
	case OPT_DUTY_CYCLE: st = cli_time_take(CLI_TIME_DUTY_CYCLE, arg, o, m); break;
	case OPT_LATENCY_UNIT: st = cli_time_take(CLI_TIME_LATENCY_UNIT, arg, o, m); break;
	case OPT_ENERGY: st = cli_time_take(CLI_TIME_ENERGY, arg, o, m); break;
	case OPT_COLUMNS: case OPT_ONLY: case OPT_EXCLUDE: case OPT_STRICT:
	case OPT_SKIP_INCOMPLETE: case OPT_POOL: case OPT_LOG: case OPT_LINEAR:
		st = take_table_option(id, arg, o, m);
		break;
	case OPT_OUTPUT:
		if (arg[0] == '\0')
			st = status_fail(m, ST_USAGE, "-o: the file name is empty");
		o->output = arg;
		break;
	default:
		st = take_plot_option(id, arg, o, m);
		break;
	}
	return st;
}

static bool is_command_word(const char *s, enum cli_command *c)
{
	for (int i = CLI_SOLVE; i <= CLI_HELP; i++)
		if (strcmp(s, command_names[i]) == 0) {
			*c = (enum cli_command)i;
			return true;
		}
	return false;
}

/* A non-option word, in order: the command, then FILE (or help's topic). */
static enum status take_word(const char *w, size_t index, struct cli_options *o,
			     struct status_msg *m)
{
	enum cli_command c;
	if (index == 0 && is_command_word(w, &c)) {
		o->command = c;
		return ST_OK;
	}
	if (o->command == CLI_HELP && index == 1 && is_command_word(w, &c))
		return ST_OK;  /* `optdeploy help solve`: the one help covers it */
	if (o->command == CLI_HELP)
		return status_fail(m, ST_USAGE, "unexpected argument '%s'", SHOWN(w));
	/* `optdeploy slove FILE`: a first word that does not look like a file was a command */
	if (o->command == CLI_PLAN && o->n_paths == 1 && strpbrk(o->paths[0], "/.") == NULL)
		return status_fail(m, ST_USAGE, "unknown command '%s' (%s)", SHOWN(o->paths[0]),
				   cli_command_list());
	if (o->n_paths == CLI_FILES_MAX)
		return status_fail(m, ST_USAGE, "'%s': too many files (at most %d are joined)",
				   SHOWN(w), CLI_FILES_MAX);
	o->paths[o->n_paths++] = w;
	return ST_OK;
}

/* An unknown or ambiguous long option: say which, listing the candidates. */
static enum status bad_long_option(const char *arg, struct status_msg *m)
{
	const char *name = arg + 2;
	size_t len = strcspn(name, "=");
	char cands[200] = "";
	size_t hits = 0;
	for (size_t i = 0; i < N_SPECS; i++) {
		if (strncmp(specs[i].name, name, len) != 0)
			continue;
		size_t used = strlen(cands);
		snprintf(cands + used, sizeof cands - used, "%s--%s", hits ? ", " : "", specs[i].name);
		hits++;
	}
	if (hits > 1 && len > 0)
		return status_fail(m, ST_USAGE, "ambiguous option '%s' (could be %s)", SHOWN(arg), cands);
	return status_fail(m, ST_USAGE, "unknown option '%s'", SHOWN(arg));
}

/*
 * getopt_long's '?' and ':' answers turned into our messages.  glibc sets
 * optopt to the option's value for a missing or unwanted value, to the
 * character for an unknown short option, and to 0 for an unknown or
 * ambiguous long option (then argv[optind - 1] is that option).
 */
static enum status getopt_error(int c, char *const argv[], int argc, struct status_msg *m)
{
	size_t i = spec_index(optopt);
	if (c == ':')
		return status_fail(m, ST_USAGE, "%s: missing value",
				   i < N_SPECS ? specs[i].shown : "option");
	if (optopt != 0 && i < N_SPECS)
		return status_fail(m, ST_USAGE, "--%s: takes no value", specs[i].name);
	if (optopt != 0)
		return status_fail(m, ST_USAGE, "unknown option '-%c'",
				   optopt > 0x20 && optopt < 0x7f ? optopt : '?');
	if (optind > 0 && optind <= argc && strncmp(argv[optind - 1], "--", 2) == 0)
		return bad_long_option(argv[optind - 1], m);
	return status_fail(m, ST_USAGE, "unknown option");
}

static void set_defaults(struct cli_options *o)
{
	memset(o, 0, sizeof *o);
	o->command = CLI_PLAN;
	o->params = solve_params_default();
	o->lambda_per_k = CLI_LAMBDA_PER_K;
	o->from = NAN;
	o->to = NAN;
	o->format = CLI_FORMAT_TABLE;
}

/* Run getopt_long over argv; records which options were seen in *seen. */
static enum status scan(int argc, char *const argv[], struct cli_options *o,
			uint64_t *seen, struct status_msg *m)
{
	struct option longopts[N_SPECS + 1];
	size_t words = 0;
	int c;
	for (size_t i = 0; i < N_SPECS; i++)
		longopts[i] = (struct option){ specs[i].name, specs[i].has_arg, NULL, specs[i].id };
	longopts[N_SPECS] = (struct option){ NULL, 0, NULL, 0 };

	/* optind = 0 makes glibc start afresh; '-' returns words in order; ':' is quiet. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "-:o:hV", longopts, NULL)) != -1) {
		enum status st;
		if (c == 'h' || c == 'V') {
			o->command = c == 'h' ? CLI_HELP : CLI_VERSION;
			return ST_OK;  /* like every GNU tool, the rest is not read */
		}
		if (c == '?' || c == ':')
			return getopt_error(c, argv, argc, m);
		if (c == 1)
			st = take_word(optarg, words++, o, m);
		else {
			*seen |= UINT64_C(1) << spec_index(c);
			st = take_option(c, optarg, o, m);
		}
		if (st != ST_OK)
			return st;
	}
	for (int i = optind; i < argc; i++) {  /* after "--" */
		enum status st = take_word(argv[i], words++, o, m);
		if (st != ST_OK)
			return st;
	}
	return ST_OK;
}

/* Every option given must mean something to the command. */
static enum status check_applicable(const struct cli_options *o, uint64_t seen,
				    struct status_msg *m)
{
	for (size_t i = 0; i < N_SPECS; i++) {
		if (!(seen & (UINT64_C(1) << i)) || (specs[i].commands & (1u << o->command)))
			continue;
		if (o->command == CLI_PLAN)
			return status_fail(m, ST_USAGE, "%s: not used by the interactive planner "
					   "(did you mean 'optdeploy solve FILE %s ...'?)",
					   specs[i].shown, specs[i].shown);
		return status_fail(m, ST_USAGE, "%s: not used by '%s'", specs[i].shown,
				   command_names[o->command]);
	}
	return ST_OK;
}

/* plot: a figure file whose name gives the format, checked before any work. */
static enum status check_plot(struct cli_options *o, struct status_msg *m)
{
	if (o->output == NULL || strcmp(o->output, "-") == 0)
		return status_fail(m, ST_USAGE, "plot: -o FILE is required, its name ending in "
				   ".svg, .pdf or .png");
	return figure_format_from_name(o->output, &o->plot.format, m);
}

/* Two input names for one file (device and inode): /dev/stdin and -, a link and its target. */
static bool same_input(const char *a, const char *b)
{
	struct stat sa, sb;
	int ra = strcmp(a, "-") == 0 ? fstat(STDIN_FILENO, &sa) : stat(a, &sa);
	int rb = strcmp(b, "-") == 0 ? fstat(STDIN_FILENO, &sb) : stat(b, &sb);
	return ra == 0 && rb == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Combinations: one lambda form, budget xor floor, FILE, the range, the output. */
static enum status check_combinations(struct cli_options *o, struct status_msg *m)
{
	const char *cmd = command_names[o->command];
	if (o->lambda_given && o->lambda_per_k_given)
		return status_fail(m, ST_USAGE, "--lambda and --lambda-per-k: give only one "
				   "(--lambda is absolute, --lambda-per-k is a multiple of K)");
	if (o->budget_given && o->floor_given)
		return status_fail(m, ST_USAGE, "--budget and --min-accuracy: give only one "
				   "(--min-accuracy minimises the cost and needs no budget)");
	for (size_t i = 0; i < o->n_paths; i++) {
		if (o->command == CLI_PLAN && strcmp(o->paths[i], "-") == 0)
			return status_fail(m, ST_USAGE, "the interactive planner cannot read the pool "
					   "from standard input (it reads keys there)");
		for (size_t j = 0; j < i; j++) {
			bool stdin_too = strcmp(o->paths[i], "-") == 0 || strcmp(o->paths[j], "-") == 0;
			if (strcmp(o->paths[i], o->paths[j]) == 0)
				return status_fail(m, ST_USAGE, "'%s' given twice%s", SHOWN(o->paths[i]),
						   stdin_too ? " (standard input can be read only "
						   "once)" : "");
			if (same_input(o->paths[i], o->paths[j]))
				return status_fail(m, ST_USAGE, "'%s' and '%s' are one file, given "
						   "twice%s", SHOWN(o->paths[j]), SHOWN(o->paths[i]),
						   stdin_too ? " (standard input can be read only "
						   "once)" : "");
		}
	}
	if (o->pool_name != NULL && strcmp(o->pool_name, "help") == 0)
		return ST_OK;  /* --pool help lists the pools whatever else is given */
	if (o->command != CLI_PLAN && o->n_paths == 0 && o->pool_name == NULL)
		return status_fail(m, ST_USAGE, "%s: missing FILE (- reads standard input)", cmd);
	if ((o->command == CLI_SOLVE || o->command == CLI_SCHEDULE) && !o->budget_given &&
	    !o->floor_given)
		return status_fail(m, ST_USAGE, "%s: --budget is required "
				   "(or --min-accuracy for the dual form)", cmd);
	if (o->from_given && o->to_given && !(o->from < o->to))
		return status_fail(m, ST_USAGE, "--from %g is not below --to %g", o->from, o->to);
	if (o->command == CLI_PLOT)
		return check_plot(o, m);
	return ST_OK;
}

/*
 * schedule's format: --format, else the -o name's extension (.runs.csv, .csv,
 * .h), else runs; csv stops at SCHEDULE_ROWS_MAX slots.  The other commands
 * take table or csv only.
 */
static enum status check_schedule_format(struct cli_options *o, bool format_given,
					 struct status_msg *m)
{
	static const enum cli_format by_name[] = {
		[SCHEDULE_FORMAT_CSV] = CLI_FORMAT_CSV, [SCHEDULE_FORMAT_RUNS] = CLI_FORMAT_RUNS,
		[SCHEDULE_FORMAT_C] = CLI_FORMAT_C,
	};
	enum schedule_format f;
	if (o->command != CLI_SCHEDULE)
		return o->format == CLI_FORMAT_RUNS || o->format == CLI_FORMAT_C
			? status_fail(m, ST_USAGE, "--format %s: only 'schedule' writes it (%s: table "
				      "or csv)", o->format == CLI_FORMAT_C ? "c" : "runs",
				      command_names[o->command]) : ST_OK;
	if (!format_given)
		o->format = o->output != NULL && schedule_format_from_name(o->output, &f)
			? by_name[f] : CLI_FORMAT_RUNS;
	if (o->format == CLI_FORMAT_TABLE)
		return status_fail(m, ST_USAGE, "--format table: schedule writes csv, runs or c");
	if (o->format == CLI_FORMAT_CSV && o->params.k > SCHEDULE_ROWS_MAX)
		return status_fail(m, ST_USAGE, "--format csv: K = %lld would be %lld rows, more "
				   "than %lld; use --format runs (run-length rows) or --format c "
				   "(a generator)", o->params.k, o->params.k, SCHEDULE_ROWS_MAX);
	return ST_OK;
}

/* Resolve lambda and the mode, then let the core check what it will be given. */
static enum status finish(struct cli_options *o, bool format_given, struct status_msg *m)
{
	struct solve_params probe;
	enum status st = check_schedule_format(o, format_given, m);
	if (st != ST_OK)
		return st;
	if (o->command != CLI_SCHEDULE && o->output != NULL) {  /* schedule's is settled */
		if (format_given && o->format == CLI_FORMAT_TABLE)
			return status_fail(m, ST_USAGE, "--format table: -o writes CSV only");
		o->format = CLI_FORMAT_CSV;
	}
	if (o->steps == 0)
		o->steps = o->command == CLI_FRONTIER ? CLI_FRONTIER_STEPS : SWEEP_DEFAULT_STEPS;
	if (!o->lambda_given) {
		o->params.lambda = o->lambda_per_k * (double)o->params.k;
		if (!isfinite(o->params.lambda))
			return status_fail(m, ST_USAGE, "--lambda-per-k: %g x K is too large",
					   o->lambda_per_k);
	}
	if (o->floor_given)
		o->params.mode = SOLVE_MIN_COST;
	probe = o->params;
	if (!o->budget_given)
		probe.budget = 0;
	if (!o->floor_given)
		probe.min_accuracy = 0;
	return solve_params_check(&probe, m);
}

enum status cli_parse(int argc, char *const argv[], struct cli_options *o,
		      struct status_msg *m)
{
	uint64_t seen = 0;
	enum status st;
	set_defaults(o);
	status_clear(m);
	if (argc < 1 || argv == NULL)
		return status_fail(m, ST_USAGE, "no arguments");
	st = scan(argc, argv, o, &seen, m);
	if (st != ST_OK || o->command == CLI_HELP || o->command == CLI_VERSION)
		return st;
	st = check_applicable(o, seen, m);
	if (st == ST_OK)
		st = cli_units_finish(o, m);    /* the cost unit, budgets with units */
	if (st == ST_OK)
		st = cli_battery_finish(o, m);  /* before the checks: it may set K and the budget */
	if (st == ST_OK)
		st = cli_time_finish(o, m);
	if (st == ST_OK)
		st = check_combinations(o, m);
	if (st == ST_OK)
		st = finish(o, (seen & (UINT64_C(1) << spec_index(OPT_FORMAT))) != 0, m);
	return st;
}
