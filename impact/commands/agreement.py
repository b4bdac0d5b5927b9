HELP = ("agreement between coders of a codings CSV (unit, coder, code): Krippendorff's alpha with "
        "a bootstrap interval, percent agreement, Cohen's kappa (two coders), per code")


def add_arguments(parser):
    parser.add_argument("codings", help="codings CSV/XLSX with columns unit, coder, code")
    parser.add_argument("--level", default="nominal",
                        choices=("nominal", "ordinal", "interval", "ratio"),
                        help="level of measurement (default nominal: codes)")
    parser.add_argument("--quotes", help="quotes CSV: every coder coded every quote "
                        "(a coder without a row for a quote gave it no code)")
    parser.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples "
                        "(default 1000; 0 = no interval)")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    parser.add_argument("--ci-method", default="units", choices=("units", "hayes"),
                        help="bootstrap over units (default) or over pairable values as "
                        "Hayes & Krippendorff's KALPHA")
    parser.add_argument("--disagreements", metavar="OUT",
                        help="also write the disagreements for the consensus meeting (CSV/XLSX)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing output")


def run(args):
    from ..errors import InputError
    from ..qual import coding_agreement, coding_disagreements, read_codings, read_quotes
    from ..qual.quotes import write_sheet
    from ._common import existing_file, print_json
    from ._output import output_file

    path = existing_file(args.codings, "codings file")
    out = output_file(args.disagreements, "agreement", [path, args.quotes],
                      force=args.force) if args.disagreements else None
    if args.n_boot < 0:
        raise InputError("--n-boot must be 0 or more", rule="n_boot >= 0")
    quotes = read_quotes(existing_file(args.quotes, "quotes file")) if args.quotes else None
    codings = read_codings(path, quotes=quotes)
    if codings.empty:
        raise InputError("the codings file has no rows", file=path,
                         rule="a header row and data rows")
    units = quotes["quote_id"].astype(str).tolist() if quotes is not None else None
    try:
        result = coding_agreement(codings, args.level, units=units, n_boot=args.n_boot,
                                  seed=args.seed, ci_method=args.ci_method)
    except ValueError as exc:
        raise InputError(str(exc), file=path, column="code", rule=f"level {args.level}") from None
    if out is not None:
        table = coding_disagreements(codings, quotes, units=units)
        with out.writing() as tmp:
            write_sheet(table, tmp)
    print_json(result.to_dict())
    return 0
