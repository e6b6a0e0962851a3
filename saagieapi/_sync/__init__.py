# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
