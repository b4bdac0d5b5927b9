HELP = "analyse response data under a protocol; prints or writes the results JSON"


def add_arguments(parser):
    from ._common import add_force

    parser.add_argument("data", nargs="?", help="response file (default: the protocol's 'data')")
    parser.add_argument("--protocol", required=True, help="protocol YAML")
    parser.add_argument("--output", help="results JSON file (default: standard output)")
    add_force(parser)
    parser.add_argument("--referrals", help="referral records (CSV/XLSX): adds the referrals key")
    parser.add_argument("--population", help="residents per neighbourhood and age group (CSV), "
                                             "with --referrals")


def run(args):
    from ..studies.programme import analyse
    from ._common import existing_file, print_json, protocol_inputs
    from ._output import output_file

    data = existing_file(args.data, "response file") if args.data else None
    protocol = existing_file(args.protocol, "protocol")
    referrals = existing_file(args.referrals, "referral file") if args.referrals else None
    population = existing_file(args.population, "population file") if args.population else None
    inputs = [data, protocol, referrals, population, *protocol_inputs(protocol)]
    out = output_file(args.output, "analyse", inputs, force=args.force) if args.output else None
    results = analyse(data, protocol, referrals=referrals, population=population)
    if out is not None:
        with out.writing() as tmp:
            results.to_json(tmp)
    else:
        print_json(results.to_dict())
    return 0
