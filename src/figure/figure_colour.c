/*
 * figure_colour.c - viridis as a piecewise-linear map through nine colours
 * of the matplotlib map (at t = 0, 1/8, ..., 1), so the figures need no
 * colour table file and the heatmap reads in greyscale.
 */
#include "optdeploy/figure/figure_colour.h"

#include <math.h>
#include <stddef.h>

static const unsigned char stops[][3] = {
	{ 0x44, 0x01, 0x54 }, { 0x47, 0x2d, 0x7b }, { 0x3b, 0x52, 0x8b },
	{ 0x2c, 0x72, 0x8e }, { 0x21, 0x90, 0x8c }, { 0x27, 0xad, 0x81 },
	{ 0x5d, 0xc8, 0x63 }, { 0xaa, 0xdc, 0x32 }, { 0xfd, 0xe7, 0x25 },
};
#define N_STOPS (sizeof stops / sizeof stops[0])

struct figure_rgb figure_viridis(double t)
{
	double x, f;
	size_t i;

	if (!(t > 0))
		t = 0;
	if (t > 1)
		t = 1;
	x = t * (double)(N_STOPS - 1);
	i = (size_t)x;
	if (i >= N_STOPS - 1)
		i = N_STOPS - 2;
	f = x - (double)i;
	return (struct figure_rgb){
		((1 - f) * stops[i][0] + f * stops[i + 1][0]) / 255.0,
		((1 - f) * stops[i][1] + f * stops[i + 1][1]) / 255.0,
		((1 - f) * stops[i][2] + f * stops[i + 1][2]) / 255.0,
	};
}

static double linear(double c)
{
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double figure_luminance(struct figure_rgb c)
{
	return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}
