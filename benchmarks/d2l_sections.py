"""Code of our own that exercises the current book's optimization chapter
(d2l-en 1.0.3 and d2l-zh 2.0.0, MXNet tab, NumPy mode) section by section.

It is not the book's code. For each section it makes the calls that the
section makes, in the section's order: the same `d2l.X` helpers with the same
argument forms (positional or keyword, the same literal values) and the same
array kinds (mx.np arrays, Python floats, lists of them), and it prints the
lines the section prints in the section's formats, so that the tests can
compare numbers with the book's. Names, structure and comments are ours; the
book's prose stays in the book.

`EDITIONS` maps each edition to its eleven sections; `SECTIONS` holds the
ten that run offline, which the benchmark times. A section is a list of code
cells whose first cell imports d2l through IMPORT_PLACEHOLDER, so that the
same code runs on the official package (`from d2l import mxnet as d2l`) and
on ours (`from gluon_opt import d2l`). The benchmark runs the sections as
notebooks (`notebook`, `floor_notebook`), the tests as one script (`script`).
"""
import nbformat

IMPORT_PLACEHOLDER = "{import_d2l}"
OFFICIAL_IMPORT = "from d2l import mxnet as d2l"
OURS_IMPORT = "from gluon_opt import d2l"

EN, ZH = "d2l-en 1.0.3", "d2l-zh 2.0.0"


def _first_cell(mxnet_names, *extra_imports, gluon=False):
    """The imports every section starts with: inline figures, d2l, the
    MXNet names it uses, NumPy mode."""
    lines = ["%matplotlib inline", IMPORT_PLACEHOLDER,
             f"from mxnet import {mxnet_names}"]
    if gluon:
        lines.append("from mxnet.gluon import nn")
    lines += list(extra_imports) + ["npx.set_np()"]
    return "\n".join(lines)


_PLAIN = _first_cell("np, npx")
_WITH_GLUON = _first_cell("autograd, gluon, init, np, npx", gluon=True)


# ------------------------------------------------------------ shared pieces

def _decay_curves(values, formula, label, figsize="", length=40, legend=True):
    """A cell that plots `formula` (of `value` and `steps`) against the step
    number for each value, the steps made with the d2l aliases."""
    return "\n".join([
        f"d2l.set_figsize({figsize})",
        f"for value in {values}:",
        f"    steps = d2l.numpy(d2l.arange({length}))",
        f"    d2l.plt.plot(steps, {formula}, label=f'{label} = {{value:.2f}}')",
        "d2l.plt.xlabel('time')" + (";" if not legend else ""),
    ] + (["d2l.plt.legend();"] if legend else []))


def _zero_states(name, pairs=False):
    """A cell-part defining `name(feature_dim)`: zero state for the weight
    (feature_dim x 1) and the bias (1), made in that order; with `pairs`, two
    such states per parameter (as AdaDelta and Adam keep)."""
    if not pairs:
        return (f"def {name}(feature_dim):\n"
                "    return (d2l.zeros((feature_dim, 1)), d2l.zeros(1))")
    return (f"def {name}(feature_dim):\n"
            "    first = (d2l.zeros((feature_dim, 1)), d2l.zeros(1))\n"
            "    second = (d2l.zeros((feature_dim, 1)), d2l.zeros(1))\n"
            "    # one (first, second) pair per parameter\n"
            "    return tuple(zip(first, second))")


def _scratch_run(update, states, hyperparams):
    """Code that trains the scratch `update` through d2l.train_ch11 on the
    airfoil minibatches, its state made by `states`."""
    return ("batches, feature_dim = d2l.get_data_ch11(batch_size=10)\n"
            f"d2l.train_ch11({update}, {states}(feature_dim),\n"
            f"               {hyperparams}, batches, feature_dim);")


def _airfoil_runs(update, states, hyperparams, gluon_name, gluon_hyperparams):
    """The two cells that close an optimizer's section: the scratch run,
    then Gluon's optimizer `gluon_name` through d2l.train_concise_ch11."""
    return [_scratch_run(update, states, hyperparams),
            f"d2l.train_concise_ch11('{gluon_name}', {gluon_hyperparams}, "
            "batches)"]


def _stretched_bowl(name):
    return (f"def {name}(x1, x2):\n"
            "    # ill-conditioned: 20 times steeper along x2\n"
            "    return 0.1 * x1 ** 2 + 2 * x2 ** 2")


# ------------------------------------------------------ optimization-intro

