"""Read and write kinerja.toml (docs/contract.md §9). An invalid setting names its key and line."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kinerja_cli.domain.capaian import SKALA_DEFAULT, SkalaPredikat
from kinerja_cli.domain.models import Rumus
from kinerja_cli.domain.settings import (
    BUKTI_WAJIB,
    FORMAT_LAPORAN,
    LANGKAH_SOP,
    Settings,
    default_mulai,
)
from kinerja_cli.errors import KinerjaError
from kinerja_cli.io.atomic import atomic_write_text

CONFIG_NAME = "kinerja.toml"


def render_default_config(
    tahun: int,
    pk: str = "pk.xlsx",
    tahun_lalu: str = "",
    formats: tuple[str, ...] = FORMAT_LAPORAN,
) -> str:
    """The commented kinerja.toml that `kinerja init` writes, with every default (`formats`:
    the report formats this installation can write)."""
    mulai = default_mulai(tahun)
    pairs = [(int(b), n) for b, n in SKALA_DEFAULT.ambang] + [(0, SKALA_DEFAULT.terendah)]
    skala = "\n".join(f'[[predikat]]\nbatas = {b}\nnama = "{n}"\n' for b, n in pairs)
    durasi = "\n".join(f"{k} = {d:<3} # langkah {no}: {label}" for k, no, label, d in LANGKAH_SOP)
    return f"""# kinerja.toml — pengaturan ruang kerja Pengukuran Kinerja
# Semua isian boleh diubah. Baris yang diawali # adalah keterangan.

[umum]
# Tahun anggaran yang diukur (sesuai Perjanjian Kinerja).
tahun = {tahun}
# Berkas Perjanjian Kinerja (PK) di ruang kerja ini.
pk = "{pk}"

[capaian]
# Rumus bawaan untuk indikator ber-Arah "turun" bila kolom Rumus di PK kosong:
# "2T-R" = (2T − R) / T × 100 (bawaan, lazim di LKjIP) atau "T/R" = T / R × 100.
rumus_turun = "2T-R"
# Batas atas sumbangan satu indikator ke rata-rata sasaran/dinas, dalam persen
# (misalnya 120). 0 berarti tidak dibatasi. Capaian indikator sendiri tidak pernah dipotong.
batas_rata_rata = 0

# Skala predikat (Permendagri 86/2017): capaian >= batas mendapat nama ini.
# Dihitung pada nilai yang belum dibulatkan. Urutkan dari batas tertinggi; batas terakhir 0.
{skala}
[jadwal]
# Tanggal mulai SOP (rapat koordinasi) untuk tiap periode, format TTTT-BB-HH.
mulai_tw1 = {mulai["TW1"].isoformat()}
mulai_tw2 = {mulai["TW2"].isoformat()}
mulai_tw3 = {mulai["TW3"].isoformat()}
mulai_tw4 = {mulai["TW4"].isoformat()}
mulai_tahunan = {mulai["tahunan"].isoformat()}
# Lama tiap langkah dalam hari kerja (mutu baku SOP); Sabtu, Minggu dan libur nasional dilewati.
{durasi}

[formulir]
# Kata sandi proteksi lembar formulir. Kosong = proteksi tanpa kata sandi.
# Proteksi lembar hanya mencegah salah ketik; kinerja tetap membandingkan isian dengan PK.
kata_sandi = ""
# Kepada siapa formulir dikembalikan (ditulis di lembar Petunjuk).
kembalikan_ke = "Subbagian Perencanaan dan Pelaporan"

[laporan]
# Format laporan bawaan (pilihan: html, docx, xlsx, pdf). pdf hanya dicantumkan bila paket
# tambahan kinerja-cli[pdf] terpasang saat kinerja init; setelah memasangnya, tambahkan "pdf".
format = {json.dumps(list(formats))}

[riwayat]
# Ruang kerja atau folder arsip tahun lalu (diisi oleh `kinerja init --dari`). Bila diisi,
# compile dan report menampilkan realisasi dan capaian tahun lalu per kode indikator.
tahun_lalu = {json.dumps(tahun_lalu, ensure_ascii=False)}

