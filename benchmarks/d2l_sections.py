"""The code of the eleven sections of the current book's optimization
chapter, in both current editions (d2l-en 1.0.3 and d2l-zh 2.0.0, MXNet
tab), transcribed by us: the calls, their arguments and array kinds, and the
order of each section's code cells, without the book's prose. `EDITIONS`
maps each edition to its sections; `SECTIONS` holds the ten that run offline
(d2l-en's), which the benchmark times.

Each section is a list of cells; the first line of every section imports d2l
through IMPORT_PLACEHOLDER, so that one transcription runs on the official
package (`from d2l import mxnet as d2l`) and on ours
(`from gluon_opt import d2l`). The benchmark runs them as notebooks, the
tests as one script (`script`).
"""
import nbformat

IMPORT_PLACEHOLDER = "{import_d2l}"
OFFICIAL_IMPORT = "from d2l import mxnet as d2l"
OURS_IMPORT = "from gluon_opt import d2l"

_HEADER = """%matplotlib inline
{import_d2l}
from mxnet import np, npx
npx.set_np()"""

_TRAINING_HEADER = """%matplotlib inline
{import_d2l}
from mxnet import autograd, gluon, init, np, npx
from mxnet.gluon import nn
npx.set_np()"""

OPTIMIZATION_INTRO = [
    _HEADER + "\nfrom mpl_toolkits import mplot3d",
    """\
def f(x):  # the risk
    return x * d2l.cos(np.pi * x)

def g(x):  # the empirical risk
    return f(x) + 0.2 * d2l.cos(5 * np.pi * x)""",
    """\
def annotate(text, xy, xytext):
    d2l.plt.gca().annotate(text, xy=xy, xytext=xytext,
                           arrowprops=dict(arrowstyle='->'))

x = d2l.arange(0.5, 1.5, 0.01)
d2l.set_figsize((4.5, 2.5))
d2l.plot(x, [f(x), g(x)], 'x', 'risk')
annotate('min of\\nempirical risk', (1.0, -1.2), (0.5, -1.1))
annotate('min of risk', (1.1, -1.05), (0.95, -0.5))""",
    """\
x = d2l.arange(-1.0, 2.0, 0.01)
d2l.plot(x, [f(x), ], 'x', 'f(x)')
annotate('local minimum', (-0.3, -0.25), (-0.77, -1.0))
annotate('global minimum', (1.1, -0.95), (0.6, 0.8))""",
    """\
x = d2l.arange(-2.0, 2.0, 0.01)
d2l.plot(x, [x**3], 'x', 'f(x)')
annotate('saddle point', (0, -0.2), (-0.52, -5.0))""",
    """\
x, y = d2l.meshgrid(d2l.linspace(-1.0, 1.0, 101),
                    d2l.linspace(-1.0, 1.0, 101))
z = x**2 - y**2
ax = d2l.plt.figure().add_subplot(111, projection='3d')
ax.plot_wireframe(x.asnumpy(), y.asnumpy(), z.asnumpy(),
                  **{'rstride': 10, 'cstride': 10})
ax.plot([0], [0], [0], 'rx')
ticks = [-1, 0, 1]
d2l.plt.xticks(ticks)
d2l.plt.yticks(ticks)
ax.set_zticks(ticks)
d2l.plt.xlabel('x')
d2l.plt.ylabel('y');""",
    """\
x = d2l.arange(-2.0, 5.0, 0.01)
d2l.plot(x, [d2l.tanh(x)], 'x', 'f(x)')
annotate('vanishing gradient', (4, 1), (2, 0.0))""",
]

CONVEXITY = [
    _HEADER + "\nfrom mpl_toolkits import mplot3d",
    """\
f = lambda x: 0.5 * x**2  # convex
g = lambda x: d2l.cos(np.pi * x)  # not convex
h = lambda x: d2l.exp(0.5 * x)  # convex

x, segment = d2l.arange(-2, 2, 0.01), d2l.tensor([-1.5, 1])
d2l.use_svg_display()
_, axes = d2l.plt.subplots(1, 3, figsize=(9, 3))
for ax, func in zip(axes, [f, g, h]):
    d2l.plot([x, segment], [func(x), func(segment)], axes=ax)""",
    """\
f = lambda x: (x - 1) ** 2
d2l.set_figsize()
d2l.plot([x, segment], [f(x), f(segment)], 'x', 'f(x)')""",
]

