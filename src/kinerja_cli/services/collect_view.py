"""Build collect's answer from the store: per file (versions, changes, feedback), per bidang.

Everything here reads the store, never a fresh parse, so a first run and a re-run on the same
inbox say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kinerja_cli.domain.findings import Finding
from kinerja_cli.domain.models import PK
from kinerja_cli.domain.periode import Periode
from kinerja_cli.domain.rules import Code, finding
from kinerja_cli.domain.tanggal import tanggal_id
from kinerja_cli.io.pk import PKOutline
from kinerja_cli.io.workspace import Workspace
from kinerja_cli.services.collect_result import (
    BELUM,
    DITAHAN,
    DITERIMA,
    DITOLAK,
    DUPLIKAT,
    PERIODE_LAIN,
    BidangResult,
    FileResult,
)
from kinerja_cli.services.received import Deadlines, received_of

WORKBOOK_KINDS = ("xlsx", "xlsm")


def _waktu(iso: str) -> str:
    try:
        t = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{tanggal_id(t.date())} {t:%H.%M}"


class View:
    """collect's answer for one run."""

    def __init__(
        self,
        ws: Workspace,
        store: Any,
        pk: PK | PKOutline,
        parsed: set[str],
        failed: dict[str, FileResult],
    ) -> None:
        self.ws, self.store, self.pk = ws, store, pk
        self.parsed, self.failed = parsed, failed
        self.deadlines = Deadlines(ws)
        # The inbox's submissions, read at once: nothing the view writes changes what it reads.
        self._by_sha: dict[str, Any] = {}
        self._findings: dict[int, list[tuple[Any, ...]]] = {}
        self._by_id: dict[int, Any] = {}

    def _known(self, sha: str) -> Any:
        return self._by_sha.get(sha)

    def _submission(self, sub_id: int) -> Any:
        sub = self._by_id.get(sub_id)
        return sub if sub is not None else self.store.submission(sub_id)

    # ---- per file -----------------------------------------------------------------------

    def files(self, entries: Sequence[Any], periode_wajib: Periode | None) -> list[FileResult]:
        """One result per inbox file, in listing order; identical bytes count once."""
        self._by_sha = self.store.known_many(e.sha for e in entries if e.fixed is None)
        self._by_id = {sub.id: sub for sub in self._by_sha.values()}
        self._findings = self.store.findings_many(self._by_id)
        groups: dict[str, list[str]] = {}
        for e in entries:
            if e.fixed is None:
                groups.setdefault(e.sha, []).append(e.name)
        primary: dict[str, str] = {}
        for sha, names in groups.items():
            sub = self._known(sha)
            primary[sha] = sub.name if sub is not None and sub.name in names else names[0]
        out: list[FileResult] = []
        for e in entries:
            asli = getattr(e, "escaped", None)
            if e.fixed is not None:
                out.append(e.fixed)
                if e.fixed.kind == "too-large":
                    e.fixed.file_asli = asli
                    e.fixed.umpan_balik = self._feedback_unread(e.fixed)
            elif primary[e.sha] != e.name:
                out.append(self._duplicate(e.name, e.sha, primary[e.sha]))
            elif e.sha in self.failed:
                out.append(self.failed[e.sha])
            else:
                out.append(self._stored(e.name, e.sha, periode_wajib, asli))
            out[-1].file_asli = asli
        self._findings = {}  # the rows are in the results now
        return out

    def _duplicate(self, name: str, sha: str, first: str) -> FileResult:
        sub = self._known(sha)
        return FileResult(
            name,
            sha,
            DUPLIKAT,
            sub.bidang if sub else None,
            sub.periode if sub else None,
            findings=[finding(Code.DUPLIKAT_IDENTIK, file=name, pertama=first)],
            kind=sub.kind if sub else None,
            duplikat_dari=first,
        )

    def _stored(
        self, name: str, sha: str, periode_wajib: Periode | None, asli: str | None = None
    ) -> FileResult:
        sub = self._known(sha)
        fr = FileResult(
            name,
            sha,
            sub.status,
            sub.bidang,
            sub.periode,
            findings=[
                Finding(c, sev, m, file=name, sheet=sh, cell=ce, kode=k)
                for c, sev, m, sh, ce, k in self._findings.get(sub.id, ())
            ],
            kind=sub.kind,
            form_id=sub.form_id,
            received=sub.received,
            dibaca=sha in self.parsed,
            file_asli=asli,
        )
        per = sub.periode_obj()
        if (
            periode_wajib is not None
            and per is not None
            and per.data_kode != periode_wajib.data_kode
        ):
            # One inbox for the year: a form of another periode is listed and left alone.
            fr.status, fr.findings = PERIODE_LAIN, []
            opsi = "" if per.tahunan else f" --triwulan {per.triwulan}"
            fr.catatan.append(f"formulir {per.label}; dikumpulkan dengan: kinerja collect{opsi}")
            return fr
        if sub.ditahan:
            self._held(fr, per)
            return fr
        if sub.status == DITERIMA:
            self._accepted_notes(fr, sub)
            self._late(fr, sub, per)
        elif sub.bidang and sub.data_periode:
            self._rejected_notes(fr, sub)
        if fr.terbuka:
            fr.umpan_balik = self._feedback(fr, sub)
        return fr

    def _held(self, fr: FileResult, per: Periode | None) -> None:
        """docs/contract.md §12: the file's periode is archived and closed."""
        from kinerja_cli.store import lifecycle

        fr.status = DITAHAN
        event = lifecycle.data_closing(self.store, per) if per is not None else None
        if event is None or per is None:
            return
        closed = Periode.parse(event.periode)
        opsi = "" if closed.tahunan else f" --triwulan {closed.triwulan}"
        fr.findings.insert(
            0,
            finding(
                Code.PERIODE_DITUTUP,
                file=fr.file,
                periode=closed.label,
                versi=event.versi,
                waktu=_waktu(event.at),
                opsi=opsi,
            ),
        )
        fr.catatan.append("ditahan: periodenya sudah diarsipkan")

    def _overridden(self, fr: FileResult, sub: Any) -> None:
        from kinerja_cli.services.koreksi import display
        from kinerja_cli.store import corrections

        for c in corrections.overridden_by(self.store, sub.id):
            kolom = f"Realisasi {c.field}" if c.kind != "narasi" else c.field.replace("_", " ")
            fr.findings.append(
                finding(
                    Code.KOREKSI_DITIMPA,
                    file=fr.file,
                    sheet=c.sheet,
                    kode=c.kode,
                    kolom=kolom,
                    baru=display(c, corrections.own_value(self.store.data(sub), c)),
                    basis=display(c, c.basis),
                    koreksi=display(c, c.baru),
                    oleh=c.oleh,
                    waktu=_waktu(c.at),
                )
            )

    def _accepted_notes(self, fr: FileResult, sub: Any) -> None:
        self._overridden(fr, sub)
        if sub.supersedes is not None:
            prev = self._submission(sub.supersedes)
            fr.menggantikan = prev.name
            fr.perubahan = self.store.perubahan(sub)
            fr.catatan.append(
                f"menggantikan versi {prev.name} ({_waktu(prev.received)}); "
                f"{fr.perubahan} nilai berubah"
            )
        if sub.superseded_by is not None:
            newer = self._submission(sub.superseded_by)
            fr.digantikan_oleh = newer.name
            fr.catatan.append(f"digantikan oleh versi yang lebih baru: {newer.name}")

    def _rejected_notes(self, fr: FileResult, sub: Any) -> None:
        win = self.store.winner(sub.bidang, sub.data_periode)
        if win is None:
            return
        if (win.received_ns, win.name, win.id) > (sub.received_ns, sub.name, sub.id):
            fr.terselesaikan = True
            fr.catatan.append(f"sudah diganti versi yang diterima: {win.name}")
        else:
            fr.catatan.append(
                f"versi terbaru ditolak; versi sebelumnya yang dipakai ({win.name}, "
                f"{_waktu(win.received)})"
            )

    def _late(self, fr: FileResult, sub: Any, per: Periode | None) -> None:
        """docs/reliability.md E63: a file received after the return deadline is accepted, but
        flagged; received = the earlier of its mtime and when collect first saw it."""
        if per is None:
            return
        sent = received_of(sub)
        batas = self.deadlines.late(per, sent)
        if sent is not None and batas is not None:
            fr.findings.append(
                finding(
                    Code.TERLAMBAT,
                    file=fr.file,
                    tanggal=tanggal_id(sent.date()),
                    batas=tanggal_id(batas),
                )
            )

    def _example_form(self, sub: Any) -> str:
        """A form name of this workspace to show as an example: the bidang's own, else the last
        one issued, else the naming pattern."""
        forms = self.store.forms()
        own = [f[3] for f in forms if sub.bidang and f[1] == sub.bidang]
        if own or forms:
            return (own or [f[3] for f in forms])[-1]
        return f"{self.ws.settings.tahun}-TW1-KODE-Nama-Bidang.xlsx"

    def _feedback(self, fr: FileResult, sub: Any, *, text_only: bool = False) -> Path | None:
        """The feedback file for a rejected file: reuse the one written earlier, else write it.

        Its name comes from the lossless file name (docs/reliability.md C9): bounded, valid on
        every file system, and different for different inbox files (`SEK.xlsx`, `SEK.xlsm`)."""
        from kinerja_cli.io.form import (
            feedback_name,
            fits_openpyxl,
            write_feedback_text,
            write_feedback_workbook,
        )
        from kinerja_cli.store.berkas import read_copy

        if sub.umpan_balik and not text_only:
            earlier = self.ws.root / sub.umpan_balik
            if earlier.is_file():
                return earlier
        kembali = self.ws.settings.kembalikan_ke
        asal = fr.file_asli or fr.file
        path: Path | None = None
        data = None if text_only else read_copy(self.ws, sub.sha256)
        if data is not None and sub.kind in WORKBOOK_KINDS and sub.bidang and fits_openpyxl(data):
            try:
                path = write_feedback_workbook(
                    data,
                    fr.findings,
                    self.ws.umpan_balik / feedback_name(asal, ".xlsx"),
                    original=fr.file,
                    kembalikan_ke=kembali,
                )
            except Exception:  # an odd workbook openpyxl cannot round-trip: say it in text
                path = None
        if path is None:
            try:
                path = write_feedback_text(
                    fr.findings,
                    self.ws.umpan_balik / feedback_name(asal, ".txt"),
                    original=fr.file,
                    kind=sub.kind,
                    sha256=sub.sha256,
                    received=sub.received,
                    kembalikan_ke=kembali,
                    alasan=(
                        "Berkas ini formulir untuk periode lain, sehingga ditolak untuk periode "
                        "yang sedang dikumpulkan:"
                    )
                    if text_only
                    else None,
                    contoh=self._example_form(sub),
                )
            except Exception as exc:  # e.g. the old feedback is open in Excel
                fr.catatan.append(f"umpan balik tidak dapat ditulis: {exc}")
                return None
        if not text_only:
            self.store.set_feedback(sub.id, path.relative_to(self.ws.root).as_posix())
        return path

    def _feedback_unread(self, fr: FileResult) -> Path | None:
        """The text feedback of a file refused by its size alone (never read, so not in the
        store): written once, from what the listing knows."""
        from kinerja_cli.io.form import feedback_name, write_feedback_text

        path = self.ws.umpan_balik / feedback_name(fr.file_asli or fr.file, ".txt")
        if path.is_file():
            return path
        try:
            return write_feedback_text(
                fr.findings,
                path,
                original=fr.file,
                kind=fr.kind or "unknown",
                sha256="(tidak dihitung: berkas terlalu besar, tidak dibaca)",
                received=fr.received or "-",
                kembalikan_ke=self.ws.settings.kembalikan_ke,
            )
        except Exception as exc:  # e.g. the old feedback is open in Excel
            fr.catatan.append(f"umpan balik tidak dapat ditulis: {exc}")
            return None

    # ---- per bidang ---------------------------------------------------------------------

    def bidang(
        self, files: Sequence[FileResult], periode_wajib: Periode | None
    ) -> tuple[list[BidangResult], list[str]]:
        """Each bidang with PK rows: diterima / ditolak / belum, for the periode(s) seen."""
        keys: dict[str, str] = {}
        if periode_wajib is not None:
            keys[periode_wajib.data_kode] = periode_wajib.kode
        else:
            for f in files:
                if f.periode and f.status in (DITERIMA, DITOLAK):
                    keys.setdefault(Periode.parse(f.periode).data_kode, f.periode)
            if not keys:
                forms = self.store.forms()
                if forms:
                    last = Periode.parse(forms[-1][0])
                    keys[last.data_kode] = last.kode
        out: list[BidangResult] = []
        for data_kode, label in sorted(keys.items()):
            for b in self.pk.bidang_with_rows():
                win = self.store.winner(b.kode, data_kode)
                if win is not None:
                    out.append(
                        BidangResult(b.kode, b.nama, label, DITERIMA, win.name, win.received)
                    )
                    continue
                versions = self.store.versions(b.kode, data_kode)
                if versions:
                    last_sub = versions[-1]
                    out.append(
                        BidangResult(
                            b.kode, b.nama, label, DITOLAK, last_sub.name, last_sub.received
                        )
                    )
                else:
                    out.append(BidangResult(b.kode, b.nama, label, BELUM))
        return out, list(keys.values())
