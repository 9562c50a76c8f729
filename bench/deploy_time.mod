/* deploy_time.mod - bench/deploy.mod with the time row of issue 16, for glpsol.
 *
 * The same naive big-M model plus the duty-cycle row a user would add:
 *
 *   sum t_i x_i <= busy     (busy = duty x K / rate seconds, t_i in seconds)
 *
 * The data file (written per instance by bench/time_row_targets.py) gives M,
 * c, p, u, t and the scalars K, lambda, budget, busy.  The output is
 * deploy.mod's: one "X name value" line per model and the claimed objective.
 */
set M;
param c{M} >= 0;
param p{M};
param u{M} >= 0, default 1;
param t{M} >= 0;
param K > 0, integer;
param lambda >= 0;
param budget;
param busy >= 0;

var x{M} integer, >= 0;
var y{M} binary;

maximize objective: sum{i in M} p[i] * x[i] + lambda * sum{i in M} u[i] * y[i];

s.t. spend: sum{i in M} c[i] * x[i] <= budget * K;
s.t. serve: sum{i in M} x[i] = K;
s.t. time: sum{i in M} t[i] * x[i] <= busy;
s.t. link{i in M}: x[i] <= K * (1 - y[i]);

solve;

printf "OBJ %.17g\n", sum{i in M} p[i] * x[i] + lambda * sum{i in M} u[i] * y[i];
printf{i in M} "X %s %.17g %.17g\n", i, x[i], y[i];
end;
