"""The bidang's form: its layout (declared once, in `layout`), the writer (`init-form`), the
reader of a returned form (`collect`), the feedback copy of a rejected one, and the filler
that simulates a bidang's answers (demo, tests, benchmark).

The reader's parts: `grid` (cell grids and the few XML facts calamine cannot give),
`identity` (which form is this?), `structure` (columns by header, rows by code), `rows`
(every locked value against the PK, every input cell through the cell rules).
"""

from kinerja_cli.io.form import layout
from kinerja_cli.io.form.feedback import (
    feedback_name,
    fits_openpyxl,
    write_feedback_text,
    write_feedback_workbook,
)
from kinerja_cli.io.form.filler import fill_form, simulated_values
from kinerja_cli.io.form.layout import form_filename
from kinerja_cli.io.form.reader import FormRead, read_form
from kinerja_cli.io.form.writer import FormSpec, write_form

__all__ = [
    "FormRead",
    "FormSpec",
    "feedback_name",
    "fill_form",
    "fits_openpyxl",
    "form_filename",
    "layout",
    "read_form",
    "simulated_values",
    "write_feedback_text",
    "write_feedback_workbook",
    "write_form",
]
