"""Agency names as printed in kop, titles, forms and signature blocks (docs/contract.md §16).

The PK's `Identitas` is typed in many ways: `Kabupaten Siak` or `Pemerintah Kabupaten Siak`;
`Dinas Kesehatan` or `Dinas Kesehatan Kabupaten Siak`; `Kepala Dinas` or `Kepala Dinas
Kesehatan Kabupaten Siak`. Every printed name is built here from its parts, so no document
repeats a word group ("PEMERINTAH PEMERINTAH …", "… KABUPATEN SIAK KABUPATEN SIAK"). Pure:
strings in, strings out.
"""

from __future__ import annotations

import re

_PEMERINTAH = "pemerintah"
_PLT = ("Plt.", "Plh.", "Pj.", "Pjs.")


def rapi(text: str) -> str:
    """Spaces collapsed (NBSP too), ends trimmed."""
    return " ".join(str(text or "").replace("\u00a0", " ").split())


def _kata(text: str) -> list[str]:
    return rapi(text).split()


def _sama(a: list[str], b: list[str]) -> bool:
    return [w.casefold().rstrip(",") for w in a] == [w.casefold().rstrip(",") for w in b]


def tanpa_ulang(text: str) -> str:
    """A word group repeated back to back kept once: `Pemerintah Pemerintah Kabupaten X` and
    `Kabupaten X Kabupaten X` (case-insensitive; the first spelling stays)."""
    words = _kata(text)
    changed = True
    while changed:
        changed = False
        for n in range(len(words) // 2, 0, -1):
            for i in range(len(words) - 2 * n + 1):
                if _sama(words[i : i + n], words[i + n : i + 2 * n]):
                    del words[i + n : i + 2 * n]
                    changed = True
                    break
            if changed:
                break
    return " ".join(words)


def wilayah(pemda: str) -> str:
    """The region without `Pemerintah`: `Kabupaten Siak` from either way of typing it."""
    words = _kata(pemda)
    while words and words[0].casefold() == _PEMERINTAH:
        words = words[1:]
    return " ".join(words)


def pemerintah(pemda: str) -> str:
    """`Pemerintah Kabupaten Siak` from `Kabupaten Siak` or `Pemerintah Kabupaten Siak`."""
    w = wilayah(pemda)
    return f"Pemerintah {w}" if w else ""


def _strip_suffix(words: list[str], suffix: list[str]) -> list[str]:
    n = len(suffix)
    if n and len(words) > n and _sama(words[-n:], suffix):
        return words[:-n]
    return words


def perangkat_daerah(pd: str, pemda: str = "") -> str:
    """The agency without its region: `Dinas Kesehatan` from `Dinas Kesehatan` or
    `Dinas Kesehatan Kabupaten Siak` (or `… Pemerintah Kabupaten Siak`)."""
    words = _kata(pd)
    w = _kata(wilayah(pemda))
    if w:
        words = _strip_suffix(words, w)
        words = _strip_suffix(words, ["Pemerintah"])
    return tanpa_ulang(" ".join(words))


def perangkat_daerah_lengkap(pd: str, pemda: str = "") -> str:
    """The agency with its region once: `Dinas Kesehatan Kabupaten Siak`."""
    inti = perangkat_daerah(pd, pemda)
    w = wilayah(pemda)
    if not inti:
        return w
    if not w or w.casefold() in inti.casefold():
        return inti
    return f"{inti} {w}"


def _plt(jabatan: str) -> tuple[str, str]:
    j = rapi(jabatan)
    for p in _PLT:
        if j.casefold().startswith(p.casefold()):
            return p, j[len(p) :].strip()
    return "", j


def jabatan_kepala(jabatan: str, pd: str, pemda: str = "", singkatan: str = "") -> str:
    """`Plt. Kepala Dinas Kesehatan Kabupaten Siak` from `Kepala Dinas`, `Plt. Kepala`,
    `Kepala Dinas Kesehatan` or the whole title typed out; `Plt.`/`Plh.` kept as typed."""
    plt, inti = _plt(jabatan)
    inti = inti or "Kepala"
    nama_pd = perangkat_daerah(pd, pemda)
    w = wilayah(pemda)
    words = _kata(inti)
    if w:
        words = _strip_suffix(words, _kata(w))
        words = _strip_suffix(words, ["Pemerintah"])
    inti = " ".join(words)
    low = inti.casefold()
    sing = rapi(singkatan).casefold()
    if nama_pd and nama_pd.casefold() not in low and not (sing and sing in low):
        kata, pd_kata = inti.split(), nama_pd.split()
        # "Kepala Dinas" + "Dinas Kesehatan": the shared word once
        for n in range(min(len(kata), len(pd_kata)), 0, -1):
            if _sama(kata[-n:], pd_kata[:n]):
                pd_kata = pd_kata[n:]
                break
        inti = " ".join([*kata, *pd_kata])
    if w and w.casefold() not in inti.casefold():
        inti = f"{inti} {w}"
    return tanpa_ulang(f"{plt} {inti}".strip())


def jabatan_tanpa_plt(jabatan: str) -> tuple[str, str]:
    """(`Plt.`, the rest) of a jabatan as typed; ("", jabatan) when there is no prefix."""
    return _plt(jabatan)


_SPASI_TANDA = re.compile(r"\s+([,.;:])")


def judul(*bagian: str) -> str:
    """Parts of a title joined once: no doubled word group, no space before punctuation."""
    return _SPASI_TANDA.sub(r"\1", tanpa_ulang(" ".join(rapi(b) for b in bagian if rapi(b))))
