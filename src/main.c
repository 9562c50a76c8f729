/* main.c - the entry point: the command line front end decides everything. */
#include "optdeploy/cli/cli.h"

int main(int argc, char *argv[])
{
	return cli_main(argc, argv);
}