OPTIMIZATION_INTRO = [
    _PLAIN + "\nfrom mpl_toolkits import mplot3d",
    """\
def expected_loss(x):
    return x * d2l.cos(np.pi * x)

def sample_loss(x):
    # the expected loss seen through a finite sample: a faster ripple on top
    return expected_loss(x) + 0.2 * d2l.cos(5 * np.pi * x)""",
    """\
def point_at(text, where, text_at):
    d2l.plt.gca().annotate(text, xy=where, xytext=text_at,
                           arrowprops=dict(arrowstyle='->'))

grid = d2l.arange(0.5, 1.5, 0.01)
d2l.set_figsize((4.5, 2.5))
d2l.plot(grid, [expected_loss(grid), sample_loss(grid)], 'x', 'risk')
point_at('sample loss\\nlowest here', (1.0, -1.2), (0.5, -1.1))
point_at('expected loss\\nlowest here', (1.1, -1.05), (0.95, -0.5))""",
    """\
grid = d2l.arange(-1.0, 2.0, 0.01)
d2l.plot(grid, [expected_loss(grid), ], 'x', 'f(x)')
point_at('a local minimum', (-0.3, -0.25), (-0.77, -1.0))
point_at('the global minimum', (1.1, -0.95), (0.6, 0.8))""",
    """\
grid = d2l.arange(-2.0, 2.0, 0.01)
d2l.plot(grid, [grid**3], 'x', 'f(x)')
point_at('flat, yet no minimum', (0, -0.2), (-0.52, -5.0))""",
    """\
# a saddle of x**2 - y**2 over a 101 x 101 grid, drawn from host copies
xs, ys = d2l.meshgrid(d2l.linspace(-1.0, 1.0, 101),
                      d2l.linspace(-1.0, 1.0, 101))
heights = xs**2 - ys**2
axes3d = d2l.plt.figure().add_subplot(111, projection='3d')
axes3d.plot_wireframe(xs.asnumpy(), ys.asnumpy(), heights.asnumpy(),
                      **{'rstride': 10, 'cstride': 10})
axes3d.plot([0], [0], [0], 'rx')
marks = [-1, 0, 1]
d2l.plt.xticks(marks)
d2l.plt.yticks(marks)
axes3d.set_zticks(marks)
d2l.plt.xlabel('x')
d2l.plt.ylabel('y');""",
    """\
grid = d2l.arange(-2.0, 5.0, 0.01)
d2l.plot(grid, [d2l.tanh(grid)], 'x', 'f(x)')
point_at('slope near 0', (4, 1), (2, 0.0))""",
]

# --------------------------------------------------------------- convexity

CONVEXITY = [
    _PLAIN + "\nfrom mpl_toolkits import mplot3d",
    """\
# three functions and a chord between x = -1.5 and x = 1 on each: the chord
# stays above a convex function, and crosses a non-convex one
bowl = lambda x: 0.5 * x**2
wave = lambda x: d2l.cos(np.pi * x)
growth = lambda x: d2l.exp(0.5 * x)

grid, chord = d2l.arange(-2, 2, 0.01), d2l.tensor([-1.5, 1])
d2l.use_svg_display()
_, panels = d2l.plt.subplots(1, 3, figsize=(9, 3))
for panel, function in zip(panels, [bowl, wave, growth]):
    d2l.plot([grid, chord], [function(grid), function(chord)], axes=panel)""",
    """\
shifted = lambda x: (x - 1) ** 2
d2l.set_figsize()
d2l.plot([grid, chord], [shifted(grid), shifted(chord)], 'x', 'f(x)')""",
]

# ---------------------------------------------------------------------- gd

# How each edition draws a 2-D path over the contours of `objective`: d2l-en
# hands matplotlib host arrays (asnumpy), d2l-zh the mx.np arrays that
# d2l.meshgrid returns.
_DRAW_PATH_2D = """\
def draw_path_2d(objective, points):
    d2l.set_figsize()
    d2l.plt.plot(*zip(*points), '-o', color='#ff7f0e')
    grid1, grid2 = d2l.meshgrid(d2l.arange(-55, 1, 1), d2l.arange(-30, 1, 1))
    grid1, grid2 = grid1.asnumpy() * 0.1, grid2.asnumpy() * 0.1
    d2l.plt.contour(grid1, grid2, objective(grid1, grid2), colors='#1f77b4')
    d2l.plt.xlabel('x1')
    d2l.plt.ylabel('x2')"""
_DRAW_PATH_2D_ZH = """\
def draw_path_2d(objective, points):
    d2l.set_figsize()
    d2l.plt.plot(*zip(*points), '-o', color='#ff7f0e')
    grid1, grid2 = d2l.meshgrid(d2l.arange(-5.5, 1.0, 0.1),
                                d2l.arange(-3.0, 1.0, 0.1))
    d2l.plt.contour(grid1, grid2, objective(grid1, grid2), colors='#1f77b4')
    d2l.plt.xlabel('x1')
    d2l.plt.ylabel('x2')"""