[bukti]
# Bukti dukung: berkas yang disebut di kolom Bukti Dukung formulir ditaruh di folder bukti/
# ruang kerja ini (boleh bersubfolder); collect memperingatkan nama berkas yang tidak ada dan
# archive menyalin setiap berkas yang disebut beserta SHA-256-nya.
# wajib: apakah Bukti Dukung harus diisi untuk setiap indikator yang realisasinya diisi pada
# triwulan periode: "mati" (tidak wajib), "peringatan" (peringatan bila kosong) atau "galat"
# (formulir ditolak bila kosong).
wajib = "mati"
"""


def write_default_config(
    path: Path,
    tahun: int,
    pk: str = "pk.xlsx",
    tahun_lalu: str = "",
    formats: tuple[str, ...] = FORMAT_LAPORAN,
) -> None:
    """Write the default kinerja.toml atomically."""
    atomic_write_text(path, render_default_config(tahun, pk, tahun_lalu, formats))


def _line_of(text: str, key: str) -> int | None:
    pat = re.compile(rf"^\s*{re.escape(key)}\s*=", re.MULTILINE)
    m = pat.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _bad(path: Path, text: str, key: str, msg: str) -> KinerjaError:
    line = _line_of(text, key.split(".")[-1])
    where = f"{path.name}" + (f" baris {line}" if line else "")
    return KinerjaError(f"pengaturan '{key}' tidak sah: {msg}", location=where)


def load_settings(path: Path) -> Settings:
    """Load kinerja.toml; raise KinerjaError naming key and line for an invalid setting."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise KinerjaError(f"tidak dapat membaca {path}: {exc.strerror}") from exc
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise KinerjaError(f"{path.name} bukan TOML yang sah: {exc}") from exc
    umum = data.get("umum", {})
    cap = data.get("capaian", {})
    jadwal = data.get("jadwal", {})
    form = data.get("formulir", {})
    lap = data.get("laporan", {})
    tahun = umum.get("tahun", 0)
    if not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        raise _bad(path, text, "umum.tahun", f"{tahun!r}; isi tahun empat angka, mis. 2025")
    pk = umum.get("pk", "pk.xlsx")
    if not isinstance(pk, str) or not pk:
        raise _bad(path, text, "umum.pk", 'isi nama berkas PK, mis. "pk.xlsx"')
    try:
        rumus = Rumus(str(cap.get("rumus_turun", "2T-R")).strip().upper())
    except ValueError:
        raise _bad(path, text, "capaian.rumus_turun", 'pilih "2T-R" atau "T/R"') from None
    batas_raw = cap.get("batas_rata_rata", 0)
    try:
        batas = Decimal(str(batas_raw))
        if batas < 0 or isinstance(batas_raw, bool):
            raise InvalidOperation
    except InvalidOperation:
        raise _bad(
            path, text, "capaian.batas_rata_rata", "isi angka >= 0 (0 = tanpa batas)"
        ) from None
    skala = _load_skala(path, text, data.get("predikat"))
    mulai: dict[str, dt.date] = {}
    for pk_key in ("tw1", "tw2", "tw3", "tw4", "tahunan"):
        key = f"mulai_{pk_key}"
        if key in jadwal:
            v = jadwal[key]
            if not isinstance(v, dt.date) or isinstance(v, dt.datetime):
                raise _bad(path, text, f"jadwal.{key}", "isi tanggal TTTT-BB-HH, mis. 2025-07-01")
            mulai["tahunan" if pk_key == "tahunan" else pk_key.upper()] = v
    durasi = {k: d for k, _, _, d in LANGKAH_SOP}
    for k in durasi:
        if k in jadwal:
            v = jadwal[k]
            if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 60:
                raise _bad(path, text, f"jadwal.{k}", "isi jumlah hari kerja 0-60")
            durasi[k] = v
    sandi = form.get("kata_sandi", "")
    if not isinstance(sandi, str):
        raise _bad(path, text, "formulir.kata_sandi", "isi teks (boleh kosong)")
    kembali = form.get("kembalikan_ke", Settings.kembalikan_ke)
    riwayat = data.get("riwayat", {})
    tahun_lalu = riwayat.get("tahun_lalu", "")
    if not isinstance(tahun_lalu, str):
        raise _bad(path, text, "riwayat.tahun_lalu", "isi teks jalur folder (boleh kosong)")
    bukti = data.get("bukti", {})
    wajib = bukti.get("wajib", "mati") if isinstance(bukti, dict) else None
    if wajib not in BUKTI_WAJIB:
        raise _bad(path, text, "bukti.wajib", 'pilih "mati", "peringatan" atau "galat"')
    fmt = lap.get("format", list(FORMAT_LAPORAN))
    if not isinstance(fmt, list) or any(f not in FORMAT_LAPORAN for f in fmt):
        raise _bad(path, text, "laporan.format", f"pilih dari {', '.join(FORMAT_LAPORAN)}")
    return Settings(
        tahun=tahun,
        pk=pk,
        rumus_turun=rumus,
        batas_rata_rata=batas if batas > 0 else None,
        skala=skala,
        mulai=mulai,
        durasi=durasi,
        kata_sandi=sandi,
        format_laporan=tuple(fmt),
        kembalikan_ke=str(kembali),
        tahun_lalu=tahun_lalu,
        bukti_wajib=str(wajib),
    )


def _load_skala(path: Path, text: str, raw: object) -> SkalaPredikat:
    if raw is None:
        return SKALA_DEFAULT
    if not isinstance(raw, list) or not raw:
        raise _bad(path, text, "predikat", "tulis sebagai [[predikat]] dengan batas dan nama")
    rows: list[tuple[Decimal, str]] = []
    for item in raw:
        if not isinstance(item, dict) or "batas" not in item or "nama" not in item:
            raise _bad(path, text, "predikat", "setiap [[predikat]] perlu batas dan nama")
        try:
            b = Decimal(str(item["batas"]))
        except InvalidOperation:
            raise _bad(path, text, "batas", f"{item['batas']!r} bukan angka") from None
        rows.append((b, str(item["nama"])))
    rows.sort(key=lambda r: r[0], reverse=True)
    # The lowest band catches everything below the others, whatever its own batas says.
    return SkalaPredikat(tuple(rows[:-1]), rows[-1][1])
