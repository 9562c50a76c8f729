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

/*
 * Word cuts: a name past the width first loses letters of its long words
 * rather than its middle, so the parts that tell models apart (versions,
 * widths, resolutions: v2, 0.75, 128) stay whole and a shared family or
 * suffix shrinks (mobilenet-v2-0.75-128-quantized -> mo…v2-0.75-128-q…).
 * Words are the runs between '-', '_' and ' '; only words of three or more
 * ASCII letters are cut, each to its first letter and the mark, which also
 * stands for the separator after it; adjacent cut words share one mark
 * (non-quantized -> n…), and a name that needs more than two marks is cut
 * in the middle instead.  A word cut in one name of a list is cut in every
 * name of it that needs a cut, so a list reads alike (every -quantized a
 * -q…); the cells left go back to the first cut, the family (mob…v2).
 */
#define WORDS_MAX 24
#define CUTSET_MAX 64

/* The words cut somewhere in a list (pointers into its names). */
struct cutset {
	const char *s[CUTSET_MAX];
	size_t len[CUTSET_MAX], n;
};

struct words {
	const char *name;
	size_t at[WORDS_MAX], len[WORDS_MAX], n;
	bool cut[WORDS_MAX];
	size_t keep;              /* letters the first cut run keeps (at least 1) */
};

static bool is_sep(char c)
{
	return c == '-' || c == '_' || c == ' ';
}

static bool cuttable(const struct words *w, size_t i)
{
	if (w->len[i] < 3)
		return false;
	for (size_t k = 0; k < w->len[i]; k++) {
		char c = w->name[w->at[i] + k];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return false;
	}
	return true;
}

static bool split_words(struct words *w, const char *name)
{
	size_t i = 0;

	memset(w, 0, sizeof *w);
	w->name = name;
	w->keep = 1;
	while (name[i] != '\0') {
		if (w->n == WORDS_MAX)
			return false;
		w->at[w->n] = i;
		while (name[i] != '\0' && !is_sep(name[i]))
			i++;
		w->len[w->n] = i - w->at[w->n];
		w->n++;
		if (name[i] != '\0')
			i++;  /* one separator: the next word starts after it */
	}
	return true;
}

static bool in_cutset(const struct cutset *g, const struct words *w, size_t i)
{
	for (size_t k = 0; k < g->n; k++)
		if (g->len[k] == w->len[i] && memcmp(g->s[k], w->name + w->at[i], w->len[i]) == 0)
			return true;
	return false;
}

/* End of the run of cut words starting at i. */
static size_t run_end(const struct words *w, size_t i)
{
	size_t j = i + 1;

	while (j < w->n && w->cut[j])
		j++;
	return j;
}

/* The name with its cut words (out: size bytes, enough for every mark); its width. */
static size_t render(const struct words *w, char *out, size_t size, const char *mark)
{
	size_t at = 0;
	bool first = true;

	out[0] = '\0';
	for (size_t i = 0; i < w->n;) {
		const char *s = w->name + w->at[i];
		if (!w->cut[i]) {
			/* the word and the separator after it, if any */
			put(out, size, &at, s, w->len[i] + (s[w->len[i]] != '\0'));
			i++;
			continue;
		}
		put(out, size, &at, s, first ? w->keep : 1);
		put(out, size, &at, mark, strlen(mark));
		first = false;
		i = run_end(w, i);  /* the separator after the run goes into the mark */
	}
	return names_width(out);
}

/*
 * Cut the name's words: those the list cuts already, then the longest others
 * (added to *g) until it fits width; false when it cannot.
 */
static bool word_cut(char *out, size_t size, const char *name, size_t width, const char *mark,
		     struct cutset *g)
{
	struct words w;
	size_t used, first;

	if (!split_words(&w, name))
		return false;
	for (size_t i = 0; i < w.n; i++)
		w.cut[i] = cuttable(&w, i) && in_cutset(g, &w, i);
	while ((used = render(&w, out, size, mark)) > width) {
		size_t best = w.n;
		for (size_t i = 0; i < w.n; i++)
			if (!w.cut[i] && cuttable(&w, i) && (best == w.n || w.len[i] > w.len[best]))
				best = i;
		if (best == w.n)
			return false;
		w.cut[best] = true;
		if (g->n < CUTSET_MAX) {
			g->s[g->n] = name + w.at[best];
			g->len[g->n++] = w.len[best];
		}
	}
	for (first = 0; first < w.n && !w.cut[first]; first++)
		;
	if (first == w.n)
		return false;  /* fits uncut: the caller keeps the whole name */
	/* more than two marks read as a code (m…v3-l…224_1.0_f…): the middle cut reads better */
	size_t runs = 0;
	for (size_t i = 0; i < w.n; i++)
		if (w.cut[i] && (i == 0 || !w.cut[i - 1]))
			runs++;
	if (runs > 2)
		return false;
	/* the cells left go back to the first cut run, all but its last letter at most */
	size_t run = w.at[run_end(&w, first) - 1] + w.len[run_end(&w, first) - 1] - w.at[first];
	size_t more = run - 1 - w.keep;
	w.keep += more < width - used ? more : width - used;
	render(&w, out, size, mark);
	return true;
}

