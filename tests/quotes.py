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
