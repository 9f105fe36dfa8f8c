"""The `gluon-opt` command."""
import argparse
import os
import sys


DATA_HELP = """data:
  The package ships the data the experiments use (the airfoil self-noise
  table and the real MNIST test split, each checked by its sha1), so this
  runs offline with nothing else installed. GLUON_OPT_DATA=FOLDER is an
  optional override: a file found there is used instead of the shipped
  copy. Nothing is downloaded and no folder is created."""


def build_parser():
    from . import __version__
    parser = argparse.ArgumentParser(
        prog="gluon-opt",
        description="The optimization chapter of the Gluon book, reproduced.")
    parser.add_argument("--version", action="version",
                        version=f"gluon-opt {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "reproduce", help="run the chapter's experiments, write figures and "
                          "summary.md",
        description="Run the chapter's experiments headless: one PNG per "
                    "figure, results/NAME.json per experiment and "
                    "summary.md, our numbers beside the book's.",
        epilog=DATA_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("--out", default="results",
                     help="folder for the figures, results/ and summary.md "
                          "(default: results)")
    run.add_argument("--only", action="append", metavar="NAME",
                     help="run only this experiment (repeatable)")
    run.add_argument("--list", action="store_true",
                     help="list the experiments and exit")
    run.add_argument("--resume", action="store_true",
                     help="skip experiments whose results are already in --out")
    run.add_argument("--quick", action="store_true",
                     help="fewer epochs, for a smoke test (numbers not "
                          "comparable with the book's)")
    job = commands.add_parser(
        "launch", help="run a command as a distributed job on this machine "
                       "(MXNet's kvstore, 127.0.0.1 only)",
        description="Run COMMAND once per worker, with a scheduler and "
                    "servers of MXNet's parameter server, all on 127.0.0.1. "
                    "Example: gluon-opt launch -n 2 -s 1 -- python train.py")
    job.add_argument("-n", "--num-workers", type=int, required=True,
                     metavar="WORKERS")
    job.add_argument("-s", "--num-servers", type=int, default=1,
                     metavar="SERVERS", help="(default: 1)")
    job.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                     help="stop the whole job after this many seconds")
    job.add_argument("job_command", nargs=argparse.REMAINDER,
                     metavar="-- COMMAND [ARGS...]")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.command == "launch":
        from .distributed.launcher import main as launch_main
        return launch_main(args)
    # Headless unless a backend was chosen: the command only writes files.
    os.environ.setdefault("MPLBACKEND", "Agg")
    from . import reproduce
    from .experiments import EXPERIMENTS
    if args.list:
        for exp in EXPERIMENTS.values():
            print(f"{exp.name:24} {exp.title}")
        return 0
    try:
        experiments = reproduce.select(args.only)
    except ValueError as error:
        print(f"gluon-opt: {error}", file=sys.stderr)
        return 2
    print(f"gluon-opt reproduce: {len(experiments)} experiment(s) into "
          f"{args.out}" + (" (quick mode)" if args.quick else ""), flush=True)
    try:
        records, failures = reproduce.reproduce(
            args.out, only=args.only, quick=args.quick, resume=args.resume)
    except reproduce.OutFolderError as error:
        print(f"gluon-opt: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\ninterrupted: finished experiments are kept in {args.out}; "
              f"run again with --resume to continue", file=sys.stderr)
        return 130
    print(f"summary: {os.path.join(args.out, 'summary.md')}")
    if failures:
        print(f"failed: {', '.join(failures)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
