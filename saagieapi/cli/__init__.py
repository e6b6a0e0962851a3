"""The ``saagie`` command line (install with ``pip install 'saagieapi[cli]'``)."""
