"""``saagieapi.v2.utils``: the 2.x module paths of the helpers 2.x scripts import (``folder_functions``, and
``gql_client.GqlClient``: what ``saagie.client.execute(...)`` is).

2.x's other transport classes (``request_client.RequestClient``, ``bearer_auth.BearerAuth``) are not here:
``saagieapi.v2`` has one transport, the typed client's (``saagie.typed``).
"""