# d2l-en's show_trace_2d hands matplotlib NumPy arrays (asnumpy); d2l-zh's
# hands it the mx.np arrays of d2l.meshgrid themselves.
SHOW_TRACE_2D = """\
def show_trace_2d(f, results):
    d2l.set_figsize()
    d2l.plt.plot(*zip(*results), '-o', color='#ff7f0e')
    x1, x2 = d2l.meshgrid(d2l.arange(-55, 1, 1), d2l.arange(-30, 1, 1))
    x1, x2 = x1.asnumpy() * 0.1, x2.asnumpy() * 0.1
    d2l.plt.contour(x1, x2, f(x1, x2), colors='#1f77b4')
    d2l.plt.xlabel('x1')
    d2l.plt.ylabel('x2')"""
SHOW_TRACE_2D_ZH = """\
def show_trace_2d(f, results):
    d2l.set_figsize()
    d2l.plt.plot(*zip(*results), '-o', color='#ff7f0e')
    x1, x2 = d2l.meshgrid(d2l.arange(-5.5, 1.0, 0.1),
                          d2l.arange(-3.0, 1.0, 0.1))
    d2l.plt.contour(x1, x2, f(x1, x2), colors='#1f77b4')
    d2l.plt.xlabel('x1')
    d2l.plt.ylabel('x2')"""

GD = [
    _HEADER,
    """\
def f(x):  # the objective
    return x ** 2

def f_grad(x):  # its gradient
    return 2 * x""",
    """\
def gd(eta, f_grad):
    x = 10.0
    results = [x]
    for i in range(10):
        x -= eta * f_grad(x)
        results.append(float(x))
    print(f'epoch 10, x: {x:f}')
    return results

results = gd(0.2, f_grad)""",
    """\
def show_trace(results, f):
    n = max(abs(min(results)), abs(max(results)))
    f_line = d2l.arange(-n, n, 0.01)
    d2l.set_figsize()
    d2l.plot([f_line, results], [[f(x) for x in f_line], [
        f(x) for x in results]], 'x', 'f(x)', fmts=['-', '-o'])

show_trace(results, f)""",
    "show_trace(gd(0.05, f_grad), f)",
    "show_trace(gd(1.1, f_grad), f)",
    """\
c = d2l.tensor(0.15 * np.pi)

def f(x):
    return x * d2l.cos(c * x)

def f_grad(x):
    return d2l.cos(c * x) - c * x * d2l.sin(c * x)

show_trace(gd(2, f_grad), f)""",
    """\
def train_2d(trainer, steps=20, f_grad=None):
    x1, x2, s1, s2 = -5, -2, 0, 0
    results = [(x1, x2)]
    for i in range(steps):
        if f_grad:
            x1, x2, s1, s2 = trainer(x1, x2, s1, s2, f_grad)
        else:
            x1, x2, s1, s2 = trainer(x1, x2, s1, s2)
        results.append((x1, x2))
    print(f'epoch {i + 1}, x1: {float(x1):f}, x2: {float(x2):f}')
    return results""",
    SHOW_TRACE_2D,
    """\
def f_2d(x1, x2):
    return x1 ** 2 + 2 * x2 ** 2

def f_2d_grad(x1, x2):
    return (2 * x1, 4 * x2)

def gd_2d(x1, x2, s1, s2, f_grad):
    g1, g2 = f_grad(x1, x2)
    return (x1 - eta * g1, x2 - eta * g2, 0, 0)

eta = 0.1
show_trace_2d(f_2d, train_2d(gd_2d, f_grad=f_2d_grad))""",
    """\
c = d2l.tensor(0.5)

def f(x):
    return d2l.cosh(c * x)

def f_grad(x):
    return c * d2l.sinh(c * x)

def f_hess(x):
    return c**2 * d2l.cosh(c * x)

def newton(eta=1):
    x = 10.0
    results = [x]
    for i in range(10):
        x -= eta * f_grad(x) / f_hess(x)
        results.append(float(x))
    print('epoch 10, x:', x)
    return results

show_trace(newton(), f)""",
    """\
c = d2l.tensor(0.15 * np.pi)

def f(x):
    return x * d2l.cos(c * x)

def f_grad(x):
    return d2l.cos(c * x) - c * x * d2l.sin(c * x)

def f_hess(x):
    return - 2 * c * d2l.sin(c * x) - x * c**2 * d2l.cos(c * x)

show_trace(newton(), f)""",
    "show_trace(newton(0.5), f)",
]

