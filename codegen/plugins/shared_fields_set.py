"""ariadne-codegen plugin: model instances that set every field share one ``__pydantic_fields_set__``.

pydantic gives each model instance its own ``set`` of the field names it was given: about 0.2-0.7 KB per
instance, more than half the memory of a job instance with its history and version (five models). This
plugin adds a ``model_post_init`` to the generated ``BaseModel`` that swaps that set, when it names every
field of the class, for one set shared by the class. pydantic only ever *adds* field names to this set
(assignment, ``model_copy`` works on a copy), and adding a field name to a set that already holds all of
them changes nothing, so every instance keeps seeing its own exact fields-set.
"""

import re

from ariadne_codegen.plugins.base import Plugin

_ANCHOR = "class BaseModel(PydanticBaseModel):\n"
_SHARED = """

#: Per generated model class, the set of all its field names (shared by the instances that set them all).
_FULL_FIELDS_SETS: "dict[type, set[str]]" = {}
"""
_METHOD = '''
    def model_post_init(self, context: Any, /) -> None:
        """Share the class's set of all field names when this instance set every field (memory)."""
        fields_set = self.__pydantic_fields_set__
        cls = type(self)
        full = _FULL_FIELDS_SETS.get(cls)
        if full is None:
            full = _FULL_FIELDS_SETS.setdefault(cls, set(cls.__pydantic_fields__))
        if fields_set is not full and fields_set == full:
            object.__setattr__(self, "__pydantic_fields_set__", full)
'''


class SharedFieldsSetPlugin(Plugin):
    """Adds the shared fields-set ``model_post_init`` to the generated ``base_model.py``."""

    def copy_code(self, copied_code: str) -> str:
        if _ANCHOR not in copied_code:
            return copied_code  # another copied file (base clients)
        head, rest = copied_code.split(_ANCHOR, 1)
        # the class body ends at the next top-level statement
        body_end = next(
            (i for i, line in enumerate(rest.splitlines(keepends=True)) if line.strip() and not line[0].isspace()),
            None,
        )
        lines = rest.splitlines(keepends=True)
        body, after = (lines, []) if body_end is None else (lines[:body_end], lines[body_end:])
        while body and not body[-1].strip():
            body.pop()
        if "from typing import Any" not in head:
            # with the standard-library imports, before the first third-party one
            pydantic_import = re.search(r"^from pydantic\b", head, re.MULTILINE)
            at = pydantic_import.start() if pydantic_import else len(head)
            head = head[:at].rstrip("\n") + "\nfrom typing import Any\n\n" + head[at:]
        return head.rstrip("\n") + "\n" + _SHARED + "\n\n" + _ANCHOR + "".join(body) + _METHOD + "\n\n" + "".join(after)
