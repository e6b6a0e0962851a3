"""A user's script that uses the SDK's types correctly: mypy --strict must pass on it."""

from saagieapi import SaagieApi


def jobs_in(api: SaagieApi) -> int:
    info = api.get_platform_info()
    return info.counts.jobs + 1
