"""The accuracy scan: every function and derivative, with every parameter set, against mpmath.

For each public function and each parameter set of the catalogue (the defaults and its
``parameter_sets``) the scan draws seeded random inputs, uniform on [-40, 40] and with
log-uniform magnitudes over the whole float64 range, and adds windows around every edge where
a kernel changes method: the catalogue's kinks, the ends of the Taylor windows
(``activations._taylor``) and of GELU's erfcx intervals (``activations._normal``), the switch
points the family modules define, and the thresholds where exp overflows, underflows or turns
subnormal, each also scaled by the parameters (x/α, βx). Vector-valued functions are scanned on
random rows of mixed scales (one per four points) and on rows where other scans found larger errors. Each value is
compared with the catalogue's mpmath reference, and the scan then searches densely around
the worst points it found; the error is in ULP of float64, and float32
and float16 inputs are checked against the 0.5 ULP goal on a subset.

The float64 figure each docstring prints, once ("within 3.9 ULP", or "exact (0 ULP)"), is the largest error the scan
measured, rounded up to a tenth. The scan writes what it measured to
``benchmarks/accuracy_scan.json``; the tests check every printed figure against that record,
re-measure the recorded worst points and a seeded sample, and fail where a figure is below a
measurement. Run from the repository root (about 5 CPU minutes, two processes)::

    python benchmarks/accuracy_scan.py                  # the full scan, >= 10**6 points
    python benchmarks/accuracy_scan.py --write          # ... and update the record
    python benchmarks/accuracy_scan.py --functions gelu --write   # one activation's rows
    python benchmarks/accuracy_scan.py --points 300 --functions gelu  # a quick look
"""

import argparse
import json
import math
import multiprocessing
import pathlib
import sys
import warnings

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import activations  # noqa: E402
import activations._reference as R  # noqa: E402
from activations import _normal, _taylor  # noqa: E402
from activations.catalogue import CATALOGUE, by_name  # noqa: E402

RECORD = ROOT / "benchmarks" / "accuracy_scan.json"
#: Points where other scans found larger errors than this one's seeded points (issue 9; sigmoid
#: in issue 13, where exp's own error reaches 1.06 ULP; silu' at -4.7948, 3.34 ULP, in issue 13;
#: logsigmoid at 4.1577, 1.63 ULP, in the full scan's order),
#: kept as inputs.
REPORTED = {"gelu": (-1.2584163105496988, -1.253, -1.2806496643998657, -1.2524614221337615,
                     -5.999999999995306, -1.2524614220710748, -6.7899526754115795,
                     -12.33327837049239, -6.789952686704445, -3.7301670732503345),
            "silu": (-3.747406814723133, -4.794848541360424), "mish": (-0.619909911178846,),
            "celu": (-1e-320, -7.4e-323), "elu": (-744.0,), "sigmoid": (-5.543440148756271,),
            "softplus": (-709781.1586546364, -708392.5852624438, -0.1999999999999302,
                         -0.19999999999716464, -0.19559228234727946),
            "logsigmoid": (2.7087709880981747, 4.153826563949494, 3.4642582873333474,
                           4.153825930154087, 4.148372527283668, 4.153826563949537,
                           3.4642582873337946, 4.157667811207405),
            "softsign": (-0.4271832881205958, -5.6081472813136396e-11, -1.6682042441812376e-08,
                         0.4480889464735423, 0.44675364968209724)}