# The step of a 1-D method: gradient descent divides by nothing, Newton's
# method by the curvature.
_STEP_1D = """\
def walk(step, start=10.0, count=10):
    \"\"\"`count` steps from `start`; every point visited, as floats.\"\"\"
    x, visited = start, [start]
    for _ in range(count):
        x = x - step(x)
        visited.append(float(x))
    return x, visited"""

GD = [
    _PLAIN,
    """\
def parabola(x):
    return x ** 2

def parabola_slope(x):
    return 2 * x""",
    _STEP_1D + """

def descend(eta, slope):
    x, visited = walk(lambda x: eta * slope(x))
    print(f'epoch 10, x: {x:f}')
    return visited

visited = descend(0.2, parabola_slope)""",
    """\
def draw_path(visited, objective):
    reach = max(abs(min(visited)), abs(max(visited)))
    grid = d2l.arange(-reach, reach, 0.01)
    d2l.set_figsize()
    # the objective at each grid point and at each point visited, one by one
    d2l.plot([grid, visited], [[objective(x) for x in grid], [
        objective(x) for x in visited]], 'x', 'f(x)', fmts=['-', '-o'])

draw_path(visited, parabola)""",
    "draw_path(descend(0.05, parabola_slope), parabola)",
    "draw_path(descend(1.1, parabola_slope), parabola)",
    """\
frequency = d2l.tensor(0.15 * np.pi)

def ripple(x):
    return x * d2l.cos(frequency * x)

def ripple_slope(x):
    # product rule
    return d2l.cos(frequency * x) - frequency * x * d2l.sin(frequency * x)

draw_path(descend(2, ripple_slope), ripple)""",
    """\
def walk_2d(step, count=20, gradient=None):
    \"\"\"`count` steps of `step` from (-5, -2) with zero state; the points.\"\"\"
    state = (-5, -2, 0, 0)  # x1, x2 and two slots for the method's state
    points = [state[:2]]
    for _ in range(count):
        state = step(*state, gradient) if gradient else step(*state)
        points.append(state[:2])
    print(f'epoch {count}, x1: {float(state[0]):f}, x2: {float(state[1]):f}')
    return points""",
    _DRAW_PATH_2D,
    """\
def round_bowl(x1, x2):
    return x1 ** 2 + 2 * x2 ** 2

def round_bowl_gradient(x1, x2):
    return (2 * x1, 4 * x2)

def descent_2d(x1, x2, unused1, unused2, gradient):
    g1, g2 = gradient(x1, x2)
    return (x1 - eta * g1, x2 - eta * g2, 0, 0)

eta = 0.1
draw_path_2d(round_bowl, walk_2d(descent_2d, gradient=round_bowl_gradient))""",
    """\
# Newton's method on a convex function with a known curvature
width = d2l.tensor(0.5)

def catenary(x):
    return d2l.cosh(width * x)

def catenary_slope(x):
    return width * d2l.sinh(width * x)

def catenary_curvature(x):
    return width**2 * d2l.cosh(width * x)

def newton(slope, curvature, eta=1):
    x, visited = walk(lambda x: eta * slope(x) / curvature(x))
    print('epoch 10, x:', x)
    return visited

draw_path(newton(catenary_slope, catenary_curvature), catenary)""",
    """\
# on the ripple, where the curvature changes sign
frequency = d2l.tensor(0.15 * np.pi)

def ripple(x):
    return x * d2l.cos(frequency * x)

def ripple_slope(x):
    return d2l.cos(frequency * x) - frequency * x * d2l.sin(frequency * x)

def ripple_curvature(x):
    return (- 2 * frequency * d2l.sin(frequency * x)
            - x * frequency**2 * d2l.cos(frequency * x))

draw_path(newton(ripple_slope, ripple_curvature), ripple)""",
    "draw_path(newton(ripple_slope, ripple_curvature, 0.5), ripple)",
]
GD_ZH = [_DRAW_PATH_2D_ZH if cell == _DRAW_PATH_2D else cell for cell in GD]

# --------------------------------------------------------------------- sgd

SGD = [
    _PLAIN + "\nimport itertools\nimport math",
    """\
def round_bowl(x1, x2):
    return x1 ** 2 + 2 * x2 ** 2

def round_bowl_gradient(x1, x2):
    return 2 * x1, 4 * x2""",
    """\
def noisy_step(x1, x2, unused1, unused2, gradient):
    g1, g2 = gradient(x1, x2)
    # a one-example gradient: the true one plus standard normal noise
    g1 += d2l.normal(0.0, 1, (1,))
    g2 += d2l.normal(0.0, 1, (1,))
    rate = eta * schedule()
    return (x1 - rate * g1, x2 - rate * g2, 0, 0)""",
    """\
eta = 0.1
schedule = lambda: 1
d2l.show_trace_2d(round_bowl, d2l.train_2d(noisy_step, steps=50,
                                           f_grad=round_bowl_gradient))""",
    """\
# the schedules count their calls from 2
decaying = (math.exp(-0.1 * t) for t in itertools.count(2))
schedule = lambda: next(decaying)
d2l.show_trace_2d(round_bowl, d2l.train_2d(noisy_step, steps=1000,
                                           f_grad=round_bowl_gradient))""",
    """\
shrinking = ((1 + 0.1 * t) ** (-0.5) for t in itertools.count(2))
schedule = lambda: next(shrinking)
d2l.show_trace_2d(round_bowl, d2l.train_2d(noisy_step, steps=50,
                                           f_grad=round_bowl_gradient))""",
]

