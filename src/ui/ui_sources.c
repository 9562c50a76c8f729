/* ui_sources.c - the command line's tables and the bundled pools, as a list to cycle through. */
#include "optdeploy/ui/ui_sources.h"

#include <stdio.h>
#include <string.h>

#include "optdeploy/core/export_file.h"

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}

/* The bundled pool whose file is `path`, or NULL. */
static const struct pool_bundled *bundled_at_path(const char *path)
{
	char buf[4096];

	for (size_t i = 0; i < pool_bundled_count(); i++) {
		const struct pool_bundled *b = pool_bundled_at(i);
		if (strcmp(pool_bundled_path(b, buf, sizeof buf), path) == 0)
			return b;
	}
	return NULL;
}

void ui_sources_init(struct ui_sources *s, const char *const *paths, size_t n_paths,
		     const struct pool_spec *spec)
{
	const struct pool_bundled *given = n_paths == 1 ? bundled_at_path(paths[0]) : NULL;

	memset(s, 0, sizeof *s);
	s->paths = paths;
	s->n_paths = n_paths;
	s->spec = spec;
	/* the command line's own: a bundled pool by its name, tables by their file names */
	if (given != NULL)
		snprintf(s->list[0].label, UI_SOURCE_LABEL, "%s", given->name);
	else if (n_paths > 1)
		snprintf(s->list[0].label, UI_SOURCE_LABEL, "%s + %zu", base_name(paths[0]),
			 n_paths - 1);
	else
		snprintf(s->list[0].label, UI_SOURCE_LABEL, "%s", n_paths ? base_name(paths[0]) : "");
	s->n = 1;
	for (size_t i = 0; i < pool_bundled_count() && s->n < UI_SOURCES_MAX; i++) {
		const struct pool_bundled *b = pool_bundled_at(i);
		char buf[4096];
		bool among = false;
		pool_bundled_path(b, buf, sizeof buf);
		for (size_t j = 0; j < n_paths; j++)
			among = among || strcmp(paths[j], buf) == 0;
		if (among)
			continue;
		s->list[s->n].bundled = b;
		snprintf(s->list[s->n].label, UI_SOURCE_LABEL, "%s", b->name);
		s->n++;
	}
}

enum status ui_sources_load(const struct ui_sources *s, size_t i, struct pool *out,
			    struct pool_warnings *w, struct status_msg *m)
{
	const struct pool_bundled *b = s->list[i].bundled;
	struct pool_spec spec;
	char buf[4096];
	const char *path;
	enum status st;

	if (b == NULL)
		return pool_load_tables(s->paths, s->n_paths, s->spec, out, w, m);
	pool_spec_init(&spec);
	if ((st = pool_bundled_spec(b, &spec, m)) != ST_OK)
		return st;
	path = pool_bundled_path(b, buf, sizeof buf);
	return pool_load_tables(&path, 1, &spec, out, w, m);
}

bool ui_sources_is_input(const struct ui_sources *s, const char *path, char *which, size_t size)
{
	char buf[4096];

	for (size_t i = 0; i < s->n_paths; i++)
		if (export_file_same(path, strcmp(s->paths[i], "-") == 0 ? "/dev/stdin" : s->paths[i])) {
			snprintf(which, size, "%s", s->paths[i]);
			return true;
		}
	for (size_t i = 0; i < s->n; i++)
		if (s->list[i].bundled != NULL &&
		    export_file_same(path, pool_bundled_path(s->list[i].bundled, buf, sizeof buf))) {
			snprintf(which, size, "%s", buf);
			return true;
		}
	return false;
}
