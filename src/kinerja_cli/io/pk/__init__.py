"""The PK workbook (Perjanjian Kinerja): reading and validating it, the blank template that
`kinerja init` writes, the parsed-PK cache beside the store, and next year's carried-over PK.
"""

from kinerja_cli.io.pk.cache import CACHE_NAME, PKOutline, read_pk_cached, read_pk_outline
from kinerja_cli.io.pk.carry import carry_over_pk
from kinerja_cli.io.pk.reader import PKResult, read_pk, read_pk_bytes
from kinerja_cli.io.pk.template import write_pk_template

__all__ = [
    "CACHE_NAME",
    "PKOutline",
    "PKResult",
    "carry_over_pk",
    "read_pk",
    "read_pk_bytes",
    "read_pk_cached",
    "read_pk_outline",
    "write_pk_template",
]
