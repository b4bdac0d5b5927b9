HELP = "synthesise the seed programmes and render every demo report into DIR (default reports/demo)"


def add_arguments(parser):
    parser.add_argument("--out", default="reports/demo", help="output folder")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic cohorts")
    parser.add_argument("--format", default="html", help="html, pdf or html,pdf")


def run(args):
    from ..demo import run_demo

    for path in run_demo(args.out, seed=args.seed,
                         formats=[f for f in args.format.split(",") if f]):
        print(path)
    return 0
