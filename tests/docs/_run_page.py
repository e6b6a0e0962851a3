"""Run the blocks of one documentation page in order, in one namespace (used by test_code_blocks.py).

    python -X dev _run_page.py BLOCKS.json [--close-clients]

BLOCKS.json: ``[{"where": ..., "code": ...}, ...]``. On the first failing block, prints ``FAILED <where>``
and the traceback on stderr and exits 1. ``--close-clients`` closes the SDK clients a page leaves in its
namespace (a guide's set-up opens ``api`` once for the whole page); README.md runs without it: its snippets
close their clients themselves.
"""

import gc
import json
import sys
import traceback

with open(sys.argv[1], encoding="utf-8") as file:
    blocks = json.load(file)
namespace: dict[str, object] = {"__name__": "__main__"}
for block in blocks:
    try:
        exec(compile(block["code"], block["where"], "exec"), namespace)
    except BaseException:
        sys.stdout.flush()
        sys.stderr.write(f"FAILED {block['where']}\n{traceback.format_exc()}")
        sys.exit(1)
if "--close-clients" in sys.argv:
    for value in gc.get_objects():
        if type(value).__name__ == "SaagieApi":
            value.close()  # closing twice is harmless
namespace.clear()
gc.collect()
