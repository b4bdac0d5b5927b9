HELP = ("repeated cross-sectional neighbourhood monitor with survey weights: means, differences "
        "from the reference area, difference-in-differences (JSON)")


def add_arguments(parser):
    from ..i18n import languages
    from ._common import add_force

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
    add_force(parser)


def run(args):
    from ._common import existing_file, print_json, protocol_inputs
    from ._output import output_file, output_folder, separate

    survey = existing_file(args.survey, "survey file")
    protocol = existing_file(args.protocol, "protocol")
    from ..errors import InputError
    from ..studies.monitor import analyse_monitor

    if (args.lang or args.format != "html") and not args.out:
        raise InputError("--lang and --format need --out (the report folder)",
                         column="--out", rule="report options need a folder")
    separate(args.output, args.out)
    inputs = [survey, protocol, *protocol_inputs(protocol)]
    # every output checked (and locked) before the analysis runs
    folder = output_folder(args.out, "monitor", inputs, force=args.force) if args.out else None
    target = output_file(args.output, "monitor", inputs, force=args.force) if args.output \
        else None
    if folder is not None:
        from ..report.run import monitor_and_disclose
        from ..report.render import check_formats, render_monitor

        formats = check_formats(args.format.split(","))
        run = monitor_and_disclose(survey, protocol)
        with folder.writing() as stage:
            written = render_monitor(None, None, stage, lang=args.lang, formats=formats,
                                     force=True, run=run)
        for path in written.values():
            print(folder.final(path))
        if target is None:
            return 0
        result = {"monitor": run[0]}
    else:
        result = {"monitor": analyse_monitor(survey, protocol).to_dict()}
    if target is not None:
        import json

        with target.writing() as tmp:
            tmp.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                           encoding="utf-8")
    else:
        print_json(result)
    return 0
