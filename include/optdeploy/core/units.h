/*
 * units.h - physical quantities as the user types them: strict parsing of
 * energies, battery capacities, powers, rates and durations, an exact
 * decimal form for the two that make the number of inferences
 * (K = floor(rate x duration) must not depend on binary rounding), and
 * human-readable formatting.
 *
 * Grammar (units are case-sensitive, as in SI; no spaces, no sign):
 *   NUMBER    digits [. digits] [(e|E) [+|-] digits], at most 15 significant digits
 *   ENERGY    NUMBER (J | kJ | mJ | uJ | nJ | Wh | kWh | mWh)      "40kJ", "11.1Wh"
 *   BATTERY   ENERGY | NUMBER (Ah | mAh) @ NUMBER (V | mV)          "3000mAh@3.7V"
 *   POWER     NUMBER (W | mW | uW)                                  "2mW"
 *   RATE      NUMBER / (s | min | h | d)                            "30/min"
 *   DURATION  NUMBER (s | min | h | d)                              "90min"
 *   COST UNIT one energy unit alone: J, mJ, uJ, nJ, Wh, mWh, kJ, kWh
 * "u" may also be written "µ".  MJ, MWh and MW (mega) are refused with a
 * hint: on a battery-powered device they are almost surely a mistyped milli.
 *
 * Every parser returns ST_OK, or ST_USAGE with one sentence in m that quotes
 * the text and says what is wrong ("\"12 h\": no space between the number
 * and the unit"); the caller prefixes the option's name.  Nothing here
 * allocates.
 */
#ifndef OPTDEPLOY_UNITS_H
#define OPTDEPLOY_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "optdeploy/core/status.h"

#define UNITS_MAX_DIGITS 15  /* significant digits of a NUMBER (all exact in a double) */

/*
 * An exact non-negative quantity: mant x 10^exp10 x num / den, in seconds
 * (a duration) or per second (a rate).  num and den are unit factors
 * (60 for a minute; a rate per hour has den 3600), both 1..86400.
 */
struct units_exact {
	uint64_t mant;   /* < 10^UNITS_MAX_DIGITS */
	int exp10;
	uint32_t num, den;
};

/*
 * The user's text s made safe to quote in a one-line message, into buf of
 * size bytes: control bytes become '?', text too long is cut with "...".
 * Shared by every message that quotes what the user typed.
 */
const char *units_quoted(const char *s, char *buf, size_t size);

/* Energies and battery capacities in joules, > 0 and finite. */
enum status units_parse_energy(const char *s, double *joules, struct status_msg *m);
enum status units_parse_battery(const char *s, double *joules, struct status_msg *m);

/* A power in watts, >= 0 (an idle draw of "0W" is allowed). */
enum status units_parse_power(const char *s, double *watts, struct status_msg *m);

/* A rate (per second) and a duration (seconds), exact, > 0. */
enum status units_parse_rate(const char *s, struct units_exact *per_second,
			     struct status_msg *m);
enum status units_parse_duration(const char *s, struct units_exact *seconds,
				 struct status_msg *m);

/*
 * A latency or deadline, NUMBER (s | ms | us), in seconds, > 0 ("100ms");
 * and a latency column's unit alone ("ms": 1e-3 seconds).
 */
enum status units_parse_latency(const char *s, double *seconds, struct status_msg *m);
enum status units_parse_latency_unit(const char *s, double *seconds, struct status_msg *m);

/*
 * The cost unit: joules per unit of the pool's cost column, and the unit's
 * canonical spelling (a static string, "uJ" for "µJ").
 */
enum status units_parse_cost_unit(const char *s, double *joules, const char **name,
				  struct status_msg *m);

/* Whether name is an energy unit; its size in J and canonical spelling ("uJ"). */
bool units_energy_unit(const char *name, double *joules, const char **canonical_name);

/*
 * An ENERGY expressed in the energy unit `unit` ("250mJ" in "J" is 0.25),
 * from its exact decimal, rounded once (twice for the Wh family).  >= 0.
 */
enum status units_parse_energy_in(const char *s, const char *unit, double *value,
				  struct status_msg *m);

/*
 * A conversion "2.5mJ": the number (2.5, > 0) and the unit's canonical
 * spelling ("mJ"), kept apart so costs are multiplied by the number exactly
 * as typed.
 */
enum status units_parse_energy_factor(const char *s, double *factor, const char **name,
				      struct status_msg *m);

/* The value of an exact quantity as a double (correctly rounded for plain inputs). */
double units_exact_value(const struct units_exact *q);

/*
 * The exact form of a double as printed with the shortest round-trip
 * decimal, for front ends whose sliders hold seconds: units_exact_from_double(5400.0)
 * is 54 x 10^2 x 1/1.  ST_USAGE for a negative, non-finite or subnormal value.
 */
enum status units_exact_from_double(double v, struct units_exact *out, struct status_msg *m);

/*
 * floor(a x b), exactly, when it is at most cap; cap + 1 when it is larger.
 * -1 when the product cannot be formed in 128 bits (not with the factors
 * the parsers produce).  cap must be below 2^62.
 */
long long units_floor_product(const struct units_exact *a, const struct units_exact *b,
			      long long cap);

/*
 * "1 d 2 h 46 min 40 s", "1.5 s", "12 min": a duration for people (up to
 * millisecond precision; beyond 10^6 days in days alone).  Always NUL-terminates.
 */
void units_format_duration(char *buf, size_t size, double seconds);

/* "39.96 kJ", "460.5 mJ": an energy with the SI prefix that keeps 1 <= value < 1000. */
void units_format_energy(char *buf, size_t size, double joules);

/* "341 ms", "1.2 s", "850 us": seconds with the prefix that keeps 1..999. */
void units_format_latency(char *buf, size_t size, double seconds);

/* The same for a power ("2 mW"). */
void units_format_power(char *buf, size_t size, double watts);

#endif
