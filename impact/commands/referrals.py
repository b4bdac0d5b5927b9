HELP = ("referral funnel, uptake per referrer and route, monthly counts with a trend, days to "
        "start (JSON)")


def add_arguments(parser):
    parser.add_argument("referrals", help="referral records (CSV or XLSX)")
    parser.add_argument("--protocol", help="protocol YAML (optional: referral options)")
    parser.add_argument("--responses", help="response file: reconcile with the questionnaires")
    parser.add_argument("--population", help="residents per neighbourhood and age group (CSV)")
    parser.add_argument("--break-date", help="start of a second period (interrupted time series)")
    parser.add_argument("--model", choices=("auto", "poisson", "negbin"), default=None,
                        help="count model (default auto: negative binomial when overdispersed)")
    parser.add_argument("--json", action="store_true", help="print the JSON (default: a summary)")
    parser.add_argument("--output", help="write the JSON to this file")
    from ._common import add_force

    add_force(parser)


def run(args):
    from ._common import existing_file, print_json, protocol_inputs
    from ._output import output_file

    path = existing_file(args.referrals, "referral file")
    protocol = existing_file(args.protocol, "protocol") if args.protocol else None
    population = existing_file(args.population, "population file") if args.population else None
    from ..errors import InputError
    from ..studies.referrals import analyse_referrals

    inputs = [path, protocol, population, args.responses, *protocol_inputs(protocol)]
    out = output_file(args.output, "referrals", inputs, force=args.force) if args.output else None
    responses = None
    if args.responses:
        from ..io import read_responses
        from ..protocol import load_protocol

        cols = load_protocol(protocol).columns if protocol else None
        responses = read_responses(existing_file(args.responses, "response file"), columns=cols)
    if args.break_date:
        from ..io.referrals import parse_date

        try:
            parse_date(args.break_date)
        except ValueError:
            raise InputError(f"--break-date '{args.break_date}' is not a date",
                             rule="dates") from None
    result = analyse_referrals(path, protocol, responses=responses, population=population,
                               break_date=args.break_date, model=args.model)
    if out is not None:
        import json

        with out.writing() as tmp:
            tmp.write_text(json.dumps({"referrals": result.to_dict()}, indent=2,
                                      ensure_ascii=False) + "\n", encoding="utf-8")
    if args.json:
        print_json({"referrals": result.to_dict()})
    elif not args.output:
        print(result.summary())
    return 0
