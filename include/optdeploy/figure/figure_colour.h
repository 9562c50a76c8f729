/*
 * figure_colour.h - the figures' colour map: viridis, computed from nine
 * control points.  Sequential, perceptually ordered, readable by colour-blind
 * readers and in greyscale (its luminance rises monotonically from dark
 * purple at 0 to yellow at 1).
 */
#ifndef OPTDEPLOY_FIGURE_COLOUR_H
#define OPTDEPLOY_FIGURE_COLOUR_H

struct figure_rgb {
	double r, g, b;  /* 0..1, sRGB */
};

/* The colour of t in [0, 1] (clamped; NaN gives the colour of 0). */
struct figure_rgb figure_viridis(double t);

/* Relative luminance (WCAG: linearised sRGB, 0.2126 R + 0.7152 G + 0.0722 B). */
double figure_luminance(struct figure_rgb c);

#endif
