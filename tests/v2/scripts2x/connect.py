"""Connection of the 2.x-style scripts: the emulator's settings from the environment."""

import os

from saagieapi import SaagieApi


def connect():
    return SaagieApi(
        url_saagie=os.environ["SAAGIE_URL"],
        id_platform=os.environ["SAAGIE_PLATFORM_ID"],
        user=os.environ["SAAGIE_USER"],
        password=os.environ["SAAGIE_PASSWORD"],
        realm=os.environ["SAAGIE_REALM"],
    )
