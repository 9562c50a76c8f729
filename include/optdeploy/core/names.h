/*
 * names.h - model names cut to a width for a screen, a table or a figure:
 * in the middle (ncdu's cropstr: the head and the end both say something,
 * `mobilenet_v3_l…e_v2`), always with a mark, and never into a duplicate.
 *
 * Widths count UTF-8 code points (one cell each: model names are ASCII in
 * every bundled pool; a wide character is counted as one, and a malformed
 * byte as one).  The mark is "…" in UTF-8 and "~" otherwise (names_mark).
 * One set of names is cut by one call, so two names that would be cut to the
 * same text are cut elsewhere, or less, until every name differs.  The
 * planner cuts long words first (names_crop_words: mo…v2-0.75-128-q…).
 */
#ifndef OPTDEPLOY_NAMES_H
#define OPTDEPLOY_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* The cut mark: "…" (U+2026) when the output can show UTF-8, else "~". */
const char *names_mark(bool utf8);

/* Cells of s: its UTF-8 code points. */
size_t names_width(const char *s);

/*
 * name cut in the middle to at most width cells, the mark standing for what
 * was left out; the whole name when it fits.  out (size bytes, truncated at a
 * character boundary when too small) is always NUL-terminated.
 */
void names_crop(char *out, size_t size, const char *name, size_t width, const char *mark);

/*
 * The n names cut to at most width cells each, all different from each other
 * when the names are (a pair cut to equal text is cut at another place in the
 * same width, else wider: such a name can then exceed width).  Returns an
 * array of n strings owned by the caller (one block: free the array alone),
 * or NULL when out of memory.  *widest, when not NULL, gets the widest result.
 */
char **names_crop_set(const char *const *names, size_t n, size_t width, const char *mark,
		      size_t *widest);

/*
 * As names_crop_set, but a name first loses letters of its long words (runs
 * of three or more ASCII letters between '-', '_' and ' '), each cut to its
 * first letter and the mark, adjacent cut words sharing one mark, so the
 * parts that tell models apart stay whole: at 17 cells
 * mobilenet-v2-0.75-128-quantized reads mo…v2-0.75-128-q… and its
 * non-quantized twin mo…v2-0.75-128-n….  A word cut in one name is cut in
 * every name of the list that needs a cut; a name that would need more than
 * two marks is cut in the middle.  For the planner's narrow columns.
 */
char **names_crop_words(const char *const *names, size_t n, size_t width, const char *mark,
			size_t *widest);

#endif
