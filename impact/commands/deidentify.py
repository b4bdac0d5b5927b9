HELP = ("de-identify a quotes file: identifiers in 'text' replaced by tokens ([naam], [datum], "
        "[adres], [telefoon], [e-mail], [postcode], [instelling], [BSN], [leeftijd], [wijk]); "
        "other columns unchanged")


def add_arguments(parser):
    parser.add_argument("quotes", help="quotes CSV/XLSX (quote_id, participant_id, wave, source, "
                        "role, text)")
    parser.add_argument("--protocol", help="protocol: its language chooses the tokens")
    parser.add_argument("--names", help="names the data know: CSV with columns kind, name (kind: "
                        "participant, teacher, referrer, neighbourhood, practice) or one person "
                        "name per line")
    parser.add_argument("--lang", choices=("nl", "en"), help="language of the tokens "
                        "(default: the protocol's, else nl)")
    parser.add_argument("--output", required=True, metavar="OUT.csv", help="output file "
                        "(never overwrites an input)")
    from ._common import add_force

    add_force(parser)


def run(args):
    from pathlib import Path

    from ..errors import InputError
    from ..qual.deid import deidentify, load_names
    from ..qual.quotes import read_quotes, write_sheet
    from ._common import existing_file
    from ._output import output_file

    path = existing_file(args.quotes, "quotes file")
    inputs = [path]
    lang = args.lang
    if args.protocol:
        from ..protocol import load_protocol

        proto = existing_file(args.protocol, "protocol")
        inputs.append(proto)
        lang = lang or load_protocol(proto).language
    names = {"names": [], "places": [], "institutions": []}
    if args.names:
        npath = existing_file(args.names, "names file")
        inputs.append(npath)
        names = load_names(npath)
    if Path(args.output).suffix.lower() not in (".csv", ".xlsx"):
        raise InputError("--output must end in .csv or .xlsx", file=args.output,
                         rule="output format")
    out = output_file(args.output, "deidentify", inputs, force=args.force)
    quotes = read_quotes(path)
    text = quotes["text"].astype(object)
    quotes["text"] = deidentify(text, names, lang=lang or "nl")
    with out.writing() as tmp:
        write_sheet(quotes, tmp)
    print(f"impact: {len(quotes)} quotes de-identified -> {args.output}")
    return 0