#: Rows where other scans (other seeds, or other task orders) found larger errors than this
#: one's random rows: the largest error of a row comes from rounding in its sums and has a
#: long tail, so each seed finds a different maximum (seeds 77, 5, 2026, 11, 123, 31 and
#: 4242, and the 1,000-row scan before). Kept as inputs to f and its Jacobian; a gated function's rows have even length.
REPORTED_ROWS = {
    "softmax": (
        (-6.46392127121919, 2.284276684908987, -8.639482892018913, 2.206385554959395,
         -3.0377724397558366, -9.939511455446274, 1.497352571757776, 0.6315871510081063),
        (1.603694078037594, 2.9296908124844157, -2.7537257777192754, -2.5977760326825456,
         -9.774335917896876, 6.864774116530548, -9.418852164551385, 6.6884287628890595),
        (7.8701799752992265, 1.3981777022983821, -8.95790268583678, -4.442473668884691,
         -8.830496642847939, -8.701340675335421, 4.421895545644753, -4.657286786058909),
        (-8.878689482591604, -9.649736588139763, -1.4210422414219948, 4.682063767626852,
         -2.2534484095706087, 2.9945583555430666),
        (-9.544227668281708, -7.272944189711892, 5.361377942347529, -2.5447155686342167,
         -1.9528968524195294, -6.057824013327201, 7.202169614593604),
        (2.0693197019841847, -7.582628690066629, -3.4378923239199435, 7.928214678644327,
         4.556321479936053, -6.325681712998998, 9.58639584393715),
        (1.6036940773386628, 2.9296908021371335, -2.7537257777193114, -2.5977687375640532,
         -9.774406649737488, 6.864774114954924, -9.418852237597811, 6.688428763035951),
    ),
    "log_softmax": (
        (52.72616291230711, -58.82364832759538, 50.16724000446332, -9.226445863059714,
         -88.79705369315587, -10.806336179990918, -16.518927784837157, -75.19711014059469),
        (-9.682719241426778, 7.5059330657005825, 2.1572762988691827, -3.349022471953477,
         2.888484479399841),
        (0.216179178574522, -5.356388853817656, 6.291823968334874, -1.0803683681074483),
        (-9.68857648775358, 7.496713196228634, 2.157276638131426, -3.3490224719533868,
         2.8884844793999034),
        (-3.4959460479374176, -6.618632857731408, 6.791312841031512),
        (0.29385860477246506, 3.0645760438110576, 6.05301375146556, -2.5514090787365493,
         7.7706212985534275),
        (0.21622932890369428, -5.356388853816809, 6.291833811467347, -1.0803682827017824),
        (97.5522894401815, 23.880687134577144, 49.27636033510713, -52.15460604684507,
         51.26785257883782, 46.37861809630935, -5.029275960226819, 95.19669690848117),
        (-3.9689069545413114, 6.62433324731775, -7.855017454397904, 9.420126239518687,
         5.872912563856375, 2.7864728739431475, -0.9243428866038829),
        (-4.8621411909198065, -9.947626399690161, 4.449762150088677, 0.3635308512072629),
        (7.6399769413371965, -0.36782480705479914, -8.186075265172237, 5.702032748720457,
         -2.50966527398327, 1.5414154189468847, -4.019583742370485),
    ),
    "softmin": (
        (0.10829592869200613, 5.346628974767235, -3.8406183752614798, -3.127435707981685,
         -8.896041900840526),
        (97.55230451260208, 23.87999998924568, 49.27598826296679, -52.154585217749634,
         51.26109468999322, 46.342831366329875, -5.027371299706422, 95.19648808581934),
        (5.465242612856575, -0.13026075906877382, -8.076786601318043, -7.623605195336255,
         4.928928555604682, 7.082921728190911, 2.9715586500266613, 7.041465890384582),
        (6.463918830410417, -2.2842154781886377, 8.63948257421843, -2.206366845261163,
         3.037772498911288, 9.900164427901553, -1.497352837154182, -0.6315852994477933),
        (1.3716615891283255, 5.095726160129627, 8.706900513264058, -4.882441619386764,
         6.097018784063461, 8.34202387899595, -2.7878673621919705, 4.945199026884408),
        (5.908847714571147, 6.3387594874472635, -7.861198747609634, -5.644082038331289,
         0.17780030868788602, -3.4609543694964064, -9.46031842396072, 7.782701871981706),
    ),
    "glu": (
        (-48.460104570617, -84.57819479132986, -29.833961629049007, 58.551651313829524,
         46.29930399452336, -33.89946558285725),
        (-4.365797949742559, 7.618145916329626, -3.846798254326735, -6.192288818401098),
        (82.56853930230224, 73.07871333216376, -84.19313383190016, 29.684734713646822,
         -45.37815456929625, -95.1051150478066, -22.76737132288916, -29.043796712411734),
        (-8.507594200016468, 7.041304325023717, -7.93158059326272, 4.514727827287574,
         -7.469544337480452, -7.497780368738029, 6.232452532007264, -9.55323049757317),
        (3.531258402490403, -6.908641280587184, -6.827058114026392, -2.4745793914163032,
         -9.583831357541852, 9.2370642218414),
        (-4.368327824021132, 7.618145775914836, -3.8467982600258153, -6.191539357058466),
        (3.5316788864076494, -6.908642580889344, -6.827057781224889, -2.4745793914136063,
         -9.559120893043849, 9.241347081758304),
        (-4.3657979497394335, 7.618145916330018, -3.8467982589383993, -6.19228881840138),
        (6.909101199410721, -2.6056737803947265),
        (-48.46010584540748, -84.578193946392, -29.967815462409266, 58.551651311954025,
         46.299357281722344, -33.89938500184273),
        (-6.950985709641504, -4.927081736527809, 6.152361532789497, -7.597045345240033),
        (-4.368328480993837, 7.618145775667333, -3.8467888668347023, -6.191499979097843),
    ),
    "geglu": (
        (8.79850174202535, 8.830063989019465, -3.3809247743299715, 0.14052174415741792,
         7.675695510203566, -4.014586510921252),
        (-418.92272323844907, -669.7233035790614, 390.63215487062786, 123.19035856039373,
         -534.0925102055187, 175.90321377539016, -707.776355194746, -21.12413298872365),
        (4.343626319439941, 8.04134983309598, 0.9350497694443006, -8.261363572915409,
         -6.9653196543801785, 3.260183222138765),
        (3.6364232766804716, -1.345899754108529),
        (-70.35670854381961, 39.25061696001842, 2.289997824726231, -12.624041173717833,
         -57.65602628883355, 73.37060206196),
        (-7.303962024972771, 6.938632219058066, -8.093768236997892, 9.819221611599804,
         9.62128400984722, -6.545256607294923),
        (8.791373304369548, 8.83006398893975, -3.381693119097272, 0.14052184200732054,
         7.675695510661706, -4.014586511139326),
        (-71.03383239309467, 39.246631052192654, 2.291880518813169, -12.624034714929309,
         -57.656043499090174, 73.391487420204),
    ),
    "swiglu": (
        (-44.39840010490858, -54.281818205368594, 10.423772408081106, -17.284234241257618),
        (-9.384419414267684, 3.649285557688521, -8.54323340417131, -8.15014317652404,
         -9.100167244108771, 4.352506502193334),
        (9.716290205377415, 4.914094801871501, 8.038257791798037, -4.949235374903011,
         -8.025161330901875, -5.359397538585542, -4.336886096819659, -6.5942633720924135),
        (-9.368066061194261, 3.6538175555586174, -8.54537113228855, -8.144636415798848,
         -9.10016724410854, 4.352506502144716),
        (-44.39730222257863, -54.281817931530846, 10.423557340766507, -17.284234241246043),
    )}
