HELP = ("de-identify a quotes file: identifiers in 'text' replaced by tokens ([naam], [datum], "
        "[adres], [telefoon], [e-mail], [postcode], [instelling], [BSN], [leeftijd], [wijk], "
        "[account]); other columns unchanged")

# Limits that keep a run bounded (a 900 KB "quote" or a million rows is a wrong file, not an
# interview); raise them with --max-chars / --max-quotes.
MAX_CHARS = 20_000
MAX_QUOTES = 200_000
# quotes de-identified between two writes of the output (CSV) and two progress updates
CHUNK = 200


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
    parser.add_argument("--max-chars", type=_positive, default=MAX_CHARS, metavar="N",
                        help=f"longest quote accepted, in characters (default {MAX_CHARS:,})")
    parser.add_argument("--max-quotes", type=_positive, default=MAX_QUOTES, metavar="N",
                        help=f"most quotes accepted (default {MAX_QUOTES:,})")


def _positive(value):
    import argparse

    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


class _Progress:
    """A progress bar on a terminal only (tqdm when installed, else a plain counter on one
    line); nothing when standard error is a file or a pipe."""

    def __init__(self, total, stream=None):
        import sys

        self.stream = stream or sys.stderr
        self.total, self.done, self.bar = total, 0, None
        self.on = bool(getattr(self.stream, "isatty", lambda: False)())
        if self.on:
            try:
                from tqdm import tqdm
            except ImportError:
                tqdm = None
            if tqdm is not None:
                import shutil

                # a terminal that reports no size (a pseudo-terminal: 0 rows, where tqdm would
                # hide the bar) still gets one
                size = shutil.get_terminal_size((80, 20))
                self.bar = tqdm(total=total, unit=" quotes", file=self.stream,
                                ncols=max(size.columns, 40), nrows=max(size.lines, 5),
                                desc="de-identifying", leave=False, mininterval=0.2)

    def update(self, n):
        self.done += n
        if not self.on:
            return
        if self.bar is not None:
            self.bar.update(n)
            self.bar.refresh()       # one draw per chunk of quotes, whatever tqdm's timing
        else:
            self.stream.write(f"\rde-identifying: {self.done:,} of {self.total:,} quotes")
            self.stream.flush()

    def close(self):
        if self.bar is not None:
            self.bar.close()
        elif self.on:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


def _check_limits(path, quotes, max_chars, max_quotes):
    from ..errors import InputError, Problem

    if len(quotes) > max_quotes:
        raise InputError(f"{len(quotes):,} quotes, more than the limit of {max_quotes:,}",
                         file=path, rule="at most --max-quotes quotes (raise it for a larger "
                         "file)")
    lengths = quotes["text"].fillna("").str.len()
    long = lengths[lengths > max_chars]
    if len(long):
        problems = [Problem(f"the quote has {n:,} characters, more than the limit of "
                            f"{max_chars:,}", file=str(path), row=row, column="text",
                            rule="at most --max-chars characters per quote (raise it for longer "
                            "quotes)")
                    for row, n in long.head(20).items()]
        if len(long) > 20:
            problems.append(Problem(f"{len(long) - 20} more quotes are too long",
                                    file=str(path), column="text", rule="--max-chars"))
        raise InputError(problems=problems)


def _summary(counts, n_quotes, n_changed, labels):
    parts = [f"{n:,} x {labels[k]}" for k, n in sorted(counts.items(), key=lambda x: -x[1])]
    return (f"impact: {n_changed:,} of {n_quotes:,} quotes changed; replaced "
            + (", ".join(parts) if parts else "nothing"))


def run(args):
    from collections import Counter
    from pathlib import Path

    from ..errors import InputError
    from ..qual.deid import deid_labels, deidentify_counted, load_names
    from ..qual.quotes import read_quotes, safe_cell, write_sheet
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
    lang = lang or "nl"
    names = {"names": [], "places": [], "institutions": []}
    if args.names:
        npath = existing_file(args.names, "names file")
        inputs.append(npath)
        names = load_names(npath)
    if Path(args.output).suffix.lower() not in (".csv", ".xlsx"):
        raise InputError("--output must end in .csv or .xlsx", file=args.output,
                         rule="output format")
    # the one output writer: checked and locked before any work, written to a stage beside
    # the target and renamed when complete (no half-written output on failure)
    out = output_file(args.output, "deidentify", inputs, force=args.force)
    # a file far larger than the limits allow is refused before it is read
    budget = args.max_quotes * (args.max_chars + 1_000)
    if path.stat().st_size > budget:
        raise InputError(f"the file has {path.stat().st_size:,} bytes, more than "
                         f"{args.max_quotes:,} quotes of {args.max_chars:,} characters can fill",
                         file=path, rule="--max-quotes and --max-chars")
    quotes = read_quotes(path)
    _check_limits(path, quotes, args.max_chars, args.max_quotes)

    counts, changed = Counter(), 0
    texts = quotes["text"].astype(object).tolist()
    result = list(texts)
    progress = _Progress(len(texts))
    csv_out = Path(args.output).suffix.lower() == ".csv"
    try:
        with out.writing() as stage:
            fh = open(stage, "w", encoding="utf-8", newline="") if csv_out else None
            try:
                for start in range(0, len(texts), CHUNK):
                    for i in range(start, min(start + CHUNK, len(texts))):
                        t = texts[i]
                        if not isinstance(t, str):
                            continue
                        new, kinds = deidentify_counted(t, names, lang=lang)
                        counts.update(kinds)
                        changed += new != t
                        result[i] = new
                    if csv_out:
                        chunk = quotes.iloc[start:start + CHUNK].copy()
                        chunk["text"] = result[start:start + CHUNK]
                        chunk.columns = [safe_cell(str(c)) for c in chunk.columns]
                        for col in chunk.columns:
                            chunk[col] = chunk[col].map(safe_cell).astype(object)
                        chunk.to_csv(fh, index=False, header=start == 0,
                                     lineterminator="\r\n")
                    progress.update(min(CHUNK, len(texts) - start))
                if csv_out and not texts:
                    quotes.to_csv(fh, index=False, lineterminator="\r\n")
            finally:
                if fh is not None:
                    fh.close()
            if not csv_out:
                quotes = quotes.copy()
                quotes["text"] = result
                write_sheet(quotes, stage)
    finally:
        progress.close()
    print(_summary(counts, len(texts), changed, deid_labels(lang)))
    print(f"impact: {len(texts)} quotes de-identified -> {args.output}")
    return 0
