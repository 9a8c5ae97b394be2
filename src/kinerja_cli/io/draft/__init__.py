"""The compiled draft (`kinerja compile`): the workbook writer with one module per sheet
(listed once, in `writer.SHEETS`), the draft's own identity (the very hidden `_kinerja`
sheet), the `compile --json` document, and the readers: the identity, and the tables that
`kinerja diff` compares between two drafts.
"""

from kinerja_cli.io.draft.corrections import Change
from kinerja_cli.io.draft.corrections import changes as read_changes
from kinerja_cli.io.draft.identitas import IDENTITY_KEYS, IDENTITY_SHEET, draft_id
from kinerja_cli.io.draft.json_doc import to_json
from kinerja_cli.io.draft.reader import TABLE_SHEETS, read_draft_identity, read_tables
from kinerja_cli.io.draft.writer import SHEET_NAMES, SHEETS, Sheet, draft_filename, write_draft

__all__ = [
    "Change",
    "IDENTITY_KEYS",
    "IDENTITY_SHEET",
    "SHEETS",
    "SHEET_NAMES",
    "TABLE_SHEETS",
    "Sheet",
    "draft_filename",
    "read_changes",
    "draft_id",
    "read_draft_identity",
    "read_tables",
    "to_json",
    "write_draft",
]