# softmin(x) is softmax(-x), the negation exact: each one's rows, negated, are the other's.
REPORTED_ROWS["softmax"], REPORTED_ROWS["softmin"] = (
    REPORTED_ROWS[mine] + tuple(tuple(-v for v in row) for row in REPORTED_ROWS[other])
    for mine, other in (("softmax", "softmin"), ("softmin", "softmax")))
#: Random rows per function and parameter set: 1 per 20 points left errors that another seed
#: exceeded (rounding errors of a row's sums have a long tail), hence 1 per 4.
ROWS_PER_POINT = 4
#: Functions whose rows' errors are each other's at the negated row.
MIRRORED = [(a, b) for pair in (("softmax", "softmin"), ("softmax_jacobian", "softmin_jacobian"))
            for a, b in (pair, pair[::-1])]
#: How many of the worst points of a first pass the scan then searches around.
REFINE = 10
#: Where exp(x) overflows, turns subnormal and underflows to 0.
EXP_EDGES = (709.782712893384, -708.3964185322641, -744.4400719213812)


def rounded_up(ulps):
    """A measured error as a docstring prints it: up to the next tenth (0 stays 0)."""
    return math.ceil(round(ulps * 10, 6)) / 10


def parameter_sets(entry):
    """The catalogue's parameter sets: the defaults first, then ``parameter_sets``."""
    return [dict(entry.example_parameters)] + [
        {**entry.example_parameters, **values} for values in entry.parameter_sets]


