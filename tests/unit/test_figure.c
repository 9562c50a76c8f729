/*
 * test_figure.c - the figure layer: the colour map (endpoints, monotone
 * luminance), the option texts, the axis ticks, the figure model against the
 * sweep CSV that `optdeploy sweep` writes, the heatmap as drawn (each cell's
 * pixel colour is the colour of its share in that CSV), and the three file
 * formats with their write errors.
 */
#include <math.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <cmocka.h>

#include "optdeploy/core/export.h"
#include "optdeploy/core/pool.h"
#include "optdeploy/core/solve.h"
#include "optdeploy/core/sweep.h"
#include "optdeploy/figure/figure.h"
#include "optdeploy/figure/figure_colour.h"
#include "optdeploy/figure/figure_draw.h"
#include "optdeploy/figure/figure_model.h"

/* ---- colour map ------------------------------------------------------- */

static void expect_rgb(struct figure_rgb c, int r, int g, int b)
{
	assert_int_equal(lround(c.r * 255), r);
	assert_int_equal(lround(c.g * 255), g);
	assert_int_equal(lround(c.b * 255), b);
}

static void test_viridis_endpoints(void **state)
{
	(void)state;
	expect_rgb(figure_viridis(0), 0x44, 0x01, 0x54);   /* viridis's dark purple */
	expect_rgb(figure_viridis(1), 0xfd, 0xe7, 0x25);   /* and its yellow */
	expect_rgb(figure_viridis(0.5), 0x21, 0x90, 0x8c); /* the middle stop */
	expect_rgb(figure_viridis(-3), 0x44, 0x01, 0x54);  /* clamped */
	expect_rgb(figure_viridis(7), 0xfd, 0xe7, 0x25);
	expect_rgb(figure_viridis(NAN), 0x44, 0x01, 0x54);
}

static void test_viridis_luminance_monotone(void **state)
{
	(void)state;
	double prev = -1;
	for (int k = 0; k <= 1000; k++) {
		double l = figure_luminance(figure_viridis(k / 1000.0));
		if (!(l > prev))
			fail_msg("luminance falls or stalls at t = %g: %g after %g", k / 1000.0, l, prev);
		prev = l;
	}
	/* readable in greyscale: the ends are far apart */
	assert_true(figure_luminance(figure_viridis(1)) - figure_luminance(figure_viridis(0)) > 0.6);
	/* and it is no greyscale ramp: the middle has colour */
	struct figure_rgb mid = figure_viridis(0.5);
	assert_true(fabs(mid.r - mid.g) > 0.2);
}

/* ---- option texts ----------------------------------------------------- */

static void test_format_names(void **state)
{
	(void)state;
	struct status_msg m;
	enum figure_format f;
	assert_int_equal(figure_format_from_name("a.svg", &f, &m), ST_OK);
	assert_int_equal(f, FIGURE_SVG);
	assert_int_equal(figure_format_from_name("dir.x/fig.PDF", &f, &m), ST_OK);
	assert_int_equal(f, FIGURE_PDF);
	assert_int_equal(figure_format_from_name("/tmp/b.png", &f, &m), ST_OK);
	assert_int_equal(f, FIGURE_PNG);
	const char *bad[] = { "fig.jpg", "fig", "fig.svg.txt", "dir.png/fig", ".png", "a/.svg", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		status_clear(&m);
		if (figure_format_from_name(bad[i], &f, &m) != ST_USAGE)
			fail_msg("'%s' was taken as a figure name", bad[i]);
		assert_non_null(strstr(m.text, "not a figure file name (end it in .svg, .pdf or .png)"));
	}
}

