/*
 * figure_cairo.c - cairo's functions looked up on first use (see
 * figure_cairo.h): only the commands that draw load cairo and its
 * dependencies.
 */
#define FIGURE_CAIRO_TABLE_ITSELF
#include "optdeploy/figure/figure_cairo.h"

#include <dlfcn.h>
#include <string.h>

#define CAIRO_LIBRARY "libcairo.so.2"
#define FONTCONFIG_LIBRARY "libfontconfig.so.1"  /* loaded by cairo */

struct figure_cairo_api figure_cairo;

static bool loaded;

bool figure_cairo_loaded(void)
{
	return loaded;
}

enum status figure_cairo_load(struct status_msg *m)
{
	if (loaded)
		return ST_OK;
	/* never closed: the table points into it for the rest of the process */
	void *lib = dlopen(CAIRO_LIBRARY, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL)
		return status_fail(m, ST_INTERNAL, "cannot load %s to draw the figure: %s",
				   CAIRO_LIBRARY, dlerror());
	struct figure_cairo_api api;
	void *sym;
	/* POSIX lets a data pointer from dlsym become a function pointer */
#define FIGURE_CAIRO_LOOKUP(f)                                                           \
	if ((sym = dlsym(lib, #f)) == NULL)                                              \
		return status_fail(m, ST_INTERNAL, "%s has no function %s", CAIRO_LIBRARY, \
				   #f);                                                    \
	memcpy(&api.f, &sym, sizeof api.f);
	FIGURE_CAIRO_FUNCTIONS(FIGURE_CAIRO_LOOKUP)
#undef FIGURE_CAIRO_LOOKUP
	figure_cairo = api;
	loaded = true;
	return ST_OK;
}

void figure_cairo_release(void)
{
	if (!loaded)
		return;
	figure_cairo.cairo_debug_reset_static_data();
	/* fontconfig's caches too, if cairo brought it in (RTLD_NOLOAD: never load it here) */
	void *fc = dlopen(FONTCONFIG_LIBRARY, RTLD_NOW | RTLD_NOLOAD);
	if (fc == NULL)
		return;
	void *sym = dlsym(fc, "FcFini");
	void (*fini)(void);
	if (sym != NULL) {
		memcpy(&fini, &sym, sizeof fini);
		fini();
	}
	dlclose(fc);
}
