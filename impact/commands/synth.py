HELP = ("write a synthetic cohort with its planted truth (responses, referrals, protocol, truth); "
        "--programme studies writes a synthetic set of published studies (studies.csv)")


def add_arguments(parser):
    parser.add_argument("--programme", required=True,
                        help="seed programme, e.g. kunst-op-recept; or 'studies' for the "
                        "evidence-synthesis study set")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", required=True, help="folder to write into (new or empty)")
    parser.add_argument("--force", action="store_true",
                        help="overwrite the files of an earlier synth run in --out")


def run(args):
    if args.programme == "studies":
        from ..synth.studies import synthesise_studies, write_studies

        paths = write_studies(*synthesise_studies(args.seed), args.out)
        for path in paths.values():
            print(path)
        return 0
    from ..synth import synthesise, write_cohort
    from ._common import output_folder

    cohort = synthesise(args.programme, args.seed)
    owned = ("responses.csv", "referrals.csv", "protocol.yaml", "truth.json", *cohort.extra)
    # a folder that holds anything synth does not write is somebody's data: refused even with
    # --force, which only replaces the files of an earlier synth run
    out = output_folder(args.out, force=args.force, owned=owned)
    if out.exists():
        foreign = sorted(p.name for p in out.iterdir() if p.name not in owned)
        if foreign:
            from ..errors import InputError

            raise InputError(f"the folder holds other files ({', '.join(foreign[:5])}); synth "
                             f"writes only into a new or empty folder", file=out,
                             rule="synth never replaces a data folder")
    paths = write_cohort(cohort, out)
    for path in paths.values():
        print(path)
    return 0
