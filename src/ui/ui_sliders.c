/* ui_sliders.c - slider drawing and hit testing: label, value, range, track and handle. */
#include "optdeploy/ui/ui_sliders.h"

/* The track with its end caps on row y from column x, w cells in all; returns the inner rect. */
static struct ui_rect track(const struct ui_term *t, int y, int x, int w,
			    const struct ui_slider_view *v)
{
	const struct ui_glyphs *g = t->g;
	int tw = w - 2, hcol;
	struct ui_rect r = { y, x + 1, 1, tw > 1 ? tw : 1 };

	if (tw < 2)
		return r;
	ui_put(y, x, g->tee_right, ui_term_attr(t, UI_DIM));
	ui_put(y, x + 1 + tw, g->tee_left, ui_term_attr(t, UI_DIM));
	hcol = ui_param_to_col(v->param, v->param->value, tw);
	ui_hfill(y, x + 1, hcol, g->track_fill, ui_term_attr(t, UI_BAR));
	ui_hfill(y, x + 2 + hcol, tw - hcol - 1, g->hline, ui_term_attr(t, UI_DIM));
	ui_put(y, x + 1 + hcol, g->handle, v->focused ? ui_term_attr(t, UI_FOCUS) : A_BOLD);
	return r;
}

/* The longest of the value, its brief and its tiny form whose label fits w cells. */
static const char *fitting(const struct ui_slider_view *v, int w, bool brief)
{
	int name = 4 + ui_text_width(v->param->name);

	if (!brief && name + ui_text_width(v->value) <= w)
		return v->value;
	if (v->tiny == NULL || name + ui_text_width(v->brief) <= w)
		return v->brief;
	return v->tiny;
}

/* Focus marker, name and value (or a shorter form); returns the columns used. */
static int label(const struct ui_term *t, int y, int x, int w, const struct ui_slider_view *v,
		 bool brief)
{
	attr_t name_attr = v->focused ? ui_term_attr(t, UI_FOCUS) : ui_term_attr(t, UI_LABEL);
	int end = x + w, x0 = x;
	const char *text = fitting(v, w, brief);

	x += ui_text(t, y, x, end - x, ui_term_attr(t, UI_FOCUS), v->focused ? t->g->focus : " ");
	x += ui_text(t, y, x, end - x, A_NORMAL, " ");
	x += ui_text(t, y, x, end - x, name_attr, v->param->name);
	x += ui_text(t, y, x, end - x, A_NORMAL, "  ");
	x += ui_text(t, y, x, end - x, A_BOLD, text);
	return x - x0;
}

/* Two lines: label, value and range; then the track. */
static void draw_tall(const struct ui_term *t, struct ui_rect r, const struct ui_slider_view *v,
		      struct ui_rect *tr)
{
	int rw = ui_text_width(v->range);
	int full = 4 + ui_text_width(v->param->name) + ui_text_width(v->value);
	int room = r.w - rw - 2;

	/*
	 * The range always shows at the right end: the value goes brief (then
	 * tiny) when the whole of it leaves no room ("21 h 56 min 40 s", then
	 * "21h 56min 40s", for "21 h 56 min 40 s (79000 s)"); only a slider too
	 * narrow for any label drops the range.
	 */
	if (room < 8) {
		label(t, r.y, r.x, r.w, v, false);
	} else {
		label(t, r.y, r.x, room, v, full > room);
		ui_text(t, r.y, r.x + r.w - rw, rw, ui_term_attr(t, UI_DIM), v->range);
	}
	*tr = track(t, r.y + 1, r.x + 2, r.w - 3, v);
}

/* One line: label and value in a fixed column, then the track (the range is left out). */
static void draw_short(const struct ui_term *t, struct ui_rect r, const struct ui_slider_view *v,
		       int label_w, struct ui_rect *tr)
{
	label(t, r.y, r.x, label_w, v, true);
	*tr = track(t, r.y, r.x + label_w + 1, r.w - label_w - 2, v);
}

void ui_sliders_draw(const struct ui_term *t, struct ui_rect r, const struct ui_slider_view *v,
		     int n, struct ui_sliders_geom *g)
{
	bool tall = r.h >= 2 * n;
	int label_w = 0, need = 0, cap = r.w * 3 / 5;

	g->n = 0;
	for (int i = 0; i < n && i < UI_SLIDERS; i++) {
		int w = 4 + ui_text_width(v[i].param->name) + ui_text_width(v[i].brief);
		int tw = 4 + ui_text_width(v[i].param->name) +
			 ui_text_width(v[i].tiny != NULL ? v[i].tiny : v[i].brief);
		label_w = w > label_w ? w : label_w;
		need = v[i].tiny != NULL && tw > need ? tw : need;
	}
	/* the labels take at most 3/5 of the width, more for a tiny form (a duration)
	 * that would be cut there, as long as the tracks keep 10 cells */
	if (need > cap)
		cap = need < r.w - 12 ? need : r.w - 12;
	label_w = label_w > cap ? cap : label_w;
	for (int i = 0; i < n && i < UI_SLIDERS && (tall ? 2 * i + 1 : i) < r.h; i++) {
		g->row[i] = (struct ui_rect){ r.y + (tall ? 2 * i : i), r.x, tall ? 2 : 1, r.w };
		if (tall)
			draw_tall(t, g->row[i], &v[i], &g->track[i]);
		else
			draw_short(t, g->row[i], &v[i], label_w, &g->track[i]);
		g->n = i + 1;
	}
}

int ui_sliders_hit(const struct ui_sliders_geom *g, int y, int x)
{
	for (int i = 0; i < g->n; i++)
		if (ui_rect_contains(g->row[i], y, x))
			return i;
	return -1;
}

int ui_sliders_track_col(const struct ui_sliders_geom *g, int i, int x)
{
	int col = x - g->track[i].x;

	return col < 0 ? 0 : col >= g->track[i].w ? g->track[i].w - 1 : col;
}

int ui_sliders_hit_track(const struct ui_sliders_geom *g, int y, int x, int *col, int *w)
{
	for (int i = 0; i < g->n; i++) {
		struct ui_rect tr = g->track[i];
		/* the end caps count as the track's ends, so a click there reaches min/max */
		if (y == tr.y && x >= tr.x - 1 && x <= tr.x + tr.w) {
			*col = ui_sliders_track_col(g, i, x);
			*w = tr.w;
			return i;
		}
	}
	return -1;
}
