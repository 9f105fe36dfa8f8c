"""Numbers that the lessons' prose quotes from their own runs, held to the runs.

A sentence such as "x₂ ends at 1.2e-3" is a claim about what the notebook
computes. Each Quote names the words as they stand in the notebook's markdown
(the number among them, written as the reader sees it), the number itself,
an expression evaluated in the executed notebook's namespace, and the
absolute tolerance the two must agree within. Then a change of seed or of
library cannot silently make a sentence false.

`conftest.execute_notebook` checks the quotes of every notebook it executes,
so each test that runs a notebook holds its prose too; `tests/test_quotes.py`
checks, without running anything, that the words still stand in the markdown.

Keys are paths under notebooks/ ("adam.ipynb", "solutions/adam.ipynb",
"zh/adam.ipynb", "zh/solutions/adam.ipynb").
"""
from typing import NamedTuple


class Quote(NamedTuple):
    words: str    # as in the markdown, the number included
    number: str   # the number as written inside `words`
    expr: str     # evaluated in the executed notebook
    tol: float    # |float(number) - value| <= tol


QUOTES = {
    # One block per lesson (lesson, solutions, their Chinese twins); blank
    # lines keep each entry apart.
    "optimization-intro.ipynb": [
        Quote('local minimum $x \\approx -0.27$', '-0.27', 'float(ends[0])', 0.005),
        Quote('$f \\approx -0.18$', '-0.18', 'float(ends[0] * np.cos(np.pi * ends[0]))', 0.005),
        Quote('the global one, $x \\approx 1.09$', '1.09', 'float(ends[5])', 0.005),
        Quote('$f \\approx -1.05$', '-1.05', 'float(ends[5] * np.cos(np.pi * ends[5]))', 0.005),
        Quote('still at $x = 0.061$', '0.061', 'x_cubic', 0.0005),
        Quote('a gradient of\n0.011', '0.011', '3 * x_cubic ** 2', 0.0005),
        Quote('$1.2^{50} \\approx 9100$', '9100', 'x2 / 1e-6', 1),
        Quote('$x_2 = 0.0091$', '0.0091', 'x2', 5e-05),
        Quote('autograd gives 0.0013', '0.0013', 'float(x_tanh.grad.asscalar())', 5e-05),
    ],

    "solutions/optimization-intro.ipynb": [
        Quote('local minimum $x \\approx -0.274$', '-0.274', 'float(last_two[1][0])', 0.0005),
        Quote('$x \\approx 0.815$', '0.815', 'float(min(last_two[0][5], last_two[1][5]))', 0.0005),
        Quote('$x \\approx 1.263$', '1.263', 'float(max(last_two[0][5], last_two[1][5]))', 0.0005),
        Quote("$f'' \\approx 12.08$", '12.08', 'float(curvature[1])', 0.005),
        Quote('the limit is $0.166$', '0.166', 'float(2 / curvature[1])', 0.0005),
        Quote("$f'' \\approx 6.53$", '6.53', 'float(curvature[0])', 0.005),
        Quote('the limit $0.306$', '0.306', 'float(2 / curvature[0])', 0.0005),
        Quote('that is\n$t > \\ln(10^6)/\\ln(1.2) = 75.8$', '75.8', 'float(np.log(1e6) / np.log(1.2))', 0.05),
        Quote('76 steps, which is what the loop measures', '76', 'steps', 0),
        Quote('to float32 precision: 0.00033', '0.00033', 'float(x.grad.asscalar())', 5e-06),
        Quote('saturated (0.00134)', '0.00134', 'float(local[0])', 5e-06),
        Quote('multiply by 0.42', '0.42', 'float(local[1])', 0.005),
        Quote('and 0.59', '0.59', 'float(local[2])', 0.005),
    ],

    "zh/optimization-intro.ipynb": [
        Quote('局部最小值 $x \\approx -0.27$', '-0.27', 'float(ends[0])', 0.005),
        Quote('$f \\approx -0.18$', '-0.18', 'float(ends[0] * np.cos(np.pi * ends[0]))', 0.005),
        Quote('全局最小值 $x \\approx 1.09$', '1.09', 'float(ends[5])', 0.005),
        Quote('$f \\approx -1.05$', '-1.05', 'float(ends[5] * np.cos(np.pi * ends[5]))', 0.005),
        Quote('仍在 $x = 0.061$ 处', '0.061', 'x_cubic', 0.0005),
        Quote('梯度为 0.011', '0.011', '3 * x_cubic ** 2', 0.0005),
        Quote('$1.2^{50} \\approx 9100$', '9100', 'x2 / 1e-6', 1),
        Quote('$x_2 = 0.0091$', '0.0091', 'x2', 5e-05),
        Quote('自动微分给出 0.0013', '0.0013', 'float(x_tanh.grad.asscalar())', 5e-05),
    ],

    "zh/solutions/optimization-intro.ipynb": [
        Quote('局部最小值 $x \\approx -0.274$', '-0.274', 'float(last_two[1][0])', 0.0005),
        Quote('$x \\approx 0.815$', '0.815', 'float(min(last_two[0][5], last_two[1][5]))', 0.0005),
        Quote('$x \\approx 1.263$', '1.263', 'float(max(last_two[0][5], last_two[1][5]))', 0.0005),
        Quote("$f'' \\approx 12.08$", '12.08', 'float(curvature[1])', 0.005),
        Quote('上限是 $0.166$', '0.166', 'float(2 / curvature[1])', 0.0005),
        Quote("$f'' \\approx 6.53$", '6.53', 'float(curvature[0])', 0.005),
        Quote('上限 $0.306$', '0.306', 'float(2 / curvature[0])', 0.0005),
        Quote('$t > \\ln(10^6)/\\ln(1.2) = 75.8$', '75.8', 'float(np.log(1e6) / np.log(1.2))', 0.05),
        Quote('需要 76 步', '76', 'steps', 0),
        Quote('float32精度内与这个乘积一致：0.00033', '0.00033', 'float(x.grad.asscalar())', 5e-06),
        Quote('饱和（0.00134）', '0.00134', 'float(local[0])', 5e-06),
        Quote('乘以0.42', '0.42', 'float(local[1])', 0.005),
        Quote('和0.59', '0.59', 'float(local[2])', 0.005),
    ],

    "convexity.ipynb": [
        Quote('The gap comes out at 4.03', '4.03', 'float(mean_of_square - square_of_mean)', 0.005),
        Quote('the condition number 12.1', '12.1', 'float(eigenvalues.max() / eigenvalues.min())', 0.05),
    ],

    "solutions/convexity.ipynb": [
        Quote('$\\mathbb{E}[e^X] \\approx 18.55$', '18.55', 'float(mean_of_exp)', 0.005),
        Quote('$e^{\\mathbb{E}[X]} \\approx 2.74$', '2.74', 'float(exp_of_mean)', 0.005),
        Quote('falls short by about 8%', '8', 'float(100 * (1 - mean_of_exp / np.exp(3)))', 0.5),
        Quote('10,000 draws is 1.47', '1.47', 'float(standard_error)', 0.005),
        Quote('ranges from 17.93', '17.93', 'float(means_by_seed.min())', 0.005),
        Quote('to 23.01', '23.01', 'float(means_by_seed.max())', 0.005),
        Quote('in 11 of them', '11', 'int((means_by_seed < np.exp(3)).sum())', 0),
        Quote('so 66 steps', '66', 'steps_for_1000', 0),
        Quote('= 0.476$', '0.476', 'float(best_eta)', 0.0005),
        Quote('19/21 \\approx 0.905', '0.905', 'float(best_factor)', 0.0005),
        Quote('70 steps\nto shrink everything', '70', 'best_steps', 0),
    ],

    "zh/convexity.ipynb": [
        Quote('两边之差为 4.03', '4.03', 'float(mean_of_square - square_of_mean)', 0.005),
        Quote('条件数 12.1', '12.1', 'float(eigenvalues.max() / eigenvalues.min())', 0.05),
    ],

    "zh/solutions/convexity.ipynb": [
        Quote('$\\mathbb{E}[e^X] \\approx 18.55$', '18.55', 'float(mean_of_exp)', 0.005),
        Quote('$e^{\\mathbb{E}[X]} \\approx 2.74$', '2.74', 'float(exp_of_mean)', 0.005),
        Quote('偏低约 8%', '8', 'float(100 * (1 - mean_of_exp / np.exp(3)))', 0.5),
        Quote('标准误是 1.47', '1.47', 'float(standard_error)', 0.005),
        Quote('从 17.93', '17.93', 'float(means_by_seed.min())', 0.005),
        Quote('到 23.01', '23.01', 'float(means_by_seed.max())', 0.005),
        Quote('有 11 个低于', '11', 'int((means_by_seed < np.exp(3)).sum())', 0),
        Quote('也就是 66 步', '66', 'steps_for_1000', 0),
        Quote('= 0.476$', '0.476', 'float(best_eta)', 0.0005),
        Quote('19/21 \\approx 0.905', '0.905', 'float(best_factor)', 0.0005),
        Quote('需要 70 步', '70', 'best_steps', 0),
    ],

    "linear-regression.ipynb": [
        Quote('from about 16.3 at the\nstart', '16.3', 'float((labels ** 2 / 2).mean().asscalar())', 0.05),
        Quote('to 0.040 after 100 updates', '0.040', 'float(scratch_losses[0])', 0.0005),
        Quote('By the third epoch it is 0.000046', '0.000046', 'float(scratch_losses[2])', 5e-07),
        Quote('within a hair of that loss, 0.000045', '0.000045', 'float(best_loss)', 5e-07),
    ],

    "solutions/linear-regression.ipynb": [
        Quote('end at\na loss of 2.77', '2.77', 'float(final_by_lr[0.003])', 0.005),
        Quote('removes about 45%', '45', 'float(100 * (1 - losses_by_lr[0.003][2] / losses_by_lr[0.003][1]))', 0.5),
        Quote('after 30 epochs at 0.003 the loss is 0.000046', '0.000046', 'float(slow_losses[-1])', 1.5e-06),
        Quote('at the noise floor (0.000046)', '0.000046', 'float(final_by_batch[1])', 5e-07),
        Quote('barely started (8.96)', '8.96', 'float(final_by_batch[100])', 0.005),
        Quote('after one epoch (9.03)', '9.03', 'float(mean_loss_step_10)', 0.005),
        Quote('within about 0.0008 of', '0.0008', 'float(sgd_to_exact)', 5e-05),
        Quote('about 0.0005 from the true', '0.0005', 'float(exact_to_truth)', 5e-05),
    ],

    "zh/linear-regression.ipynb": [
        Quote('从开始时的约 16.3', '16.3', 'float((labels ** 2 / 2).mean().asscalar())', 0.05),
        Quote('100次更新后的 0.040', '0.040', 'float(scratch_losses[0])', 0.0005),
        Quote('到第三个迭代周期损失为 0.000046', '0.000046', 'float(scratch_losses[2])', 5e-07),
        Quote('这个损失 0.000045', '0.000045', 'float(best_loss)', 5e-07),
    ],

    "zh/solutions/linear-regression.ipynb": [
        Quote('3个迭代周期后损失为 2.77', '2.77', 'float(final_by_lr[0.003])', 0.005),
        Quote('约 45%', '45', 'float(100 * (1 - losses_by_lr[0.003][2] / losses_by_lr[0.003][1]))', 0.5),
        Quote('30个迭代周期后损失为 0.000046', '0.000046', 'float(slow_losses[-1])', 1.5e-06),
        Quote('噪声下限（0.000046）', '0.000046', 'float(final_by_batch[1])', 5e-07),
        Quote('刚刚起步（8.96）', '8.96', 'float(final_by_batch[100])', 0.005),
        Quote('损失（9.03）', '9.03', 'float(mean_loss_step_10)', 0.005),
        Quote('相差约 0.0008', '0.0008', 'float(sgd_to_exact)', 5e-05),
        Quote('相差约 0.0005', '0.0005', 'float(exact_to_truth)', 5e-05),
    ],

    "gd-sgd.ipynb": [
        Quote('$10 \\cdot 0.6^{10} = 0.0605$', '0.0605', 'res[-1]', 5e-05),
        Quote('$10 \\cdot 0.9^{10} = 3.49$', '3.49', 'res_small[-1]', 0.005),
        Quote('$|x| = 10 \\cdot 1.2^{10} = 61.9$', '61.9', 'abs(res_large[-1])', 0.05),
        Quote('$x_1 = -5 \\cdot 0.8^{20} = -0.0576$', '-0.0576', 'results[-1][0]', 5e-05),
        Quote('after five steps $x_2 = -0.156$', '-0.156', 'results[5][1]', 0.0005),
        Quote('while $x_1 = -1.64$', '-1.64', 'results[5][0]', 0.005),
    ],

    "solutions/gd-sgd.ipynb": [
        Quote('mean distance is 1.08', '1.08', "float(mean_distance['decaying', 20])", 0.005),
        Quote('against 0.18 with the constant rate', '0.18', "float(mean_distance['constant', 20])", 0.005),
        Quote('by its noise (0.166)', '0.166', "float(mean_distance['constant', 1000])", 0.0005),
        Quote('sits at 0.051', '0.051', "float(mean_distance['decaying', 1000])", 0.0005),
        Quote('lands at $(-0.048, -0.024)$', '-0.048', 'float(average[0])', 0.0005),
        Quote('$(-0.048, -0.024)$', '-0.024', 'float(average[1])', 0.0005),
    ],

    "zh/gd-sgd.ipynb": [
        Quote('$10 \\cdot 0.6^{10} = 0.0605$', '0.0605', 'res[-1]', 5e-05),
        Quote('$10 \\cdot 0.9^{10} = 3.49$', '3.49', 'res_small[-1]', 0.005),
        Quote('$|x| = 10 \\cdot 1.2^{10} = 61.9$', '61.9', 'abs(res_large[-1])', 0.05),
        Quote('$x_1 = -5 \\cdot 0.8^{20} = -0.0576$', '-0.0576', 'results[-1][0]', 5e-05),
        Quote('五步之后 $x_2 = -0.156$', '-0.156', 'results[5][1]', 0.0005),
        Quote('而 $x_1 = -1.64$', '-1.64', 'results[5][0]', 0.005),
    ],

    "zh/solutions/gd-sgd.ipynb": [
        Quote('平均距离为 1.08', '1.08', "float(mean_distance['decaying', 20])", 0.005),
        Quote('恒定学习率为 0.18', '0.18', "float(mean_distance['constant', 20])", 0.005),
        Quote('抖动（0.166）', '0.166', "float(mean_distance['constant', 1000])", 0.0005),
        Quote('停在 0.051', '0.051', "float(mean_distance['decaying', 1000])", 0.0005),
        Quote('落在 $(-0.048, -0.024)$', '-0.048', 'float(average[0])', 0.0005),
        Quote('$(-0.048, -0.024)$', '-0.024', 'float(average[1])', 0.0005),
    ],

    "minibatch-sgd.ipynb": [
    ],

    "solutions/minibatch-sgd.ipynb": [
    ],

    "zh/minibatch-sgd.ipynb": [
    ],

    "zh/solutions/minibatch-sgd.ipynb": [
    ],

    "momentum-scratch.ipynb": [
    ],

    "solutions/momentum-scratch.ipynb": [
    ],

    "zh/momentum-scratch.ipynb": [
    ],

    "zh/solutions/momentum-scratch.ipynb": [
    ],

    "momentum-gluon.ipynb": [
    ],

    "solutions/momentum-gluon.ipynb": [
    ],

    "zh/momentum-gluon.ipynb": [
    ],

    "zh/solutions/momentum-gluon.ipynb": [
    ],

    "adagrad.ipynb": [
    ],

    "solutions/adagrad.ipynb": [
    ],

    "zh/adagrad.ipynb": [
    ],

    "zh/solutions/adagrad.ipynb": [
    ],

    "rmsprop.ipynb": [
    ],

    "solutions/rmsprop.ipynb": [
    ],

    "zh/rmsprop.ipynb": [
    ],

    "zh/solutions/rmsprop.ipynb": [
    ],

    "adadelta.ipynb": [
    ],

    "solutions/adadelta.ipynb": [
    ],

    "zh/adadelta.ipynb": [
    ],

    "zh/solutions/adadelta.ipynb": [
    ],

    "adam.ipynb": [
    ],

    "solutions/adam.ipynb": [
    ],

    "zh/adam.ipynb": [
    ],

    "zh/solutions/adam.ipynb": [
    ],

    "lr-scheduler.ipynb": [
    ],

    "solutions/lr-scheduler.ipynb": [
    ],

    "zh/lr-scheduler.ipynb": [
    ],

    "zh/solutions/lr-scheduler.ipynb": [
    ],

    "module-lr-scheduler.ipynb": [
    ],

    "solutions/module-lr-scheduler.ipynb": [
    ],

    "zh/module-lr-scheduler.ipynb": [
    ],

    "zh/solutions/module-lr-scheduler.ipynb": [
    ],

    "optimizer-comparison.ipynb": [
    ],

    "solutions/optimizer-comparison.ipynb": [
    ],

    "zh/optimizer-comparison.ipynb": [
    ],

    "zh/solutions/optimizer-comparison.ipynb": [
    ],

    "mnist-momentum.ipynb": [
    ],

    "solutions/mnist-momentum.ipynb": [
    ],

    "zh/mnist-momentum.ipynb": [
    ],

    "zh/solutions/mnist-momentum.ipynb": [
    ],

    "distributed.ipynb": [
    ],

    "solutions/distributed.ipynb": [
    ],

    "zh/distributed.ipynb": [
    ],

    "zh/solutions/distributed.ipynb": [
    ],
}


def quote_value(number):
    """The float a quoted number stands for ("1.2e-3", "0.2436", "−7", "161")."""
    return float(number.replace("−", "-").replace(",", "").replace("×10^", "e"))


def check(name, values):
    """Compare notebook NAME's quotes with `values`, expression -> value."""
    for quote in QUOTES.get(name, []):
        value = values[quote.expr]
        assert abs(quote_value(quote.number) - float(value)) <= quote.tol, (
            f"{name}: the prose says {quote.words!r}, the run gives "
            f"{quote.expr} = {value!r} (tolerance {quote.tol})")
