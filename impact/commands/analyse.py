HELP = "analyse response data under a protocol; prints or writes the results JSON"


def add_arguments(parser):
    from ._common import add_force

    parser.add_argument("data", nargs="?", help="response file (default: the protocol's 'data')")
    parser.add_argument("--protocol", required=True, help="protocol YAML")
    parser.add_argument("--output", help="results JSON file (default: standard output)")
    add_force(parser)


def run(args):
    from ..analysis import analyse
    from ._common import existing_file, output_path, print_json

    data = existing_file(args.data, "response file") if args.data else None
    protocol = existing_file(args.protocol, "protocol")
    out = output_path(args.output, [data, protocol], force=args.force) if args.output else None
    results = analyse(data, protocol)
    if out is not None:
        results.to_json(output_path(out, [data, protocol], force=args.force))
    else:
        print_json(results.to_dict())
    return 0
