/*
 * cli_outputs.c - a command's output files: never one of its inputs or each
 * other, writable before the work starts, and no temporary file left behind
 * when a signal ends the command.
 */
#include "optdeploy/cli/cli_outputs.h"

#include <signal.h>
#include <stdbool.h>
#include <string.h>

#include "optdeploy/core/export_file.h"

struct output {
	const char *option;
	const char *path;
};

/* The outputs that are files ("-" is standard output, which replaces nothing). */
static size_t outputs_of(const struct cli_options *o, struct output out[2])
{
	size_t n = 0;
	if (o->output != NULL && strcmp(o->output, "-") != 0)
		out[n++] = (struct output){ "-o", o->output };
	if (o->plot.data_csv != NULL && strcmp(o->plot.data_csv, "-") != 0)
		out[n++] = (struct output){ "--data-csv", o->plot.data_csv };
	return n;
}

enum status cli_outputs_check(const struct cli_options *o, const char *const *inputs,
			      size_t n_inputs, struct status_msg *m)
{
	struct output out[2];
	size_t n = outputs_of(o, out);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n_inputs; j++) {
			bool on_stdin = strcmp(inputs[j], "-") == 0;
			if (export_file_same(out[i].path, on_stdin ? "/dev/stdin" : inputs[j]))
				return status_fail(m, ST_USAGE, "%s %s is the input %s%s: writing it "
						   "would destroy the input (choose another output "
						   "file)", out[i].option, out[i].path,
						   on_stdin ? "read from standard input" : "file ",
						   on_stdin ? "" : inputs[j]);
		}
		for (size_t k = 0; k < i; k++)
			if (export_file_same(out[i].path, out[k].path))
				return status_fail(m, ST_USAGE, "%s %s and %s %s are the same file: "
						   "one would overwrite the other", out[k].option,
						   out[k].path, out[i].option, out[i].path);
	}
	for (size_t i = 0; i < n; i++) {
		enum status st = export_file_check(out[i].path, m);
		if (st != ST_OK)
			return st;
	}
	return ST_OK;
}

/* Async-signal-safe: one unlink, then the signal again with its default action. */
static void on_fatal_signal(int sig)
{
	export_file_remove_temp();
	raise(sig);  /* SA_RESETHAND and SA_NODEFER: the default action, now */
}

void cli_outputs_catch_signals(void)
{
	static const int fatal[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(fatal[i], &sa, NULL);
}
