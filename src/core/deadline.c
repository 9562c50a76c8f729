/* deadline.c - the monotonic clock behind every solve's time limit. */
#include "optdeploy/core/deadline.h"

#include <time.h>

double deadline_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int deadline_remaining_ms(double deadline)
{
	double left = deadline - deadline_now();
	if (left <= 0)
		return 1;
	return left > 1e6 ? 1000000000 : (int)(left * 1000.0) + 1;
}
