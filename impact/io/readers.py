"""Reading response files into a long frame whose index is the source row number."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

__all__ = ["read_responses"]


def read_responses(path, *, columns=None):
    """Read a response file (CSV) into a DataFrame.

    The index is named ``row`` and holds the spreadsheet row number of each record (header = row 1),
    so every later message can point to the row a user sees. ``frame.attrs["source_file"]`` keeps
    the path. The file itself is never modified.

    Parameters
    ----------
    path : str or Path
    columns : dict, optional
        Mapping of source column names to contract names (``{"Deelnemer nr": "participant_id"}``).
    """
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InputError("response file does not exist", file=path, rule="file must exist")
    try:
        frame = pd.read_csv(path, sep=None, engine="python", dtype=str, keep_default_na=False,
                            na_values=[""], encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise InputError("the file is empty", file=path, rule="a header row and data rows") from None
    except (UnicodeDecodeError, pd.errors.ParserError, ValueError) as exc:
        raise InputError(f"cannot be read as CSV: {exc}", file=path, rule="CSV format") from None
    if columns:
        frame = frame.rename(columns=columns)
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    for col in ("participant_id", "wave"):
        if col not in frame.columns:
            raise InputError(f"required column '{col}' is missing; columns are "
                             f"{', '.join(map(str, frame.columns))}", file=path, row=1, column=col,
                             rule="response files have participant_id and wave")
    frame.attrs["source_file"] = str(path)
    return frame
