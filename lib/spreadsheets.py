"""CSV for spreadsheets: a text cell that a spreadsheet would read as a formula is neutralised.

Excel and LibreOffice run a cell beginning with = + - @ (or a tab or carriage return, which
they skip before one of those) as a formula; a method name such as "=HYPERLINK(…)" would then
act in the reader's spreadsheet. Such a cell is written with a leading apostrophe, which the
spreadsheet shows as text and hides. Numbers are written as they are.
"""

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_row(values: Iterable[object]) -> list[object]:
    return [spreadsheet_cell(value) for value in values]
