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
