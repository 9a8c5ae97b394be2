"""Pure domain: models, capaian rules, number parsing, findings. Standard library only."""
