HELP = ("repeated cross-sectional neighbourhood monitor with survey weights: means, differences "
        "from the reference area, difference-in-differences (JSON)")


def add_arguments(parser):
    parser.add_argument("survey", help="survey file (CSV or XLSX): respondent_id, round, "
                                       "neighbourhood, weight, items")
    parser.add_argument("--protocol", required=True, help="protocol YAML with rounds")
    parser.add_argument("--output", help="results JSON file (default: standard output)")


def run(args):
    from ._common import existing_file, output_path, print_json

    survey = existing_file(args.survey, "survey file")
    protocol = existing_file(args.protocol, "protocol")
    from ..errors import InputError
    from ..monitor import analyse_monitor

    result = {"monitor": analyse_monitor(survey, protocol).to_dict()}
    if args.output:
        import json

        out = output_path(args.output, [survey, protocol])
        if out.exists():
            raise InputError("the output file exists; choose another name or remove it",
                             file=out, rule="outputs are never silently overwritten")
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        print_json(result)
    return 0