SGD = [
    _HEADER + "\nimport math",
    """\
def f(x1, x2):
    return x1 ** 2 + 2 * x2 ** 2

def f_grad(x1, x2):
    return 2 * x1, 4 * x2""",
    """\
def sgd(x1, x2, s1, s2, f_grad):
    g1, g2 = f_grad(x1, x2)
    # noise with mean 0 and variance 1 on each coordinate of the gradient
    g1 += d2l.normal(0.0, 1, (1,))
    g2 += d2l.normal(0.0, 1, (1,))
    eta_t = eta * lr()
    return (x1 - eta_t * g1, x2 - eta_t * g2, 0, 0)""",
    """\
def constant_lr():
    return 1

eta = 0.1
lr = constant_lr
d2l.show_trace_2d(f, d2l.train_2d(sgd, steps=50, f_grad=f_grad))""",
    """\
def exponential_lr():
    global t
    t += 1
    return math.exp(-0.1 * t)

t = 1
lr = exponential_lr
d2l.show_trace_2d(f, d2l.train_2d(sgd, steps=1000, f_grad=f_grad))""",
    """\
def polynomial_lr():
    global t
    t += 1
    return (1 + 0.1 * t) ** (-0.5)

t = 1
lr = polynomial_lr
d2l.show_trace_2d(f, d2l.train_2d(sgd, steps=50, f_grad=f_grad))""",
]

# The cell that times MXNet's indexing, 65,536 times (no d2l helper in it):
# about half of the chapter's time.
ELEMENTWISE_PRODUCT = """\
# A = BC one element at a time
timer.start()
for i in range(256):
    for j in range(256):
        A[i, j] = np.dot(B[i, :], C[:, j])
A.wait_to_read()
timer.stop()"""

# Where minibatch-sgd starts to use the airfoil data and train.
MINIBATCH_SGD_TRAINING = """\
d2l.DATA_HUB['airfoil'] = (d2l.DATA_URL + 'airfoil_self_noise.dat',
                           '76e5be1548fd8222e5074cf0faae75edff8cf93f')

def get_data_ch11(batch_size=10, n=1500):
    data = np.genfromtxt(d2l.download('airfoil'),
                         dtype=np.float32, delimiter='\\t')
    data = (data - data.mean(axis=0)) / data.std(axis=0)
    data_iter = d2l.load_array(
        (data[:n, :-1], data[:n, -1]), batch_size, is_train=True)
    return data_iter, data.shape[1]-1"""

# Matrix products timed: d2l-en defines its own Timer in the section (a copy
# of d2l.Timer); d2l-zh uses d2l.Timer. The "Gigaflops" are 0.03 / seconds in
# d2l-en and 2 / seconds in d2l-zh.
_PRODUCTS = [
    ELEMENTWISE_PRODUCT,
    """\
# one column at a time
timer.start()
for j in range(256):
    A[:, j] = np.dot(B, C[:, j])
A.wait_to_read()
timer.stop()""",
    """\
# all at once
timer.start()
A = np.dot(B, C)
A.wait_to_read()
timer.stop()

gigaflops = [@FLOPS@ / i for i in timer.times]
print(f'performance in Gigaflops: element {gigaflops[0]:.3f}, '
      f'column {gigaflops[1]:.3f}, full {gigaflops[2]:.3f}')""",
    """\
timer.start()
for j in range(0, 256, 64):
    A[:, j:j+64] = np.dot(B, C[:, j:j+64])
timer.stop()
print(f'performance in Gigaflops: block {@FLOPS@ / timer.times[3]:.3f}')""",
]

_MATRICES = """\
A = np.zeros((256, 256))
B = np.random.normal(0, 1, (256, 256))
C = np.random.normal(0, 1, (256, 256))"""

# d2l-en's own Timer (the same methods as d2l.Timer; cumsum through mx.np).
_SECTION_TIMER = """\
class Timer:
    def __init__(self):
        self.times = []
        self.start()

    def start(self):
        self.tik = time.time()

    def stop(self):
        self.times.append(time.time() - self.tik)
        return self.times[-1]

    def avg(self):
        return sum(self.times) / len(self.times)

    def sum(self):
        return sum(self.times)

    def cumsum(self):
        return np.array(self.times).cumsum().tolist()

timer = Timer()"""

