"""Run the blocks of one documentation page in order, in one namespace (used by test_code_blocks.py).

    python -X dev _run_page.py BLOCKS.json [--close-clients]

BLOCKS.json: ``[{"where": ..., "code": ...}, ...]``. On the first failing block, prints ``FAILED <where>``
and the traceback on stderr and exits 1. ``--close-clients`` closes the SDK clients a page leaves in its
namespace (a guide's set-up opens ``api`` once for the whole page); README.md runs without it: its snippets
close their clients themselves. The runner holds the clients alive at the end of each block until then: a later
block that rebinds ``api`` (``with SaagieApi.from_env() as api:``) would otherwise let the set-up's client be
collected with its connections open, a warning that depends on when the garbage collector runs.
"""

import gc
import json
import sys
import traceback

with open(sys.argv[1], encoding="utf-8") as file:
    blocks = json.load(file)
namespace: dict[str, object] = {"__name__": "__main__"}
close_clients = "--close-clients" in sys.argv
clients: list[object] = []
for block in blocks:
    try:
        exec(compile(block["code"], block["where"], "exec"), namespace)
    except BaseException:
        sys.stdout.flush()
        sys.stderr.write(f"FAILED {block['where']}\n{traceback.format_exc()}")
        sys.exit(1)
    if close_clients:
        clients.extend(value for value in gc.get_objects() if type(value).__name__ == "SaagieApi")
if close_clients:
    for value in clients + gc.get_objects():
        if type(value).__name__ == "SaagieApi":
            value.close()  # closing twice is harmless
namespace.clear()
gc.collect()
