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


def run(args):
    from ..errors import InputError
    from ..report.synthesis_sections import render_synthesis
    from ..studies.synthesis import load_synthesis_protocol, synthesise_evidence
    from ._common import existing_file, output_path, print_json

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
    if args.output:
        target = output_path(args.output, [studies, proto_path])
        if target.exists():
            raise InputError("the output file exists; choose another name", file=target,
                             rule="outputs are never silently overwritten")
    result = synthesise_evidence(studies, proto)
    if args.output:
        result_json = target
        import json

        result_json.write_text(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n",
                               encoding="utf-8")
    if args.out:
        from ..i18n import languages

        lang = args.lang or (proto.get("language") if proto.get("language") in languages()
                             else "en")
        paths = render_synthesis(result, args.out, lang=lang, formats=formats)
        for path in paths.values():
            print(path)
    elif not args.output:
        print_json(result.to_dict())
    return 0