# From the airfoil data on: the same calls in both editions; the training
# functions print seconds per epoch as @PER_EPOCH@.
_MINIBATCH_SGD_TRAINING_CELLS = [
    MINIBATCH_SGD_TRAINING,
    """\
def sgd(params, states, hyperparams):
    for p in params:
        p[:] -= hyperparams['lr'] * p.grad""",
    """\
def train_ch11(trainer_fn, states, hyperparams, data_iter,
               feature_dim, num_epochs=2):
    w = np.random.normal(scale=0.01, size=(feature_dim, 1))
    b = np.zeros(1)
    w.attach_grad()
    b.attach_grad()
    net, loss = lambda X: d2l.linreg(X, w, b), d2l.squared_loss
    animator = d2l.Animator(xlabel='epoch', ylabel='loss',
                            xlim=[0, num_epochs], ylim=[0.22, 0.35])
    n, timer = 0, d2l.Timer()
    for _ in range(num_epochs):
        for X, y in data_iter:
            with autograd.record():
                l = loss(net(X), y).mean()
            l.backward()
            trainer_fn([w, b], states, hyperparams)
            n += X.shape[0]
            if n % 200 == 0:
                timer.stop()
                animator.add(n/X.shape[0]/len(data_iter),
                             (d2l.evaluate_loss(net, data_iter, loss),))
                timer.start()
    print(f'loss: {animator.Y[0][-1]:.3f}, {@PER_EPOCH@:.3f} sec/epoch')
    return timer.cumsum(), animator.Y[0]""",
    """\
def train_sgd(lr, batch_size, num_epochs=2):
    data_iter, feature_dim = get_data_ch11(batch_size)
    return train_ch11(
        sgd, None, {'lr': lr}, data_iter, feature_dim, num_epochs)

gd_res = train_sgd(1, 1500, 10)""",
    "sgd_res = train_sgd(0.005, 1)",
    "mini1_res = train_sgd(.4, 100)",
    "mini2_res = train_sgd(.05, 10)",
    """\
d2l.set_figsize([6, 3])
d2l.plot(*list(map(list, zip(gd_res, sgd_res, mini1_res, mini2_res))),
         'time (sec)', 'loss', xlim=[1e-2, 10],
         legend=['gd', 'sgd', 'batch size=100', 'batch size=10'])
d2l.plt.gca().set_xscale('log')""",
    """\
def train_concise_ch11(tr_name, hyperparams, data_iter, num_epochs=2):
    net = nn.Sequential()
    net.add(nn.Dense(1))
    net.initialize(init.Normal(sigma=0.01))
    trainer = gluon.Trainer(net.collect_params(), tr_name, hyperparams)
    loss = gluon.loss.L2Loss()
    animator = d2l.Animator(xlabel='epoch', ylabel='loss',
                            xlim=[0, num_epochs], ylim=[0.22, 0.35])
    n, timer = 0, d2l.Timer()
    for _ in range(num_epochs):
        for X, y in data_iter:
            with autograd.record():
                l = loss(net(X), y)
            l.backward()
            trainer.step(X.shape[0])
            n += X.shape[0]
            if n % 200 == 0:
                timer.stop()
                animator.add(n/X.shape[0]/len(data_iter),
                             (d2l.evaluate_loss(net, data_iter, loss),))
                timer.start()
    print(f'loss: {animator.Y[0][-1]:.3f}, {@PER_EPOCH@:.3f} sec/epoch')""",
    """\
data_iter, _ = get_data_ch11(10)
train_concise_ch11('sgd', {'learning_rate': 0.05}, data_iter)""",
]


def _minibatch_sgd(first_cells, flops, per_epoch):
    cells = first_cells + [cell.replace("@FLOPS@", flops) for cell in
                           _PRODUCTS]
    return cells + [cell.replace("@PER_EPOCH@", per_epoch) for cell in
                    _MINIBATCH_SGD_TRAINING_CELLS]


MINIBATCH_SGD = _minibatch_sgd(
    [_TRAINING_HEADER.replace("\nnpx.set_np()", "\nimport time\nnpx.set_np()")
     + "\n\n" + _MATRICES, _SECTION_TIMER],
    flops="0.03", per_epoch="timer.sum()/num_epochs")
