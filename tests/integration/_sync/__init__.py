# Generated from tests/integration/_async by scripts/regenerate.py (unasync). Do not edit.
