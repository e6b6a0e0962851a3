"""The initial content of a fresh platform: realm, admin user and group, and the "Saagie" catalog."""

from __future__ import annotations

import uuid

from .model import Context, Group, Profile, Repository, SyncReport, Technology, User, new_id
from .store import StoreData

__all__ = [
    "DEFAULT_GROUP",
    "DEFAULT_PASSWORD",
    "DEFAULT_PLATFORM_ID",
    "DEFAULT_REALM",
    "DEFAULT_USER",
    "SAAGIE_REPOSITORY_ID",
    "seed_data",
    "stable_id",
]

DEFAULT_REALM = "saagie"
DEFAULT_PLATFORM_ID = 1
DEFAULT_USER = "admin"
DEFAULT_PASSWORD = "saagie-emulator"  # noqa: S105 - documented, local-only default
DEFAULT_GROUP = "administrators"
_NAMESPACE = uuid.UUID("5a a9 1e 00 00 00 40 00 80 00 00 00 00 00 00 01".replace(" ", ""))
SAAGIE_REPOSITORY_ID = str(uuid.uuid5(_NAMESPACE, "repository:Saagie"))


def stable_id(name: str) -> str:
    """Deterministic UUIDs for catalog entries, so ids survive resets and restarts."""
    return str(uuid.uuid5(_NAMESPACE, name))


def _docker(image: str, version: str) -> dict[str, str]:
    return {"image": image, "version": version}


def _job_tech(label: str, contexts: list[tuple[str, str, str]], *, spark: bool = False) -> Technology:
    kind = "SparkTechnology" if spark else "JobTechnology"
    ctx_kind = "SparkContext" if spark else "JobContext"
    tech_id = stable_id(f"technology:{label}")
    built = []
    for index, (ctx_id, ctx_label, image) in enumerate(contexts):
        built.append(
            Context(
                id=ctx_id,
                label=ctx_label,
                recommended=index == len(contexts) - 1,
                docker_info=_docker(image, ctx_id),
                kind=ctx_kind,
            )
        )
    return Technology(
        id=tech_id,
        technology_id=label.lower().replace("/", "-").replace(" ", "-"),
        label=label,
        repository_id=SAAGIE_REPOSITORY_ID,
        kind=kind,
        contexts=built,
        custom_flags=["Spark"] if spark else [],
        description=f"{label} jobs",
    )


def _app_tech(
    label: str, contexts: list[tuple[str, str, str]], *, ports: list[int], volumes: list[str] | None = None
) -> Technology:
    tech_id = stable_id(f"technology:{label}")
    built = [
        Context(
            id=ctx_id,
            label=ctx_label,
            recommended=True,
            docker_info=_docker(image, ctx_id),
            ports=[
                {
                    "name": f"{label} port {port}",
                    "port": port,
                    "base_path": "SAAGIE_BASE_PATH",
                    "rewrite_url": False,
                    "scope": "PROJECT",
                }
                for port in ports
            ],
            volumes=[{"path": path, "size": "10.0 GB"} for path in (volumes or [])],
            kind="AppCatalogContext",
        )
        for ctx_id, ctx_label, image in contexts
    ]
    return Technology(
        id=tech_id,
        technology_id=label.lower().replace(" ", "-"),
        label=label,
        repository_id=SAAGIE_REPOSITORY_ID,
        kind="AppTechnology",
        contexts=built,
        custom_flags=["GenericApp"] if label == "Docker image" else [],
        baseline=f"{label} on Saagie",
        description=f"{label} app",
    )


def _spark() -> Technology:
    tech = _job_tech("Spark", [("3.1", "3.1", "saagie/spark:3.1"), ("3.5", "3.5", "saagie/spark:3.5")], spark=True)
    for context in tech.contexts:
        context.technology_contexts = [
            Context(
                id=f"{language}-{version}",
                label=f"{language} {version}",
                kind="SparkTechnologyContext",
                job_contexts=[
                    Context(
                        id=version,
                        label=version,
                        docker_info=_docker(f"saagie/spark-{language}", version),
                        kind="SparkJobContext",
                    )
                ],
            )
            for language, version in (("python", "3.9"), ("java-scala", "11"))
        ]
    return tech