MINIBATCH_SGD_ZH = _minibatch_sgd(
    [_TRAINING_HEADER + "\n\ntimer = d2l.Timer()\n" + _MATRICES],
    flops="2", per_epoch="timer.avg()")

MOMENTUM = [
    _HEADER,
    """\
eta = 0.4

def f_2d(x1, x2):
    return 0.1 * x1 ** 2 + 2 * x2 ** 2

def gd_2d(x1, x2, s1, s2):
    return (x1 - eta * 0.2 * x1, x2 - eta * 4 * x2, 0, 0)

d2l.show_trace_2d(f_2d, d2l.train_2d(gd_2d))""",
    """\
eta = 0.6
d2l.show_trace_2d(f_2d, d2l.train_2d(gd_2d))""",
    """\
def momentum_2d(x1, x2, v1, v2):
    v1 = beta * v1 + 0.2 * x1
    v2 = beta * v2 + 4 * x2
    return x1 - eta * v1, x2 - eta * v2, v1, v2

eta, beta = 0.6, 0.5
d2l.show_trace_2d(f_2d, d2l.train_2d(momentum_2d))""",
    """\
eta, beta = 0.6, 0.25
d2l.show_trace_2d(f_2d, d2l.train_2d(momentum_2d))""",
    """\
d2l.set_figsize()
betas = [0.95, 0.9, 0.6, 0]
for beta in betas:
    x = d2l.numpy(d2l.arange(40))
    d2l.plt.plot(x, beta ** x, label=f'beta = {beta:.2f}')
d2l.plt.xlabel('time')
d2l.plt.legend();""",
    """\
def init_momentum_states(feature_dim):
    v_w = d2l.zeros((feature_dim, 1))
    v_b = d2l.zeros(1)
    return (v_w, v_b)

def sgd_momentum(params, states, hyperparams):
    for p, v in zip(params, states):
        v[:] = hyperparams['momentum'] * v + p.grad
        p[:] -= hyperparams['lr'] * v""",
    """\
def train_momentum(lr, momentum, num_epochs=2):
    d2l.train_ch11(sgd_momentum, init_momentum_states(feature_dim),
                   {'lr': lr, 'momentum': momentum}, data_iter,
                   feature_dim, num_epochs)

data_iter, feature_dim = d2l.get_data_ch11(batch_size=10)
train_momentum(0.02, 0.5)""",
    "train_momentum(0.01, 0.9)",
    "train_momentum(0.005, 0.9)",
    """\
d2l.train_concise_ch11('sgd', {'learning_rate': 0.005, 'momentum': 0.9},
                       data_iter)""",
    """\
lambdas = [0.1, 1, 10, 19]
eta = 0.1
d2l.set_figsize((6, 4))
for lam in lambdas:
    t = d2l.numpy(d2l.arange(20))
    d2l.plt.plot(t, (1 - eta * lam) ** t, label=f'lambda = {lam:.2f}')
d2l.plt.xlabel('time')
d2l.plt.legend();""",
]

ADAGRAD = [
    _HEADER + "\nimport math",
    """\
def adagrad_2d(x1, x2, s1, s2):
    eps = 1e-6
    g1, g2 = 0.2 * x1, 4 * x2
    s1 += g1 ** 2
    s2 += g2 ** 2
    x1 -= eta / math.sqrt(s1 + eps) * g1
    x2 -= eta / math.sqrt(s2 + eps) * g2
    return x1, x2, s1, s2

def f_2d(x1, x2):
    return 0.1 * x1 ** 2 + 2 * x2 ** 2

eta = 0.4
d2l.show_trace_2d(f_2d, d2l.train_2d(adagrad_2d))""",
    """\
eta = 2
d2l.show_trace_2d(f_2d, d2l.train_2d(adagrad_2d))""",
    """\
def init_adagrad_states(feature_dim):
    s_w = d2l.zeros((feature_dim, 1))
    s_b = d2l.zeros(1)
    return (s_w, s_b)

def adagrad(params, states, hyperparams):
    eps = 1e-6
    for p, s in zip(params, states):
        s[:] += np.square(p.grad)
        p[:] -= hyperparams['lr'] * p.grad / np.sqrt(s + eps)""",
    """\
data_iter, feature_dim = d2l.get_data_ch11(batch_size=10)
d2l.train_ch11(adagrad, init_adagrad_states(feature_dim),
               {'lr': 0.1}, data_iter, feature_dim);""",
    """\
d2l.train_concise_ch11('adagrad', {'learning_rate': 0.1}, data_iter)""",
]