static void test_size_and_kind(void **state)
{
	(void)state;
	struct status_msg m;
	double w = 0, h = 0;
	enum figure_kind k;
	assert_int_equal(figure_size_parse("800x600", &w, &h, &m), ST_OK);
	assert_true(w == 800 && h == 600);
	assert_int_equal(figure_size_parse("100X10000", &w, &h, &m), ST_OK);
	assert_true(w == 100 && h == 10000);
	const char *bad[] = { "800", "800x", "x600", "99x600", "800x10001", "800x600x2",
			      "-800x600", "8e2x600", "800.5x600", "800 x600", "",
			      "99999999999999999999999x600" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (figure_size_parse(bad[i], &w, &h, &m) != ST_USAGE)
			fail_msg("--size '%s' was accepted", bad[i]);
	assert_int_equal(figure_kind_parse("heatmap", &k, &m), ST_OK);
	assert_int_equal(k, FIGURE_HEATMAP);
	assert_int_equal(figure_kind_parse("frontier", &k, &m), ST_OK);
	assert_int_equal(k, FIGURE_FRONTIER);
	assert_int_equal(figure_kind_parse("both", &k, &m), ST_OK);
	assert_int_equal(k, FIGURE_BOTH);
	assert_int_equal(figure_kind_parse("Both", &k, &m), ST_USAGE);
	figure_default_size(FIGURE_FRONTIER, FIGURE_PNG, &w, &h);
	assert_true(w == 1080 && h == 810);
	figure_default_size(FIGURE_FRONTIER, FIGURE_SVG, &w, &h);
	assert_true(w == 360 && h == 270);
}

static void test_ticks(void **state)
{
	(void)state;
	struct figure_scale s = { .p0 = 0, .p1 = 100 };
	double t[16];
	char buf[32];
	figure_scale_fit(&s, 59.01, 100, false, 0);
	size_t n = figure_scale_ticks(&s, t, 16);
	assert_int_equal(n, 5);  /* 60, 70, 80, 90, 100 */
	assert_true(t[0] == 60 && t[4] == 100);
	figure_tick_label(t, n, 0, buf, sizeof buf);
	assert_string_equal(buf, "60");
	assert_true(fabs(figure_scale_map(&s, 59.01)) < 1e-9);
	assert_true(fabs(figure_scale_map(&s, 100) - 100) < 1e-9);

	figure_scale_fit(&s, 0.4, 480, true, 0);
	assert_true(s.log);
	n = figure_scale_ticks(&s, t, 16);
	assert_int_equal(n, 3);  /* 1, 10, 100: decades only over three decades */
	assert_true(t[0] == 1 && t[1] == 10 && t[2] == 100);
	assert_true(fabs(figure_scale_map(&s, sqrt(0.4 * 480)) - 50) < 1e-9);  /* geometric middle */

	double quarter[] = { 0, 0.25, 0.5 };
	figure_tick_label(quarter, 3, 1, buf, sizeof buf);
	assert_string_equal(buf, "0.25");
	figure_tick_label(quarter, 3, 2, buf, sizeof buf);
	assert_string_equal(buf, "0.50");
	assert_false(figure_wide_costs(10.2, 100));
	assert_true(figure_wide_costs(0.4, 480));
	assert_false(figure_wide_costs(0, 480));
}

/* ---- the model against the sweep CSV ---------------------------------- */

struct fixture {
	struct pool pool;
	struct solver *solver;
	struct sweep sw[2];
	struct policy pol;
	struct figure_model fm;
};

/* The figure of a pool: every model a heatmap row (all), or the used ones. */
static void build_rows(struct fixture *fx, const char *file, double lambda, double budget, bool all)
{
	struct solve_params sp = solve_params_default();
	memset(fx, 0, sizeof *fx);
	assert_int_equal(pool_load_file(&fx->pool, file, NULL), ST_OK);
	fx->solver = solver_new(&fx->pool, NULL);
	assert_non_null(fx->solver);
	for (int h = 0; h < 2; h++) {
		sp.lambda = h == 0 ? 0 : lambda;
		assert_int_equal(sweep_init(&fx->sw[h], &fx->pool, &sp, NAN, NAN, SWEEP_DEFAULT_STEPS,
					    NULL), ST_OK);
		assert_int_equal(sweep_run(&fx->sw[h], fx->solver, NULL), ST_OK);
	}
	assert_int_equal(policy_init(&fx->pol, fx->pool.n, NULL), ST_OK);
	sp.budget = budget;
	assert_int_equal(solver_run(fx->solver, &sp, &fx->pol, NULL), ST_OK);
	struct figure_source src = { &fx->pool, &fx->sw[0], &fx->sw[1], &fx->pol, budget,
				     FIGURE_AXIS_AUTO, false, all };
	assert_int_equal(figure_model_build(&fx->fm, &src, NULL), ST_OK);
}

static void build(struct fixture *fx, const char *file, double lambda, double budget)
{
	build_rows(fx, file, lambda, budget, true);
}

static void release(struct fixture *fx)
{
	figure_model_free(&fx->fm);
	policy_free(&fx->pol);
	sweep_free(&fx->sw[0]);
	sweep_free(&fx->sw[1]);
	solver_free(fx->solver);
	pool_free(&fx->pool);
}

/* The sweep CSV as the CLI writes it, read back: budget, model and share of every row. */
static void compare_with_sweep_csv(const struct figure_model *fm, int h, const struct sweep *sw)
{
	char *text = NULL, line[512];
	size_t size = 0, row = 0;
	FILE *mem = open_memstream(&text, &size);
	assert_non_null(mem);
	assert_int_equal(export_sweep_stream(mem, "memory", sw, NULL), ST_OK);
	fclose(mem);
	FILE *in = fmemopen(text, size, "r");
	assert_non_null(in);
	assert_non_null(fgets(line, sizeof line, in));  /* the header */
	while (fgets(line, sizeof line, in) != NULL) {
		char budget[64], model[128], share[64], want[EXPORT_NUMBER_SIZE];
		assert_int_equal(sscanf(line, "%63[^,],%127[^,],%*[^,],%63[^,],", budget, model, share), 3);
		size_t j = row / fm->n_models, i = row % fm->n_models;
		assert_true(j < fm->heat[h].n_levels);
		export_number(want, fm->heat[h].budget[j]);
		assert_string_equal(want, budget);
		assert_string_equal(fm->models[i].name, model);
		export_number(want, fm->heat[h].share[i * fm->heat[h].n_levels + j]);
		assert_string_equal(want, share);
		row++;
	}
	assert_int_equal(row, fm->heat[h].n_levels * fm->n_models);
	fclose(in);
	free(text);
}

static void test_model_equals_sweep_csv(void **state)
{
	(void)state;
	struct fixture fx;
	build(&fx, "data/imagenet_paper.csv", 100, 40);
	const struct figure_model *fm = &fx.fm;
	assert_int_equal(fm->n_models, 9);
	assert_true(fm->heat[0].lambda == 0 && fm->heat[1].lambda == 100 && fm->lambda == 100);
	assert_int_equal(fm->heat[0].n_levels, SWEEP_DEFAULT_STEPS);
	compare_with_sweep_csv(fm, 0, &fx.sw[0]);
	compare_with_sweep_csv(fm, 1, &fx.sw[1]);
	/* the ILP frontier is the current sweep's expected accuracy at each level */
	assert_int_equal(fm->n_ilp, SWEEP_DEFAULT_STEPS);
	for (size_t j = 0; j < fm->n_ilp; j++) {
		assert_true(fm->ilp[j].cost == fx.sw[1].levels[j].budget);
		assert_true(fm->ilp[j].accuracy == fx.sw[1].levels[j].policy.expected_accuracy);
	}
	/* the LP frontier: the five hull models of the paper's pool, by cost */
	const char *hull[] = { "shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "resnet34", "se_resnet50",
			       "se_resnet101" };
	assert_int_equal(fm->n_hull, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(fm->hull[i].name, hull[i]);
	assert_true(fm->has_policy);
	assert_true(fm->policy.accuracy == fx.pol.expected_accuracy);
	assert_true(fm->policy.cost == fx.pol.expected_cost && fm->policy.cost <= 40);
	assert_false(fm->log_cost);  /* 10.2 .. 100 is one decade */
	release(&fx);
}

/* ---- the heatmap as drawn --------------------------------------------- */

static void pixel(cairo_surface_t *img, double x, double y, int rgb[3])
{
	unsigned char *data = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	uint32_t px = *(uint32_t *)(data + (int)y * stride + (int)x * 4);  /* RGB24: xRGB, native */
	rgb[0] = (int)(px >> 16 & 0xff);
	rgb[1] = (int)(px >> 8 & 0xff);
	rgb[2] = (int)(px & 0xff);
}

static void test_heatmap_pixels_are_shares(void **state)
{
	(void)state;
	struct fixture fx;
	struct figure_geom g;
	size_t checked = 0;
	build(&fx, "data/uci_har.csv", 100, 80);
	/* cairo is loaded on first use (figure_cairo.h): this test draws on its own surface */
	assert_int_equal(figure_cairo_load(NULL), ST_OK);
	assert_true(figure_cairo_loaded());
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1620, 750);
	cairo_t *cr = cairo_create(img);
	figure_draw(cr, &fx.fm, FIGURE_HEATMAP, 1620, 750, &g);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_surface_flush(img);
	for (int h = 0; h < 2; h++) {
		assert_true(g.heat[h].w > 0 && g.heat[h].h > 0);
		for (size_t i = 0; i < fx.fm.n_models; i++)
			for (size_t j = 0; j < fx.fm.heat[h].n_levels; j++) {
				/* every model has a row, in the pool's order */
				struct figure_rect c = figure_heat_cell(&fx.fm, &g, h, i, j);
				assert_true(c.x >= g.heat[h].x - 1e-9 &&
					    c.x + c.w <= g.heat[h].x + g.heat[h].w + 1e-9);
				if (c.w < 4)
					continue;  /* too narrow for an unblended centre pixel */
				/* the share as the sweep CSV prints it, read back */
				char text[EXPORT_NUMBER_SIZE];
				export_number(text, sweep_share(&fx.sw[h], j, i));
				struct figure_rgb want = figure_viridis(strtod(text, NULL));
				int got[3];
				pixel(img, c.x + c.w / 2, c.y + c.h / 2, got);
				if (abs(got[0] - (int)lround(want.r * 255)) > 1 ||
				    abs(got[1] - (int)lround(want.g * 255)) > 1 ||
				    abs(got[2] - (int)lround(want.b * 255)) > 1)
					fail_msg("heatmap %d, %s at budget %g: pixel %d,%d,%d is not the "
						 "colour of share %s", h, fx.fm.models[i].name,
						 fx.fm.heat[h].budget[j], got[0], got[1], got[2], text);
				checked++;
			}
	}
	assert_true(checked == 2 * fx.fm.n_models * SWEEP_DEFAULT_STEPS);
	/* the frontier of the same plan: every model labelled, none dropped */
	figure_draw(cr, &fx.fm, FIGURE_FRONTIER, 1080, 810, &g);
	assert_int_equal(g.labels_placed, fx.fm.n_models);
	assert_int_equal(g.labels_skipped, 0);
	assert_true(g.frontier.w > 500 && g.frontier.h > 400);
	cairo_destroy(cr);
	cairo_surface_destroy(img);
	release(&fx);
}

/* ---- the files -------------------------------------------------------- */

static char *write_to_memory(const struct figure_job *job, size_t *size)
{
	char *text = NULL;
	FILE *mem = open_memstream(&text, size);
	assert_non_null(mem);
	assert_int_equal(figure_write_stream(mem, "memory", job, NULL), ST_OK);
	fclose(mem);
	return text;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool contains(const char *buf, size_t size, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= size; i++)
		if (memcmp(buf + i, needle, n) == 0)
			return true;
	return false;
}

static void test_formats(void **state)
{
	(void)state;
	struct fixture fx;
	size_t size;
	build(&fx, "data/uci_har.csv", 100, 80);
	struct figure_job job = { &fx.fm, FIGURE_BOTH, FIGURE_PNG, 640, 480 };
	unsigned char *png = (unsigned char *)write_to_memory(&job, &size);
	assert_true(size > 24 && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0);
	assert_memory_equal(png + 12, "IHDR", 4);
	assert_int_equal(be32(png + 16), 640);
	assert_int_equal(be32(png + 20), 480);
	free(png);

	job.format = FIGURE_SVG;
	job.width = job.height = 0;  /* the default, 540 x 600 points */
	char *svg = write_to_memory(&job, &size);
	assert_non_null(strstr(svg, "<svg"));
	assert_non_null(strstr(svg, "width=\"540\""));
	assert_non_null(strstr(svg, "</svg>"));
	free(svg);

	job.format = FIGURE_PDF;
	job.kind = FIGURE_HEATMAP;
	char *pdf = write_to_memory(&job, &size);
	assert_true(size > 8 && memcmp(pdf, "%PDF-", 5) == 0);
	assert_true(contains(pdf, size, "/Type /Page"));
	assert_true(contains(pdf, size, "%%EOF"));
	free(pdf);

	/* a full disk is an output error naming the file, never a crash */
	FILE *full = fopen("/dev/full", "w");
	if (full != NULL) {
		struct status_msg m;
		job.format = FIGURE_PNG;
		assert_int_equal(figure_write_stream(full, "/dev/full", &job, &m), ST_OUTPUT);
		assert_non_null(strstr(m.text, "/dev/full: cannot write"));
		fclose(full);
	}
	release(&fx);
}

static int release_fonts(void **state)
{
	(void)state;
	figure_release_caches();
	return 0;
}

/* By default a heatmap row for each model used at some level of either sweep, no other. */
static void test_heatmap_rows_used(void **state)
{
	(void)state;
	struct fixture fx;
	size_t r = 0;
	build_rows(&fx, "data/uci_har.csv", 100, 80, false);
	assert_true(fx.fm.n_rows > 0 && fx.fm.n_rows < fx.fm.n_models);
	for (size_t i = 0; i < fx.fm.n_models; i++) {
		bool used = false;
		for (int h = 0; h < 2; h++)
			for (size_t j = 0; j < fx.sw[h].done; j++)
				used = used || (policy_has_counts(&fx.sw[h].levels[j].policy) &&
						sweep_share(&fx.sw[h], j, i) > 0);
		if (used) {
			assert_true(r < fx.fm.n_rows);
			assert_int_equal(fx.fm.rows[r], i);
			r++;
		}
	}
	assert_int_equal(r, fx.fm.n_rows);
	release(&fx);
}

/* 120 rows: the default page grows to label each; a page kept small says what it left out. */
static void test_heatmap_labels_legible(void **state)
{
	(void)state;
	char path[] = "/tmp/optdeploy-test-figure-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	struct fixture fx;
	struct figure_geom g;
	double w, h;
	assert_non_null(fp);
	fprintf(fp, "model,cost,accuracy\n");
	for (int i = 0; i < 120; i++)
		fprintf(fp, "model_%03d,%d,%g\n", i, i + 1, 50 + 40 * sqrt(i / 120.0));
	fclose(fp);
	build_rows(&fx, path, 100, 60, true);
	unlink(path);
	figure_default_size(FIGURE_HEATMAP, FIGURE_PDF, &w, &h);
	double grown = figure_fit_height(&fx.fm, FIGURE_HEATMAP, w, h);
	assert_true(grown > h);
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)grown);
	cairo_t *cr = cairo_create(img);
	figure_draw(cr, &fx.fm, FIGURE_HEATMAP, w, grown, &g);
	assert_int_equal(g.heat_labels_skipped, 0);
	figure_draw(cr, &fx.fm, FIGURE_HEATMAP, w, h, &g);
	assert_true(g.heat_labels_skipped > 0 && g.heat_labels_skipped < fx.fm.n_rows);
	cairo_destroy(cr);
	cairo_surface_destroy(img);
	release(&fx);
}