/* The first cut of a name in a list: its words, else its middle. */
static void crop_first(char *out, size_t size, const char *name, size_t width, const char *mark,
		       struct cutset *g)
{
	if (names_width(name) <= width || g == NULL || !word_cut(out, size, name, width, mark, g))
		names_crop(out, size, name, width, mark);
}

/* Bytes for any cut of name: a mark may stand in for every other character. */
static size_t cut_size(const char *name, const char *mark)
{
	return strlen(name) + strlen(mark) * (strlen(name) / 2 + 1) + 1;
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
	bool words;            /* first cut the long words (names_crop_words), not the middle */
	struct cutset g;       /* the words cut so far (names_crop_words) */
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

/* Word cuts of the run (sorted[a..b)) in w cells, when each has one and they differ: taken. */
static bool words_apart(struct cropper *c, size_t a, size_t b, size_t w, const char *old)
{
	size_t r = b - a;

	if (!c->words)
		return false;
	for (size_t k = 0; k < r; k++) {
		size_t i = c->sorted[a + k].i;
		if (names_width(c->names[i]) <= w ||
		    !word_cut(c->scratch[i], cut_size(c->names[i], c->mark), c->names[i], w,
			      c->mark, &c->g))
			return false;
		c->cand[k] = (struct entry){ c->scratch[i], i };
	}
	if (!run_distinct(c, r, old))
		return false;
	for (size_t k = 0; k < r; k++)
		strcpy(c->out[c->cand[k].i], c->cand[k].s);
	return true;
}

/* Cut the members of run (sorted[a..b), all equal) apart: words, another split, then wider. */
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
		if (words_apart(c, a, b, w, old))
			return;
		for (size_t step = 0; step <= 2 * avail + 1; step++) {
			/* d, d+1, d-1, d+2, ...: the cut moves away from the usual place */
			size_t off = (step + 1) / 2;
			size_t head = step % 2 ? d + off : d - off;
			if ((step % 2 == 0 && off > d) || head > avail)
				continue;
			for (size_t k = 0; k < r; k++) {
				size_t i = c->sorted[a + k].i;
				crop_at(c->scratch[i], cut_size(c->names[i], c->mark), c->names[i], w,
					head, c->mark);
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

/* The first cut of every name (words, else the middle), then passes until no two are equal. */
static void crop_all(struct cropper *c, size_t *widest)
{
	size_t passes = 0, cut_words;
	char *text = (char *)(c->out + c->n), *tmp = (char *)(c->scratch + c->n);

	for (size_t i = 0; i < c->n; i++) {
		c->out[i] = text;
		c->scratch[i] = tmp;
		text += cut_size(c->names[i], c->mark);
		tmp += cut_size(c->names[i], c->mark);
	}
	/* again while a name adds a word to cut: the names before it cut it too */
	do {
		cut_words = c->g.n;
		for (size_t i = 0; i < c->n; i++)
			crop_first(c->out[i], cut_size(c->names[i], c->mark), c->names[i], c->width,
				   c->mark, c->words ? &c->g : NULL);
	} while (c->g.n != cut_words && passes++ < CUTSET_MAX);
	passes = 0;
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

static char **crop_list(const char *const *names, size_t n, size_t width, const char *mark,
			size_t *widest, bool words)
{
	size_t bytes = 0;
	struct cropper c = { names, NULL, n, width, mark, words, { .n = 0 }, NULL, NULL, NULL };

	for (size_t i = 0; i < n; i++)
		bytes += cut_size(names[i], mark);
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

char **names_crop_set(const char *const *names, size_t n, size_t width, const char *mark,
		      size_t *widest)
{
	return crop_list(names, n, width, mark, widest, false);
}

char **names_crop_words(const char *const *names, size_t n, size_t width, const char *mark,
			size_t *widest)
{
	return crop_list(names, n, width, mark, widest, true);
}
