"""Generic, hostile-input-safe xlsx plumbing that knows no kinerja artefact.

Sniffing the real file type, the zip/XML preflight every received file passes before a parser
sees it, cell text cleaning and the one normalised matching key, header-row location, shared
cell styles and print setup. Nothing here imports `io.pk`, `io.form` or `io.draft` (a test
enforces it).
"""

from kinerja_cli.io.xlsx.filetype import column_letters, is_junk_name, sniff
from kinerja_cli.io.xlsx.guard import (
    MAX_FILE_SIZE,
    PreflightResult,
    ensure_defused_openpyxl,
    finding,
    preflight,
)
from kinerja_cli.io.xlsx.styles import (
    NUM_FMT,
    RP_FMT,
    add_named_style,
    apply_print_setup,
    register_styles,
    row_height,
    safe_text,
)
from kinerja_cli.io.xlsx.table import (
    HEADER_SCAN,
    Header,
    Table,
    best_header_row,
    find_header,
    find_sheet,
    locate,
    rows,
)
from kinerja_cli.io.xlsx.text import clean_text, norm

__all__ = [
    "HEADER_SCAN",
    "Header",
    "find_header",
    "MAX_FILE_SIZE",
    "NUM_FMT",
    "RP_FMT",
    "PreflightResult",
    "Table",
    "add_named_style",
    "apply_print_setup",
    "best_header_row",
    "clean_text",
    "column_letters",
    "ensure_defused_openpyxl",
    "find_sheet",
    "finding",
    "is_junk_name",
    "locate",
    "norm",
    "preflight",
    "register_styles",
    "row_height",
    "rows",
    "safe_text",
    "sniff",
]