def catalog() -> list[Technology]:
    """Job and app technologies of the "Saagie" repository (labels and contexts as on the platform)."""
    return [
        _job_tech(
            "Python",
            [(v, v, f"saagie/python:{v}") for v in ("3.8", "3.9", "3.10", "3.11", "3.12")],
        ),
        _spark(),
        _job_tech("Bash", [("debian11-bullseye", "Debian 11 (bullseye)", "saagie/bash:debian11")]),
        _job_tech("Java/Scala", [("11", "11", "saagie/java:11"), ("17", "17", "saagie/java:17")]),
        _job_tech("R", [("4.2", "4.2", "saagie/r:4.2"), ("4.3", "4.3", "saagie/r:4.3")]),
        _job_tech("Generic", [("latest", "Docker image", "saagie/generic:latest")]),
        _job_tech("SQOOP", [("1.4.7", "1.4.7", "saagie/sqoop:1.4.7")]),
        _job_tech("Talend", [("7.3", "7.3", "saagie/talend:7.3")]),
        _app_tech("Docker image", [("docker-image", "Docker image", "docker-image")], ports=[]),
        _app_tech("Kibana", [("kibana-7.15.1", "7.15.1", "saagie/kibana")], ports=[5601]),
        _app_tech("Grafana", [("grafana-8.2", "8.2", "saagie/grafana")], ports=[3000], volumes=["/var/lib/grafana"]),
        _app_tech(
            "Jupyter Notebook",
            [
                ("jupyterlab-3.8-3.9", "JupyterLab 3.8 / 3.9", "saagie/jupyterlab"),
                ("jupyterlab-genai-4.0-py3.11", "JupyterLab+GenAI 4.0 Python 3.11", "saagie/jupyterlab-genai"),
            ],
            ports=[8888],
            volumes=["/notebooks-dir"],
        ),
        _app_tech("CloudBeaver", [("cloudbeaver-23", "23.0", "saagie/cloudbeaver")], ports=[8978]),
        _app_tech("Dash", [("dash-2", "2.9", "saagie/dash")], ports=[8050]),
        _app_tech("Metabase", [("metabase-0.46", "0.46", "saagie/metabase")], ports=[3000]),
        _app_tech("MLFlow Server", [("mlflow-2.3", "2.3", "saagie/mlflow")], ports=[5000]),
        _app_tech("Nifi", [("nifi-1.19", "1.19", "saagie/nifi")], ports=[8080]),
        _app_tech("OrientDB", [("orientdb-3.2", "3.2", "saagie/orientdb")], ports=[2480]),
        _app_tech("PGAdmin 4", [("pgadmin-7", "7.0", "saagie/pgadmin4")], ports=[80]),
        _app_tech("RStudio", [("rstudio-4.2", "4.2", "saagie/rstudio")], ports=[8787]),
        _app_tech("Spark History Server", [("shs-3.1", "3.1", "saagie/spark-history")], ports=[18080]),
        _app_tech("Zeppelin Notebook", [("zeppelin-0.10", "0.10", "saagie/zeppelin")], ports=[8080]),
    ]


def seed_data(
    *,
    realm: str = DEFAULT_REALM,
    platform_id: int = DEFAULT_PLATFORM_ID,
    user: str = DEFAULT_USER,
    password: str = DEFAULT_PASSWORD,
    group: str = DEFAULT_GROUP,
) -> StoreData:
    """A fresh platform: one admin user in one admin group, and the "Saagie" catalog."""
    data = StoreData(realm=realm, platform_id=platform_id, platform_name=f"Emulated platform {platform_id}")
    data.users[user] = User(
        login=user,
        password=password,
        roles=["ROLE_ADMIN", "ROLE_READER"],
        platforms=[platform_id],
        groups=[group],
        protected=True,
    )
    data.groups[group] = Group(
        name=group,
        users=[user],
        protected=True,
        role="ROLE_ADMIN",
        authorizations=[
            {
                "platformId": platform_id,
                "platformName": data.platform_name,
                "permissions": [{"artifact": {"type": "PROJECTS_ENVVAR_EDITOR"}, "role": "ROLE_PROJECT_ENVVAR_EDITOR"}],
            }
        ],
        realm_authorization={"permissions": [{"artifact": {"type": "TECHNOLOGY_CATALOG"}, "role": "ROLE_ACCESS"}]},
    )
    data.profiles[user] = Profile(login=user, job="DATA_ENGINEER", email=f"{user}@{realm}.example.com")
    technologies = catalog()
    repository = Repository(
        id=SAAGIE_REPOSITORY_ID,
        name="Saagie",
        source={"url": "https://github.com/saagie/technologies/releases/latest/download/technologies.zip"},
        creator="saagie",
        editor="saagie",
        read_only=True,
        technology_ids=[tech.id for tech in technologies],
    )
    repository.reports.append(SyncReport(id=new_id(), source=dict(repository.source), trigger_type="INITIAL"))
    data.repositories[repository.id] = repository
    for tech in technologies:
        data.technologies[tech.id] = tech
    return data