RMSPROP = [
    _HEADER + "\nimport math",
    """\
d2l.set_figsize()
gammas = [0.95, 0.9, 0.8, 0.7]
for gamma in gammas:
    x = d2l.numpy(d2l.arange(40))
    d2l.plt.plot(x, (1-gamma) * gamma ** x, label=f'gamma = {gamma:.2f}')
d2l.plt.xlabel('time');""",
    """\
def rmsprop_2d(x1, x2, s1, s2):
    g1, g2, eps = 0.2 * x1, 4 * x2, 1e-6
    s1 = gamma * s1 + (1 - gamma) * g1 ** 2
    s2 = gamma * s2 + (1 - gamma) * g2 ** 2
    x1 -= eta / math.sqrt(s1 + eps) * g1
    x2 -= eta / math.sqrt(s2 + eps) * g2
    return x1, x2, s1, s2

def f_2d(x1, x2):
    return 0.1 * x1 ** 2 + 2 * x2 ** 2

eta, gamma = 0.4, 0.9
d2l.show_trace_2d(f_2d, d2l.train_2d(rmsprop_2d))""",
    """\
def init_rmsprop_states(feature_dim):
    s_w = d2l.zeros((feature_dim, 1))
    s_b = d2l.zeros(1)
    return (s_w, s_b)

def rmsprop(params, states, hyperparams):
    gamma, eps = hyperparams['gamma'], 1e-6
    for p, s in zip(params, states):
        s[:] = gamma * s + (1 - gamma) * np.square(p.grad)
        p[:] -= hyperparams['lr'] * p.grad / np.sqrt(s + eps)""",
    """\
data_iter, feature_dim = d2l.get_data_ch11(batch_size=10)
d2l.train_ch11(rmsprop, init_rmsprop_states(feature_dim),
               {'lr': 0.01, 'gamma': 0.9}, data_iter, feature_dim);""",
    """\
d2l.train_concise_ch11('rmsprop', {'learning_rate': 0.01, 'gamma1': 0.9},
                       data_iter)""",
]

ADADELTA = [
    _HEADER,
    """\
def init_adadelta_states(feature_dim):
    s_w, s_b = d2l.zeros((feature_dim, 1)), d2l.zeros(1)
    delta_w, delta_b = d2l.zeros((feature_dim, 1)), d2l.zeros(1)
    return ((s_w, delta_w), (s_b, delta_b))

def adadelta(params, states, hyperparams):
    rho, eps = hyperparams['rho'], 1e-5
    for p, (s, delta) in zip(params, states):
        # in place, through [:]
        s[:] = rho * s + (1 - rho) * np.square(p.grad)
        g = (np.sqrt(delta + eps) / np.sqrt(s + eps)) * p.grad
        p[:] -= g
        delta[:] = rho * delta + (1 - rho) * g * g""",
    """\
data_iter, feature_dim = d2l.get_data_ch11(batch_size=10)
d2l.train_ch11(adadelta, init_adadelta_states(feature_dim),
               {'rho': 0.9}, data_iter, feature_dim);""",
    "d2l.train_concise_ch11('adadelta', {'rho': 0.9}, data_iter)",
]

ADAM = [
    _HEADER,
    """\
def init_adam_states(feature_dim):
    v_w, v_b = d2l.zeros((feature_dim, 1)), d2l.zeros(1)
    s_w, s_b = d2l.zeros((feature_dim, 1)), d2l.zeros(1)
    return ((v_w, s_w), (v_b, s_b))

def adam(params, states, hyperparams):
    beta1, beta2, eps = 0.9, 0.999, 1e-6
    for p, (v, s) in zip(params, states):
        v[:] = beta1 * v + (1 - beta1) * p.grad
        s[:] = beta2 * s + (1 - beta2) * np.square(p.grad)
        v_bias_corr = v / (1 - beta1 ** hyperparams['t'])
        s_bias_corr = s / (1 - beta2 ** hyperparams['t'])
        p[:] -= hyperparams['lr'] * v_bias_corr / (np.sqrt(s_bias_corr) + eps)
    hyperparams['t'] += 1""",
    """\
data_iter, feature_dim = d2l.get_data_ch11(batch_size=10)
d2l.train_ch11(adam, init_adam_states(feature_dim),
               {'lr': 0.01, 't': 1}, data_iter, feature_dim);""",
    "d2l.train_concise_ch11('adam', {'learning_rate': 0.01}, data_iter)",
    """\
def yogi(params, states, hyperparams):
    beta1, beta2, eps = 0.9, 0.999, 1e-3
    for p, (v, s) in zip(params, states):
        v[:] = beta1 * v + (1 - beta1) * p.grad
        s[:] = s + (1 - beta2) * np.sign(
            np.square(p.grad) - s) * np.square(p.grad)
        v_bias_corr = v / (1 - beta1 ** hyperparams['t'])
        s_bias_corr = s / (1 - beta2 ** hyperparams['t'])
        p[:] -= hyperparams['lr'] * v_bias_corr / (np.sqrt(s_bias_corr) + eps)
    hyperparams['t'] += 1

data_iter, feature_dim = d2l.get_data_ch11(batch_size=10)
d2l.train_ch11(yogi, init_adam_states(feature_dim),
               {'lr': 0.01, 't': 1}, data_iter, feature_dim);""",
]

