"""The parsed PK, remembered beside the store (`.kinerja/pk-cache.json`) under its SHA-256.

Reading a regency-size PK with openpyxl takes seconds (200 bidang x 50 indicators: ~2.5 s),
and collect, compile, report and status each need it. The cache is plain JSON (never pickle:
a workspace may come from someone else), is keyed by the PK's bytes, the `rumus_turun`
setting and the kinerja version, and is only an optimisation: anything odd about it means
the PK is simply read again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from kinerja_cli import __version__
from kinerja_cli.domain.findings import Finding
from kinerja_cli.domain.models import (
    PK,
    Arah,
    BarisAnggaran,
    Bidang,
    Identitas,
    Indikator,
    Rentang,
    Rumus,
    Sasaran,
    Sifat,
    TargetValue,
)

CACHE_NAME = "pk-cache.json"
# 2: DPA plan (Rencana TW), 3: PK.kolom, 4: a blank parent Pagu is computed,
# 5: Renstra and component columns
FORMAT = 5


def _target(v: TargetValue | None) -> Any:
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, Rentang):
        return {"r": [str(v.bawah), str(v.atas)]}
    return {"d": str(v)}


def _untarget(v: Any) -> TargetValue | None:
    if v is None or isinstance(v, bool):
        return v
    if "r" in v:
        return Rentang(Decimal(v["r"][0]), Decimal(v["r"][1]))
    return Decimal(v["d"])


def encode(pk: PK) -> dict[str, Any]:
    """The PK as JSON-ready data (Decimals as text, so they come back exactly)."""
    idn = pk.identitas
    return {
        "identitas": dict(idn.__dict__),
        "bidang": [dict(b.__dict__) for b in pk.bidang],
        "sasaran": [[s.kode, s.nama] for s in pk.sasaran],
        "indikator": [
            [
                i.kode,
                i.sasaran,
                i.nama,
                i.satuan,
                i.arah.value,
                i.sifat.value,
                i.rumus.value,
                _target(i.target),
                i.target_teks,
                [_target(t) for t in i.target_tw],
                list(i.target_tw_teks),
                i.bidang,
                i.definisi,
                i.baris,
                _target(i.target_renstra),
                i.target_renstra_teks,
                _target(i.realisasi_renstra_lalu),
                i.pembilang,
                i.penyebut,
            ]
            for i in pk.indikator
        ],
        "anggaran": [
            [
                a.kode,
                a.uraian,
                a.bidang,
                str(a.pagu),
                a.sasaran,
                a.baris,
                [None if v is None else str(v) for v in a.rencana_tw],
                None if a.pagu_renstra is None else str(a.pagu_renstra),
                None if a.realisasi_renstra_lalu is None else str(a.realisasi_renstra_lalu),
            ]
            for a in pk.anggaran
        ],
        "sha256": pk.sha256,
        "kolom": {sheet: dict(cols) for sheet, cols in pk.kolom.items()},
    }


def decode(data: dict[str, Any]) -> PK:
    """The PK back from `encode`."""
    indikator = []
    for (
        kode,
        sasaran,
        nama,
        satuan,
        arah,
        sifat,
        rumus,
        target,
        target_teks,
        target_tw,
        target_tw_teks,
        bidang,
        definisi,
        baris,
        target_renstra,
        target_renstra_teks,
        realisasi_renstra_lalu,
        pembilang,
        penyebut,
    ) in data["indikator"]:
        tw = tuple(_untarget(t) for t in target_tw)
        teks = tuple(target_tw_teks)
        indikator.append(
            Indikator(
                kode,
                sasaran,
                nama,
                satuan,
                Arah(arah),
                Sifat(sifat),
                Rumus(rumus),
                _untarget(target),  # type: ignore[arg-type]
                target_teks,
                (tw[0], tw[1], tw[2], tw[3]),
                (teks[0], teks[1], teks[2], teks[3]),
                bidang,
                definisi,
                baris,
                _untarget(target_renstra),
                target_renstra_teks,
                _untarget(realisasi_renstra_lalu),  # type: ignore[arg-type]
                pembilang,
                penyebut,
            )
        )
    return PK(
        identitas=Identitas(**data["identitas"]),
        bidang=tuple(Bidang(**b) for b in data["bidang"]),
        sasaran=tuple(Sasaran(k, n) for k, n in data["sasaran"]),
        indikator=tuple(indikator),
        anggaran=tuple(
            BarisAnggaran(
                k,
                u,
                b,
                Decimal(p),
                s,
                r,
                tuple(None if v is None else Decimal(v) for v in rt),
                None if pr is None else Decimal(pr),
                None if rr is None else Decimal(rr),
            )
            for k, u, b, p, s, r, rt, pr, rr in data["anggaran"]
        ),
        sha256=data["sha256"],
        kolom=data.get("kolom", {}),
    )


def _code_stamp() -> str:
    """Size and time of the reader's code (io/, domain/): a fix installed without a new
    version number still invalidates the cache."""
    root = Path(__file__).resolve().parents[2]
    try:
        stats = [p.stat() for d in ("io", "domain") for p in (root / d).rglob("*.py")]
    except OSError:
        return ""
    return f"{len(stats)}:{sum(s.st_size for s in stats)}:{max((s.st_mtime_ns for s in stats), default=0)}"


def _key(sha256: str, rumus_turun: Rumus) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "kinerja": __version__,
        "kode": _code_stamp(),
        "sha256": sha256,
        "rumus_turun": rumus_turun.value,
    }


def read_pk_cached(
    path: Path, cache: Path, rumus_turun: Rumus = Rumus.DUA_T_MINUS_R
) -> tuple[PK | None, list[Finding]]:
    """`io.pk_reader.read_pk`, answered from `cache` when it holds this very PK."""
    from kinerja_cli.errors import KinerjaError
    from kinerja_cli.io.pk.reader import read_pk_bytes

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise KinerjaError(
            f"berkas PK tidak dapat dibaca: {exc.strerror}", location=str(path)
        ) from exc
    key = _key(hashlib.sha256(data).hexdigest(), rumus_turun)
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored["key"] == key:
            pk = None if stored["pk"] is None else decode(stored["pk"])
            return pk, [Finding(**f) for f in stored["findings"]]
    except Exception:  # missing, old or damaged cache: read the PK itself
        pass
    res = read_pk_bytes(data, Path(path).name, rumus_turun)
    doc = {
        "key": key,
        "pk": None if res.pk is None else encode(res.pk),
        "findings": [dict(f.__dict__) for f in res.findings],
    }
    try:
        from kinerja_cli.io.atomic import atomic_write_text

        atomic_write_text(cache, json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    except Exception:  # read-only workspace, full disk...: the cache is only an optimisation
        pass
    return res.pk, res.findings


@dataclass(frozen=True)
class PKOutline:
    """What a command needs of a PK without its indicators: the year and the bidang that own
    an indikator or anggaran row (`PK.bidang_with_rows`)."""

    tahun: int
    bidang: tuple[Bidang, ...]

    def bidang_with_rows(self) -> tuple[Bidang, ...]:
        """As `PK.bidang_with_rows`."""
        return self.bidang


def read_pk_outline(
    path: Path,
    cache: Path,
    rumus_turun: Rumus = Rumus.DUA_T_MINUS_R,
) -> tuple[PKOutline, list[Finding]] | None:
    """The outline and findings of the PK straight from `cache`, without building its 10,000
    indicators; None when the cache does not hold this very PK (or it could not be read):
    then use `read_pk_cached`."""
    try:
        key = _key(hashlib.sha256(Path(path).read_bytes()).hexdigest(), rumus_turun)
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored["key"] != key or stored["pk"] is None:
            return None
        data = stored["pk"]
        owners = {row[11] for row in data["indikator"]} | {row[2] for row in data["anggaran"]}
        bidang = tuple(b for b in (Bidang(**b) for b in data["bidang"]) if b.kode in owners)
        outline = PKOutline(Identitas(**data["identitas"]).tahun, bidang)
        return outline, [Finding(**f) for f in stored["findings"]]
    except Exception:  # missing, old or damaged cache: the caller reads the PK
        return None
