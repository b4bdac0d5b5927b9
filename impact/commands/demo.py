HELP = "synthesise the seed programmes and render every demo report into DIR (default reports/demo)"


def add_arguments(parser):
    parser.add_argument("--out", default="reports/demo", help="output folder")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic cohorts")
    parser.add_argument("--format", default="html", help="html, pdf or html,pdf")
    parser.add_argument("--force", action="store_true",
                        help="overwrite the reports of an earlier demo run in --out")


def run(args):
    from ..demo import MONITOR, PROGRAMMES, SYNTHESIS, run_demo
    from ._common import output_folder

    output_folder(args.out, force=args.force, owned=(*PROGRAMMES, MONITOR, SYNTHESIS, "index.html"))
    for path in run_demo(args.out, seed=args.seed,
                         formats=[f for f in args.format.split(",") if f]):
        print(path)
    return 0