# ----------------------------------------------------------- minibatch-sgd

# Three 256 x 256 matrices: product = left . right, computed four ways.
_MATRICES = """\
product = np.zeros((256, 256))
left = np.random.normal(0, 1, (256, 256))
right = np.random.normal(0, 1, (256, 256))"""

# d2l-en times the products with a stopwatch the section defines (no d2l in
# it); d2l-zh with d2l.Timer. Either is `stopwatch`, started when made.
_STOPWATCH = """\
class Stopwatch:
    \"\"\"Seconds from each start() to the stop() after it, in `times`.\"\"\"

    def __init__(self):
        self.times = []
        self.start()

    def start(self):
        self.started = time.time()

    def stop(self):
        self.times.append(time.time() - self.started)
        return self.times[-1]

stopwatch = Stopwatch()"""

# One entry per dot product, 65,536 times: MXNet's indexing, no d2l helper,
# about half of the chapter's time.
ELEMENTWISE_PRODUCT = """\
stopwatch.start()
for row in range(256):
    for column in range(256):
        product[row, column] = np.dot(left[row, :], right[:, column])
product.wait_to_read()
stopwatch.stop()"""

# The rate printed is @FLOPS@ / seconds: 0.03 in d2l-en, 2 in d2l-zh.
_PRODUCTS = [
    ELEMENTWISE_PRODUCT,
    """\
stopwatch.start()
for column in range(256):
    product[:, column] = np.dot(left, right[:, column])
product.wait_to_read()
stopwatch.stop()""",
    """\
stopwatch.start()
product = np.dot(left, right)
product.wait_to_read()
stopwatch.stop()

rates = [@FLOPS@ / seconds for seconds in stopwatch.times]
print(f'performance in Gigaflops: element {rates[0]:.3f}, '
      f'column {rates[1]:.3f}, full {rates[2]:.3f}')""",
    """\
stopwatch.start()
for first in range(0, 256, 64):
    product[:, first:first+64] = np.dot(left, right[:, first:first+64])
stopwatch.stop()
print(f'performance in Gigaflops: block {@FLOPS@ / stopwatch.times[3]:.3f}')""",
]

# Where the section registers the airfoil file and starts training.
MINIBATCH_SGD_TRAINING = """\
d2l.DATA_HUB['airfoil'] = (d2l.DATA_URL + 'airfoil_self_noise.dat',
                           '76e5be1548fd8222e5074cf0faae75edff8cf93f')

def airfoil_batches(batch_size=10, n=1500):
    \"\"\"The first n rows, each column standardized: (batches, features).\"\"\"
    table = np.genfromtxt(d2l.download('airfoil'),
                          dtype=np.float32, delimiter='\\t')
    table = (table - table.mean(axis=0)) / table.std(axis=0)
    batches = d2l.load_array(
        (table[:n, :-1], table[:n, -1]), batch_size, is_train=True)
    return batches, table.shape[1]-1"""

