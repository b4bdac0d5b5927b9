HELP = ("exchange with QDA software (REFI-QDA): import a .qdpx project into quotes.csv and "
        "codings.csv; convert a codebook between YAML and .qdc")


def add_arguments(parser):
    sub = parser.add_subparsers(dest="qda_command", metavar="ACTION", parser_class=type(parser))
    imp = sub.add_parser("import", help="REFI-QDA project (.qdpx), QualCoder or Taguette "
                         "export (CSV/XLSX) or qc project -> DIR/quotes.csv, DIR/codings.csv "
                         "and DIR/codebook.yaml")
    imp.add_argument("project", help="REFI-QDA project (.qdpx), QualCoder coding report or "
                     "Taguette highlights (CSV/XLSX), qc project folder or its settings.yaml")
    imp.add_argument("--from", dest="tool", choices=("refi", "qualcoder", "taguette", "qc"),
                     help="which tool made the export (default: detected from the content)")
    imp.add_argument("--coder", help="coder for exports without a coder column (Taguette: "
                     "default the file name; QualCoder 3.0-3.5 CSV: default 'unknown')")
    imp.add_argument("--out", required=True, metavar="DIR", help="output folder")
    imp.add_argument("--wave", help="wave for quotes without a wave variable")
    imp.add_argument("--source", help="source for quotes without a source variable")
    imp.add_argument("--role", help="role for quotes without a role variable")
    imp.add_argument("--force", action="store_true", help="overwrite earlier output in DIR")
    cb = sub.add_parser("codebook", help="codebook YAML -> REFI-QDA .qdc (or .qdc -> YAML)")
    cb.add_argument("codebook", help="codebook (.yaml/.yml or .qdc)")
    cb.add_argument("--out", required=True, metavar="FILE", help="output .qdc or .yaml")
    cb.add_argument("--lang", choices=("nl", "en"), help="language of code names in a .qdc")
    cb.add_argument("--force", action="store_true", help="overwrite an existing --out")


def run(args):
    from ..errors import InputError

    if args.qda_command == "import":
        return _import(args)
    if args.qda_command == "codebook":
        return _codebook(args)
    raise InputError("name an action: import or codebook", rule="impact qda ACTION")


def _import(args):
    from pathlib import Path

    from ..errors import InputError
    from ..qual import QUOTE_SOURCES, SPEAKER_ROLES
    from ..qual.imports import read_export
    from ..qual.quotes import normalise_vocabulary, write_sheet
    from ._output import output_folder

    project = Path(args.project)
    if not project.exists():
        raise InputError("the export does not exist", file=project, rule="file must exist")
    source = normalise_vocabulary(args.source, "source")
    role = normalise_vocabulary(args.role, "role")
    if source and source not in QUOTE_SOURCES:
        raise InputError(f"--source must be one of {', '.join(QUOTE_SOURCES)}",
                         rule="source from the list")
    if role and role not in SPEAKER_ROLES:
        raise InputError(f"--role must be one of {', '.join(SPEAKER_ROLES)}",
                         rule="role from the list")
    out = output_folder(args.out, "qda import", [project], force=args.force)
    quotes, codings, codebook = read_export(project, args.tool, coder=args.coder, wave=args.wave,
                                            source=source, role=role)
    with out.writing() as stage:
        write_sheet(quotes, stage / "quotes.csv")
        write_sheet(codings, stage / "codings.csv")
        if len(codebook):
            codebook.to_yaml(stage / "codebook.yaml")
    print(f"impact: {len(quotes)} quotes, {len(codings)} codings by "
          f"{codings['coder'].nunique()} coder(s), {len(codebook)} codes -> {args.out}")
    memos = [f"{_count(frame, 'memo')} {what} memos" for frame, what in
             ((quotes, "quote"), (codings, "coding")) if _count(frame, "memo")]
    described = sum(1 for c in codebook if c.description)
    if described:
        memos.append(f"{described} code descriptions")
    if memos:
        print(f"impact: kept {', '.join(memos)} (quotes.csv and codings.csv column memo, "
              "codebook.yaml description)")
    aside = codings.attrs.get("set_aside", {})
    if aside:
        print("impact: set aside (not imported): "
              + ", ".join(f"{what}: {n}" for what, n in aside.items()))
    return 0


def _count(frame, column):
    if column not in frame.columns:
        return 0
    values = frame[column]
    return int((values.notna() & (values.astype(str).str.strip() != "")).sum())


def _codebook(args):
    from pathlib import Path

    from ..errors import InputError
    from ..qual import load_codebook
    from ._common import existing_file
    from ._output import output_file

    src = existing_file(args.codebook, "codebook")
    suffix = Path(args.out).suffix.lower()
    if suffix not in (".qdc", ".yaml", ".yml"):
        raise InputError("--out must end in .qdc, .yaml or .yml", file=args.out,
                         rule="output format by suffix")
    out = output_file(args.out, "qda codebook", [src], force=args.force)
    codebook = load_codebook(src)
    with out.writing() as tmp:
        if suffix == ".qdc":
            codebook.to_qdc(tmp, lang=args.lang)
        else:
            codebook.to_yaml(tmp)
    return 0
