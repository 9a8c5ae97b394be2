"""kinerja: Pengukuran Kinerja (SAKIP) perangkat daerah dari lembar kerja."""

__version__ = "0.1.0"