# The scratch and the Gluon training share one loop (`fit`), which prints
# @PER_EPOCH@ seconds per epoch.
_TRAINING = [
    MINIBATCH_SGD_TRAINING,
    """\
def plain_sgd(params, unused_states, hyperparams):
    for param in params:
        param[:] -= hyperparams['lr'] * param.grad""",
    """\
def fit(model, loss, batch_loss, step, batches, num_epochs):
    \"\"\"Minimize batch_loss(X, y) by step(batch_size) after each backward
    pass; every 200 examples, plot the loss on all the batches (the clock
    paused meanwhile). Returns the clock and the loss curve.\"\"\"
    curve = d2l.Animator(xlabel='epoch', ylabel='loss',
                         xlim=[0, num_epochs], ylim=[0.22, 0.35])
    seen, clock = 0, d2l.Timer()
    for _ in range(num_epochs):
        for X, y in batches:
            with autograd.record():
                value = batch_loss(X, y)
            value.backward()
            step(X.shape[0])
            seen += X.shape[0]
            if seen % 200 == 0:
                clock.stop()
                curve.add(seen/X.shape[0]/len(batches),
                          (d2l.evaluate_loss(model, batches, loss),))
                clock.start()
    print(f'loss: {curve.Y[0][-1]:.3f}, {@PER_EPOCH@:.3f} sec/epoch')
    return clock, curve

def fit_scratch(update, states, hyperparams, batches, feature_dim,
                num_epochs=2):
    w = np.random.normal(scale=0.01, size=(feature_dim, 1))
    b = np.zeros(1)
    w.attach_grad()
    b.attach_grad()
    model, loss = lambda X: d2l.linreg(X, w, b), d2l.squared_loss
    clock, curve = fit(model, loss, lambda X, y: loss(model(X), y).mean(),
                       lambda size: update([w, b], states, hyperparams),
                       batches, num_epochs)
    return clock.cumsum(), curve.Y[0]""",
    """\
def run_sgd(lr, batch_size, num_epochs=2):
    batches, feature_dim = airfoil_batches(batch_size)
    return fit_scratch(
        plain_sgd, None, {'lr': lr}, batches, feature_dim, num_epochs)

full_batch = run_sgd(1, 1500, 10)""",
    "one_at_a_time = run_sgd(0.005, 1)",
    "batches_of_100 = run_sgd(.4, 100)",
    "batches_of_10 = run_sgd(.05, 10)",
    """\
# seconds against loss, one curve per batch size
times, losses = map(list, zip(full_batch, one_at_a_time, batches_of_100,
                              batches_of_10))
d2l.set_figsize([6, 3])
d2l.plot(times, losses, 'time (sec)', 'loss', xlim=[1e-2, 10],
         legend=['batch 1500', 'batch 1', 'batch 100', 'batch 10'])
d2l.plt.gca().set_xscale('log')""",
    """\
def fit_gluon(tr_name, hyperparams, batches, num_epochs=2):
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=0.01))
    trainer = gluon.Trainer(net.collect_params(), tr_name, hyperparams)
    loss = gluon.loss.L2Loss()
    fit(net, loss, lambda X, y: loss(net(X), y), trainer.step, batches,
        num_epochs)""",
    """\
batches, _ = airfoil_batches(10)
fit_gluon('sgd', {'learning_rate': 0.05}, batches)""",
]


def _minibatch_sgd(opening, flops, per_epoch):
    return (opening
            + [cell.replace("@FLOPS@", flops) for cell in _PRODUCTS]
            + [cell.replace("@PER_EPOCH@", per_epoch) for cell in _TRAINING])


MINIBATCH_SGD = _minibatch_sgd(
    [_first_cell("autograd, gluon, init, np, npx", "import time", gluon=True)
     + "\n\n" + _MATRICES, _STOPWATCH],
    flops="0.03", per_epoch="clock.sum()/num_epochs")
MINIBATCH_SGD_ZH = _minibatch_sgd(
    [_WITH_GLUON + "\n\nstopwatch = d2l.Timer()\n" + _MATRICES],
    flops="2", per_epoch="clock.avg()")

# ---------------------------------------------------------------- momentum

MOMENTUM = [
    _PLAIN,
    """\
eta = 0.4

""" + _stretched_bowl("stretched_bowl") + """

def plain_step(x1, x2, unused1, unused2):
    # the gradient is (0.2 x1, 4 x2)
    return (x1 - eta * 0.2 * x1, x2 - eta * 4 * x2, 0, 0)

d2l.show_trace_2d(stretched_bowl, d2l.train_2d(plain_step))""",
    """\
eta = 0.6
d2l.show_trace_2d(stretched_bowl, d2l.train_2d(plain_step))""",
    """\
def heavy_ball_2d(x1, x2, v1, v2):
    # the velocity: a leaky sum of the gradients (0.2 x1, 4 x2)
    v1, v2 = beta * v1 + 0.2 * x1, beta * v2 + 4 * x2
    return x1 - eta * v1, x2 - eta * v2, v1, v2

eta, beta = 0.6, 0.5
d2l.show_trace_2d(stretched_bowl, d2l.train_2d(heavy_ball_2d))""",
    """\
eta, beta = 0.6, 0.25
d2l.show_trace_2d(stretched_bowl, d2l.train_2d(heavy_ball_2d))""",
    # how much a gradient t steps old still weighs, for four betas
    _decay_curves([0.95, 0.9, 0.6, 0], "value ** steps", "beta"),
    _zero_states("velocities") + """

def heavy_ball(params, velocities, hyperparams):
    for param, velocity in zip(params, velocities):
        velocity[:] = hyperparams['momentum'] * velocity + param.grad
        param[:] -= hyperparams['lr'] * velocity""",
    """\
def run_momentum(lr, momentum, num_epochs=2):
    d2l.train_ch11(heavy_ball, velocities(feature_dim),
                   {'lr': lr, 'momentum': momentum}, batches,
                   feature_dim, num_epochs)

batches, feature_dim = d2l.get_data_ch11(batch_size=10)
run_momentum(0.02, 0.5)""",
    "run_momentum(0.01, 0.9)",
    "run_momentum(0.005, 0.9)",
    """\
d2l.train_concise_ch11('sgd', {'learning_rate': 0.005, 'momentum': 0.9},
                       batches)""",
    # gradient descent on a quadratic of curvature lambda: (1 - eta lambda)^t
    "eta = 0.1\n" + _decay_curves([0.1, 1, 10, 19], "(1 - eta * value) ** steps",
                                  "lambda", figsize="(6, 4)", length=20),
]

