"""``saagieapi.v2.utils``: the 2.x module path of the helpers 2.x scripts import (``folder_functions``).

2.x's transport classes (``gql_client.GqlClient``, ``request_client.RequestClient``, ``bearer_auth.BearerAuth``)
are not here: ``saagieapi.v2`` has one transport, the typed client's (``saagie.typed``).
"""
