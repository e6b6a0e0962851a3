"""``python -m benchmarks [--quick] [--scenario cold_start,get_info,...] [--out results.json]``."""

from __future__ import annotations

from .runner import main

if __name__ == "__main__":
    main()