# ----------------------------------------------------------------- adagrad

ADAGRAD = [
    _PLAIN + "\nimport math",
    """\
def scaled_step(x, gradient, squares):
    # each coordinate's step shrinks with its own squared gradients
    return x - eta / math.sqrt(squares + 1e-6) * gradient

def adagrad_2d(x1, x2, total1, total2):
    g1, g2 = 0.2 * x1, 4 * x2
    total1, total2 = total1 + g1 ** 2, total2 + g2 ** 2
    return (scaled_step(x1, g1, total1), scaled_step(x2, g2, total2),
            total1, total2)

""" + _stretched_bowl("stretched_bowl") + """

eta = 0.4
d2l.show_trace_2d(stretched_bowl, d2l.train_2d(adagrad_2d))""",
    """\
eta = 2
d2l.show_trace_2d(stretched_bowl, d2l.train_2d(adagrad_2d))""",
    _zero_states("square_sums") + """

def adagrad(params, square_sums, hyperparams):
    eps = 1e-6
    for param, total in zip(params, square_sums):
        total[:] += np.square(param.grad)
        param[:] -= hyperparams['lr'] * param.grad / np.sqrt(total + eps)""",
    *_airfoil_runs("adagrad", "square_sums", "{'lr': 0.1}", "adagrad",
                   "{'learning_rate': 0.1}"),
]

# ----------------------------------------------------------------- rmsprop

RMSPROP = [
    _PLAIN + "\nimport math",
    # the weight of a squared gradient t steps old, for four gammas
    _decay_curves([0.95, 0.9, 0.8, 0.7], "(1-value) * value ** steps",
                  "gamma", legend=False),
    """\
def scaled_step(x, gradient, squares):
    return x - eta / math.sqrt(squares + 1e-6) * gradient

def rmsprop_2d(x1, x2, average1, average2):
    g1, g2 = 0.2 * x1, 4 * x2
    # a leaky average of squared gradients instead of their sum
    average1 = gamma * average1 + (1 - gamma) * g1 ** 2
    average2 = gamma * average2 + (1 - gamma) * g2 ** 2
    return (scaled_step(x1, g1, average1), scaled_step(x2, g2, average2),
            average1, average2)

""" + _stretched_bowl("stretched_bowl") + """

eta, gamma = 0.4, 0.9
d2l.show_trace_2d(stretched_bowl, d2l.train_2d(rmsprop_2d))""",
    _zero_states("mean_squares") + """

def rmsprop(params, mean_squares, hyperparams):
    gamma, eps = hyperparams['gamma'], 1e-6
    for param, average in zip(params, mean_squares):
        average[:] = gamma * average + (1 - gamma) * np.square(param.grad)
        param[:] -= hyperparams['lr'] * param.grad / np.sqrt(average + eps)""",
    *_airfoil_runs("rmsprop", "mean_squares", "{'lr': 0.01, 'gamma': 0.9}",
                   "rmsprop", "{'learning_rate': 0.01, 'gamma1': 0.9}"),
]

# ---------------------------------------------------------------- adadelta

ADADELTA = [
    _PLAIN,
    _zero_states("adadelta_states", pairs=True) + """

def adadelta(params, states, hyperparams):
    rho, eps = hyperparams['rho'], 1e-5
    for param, (mean_square, mean_change) in zip(params, states):
        # every state is updated in place ([:]): train_ch11 keeps them
        mean_square[:] = rho * mean_square + (1 - rho) * np.square(param.grad)
        change = (np.sqrt(mean_change + eps) / np.sqrt(mean_square + eps)
                  ) * param.grad
        param[:] -= change
        mean_change[:] = rho * mean_change + (1 - rho) * change * change""",
    *_airfoil_runs("adadelta", "adadelta_states", "{'rho': 0.9}", "adadelta",
                   "{'rho': 0.9}"),
]

# -------------------------------------------------------------------- adam

