HELP = "synthesise the seed programmes and render every demo report into DIR (default reports/demo)"


def add_arguments(parser):
    parser.add_argument("--out", default="reports/demo", help="output folder")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic cohorts")
    parser.add_argument("--format", default="html,pdf,docx",
                        help="any of html, pdf, docx, comma-separated (default html,pdf,docx; "
                             "every report also gets its one-page summary)")
    parser.add_argument("--force", action="store_true",
                        help="replace the folder of an earlier demo run in --out")


def run(args):
    from .demo_build import demo_index, run_demo
    from ..report.render import check_formats
    from ._common import check_seed
    from ._output import output_folder

    check_seed(args.seed)
    formats = check_formats(args.format.split(","))
    out = output_folder(args.out, "demo", force=args.force)
    with out.writing() as stage:
        written = run_demo(stage, seed=args.seed, formats=formats)
    for path in written:
        print(out.final(path))
    print(f"open {demo_index(args.out)} in a browser: every report (HTML, PDF, Word) and its "
          f"one-page summary, in Dutch and English")
    return 0
