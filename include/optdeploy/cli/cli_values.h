/*
 * cli_values.h - option values read strictly: a plain decimal number
 * ([+-]digits[.digits][e[+-]digits]; no hex, inf, nan or spaces), an exact
 * count in a range, and a cost that may carry a unit.  Every failure is
 * ST_USAGE with "OPT: \"VALUE\" ..." in m, the value quoted safely.
 */
#ifndef OPTDEPLOY_CLI_VALUES_H
#define OPTDEPLOY_CLI_VALUES_H

#include "optdeploy/core/status.h"

/* A finite number; -0 is read as 0 (no "-0" in tables). */
enum status cli_value_real(const char *opt, const char *arg, double *out,
			   struct status_msg *m);

/* A finite number >= 0. */
enum status cli_value_nonneg(const char *opt, const char *arg, double *out,
			     struct status_msg *m);

/*
 * A cost amount: a plain number into *out (text NULL), or text with a unit
 * ("250mJ") left in *text for cli_units_finish, which knows the pool's unit.
 */
enum status cli_value_cost(const char *opt, const char *arg, double *out, const char **text,
			   struct status_msg *m);

/* An exact integer in lo..hi; "1e6" is accepted because it is one. */
enum status cli_value_count(const char *opt, const char *arg, long long lo, long long hi,
			    long long *out, struct status_msg *m);

#endif