# Adam and Yogi differ only in how the second moment moves.
ADAM = [
    _PLAIN,
    _zero_states("moments", pairs=True) + """

def moment_method(next_square, eps):
    \"\"\"An update in Adam's family: bias-corrected moments, the second one
    moved by next_square(square, squared_grad, beta2).\"\"\"
    def update(params, states, hyperparams):
        beta1, beta2, t = 0.9, 0.999, hyperparams['t']
        for param, (mean, square) in zip(params, states):
            mean[:] = beta1 * mean + (1 - beta1) * param.grad
            square[:] = next_square(square, np.square(param.grad), beta2)
            mean_hat = mean / (1 - beta1 ** t)
            square_hat = square / (1 - beta2 ** t)
            param[:] -= hyperparams['lr'] * mean_hat / (np.sqrt(square_hat)
                                                        + eps)
        hyperparams['t'] += 1
    return update

adam = moment_method(
    lambda square, g2, beta2: beta2 * square + (1 - beta2) * g2, 1e-6)""",
    *_airfoil_runs("adam", "moments", "{'lr': 0.01, 't': 1}", "adam",
                   "{'learning_rate': 0.01}"),
    """\
# Yogi: the second moment moves by a fixed share of g**2, towards it
yogi = moment_method(lambda square, g2, beta2:
                     square + (1 - beta2) * np.sign(g2 - square) * g2, 1e-3)

""" + _scratch_run("yogi", "moments", "{'lr': 0.01, 't': 1}"),
]

# ------------------------------------------------------------ lr-scheduler

# The eleventh section trains LeNet on Fashion-MNIST (a download; the tests
# give it small idx files of their own through GLUON_OPT_DATA).
_FIT_WITH = """\
trainer = gluon.Trainer(net.collect_params(), 'sgd',
                        {'lr_scheduler': scheduler})
fit(net, train_batches, test_batches, num_epochs, loss, trainer, device)"""


def _plot_schedule(count, arange="d2l.arange"):
    return (f"d2l.plot({arange}({count}), "
            f"[scheduler(t) for t in range({count})])")


LR_SCHEDULER = [
    _first_cell("autograd, gluon, init, lr_scheduler, np, npx", gluon=True)
    + """

# LeNet: two convolutions with pooling, three dense layers; hybridized
features = [nn.Conv2D(channels=6, kernel_size=5, padding=2, activation='relu'),
            nn.MaxPool2D(pool_size=2, strides=2),
            nn.Conv2D(channels=16, kernel_size=5, activation='relu'),
            nn.MaxPool2D(pool_size=2, strides=2)]
head = [nn.Dense(120, activation='relu'), nn.Dense(84, activation='relu'),
        nn.Dense(10)]
net = nn.HybridSequential()
net.add(*features, *head)
net.hybridize()
loss = gluon.loss.SoftmaxCrossEntropyLoss()
device = d2l.try_gpu()

batch_size = 256
train_batches, test_batches = d2l.load_data_fashion_mnist(
    batch_size=batch_size)

def fit(net, train_batches, test_batches, num_epochs, loss, trainer, device):
    \"\"\"Train from fresh Xavier weights with the trainer given; print the
    last epoch's training loss and accuracy and the test accuracy.\"\"\"
    net.initialize(force_reinit=True, ctx=device, init=init.Xavier())
    curves = d2l.Animator(xlabel='epoch', xlim=[0, num_epochs],
                          legend=['train loss', 'train acc', 'test acc'])
    for epoch in range(num_epochs):
        sums = d2l.Accumulator(3)  # loss, correct predictions, examples
        for number, (X, y) in enumerate(train_batches):
            X, y = X.as_in_ctx(device), y.as_in_ctx(device)
            with autograd.record():
                y_hat = net(X)
                batch_loss = loss(y_hat, y)
            batch_loss.backward()
            trainer.step(X.shape[0])
            sums.add(batch_loss.sum(), d2l.accuracy(y_hat, y), X.shape[0])
            train_loss, train_acc = sums[0] / sums[2], sums[1] / sums[2]
            if (number + 1) % 50 == 0:
                curves.add(epoch + number / len(train_batches),
                           (train_loss, train_acc, None))
        test_acc = d2l.evaluate_accuracy_gpu(net, test_batches)
        curves.add(epoch + 1, (None, None, test_acc))
    print(f'train loss {train_loss:.3f}, train acc {train_acc:.3f}, '
          f'test acc {test_acc:.3f}')""",
    """\
lr, num_epochs = 0.3, 30
net.initialize(force_reinit=True, ctx=device, init=init.Xavier())
trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': lr})
fit(net, train_batches, test_batches, num_epochs, loss, trainer, device)""",
    """\
trainer.set_learning_rate(0.1)
print(f'learning rate is now {trainer.learning_rate:.2f}')""",
    """\
class InverseSquareRoot:
    \"\"\"lr / sqrt(t + 1) at update t.\"\"\"

    def __init__(self, lr=0.1):
        self.peak = lr

    def __call__(self, num_update):
        return self.peak * pow(num_update + 1.0, -0.5)""",
    "scheduler = InverseSquareRoot(lr=0.1)\n" + _plot_schedule("num_epochs"),
    _FIT_WITH,
    """\
class ShrinkByFactor:
    \"\"\"Each call multiplies the rate by `factor`, down to stop_factor_lr.
    (An optimizer sets base_lr, as it does on MXNet's schedulers.)\"\"\"

    def __init__(self, factor=1, stop_factor_lr=1e-7, base_lr=0.1):
        self.factor, self.lowest, self.base_lr = factor, stop_factor_lr, base_lr

    def __call__(self, num_update):
        self.base_lr = max(self.lowest, self.base_lr * self.factor)
        return self.base_lr

scheduler = ShrinkByFactor(factor=0.9, stop_factor_lr=1e-2, base_lr=2.0)
""" + _plot_schedule(50),
    """\
scheduler = lr_scheduler.MultiFactorScheduler(step=[15, 30], factor=0.5,
                                              base_lr=0.5)
""" + _plot_schedule("num_epochs"),
    _FIT_WITH,
    """\
scheduler = lr_scheduler.CosineScheduler(max_update=20, base_lr=0.3,
                                         final_lr=0.01)
""" + _plot_schedule("num_epochs"),
    _FIT_WITH,
    """\
# with a linear warmup over the first 5 updates (plotted on np.arange here)
scheduler = lr_scheduler.CosineScheduler(20, warmup_steps=5, base_lr=0.3,
                                         final_lr=0.01)
""" + _plot_schedule("num_epochs", arange="np.arange"),
    _FIT_WITH,
]

