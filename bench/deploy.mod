/* deploy.mod - optdeploy's deployment problem in MathProg, for glpsol.
 *
 * The naive big-M form, as a user scripting GLPK would write it:
 *
 *   maximize   sum p_i x_i + lambda * sum u_i y_i
 *   subject to sum c_i x_i <= budget * K,  sum x_i = K,  x_i <= K (1 - y_i),
 *              x_i integer >= 0,  y_i binary        (y_i = 1: model i unused)
 *
 * The data file (written per instance by bench/glpsol_bench.py) gives the set
 * M of models with c, p, u, and the scalars K, lambda, budget.  After the
 * solve the model prints one "X name value" line per model and the claimed
 * objective, so the harness can recompute the objective honestly from x.
 */
set M;
param c{M} >= 0;
param p{M};
param u{M} >= 0, default 1;
param K > 0, integer;
param lambda >= 0;
param budget;

var x{M} integer, >= 0;
var y{M} binary;

maximize objective: sum{i in M} p[i] * x[i] + lambda * sum{i in M} u[i] * y[i];

s.t. spend: sum{i in M} c[i] * x[i] <= budget * K;
s.t. serve: sum{i in M} x[i] = K;
s.t. link{i in M}: x[i] <= K * (1 - y[i]);

solve;

printf "OBJ %.17g\n", sum{i in M} p[i] * x[i] + lambda * sum{i in M} u[i] * y[i];
printf{i in M} "X %s %.17g %.17g\n", i, x[i], y[i];
end;
