"""Reproducible comparisons of saagieapi 3 with saagieapi 2.13.1 and a raw httpx floor (``make bench``)."""
