HELP = ("repeated cross-sectional neighbourhood monitor with survey weights: means, differences "
        "from the reference area, difference-in-differences (JSON)")


def add_arguments(parser):
    from ..i18n import languages

    parser.add_argument("survey", help="survey file (CSV or XLSX): respondent_id, round, "
                                       "neighbourhood, weight, items")
    parser.add_argument("--protocol", required=True, help="protocol YAML with rounds")
    parser.add_argument("--output", help="results JSON file (default: standard output, unless "
                        "--out is given)")
    parser.add_argument("--out", help="folder for the monitor report: report.html (.pdf, .docx) "
                        "and published.json; the unsuppressed results in OUT/internal/")
    parser.add_argument("--lang", choices=languages(), help="report language (default: the "
                        "protocol's language)")
    parser.add_argument("--format", default="html", help="html, pdf, docx, comma-separated "
                        "(default html)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing report in OUT")


def run(args):
    from ._common import existing_file, output_path, print_json

    survey = existing_file(args.survey, "survey file")
    protocol = existing_file(args.protocol, "protocol")
    from ..errors import InputError
    from ..studies.monitor import analyse_monitor

    if (args.lang or args.format != "html" or args.force) and not args.out:
        raise InputError("--lang, --format and --force need --out (the report folder)",
                         column="--out", rule="report options need a folder")
    if args.out:
        from ..report.run import monitor_and_disclose
        from ..report.render import render_monitor
        from ._common import REPORT_OUTPUTS, output_folder

        formats = tuple(f.strip().lower() for f in args.format.split(",") if f.strip())
        output_folder(args.out, force=args.force, owned=REPORT_OUTPUTS, inputs=[survey, protocol])
        run = monitor_and_disclose(survey, protocol)
        written = render_monitor(None, None, args.out, lang=args.lang, formats=formats,
                                 force=args.force, run=run)
        for path in written.values():
            print(path)
        if not args.output:
            return 0
        result = {"monitor": run[0]}
    else:
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
