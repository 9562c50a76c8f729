/* names.c - model names cut in the middle to a width, marked, and kept distinct. */
#include "optdeploy/core/names.h"

#include <stdlib.h>
#include <string.h>

const char *names_mark(bool utf8)
{
	return utf8 ? "\xe2\x80\xa6" : "~";
}

static bool is_cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

size_t names_width(const char *s)
{
	size_t w = 0;

	for (; *s != '\0'; s++)
		w += !is_cont(*s);
	return w;
}

/* Byte offset of code point k of s (its length when s is shorter). */
static size_t offset_of(const char *s, size_t k)
{
	size_t i = 0;

	while (s[i] != '\0') {
		if (!is_cont(s[i]) && k-- == 0)
			return i;
		i++;
	}
	return i;
}

/* Append up to len bytes of src at *at, never past size - 1 nor into half a character. */
static void put(char *out, size_t size, size_t *at, const char *src, size_t len)
{
	size_t room = *at + 1 < size ? size - 1 - *at : 0;

	if (len > room) {
		len = room;
		while (len > 0 && is_cont(src[len]))
			len--;
	}
	memcpy(out + *at, src, len);
	*at += len;
	out[*at] = '\0';
}

/* name in width cells: head code points, the mark, the rest from the end. */
static void crop_at(char *out, size_t size, const char *name, size_t width, size_t head,
		    const char *mark)
{
	size_t w = names_width(name), mw = names_width(mark), avail, at = 0, from;

	if (size == 0)
		return;
	out[0] = '\0';
	if (w <= width) {
		put(out, size, &at, name, strlen(name));
		return;
	}
	avail = width > mw ? width - mw : 0;
	head = head > avail ? avail : head;
	put(out, size, &at, name, offset_of(name, head));
	put(out, size, &at, mark, strlen(mark));
	from = offset_of(name, w - (avail - head));
	put(out, size, &at, name + from, strlen(name + from));
}

/* The usual cut: two thirds of what is kept from the head, a third from the end. */
static size_t default_head(size_t width, const char *mark)
{
	size_t mw = names_width(mark), avail = width > mw ? width - mw : 0;

	return avail - avail / 3;
}

void names_crop(char *out, size_t size, const char *name, size_t width, const char *mark)
{
	crop_at(out, size, name, width, default_head(width, mark), mark);
}

struct entry {
	const char *s;
	size_t i;
};

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->s, ((const struct entry *)b)->s);
}

struct cropper {
	const char *const *names;
	char **out;
	size_t n, width;
	const char *mark;
	struct entry *sorted;  /* every output, sorted: what a candidate must not equal */
	struct entry *cand;    /* scratch: one run's candidates */
	char **scratch;        /* scratch text, one per name (same size as its output) */
};

/* Do the run's candidates differ from each other and from every name outside the run? */
static bool run_distinct(const struct cropper *c, size_t r, const char *old)
{
	for (size_t k = 0; k < r; k++) {
		struct entry *hit = bsearch(&c->cand[k], c->sorted, c->n, sizeof *c->sorted,
					    entry_cmp);
		if (hit != NULL && strcmp(hit->s, old) != 0)
			return false;
	}
	qsort(c->cand, r, sizeof *c->cand, entry_cmp);
	for (size_t k = 1; k < r; k++)
		if (strcmp(c->cand[k - 1].s, c->cand[k].s) == 0)
			return false;
	return true;
}

/* Cut the members of run (sorted[a..b), all equal) apart: another split, then wider. */
static void resolve(struct cropper *c, size_t a, size_t b)
{
	size_t r = b - a, widest = 0, mw = names_width(c->mark);
	const char *old = c->sorted[a].s;

	for (size_t k = a; k < b; k++) {
		size_t w = names_width(c->names[c->sorted[k].i]);
		widest = w > widest ? w : widest;
	}
	for (size_t w = c->width; w <= widest; w++) {
		size_t avail = w > mw ? w - mw : 0, d = default_head(w, c->mark);
		for (size_t step = 0; step <= 2 * avail + 1; step++) {
			/* d, d+1, d-1, d+2, ...: the cut moves away from the usual place */
			size_t off = (step + 1) / 2;
			size_t head = step % 2 ? d + off : d - off;
			if ((step % 2 == 0 && off > d) || head > avail)
				continue;
			for (size_t k = 0; k < r; k++) {
				size_t i = c->sorted[a + k].i;
				crop_at(c->scratch[i], strlen(c->names[i]) + strlen(c->mark) + 1,
					c->names[i], w, head, c->mark);
				c->cand[k] = (struct entry){ c->scratch[i], i };
			}
			if (w == widest || run_distinct(c, r, old)) {
				for (size_t k = 0; k < r; k++)
					strcpy(c->out[c->cand[k].i], c->cand[k].s);
				return;
			}
		}
	}
}

/* One pass: sort the outputs, cut apart the first run of equal ones; false when none is left. */
static bool split_first_run(struct cropper *c)
{
	for (size_t i = 0; i < c->n; i++)
		c->sorted[i] = (struct entry){ c->out[i], i };
	qsort(c->sorted, c->n, sizeof *c->sorted, entry_cmp);
	for (size_t a = 0; a < c->n;) {
		size_t b = a + 1;
		bool whole = strcmp(c->sorted[a].s, c->names[c->sorted[a].i]) == 0;
		while (b < c->n && strcmp(c->sorted[a].s, c->sorted[b].s) == 0) {
			whole = whole && strcmp(c->sorted[b].s, c->names[c->sorted[b].i]) == 0;
			b++;
		}
		/* equal whole names are equal names: nothing to cut apart */
		if (b - a > 1 && !whole) {
			resolve(c, a, b);
			return true;
		}
		a = b;
	}
	return false;
}

/* The first cut of every name, then passes until no two are equal. */
static void crop_all(struct cropper *c, size_t *widest)
{
	size_t ml = strlen(c->mark), passes = 0;
	char *text = (char *)(c->out + c->n), *tmp = (char *)(c->scratch + c->n);

	for (size_t i = 0; i < c->n; i++) {
		size_t size = strlen(c->names[i]) + ml + 1;
		c->out[i] = text;
		c->scratch[i] = tmp;
		names_crop(text, size, c->names[i], c->width, c->mark);
		text += size;
		tmp += size;
	}
	/* each pass settles one run for good (or widens it): n passes and a margin end it */
	while (passes++ < 2 * c->n + 16 && split_first_run(c))
		;
	if (widest != NULL) {
		*widest = 0;
		for (size_t i = 0; i < c->n; i++) {
			size_t w = names_width(c->out[i]);
			*widest = w > *widest ? w : *widest;
		}
	}
}

char **names_crop_set(const char *const *names, size_t n, size_t width, const char *mark,
		      size_t *widest)
{
	size_t bytes = 0;
	struct cropper c = { names, NULL, n, width, mark, NULL, NULL, NULL };

	for (size_t i = 0; i < n; i++)
		bytes += strlen(names[i]) + strlen(mark) + 1;
	c.out = malloc(n * sizeof *c.out + bytes + 1);
	c.scratch = malloc(n * sizeof *c.scratch + bytes + 1);
	c.sorted = malloc((n ? n : 1) * sizeof *c.sorted);
	c.cand = malloc((n ? n : 1) * sizeof *c.cand);
	if (c.out != NULL && c.scratch != NULL && c.sorted != NULL && c.cand != NULL) {
		crop_all(&c, widest);
	} else {
		free(c.out);
		c.out = NULL;
	}
	free(c.scratch);
	free(c.sorted);
	free(c.cand);
	return c.out;
}
