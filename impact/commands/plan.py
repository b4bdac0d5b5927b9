HELP = "power and sample size for pre/post, grouped, reliable-change and controlled designs"

_EPILOG = """examples:
  impact plan --design prepost --effect 0.75                    participants for 80% power
  impact plan --design prepost --effect 0.75 --group-size 8     groups of 8 for 80% power
  impact plan --design prepost --effect 0.75 --n 8              power of one group of 8
  impact plan --design controlled --effect 0.5 --r 0.5          per group, ANCOVA
  impact plan --design rci --share 0.3                          share with reliable improvement
  impact plan --design prepost --effect 0.5 --curve power.png   also draw the power curve
  impact plan --design prepost --effect 0.75 --group-size 8 --table   power per number of groups
"""


def add_arguments(parser):
    import argparse

    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = _EPILOG
    parser.add_argument("--design", default="prepost", choices=("prepost", "controlled", "rci"),
                        help="prepost (paired, d_z), controlled (two groups, ANCOVA) or rci "
                             "(share with reliable improvement); default prepost")
    parser.add_argument("--effect", type=float,
                        help="standardised effect: d_z of the change (prepost) or d between "
                             "groups at follow-up (controlled)")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--power", type=float, help="target power (default 0.8): gives n")
    size.add_argument("--n", type=int, help="participants (pairs; per group if controlled): "
                                            "gives power")
    parser.add_argument("--alpha", type=float, default=0.05, help="significance level (0.05)")
    parser.add_argument("--group-size", type=int, help="participants per group (prepost): "
                                                       "also gives the number of groups")
    parser.add_argument("--icc", type=float, default=0.0,
                        help="share of the variance of change between groups (default 0)")
    parser.add_argument("--analysis", default="design_effect",
                        choices=("design_effect", "group_means"),
                        help="with --icc: Kish design effect or a t-test on group means")
    parser.add_argument("--r", type=float, default=0.0,
                        help="baseline-follow-up correlation for controlled (ANCOVA); 0 = t-test")
    parser.add_argument("--share", type=float, help="rci: expected share with reliable improvement")
    parser.add_argument("--chance", type=float, default=0.025,
                        help="rci: share expected without true change (default 0.025)")
    parser.add_argument("--precision", type=float,
                        help="rci: wanted half-width of the 95%% CI of the share instead of a test")
    parser.add_argument("--simulate", type=int, default=0, metavar="REPS",
                        help="also check the answer with REPS simulated studies (e.g. 10000)")
    parser.add_argument("--seed", type=int, default=1, help="seed for --simulate (default 1)")
    parser.add_argument("--curve", metavar="FILE.png",
                        help="prepost/controlled: write a power curve (power against n)")
    parser.add_argument("--table", action="store_true",
                        help="also show power for a range of n (or of numbers of groups)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--force", action="store_true", help="overwrite an existing --curve")


def _fail(message, rule):
    from ..errors import InputError

    raise InputError(message, rule=rule)


def _check(args):
    if args.design in ("prepost", "controlled") and args.effect is None:
        _fail(f"--design {args.design} needs --effect", "plan arguments")
    if args.effect is not None and not -10 < args.effect < 10:
        _fail(f"--effect {args.effect} is not a plausible standardised effect", "plan arguments")
    if args.power is not None and not 0 < args.power < 1:
        _fail(f"--power must be between 0 and 1, got {args.power}", "plan arguments")
    if not 0 < args.alpha < 1:
        _fail(f"--alpha must be between 0 and 1, got {args.alpha}", "plan arguments")
    if args.n is not None and args.n < 2:
        _fail(f"--n must be at least 2, got {args.n}", "plan arguments")
    if args.group_size is not None and args.group_size < 2:
        _fail(f"--group-size must be at least 2, got {args.group_size}", "plan arguments")
    if not 0 <= args.icc < 1:
        _fail(f"--icc must be in [0, 1), got {args.icc}", "plan arguments")
    if not -1 < args.r < 1:
        _fail(f"--r must be between -1 and 1, got {args.r}", "plan arguments")
    for name in ("share", "chance", "precision"):
        value = getattr(args, name)
        if value is not None and not 0 < value < 1:
            _fail(f"--{name} must be between 0 and 1, got {value}", "plan arguments")
    if args.design == "rci" and args.share is None and args.precision is None:
        _fail("--design rci needs --share (expected share with reliable improvement) or "
              "--precision", "plan arguments")
    if args.simulate < 0 or args.simulate > 1_000_000:
        _fail("--simulate must be between 0 and 1,000,000", "plan arguments")


def run(args):
    from pathlib import Path

    from ..stats.power import plan_study
    from ._common import print_json

    _check(args)
    curve = None
    if args.curve:
        from ._output import output_file

        if Path(args.curve).suffix.lower() not in (".png", ".svg", ".pdf"):
            _fail("--curve must end in .png, .svg or .pdf", "output format by suffix")
        curve = output_file(args.curve, "plan", force=args.force)
    result = plan_study(args.design, args.effect, n=args.n, power=args.power, alpha=args.alpha,
                        group_size=args.group_size, icc=args.icc, analysis=args.analysis,
                        r=args.r, share=args.share, chance=args.chance, precision=args.precision,
                        simulate=args.simulate, seed=args.seed)
    data = result.to_dict()
    if args.curve:
        from ..stats.power import power_curve

        fig = power_curve(args.design, [args.effect], r=args.r, alpha=args.alpha,
                          group_size=args.group_size, target=args.power or 0.8)
        with curve.writing() as tmp:
            fig.savefig(tmp)
        data["curve"] = str(args.curve)
    table = None
    if args.table:
        from ..stats.power import power_table

        table = power_table(args.design, args.effect, alpha=args.alpha, group_size=args.group_size,
                            icc=args.icc, analysis=args.analysis, r=args.r, share=args.share,
                            chance=args.chance)
        data["table"] = table.to_dict()
    if args.json:
        print_json(data)
        return 0
    for key, value in data.items():
        if key == "notes":
            for note in value:
                print(f"note: {note}")
            continue
        if key == "table":
            continue
        if isinstance(value, float):
            value = f"{value:.4f}".rstrip("0").rstrip(".")
        print(f"{key:<26} {value}")
    if table is not None:
        print()
        print(table.to_frame().to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    return 0
