HELP = ("write a synthetic cohort with its planted truth (responses, referrals, protocol, truth); "
        "--programme studies writes a synthetic set of published studies (studies.csv)")


def add_arguments(parser):
    parser.add_argument("--programme", required=True,
                        help="seed programme, e.g. kunst-op-recept; or 'studies' for the "
                        "evidence-synthesis study set")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", required=True, help="folder to write into")


def run(args):
    if args.programme == "studies":
        from ..synth.studies import synthesise_studies, write_studies

        paths = write_studies(*synthesise_studies(args.seed), args.out)
        for path in paths.values():
            print(path)
        return 0
    from ..synth import synthesise, write_cohort

    paths = write_cohort(synthesise(args.programme, args.seed), args.out)
    for path in paths.values():
        print(path)
    return 0