def _floats(params):
    return [abs(float(np.ravel(v)[0])) for v in params.values()
            if isinstance(v, (int, float, tuple, list)) and not isinstance(v, bool)]


def edges(entry, params):
    """The points where a kernel of ``entry`` may change method, with these parameters."""
    module = sys.modules[entry.function.__module__]
    constants = [v for k, v in vars(module).items()
                 if k.startswith("_") and k.isupper() and isinstance(v, float)]
    base = set(entry.kinks) | set(constants) | {1.0, 3.0, 6.0}
    for t in EXP_EDGES:
        base |= {t, t / 2, math.sqrt(abs(t)), math.sqrt(2 * abs(t))}
    if "gelu" in entry.name:
        base |= set(_normal.SWITCH_POINTS)
    for key, (hi, _, _) in _taylor.TABLES.items():
        if key.split("_")[0] in entry.name:
            base |= {hi - _taylor.RADIUS, hi + _taylor.RADIUS}
    scales = {1.0} | {p for p in _floats(params) if 0 < p < np.inf} \
        | {1 / p for p in _floats(params) if 0 < p < np.inf}
    base |= set(_floats(params))
    return sorted({s * e * sign for e in base for s in scales for sign in (1, -1)
                   if np.isfinite(s * e)})


def elementwise_points(entry, params, count, rng):
    """Seeded inputs for an elementwise function: random, then windows at every edge."""
    quarter = count // 4
    wide = rng.uniform(-40, 40, quarter)
    near = rng.uniform(-8, 8, quarter)  # where most kernels change method
    magnitudes = 10.0 ** rng.uniform(-320, 308, count - 3 * quarter)
    tiny = rng.uniform(-1, 1, quarter) * 10.0 ** rng.uniform(-8, 0, quarter)
    signs = rng.choice([-1.0, 1.0], magnitudes.size)
    windows = [REPORTED.get(entry.name, ())]
    per_edge = max(8, count // 200)
    for e in edges(entry, params):
        offsets = 10.0 ** rng.uniform(-16, -0.3, per_edge) * rng.choice([-1, 1], per_edge)
        windows.append(e + offsets * max(1.0, abs(e)))
        windows.append(np.nextafter(e, e + np.arange(-3, 4)))
    special = [0.0, -0.0, np.inf, -np.inf, 5e-324, -5e-324, 1.7976931348623157e308,
               -1.7976931348623157e308]
    return np.concatenate([wide, near, magnitudes * signs, tiny, special, *windows])


def vector_rows(entry, count, rng):
    """Seeded rows for a vector-valued function (even lengths for the gated ones)."""
    gated = entry.name in R.GATES
    rows = [np.array(row) for row in REPORTED_ROWS.get(entry.name, ())]
    for k in range(count):
        n = int(rng.integers(1, 5)) * 2 if gated else int(rng.integers(2, 9))
        scale = 10.0 ** rng.choice([0, 1, 2, 2.85])
        rows.append(rng.uniform(-1, 1, n) * scale)
        if gated and k % 4 == 0:  # the gate's deep tail, where sigma(b) is subnormal
            half = n // 2
            rows.append(np.concatenate([10.0 ** rng.uniform(0, 308, half) * rng.choice(
                [-1, 1], half), rng.uniform(-745, -700, half)]))
    return rows


def row_error(entry, which, params, row):
    """The largest float64 error, in ULP, of f (``which=0``) or its Jacobian on ``row``; for a
    gated activation, over the outputs whose gate value (or slope) is a normal number or 0:
    the docstrings state their figure there."""
    func = entry.function if which == 0 else entry.derivative
    errors = R.ulp_errors(func(row, **params), R.reference(entry.name, which, **params)(row),
                          np.float64)
    if entry.name not in R.GATES or entry.name == "glu":  # glu keeps its digits there
        return float(errors.max())
    gate, n = R.GATES[entry.name], len(row) // 2
    tiny = np.finfo(np.float64).smallest_normal
    # Judged on the exact value: one that underflows to 0 in float64 counts too.
    below = [np.array([0 < abs(R.reference(gate, k, **params)(v)) < tiny for v in row[n:]])
             for k in (0, 1)]
    if which == 0:
        return float(np.where(below[0], 0.0, errors).max())
    errors = errors.reshape(n, 2 * n)
    return float(max(np.where(below[0][:, None], 0.0, errors[:, :n]).max(),
                     np.where(below[1][:, None], 0.0, errors[:, n:]).max()))


def measure(task):
    """(function name, parameters, float64 ULP errors, inputs, narrow-dtype max, points)."""
    name, which, params, seed, count = task
    entry = by_name(name)
    func = entry.function if which == 0 else entry.derivative
    reference = R.reference(name, which, **params)
    rng = np.random.default_rng(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning is a defect: let it fail the scan
        if entry.elementwise:
            x = elementwise_points(entry, params, count, rng)
            exact = [reference(v) for v in x]
            errors = R.ulp_errors(func(x, **params), exact, np.float64)
            # Then search around the worst points: errors peak in narrow bands.
            for centre in x[np.argsort(errors)[-REFINE:]]:
                near = centre + centre * 10.0 ** rng.uniform(-14, -1.5, count // 50) \
                    * rng.choice([-1, 1], count // 50)
                exact_near = [reference(v) for v in near]
                x = np.concatenate([x, near])
                errors = np.concatenate([errors, R.ulp_errors(func(near, **params),
                                                              exact_near, np.float64)])
            narrow = 0.0
            for dtype in (np.float32, np.float16):
                with np.errstate(over="ignore"):
                    small = np.unique(x[: count // 4].astype(dtype))
                exact_small = [reference(float(v)) for v in small]
                narrow = max(narrow, R.ulp_errors(func(small, **params), exact_small,
                                                  dtype).max())
            return func.__name__, params, errors, x, narrow, x.size
        rows = vector_rows(entry, max(count // ROWS_PER_POINT, 20), rng)
        found = [(row_error(entry, which, params, row), row) for row in rows]
        # Then search around the worst rows, as for the elementwise functions.
        for _, centre in sorted(found, key=lambda pair: pair[0])[-REFINE:]:
            for _ in range(count // 200):
                row = centre * (1 + 10.0 ** rng.uniform(-14, -2, centre.size)
                                * rng.choice([-1, 1], centre.size))
                found.append((row_error(entry, which, params, row), row))
        narrow = 0.0
        for _, row in found[:len(rows)]:
            with np.errstate(over="ignore"):
                row32 = row.astype(np.float32)
            if which == 0 and np.all(np.isfinite(row32)):
                narrow = max(narrow, R.ulp_errors(func(row32, **params), reference(row32),
                                                  np.float32).max())
        worst, where = max(found, key=lambda pair: pair[0])
        points = sum(row.size ** 2 if which else row.size for _, row in found)
        return func.__name__, params, np.array([worst]), [where.tolist()], narrow, points


def tasks(names, count, seed):
    out = []
    for entry in CATALOGUE:
        if names and entry.name not in names:
            continue
        for which in (0, 1):
            for k, params in enumerate(parameter_sets(entry)):
                out.append((entry.name, which, params, seed + 7919 * len(out) + k, count))
    return out


def scan(names=(), count=20000, seed=2026, processes=2):
    """{function name: {"max_ulp", "x", "parameters", "points", "narrow_max_ulp"}}."""
    if processes == 1:
        results = list(map(measure, tasks(names, count, seed)))
    else:
        with multiprocessing.Pool(processes) as pool:
            results = pool.map(measure, tasks(names, count, seed), chunksize=1)
    record = {}
    for name, params, errors, x, narrow, points in results:
        worst = int(np.argmax(errors))
        row = record.setdefault(name, {"max_ulp": -1.0, "points": 0, "narrow_max_ulp": 0.0})
        row["points"] += points
        row["narrow_max_ulp"] = max(row["narrow_max_ulp"], float(narrow))
        if errors[worst] > row["max_ulp"]:
            where = x[worst]
            row.update(max_ulp=float(errors[worst]), parameters=_jsonable(params),
                       x=float(where) if isinstance(where, (float, np.floating)) else where)
    # softmin(x) is computed as softmax(-x) (negation is exact): a row's error is the same for
    # both, so each takes the larger maximum, at the row its own function sees.
    for mine, other in MIRRORED:
        if mine in record and other in record \
                and record[other]["max_ulp"] > record[mine]["max_ulp"]:
            record[mine].update(max_ulp=record[other]["max_ulp"],
                                x=[-v for v in record[other]["x"]])
    return record


def _jsonable(params):
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}


def report(record):
    """Print the scan and return the functions whose printed figure is not the measured one."""
    wrong = []
    print(f"{'function':<24}{'points':>9}{'max ULP':>10}{'printed':>9}  {'float32/16':>10}"
          "  worst input")
    for name, row in sorted(record.items()):
        try:
            printed = R.accuracy_claim(getattr(activations, name))
        except ValueError:
            printed = math.nan
        status = "" if printed == rounded_up(row["max_ulp"]) else "  <- printed figure differs"
        if status:
            wrong.append(name)
        where = row["x"] if not isinstance(row["x"], list) else f"row of {len(row['x'])}"
        params = ", ".join(f"{k}={v}" for k, v in row["parameters"].items())
        print(f"{name:<24}{row['points']:>9}{row['max_ulp']:>10.3f}{printed:>9}  "
              f"{row['narrow_max_ulp']:>10.3f}  {where!r:<24} {params}{status}")
    total = sum(row["points"] for row in record.values())
    print(f"\n{total} points; max ULP: float64, against mpmath; printed: the docstring's "
          "figure, which should be max ULP rounded up to a tenth; float32/16: the largest "
          "error of float32 and float16 inputs (goal 0.5).")
    return wrong


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=20000,
                        help="random points per function and parameter set (default 20000)")
    parser.add_argument("--functions", nargs="*", default=[], help="activation names")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--write", action="store_true", help=f"update {RECORD.name}")
    args = parser.parse_args(argv)
    record = scan(set(args.functions), args.points, args.seed)
    wrong = report(record)
    if args.write:  # the functions scanned replace their rows; the others keep theirs
        kept = json.loads(RECORD.read_text()) if RECORD.exists() else {}
        RECORD.write_text(json.dumps({**kept, **record}, indent=1, sort_keys=True) + "\n")
    return record, wrong


if __name__ == "__main__":
    sys.exit(1 if main()[1] else 0)
