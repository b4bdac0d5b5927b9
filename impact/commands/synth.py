HELP = ("write a synthetic cohort with its planted truth (responses, referrals, protocol, truth); "
        "--programme studies writes a synthetic set of published studies (studies.csv)")


def add_arguments(parser):
    parser.add_argument("--programme", required=True,
                        help="seed programme, e.g. kunst-op-recept; or 'studies' for the "
                        "evidence-synthesis study set")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", required=True, help="folder to write into (new or empty)")
    parser.add_argument("--force", action="store_true",
                        help="replace the folder of an earlier synth run in --out (never a folder "
                             "holding other files)")


def run(args):
    from ._common import check_seed
    from ._output import output_folder

    check_seed(args.seed)
    if args.programme == "studies":
        from ..synth.studies import synthesise_studies, write_studies

        out = output_folder(args.out, "synth", force=args.force)
        with out.writing() as stage:
            paths = write_studies(*synthesise_studies(args.seed), stage)
    else:
        from ..synth import synthesise, write_cohort

        from ..errors import InputError
        from ..synth import PROGRAMMES

        if args.programme not in PROGRAMMES:
            raise InputError(f"unknown programme '{args.programme}'; available: "
                             f"{', '.join(PROGRAMMES)}, studies",
                             rule="programme must be one of the seed programmes")
        out = output_folder(args.out, "synth", force=args.force)
        cohort = synthesise(args.programme, args.seed)
        with out.writing() as stage:
            paths = write_cohort(cohort, stage)
    for path in paths.values():
        print(out.final(path))
    return 0