GD_ZH = [SHOW_TRACE_2D_ZH if cell == SHOW_TRACE_2D else cell for cell in GD]

_TRAIN_WITH_SCHEDULER = """\
trainer = gluon.Trainer(net.collect_params(), 'sgd',
                        {'lr_scheduler': scheduler})
train(net, train_iter, test_iter, num_epochs, loss, trainer, device)"""

# The eleventh section trains LeNet on Fashion-MNIST (a download; the tests
# give it small idx files of their own through GLUON_OPT_DATA).
LR_SCHEDULER = [
    """\
%matplotlib inline
{import_d2l}
from mxnet import autograd, gluon, init, lr_scheduler, np, npx
from mxnet.gluon import nn
npx.set_np()

net = nn.HybridSequential()
net.add(nn.Conv2D(channels=6, kernel_size=5, padding=2, activation='relu'),
        nn.MaxPool2D(pool_size=2, strides=2),
        nn.Conv2D(channels=16, kernel_size=5, activation='relu'),
        nn.MaxPool2D(pool_size=2, strides=2),
        nn.Dense(120, activation='relu'),
        nn.Dense(84, activation='relu'),
        nn.Dense(10))
net.hybridize()
loss = gluon.loss.SoftmaxCrossEntropyLoss()
device = d2l.try_gpu()

batch_size = 256
train_iter, test_iter = d2l.load_data_fashion_mnist(batch_size=batch_size)

# train_ch6's loop with a trainer given from outside
def train(net, train_iter, test_iter, num_epochs, loss, trainer, device):
    net.initialize(force_reinit=True, ctx=device, init=init.Xavier())
    animator = d2l.Animator(xlabel='epoch', xlim=[0, num_epochs],
                            legend=['train loss', 'train acc', 'test acc'])
    for epoch in range(num_epochs):
        metric = d2l.Accumulator(3)  # loss sum, correct, examples
        for i, (X, y) in enumerate(train_iter):
            X, y = X.as_in_ctx(device), y.as_in_ctx(device)
            with autograd.record():
                y_hat = net(X)
                l = loss(y_hat, y)
            l.backward()
            trainer.step(X.shape[0])
            metric.add(l.sum(), d2l.accuracy(y_hat, y), X.shape[0])
            train_loss = metric[0] / metric[2]
            train_acc = metric[1] / metric[2]
            if (i + 1) % 50 == 0:
                animator.add(epoch + i / len(train_iter),
                             (train_loss, train_acc, None))
        test_acc = d2l.evaluate_accuracy_gpu(net, test_iter)
        animator.add(epoch + 1, (None, None, test_acc))
    print(f'train loss {train_loss:.3f}, train acc {train_acc:.3f}, '
          f'test acc {test_acc:.3f}')""",
    """\
lr, num_epochs = 0.3, 30
net.initialize(force_reinit=True, ctx=device, init=init.Xavier())
trainer = gluon.Trainer(net.collect_params(), 'sgd', {'learning_rate': lr})
train(net, train_iter, test_iter, num_epochs, loss, trainer, device)""",
    """\
trainer.set_learning_rate(0.1)
print(f'learning rate is now {trainer.learning_rate:.2f}')""",
    """\
class SquareRootScheduler:
    def __init__(self, lr=0.1):
        self.lr = lr

    def __call__(self, num_update):
        return self.lr * pow(num_update + 1.0, -0.5)""",
    """\
scheduler = SquareRootScheduler(lr=0.1)
d2l.plot(d2l.arange(num_epochs), [scheduler(t) for t in range(num_epochs)])""",
    _TRAIN_WITH_SCHEDULER,
    """\
class FactorScheduler:
    def __init__(self, factor=1, stop_factor_lr=1e-7, base_lr=0.1):
        self.factor = factor
        self.stop_factor_lr = stop_factor_lr
        self.base_lr = base_lr

    def __call__(self, num_update):
        self.base_lr = max(self.stop_factor_lr, self.base_lr * self.factor)
        return self.base_lr

scheduler = FactorScheduler(factor=0.9, stop_factor_lr=1e-2, base_lr=2.0)
d2l.plot(d2l.arange(50), [scheduler(t) for t in range(50)])""",
    """\
scheduler = lr_scheduler.MultiFactorScheduler(step=[15, 30], factor=0.5,
                                              base_lr=0.5)
d2l.plot(d2l.arange(num_epochs), [scheduler(t) for t in range(num_epochs)])""",
    _TRAIN_WITH_SCHEDULER,
    """\
scheduler = lr_scheduler.CosineScheduler(max_update=20, base_lr=0.3,
                                         final_lr=0.01)
d2l.plot(d2l.arange(num_epochs), [scheduler(t) for t in range(num_epochs)])""",
    _TRAIN_WITH_SCHEDULER,
    """\
scheduler = lr_scheduler.CosineScheduler(20, warmup_steps=5, base_lr=0.3,
                                         final_lr=0.01)
d2l.plot(np.arange(num_epochs), [scheduler(t) for t in range(num_epochs)])""",
    _TRAIN_WITH_SCHEDULER,
]

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

