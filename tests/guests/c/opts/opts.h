/* Found only through `wasmos build -I tests/guests/c/opts`. */
#define OPTS_BASE 40
