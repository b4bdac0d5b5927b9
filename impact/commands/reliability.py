HELP = ("internal consistency of an instrument: Cronbach's alpha with Feldt CI, omega total and "
        "item statistics as JSON (complete cases)")


def add_arguments(parser):
    parser.add_argument("data", help="response file (CSV, XLSX or SAV) in the item-column contract")
    parser.add_argument("--instrument", metavar="ID", help="built-in instrument id")
    parser.add_argument("--instrument-file", metavar="F", help="custom instrument YAML file")
    parser.add_argument("--wave", metavar="W",
                        help="use only the rows of this wave (recommended with repeated "
                             "measurements; by default every row is used)")
    parser.add_argument("--protocol", help="protocol YAML (column mapping, missing codes)")
    parser.add_argument("--missing", choices=("complete", "pairwise"), default="complete",
                        help="complete cases (default) or pairwise covariances as psych::alpha")
    parser.add_argument("--level", type=float, default=0.95,
                        help="confidence level of the Feldt interval (default 0.95)")


def run(args):
    from ..errors import InputError
    from ..instruments import get_instrument, load_instrument_file, reliability
    from ..io import read_responses
    from ..protocol import load_protocol
    from ._common import existing_file, print_json

    if bool(args.instrument) == bool(args.instrument_file):
        raise InputError("name exactly one of --instrument or --instrument-file",
                         rule="reliability needs one instrument")
    if not 0 < args.level < 1:
        raise InputError(f"--level must be between 0 and 1, got {args.level}",
                         rule="confidence level")
    inst = (get_instrument(args.instrument) if args.instrument
            else load_instrument_file(existing_file(args.instrument_file, "instrument file")))
    protocol = load_protocol(existing_file(args.protocol, "protocol")) if args.protocol else None
    path = existing_file(args.data, "response file")
    frame = read_responses(path, columns=protocol.columns if protocol else None)
    from ..io.answers import coerce_items
    from ..protocol import protocol_answer_labels

    labels = protocol_answer_labels(protocol.get("answer_labels") or {}, protocol.path) \
        if protocol else {}
    coerce_items(frame, [inst], protocol_labels=labels).raise_if_errors()
    notes = []
    if args.wave is not None:
        if "wave" not in frame.columns:
            raise InputError("--wave given but the data have no 'wave' column", file=path,
                             column="wave", rule="wave column required for --wave")
        waves = frame["wave"].astype(str)
        if not (waves == args.wave).any():
            raise InputError(f"no rows with wave '{args.wave}'; waves present: "
                             f"{', '.join(sorted(waves.dropna().unique()))}", file=path,
                             column="wave", rule="--wave must name a wave in the data")
        frame = frame[(waves == args.wave).to_numpy()]
    elif "wave" in frame.columns and frame["wave"].nunique() > 1:
        notes.append("rows of several waves are pooled (repeated measurements of the same "
                     "people); use --wave for one wave")
    import warnings

    with warnings.catch_warnings(record=True) as caught:   # one "impact: warning:" line each
        warnings.simplefilter("always", UserWarning)
        result = reliability(frame, inst, missing=args.missing, level=args.level,
                             missing_codes=protocol.missing_codes if protocol else ())
    for w in caught:
        print(f"impact: warning: {w.message}", file=__import__("sys").stderr)
    out = {"instrument": inst.id, "wave": args.wave, **result.to_dict()}
    out["notes"] = notes + out["notes"]
    print_json(out)
    return 0