static void test_tick_labels(void **state)
{
	(void)state;
	char buf[32];
	const double lg[] = { 0.1, 1, 10, 100, 1000 }, lin[] = { 0.5, 1, 1.5, 2 };
	const char *want_lg[] = { "0.1", "1", "10", "100", "1000" };
	const char *want_lin[] = { "0.5", "1.0", "1.5", "2.0" };
	for (size_t i = 0; i < 5; i++) {
		figure_tick_label(lg, 5, i, buf, sizeof buf);
		assert_string_equal(buf, want_lg[i]);
	}
	for (size_t i = 0; i < 4; i++) {
		figure_tick_label(lin, 4, i, buf, sizeof buf);
		assert_string_equal(buf, want_lin[i]);
	}
	/* a log axis under a decade (uci_har's 59-100): 2-5 ticks between the ends */
	struct figure_scale s;
	double t[16];
	figure_scale_fit(&s, 59.01, 100, true, 0.04);
	size_t n = figure_scale_ticks(&s, t, 16);
	assert_true(n >= 4 && n <= 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_viridis_endpoints),
		cmocka_unit_test(test_viridis_luminance_monotone),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_size_and_kind),
		cmocka_unit_test(test_ticks),
		cmocka_unit_test(test_model_equals_sweep_csv),
		cmocka_unit_test(test_heatmap_pixels_are_shares),
		cmocka_unit_test(test_heatmap_rows_used),
		cmocka_unit_test(test_heatmap_labels_legible),
		cmocka_unit_test(test_tick_labels),
		cmocka_unit_test(test_formats),
	};
	return cmocka_run_group_tests(tests, NULL, release_fonts);
}
