/* fuzz_pool.c - libFuzzer target: the CSV loader must never crash, leak or misreport. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "optdeploy/core/pool.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool p;
	struct status_msg m;
	enum status st = pool_load_buffer(&p, "fuzz.csv", (const char *)data, size, &m);

	/* The contract, checked on every input: a status of OK or DATA, a
	 * message exactly when failing, a pool exactly when succeeding. */
	if (st != ST_OK && st != ST_DATA)
		abort();
	if (st == ST_OK) {
		if (p.n == 0 || p.models == NULL || m.text[0] != '\0')
			abort();
		for (size_t i = 0; i < p.n; i++)
			if (p.models[i].name[0] == '\0' || !(p.models[i].cost >= 0) ||
			    !(p.models[i].load_cost >= 0) ||
			    p.models[i].accuracy != p.models[i].accuracy)
				abort();
		pool_free(&p);
	} else if (p.models != NULL || p.n != 0 || strncmp(m.text, "fuzz.csv", 8) != 0) {
		abort();
	}
	return 0;
}
