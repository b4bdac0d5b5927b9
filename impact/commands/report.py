HELP = ("analyse, disclose and render a report: report.html (.pdf, .docx), summary.html (.pdf) and "
        "published.json in OUT, the unsuppressed results and executed notebook in OUT/internal/")


def add_arguments(parser):
    from ..i18n import languages
    from ._common import add_force

    parser.add_argument("data", help="response file")
    parser.add_argument("--protocol", required=True, help="protocol YAML")
    parser.add_argument("--quotes", help="quotes CSV")
    parser.add_argument("--codings", help="codings CSV")
    parser.add_argument("--referrals", help="referral records (CSV or XLSX): funder report gets "
                        "reach and referrers, the guideline flow begins at referral")
    parser.add_argument("--population", help="residents per neighbourhood and age group (CSV), "
                        "with --referrals")
    parser.add_argument("--audience", required=True, choices=("guideline", "funder"))
    parser.add_argument("--lang", choices=languages(), help="default: the protocol's language")
    parser.add_argument("--format", default="html",
                        help="any of html, pdf, docx, comma-separated (default html); the "
                             "one-page summary comes with each (summary.pdf with pdf)")
    parser.add_argument("--out", required=True, help="folder to write into (new, empty, or an "
                        "earlier report's folder with --force)")
    add_force(parser)


def run(args):
    from ..report import render_report
    from ..report.render import check_formats
    from ._common import existing_file, protocol_inputs
    from ._output import output_folder

    data = existing_file(args.data, "response file")
    protocol = existing_file(args.protocol, "protocol")
    quotes = existing_file(args.quotes, "quotes file") if args.quotes else None
    codings = existing_file(args.codings, "codings file") if args.codings else None
    referrals = existing_file(args.referrals, "referrals file") if args.referrals else None
    population = existing_file(args.population, "population file") if args.population else None
    if (quotes is None) != (codings is None):
        from ..errors import InputError

        given, other = ("--quotes", "--codings") if codings is None else ("--codings", "--quotes")
        raise InputError(f"{given} needs {other}: the report's quotes are chosen by their codes "
                         f"(without both, {given} would be ignored)", column=given,
                         rule="quotes and codings come together")
    if population is not None and referrals is None:
        from ..errors import InputError

        raise InputError("--population needs --referrals", column="--population",
                         rule="reach is counted from the referral records")
    formats = check_formats(args.format.split(","))
    inputs = [data, protocol, quotes, codings, referrals, population, *protocol_inputs(protocol)]
    out = output_folder(args.out, "report", inputs, force=args.force)
    # rendered into a folder beside OUT and renamed into place when complete: a run stopped at
    # any point leaves the earlier report or none, never report.html without published.json
    with out.writing() as stage:
        written = render_report(data, protocol, stage, audience=args.audience, lang=args.lang,
                                formats=formats, quotes=quotes, codings=codings, force=True,
                                referrals=referrals, population=population)
    for path in written.values():
        print(out.final(path))
    return 0
