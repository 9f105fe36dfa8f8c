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
        Quote("exact minimum of\nthis convex problem, 0.2417", "0.2417", "best_loss", 5e-5),
        Quote("All four end between 0.243 and 0.247", "0.243",
              "min(h.final_loss for h in runs.values())", 1e-3),
        Quote("All four end between 0.243 and 0.247", "0.247",
              "max(h.final_loss for h in runs.values())", 1e-3),
        Quote("move the final loss by 0.0041", "0.0041", "max(finals) - min(finals)", 5e-5),
        Quote("(from 0.243887 to 0.248005)", "0.243887", "min(finals)", 5e-7),
        Quote("(from 0.243887 to 0.248005)", "0.248005", "max(finals)", 5e-7),
    ],

    "solutions/minibatch-sgd.ipynb": [
        Quote("leave the loss at 0.28", "0.28", "batch_100[0.05]", 5e-3),
        Quote("0.2 reaches 0.2435", "0.2435", "batch_100[0.2]", 5e-5),
        Quote("on seed 0 from 0.0127 to\n0.0053", "0.0127", "summary['constant']['spread'][0]", 5e-5),
        Quote("on seed 0 from 0.0127 to\n0.0053", "0.0053", "summary['decayed']['spread'][0]", 5e-5),
        Quote("on seed 0 at 0.2431 against 0.2439", "0.2431", "decayed.final_loss", 5e-5),
        Quote("on seed 0 at 0.2431 against 0.2439", "0.2439", "constant.final_loss", 5e-5),
        Quote("eigenvalue of the loss is 2.098", "2.098", "largest", 5e-4),
        Quote("$\\eta < 2/2.098 = 0.953$", "0.953", "2 / largest", 5e-4),
    ],

    "zh/minibatch-sgd.ipynb": [
        Quote("精确最小值0.2417", "0.2417", "best_loss", 5e-5),
        Quote("都结束在0.243与0.247之间", "0.243", "min(h.final_loss for h in runs.values())", 1e-3),
        Quote("都结束在0.243与0.247之间", "0.247", "max(h.final_loss for h in runs.values())", 1e-3),
        Quote("最终损失相差0.0041", "0.0041", "max(finals) - min(finals)", 5e-5),
        Quote("（从0.243887到0.248005）", "0.243887", "min(finals)", 5e-7),
        Quote("（从0.243887到0.248005）", "0.248005", "max(finals)", 5e-7),
    ],

    "zh/solutions/minibatch-sgd.ipynb": [
        Quote("损失停在0.28", "0.28", "batch_100[0.05]", 5e-3),
        Quote("学习率0.2达到0.2435", "0.2435", "batch_100[0.2]", 5e-5),
        Quote("种子0上从0.0127降到0.0053", "0.0127", "summary['constant']['spread'][0]", 5e-5),
        Quote("种子0上从0.0127降到0.0053", "0.0053", "summary['decayed']['spread'][0]", 5e-5),
        Quote("种子0上为0.2431对0.2439", "0.2431", "decayed.final_loss", 5e-5),
        Quote("种子0上为0.2431对0.2439", "0.2439", "constant.final_loss", 5e-5),
        Quote("最大特征值为2.098", "2.098", "largest", 5e-4),
        Quote("$\\eta < 2/2.098 = 0.953$", "0.953", "2 / largest", 5e-4),
    ],

    "momentum-scratch.ipynb": [
        Quote("ends at 1.2e-3 in magnitude", "1.2e-3", "x2_end_momentum", 5e-5),
        Quote("against 7.3e-5 for gradient descent", "7.3e-5", "x2_end_gd", 5e-7),
        Quote("gradient descent\n0.92 and 0.6", "0.92", "factors_at_04['gd'][0]", 5e-3),
        Quote("gradient descent\n0.92 and 0.6", "0.6", "factors_at_04['gd'][1]", 5e-2),
        Quote("momentum 0.774 and 0.707", "0.774", "factors_at_04['momentum'][0]", 5e-4),
        Quote("momentum 0.774 and 0.707", "0.707", "factors_at_04['momentum'][1]", 5e-4),
        Quote("$\\gamma^* = 0.4026$", "0.4026", "gamma_opt", 5e-5),
        Quote("$\\eta^* = 0.6679$", "0.6679", "eta_opt", 5e-5),
        Quote("the factor is 0.6345 against\n0.9048", "0.6345", "rate_momentum_best", 5e-5),
        Quote("the factor is 0.6345 against\n0.9048", "0.9048", "rate_gd_best", 5e-5),
        Quote("needs 9.99 steps per factor $e$", "9.99", "steps_per_e['gd']", 5e-3),
        Quote("momentum 2.20, a\nratio of 4.55", "2.20", "steps_per_e['momentum']", 5e-3),
        Quote("momentum 2.20, a\nratio of 4.55", "4.55",
              "steps_per_e['gd'] / steps_per_e['momentum']", 5e-3),
        Quote("still 0.7276 from the minimum", "0.7276", "distance['gd best']", 5e-5),
        Quote("optimal momentum 0.0089", "0.0089", "distance['momentum optimal']", 5e-5),
        Quote("about as close, 0.0076", "0.0076", "distance['momentum 0.6, 0.5']", 5e-5),
        Quote("ends at $x_2 = -44.7$", "-44.7", "nag_ends[0.4][1]", 0.05),
        Quote("$x_1 = -0.568$", "-0.568", "nag_ends[0.25][0]", 5e-4),
        Quote("$x_2 = 0$ exactly", "0", "nag_ends[0.25][1]", 0),
        Quote("ends at $(-0.523, -0.0017)$", "-0.523", "results_heavy_ball_025[-1][0]", 5e-4),
        Quote("ends at $(-0.523, -0.0017)$", "-0.0017", "results_heavy_ball_025[-1][1]", 5e-5),
        Quote("(factor 0.885 against 0.893)", "0.885", "heavy_ball_factor(0.25 * 0.2, 0.5)", 5e-4),
        Quote("(factor 0.885 against 0.893)", "0.893", "nesterov_factor(0.25 * 0.2, 0.5)", 5e-4),
        Quote("it ends at 0.2555", "0.2555", "mean_final[0.02, 0.9]", 5e-5),
        Quote("against 0.2444 and 0.2438", "0.2444", "mean_final[0.02, 0.5]", 5e-5),
        Quote("against 0.2444 and 0.2438", "0.2438", "mean_final[0.004, 0.9]", 5e-5),
    ],

    "solutions/momentum-scratch.ipynb": [
        Quote("at $(-1.45, 0.72)$", "-1.45", "results[-1][0]", 5e-3),
        Quote("at $(-1.45, 0.72)$", "0.72", "results[-1][1]", 5e-3),
        Quote("$|z| = \\sqrt{0.9} \\approx 0.949$", "0.949", "factors_09[0.2]", 5e-4),
        Quote("$|z| = \\sqrt{0.9} \\approx 0.949$", "0.949", "factors_09[4]", 5e-4),
        Quote("$x_2$ changes sign 8 times", "8", "sign_changes[1]", 0),
        Quote("it climbs to 2.811", "2.811", "path[:, 0].max()", 5e-4),
        Quote("changing sign 2\ntimes", "2", "sign_changes[0]", 0),
        Quote("= 0.514$", "0.514", "(1 - np.sqrt(0.4 * 0.2)) ** 2", 5e-4),
        Quote("The four means are 0.2448", "0.2448", "finals[0]", 5e-5),
        Quote("0.2448, 0.2448, 0.2446", "0.2448", "finals[0.5]", 5e-5),
        Quote("0.2448, 0.2446 and 0.2436", "0.2446", "finals[0.9]", 5e-5),
        Quote("0.2446 and 0.2436", "0.2436", "finals[0.95]", 5e-5),
        Quote("$|x_2| = 0.00738$", "0.00738", "x2_ends['heavy ball', 0.7]", 5e-6),
        Quote("it grows to 1022", "1022", "x2_ends['heavy ball', 0.8]", 0.5),
        Quote("$\\eta = 0.35$ leaves 0.0734", "0.0734", "x2_ends['nesterov', 0.35]", 5e-5),
        Quote("it reaches 44.7", "44.7", "x2_ends['nesterov', 0.4]", 0.05),
    ],

    "zh/momentum-scratch.ipynb": [
        Quote("最终的绝对值为1.2e-3", "1.2e-3", "x2_end_momentum", 5e-5),
        Quote("梯度下降只有7.3e-5", "7.3e-5", "x2_end_gd", 5e-7),
        Quote("梯度下降0.92和0.6", "0.92", "factors_at_04['gd'][0]", 5e-3),
        Quote("梯度下降0.92和0.6", "0.6", "factors_at_04['gd'][1]", 5e-2),
        Quote("动量法0.774和0.707", "0.774", "factors_at_04['momentum'][0]", 5e-4),
        Quote("动量法0.774和0.707", "0.707", "factors_at_04['momentum'][1]", 5e-4),
        Quote("$\\gamma^* = 0.4026$", "0.4026", "gamma_opt", 5e-5),
        Quote("$\\eta^* = 0.6679$", "0.6679", "eta_opt", 5e-5),
        Quote("因子为0.6345，梯度下降为0.9048", "0.6345", "rate_momentum_best", 5e-5),
        Quote("因子为0.6345，梯度下降为0.9048", "0.9048", "rate_gd_best", 5e-5),
        Quote("梯度下降需要9.99步", "9.99", "steps_per_e['gd']", 5e-3),
        Quote("动量法需要2.20步", "2.20", "steps_per_e['momentum']", 5e-3),
        Quote("二者之比为4.55", "4.55", "steps_per_e['gd'] / steps_per_e['momentum']", 5e-3),
        Quote("离最小值仍有0.7276", "0.7276", "distance['gd best']", 5e-5),
        Quote("最优动量法只有0.0089", "0.0089", "distance['momentum optimal']", 5e-5),
        Quote("差不多同样近，为0.0076", "0.0076", "distance['momentum 0.6, 0.5']", 5e-5),
        Quote("终点为 $x_2 = -44.7$", "-44.7", "nag_ends[0.4][1]", 0.05),
        Quote("$x_1 = -0.568$", "-0.568", "nag_ends[0.25][0]", 5e-4),
        Quote("终点恰好 $x_2 = 0$", "0", "nag_ends[0.25][1]", 0),
        Quote("终点为 $(-0.523, -0.0017)$", "-0.523", "results_heavy_ball_025[-1][0]", 5e-4),
        Quote("终点为 $(-0.523, -0.0017)$", "-0.0017", "results_heavy_ball_025[-1][1]", 5e-5),
        Quote("因子0.885对0.893", "0.885", "heavy_ball_factor(0.25 * 0.2, 0.5)", 5e-4),
        Quote("因子0.885对0.893", "0.893", "nesterov_factor(0.25 * 0.2, 0.5)", 5e-4),
        Quote("它结束于0.2555", "0.2555", "mean_final[0.02, 0.9]", 5e-5),
        Quote("另两种为0.2444和0.2438", "0.2444", "mean_final[0.02, 0.5]", 5e-5),
        Quote("另两种为0.2444和0.2438", "0.2438", "mean_final[0.004, 0.9]", 5e-5),
    ],

    "zh/solutions/momentum-scratch.ipynb": [
        Quote("在 $(-1.45, 0.72)$", "-1.45", "results[-1][0]", 5e-3),
        Quote("在 $(-1.45, 0.72)$", "0.72", "results[-1][1]", 5e-3),
        Quote("$|z| = \\sqrt{0.9} \\approx 0.949$", "0.949", "factors_09[0.2]", 5e-4),
        Quote("$|z| = \\sqrt{0.9} \\approx 0.949$", "0.949", "factors_09[4]", 5e-4),
        Quote("变号8次", "8", "sign_changes[1]", 0),
        Quote("一直升到2.811", "2.811", "path[:, 0].max()", 5e-4),
        Quote("变号2次", "2", "sign_changes[0]", 0),
        Quote("= 0.514$", "0.514", "(1 - np.sqrt(0.4 * 0.2)) ** 2", 5e-4),
        Quote("四个平均值为0.2448", "0.2448", "finals[0]", 5e-5),
        Quote("0.2448、0.2448、0.2446", "0.2448", "finals[0.5]", 5e-5),
        Quote("0.2448、0.2446和0.2436", "0.2446", "finals[0.9]", 5e-5),
        Quote("0.2446和0.2436", "0.2436", "finals[0.95]", 5e-5),
        Quote("$|x_2| = 0.00738$", "0.00738", "x2_ends['heavy ball', 0.7]", 5e-6),
        Quote("增长到1022", "1022", "x2_ends['heavy ball', 0.8]", 0.5),
        Quote("时剩下0.0734", "0.0734", "x2_ends['nesterov', 0.35]", 5e-5),
        Quote("时达到44.7", "44.7", "x2_ends['nesterov', 0.4]", 0.05),
    ],

    "momentum-gluon.ipynb": [
        Quote("the loss falls from 17.42 to 0.0735", "17.42", "history_99_full.losses[0]", 5e-3),
        Quote("the loss falls from 17.42 to 0.0735", "0.0735", "history_99_full.final_loss", 5e-5),
        Quote("$0.995^{300} \\approx 0.22$", "0.22", "np.sqrt(0.99) ** 300", 5e-3),
        Quote("that is 94.8 times the spread", "94.8", "noise_gain", 0.05),
        Quote("reaches the floor at\nepoch 1.33", "1.33", "epoch_at_floor['0.9']", 5e-3),
        Quote("at epoch 0.2, a fifth", "0.2", "epoch_at_floor['0.5']", 5e-3),
    ],

    "solutions/momentum-gluon.ipynb": [
        Quote("(largest error 0.5614)", "0.5614", "error(runs[0.99, 0.01])", 5e-5),
        Quote("0.005 ends at 2.1902", "2.1902", "error(runs[0.99, 0.005])", 5e-5),
        Quote("shrinks only to 0.221", "0.221", "envelope[0.99]", 5e-4),
        Quote("after 300 steps is 1.4e-7", "1.4e-7", "envelope[0.9]", 5e-9),
        Quote("between 1.08 and 1.76", "1.08", "min(ratio_09)", 5e-3),
        Quote("between 1.08 and 1.76", "1.76", "max(ratio_09)", 5e-3),
        Quote("$\\sqrt{0.99 \\cdot 0.8} \\approx 0.890$", "0.890", "factor_nag", 5e-4),
        Quote("per step instead of 0.995", "0.995", "factor_sgd", 5e-4),
        Quote("to within 0.002", "0.002", "errors['nag']", 5e-4),
        Quote("0.242887 with learning rate 0.004", "0.242887", "gluon_finals[0.004]", 5e-7),
        Quote("0.246747 with\n0.02", "0.246747", "gluon_finals[0.02]", 5e-7),
    ],

    "zh/momentum-gluon.ipynb": [
        Quote("损失从17.42降到0.0735", "17.42", "history_99_full.losses[0]", 5e-3),
        Quote("损失从17.42降到0.0735", "0.0735", "history_99_full.final_loss", 5e-5),
        Quote("$0.995^{300} \\approx 0.22$", "0.22", "np.sqrt(0.99) ** 300", 5e-3),
        Quote("普通SGD的94.8倍", "94.8", "noise_gain", 0.05),
        Quote("在第1.33个迭代周期", "1.33", "epoch_at_floor['0.9']", 5e-3),
        Quote("在第0.2个迭代周期", "0.2", "epoch_at_floor['0.5']", 5e-3),
    ],

    "zh/solutions/momentum-gluon.ipynb": [
        Quote("（最大误差0.5614）", "0.5614", "error(runs[0.99, 0.01])", 5e-5),
        Quote("结束时误差为2.1902", "2.1902", "error(runs[0.99, 0.005])", 5e-5),
        Quote("只缩小到初值的0.221", "0.221", "envelope[0.99]", 5e-4),
        Quote("300步后的包络为1.4e-7", "1.4e-7", "envelope[0.9]", 5e-9),
        Quote("在1.08与1.76之间", "1.08", "min(ratio_09)", 5e-3),
        Quote("在1.08与1.76之间", "1.76", "max(ratio_09)", 5e-3),
        Quote("$\\sqrt{0.99 \\cdot 0.8} \\approx 0.890$", "0.890", "factor_nag", 5e-4),
        Quote("而不是0.995倍", "0.995", "factor_sgd", 5e-4),
        Quote("恢复到0.002以内", "0.002", "errors['nag']", 5e-4),
        Quote("学习率0.004时为0.242887", "0.242887", "gluon_finals[0.004]", 5e-7),
        Quote("0.02时为0.246747", "0.246747", "gluon_finals[0.02]", 5e-7),
    ],

    "adagrad.ipynb": [
        Quote("by at most 2.2e-6", "2.2e-6", "largest_difference", 5e-8),
        Quote("(AdaGrad at 0.2423 here)", "0.2423", "history.final_loss", 5e-5),
    ],

    "solutions/adagrad.ipynb": [
        Quote("273 steps, for a distance", "273", "steps", 0),
        Quote("$\\eta = 0.4$ covers in\n75", "75", "gd_steps", 0),
        Quote("to\n0.1053", "0.1053", "0.4 / (s1 + 1e-6) ** 0.5", 5e-5),
        Quote("The final loss, 0.2465", "0.2465", "batch_1.losses[-1]", 5e-5),
        Quote("the batch-10 run's 0.2423", "0.2423", "lr_runs['lr 0.1'].losses[-1]", 5e-5),
    ],

    "zh/adagrad.ipynb": [
        Quote("影响最多为2.2e-6", "2.2e-6", "largest_difference", 5e-8),
        Quote("（这里AdaGrad为0.2423）", "0.2423", "history.final_loss", 5e-5),
    ],

    "zh/solutions/adagrad.ipynb": [
        Quote("需要273步", "273", "steps", 0),
        Quote("梯度下降只要75步", "75", "gd_steps", 0),
        Quote("进一步降到了0.1053", "0.1053", "0.4 / (s1 + 1e-6) ** 0.5", 5e-5),
        Quote("最终损失为0.2465", "0.2465", "batch_1.losses[-1]", 5e-5),
        Quote("批量10的0.2423", "0.2423", "lr_runs['lr 0.1'].losses[-1]", 5e-5),
    ],

    "rmsprop.ipynb": [
        Quote("1.067 times $\\eta$ at step 20", "1.067", "inflation[20][0]", 5e-4),
        Quote("still 1.591 times", "1.591", "inflation[50][1]", 5e-4),
        Quote("1.256 times at step 100", "1.256", "inflation[100][1]", 5e-4),
        Quote("most 1.2e-5, early", "1.2e-5", "largest_gap", 5e-7),
    ],

    "solutions/rmsprop.ipynb": [
        Quote("(0.2947 at", "0.2947", "early['lr 0.1, γ 0.9']", 5e-5),
        Quote("mean is 0.2797 with", "0.2797", "second_epoch['lr 0.1, γ 0.9']", 5e-5),
        Quote("standard deviation 0.0226, more", "0.0226", "wobble['lr 0.1, γ 0.9']", 5e-5),
        Quote("mean is 0.3297", "0.3297", "second_epoch['lr 0.001, γ 0.99']", 5e-5),
        Quote("against 0.3675 with", "0.3675", "second_epoch['lr 0.001, γ 0.9']", 5e-5),
        Quote("faster, 0.2623 against", "0.2623", "early['lr 0.01, γ 0.99']", 5e-5),
        Quote("against 0.3260 at epoch 0.2", "0.3260", "early['lr 0.01, γ 0.9']", 5e-5),
        Quote("deviation of about 0.002.", "0.002", "wobble['lr 0.01, γ 0.9']", 5e-4),
        Quote("between $-0.236$ and $0.164$", "0.164", "results[-1][1]", 5e-4),
        Quote("between $-0.236$ and", "-0.236", "results[-2][1]", 5e-4),
    ],

    "zh/rmsprop.ipynb": [
        Quote("是$\\eta$的 1.067 倍", "1.067", "inflation[20][0]", 5e-4),
        Quote("仍是$\\eta$的 1.591 倍", "1.591", "inflation[50][1]", 5e-4),
        Quote("第100步是 1.256 倍", "1.256", "inflation[100][1]", 5e-4),
        Quote("至多 1.2e-5", "1.2e-5", "largest_gap", 5e-7),
    ],

    "zh/solutions/rmsprop.ipynb": [
        Quote("损失为 0.2947", "0.2947", "early['lr 0.1, γ 0.9']", 5e-5),
        Quote("平均损失为 0.2797", "0.2797", "second_epoch['lr 0.1, γ 0.9']", 5e-5),
        Quote("标准差为 0.0226", "0.0226", "wobble['lr 0.1, γ 0.9']", 5e-5),
        Quote("平均损失为 0.3297", "0.3297", "second_epoch['lr 0.001, γ 0.99']", 5e-5),
        Quote("时为 0.3675", "0.3675", "second_epoch['lr 0.001, γ 0.9']", 5e-5),
        Quote("损失为 0.2623", "0.2623", "early['lr 0.01, γ 0.99']", 5e-5),
        Quote("时为 0.3260", "0.3260", "early['lr 0.01, γ 0.9']", 5e-5),
        Quote("标准差约为 0.002", "0.002", "wobble['lr 0.01, γ 0.9']", 5e-4),
        Quote("$-0.236$和$0.164$", "0.164", "results[-1][1]", 5e-4),
        Quote("$-0.236$和", "-0.236", "results[-2][1]", 5e-4),
    ],

    "adadelta.ipynb": [
        Quote("$x_1$ is 0.0113 against", "0.0113", "float(step_lengths[19, 0])", 5e-5),
        Quote("against the law's 0.0109", "0.0109", "float(law[19])", 5e-5),
        Quote("down to 0.0055, while", "0.0055", "float(step_lengths[199, 1])", 5e-5),
        Quote("the law would give 0.0173", "0.0173", "float(law[199])", 5e-5),
        Quote("the loss is still 0.296 at", "0.296", "float(losses[7])", 5e-4),
        Quote("0.296 at epoch 0.47", "0.47", "float(epochs[7])", 5e-3),
        Quote("below 0.26 at epoch 0.73", "0.73", "float(epochs[np.argmax(losses < 0.26)])", 5e-3),
        Quote("at epoch 0.51 on average", "0.51",
              "float(arrival['RMSProp, η = 0.01, γ = 0.9'])", 5e-3),
        Quote("against AdaDelta's 0.69", "0.69", "float(arrival['AdaDelta, ρ = 0.9'])", 5e-3),
        Quote("deviation of 0.0015 for AdaDelta", "0.0015", "float(wander['AdaDelta, ρ = 0.9'])", 5e-5),
        Quote("and 0.0018 for RMSProp", "0.0018",
              "float(wander['RMSProp, η = 0.01, γ = 0.9'])", 5e-5),
        Quote("at most 3.0e-8 in the loss", "3.0e-8", "largest_gap", 5e-9),
    ],

    "solutions/adadelta.ipynb": [
        Quote("mean step is 0.0085 for", "0.0085", "float(early_steps['ρ = 0.9'])", 5e-5),
        Quote("0.0244 for 0.99", "0.0244", "float(early_steps['ρ = 0.99'])", 5e-5),
        Quote("0.165 for 0.9999", "0.165", "float(early_steps['ρ = 0.9999'])", 5e-4),
        Quote("the last ten is 0.175", "0.175", "float(late_steps['ρ = 0.9999'])", 5e-4),
        Quote("mean is 0.3313 against", "0.3313", "float(second_epoch['ρ = 0.9999'])", 5e-5),
        Quote("against 0.2447", "0.2447", "float(second_epoch['ρ = 0.9'])", 5e-5),
        Quote("mean, 0.2485, sits", "0.2485", "float(second_epoch['ρ = 0.99'])", 5e-5),
        Quote("AdaDelta needs 161 steps", "161", "adadelta_steps", 0),
        Quote("covers in 2.", "2", "rmsprop_steps", 0),
        Quote("the mean step is 0.0093", "0.0093", "1.5 / adadelta_steps", 5e-5),
        Quote("need 120 steps", "120", "law_steps", 0),
        Quote("travels 2.37 instead", "2.37", "float(np.linalg.norm(end_points['u = x / 10'] - start))", 5e-3),
        Quote("instead of 0.30, about", "0.30", "float(np.linalg.norm(end_points['x itself'] - start))", 5e-3),
        Quote("it travels 0.031, ten", "0.031", "float(np.linalg.norm(end_points['u = x / 0.1'] - start))", 5e-4),
        Quote("it travels 0.26 instead", "0.26", "float(np.linalg.norm(end_points['u = x / 0.1, eps * 100'] - start))", 5e-3),
        Quote("end point to 2.2 parts in a million", "2.2",
              "1e6 * float(np.abs(end_points['u = x / 10, eps / 100'] / end_points['x itself'] - 1).max())", 0.05),
        Quote("by at most 2.3 parts", "2.3", "1e6 * float(loss_scale_gap)", 0.05),
    ],

    "zh/adadelta.ipynb": [
        Quote("步长为 0.0113", "0.0113", "float(step_lengths[19, 0])", 5e-5),
        Quote("公式给出 0.0109", "0.0109", "float(law[19])", 5e-5),
        Quote("步长降到 0.0055", "0.0055", "float(step_lengths[199, 1])", 5e-5),
        Quote("给出的却是 0.0173", "0.0173", "float(law[199])", 5e-5),
        Quote("损失仍为 0.296", "0.296", "float(losses[7])", 5e-4),
        Quote("第 0.47 个迭代周期", "0.47", "float(epochs[7])", 5e-3),
        Quote("第 0.73 个迭代周期", "0.73", "float(epochs[np.argmax(losses < 0.26)])", 5e-3),
        Quote("第 0.51 个迭代周期", "0.51", "float(arrival['RMSProp, η = 0.01, γ = 0.9'])", 5e-3),
        Quote("则在第 0.69 个", "0.69", "float(arrival['AdaDelta, ρ = 0.9'])", 5e-3),
        Quote("Adadelta为 0.0015", "0.0015", "float(wander['AdaDelta, ρ = 0.9'])", 5e-5),
        Quote("RMSProp算法为 0.0018", "0.0018", "float(wander['RMSProp, η = 0.01, γ = 0.9'])", 5e-5),
        Quote("至多为 3.0e-8", "3.0e-8", "largest_gap", 5e-9),
    ],

    "zh/solutions/adadelta.ipynb": [
        Quote("时为 0.0085，0.99时", "0.0085", "float(early_steps['ρ = 0.9'])", 5e-5),
        Quote("0.99时为 0.0244", "0.0244", "float(early_steps['ρ = 0.99'])", 5e-5),
        Quote("0.9999时为 0.165", "0.165", "float(early_steps['ρ = 0.9999'])", 5e-4),
        Quote("平均为 0.175", "0.175", "float(late_steps['ρ = 0.9999'])", 5e-4),
        Quote("平均损失为 0.3313", "0.3313", "float(second_epoch['ρ = 0.9999'])", 5e-5),
        Quote("时为 0.2447", "0.2447", "float(second_epoch['ρ = 0.9'])", 5e-5),
        Quote("平均损失 0.2485 略高", "0.2485", "float(second_epoch['ρ = 0.99'])", 5e-5),
        Quote("需要 161 步", "161", "adadelta_steps", 0),
        Quote("只用 2 步", "2", "rmsprop_steps", 0),
        Quote("平均步长为 0.0093", "0.0093", "1.5 / adadelta_steps", 5e-5),
        Quote("预测需要 120 步", "120", "law_steps", 0),
        Quote("走了 2.37 而不是", "2.37", "float(np.linalg.norm(end_points['u = x / 10'] - start))", 5e-3),
        Quote("而不是 0.30，约为八倍", "0.30", "float(np.linalg.norm(end_points['x itself'] - start))", 5e-3),
        Quote("只走了 0.031", "0.031", "float(np.linalg.norm(end_points['u = x / 0.1'] - start))", 5e-4),
        Quote("它走了 0.26 而不是", "0.26", "float(np.linalg.norm(end_points['u = x / 0.1, eps * 100'] - start))", 5e-3),
        Quote("相差不超过百万分之 2.2", "2.2",
              "1e6 * float(np.abs(end_points['u = x / 10, eps / 100'] / end_points['x itself'] - 1).max())", 0.05),
        Quote("至多为百万分之 2.3", "2.3", "1e6 * float(loss_scale_gap)", 0.05),
    ],

    "adam.ipynb": [
        Quote("past zero (to 0.82)", "0.82", "max(x2 for _, x2 in results)", 5e-3),
        Quote("minimum is 1.02 after 20 steps", "1.02", "distance[20]", 5e-3),
        Quote("0.32 after 50", "0.32", "distance[50]", 5e-3),
        Quote("0.023 after 100", "0.023", "distance[100]", 5e-4),
        Quote("at most 9.5e-7, in the first", "9.5e-7", "largest_gap", 5e-8),
        Quote("ahead early (0.3260", "0.3260", "early['RMSProp, η = 0.01, γ = 0.9']", 5e-5),
        Quote("against 0.3397 at epoch 0.2", "0.3397", "early['Adam, η = 0.01']", 5e-5),
        Quote("means 0.2452 and", "0.2452", "second_epoch['RMSProp, η = 0.01, γ = 0.9']", 5e-5),
        Quote("and 0.2448), with", "0.2448", "second_epoch['Adam, η = 0.01']", 5e-5),
        Quote("deviation of 0.0013 against", "0.0013", "wobble['Adam, η = 0.01']", 5e-5),
        Quote("against 0.0018, the", "0.0018", "wobble['RMSProp, η = 0.01, γ = 0.9']", 5e-5),
    ],

    "solutions/adam.ipynb": [
        Quote("with a mean of 0.3726", "0.3726", "second_epoch['lr 0.001']", 5e-5),
        Quote("0.2448 and a standard", "0.2448", "second_epoch['lr 0.01']", 5e-5),
        Quote("standard deviation of 0.0013. $0.1$", "0.0013", "wobble['lr 0.01']", 5e-5),
        Quote("first, 0.2826", "0.2826", "first_ten['lr 0.1']", 5e-5),
        Quote("mean of 0.2733 and", "0.2733", "second_epoch['lr 0.1']", 5e-5),
        Quote("deviation of 0.0178, fourteen", "0.0178", "wobble['lr 0.1']", 5e-5),
        Quote("the largest gap, 0.0441, is", "0.0441", "gap", 5e-5),
        Quote("0.73 on, as the lower", "0.73", "closed_at", 5e-3),
        Quote("from 9.5e-7 to", "9.5e-7", "gaps[1e-8]", 5e-8),
        Quote("to 6.0e-7 but", "6.0e-7", "gaps[1e-6]", 5e-8),
    ],

    "zh/adam.ipynb": [
        Quote("（到 0.82）", "0.82", "max(x2 for _, x2 in results)", 5e-3),
        Quote("20步后为 1.02", "1.02", "distance[20]", 5e-3),
        Quote("50步后为 0.32", "0.32", "distance[50]", 5e-3),
        Quote("100步后为 0.023", "0.023", "distance[100]", 5e-4),
        Quote("至多 9.5e-7", "9.5e-7", "largest_gap", 5e-8),
        Quote("损失为 0.3260", "0.3260", "early['RMSProp, η = 0.01, γ = 0.9']", 5e-5),
        Quote("Adam算法为 0.3397", "0.3397", "early['Adam, η = 0.01']", 5e-5),
        Quote("平均损失为 0.2452 和", "0.2452", "second_epoch['RMSProp, η = 0.01, γ = 0.9']", 5e-5),
        Quote("和 0.2448）", "0.2448", "second_epoch['Adam, η = 0.01']", 5e-5),
        Quote("标准差为 0.0013，RMSProp", "0.0013", "wobble['Adam, η = 0.01']", 5e-5),
        Quote("RMSProp算法为 0.0018", "0.0018", "wobble['RMSProp, η = 0.01, γ = 0.9']", 5e-5),
    ],

    "zh/solutions/adam.ipynb": [
        Quote("均值为 0.3726", "0.3726", "second_epoch['lr 0.001']", 5e-5),
        Quote("平均损失为 0.2448", "0.2448", "second_epoch['lr 0.01']", 5e-5),
        Quote("标准差为 0.0013。", "0.0013", "wobble['lr 0.01']", 5e-5),
        Quote("10步后损失为 0.2826", "0.2826", "first_ten['lr 0.1']", 5e-5),
        Quote("平均损失为 0.2733", "0.2733", "second_epoch['lr 0.1']", 5e-5),
        Quote("标准差为 0.0178", "0.0178", "wobble['lr 0.1']", 5e-5),
        Quote("最大的差距 0.0441", "0.0441", "gap", 5e-5),
        Quote("第 0.73 个迭代周期", "0.73", "closed_at", 5e-3),
        Quote("从 9.5e-7 缩小", "9.5e-7", "gaps[1e-8]", 5e-8),
        Quote("缩小到 6.0e-7", "6.0e-7", "gaps[1e-6]", 5e-8),
    ],

    "lr-scheduler.ipynb": [
        Quote("already uses 0.087, a seventh", "0.087",
              "results['square root'][0][0][updates_per_epoch - 1]", 5e-4),
        Quote("uses 0.044.", "0.044", "results['square root'][0][0][-1]", 5e-4),
        Quote("\\approx 0.0058$", "0.0058", "standard_error", 5e-5),
        Quote("between 0.9210 and 0.9445", "0.9210", "min(final_accuracy['constant'])", 5e-5),
        Quote("between 0.9210 and 0.9445", "0.9445", "max(final_accuracy['constant'])", 5e-5),
        Quote("(0.903 on average", "0.903", "mean_accuracy['square root']", 5e-4),
        Quote("The factor schedule (0.931)", "0.931", "mean_accuracy['factor']", 5e-4),
        Quote("multi-factor schedule (0.937)", "0.937", "mean_accuracy['multi-factor']", 5e-4),
        Quote("The constant rate (0.936)", "0.936", "mean_accuracy['constant']", 5e-4),
        Quote("cosine schedule (0.933)", "0.933", "mean_accuracy['cosine with warmup']", 5e-4),
        Quote("accuracy spans 0.0235", "0.0235", "spread['constant']", 5e-5),
        Quote("spans more than 0.008", "0.008", "largest_decayed_spread", 5e-4),
        Quote("lowest, at 0.138", "0.138", "mean_training_loss['constant']", 5e-4),
        Quote("against 0.177 for the multi-factor", "0.177",
              "mean_training_loss['multi-factor']", 5e-4),
        Quote("and 0.190 for the cosine one", "0.190",
              "mean_training_loss['cosine with warmup']", 5e-4),
        Quote("accuracy by 0.0235", "0.0235", "spread['constant']", 5e-5),
    ],

    "solutions/lr-scheduler.ipynb": [
        Quote("ends at 0.204 on average", "0.204", "mean_high_accuracy['constant']", 5e-4),
        Quote("constant 2.0 at 0.258", "0.258",
              "mean_high_accuracy['warmup, then constant']", 5e-4),
        Quote("reaches 0.632", "0.632", "mean_high_accuracy['cosine, no warmup']", 5e-4),
        Quote("cosine schedule 0.840", "0.840",
              "mean_high_accuracy['warmup, then cosine']", 5e-4),
        Quote("on average 122.8 with the constant", "122.8", "mean_dead['constant']", 0.05),
        Quote("rate and 108.8 with warmup", "108.8", "mean_dead['warmup, then cosine']", 0.05),
        Quote("\\approx 0.0023$", "0.0023", "every_half_epoch[0][0][-1]", 5e-5),
        Quote("ends at 0.913 on average", "0.913", "mean_factor_accuracy['step = 23']", 5e-4),
        Quote("against 0.931 for the", "0.931", "mean_factor_accuracy['step = 47']", 5e-4),
        Quote("too (0.294 against 0.208)", "0.294", "factor_training_loss['step = 23']", 5e-4),
        Quote("too (0.294 against 0.208)", "0.208", "factor_training_loss['step = 47']", 5e-4),
        Quote("0.0375, and the network", "0.0375", "every_half_epoch[0][0][2 * updates_per_epoch]", 1e-9),
        Quote("a rate of 0.179", "0.179", "jump", 5e-4),
    ],

    "zh/lr-scheduler.ipynb": [
        Quote("已经只用0.087", "0.087", "results['square root'][0][0][updates_per_epoch - 1]", 5e-4),
        Quote("最后一次更新用0.044", "0.044", "results['square root'][0][0][-1]", 5e-4),
        Quote("\\approx 0.0058$", "0.0058", "standard_error", 5e-5),
        Quote("在0.9210和0.9445之间", "0.9210", "min(final_accuracy['constant'])", 5e-5),
        Quote("在0.9210和0.9445之间", "0.9445", "max(final_accuracy['constant'])", 5e-5),
        Quote("（平均0.903", "0.903", "mean_accuracy['square root']", 5e-4),
        Quote("单因子调度（0.931）", "0.931", "mean_accuracy['factor']", 5e-4),
        Quote("多因子调度（0.937）", "0.937", "mean_accuracy['multi-factor']", 5e-4),
        Quote("恒定学习率（0.936）", "0.936", "mean_accuracy['constant']", 5e-4),
        Quote("余弦调度（0.933）", "0.933", "mean_accuracy['cosine with warmup']", 5e-4),
        Quote("跨度为0.0235", "0.0235", "spread['constant']", 5e-5),
        Quote("跨度超过0.008", "0.008", "largest_decayed_spread", 5e-4),
        Quote("最低，为0.138", "0.138", "mean_training_loss['constant']", 5e-4),
        Quote("多因子调度为0.177", "0.177", "mean_training_loss['multi-factor']", 5e-4),
        Quote("余弦调度为0.190", "0.190", "mean_training_loss['cosine with warmup']", 5e-4),
        Quote("相差0.0235", "0.0235", "spread['constant']", 5e-5),
    ],

    "zh/solutions/lr-scheduler.ipynb": [
        Quote("平均只到0.204", "0.204", "mean_high_accuracy['constant']", 5e-4),
        Quote("设置到0.258", "0.258", "mean_high_accuracy['warmup, then constant']", 5e-4),
        Quote("余弦调度达到0.632", "0.632", "mean_high_accuracy['cosine, no warmup']", 5e-4),
        Quote("余弦调度达到0.840", "0.840", "mean_high_accuracy['warmup, then cosine']", 5e-4),
        Quote("平均122.8个", "122.8", "mean_dead['constant']", 0.05),
        Quote("平均108.8个", "108.8", "mean_dead['warmup, then cosine']", 0.05),
        Quote("\\approx 0.0023$", "0.0023", "every_half_epoch[0][0][-1]", 5e-5),
        Quote("平均只到0.913", "0.913", "mean_factor_accuracy['step = 23']", 5e-4),
        Quote("运行是0.931", "0.931", "mean_factor_accuracy['step = 47']", 5e-4),
        Quote("（0.294对0.208）", "0.294", "factor_training_loss['step = 23']", 5e-4),
        Quote("（0.294对0.208）", "0.208", "factor_training_loss['step = 47']", 5e-4),
        Quote("最多为0.0375", "0.0375", "every_half_epoch[0][0][2 * updates_per_epoch]", 1e-9),
        Quote("学习率是0.179", "0.179", "jump", 5e-4),
    ],

    "module-lr-scheduler.ipynb": [
        Quote("a loss of about 0.243", "0.243", "max(final_losses['decayed'])", 5e-4),
        Quote("\\approx 0.0067$", "0.0067", "decayed.learning_rate", 5e-5),
        Quote("between 0.2428 and 0.2429", "0.2428", "min(final_losses['decayed'])", 5e-5),
        Quote("between 0.2428 and 0.2429", "0.2429", "max(final_losses['decayed'])", 5e-5),
        Quote("between 0.2439 and 0.2480", "0.2439", "min(final_losses['constant'])", 5e-5),
        Quote("between 0.2439 and 0.2480", "0.2480", "max(final_losses['constant'])", 5e-5),
        Quote("5.4 to 9.3 times smaller", "5.4", "min(spread_ratios)", 0.05),
        Quote("5.4 to 9.3 times smaller", "9.3", "max(spread_ratios)", 0.05),
        Quote("fall alike from 0.51", "0.51", "constant.losses[0]", 5e-3),
    ],

    "solutions/module-lr-scheduler.ipynb": [
        Quote("between 0.2428 and 0.2429", "0.2428", "min(factor_finals['factor 0.8'])", 5e-5),
        Quote("between 0.2428 and 0.2429", "0.2429", "max(factor_finals['factor 0.8'])", 5e-5),
        Quote("between 0.2492 and 0.2505", "0.2492", "min(factor_finals['factor 0.5'])", 5e-5),
        Quote("between 0.2492 and 0.2505", "0.2505", "max(factor_finals['factor 0.5'])", 5e-5),
        Quote("\\approx 0.0315$", "0.0315", "factor_runs['factor 0.95'][0].learning_rate", 5e-5),
        Quote("from 0.2427 to 0.2447", "0.2427", "min(factor_finals['factor 0.95'])", 5e-5),
        Quote("from 0.2427 to 0.2447", "0.2447", "max(factor_finals['factor 0.95'])", 5e-5),
        Quote("\\approx 65.6$", "65.6", "math.log(1e-3) / math.log(0.9)", 0.05),
        Quote("between 0.2432 and 0.2436", "0.2432", "min(adam_finals['cosine'])", 5e-5),
        Quote("between 0.2432 and 0.2436", "0.2436", "max(adam_finals['cosine'])", 5e-5),
        Quote("6 to 20 times smaller", "6", "min(spread_ratios)", 0.5),
        Quote("6 to 20 times smaller", "20", "max(spread_ratios)", 0.5),
        Quote("between 0.2423 and 0.2457", "0.2423", "min(adam_finals['constant'])", 5e-5),
        Quote("between 0.2423 and 0.2457", "0.2457", "max(adam_finals['constant'])", 5e-5),
    ],

    "zh/module-lr-scheduler.ipynb": [
        Quote("损失降到约0.243", "0.243", "max(final_losses['decayed'])", 5e-4),
        Quote("\\approx 0.0067$", "0.0067", "decayed.learning_rate", 5e-5),
        Quote("在0.2428和0.2429之间", "0.2428", "min(final_losses['decayed'])", 5e-5),
        Quote("在0.2428和0.2429之间", "0.2429", "max(final_losses['decayed'])", 5e-5),
        Quote("在0.2439到0.2480之间", "0.2439", "min(final_losses['constant'])", 5e-5),
        Quote("在0.2439到0.2480之间", "0.2480", "max(final_losses['constant'])", 5e-5),
        Quote("小5.4到9.3倍", "5.4", "min(spread_ratios)", 0.05),
        Quote("小5.4到9.3倍", "9.3", "max(spread_ratios)", 0.05),
        Quote("都从0.51同样地下降", "0.51", "constant.losses[0]", 5e-3),
    ],

    "zh/solutions/module-lr-scheduler.ipynb": [
        Quote("在0.2428和0.2429之间", "0.2428", "min(factor_finals['factor 0.8'])", 5e-5),
        Quote("在0.2428和0.2429之间", "0.2429", "max(factor_finals['factor 0.8'])", 5e-5),
        Quote("在0.2492和0.2505之间", "0.2492", "min(factor_finals['factor 0.5'])", 5e-5),
        Quote("在0.2492和0.2505之间", "0.2505", "max(factor_finals['factor 0.5'])", 5e-5),
        Quote("\\approx 0.0315$", "0.0315", "factor_runs['factor 0.95'][0].learning_rate", 5e-5),
        Quote("从0.2427到0.2447不等", "0.2427", "min(factor_finals['factor 0.95'])", 5e-5),
        Quote("从0.2427到0.2447不等", "0.2447", "max(factor_finals['factor 0.95'])", 5e-5),
        Quote("\\approx 65.6$", "65.6", "math.log(1e-3) / math.log(0.9)", 0.05),
        Quote("在0.2432和0.2436之间", "0.2432", "min(adam_finals['cosine'])", 5e-5),
        Quote("在0.2432和0.2436之间", "0.2436", "max(adam_finals['cosine'])", 5e-5),
        Quote("小6到20倍", "6", "min(spread_ratios)", 0.5),
        Quote("小6到20倍", "20", "max(spread_ratios)", 0.5),
        Quote("在0.2423和0.2457之间", "0.2423", "min(adam_finals['constant'])", 5e-5),
        Quote("在0.2423和0.2457之间", "0.2457", "max(adam_finals['constant'])", 5e-5),
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
