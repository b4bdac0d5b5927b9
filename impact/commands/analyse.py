HELP = "analyse response data under a protocol; prints or writes the results JSON"


def add_arguments(parser):
    parser.add_argument("data", help="response file")
    parser.add_argument("--protocol", required=True, help="protocol YAML")
    parser.add_argument("--output", help="results JSON file (default: standard output)")


def run(args):
    from ..analysis import analyse
    from ._common import existing_file, output_path, print_json

    data = existing_file(args.data, "response file")
    protocol = existing_file(args.protocol, "protocol")
    results = analyse(data, protocol)
    if args.output:
        results.to_json(output_path(args.output, [data, protocol]))
    else:
        print_json(results.to_dict())
    return 0