# --------------------------------------------------------------- editions

SECTIONS = {
    "optimization-intro": OPTIMIZATION_INTRO,
    "convexity": CONVEXITY,
    "gd": GD,
    "sgd": SGD,
    "minibatch-sgd": MINIBATCH_SGD,
    "momentum": MOMENTUM,
    "adagrad": ADAGRAD,
    "rmsprop": RMSPROP,
    "adadelta": ADADELTA,
    "adam": ADAM,
}

# d2l-zh 2.0.0 makes the calls of d2l-en 1.0.3 in nine of the eleven
# sections (the same list object here); gd and minibatch-sgd differ.
EDITIONS = {
    EN: {**SECTIONS, "lr-scheduler": LR_SCHEDULER},
    ZH: {**SECTIONS, "gd": GD_ZH, "minibatch-sgd": MINIBATCH_SGD_ZH,
         "lr-scheduler": LR_SCHEDULER},
}


def cells(name, import_d2l, edition=EN):
    """Section `name` of `edition` as code cells, d2l imported by the line
    `import_d2l`."""
    return [cell.replace(IMPORT_PLACEHOLDER, import_d2l)
            for cell in EDITIONS[edition][name]]


def _as_notebook(sources):
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(source) for source in sources])


def notebook(name, import_d2l, until=None, edition=EN):
    """Section `name` as a notebook of code cells; with `until` (a cell of
    the section), only the cells before it."""
    sources = cells(name, import_d2l, edition)
    if until is not None:
        sources = sources[:EDITIONS[edition][name].index(until)]
    return _as_notebook(sources)


def floor_notebook(name):
    """The part of section `name` (d2l-en) that costs the same whichever d2l
    is imported: the first cell without its d2l line (a kernel that loads
    MXNet and inline figures) and, for minibatch-sgd, the matrix products
    before the training, timed by the section's own stopwatch."""
    first, *rest = cells(name, "")
    sources = ["\n".join(line for line in first.splitlines() if line)]
    if name == "minibatch-sgd":
        sources += rest[:SECTIONS[name].index(MINIBATCH_SGD_TRAINING) - 1]
    if "d2l" in "\n".join(sources):  # a d2l call crept into the floor
        raise RuntimeError(f"the floor of {name} still calls d2l")
    return _as_notebook(sources)


def script(names, import_d2l, between="", replace=None, edition=EN):
    """Sections `names` of `edition` as one Python script without IPython's
    magic lines. Each section starts by printing `# section EDITION/NAME`
    and is followed by the code `between`; `replace` maps a cell to the code
    that runs in its place."""
    replace = replace or {}
    parts = []
    for name in names:
        code = "\n".join(replace.get(cell, cell)
                         for cell in cells(name, import_d2l, edition))
        code = "\n".join(line for line in code.splitlines()
                         if not line.startswith("%"))
        parts.append(f"print('# section {edition}/{name}', flush=True)\n"
                     f"{code}\n{between}")
    return "\n".join(parts)
