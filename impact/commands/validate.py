HELP = ("check response data against a protocol; lists every problem (file, row, column, rule); "
        "exit 2 on any error, warnings do not fail")


def add_arguments(parser):
    parser.add_argument("data", nargs="?",
                        help="response file (CSV, XLSX or SPSS .sav); default: the protocol's "
                             "'data'")
    parser.add_argument("--protocol", required=True, help="protocol YAML")
    parser.add_argument("--json", action="store_true",
                        help="also print the problems and the flow ledger as JSON on stdout")
    parser.add_argument("--max-per-rule", type=int, default=100, metavar="N",
                        help="at most N messages per rule and column (default 100)")


def run(args):
    import sys
    from dataclasses import replace

    from ..io.flow import participant_flow
    from ..io.load import read_and_validate
    from ..protocol import load_protocol
    from ._common import existing_file, print_json

    protocol = load_protocol(existing_file(args.protocol, "protocol"))
    data = existing_file(args.data, "response file") if args.data else None
    frame, problems = read_and_validate(data, protocol, max_per_rule=max(1, args.max_per_rule))
    # The report layer's own protocol sections (evidence, intervention, sroi) are checked too,
    # so a protocol that validates also renders.
    from ..evidence import evidence_problems

    problems.extend([replace(p, file=str(args.protocol)) if p.file in (None, "protocol") else p
                     for p in evidence_problems(protocol)])
    for problem in problems.problems:
        print(f"impact: {problem}", file=sys.stderr)
    flow = participant_flow(frame, protocol)
    errors, warnings = len(problems.errors), len(problems.warnings)
    if args.json:
        print_json({"valid": not errors, "errors": errors, "warnings": warnings,
                    "problems": [p.to_dict() for p in problems.problems], "flow": flow})
    else:
        verdict = "valid" if not errors else "NOT valid"
        name = data if data is not None else frame.attrs.get("source_file")
        print(f"{name}: {verdict}: {flow['rows']} rows, {flow['enrolled']} participants, "
              f"{flow['with_baseline']} at {protocol.baseline}, {flow['with_followup']} at "
              f"{protocol.followup}; {errors} error(s), {warnings} warning(s)")
    return 2 if errors else 0
