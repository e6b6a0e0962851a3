# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.profiles``: user profiles (REST).

This file is the single source: ``saagieapi/_sync/profiles.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

import builtins
import os

from pydantic import TypeAdapter

from .._core.responses import answer_model, answer_value
from .._export_files import write_json
from .._rest import rest_url, translate_not_found, warn_verify_ssl
from ..rest_models import Profile
from .resource import Resource

__all__ = ["Profiles"]

_PROFILES = TypeAdapter(list[Profile])


class Profiles(Resource):
    """Methods of ``api.profiles``: the job title and email of each user (REST API)."""

    def _url(self, *names: str) -> str:
        url = rest_url(self._api.settings.url_saagie, "profiles/api", *names)
        return url if names else url + "/"  # the list is served at "profiles/api/" (trailing slash)

    def list(self, verify_ssl: bool | None = None) -> builtins.list[Profile]:
        """Every user profile (login, job title, email).

        Example::

            emails = {profile.login: profile.email for profile in api.profiles.list()}
        """
        warn_verify_ssl(verify_ssl)
        response = self._transport.request("GET", self._url())
        return answer_value(_PROFILES, response.content, what="the list of profiles")

    def get_info(self, user_name: str, verify_ssl: bool | None = None) -> Profile:
        """The profile of one user (NotFoundError when there is no such login).

        Example::

            job_title = (api.profiles.get_info("alice")).job
        """
        warn_verify_ssl(verify_ssl)
        with translate_not_found("profile", user_name):
            response = self._transport.request("GET", self._url(user_name))
        return answer_model(Profile, response.content, what="a profile")

    def edit(
        self,
        user_name: str,
        job_title: str | None = None,
        email: str | None = None,
        verify_ssl: bool | None = None,
    ) -> bool:
        """Change a user's job title (``DATA_ENGINEER``, ``PROJECT_MANAGER``...) and/or email.

        ``None`` keeps the current value; ``""`` clears it (2.x could not clear either).

        Example::

            api.profiles.edit("alice", job_title="DATA_ENGINEER", email="alice@example.com")
        """
        warn_verify_ssl(verify_ssl)
        current = self.get_info(user_name)
        body = {
            "login": user_name,
            "job": job_title if job_title is not None else current.job,
            "email": email if email is not None else current.email,
        }
        with translate_not_found("profile", user_name):
            self._transport.request("PUT", self._url(user_name), json_body=body)
        return True

    def export(self, output_folder: str | os.PathLike[str], verify_ssl: bool | None = None) -> bool:
        """Write every profile to ``<output_folder>/profiles.json`` (the 2.x layout), atomically.

        Example::

            api.profiles.export("backup/")
        """
        warn_verify_ssl(verify_ssl)
        profiles = self.list()
        write_json(output_folder, "profiles.json", [profile.to_json_dict() for profile in profiles])
        return True
