/*
 * deadline.h - the monotonic clock behind every solve's time limit, and the
 * milliseconds left for the next GLPK call (GLPK's tm_lim is an int).
 */
#ifndef OPTDEPLOY_DEADLINE_H
#define OPTDEPLOY_DEADLINE_H

/* CLOCK_MONOTONIC in seconds. */
double deadline_now(void);

/* Milliseconds until `deadline` (a deadline_now() value): at least 1, so a
 * passed deadline still gives GLPK a limit, and at most 1e9. */
int deadline_remaining_ms(double deadline);

#endif
