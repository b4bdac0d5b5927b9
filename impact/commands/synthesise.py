HELP = ("evidence synthesis across studies (studies.csv): effect sizes, random-effects or "
        "three-level models, moderators, small-study tests, GRADE; JSON and a report")


def add_arguments(parser):
    from ..i18n import languages

    parser.add_argument("studies", help="studies CSV (one row per effect size)")
    parser.add_argument("--protocol", help="synthesis protocol YAML (optional)")
    parser.add_argument("--output", help="synthesis JSON file (default: standard output, unless "
                        "--out is given)")
    parser.add_argument("--out", help="folder for the report: report.html (.pdf, .docx) and "
                        "published.json; the analyst's copy in OUT/internal/")
    parser.add_argument("--lang", choices=languages(), help="report language (default: the "
                        "protocol's language, else en)")
    parser.add_argument("--format", default="html",
                        help="report formats, comma-separated: html,pdf,docx (default html)")
    from ._common import add_force

    add_force(parser)


def run(args):
    from ..errors import InputError
    from ..report.synthesis_sections import render_synthesis
    from ..studies.synthesis import load_synthesis_protocol, synthesise_evidence
    from ._common import existing_file, print_json, protocol_inputs
    from ._output import output_file, output_folder, separate

    studies = existing_file(args.studies, "studies file")
    proto_path = existing_file(args.protocol, "protocol") if args.protocol else None
    formats = tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
    bad = sorted(set(formats) - {"html", "pdf", "docx"})
    if bad:
        raise InputError(f"unknown format {bad[0]!r}; use html, pdf, docx", column="--format",
                         rule="--format values")
    if (args.lang or args.format != "html") and not args.out:
        raise InputError("--lang and --format need --out (the report folder)", column="--out",
                         rule="report options need a folder")
    proto = load_synthesis_protocol(proto_path)
    # every output checked (and locked) before the synthesis runs
    separate(args.output, args.out)
    inputs = [studies, proto_path, *protocol_inputs(proto_path)]
    target = output_file(args.output, "synthesise", inputs, force=args.force) if args.output \
        else None
    folder = output_folder(args.out, "synthesise", inputs, force=args.force) if args.out \
        else None
    result = synthesise_evidence(studies, proto)
    if target is not None:
        import json

        with target.writing() as tmp:
            tmp.write_text(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n",
                           encoding="utf-8")
    if folder is not None:
        from ..i18n import languages

        lang = args.lang or (proto.get("language") if proto.get("language") in languages()
                             else "en")
        with folder.writing() as stage:
            paths = render_synthesis(result, stage, lang=lang, formats=formats)
        for path in paths.values():
            print(folder.final(path))
    elif not args.output:
        print_json(result.to_dict())
    return 0