# Each edition's eleven sections. Where d2l-zh 2.0.0 makes the same calls as
# d2l-en 1.0.3 (eight sections: they differ in comments and prose only), it
# holds the same transcription.
EN, ZH = "d2l-en 1.0.3", "d2l-zh 2.0.0"
EDITIONS = {
    EN: {**SECTIONS, "lr-scheduler": LR_SCHEDULER},
    ZH: {**SECTIONS, "gd": GD_ZH, "minibatch-sgd": MINIBATCH_SGD_ZH,
         "lr-scheduler": LR_SCHEDULER},
}


def cells(name, import_d2l, edition=EN):
    """The code cells of section `name` of `edition`, importing d2l with
    `import_d2l`."""
    return [cell.replace(IMPORT_PLACEHOLDER, import_d2l)
            for cell in EDITIONS[edition][name]]


def notebook(name, import_d2l, until=None, edition=EN):
    """Section `name` as an nbformat notebook (code cells only); with
    `until`, only the cells before that one."""
    sources = cells(name, import_d2l, edition)
    if until is not None:
        sources = sources[:EDITIONS[edition][name].index(until)]
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(source) for source in sources])


def floor_notebook(name):
    """What section `name` (d2l-en) costs whichever d2l it imports: its
    header cell without the d2l import (a kernel that imports MXNet and sets
    up matplotlib inline) and, for minibatch-sgd, the cells before its
    training (the matrix products, timed by the section's own Timer)."""
    header, *rest = cells(name, "")
    sources = ["\n".join(line for line in header.splitlines() if line)]
    if name == "minibatch-sgd":
        sources += rest[:SECTIONS[name].index(MINIBATCH_SGD_TRAINING) - 1]
    if "d2l" in "\n".join(sources):  # the transcription changed under us
        raise RuntimeError(f"the floor of {name} still calls d2l")
    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(source) for source in sources])


def script(names, import_d2l, between="", replace=None, edition=EN):
    """The sections `names` of `edition` as one Python script (IPython
    magics dropped), each section starting with a line
    `# section EDITION/NAME` and followed by the code in `between`;
    `replace` maps a cell to the code run instead."""
    parts = []
    replace = replace or {}
    for name in names:
        code = "\n".join(replace.get(cell, cell)
                         for cell in cells(name, import_d2l, edition))
        code = "\n".join(line for line in code.splitlines()
                         if not line.startswith("%"))
        parts.append(f"print('# section {edition}/{name}', flush=True)\n"
                     f"{code}\n{between}")
    return "\n".join(parts)
