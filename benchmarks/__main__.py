"""python -m benchmarks: measure, print the markdown table, and write it
to --out when given."""
import argparse
import sys

from gluon_opt import atomic

from . import suite


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time gluon-opt against the book's loops, MXNet's fused "
                    "operators and PyTorch; print a markdown table of ratios.")
    parser.add_argument("--only", action="append", metavar="CASE",
                        choices=suite.case_keys(),
                        help="run only this case (repeatable): "
                             + ", ".join(suite.case_keys()))
    parser.add_argument("--variant", action="append", metavar="NAME",
                        help="run only the variant of this name (repeatable; "
                             "the names are the tables' first column)")
    parser.add_argument("--repeats", type=int, default=5,
                        help="timed runs per variant (the median is kept); "
                             "default 5")
    parser.add_argument("--out", metavar="FILE",
                        help="also write the markdown table to FILE")
    parser.add_argument("--json", metavar="FILE",
                        help="also write every variant's seconds per round "
                             "to FILE as JSON")
    parser.add_argument("--quick", action="store_true",
                        help="one small run per variant: checks that every "
                             "case works, measures nothing")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error(f"--repeats must be at least 1, got {args.repeats}")
    try:
        results = suite.run(args.only, args.repeats, args.quick,
                            progress=lambda text: print(text, file=sys.stderr,
                                                        flush=True),
                            names=args.variant)
    except ValueError as error:
        parser.error(str(error))
    table = suite.markdown(results, args.repeats, args.quick)
    print(table)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as stream:
            stream.write(table)
    if args.json:
        atomic.write_json(args.json,
                          suite.as_json(results, args.repeats, args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
