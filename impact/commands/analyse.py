HELP = "analyse response data under a protocol; prints or writes the results JSON"


def add_arguments(parser):
    parser.add_argument("data", help="response file")
    parser.add_argument("--protocol", required=True, help="protocol YAML")
    parser.add_argument("--output", help="results JSON file (default: standard output)")
    parser.add_argument("--referrals", help="referral records (CSV/XLSX): adds the referrals key")
    parser.add_argument("--population", help="residents per neighbourhood and age group (CSV), "
                                             "with --referrals")


def run(args):
    from ..analysis import analyse
    from ._common import existing_file, output_path, print_json

    data = existing_file(args.data, "response file")
    protocol = existing_file(args.protocol, "protocol")
    referrals = existing_file(args.referrals, "referral file") if args.referrals else None
    population = existing_file(args.population, "population file") if args.population else None
    results = analyse(data, protocol, referrals=referrals, population=population)
    if args.output:
        results.to_json(output_path(args.output, [data, protocol, referrals, population]))
    else:
        print_json(results.to_dict())
    return 0
