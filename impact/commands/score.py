HELP = "score instruments; writes participant_id, wave (+ site) and the score columns as CSV"


def add_arguments(parser):
    parser.add_argument("data", help="response file (CSV)")
    parser.add_argument("--instrument", action="append", default=[], metavar="ID",
                        help="instrument id; repeat for several")
    parser.add_argument("--instrument-file", action="append", default=[], metavar="F",
                        help="custom instrument YAML file; repeat for several")
    parser.add_argument("--protocol", help="protocol YAML (column mapping, missing codes)")
    parser.add_argument("--output", help="output CSV (default: standard output)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing --output")
    parser.add_argument("--min-answered", action="append", default=[], metavar="ID=N",
                        help="minimum answered items for an instrument, e.g. pss10=10")
    parser.add_argument("--category-rule", action="append", default=[], metavar="ID=RULE",
                        help="named category rule, e.g. mhi5=cbs (CBS < 60 instead of GGD <= 60)")


def _pairs(values, flag, convert=str):
    from ..errors import InputError

    out = {}
    for value in values:
        key, sep, val = value.partition("=")
        try:
            if not sep or not key:
                raise ValueError
            out[key.strip().lower()] = convert(val.strip())
        except ValueError:
            raise InputError(f"{flag} expects ID=VALUE, got {value!r}",
                             rule=f"{flag} ID=VALUE") from None
    return out


def run(args):
    import sys

    from ..errors import InputError
    from ..instruments import load_instrument_file, score
    from ..io import read_responses
    from ..protocol import load_protocol
    from ._common import existing_file, protocol_inputs
    from ._output import output_file

    protocol = load_protocol(existing_file(args.protocol, "protocol")) if args.protocol else None
    instruments = list(args.instrument) + [load_instrument_file(existing_file(f, "instrument file"))
                                           for f in args.instrument_file]
    if not instruments and protocol is not None:
        instruments = protocol.instruments
    if not instruments:
        raise InputError("name at least one --instrument or --instrument-file",
                         rule="score needs an instrument")
    data = existing_file(args.data, "response file")
    inputs = [data, args.protocol, *args.instrument_file, *protocol_inputs(args.protocol)]
    out = output_file(args.output, "score", inputs, force=args.force) if args.output else None
    if protocol is not None and not args.instrument and not args.instrument_file:
        from ..io import load_responses

        frame, problems = load_responses(data, protocol)  # layout, mapping and labels as analyse
        problems.raise_if_errors()
    else:
        from ..instruments import get_instrument
        from ..io.answers import coerce_items
        from ..protocol import protocol_answer_labels

        frame = read_responses(data, columns=protocol.columns if protocol else None)
        labels = protocol_answer_labels(protocol.get("answer_labels") or {}, protocol.path) \
            if protocol else {}
        found = coerce_items(frame, [get_instrument(i) for i in instruments],
                             protocol_labels=labels)
        found.raise_if_errors()
    options = {iid: {"category_rule": rule}
               for iid, rule in _pairs(args.category_rule, "--category-rule").items()}
    scores = score(frame, instruments, missing_codes=protocol.missing_codes if protocol else (),
                   keep=("participant_id", "wave", "site"),
                   min_answered=_pairs(args.min_answered, "--min-answered", int) or None,
                   options=options or None)
    from ..qual.quotes import safe_cell

    # ids that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get an apostrophe
    for col in scores.columns:
        if scores[col].dtype == object or str(scores[col].dtype) in ("str", "string"):
            scores[col] = scores[col].map(safe_cell).astype(object)
    if out is not None:
        with out.writing() as tmp:
            scores.to_csv(tmp, index=False, lineterminator="\n")
    else:
        scores.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0
