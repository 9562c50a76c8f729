/* fuzz_cli.c - libFuzzer target: the command line parser must never crash, print or exit. */
/*
 * The input bytes become argv (words split on NUL or newline, after the
 * program name) and go through cli_parse, which must either accept values
 * inside their documented ranges or refuse with a one-line message.
 *
 * tests/fuzz/run.sh (`make fuzz`) builds it with clang against the core
 * sources and runs it on a copy of tests/fuzz/corpus_cli.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/cli/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property the parser promises; a violation is a finding. */
static void expect(int ok)
{
	if (!ok)
		abort();
}

static void check_accepted(const struct cli_options *o)
{
	expect(o->command >= CLI_PLAN && o->command <= CLI_VERSION);
	if (o->command == CLI_HELP || o->command == CLI_VERSION)
		return;
	expect(o->params.k >= 1 && o->params.k <= SOLVE_K_MAX);
	expect(isfinite(o->params.lambda) && o->params.lambda >= 0);
	expect(!(o->lambda_given && o->lambda_per_k_given));
	expect(!(o->budget_given && o->floor_given));
	expect(!o->budget_given || (isfinite(o->params.budget) && o->params.budget >= 0));
	expect(!o->floor_given || isfinite(o->params.min_accuracy));
	expect(o->steps >= 1 && o->steps <= CLI_STEPS_MAX);
	expect(!(o->from_given && o->to_given) || o->from < o->to);
	expect(o->command == CLI_PLAN || o->n_paths > 0 || o->pool_name != NULL);
	expect(o->command != CLI_SOLVE || o->budget_given || o->floor_given);
}

static void check_refused(const struct status_msg *m)
{
	size_t len = strnlen(m->text, sizeof m->text);
	expect(len > 0 && len < sizeof m->text);
	for (size_t i = 0; i < len; i++)  /* one printable line */
		expect((unsigned char)m->text[i] >= 0x20 && m->text[i] != 0x7f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	char **argv;
	size_t words = 1;
	int argc = 0;
	struct cli_options o;
	struct status_msg m;
	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (size_t i = 0; i < size; i++)
		words += buf[i] == '\0' || buf[i] == '\n';
	argv = malloc((words + 2) * sizeof *argv);
	if (argv == NULL) {
		free(buf);
		return 0;
	}
	argv[argc++] = (char *)"optdeploy";
	if (size > 0) {
		argv[argc++] = buf;
		for (size_t i = 0; i < size; i++)
			if (buf[i] == '\0' || buf[i] == '\n') {
				buf[i] = '\0';
				argv[argc++] = buf + i + 1;
			}
	}
	argv[argc] = NULL;
	if (cli_parse(argc, argv, &o, &m) == ST_OK)
		check_accepted(&o);
	else
		check_refused(&m);
	free(argv);
	free(buf);
	return 0;
}
