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
    ],

    "solutions/optimization-intro.ipynb": [
    ],

    "zh/optimization-intro.ipynb": [
    ],

    "zh/solutions/optimization-intro.ipynb": [
    ],

    "convexity.ipynb": [
    ],

    "solutions/convexity.ipynb": [
    ],

    "zh/convexity.ipynb": [
    ],

    "zh/solutions/convexity.ipynb": [
    ],

    "linear-regression.ipynb": [
    ],

    "solutions/linear-regression.ipynb": [
    ],

    "zh/linear-regression.ipynb": [
    ],

    "zh/solutions/linear-regression.ipynb": [
    ],

    "gd-sgd.ipynb": [
    ],

    "solutions/gd-sgd.ipynb": [
    ],

    "zh/gd-sgd.ipynb": [
    ],

    "zh/solutions/gd-sgd.ipynb": [
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
