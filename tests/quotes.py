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
        Quote("0.2417. All but Adamax", "0.2417", "floor", 5e-5),
        Quote("end between 0.2423 and 0.2443", "0.2423",
              "min(v for k, v in final.items() if k != 'adamax')", 1e-4),
        Quote("end between 0.2423 and 0.2443", "0.2443",
              "max(v for k, v in final.items() if k != 'adamax')", 1e-4),
        Quote("(0.2533 after 40 minibatches)", "0.2533", "early['adagrad']", 1e-4),
        Quote("(0.4010 after 40 minibatches)", "0.4010", "early['adamax']", 1e-4),
        Quote("keep moving the most (0.0034 and", "0.0034", "wobble['sgd']", 1e-4),
        Quote("0.0022); the others that have arrived", "0.0022", "wobble['rmsprop']", 1e-4),
        Quote("stay between 0.0013 and 0.0015", "0.0013",
              "min(v for k, v in wobble.items() if k not in ('sgd', 'rmsprop', 'adamax'))", 1e-4),
        Quote("stay between 0.0013 and 0.0015", "0.0015",
              "max(v for k, v in wobble.items() if k not in ('sgd', 'rmsprop', 'adamax'))", 1e-4),
        Quote("within 0.014 of each other", "0.014",
              "max(tuned_mean[k] for k in tuned_rates) - min(tuned_mean[k] for k in tuned_rates)",
              1e-3),
        Quote("by up to 0.020", "0.020",
              "max(max(tuned_early[k]) - min(tuned_early[k]) for k in tuned_rates)", 1e-3),
        Quote("stays behind (0.3183)", "0.3183", "tuned_mean['adadelta']", 1e-4),
    ],

    "solutions/optimizer-comparison.ipynb": [
        Quote("AdaGrad leads (0.2462)", "0.2462", "at_half['adagrad']", 1e-4),
        Quote("SGD follows (0.2489)", "0.2489", "at_half['sgd']", 1e-4),
        Quote("is 0.2439 from seed 0 and 0.2480 from", "0.2439", "finals['sgd'][0]", 1e-4),
        Quote("is 0.2439 from seed 0 and 0.2480 from", "0.2480", "finals['sgd'][1]", 1e-4),
        Quote("score 0.2533 and 0.2531", "0.2533", "search['adagrad'][0.1]", 1e-4),
        Quote("score 0.2533 and 0.2531", "0.2531", "search['adagrad'][0.2]", 1e-4),
        Quote("ends well above the floor (0.3420,", "0.3420", "same_lr['adagrad'].losses[-1]", 1e-4),
        Quote("against 0.2443 for RMSProp and 0.2431 for Adam", "0.2443",
              "same_lr['rmsprop'].losses[-1]", 1e-4),
        Quote("against 0.2443 for RMSProp and 0.2431 for Adam", "0.2431",
              "same_lr['adam'].losses[-1]", 1e-4),
    ],

    "zh/optimizer-comparison.ipynb": [
        Quote("损失为0.2417", "0.2417", "floor", 5e-5),
        Quote("都在0.2423到0.2443之间", "0.2423",
              "min(v for k, v in final.items() if k != 'adamax')", 1e-4),
        Quote("都在0.2423到0.2443之间", "0.2443",
              "max(v for k, v in final.items() if k != 'adamax')", 1e-4),
        Quote("40个小批量后损失为0.2533", "0.2533", "early['adagrad']", 1e-4),
        Quote("40个小批量后损失为0.4010", "0.4010", "early['adamax']", 1e-4),
        Quote("抖动分别为0.0034和0.0022", "0.0034", "wobble['sgd']", 1e-4),
        Quote("抖动分别为0.0034和0.0022", "0.0022", "wobble['rmsprop']", 1e-4),
        Quote("在0.0013到0.0015之间", "0.0013",
              "min(v for k, v in wobble.items() if k not in ('sgd', 'rmsprop', 'adamax'))", 1e-4),
        Quote("在0.0013到0.0015之间", "0.0015",
              "max(v for k, v in wobble.items() if k not in ('sgd', 'rmsprop', 'adamax'))", 1e-4),
        Quote("相差不超过0.014", "0.014",
              "max(tuned_mean[k] for k in tuned_rates) - min(tuned_mean[k] for k in tuned_rates)",
              1e-3),
        Quote("差别可达0.020", "0.020",
              "max(max(tuned_early[k]) - min(tuned_early[k]) for k in tuned_rates)", 1e-3),
        Quote("落在后面（0.3183）", "0.3183", "tuned_mean['adadelta']", 1e-4),
    ],

    "zh/solutions/optimizer-comparison.ipynb": [
        Quote("AdaGrad领先（0.2462）", "0.2462", "at_half['adagrad']", 1e-4),
        Quote("SGD紧随其后（0.2489）", "0.2489", "at_half['sgd']", 1e-4),
        Quote("在种子0下是0.2439", "0.2439", "finals['sgd'][0]", 1e-4),
        Quote("在种子1下是0.2480", "0.2480", "finals['sgd'][1]", 1e-4),
        Quote("分别得分0.2533和0.2531", "0.2533", "search['adagrad'][0.1]", 1e-4),
        Quote("分别得分0.2533和0.2531", "0.2531", "search['adagrad'][0.2]", 1e-4),
        Quote("（0.3420，而RMSProp为0.2443，Adam为0.2431）", "0.3420",
              "same_lr['adagrad'].losses[-1]", 1e-4),
        Quote("（0.3420，而RMSProp为0.2443，Adam为0.2431）", "0.2443",
              "same_lr['rmsprop'].losses[-1]", 1e-4),
        Quote("（0.3420，而RMSProp为0.2443，Adam为0.2431）", "0.2431",
              "same_lr['adam'].losses[-1]", 1e-4),
    ],

    "mnist-momentum.ipynb": [
        Quote("still 2.210 at epoch 2.16", "2.210", "study.sgd.losses[8]", 2e-3),
        Quote("still 2.210 at epoch 2.16", "2.16", "study.sgd.epochs[8]", 5e-3),
        Quote("it is at 1.520", "1.520", "study.sgd.losses[-1]", 2e-3),
        Quote("where momentum is at 0.263", "0.263", "study.momentum.losses[-1]", 2e-3),
        Quote("(1.013 at epoch 0.96)", "1.013", "study.momentum.losses[3]", 2e-3),
        Quote("(1.013 at epoch 0.96)", "0.96", "study.momentum.epochs[3]", 5e-3),
        Quote("0.9225 against 0.7250", "0.9225", "study.momentum.test_accuracy", 3e-3),
        Quote("0.9225 against 0.7250", "0.7250", "study.sgd.test_accuracy", 3e-3),
    ],

    "solutions/mnist-momentum.ipynb": [
        Quote("(by 0.017 on average)", "0.017", "gap", 2e-3),
        Quote("(mean final loss 1.894)", "1.894", "gamma_means['momentum 0.5']", 2e-3),
        Quote("(mean 0.452)", "0.452", "gamma_means['momentum 0.9']", 2e-3),
        Quote("(mean 0.475)", "0.475", "gamma_means['momentum 0.99']", 2e-3),
        Quote("about 0.5% of the work", "0.5", "100 * weights / (forward + backward)", 0.05),
        Quote("one array of 159,010", "159,010", "weights", 0),
    ],

    "zh/mnist-momentum.ipynb": [
        Quote("在第2.16个迭代周期时损失仍为2.210", "2.210", "study.sgd.losses[8]", 2e-3),
        Quote("在第2.16个迭代周期时损失仍为2.210", "2.16", "study.sgd.epochs[8]", 5e-3),
        Quote("它的损失为1.520", "1.520", "study.sgd.losses[-1]", 2e-3),
        Quote("而动量法为0.263", "0.263", "study.momentum.losses[-1]", 2e-3),
        Quote("在第0.96个迭代周期时损失为1.013", "1.013", "study.momentum.losses[3]", 2e-3),
        Quote("在第0.96个迭代周期时损失为1.013", "0.96", "study.momentum.epochs[3]", 5e-3),
        Quote("为0.9225", "0.9225", "study.momentum.test_accuracy", 3e-3),
        Quote("普通随机梯度下降为0.7250", "0.7250", "study.sgd.test_accuracy", 3e-3),
    ],

    "zh/solutions/mnist-momentum.ipynb": [
        Quote("平均低0.017", "0.017", "gap", 2e-3),
        Quote("平均最终损失为1.894", "1.894", "gamma_means['momentum 0.5']", 2e-3),
        Quote("平均为0.452", "0.452", "gamma_means['momentum 0.9']", 2e-3),
        Quote("平均为0.475", "0.475", "gamma_means['momentum 0.99']", 2e-3),
        Quote("计算量的0.5%", "0.5", "100 * weights / (forward + backward)", 0.05),
        Quote("含159,010个数", "159,010", "weights", 0),
    ],

    "distributed.ipynb": [
        Quote("(0.92 against 0.9227)", "0.92", "factors[0.1][1]", 1e-6),
        Quote("(0.92 against 0.9227)", "0.9227", "factors[0.1][0]", 5e-5),
        Quote("to 0.0039 of itself", "0.0039", "factors[5.0][0]", 5e-5),
        Quote("multiplies it by −3.0", "−3.0", "factors[5.0][1]", 1e-6),
        Quote("falls from 0.61 to 0.39", "0.61", "study.accuracy['lamb', 2, 128]", 0.01),
        Quote("falls from 0.61 to 0.39", "0.39", "study.accuracy['lamb', 2, 512]", 0.01),
        Quote("(0.33 and 0.31, a difference", "0.33", "study.accuracy['sgd', 2, 512]", 0.01),
        Quote("(0.33 and 0.31, a difference", "0.31", "study.accuracy['sgd', 2, 128]", 0.01),
    ],

    "solutions/distributed.ipynb": [
        Quote("ratios of 33.5 and 4.4", "33.5", "weight_ratios[0]", 0.05),
        Quote("ratios of 33.5 and 4.4", "4.4", "weight_ratios[1]", 0.05),
    ],

    "zh/distributed.ipynb": [
        Quote("（0.92对0.9227）", "0.92", "factors[0.1][1]", 1e-6),
        Quote("（0.92对0.9227）", "0.9227", "factors[0.1][0]", 5e-5),
        Quote("缩小到原来的0.0039", "0.0039", "factors[5.0][0]", 5e-5),
        Quote("把它乘以−3.0", "−3.0", "factors[5.0][1]", 1e-6),
        Quote("从0.61降到0.39", "0.61", "study.accuracy['lamb', 2, 128]", 0.01),
        Quote("从0.61降到0.39", "0.39", "study.accuracy['lamb', 2, 512]", 0.01),
        Quote("准确率分别为0.33和0.31", "0.33", "study.accuracy['sgd', 2, 512]", 0.01),
        Quote("准确率分别为0.33和0.31", "0.31", "study.accuracy['sgd', 2, 128]", 0.01),
    ],

    "zh/solutions/distributed.ipynb": [
        Quote("比值分别为33.5和4.4", "33.5", "weight_ratios[0]", 0.05),
        Quote("比值分别为33.5和4.4", "4.4", "weight_ratios[1]", 0.05),
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
